package cli

// The write commands over the workspace's named things: lists, tags,
// segments, scoring rules, custom fields, scripts, and contacts one by one.
// Each goes through the engine's methods, the ones the window's screens
// call, so the checks are the same; nothing here speaks SQL. Their human
// words are in manageText, in one place, to translate.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"flightplan/engine"
	"flightplan/engine/contacts"
)

// manageWords are the write commands' sentences in one language.
type manageWords struct {
	wrongArgs, noLists, noTags, noSegments, noRules, noFields, noScripts  string
	listAdded, listRenamed, listDeleted, tagAdded, tagRenamed, tagDeleted string
	segSaved, segDeleted, ruleSet, ruleDeleted, rescored                  string
	fieldAdded, fieldDeleted, scriptImported, scriptDeleted               string
	contactAdded, contactUpdated, contactDeleted, namesKept               string
	userSegment, userStep, kindList, kindTag                              string
	changedFields, joined, left, tagged, untagged, nothing                string
}

var manageEN = manageWords{
	wrongArgs:      "%s: the arguments %q do not match its usage",
	noLists:        "no lists",
	noTags:         "no tags",
	noSegments:     "no segments",
	noRules:        "no scoring rules",
	noFields:       "no custom fields",
	noScripts:      "no scripts",
	listAdded:      "list %q ready\n",
	listRenamed:    "list %q renamed %q\n",
	listDeleted:    "list %q deleted (%d contacts were on it; they stay)\n",
	tagAdded:       "tag %q added to %d contacts (%d had it already)\n",
	tagRenamed:     "tag %q renamed %q on %d contacts\n",
	tagDeleted:     "tag %q taken off %d contacts\n",
	segSaved:       "segment %q saved (id %s): %d contacts now\n",
	segDeleted:     "segment %q deleted\n",
	ruleSet:        "scoring rule %q: %s points per %s\n",
	ruleDeleted:    "scoring rule %q deleted\n",
	rescored:       "scores recomputed: %d contacts changed\n",
	fieldAdded:     "field %q (%s) ready\n",
	fieldDeleted:   "field %q deleted (the values stay in the contacts, hidden)\n",
	scriptImported: "%s: imported script %q (%s)\n",
	scriptDeleted:  "script %q deleted\n",
	contactAdded:   "contact %s added (id %d)\n",
	contactUpdated: "contact %s: %s\n",
	contactDeleted: "contact %s deleted, with their history\n",
	namesKept:      "note: these still name %s %q, unchanged: %s\n",
	userSegment:    "segment %q",
	userStep:       "funnel %q › %s",
	kindList:       "list",
	kindTag:        "tag",
	changedFields:  "fields changed:",
	joined:         "joined",
	left:           "left",
	tagged:         "tagged",
	untagged:       "untagged",
	nothing:        "nothing to change",
}

var manageFR = manageWords{
	wrongArgs:      "%s : les arguments %q ne correspondent pas à son usage",
	noLists:        "aucune liste",
	noTags:         "aucune étiquette",
	noSegments:     "aucun segment",
	noRules:        "aucune règle de pointage",
	noFields:       "aucun champ personnalisé",
	noScripts:      "aucun script",
	listAdded:      "liste « %s » prête\n",
	listRenamed:    "liste « %s » renommée « %s »\n",
	listDeleted:    "liste « %s » supprimée (%d contacts y étaient ; ils restent)\n",
	tagAdded:       "étiquette « %s » ajoutée à %d contacts (%d l’avaient déjà)\n",
	tagRenamed:     "étiquette « %s » renommée « %s » sur %d contacts\n",
	tagDeleted:     "étiquette « %s » retirée de %d contacts\n",
	segSaved:       "segment « %s » enregistré (id %s) : %d contacts en ce moment\n",
	segDeleted:     "segment « %s » supprimé\n",
	ruleSet:        "règle de pointage « %s » : %s points par %s\n",
	ruleDeleted:    "règle de pointage « %s » supprimée\n",
	rescored:       "pointages recalculés : %d contacts ont changé\n",
	fieldAdded:     "champ « %s » (%s) prêt\n",
	fieldDeleted:   "champ « %s » supprimé (les valeurs restent dans les contacts, cachées)\n",
	scriptImported: "%s : script « %s » importé (%s)\n",
	scriptDeleted:  "script « %s » supprimé\n",
	contactAdded:   "contact %s ajouté (id %d)\n",
	contactUpdated: "contact %s : %s\n",
	contactDeleted: "contact %s supprimé, avec son historique\n",
	namesKept:      "remarque : ceux-ci nomment encore %s « %s », inchangés : %s\n",
	userSegment:    "le segment « %s »",
	userStep:       "le tunnel « %s » › %s",
	kindList:       "la liste",
	kindTag:        "l’étiquette",
	changedFields:  "champs changés :",
	joined:         "ajouté à",
	left:           "retiré de",
	tagged:         "étiqueté",
	untagged:       "étiquette retirée :",
	nothing:        "rien à changer",
}

