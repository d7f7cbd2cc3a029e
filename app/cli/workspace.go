package cli

// A workspace as plain files: `export workspace DIR` writes what a
// consultant keeps in git and reviews as a diff (funnels, emails, scripts,
// segments, scoring, fields, lists, teammates, settings without secrets,
// the gallery's provenance; contacts only when asked), and `import
// workspace DIR` brings them back. Every file is canonical (sorted keys,
// two-space indent, a trailing newline, stable order), so export → import
// → export gives the same bytes. The import compares the files with what
// the workspace would export: it changes only what differs, and a dry run
// prints that list and writes nothing.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"flightplan/engine"
	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/mail"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// workspaceFormat is the first line of workspace.json: a directory without
// it is not taken for a workspace's files.
const workspaceFormat = "flightplan.workspace/v1"

var workspaceText = struct {
	readme, wrote, unchanged, plan, applied, dryRun, kept, notADir, notEmpty, contacts string
}{
	contacts: "contacts.csv: %d contacts added, %d already in the workspace left as they are",
	notEmpty: "%s holds other files and no workspace.json: export into a new or empty folder, or one an export wrote",
	readme: `This folder is a Flightplan workspace as plain files, written by
"flightplan export workspace" and read back by "flightplan import workspace".
Keep it in git: a change to a funnel, an email or a rule is a readable diff.

  workspace.json        the format of this folder
  funnels/ID.flow.json  each funnel's draft (engine/flow/FORMAT.md): publish
                        after an import to put a change live
  emails/ID.json        each email's name, subject, preheader and sender
                        (and its blocks, for an email made with blocks)
  emails/ID.html        the body of an email written in HTML (Liquid)
  scripts/NAME.KIND.lua each Lua script of the workspace (the library's own
                        scripts are not copied)
  segments/ID.json      each segment's rules, as the segment editor makes them
  scoring.json          the lead-scoring rules, in order, and the decay
  fields.json           the custom contact fields and their types
  lists.json            the contact lists
  teammates.json        the people alert steps write to
  events.json           the event types declared by name
  settings.json         the settings changed from their defaults
  gallery.json          which gallery funnel each funnel was made from
  contacts.csv          only with --contacts: each contact's fields, lists,
                        tags, stage and consent (not their history)

Left out on purpose: the secrets (%[1]s), which stay
in this computer's keyring; set them again with "flightplan settings set".
Also left out: what happened (events, journeys, the journal, the outbox,
the mailbox, scores), which belongs to the workspace, not to its design.

---

Ce dossier est un espace de travail Flightplan en fichiers ordinaires,
écrit par « flightplan export workspace » et relu par « flightplan import
workspace ». Gardez-le dans git : un changement à un tunnel, un courriel ou
une règle se lit comme une différence.

  workspace.json        le format de ce dossier
  funnels/ID.flow.json  le brouillon de chaque tunnel (engine/flow/FORMAT.md) :
                        publiez après une importation pour le mettre en ligne
  emails/ID.json        le nom, l’objet, le texte d’aperçu et l’expéditeur de
                        chaque courriel (et ses blocs, s’il est fait de blocs)
  emails/ID.html        le corps d’un courriel écrit en HTML (Liquid)
  scripts/NAME.KIND.lua chaque script Lua de l’espace de travail (ceux de la
                        bibliothèque ne sont pas copiés)
  segments/ID.json      les règles de chaque segment, comme l’éditeur les fait
  scoring.json          les règles de pointage, dans l’ordre, et leur usure
  fields.json           les champs de contact personnalisés et leur type
  lists.json            les listes de contacts
  teammates.json        les personnes à qui les étapes d’alerte écrivent
  events.json           les types d’événements déclarés par leur nom
  settings.json         les réglages changés depuis leur valeur par défaut
  gallery.json          le modèle de la galerie dont vient chaque tunnel
  contacts.csv          seulement avec --contacts : les champs, listes,
                        étiquettes, étape et consentement de chaque contact
                        (pas leur historique)

Laissés de côté exprès : les secrets (%[1]s), qui restent
dans le trousseau de cet ordinateur ; redonnez-les avec « flightplan
settings set ». Aussi laissé de côté : ce qui s’est passé (événements,
parcours, journal, file d’envoi, boîte de test, pointages), qui appartient
à l’espace de travail, pas à sa conception.
`,
	wrote:     "%s: %d files written\n",
	unchanged: "nothing to change: the workspace already holds these files\n",
	plan:      "%-9s %s\n",
	applied:   "%d files brought in\n",
	dryRun:    "dry run: nothing written\n",
	kept:      "only in the workspace, kept: %s\n",
	notADir:   "%s: not a workspace's files: it has no workspace.json with \"format\": %q",
}

