package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"flightplan/engine"
	"flightplan/engine/templates"
)

// readTree reads every file under dir, by relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	for p, x := range a {
		if y, ok := b[p]; !ok {
			t.Errorf("%s: %s is gone", what, p)
		} else if x != y {
			t.Errorf("%s: %s changed:\n%s\nthen:\n%s", what, p, x, y)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s: %s appeared", what, p)
		}
	}
}

// Every gallery funnel, in English and in French, with a workspace's own
// emails, scripts, segments, scoring, fields, lists, teammates, settings
// and contacts: exported as plain files, imported into an empty workspace
// and exported again, gives the same bytes. A second import changes
// nothing; a dry run writes nothing; a broken file stops the import at
// its line before anything is written.
func TestWorkspaceAsPlainFilesRoundTrip(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	dir := t.TempDir()
	ws := filepath.Join(dir, "client.flightplan")
	w := []string{"--workspace", ws}
	cli := func(args ...string) string { t.Helper(); return must(t, append(args, w...)...) }

	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	all, err := templates.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range templates.Languages {
		if err := eng.SetLanguage(lang); err != nil {
			t.Fatal(err)
		}
		for _, tpl := range all {
			if _, err := eng.CreateFromTemplate(context.Background(), tpl.ID, lang); err != nil {
				t.Fatalf("%s (%s): %v", tpl.ID, lang, err)
			}
		}
	}
	if _, err := eng.Store.AddTeammate("Marie", "marie@example.com"); err != nil {
		t.Fatal(err)
	}
	eng.Close()

	cli("fields", "add", "plan", "--type", "choice", "--option", "Free", "--option", "Pro")
	cli("fields", "add", "seats", "--type", "number")
	cli("contacts", "add", "ana@example.com", "--field", "first_name=Ana", "--field", "plan=Pro", "--field", "seats=12", "--list", "VIP, and friends", "--tag", "fair")
	cli("contacts", "add", "ben@example.com", "--field", "last_name=Bell")
	cli("segments", "add", writeFile(t, dir, "pro.json", `{"name":"Pro","rules":[{"kind":"field","field":"plan","op":"equals","value":"Pro"}]}`))
	cli("scoring", "set", "Pricing", "--event", "page_visited", "--points", "5", "--where", "url contains /pricing")
	cli("scripts", "import", writeFile(t, dir, "many_seats.lua", "-- Kind: condition\nreturn (contact.fields.seats or 0) > 10\n"))
	cli("emails", "import", writeFile(t, dir, "hello.html", "<p>Hello {{ contact.first_name }} & welcome</p>\n"), "--subject", "Hi <there>")
	cli("settings", "set", "cap_per_day", "2", "from_address", "Acme <news@acme.example>")

	one := filepath.Join(dir, "one")
	cli("export", "workspace", one, "--contacts")
	// Ana unsubscribed long ago, as a file brought from elsewhere says:
	// consent and age cross the trip too.
	csvPath := filepath.Join(one, "contacts.csv")
	rows, _ := os.ReadFile(csvPath)
	lines := strings.Split(string(rows), "\n")
	lines[1] = regexp.MustCompile(`no,no,[^,]+$`).ReplaceAllString(lines[1], "yes,no,2020-01-02T03:04:05Z")
	os.WriteFile(csvPath, []byte(strings.Join(lines, "\n")), 0o644)
	first := readTree(t, one)
	if !strings.Contains(first["contacts.csv"], "ana@example.com") || !strings.Contains(first["contacts.csv"], "yes,no,2020-01-02T03:04:05Z") {
		t.Fatalf("contacts.csv:\n%s", first["contacts.csv"])
	}
	for _, want := range []string{"workspace.json", "README.txt", "contacts.csv", "scoring.json", "fields.json", "lists.json", "teammates.json",
		"events.json", "settings.json", "gallery.json", "emails/hello.json", "emails/hello.html", "scripts/many_seats.condition.lua", "segments/pro.json"} {
		if _, ok := first[want]; !ok {
			t.Errorf("export workspace wrote no %s", want)
		}
	}
	funnels := 0
	for p := range first {
		if strings.HasPrefix(p, "funnels/") {
			funnels++
		}
	}
	if funnels != 2*len(all) {
		t.Errorf("%d funnel files for %d gallery funnels in 2 languages", funnels, len(all))
	}
	if s := first["settings.json"]; !strings.Contains(s, `"cap_per_day": "2"`) || strings.Contains(s, "intake_token") || strings.Contains(s, "tracking_key") {
		t.Errorf("settings.json:\n%s", s)
	}
	if !strings.Contains(first["README.txt"], "intake_token") || !strings.Contains(first["emails/hello.html"], "& welcome") ||
		!strings.Contains(first["emails/hello.json"], `"subject": "Hi <there>"`) {
		t.Errorf("README or email files:\n%s\n%s", first["README.txt"], first["emails/hello.json"])
	}
	if !strings.Contains(first["contacts.csv"], "ana@example.com,Ana,") || !strings.Contains(first["contacts.csv"], "VIP, and friends") {
		t.Errorf("contacts.csv:\n%s", first["contacts.csv"])
	}

	// A dry run into an empty workspace lists everything and writes nothing.
	ws2 := filepath.Join(dir, "copy.flightplan")
	w2 := []string{"--workspace", ws2}
	dry := must(t, append([]string{"import", "workspace", one, "--dry-run"}, w2...)...)
	if !strings.Contains(dry, "new       funnels/") || !strings.Contains(dry, "changed   contacts.csv") || !strings.Contains(dry, "dry run: nothing written") {
		t.Errorf("dry run:\n%s", dry)
	}
	if out := must(t, append([]string{"contacts", "list"}, w2...)...); out != "0 contacts\n" {
		t.Errorf("the dry run wrote contacts:\n%s", out)
	}
	if out := must(t, append([]string{"import", "workspace", one}, w2...)...); !strings.Contains(out, "contacts.csv: 2 contacts added, 0 already in the workspace") {
		t.Errorf("import workspace:\n%s", out)
	}
	two := filepath.Join(dir, "two")
	must(t, append([]string{"export", "workspace", two, "--contacts"}, w2...)...)
	sameTree(t, "export → import → export", first, readTree(t, two))
	if out := must(t, append([]string{"import", "workspace", two}, w2...)...); !strings.Contains(out, "nothing to change") {
		t.Errorf("a second import:\n%s", out)
	}

	// A change shows as one changed file; a deleted funnel's file goes.
	cli("scoring", "delete", "Pricing")
	cli("export", "workspace", one)
	if _, err := os.Stat(csvPath); err == nil {
		t.Errorf("an export without --contacts left the old contacts.csv")
	}
	if out := must(t, append([]string{"import", "workspace", one, "--dry-run"}, w2...)...); !strings.Contains(out, "changed   scoring.json\n") || strings.Count(out, "\n") != 2 {
		t.Errorf("dry run of one change:\n%s", out)
	}

	// A broken funnel file stops the import at its line; nothing is written.
	var flowFile string
	for p := range first {
		if strings.HasPrefix(p, "funnels/") {
			flowFile = p
			break
		}
	}
	body := strings.Replace(first[flowFile], `"nodes": [`, `"nodes": [,`, 1)
	os.WriteFile(filepath.Join(one, flowFile), []byte(body), 0o644)
	ws3 := filepath.Join(dir, "three.flightplan")
	code, _, errs := runCLI("import", "workspace", one, "--workspace", ws3)
	if code != 1 || !strings.Contains(errs, flowFile+":") || !strings.Contains(errs, "invalid character") {
		t.Errorf("broken funnel file: exit %d:\n%s", code, errs)
	}
	if out := must(t, "emails", "list", "--workspace", ws3); out != "no emails\n" {
		t.Errorf("a refused import wrote emails:\n%s", out)
	}
	// A bad contact row is named as the spreadsheet numbers it, and no
	// contact of the file is added.
	four := filepath.Join(dir, "four")
	must(t, append([]string{"export", "workspace", four, "--contacts"}, w2...)...)
	csv4 := filepath.Join(four, "contacts.csv")
	rows4, _ := os.ReadFile(csv4)
	os.WriteFile(csv4, []byte(strings.Replace(string(rows4), ",12,", ",lots,", 1)), 0o644)
	ws5 := filepath.Join(dir, "five.flightplan")
	code, _, errs = runCLI("import", "workspace", four, "--workspace", ws5)
	if code != 1 || !strings.Contains(errs, "contacts.csv: row 2: ") || !strings.Contains(errs, `field "seats"`) {
		t.Errorf("a bad contact row: exit %d:\n%s", code, errs)
	}
	if out := must(t, "contacts", "list", "--workspace", ws5); out != "0 contacts\n" {
		t.Errorf("a refused contacts.csv added contacts:\n%s", out)
	}

	// An id that cannot be a file's name is refused, never written outside.
	cli("emails", "import", writeFile(t, dir, "odd.html", "<p>x</p>\n"), "--id", "../escape", "--subject", "x")
	code, _, errs = runCLI(append([]string{"export", "workspace", filepath.Join(dir, "five")}, w...)...)
	if code != 1 || !strings.Contains(errs, `email "../escape": its id cannot be a file's name`) {
		t.Errorf("an email id with a slash: exit %d: %s", code, errs)
	}

	for _, args := range [][]string{{"import", "workspace", one, "--merge", "skip"}, {"import", "workspace"}, {"export", "workspace", one, "--out", "x"}} {
		code, _, errs := runCLI(append(args, "--workspace", ws3)...)
		if code != 2 || !strings.Contains(errs, args[0]+" workspace: ") {
			t.Errorf("%q: exit %d, want 2 naming what is wrong: %s", args, code, errs)
		}
	}

	// Nor is a folder of other things written over.
	code, _, errs = runCLI("export", "workspace", dir, "--workspace", ws3)
	if code != 1 || !strings.Contains(errs, "holds other files and no workspace.json") {
		t.Errorf("export into a folder of other files: exit %d: %s", code, errs)
	}
	code, _, errs = runCLI("import", "workspace", dir, "--workspace", ws3)
	if code != 1 || !strings.Contains(errs, "not a workspace's files") {
		t.Errorf("a folder that is no workspace: exit %d: %s", code, errs)
	}
}