// mt is the write commands' sentences in the output's language (--lang).
func (c *ctx) mt() *manageWords {
	if c.language() == "fr" {
		return &manageFR
	}
	return &manageEN
}

// multiFlag collects a repeated flag's values.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// ---- lists ----

type listJSON struct {
	Name     string `json:"name"`
	Contacts int    `json:"contacts"`
}

func cmdLists(c *ctx, args []string) int {
	switch {
	case len(args) == 1 && args[0] == "list":
		return c.read(func(eng *engine.Engine) int {
			sizes, err := eng.Store.ListSizes(c.ctxBG())
			if err != nil {
				return c.fail("%v", err)
			}
			out := []listJSON{}
			for _, l := range sizes {
				out = append(out, listJSON{l.Name, l.Count})
			}
			return c.printNames(out, c.mt().noLists)
		})
	case len(args) >= 2 && args[0] == "add":
		return c.write("lists add", func(eng *engine.Engine) int {
			for _, n := range args[1:] {
				stored, err := eng.CreateList(c.ctxBG(), n)
				if err != nil {
					return c.fail("lists add: %v", err)
				}
				c.say(map[string]any{"list": stored}, c.mt().listAdded, stored)
			}
			return 0
		})
	case len(args) == 3 && args[0] == "rename":
		return c.write("lists rename", func(eng *engine.Engine) int {
			if err := eng.RenameList(c.ctxBG(), args[1], args[2]); err != nil {
				return c.fail("lists rename: %v", err)
			}
			c.say(map[string]any{"list": args[2], "was": args[1]}, c.mt().listRenamed, args[1], args[2])
			c.users(eng, "list", args[1])
			return 0
		})
	case len(args) == 2 && args[0] == "delete":
		return c.write("lists delete", func(eng *engine.Engine) int {
			n, err := eng.DeleteList(c.ctxBG(), args[1])
			if err != nil {
				return c.fail("lists delete: %v", err)
			}
			c.say(map[string]any{"list": args[1], "contacts": n}, c.mt().listDeleted, args[1], n)
			c.users(eng, "list", args[1])
			return 0
		})
	}
	return c.usageErr("lists", c.mt().wrongArgs, "lists", args)
}

// printNames prints lists or tags with their sizes.
func (c *ctx) printNames(out []listJSON, none string) int {
	if c.json {
		c.emit(out)
		return 0
	}
	if len(out) == 0 {
		fmt.Fprintln(c.stdout, none)
	}
	for _, l := range out {
		fmt.Fprintf(c.stdout, "%-32s %d\n", l.Name, l.Contacts)
	}
	return 0
}

// read opens the workspace to read it (beside a running engine) and runs fn.
func (c *ctx) read(fn func(eng *engine.Engine) int) int {
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	return fn(eng)
}

// write opens the workspace to change it (taking its lock) and runs fn.
func (c *ctx) write(command string, fn func(eng *engine.Engine) int) int {
	eng, err := c.open(command)
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	return fn(eng)
}

// say prints a result: v with --json, the sentence otherwise.
func (c *ctx) say(v any, format string, a ...any) {
	if c.json {
		c.emit(v)
		return
	}
	fmt.Fprintf(c.stdout, format, a...)
}