// canonical is v as JSON with sorted keys, two-space indent, HTML left as
// typed (Liquid's < and > stay readable) and a trailing newline.
func canonical(v any) ([]byte, error) {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&raw)
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	enc = json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(generic); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// wsFiles is a workspace as files: path (slash-separated, relative) → bytes.
type wsFiles map[string][]byte

func (w wsFiles) put(path string, v any) error {
	b, err := canonical(v)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	w[path] = b
	return nil
}

// emailHeader is an email's JSON beside its HTML body.
type emailHeader struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Subject   string       `json:"subject"`
	Preheader string       `json:"preheader,omitempty"`
	FromName  string       `json:"from_name,omitempty"`
	FromEmail string       `json:"from_email,omitempty"`
	Text      string       `json:"text,omitempty"`
	Blocks    []mail.Block `json:"blocks,omitempty"`
}

type scoringFile struct {
	Rules []scoringRuleFile `json:"rules"`
	Decay contacts.Decay    `json:"decay"`
}

type scoringRuleFile struct {
	Name    string                `json:"name"`
	Event   string                `json:"event"`
	Filters []contacts.PropFilter `json:"filters"`
	Points  float64               `json:"points"`
	Enabled bool                  `json:"enabled"`
}

type fieldFile struct {
	Name    string             `json:"name"`
	Type    contacts.FieldType `json:"type"`
	Label   string             `json:"label"`
	Options []string           `json:"options,omitempty"`
}

// contactColumns are contacts.csv's columns after the fields.
var contactColumns = []string{"lists", "tags", "stage", "unsubscribed", "bounced", "created_at"}