// Each gallery funnel on its own (in English, then in French), made with
// `gallery use` in a workspace of its own: export → import into an empty
// workspace → export gives the same bytes, so a failure names the funnel.
func TestWorkspaceRoundTripOfEachGalleryFunnel(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	all, err := templates.All()
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, "gallery-list", must(t, "gallery", "list", "--json", "--workspace", filepath.Join(t.TempDir(), "g.flightplan")))
	for _, tpl := range all {
		t.Run(tpl.ID, func(t *testing.T) {
			dir := t.TempDir()
			ws := filepath.Join(dir, "a.flightplan")
			if out := must(t, "gallery", "use", tpl.ID, "--lang", "en", "--workspace", ws); !strings.Contains(out, `made from "`+tpl.ID+`"`) {
				t.Errorf("gallery use: %s", out)
			}
			must(t, "settings", "set", "language", "fr", "--workspace", ws)
			must(t, "gallery", "use", tpl.ID, "--workspace", ws)
			one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
			must(t, "export", "workspace", one, "--workspace", ws)
			must(t, "import", "workspace", one, "--workspace", filepath.Join(dir, "b.flightplan"))
			must(t, "export", "workspace", two, "--workspace", filepath.Join(dir, "b.flightplan"))
			first := readTree(t, one)
			if strings.Count(first["gallery.json"], `"template": "`+tpl.ID+`"`) != 2 || !strings.Contains(first["gallery.json"], `"language": "fr"`) {
				t.Errorf("gallery.json does not name %s twice, once in French:\n%s", tpl.ID, first["gallery.json"])
			}
			// A French name's accents drop out of its id rather than leave holes.
			if _, ok := first["funnels/sequence-de-bienvenue.flow.json"]; tpl.ID == "welcome" && !ok {
				t.Errorf("the French welcome funnel's id: %v", sortedKeys(first))
			}
			sameTree(t, tpl.ID, first, readTree(t, two))
		})
	}
	code, _, errs := runCLI("gallery", "use", "nope", "--workspace", filepath.Join(t.TempDir(), "n.flightplan"))
	if code != 1 || !strings.Contains(errs, `no funnel template "nope"`) {
		t.Errorf("gallery use nope: exit %d: %s", code, errs)
	}
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