// users says on stderr (where it does not spoil --json) which funnel steps
// and segments still name a list or tag just renamed or deleted: they are
// not changed behind the user's back, and publish would refuse them.
func (c *ctx) users(eng *engine.Engine, kind, name string) {
	us, err := eng.NameUsers(c.ctxBG(), kind, name)
	if err != nil || len(us) == 0 {
		return
	}
	m := c.mt()
	var parts []string
	for _, u := range us {
		if u.Segment != "" {
			parts = append(parts, fmt.Sprintf(m.userSegment, u.Segment))
		} else {
			parts = append(parts, fmt.Sprintf(m.userStep, u.Funnel, u.Step))
		}
	}
	what := m.kindList
	if kind == "tag" {
		what = m.kindTag
	}
	fmt.Fprintf(c.stderr, m.namesKept, what, name, strings.Join(parts, "; "))
}

// ---- tags ----

func cmdTags(c *ctx, args []string) int {
	switch {
	case len(args) == 1 && args[0] == "list":
		return c.read(func(eng *engine.Engine) int {
			sizes, err := eng.Store.TagSizes(c.ctxBG())
			if err != nil {
				return c.fail("%v", err)
			}
			out := []listJSON{}
			for _, l := range sizes {
				out = append(out, listJSON{l.Name, l.Count})
			}
			return c.printNames(out, c.mt().noTags)
		})
	case len(args) >= 3 && args[0] == "add":
		return c.write("tags add", func(eng *engine.Engine) int {
			added, had := 0, 0
			for _, ref := range args[2:] {
				id, err := contactRef(eng, ref)
				if err != nil {
					return c.fail("tags add: %v", err)
				}
				ch, err := eng.EditContact(c.ctxBG(), id, engine.ContactEdit{AddTags: []string{args[1]}})
				if err != nil {
					return c.fail("tags add: %s: %v", ref, err)
				}
				if len(ch.AddedTags) > 0 {
					added++
				} else {
					had++
				}
			}
			c.say(map[string]any{"tag": args[1], "added": added, "already": had}, c.mt().tagAdded, args[1], added, had)
			return 0
		})
	case len(args) == 3 && args[0] == "rename":
		return c.write("tags rename", func(eng *engine.Engine) int {
			n, err := eng.RenameTag(c.ctxBG(), args[1], args[2])
			if err != nil {
				return c.fail("tags rename: %v", err)
			}
			c.say(map[string]any{"tag": args[2], "was": args[1], "contacts": n}, c.mt().tagRenamed, args[1], args[2], n)
			c.users(eng, "tag", args[1])
			return 0
		})
	case len(args) == 2 && args[0] == "delete":
		return c.write("tags delete", func(eng *engine.Engine) int {
			n, err := eng.DeleteTag(c.ctxBG(), args[1])
			if err != nil {
				return c.fail("tags delete: %v", err)
			}
			c.say(map[string]any{"tag": args[1], "contacts": n}, c.mt().tagDeleted, args[1], n)
			c.users(eng, "tag", args[1])
			return 0
		})
	}
	return c.usageErr("tags", c.mt().wrongArgs, "tags", args)
}

// ---- segments ----

func segmentsFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	name := fs.String("name", "", "add, update: the segment's name (default: the JSON's name)")
	return func(c *ctx, args []string) int {
		switch {
		case len(args) == 1 && args[0] == "list":
			return segmentsList(c)
		case len(args) == 2 && args[0] == "show":
			return segmentsShow(c, args[1])
		case len(args) == 2 && args[0] == "add":
			return segmentsSave(c, "", args[1], *name)
		case len(args) == 3 && args[0] == "update":
			return segmentsSave(c, args[1], args[2], *name)
		case len(args) == 2 && args[0] == "delete":
			return c.write("segments delete", func(eng *engine.Engine) int {
				seg, err := contacts.LoadSegment(c.ctxBG(), eng.Store, args[1])
				if err != nil {
					return c.fail("segments delete: %v", err)
				}
				if err := eng.DeleteSegment(c.ctxBG(), seg.ID); err != nil {
					return c.fail("segments delete: %v", err)
				}
				c.say(map[string]any{"id": seg.ID, "name": seg.Name}, c.mt().segDeleted, seg.Name)
				return 0
			})
		}
		return c.usageErr("segments", c.mt().wrongArgs, "segments", args)
	}
}

type segmentJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Contacts int    `json:"contacts"`
}

func segmentsList(c *ctx) int {
	return c.read(func(eng *engine.Engine) int {
		segs, err := eng.Segments(c.ctxBG())
		if err != nil {
			return c.fail("%v", err)
		}
		out := []segmentJSON{}
		for _, s := range segs {
			n, err := contacts.Count(c.ctxBG(), eng.Store, &s, eng.Clock.Now())
			if err != nil {
				return c.fail("%v", err)
			}
			out = append(out, segmentJSON{s.ID, s.Name, n})
		}
		if c.json {
			c.emit(out)
			return 0
		}
		if len(out) == 0 {
			fmt.Fprintln(c.stdout, c.mt().noSegments)
		}
		for _, s := range out {
			fmt.Fprintf(c.stdout, "%-24s %-32s %d\n", s.ID, s.Name, s.Contacts)
		}
		return 0
	})
}

// segmentsShow prints a segment as the JSON `segments add` reads (the
// window's segment editor's shape), with its id.
func segmentsShow(c *ctx, ref string) int {
	return c.read(func(eng *engine.Engine) int {
		seg, err := contacts.LoadSegment(c.ctxBG(), eng.Store, ref)
		if err != nil {
			return c.fail("segments show: %v", err)
		}
		seg.UpdatedAt = seg.UpdatedAt.UTC()
		c.emit(seg)
		return 0
	})
}

// readSegment reads a segment's JSON strictly: an unknown key or a syntax
// error is reported at its line and column in the file.
func readSegment(path string) (contacts.Segment, []byte, error) {
	var seg contacts.Segment
	data, err := os.ReadFile(path)
	if err != nil {
		return seg, nil, err
	}
	if err := decodeStrict(data, &seg); err != nil {
		return seg, data, fmt.Errorf("%s:%v", path, err)
	}
	return seg, data, nil
}

// decodeStrict decodes one JSON value refusing unknown keys; an error says
// "LINE:COL: what".
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return nil
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	default:
		// An unknown key: the decoder is past the object; point at the key.
		if _, key, ok := strings.Cut(err.Error(), "unknown field "); ok {
			if i := bytes.Index(data, []byte(strings.TrimSpace(key))); i >= 0 {
				off = int64(i)
			}
		}
	}
	line, col := lineCol(data, off)
	return fmt.Errorf("%d:%d: %v", line, col, strings.TrimPrefix(err.Error(), "json: "))
}

func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col := 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

var rulePath = regexp.MustCompile(`^segment "[^"]*": ((?:group \d+: )*)rule (\d+):`)

// ruleLine finds the line of the rule a segment error names ("group 1:
// rule 2: …") in the JSON it was read from; 0 when it cannot.
func ruleLine(data []byte, msg string) int {
	m := rulePath.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	var path []int
	for _, g := range regexp.MustCompile(`\d+`).FindAllString(m[1], -1) {
		n, _ := strconv.Atoi(g)
		path = append(path, n-1)
	}
	rule, _ := strconv.Atoi(m[2])
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	// Walk to the object, then to its rules array, with the offsets the
	// decoder reports: find the byte where the element starts.
	off, ok := elementOffset(dec, data, append(path, -1), rule-1)
	_ = v
	if !ok {
		return 0
	}
	line, _ := lineCol(data, off)
	return line
}