// workspaceFiles reads the workspace into its files; secrets are the
// secret settings left out.
func workspaceFiles(eng *engine.Engine, withContacts bool) (files wsFiles, secrets []string, err error) {
	bg := context.Background()
	w := wsFiles{}
	if err := w.put("workspace.json", map[string]string{"format": workspaceFormat}); err != nil {
		return nil, nil, err
	}
	flows, err := eng.Store.ListFlows()
	if err != nil {
		return nil, nil, err
	}
	for _, fi := range flows {
		f, _, err := eng.Store.Flow(fi.ID)
		if err != nil {
			return nil, nil, err
		}
		b, err := flow.Marshal(f)
		if err != nil {
			return nil, nil, fmt.Errorf("funnel %q: %w", fi.ID, err)
		}
		w["funnels/"+fi.ID+".flow.json"] = b
	}
	emails, err := eng.EmailTemplates()
	if err != nil {
		return nil, nil, err
	}
	for _, t := range emails {
		if err := fileName("email", t.ID); err != nil {
			return nil, nil, err
		}
		h := emailHeader{ID: t.ID, Name: t.Name, Subject: t.Subject, Preheader: t.Preheader, FromName: t.FromName, FromEmail: t.FromEmail, Text: t.Text, Blocks: t.Blocks}
		if err := w.put("emails/"+t.ID+".json", h); err != nil {
			return nil, nil, err
		}
		if len(t.Blocks) == 0 {
			w["emails/"+t.ID+".html"] = []byte(t.HTML)
		}
	}
	scs, err := eng.Store.Scripts(bg)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range scs {
		if err := fileName("script", s.Name); err != nil {
			return nil, nil, err
		}
		w["scripts/"+s.Name+"."+s.Kind+".lua"] = []byte(s.Source)
	}
	segs, err := eng.Segments(bg)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range segs {
		if err := fileName("segment", s.ID); err != nil {
			return nil, nil, err
		}
		s.UpdatedAt = time.Time{}
		if err := w.put("segments/"+s.ID+".json", s); err != nil {
			return nil, nil, err
		}
	}
	cfg, err := eng.ScoringConfig(bg)
	if err != nil {
		return nil, nil, err
	}
	sf := scoringFile{Rules: []scoringRuleFile{}, Decay: cfg.Decay}
	for _, r := range cfg.Rules {
		if r.Filters == nil {
			r.Filters = []contacts.PropFilter{}
		}
		sf.Rules = append(sf.Rules, scoringRuleFile{r.Name, r.Event, r.Filters, r.Points, r.Enabled})
	}
	if err := w.put("scoring.json", sf); err != nil {
		return nil, nil, err
	}
	defs, err := eng.Fields(bg)
	if err != nil {
		return nil, nil, err
	}
	fields := []fieldFile{}
	for _, d := range defs {
		if !d.Identity && d.Type != contacts.TypeDateTime {
			fields = append(fields, fieldFile{d.Name, d.Type, d.Label, d.Options})
		}
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
	if err := w.put("fields.json", fields); err != nil {
		return nil, nil, err
	}
	sizes, err := eng.Store.ListSizes(bg)
	if err != nil {
		return nil, nil, err
	}
	lists := []string{}
	for _, l := range sizes {
		lists = append(lists, l.Name)
	}
	if err := w.put("lists.json", lists); err != nil {
		return nil, nil, err
	}
	mates, err := eng.Teammates()
	if err != nil {
		return nil, nil, err
	}
	if mates == nil {
		mates = []store.Teammate{}
	}
	if err := w.put("teammates.json", mates); err != nil {
		return nil, nil, err
	}
	declared, err := eng.DeclaredEventTypes()
	if err != nil {
		return nil, nil, err
	}
	if declared == nil {
		declared = []string{}
	}
	sort.Strings(declared)
	if err := w.put("events.json", map[string][]string{"declared": declared}); err != nil {
		return nil, nil, err
	}
	values := map[string]string{}
	for _, e := range settings.List(eng.Store) {
		switch {
		case e.Secret:
			secrets = append(secrets, e.Key)
		case e.Error != "":
			return nil, nil, fmt.Errorf("setting %s cannot be read: %s", e.Key, e.Error)
		case !e.IsDefault && e.ReadOnly.En == "":
			values[e.Key] = e.Value
		}
	}
	if err := w.put("settings.json", values); err != nil {
		return nil, nil, err
	}
	prov, err := eng.GalleryProvenance()
	if err != nil {
		return nil, nil, err
	}
	for id := range prov {
		if _, ok := w["funnels/"+id+".flow.json"]; !ok {
			delete(prov, id) // the funnel was deleted since
		}
	}
	if err := w.put("gallery.json", prov); err != nil {
		return nil, nil, err
	}
	if withContacts {
		b, err := contactsCSV(eng, fields)
		if err != nil {
			return nil, nil, err
		}
		w["contacts.csv"] = b
	}
	w["README.txt"] = []byte(fmt.Sprintf(workspaceText.readme, strings.Join(secrets, ", ")))
	return w, secrets, nil
}

// fileName checks that an id can name a file of its own: letters, digits,
// '-', '_' and '.', not starting with a dot (what a funnel's id may be), so
// no id writes outside its folder or over another's file.
func fileName(what, id string) error {
	if err := flow.CheckID(id); err != nil {
		return fmt.Errorf("%s %q: its id cannot be a file's name (letters, digits, '-', '_' and '.'): give it a plain id to export the workspace", what, id)
	}
	return nil
}

// contactsCSV writes every contact, by email: email, identity fields,
// custom fields (by name), then contactColumns. Lists and tags are joined
// with "|", which names rarely hold.
func contactsCSV(eng *engine.Engine, fields []fieldFile) ([]byte, error) {
	all, err := eng.AllContacts(context.Background())
	if err != nil {
		return nil, err
	}
	ident := contact.IdentityFields[1:]
	header := append([]string{"email"}, ident...)
	for _, f := range fields {
		header = append(header, f.Name)
	}
	header = append(header, contactColumns...)
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Write(header)
	for _, c := range all {
		rec := []string{c.Email}
		for _, k := range ident {
			rec = append(rec, c.Identity[k])
		}
		for _, f := range fields {
			switch x := c.Fields[f.Name].(type) {
			case bool:
				rec = append(rec, yesNo(x))
			default:
				rec = append(rec, contact.ToString(x))
			}
		}
		lists, tags := append([]string{}, c.Lists...), append([]string{}, c.Tags...)
		sort.Strings(lists)
		sort.Strings(tags)
		rec = append(rec, strings.Join(lists, "|"), strings.Join(tags, "|"), c.Stage, yesNo(c.Unsubscribed), yesNo(c.Bounced), c.CreatedAt.UTC().Format(time.RFC3339))
		cw.Write(rec)
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// managed says whether a path (relative, slash-separated) is one export
// workspace writes: only those are read back, or removed when stale.
func managed(path string) bool {
	dir, name := filepath.Split(filepath.ToSlash(path))
	switch dir {
	case "":
		switch name {
		case "workspace.json", "scoring.json", "fields.json", "lists.json", "teammates.json", "events.json", "settings.json", "gallery.json", "contacts.csv", "README.txt":
			return true
		}
	case "funnels/":
		return strings.HasSuffix(name, ".flow.json")
	case "emails/":
		return strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".html")
	case "scripts/":
		return strings.HasSuffix(name, ".lua")
	case "segments/":
		return strings.HasSuffix(name, ".json")
	}
	return false
}

// readWorkspaceDir reads the managed files of dir.
func readWorkspaceDir(dir string) (wsFiles, error) {
	head, err := os.ReadFile(filepath.Join(dir, "workspace.json"))
	var format struct{ Format string }
	if err != nil || json.Unmarshal(head, &format) != nil || format.Format != workspaceFormat {
		return nil, fmt.Errorf(workspaceText.notADir, dir, workspaceFormat)
	}
	w := wsFiles{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && strings.Count(rel, "/") > 0 || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !managed(rel) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		w[rel] = b
		return nil
	})
	return w, err
}

// writeWorkspaceDir writes files into dir, removing the managed files
// that are no longer part of the workspace (a deleted funnel's file), so
// the folder's diff shows the deletion.
func writeWorkspaceDir(dir string, files wsFiles) error {
	// A folder that holds other things and no workspace.json is not ours to
	// clean: its settings.json or README.txt would be overwritten.
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, "workspace.json")); err != nil {
			return fmt.Errorf(workspaceText.notEmpty, dir)
		}
	}
	old, err := readWorkspaceDirLoose(dir)
	if err != nil {
		return err
	}
	for rel := range old {
		if _, keep := files[rel]; !keep {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
				return err
			}
		}
	}
	for _, rel := range sortedPaths(files) {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[rel], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// readWorkspaceDirLoose lists the managed files already in dir, which may
// not exist yet or not hold a workspace.
func readWorkspaceDirLoose(dir string) (wsFiles, error) {
	w := wsFiles{}
	for _, sub := range []string{".", "funnels", "emails", "scripts", "segments"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			rel := e.Name()
			if sub != "." {
				rel = sub + "/" + rel
			}
			if !e.IsDir() && managed(rel) {
				w[rel] = nil
			}
		}
	}
	return w, nil
}

func sortedPaths(w wsFiles) []string {
	out := make([]string, 0, len(w))
	for p := range w {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func cmdExportWorkspace(c *ctx, dir string, withContacts bool) int {
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	files, _, err := workspaceFiles(eng, withContacts)
	if err != nil {
		return c.fail("export workspace: %v", err)
	}
	if err := writeWorkspaceDir(dir, files); err != nil {
		return c.fail("export workspace: %v", err)
	}
	if c.json {
		c.emit(map[string]any{"dir": dir, "files": sortedPaths(files)})
		return 0
	}
	fmt.Fprintf(c.stdout, c.pick(workspaceText.wrote, "%s : %d fichiers écrits\n"), dir, len(files))
	return 0
}

// change is one file an import brings in.
type change struct {
	Path string `json:"path"`
	// What is "new" (the workspace has no such thing) or "changed".
	What string `json:"what"`
}

func cmdImportWorkspace(c *ctx, dir string, dryRun bool) int {
	files, err := readWorkspaceDir(dir)
	if err != nil {
		return c.fail("import workspace: %v", err)
	}
	delete(files, "README.txt") // regenerated by each export; never read
	var eng *engine.Engine
	if dryRun {
		eng, err = c.openToRead()
	} else {
		eng, err = c.open("import workspace")
	}
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	_, withContacts := files["contacts.csv"]
	current, _, err := workspaceFiles(eng, withContacts)
	if err != nil {
		return c.fail("import workspace: %v", err)
	}
	var changes []change
	var kept []string
	for _, p := range sortedPaths(files) {
		old, ok := current[p]
		switch {
		case !ok:
			changes = append(changes, change{p, "new"})
		case !bytes.Equal(old, files[p]):
			changes = append(changes, change{p, "changed"})
		}
	}
	for _, p := range sortedPaths(current) {
		if _, ok := files[p]; !ok && p != "README.txt" {
			kept = append(kept, p)
		}
	}
	// Every file is read before anything is written: a syntax error in one
	// stops the import whole, at its file and line.
	var notes []string
	items, err := parseWorkspaceFiles(files, changes, &notes, c.pick(workspaceText.contacts, "contacts.csv : %d contacts ajoutés, %d déjà dans l’espace de travail laissés tels quels"))
	if err != nil {
		return c.fail("import workspace: %v", err)
	}
	if c.json && dryRun {
		c.emit(map[string]any{"changes": nonNilChanges(changes), "kept": nonNilStrings(kept), "dry_run": true})
		return 0
	}
	if !c.json {
		if len(changes) == 0 {
			fmt.Fprint(c.stdout, c.pick(workspaceText.unchanged, "rien à changer : l’espace de travail contient déjà ces fichiers\n"))
		}
		for _, ch := range changes {
			what := ch.What
			if c.language() == "fr" {
				what = map[string]string{"new": "nouveau", "changed": "modifié"}[what]
			}
			fmt.Fprintf(c.stdout, workspaceText.plan, what, ch.Path)
		}
		if len(kept) > 0 {
			fmt.Fprintf(c.stdout, c.pick(workspaceText.kept, "seulement dans l’espace de travail, gardé : %s\n"), strings.Join(kept, ", "))
		}
		if dryRun {
			fmt.Fprint(c.stdout, c.pick(workspaceText.dryRun, "essai : rien n’a été enregistré\n"))
			return 0
		}
	}
	status := 0
	for _, step := range items {
		if err := step.apply(eng); err != nil {
			status = c.fail("import workspace: %v", err)
		}
	}
	eng.Poke()
	if c.json {
		c.emit(map[string]any{"changes": nonNilChanges(changes), "kept": nonNilStrings(kept), "notes": nonNilStrings(notes), "dry_run": false})
	} else if status == 0 {
		for _, n := range notes {
			fmt.Fprintln(c.stdout, n)
		}
		fmt.Fprintf(c.stdout, c.pick(workspaceText.applied, "%d fichiers importés\n"), len(changes))
	}
	return status
}

func nonNilChanges(cs []change) []change {
	if cs == nil {
		return []change{}
	}
	return cs
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// wsItem is one thing to bring in, parsed; apply writes it.
type wsItem struct {
	order int // things named by others come first: fields, lists… funnels
	path  string
	apply func(eng *engine.Engine) error
}

// parseWorkspaceFiles reads each changed file into what it brings in, in
// the order they depend on each other.
func parseWorkspaceFiles(files wsFiles, changes []change, notes *[]string, contactsNote string) ([]wsItem, error) {
	bg := context.Background()
	var items []wsItem
	add := func(order int, path string, fn func(eng *engine.Engine) error) {
		items = append(items, wsItem{order, path, func(eng *engine.Engine) error {
			if err := fn(eng); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			return nil
		}})
	}
	strict := func(path string, v any) error {
		if err := decodeStrict(files[path], v); err != nil {
			return fmt.Errorf("%s:%v", path, err)
		}
		return nil
	}
	emailsDone := map[string]bool{}
	for _, ch := range changes {
		p := ch.Path
		dir, name := filepath.Split(p)
		switch {
		case p == "workspace.json":
		case p == "fields.json":
			var fs []fieldFile
			if err := strict(p, &fs); err != nil {
				return nil, err
			}
			add(0, p, func(eng *engine.Engine) error {
				for _, f := range fs {
					if err := eng.DefineField(bg, contacts.FieldDef{Name: f.Name, Type: f.Type, Label: f.Label, Options: f.Options}); err != nil {
						return err
					}
				}
				return nil
			})
		case p == "lists.json":
			var ls []string
			if err := strict(p, &ls); err != nil {
				return nil, err
			}
			add(0, p, func(eng *engine.Engine) error {
				for _, l := range ls {
					if _, err := eng.CreateList(bg, l); err != nil {
						return err
					}
				}
				return nil
			})
		case p == "teammates.json":
			var ts []store.Teammate
			if err := strict(p, &ts); err != nil {
				return nil, err
			}
			add(0, p, func(eng *engine.Engine) error { return eng.SetTeammates(ts) })
		case p == "events.json":
			var ev struct {
				Declared []string `json:"declared"`
			}
			if err := strict(p, &ev); err != nil {
				return nil, err
			}
			add(0, p, func(eng *engine.Engine) error {
				for _, t := range ev.Declared {
					if _, err := eng.DeclareEventType(t); err != nil {
						return err
					}
				}
				return nil
			})
		case p == "settings.json":
			var vals map[string]string
			if err := strict(p, &vals); err != nil {
				return nil, err
			}
			for k, v := range vals {
				if _, err := settings.Check(k, v); err != nil {
					return nil, fmt.Errorf("%s: %v", p, err)
				}
			}
			add(0, p, func(eng *engine.Engine) error { return settings.Set(eng.Store, vals) })
		case dir == "emails/":
			id := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".html")
			if emailsDone[id] {
				continue
			}
			emailsDone[id] = true
			head, body := "emails/"+id+".json", "emails/"+id+".html"
			var h emailHeader
			if _, ok := files[head]; !ok {
				return nil, fmt.Errorf("%s: no %s beside it (its name and subject)", body, head)
			}
			if err := strict(head, &h); err != nil {
				return nil, err
			}
			if h.ID != id {
				return nil, fmt.Errorf("%s: its id is %q, its file name says %q", head, h.ID, id)
			}
			t := mail.Template{ID: h.ID, Name: h.Name, Subject: h.Subject, Preheader: h.Preheader, FromName: h.FromName, FromEmail: h.FromEmail, Text: h.Text, Blocks: h.Blocks, HTML: string(files[body])}
			add(1, head, func(eng *engine.Engine) error {
				probs, err := eng.SaveEmailTemplate(t)
				if err != nil {
					return err
				}
				for _, pr := range probs {
					if pr.Severity == "error" {
						where := head
						if pr.Part == "html" {
							where = body
						}
						return fmt.Errorf("%s line %d: %s (%s)", where, pr.Line, pr.Message, pr.Part)
					}
				}
				return nil
			})
		case dir == "scripts/":
			base := strings.TrimSuffix(name, ".lua")
			dot := strings.LastIndex(base, ".")
			if dot <= 0 {
				return nil, fmt.Errorf("%s: name a script NAME.KIND.lua (KIND: condition, score or action)", p)
			}
			sname, kind, src := base[:dot], base[dot+1:], string(files[p])
			add(1, p, func(eng *engine.Engine) error {
				if diags := eng.CheckScript(sname, src); len(diags) > 0 {
					return fmt.Errorf("line %d: %s", diags[0].Line, diags[0].Message)
				}
				_, err := eng.SaveScript(bg, sname, kind, src)
				return err
			})
		case dir == "segments/":
			var seg contacts.Segment
			if err := strict(p, &seg); err != nil {
				return nil, err
			}
			data := files[p]
			add(2, p, func(eng *engine.Engine) error {
				if _, err := eng.SaveSegment(bg, seg); err != nil {
					if line := ruleLine(data, err.Error()); line > 0 {
						return fmt.Errorf("line %d: %v", line, err)
					}
					return err
				}
				return nil
			})
		case p == "scoring.json":
			var sf scoringFile
			if err := strict(p, &sf); err != nil {
				return nil, err
			}
			add(2, p, func(eng *engine.Engine) error {
				cfg := contacts.ScoringConfig{Decay: sf.Decay, Rules: []contacts.ScoringRule{}}
				for _, r := range sf.Rules {
					cfg.Rules = append(cfg.Rules, contacts.ScoringRule{Name: r.Name, Event: r.Event, Filters: r.Filters, Points: r.Points, Enabled: r.Enabled})
				}
				_, err := eng.SaveScoring(bg, cfg)
				return err
			})
		case dir == "funnels/":
			f, err := flow.Parse(p, files[p])
			if err != nil {
				return nil, err
			}
			if want := strings.TrimSuffix(name, ".flow.json"); f.ID != want {
				return nil, fmt.Errorf("%s: its id is %q, its file name says %q", p, f.ID, want)
			}
			if err := flow.CheckID(f.ID); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			add(3, p, func(eng *engine.Engine) error { return eng.Store.SaveFlow(f, eng.Clock.Now()) })
		case p == "gallery.json":
			var prov map[string]engine.Provenance
			if err := strict(p, &prov); err != nil {
				return nil, err
			}
			add(4, p, func(eng *engine.Engine) error { return eng.SetGalleryProvenance(prov) })
		case p == "contacts.csv":
			rows, err := readContactsCSV(files[p])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			add(4, p, func(eng *engine.Engine) error { return restoreContacts(eng, rows, notes, contactsNote) })
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].order < items[j].order })
	return items, nil
}

type csvContact struct {
	row int
	engine.RestoredContact
}

// readContactsCSV reads contacts.csv as export workspace writes it.
func readContactsCSV(b []byte) ([]csvContact, error) {
	r := csv.NewReader(bytes.NewReader(b))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || len(recs[0]) < len(contactColumns)+1 || recs[0][0] != "email" {
		return nil, errors.New("row 1: the header should start with email and end with " + strings.Join(contactColumns, ", "))
	}
	head := recs[0]
	nf := len(head) - len(contactColumns)
	if strings.Join(head[nf:], ",") != strings.Join(contactColumns, ",") {
		return nil, errors.New("row 1: the header should end with " + strings.Join(contactColumns, ", "))
	}
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, "|")
	}
	var out []csvContact
	for i, rec := range recs[1:] {
		c := csvContact{row: i + 2}
		c.Values = map[string]string{}
		for j := 0; j < nf; j++ {
			if rec[j] != "" {
				c.Values[head[j]] = rec[j]
			}
		}
		t := rec[nf:]
		c.Lists, c.Tags, c.Stage = split(t[0]), split(t[1]), t[2]
		c.Unsubscribed, c.Bounced, c.CreatedAt = t[3] == "yes", t[4] == "yes", t[5]
		out = append(out, c)
	}
	return out, nil
}

// restoreContacts adds the contacts the workspace does not have, all or
// none; one it has already is left as it is there.
func restoreContacts(eng *engine.Engine, rows []csvContact, notes *[]string, note string) error {
	rs := make([]engine.RestoredContact, len(rows))
	for i, r := range rows {
		rs[i] = r.RestoredContact
	}
	added, kept, err := eng.RestoreContacts(context.Background(), rs)
	if re := (*engine.RestoreError)(nil); errors.As(err, &re) {
		return fmt.Errorf("row %d: %w", rows[re.Index].row, re.Err)
	}
	if err == nil {
		*notes = append(*notes, fmt.Sprintf(note, added, kept))
	}
	return err
}