// elementOffset reads a segment object from dec and returns the offset of
// rules[rule] inside groups[path[0]].groups[path[1]]… (path ends with -1).
func elementOffset(dec *json.Decoder, data []byte, path []int, rule int) (int64, bool) {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, false
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return 0, false
		}
		key, _ := kt.(string)
		wantArray := (key == "rules" && path[0] == -1) || (key == "groups" && path[0] >= 0)
		if !wantArray {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, false
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return 0, false
		}
		target := rule
		if key == "groups" {
			target = path[0]
		}
		for i := 0; dec.More(); i++ {
			if i == target {
				if key == "groups" {
					return elementOffset(dec, data, path[1:], rule)
				}
				off := dec.InputOffset()
				for off < int64(len(data)) && strings.ContainsRune(" \t\r\n,", rune(data[off])) {
					off++
				}
				return off, true
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, false
			}
		}
		return 0, false
	}
	return 0, false
}

func segmentsSave(c *ctx, ref, path, name string) int {
	verb := "segments add"
	if ref != "" {
		verb = "segments update"
	}
	seg, data, err := readSegment(path)
	if err != nil {
		return c.fail("%s: %v", verb, err)
	}
	if name != "" {
		seg.Name = name
	}
	return c.write(verb, func(eng *engine.Engine) int {
		seg.ID = ""
		if ref != "" {
			old, err := contacts.LoadSegment(c.ctxBG(), eng.Store, ref)
			if err != nil {
				return c.fail("%s: %v", verb, err)
			}
			seg.ID = old.ID
			if seg.Name == "" {
				seg.Name = old.Name
			}
		}
		saved, err := eng.SaveSegment(c.ctxBG(), seg)
		if err != nil {
			if line := ruleLine(data, err.Error()); line > 0 {
				return c.fail("%s: %s:%d: %v", verb, path, line, err)
			}
			return c.fail("%s: %s: %v", verb, path, err)
		}
		n, err := contacts.Count(c.ctxBG(), eng.Store, &saved, eng.Clock.Now())
		if err != nil {
			return c.fail("%v", err)
		}
		c.say(segmentJSON{saved.ID, saved.Name, n}, c.mt().segSaved, saved.Name, saved.ID, n)
		return 0
	})
}

// ---- scoring ----

func scoringFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	event := fs.String("event", "", "set: the event type the rule scores (page_visited, purchase…)")
	points := fs.String("points", "", "set: the points per event (negative to take off)")
	var where multiFlag
	fs.Var(&where, "where", `set: a property test "KEY OP VALUE" such as "url contains /pricing" (repeat: all must pass)`)
	off := fs.Bool("off", false, "set: keep the rule but switch it off")
	return func(c *ctx, args []string) int {
		switch {
		case len(args) == 1 && args[0] == "list":
			return scoringList(c)
		case len(args) == 2 && args[0] == "set":
			return scoringSet(c, args[1], *event, *points, where, *off)
		case len(args) == 2 && args[0] == "delete":
			return scoringDelete(c, args[1])
		}
		return c.usageErr("scoring", c.mt().wrongArgs, "scoring", args)
	}
}

func scoringList(c *ctx) int {
	return c.read(func(eng *engine.Engine) int {
		cfg, err := eng.ScoringConfig(c.ctxBG())
		if err != nil {
			return c.fail("%v", err)
		}
		if c.json {
			c.emit(cfg)
			return 0
		}
		if len(cfg.Rules) == 0 {
			fmt.Fprintln(c.stdout, c.mt().noRules)
		}
		for _, r := range cfg.Rules {
			state := ""
			if !r.Enabled {
				state = " (off)"
			}
			fmt.Fprintf(c.stdout, "%-24s %+g per %s%s%s\n", r.Name, r.Points, r.Event, filtersText(r.Filters), state)
		}
		return 0
	})
}

func filtersText(fs []contacts.PropFilter) string {
	var parts []string
	for _, f := range fs {
		op := f.Op
		if op == "" {
			op = "equals"
		}
		parts = append(parts, strings.TrimSpace(f.Key+" "+op+" "+f.Value))
	}
	if len(parts) == 0 {
		return ""
	}
	return " where " + strings.Join(parts, " and ")
}

func scoringSet(c *ctx, name, event, points string, where []string, off bool) int {
	name = strings.TrimSpace(name)
	if event == "" || points == "" {
		return c.fail("scoring set %s: give --event TYPE and --points N", name)
	}
	p, err := strconv.ParseFloat(points, 64)
	if err != nil {
		return c.fail("scoring set %s: --points %q is not a number", name, points)
	}
	rule := contacts.ScoringRule{Name: name, Event: event, Points: p, Enabled: !off, Filters: []contacts.PropFilter{}}
	for _, w := range where {
		parts := strings.SplitN(strings.TrimSpace(w), " ", 3)
		if len(parts) < 2 {
			return c.fail("scoring set %s: --where %q: write KEY OP VALUE, e.g. \"url contains /pricing\"", name, w)
		}
		f := contacts.PropFilter{Key: parts[0], Op: parts[1]}
		if len(parts) == 3 {
			f.Value = parts[2]
		}
		rule.Filters = append(rule.Filters, f)
	}
	return c.write("scoring set", func(eng *engine.Engine) int {
		cfg, err := eng.ScoringConfig(c.ctxBG())
		if err != nil {
			return c.fail("%v", err)
		}
		replaced := false
		for i, r := range cfg.Rules {
			if strings.EqualFold(r.Name, name) {
				rule.ID = r.ID
				cfg.Rules[i] = rule
				replaced = true
			}
		}
		if !replaced {
			cfg.Rules = append(cfg.Rules, rule)
		}
		res, err := eng.SaveScoring(c.ctxBG(), cfg)
		if err != nil {
			return c.fail("scoring set %s: %v", name, err)
		}
		c.say(map[string]any{"rule": rule, "rescored": res}, c.mt().ruleSet, name, strconv.FormatFloat(p, 'f', -1, 64), event+filtersText(rule.Filters))
		return 0
	})
}

func scoringDelete(c *ctx, name string) int {
	return c.write("scoring delete", func(eng *engine.Engine) int {
		cfg, err := eng.ScoringConfig(c.ctxBG())
		if err != nil {
			return c.fail("%v", err)
		}
		kept := cfg.Rules[:0]
		for _, r := range cfg.Rules {
			if !strings.EqualFold(r.Name, name) {
				kept = append(kept, r)
			}
		}
		if len(kept) == len(cfg.Rules) {
			return c.fail("scoring delete: rule %q: no scoring rule of this name (see scoring list)", name)
		}
		cfg.Rules = kept
		res, err := eng.SaveScoring(c.ctxBG(), cfg)
		if err != nil {
			return c.fail("scoring delete %s: %v", name, err)
		}
		c.say(map[string]any{"deleted": name, "rescored": res}, c.mt().ruleDeleted, name)
		return 0
	})
}

// ---- fields ----

func fieldsFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	typ := fs.String("type", "", "add: the field's type: text, number, date, boolean, choice, email or phone")
	label := fs.String("label", "", "add: the name people see (default: the field's name)")
	var options multiFlag
	fs.Var(&options, "option", "add: an allowed value of a choice field (repeat, in display order)")
	return func(c *ctx, args []string) int {
		switch {
		case len(args) == 1 && args[0] == "list":
			return fieldsList(c)
		case len(args) == 2 && args[0] == "add":
			def := contacts.FieldDef{Name: args[1], Type: contacts.FieldType(*typ), Label: *label, Options: options}
			if *typ == "" {
				return c.fail("fields add %s: give its type with --type (text, number, date, boolean, choice, email, phone)", args[1])
			}
			if err := contacts.CheckDef(def); err != nil {
				return c.fail("fields add: %v", err)
			}
			return c.write("fields add", func(eng *engine.Engine) int {
				if err := eng.DefineField(c.ctxBG(), def); err != nil {
					return c.fail("fields add: %v", err)
				}
				c.say(map[string]any{"field": def.Name, "type": def.Type}, c.mt().fieldAdded, def.Name, def.Type)
				return 0
			})
		case len(args) == 2 && args[0] == "delete":
			return c.write("fields delete", func(eng *engine.Engine) int {
				if err := eng.DeleteField(c.ctxBG(), args[1]); err != nil {
					return c.fail("fields delete: %v", err)
				}
				c.say(map[string]any{"deleted": args[1]}, c.mt().fieldDeleted, args[1])
				return 0
			})
		}
		return c.usageErr("fields", c.mt().wrongArgs, "fields", args)
	}
}

func fieldsList(c *ctx) int {
	return c.read(func(eng *engine.Engine) int {
		defs, err := eng.Fields(c.ctxBG())
		if err != nil {
			return c.fail("%v", err)
		}
		out := []contacts.FieldDef{}
		for _, d := range defs {
			if !d.Identity && d.Type != contacts.TypeDateTime {
				if d.Options == nil {
					d.Options = []string{}
				}
				out = append(out, d)
			}
		}
		if c.json {
			c.emit(out)
			return 0
		}
		if len(out) == 0 {
			fmt.Fprintln(c.stdout, c.mt().noFields)
		}
		for _, d := range out {
			opts := ""
			if len(d.Options) > 0 {
				opts = " (" + strings.Join(d.Options, ", ") + ")"
			}
			fmt.Fprintf(c.stdout, "%-24s %-8s %s%s\n", d.Name, d.Type, d.Label, opts)
		}
		return 0
	})
}

// ---- scripts ----

func scriptsFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	name := fs.String("name", "", "import: the script's name (default: the file name without .lua)")
	kind := fs.String("kind", "", "import: condition, score or action (default: the script's \"-- Kind:\" line)")
	out := fs.String("out", "", "export: the file to write (default: stdout)")
	return func(c *ctx, args []string) int {
		switch {
		case len(args) == 1 && args[0] == "list":
			return scriptsList(c)
		case len(args) == 2 && (args[0] == "show" || args[0] == "export"):
			o := ""
			if args[0] == "export" {
				o = *out
			}
			return scriptsShow(c, args[1], o)
		case len(args) >= 2 && args[0] == "import":
			if *name != "" && len(args) > 2 {
				return c.fail("scripts import: --name names one script: import one file at a time with it")
			}
			return scriptsImport(c, args[1:], *name, *kind)
		case len(args) == 2 && args[0] == "delete":
			return c.write("scripts delete", func(eng *engine.Engine) int {
				if err := eng.DeleteScript(c.ctxBG(), args[1]); err != nil {
					return c.fail("scripts delete: %v", err)
				}
				c.say(map[string]any{"deleted": args[1]}, c.mt().scriptDeleted, args[1])
				return 0
			})
		}
		return c.usageErr("scripts", c.mt().wrongArgs, "scripts", args)
	}
}

type scriptJSON struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Library bool   `json:"library"`
	Off     bool   `json:"switched_off"`
}

func scriptsList(c *ctx) int {
	return c.read(func(eng *engine.Engine) int {
		all, err := eng.Scripts(c.ctxBG())
		if err != nil {
			return c.fail("%v", err)
		}
		out := []scriptJSON{}
		for _, s := range all {
			out = append(out, scriptJSON{s.Name, s.Kind, s.Title, s.Library, s.SwitchedOff != nil})
		}
		if c.json {
			c.emit(out)
			return 0
		}
		if len(out) == 0 {
			fmt.Fprintln(c.stdout, c.mt().noScripts)
		}
		for _, s := range out {
			where := "workspace"
			if s.Library {
				where = "library"
			}
			if s.Off {
				where += ", switched off"
			}
			fmt.Fprintf(c.stdout, "%-24s %-10s %-12s %s\n", s.Name, s.Kind, where, s.Title)
		}
		return 0
	})
}

func scriptsShow(c *ctx, name, out string) int {
	return c.read(func(eng *engine.Engine) int {
		all, err := eng.Scripts(c.ctxBG())
		if err != nil {
			return c.fail("%v", err)
		}
		for _, s := range all {
			if s.Name != name {
				continue
			}
			if out != "" {
				if err := os.WriteFile(out, []byte(s.Source), 0o644); err != nil {
					return c.fail("%v", err)
				}
				return 0
			}
			if c.json {
				c.emit(s)
				return 0
			}
			fmt.Fprint(c.stdout, s.Source)
			return 0
		}
		return c.fail("scripts: script %q: no script of this name (see scripts list)", name)
	})
}

var kindLine = regexp.MustCompile(`(?m)^--\s*Kind:\s*(\S+)`)

// scriptsImport checks each file before it stores it: a script that does
// not compile is refused with its line, and nothing is written for it.
func scriptsImport(c *ctx, files []string, name, kind string) int {
	return c.write("scripts import", func(eng *engine.Engine) int {
		status := 0
		for _, path := range files {
			src, err := os.ReadFile(path)
			if err != nil {
				status = c.fail("%v", err)
				continue
			}
			n := name
			if n == "" {
				n = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
			}
			k := kind
			if k == "" {
				if m := kindLine.FindSubmatch(src); m != nil {
					k = string(m[1])
				} else {
					status = c.fail("%s: the script has no \"-- Kind:\" line: give --kind condition, score or action", path)
					continue
				}
			}
			if diags := eng.CheckScript(n, string(src)); len(diags) > 0 {
				for _, d := range diags {
					fmt.Fprintf(c.stderr, "flightplan: %s:%d: %s\n", path, d.Line, d.Message)
				}
				status = 1
				continue
			}
			if _, err := eng.SaveScript(c.ctxBG(), n, k, string(src)); err != nil {
				status = c.fail("%s: %v", path, err)
				continue
			}
			c.say(map[string]any{"file": path, "name": n, "kind": k}, c.mt().scriptImported, path, n, k)
		}
		return status
	})
}

// ---- contacts add|update|delete ----

// contactsWrite runs contacts add, update and delete.
func contactsWrite(c *ctx, args []string, values map[string]string, lists, tags, unlist, untag []string) int {
	verb, ref := args[0], args[1]
	return c.write("contacts "+verb, func(eng *engine.Engine) int {
		ctx := c.ctxBG()
		switch verb {
		case "add":
			vals := map[string]string{"email": ref}
			for k, v := range values {
				if k == "email" {
					return c.fail("contacts add: the email is the first argument, not a --field")
				}
				vals[k] = v
			}
			if _, err := eng.ContactByEmail(ctx, ref); err == nil {
				return c.fail("contacts add: contact %q exists already: use contacts update", ref)
			}
			id, err := eng.AddContact(ctx, vals, lists)
			if err != nil {
				return c.fail("contacts add %s: %v", ref, err)
			}
			if len(tags) > 0 {
				if _, err := eng.EditContact(ctx, id, engine.ContactEdit{AddTags: tags}); err != nil {
					return c.fail("contacts add %s: %v", ref, err)
				}
			}
			c.say(map[string]any{"id": id, "email": ref}, c.mt().contactAdded, ref, id)
			return 0
		case "update":
			id, err := contactRef(eng, ref)
			if err != nil {
				return c.fail("contacts update: %v", err)
			}
			ch, err := eng.EditContact(ctx, id, engine.ContactEdit{Values: values, AddLists: lists, RemoveLists: unlist, AddTags: tags, RemoveTags: untag})
			if err != nil {
				return c.fail("contacts update %s: %v", ref, err)
			}
			c.say(ch, c.mt().contactUpdated, ref, changeText(c.mt(), ch))
			return 0
		case "delete":
			id, err := contactRef(eng, ref)
			if err != nil {
				return c.fail("contacts delete: %v", err)
			}
			if err := eng.DeleteContact(ctx, id); err != nil {
				return c.fail("contacts delete %s: %v", ref, err)
			}
			c.say(map[string]any{"deleted": id}, c.mt().contactDeleted, ref)
			return 0
		}
		return c.usageErr("contacts", contactsText.wrongArgs, args)
	})
}

func changeText(m *manageWords, ch engine.ContactChange) string {
	var parts []string
	add := func(label string, xs []string) {
		if len(xs) > 0 {
			parts = append(parts, label+" "+strings.Join(xs, ", "))
		}
	}
	add(m.changedFields, ch.Fields)
	add(m.joined, ch.JoinedLists)
	add(m.left, ch.LeftLists)
	add(m.tagged, ch.AddedTags)
	add(m.untagged, ch.RemovedTags)
	if len(parts) == 0 {
		return m.nothing
	}
	return strings.Join(parts, "; ")
}
