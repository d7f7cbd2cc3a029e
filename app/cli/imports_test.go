package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// import contacts with its choices: a dry run says what would change and
// writes nothing; --merge overwrite takes the file's new last name where
// fill keeps the old; --list and --tag reach every row; a duplicate row's
// differing values are reported, and rows are numbered as a spreadsheet
// numbers them, with the physical line beside.
func TestImportContactsWithChoices(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.flightplan")
	w := []string{"--workspace", ws}
	cli := func(args ...string) string { t.Helper(); return must(t, append(args, w...)...) }
	cli("contacts", "add", "ana@example.com", "--field", "last_name=Old", "--field", "first_name=Ana")

	// Row 3 holds a note over two lines: row 4 starts on line 5.
	csv := writeFile(t, dir, "people.csv", "email,last_name,company,birth_date,notes\n"+
		"ana@example.com,New,Acme,1990-12-31,\n"+
		"ben@example.com,Bell,Initech,1985-03-04,\"two\nlines\"\n"+
		"ben@example.com,Bell,Initrode,,\n"+
		"cy@example.com,Cole,,03/04/1985,\n")
	code, out, errs := runCLI(append([]string{"import", "contacts", csv, "--dry-run", "--dates", "ymd", "--list", "Fair 2026", "--tag", "fair", "--tag", "lead"}, w...)...)
	if code != 1 || !strings.Contains(out, "dry run, nothing written: 4 rows: 1 would be created, 1 updated") ||
		!strings.Contains(out, `people.csv: row 5 (line 6): Birth date: “03/04/1985” does not start with its year, as the dates of this file do (year-month-day)`) ||
		!strings.Contains(out, `people.csv: row 4 (line 5): ben@example.com: Same email as row 3: merged into it, filling only what that row left empty; company: kept "Initech", not "Initrode"`) ||
		!strings.Contains(out, `people.csv: row 2: ana@example.com: Already in your contacts with other values: the known values stay; last_name: kept "Old", not "New"`) {
		t.Errorf("dry run: exit %d:\n%s%s", code, out, errs)
	}
	// In French, why a row was merged or left as it is reads in French.
	code, out, errs = runCLI(append([]string{"import", "contacts", csv, "--dry-run", "--dates", "ymd", "--lang", "fr"}, w...)...)
	if code != 1 || !strings.Contains(out, `people.csv: ligne 5 (ligne 6 du fichier): Date de naissance : « 03/04/1985 » ne commence pas par l’année, comme les dates de ce fichier (année-mois-jour)`) ||
		!strings.Contains(out, `people.csv: ligne 4 (ligne 5 du fichier): ben@example.com: Même adresse courriel que la ligne 3 : fusionnée avec elle, en ne remplissant que ce que cette ligne laissait vide ; company : « Initech » gardé, « Initrode » écarté`) ||
		!strings.Contains(out, `people.csv: ligne 2: ana@example.com: Déjà dans vos contacts avec d’autres valeurs : les valeurs connues restent ; last_name : « Old » gardé, « New » écarté`) {
		t.Errorf("dry run in French: exit %d:\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "people.rejects.csv")); err == nil {
		t.Errorf("a dry run wrote the rejects file")
	}
	if l := cli("contacts", "list"); strings.Contains(l, "ben@example.com") || !strings.HasSuffix(l, "1 contacts\n") {
		t.Errorf("a dry run wrote contacts:\n%s", l)
	}
	if l := cli("lists", "list"); strings.Contains(l, "Fair 2026") {
		t.Errorf("a dry run made the list:\n%s", l)
	}

	// For real, overwriting: Ana's last name is the file's now.
	code, out, errs = runCLI(append([]string{"import", "contacts", csv, "--merge", "overwrite", "--dates", "ymd", "--list", "Fair 2026", "--tag", "fair", "--tag", "lead", "--json"}, w...)...)
	if code != 1 {
		t.Errorf("import with a rejected row: exit %d: %s", code, errs)
	}
	checkShape(t, "import-contacts", out)
	var got struct {
		Result struct {
			Created, Updated int
			Rejects          []struct{ Row, Line int }
		}
	}
	json.Unmarshal([]byte(out), &got)
	if got.Result.Created != 1 || got.Result.Updated != 1 || len(got.Result.Rejects) != 1 || got.Result.Rejects[0].Row != 5 || got.Result.Rejects[0].Line != 6 {
		t.Errorf("import --json: %s", out)
	}
	show := cli("contacts", "show", "ana@example.com")
	if !strings.Contains(show, "last name: New") || !strings.Contains(show, "lists: Fair 2026") || !strings.Contains(show, "tags: fair, lead") {
		t.Errorf("ana after overwrite:\n%s", show)
	}
	if show := cli("contacts", "show", "ben@example.com"); !strings.Contains(show, "company: Initrode") {
		t.Errorf("ben: overwrite takes the later row's value:\n%s", show)
	}
	// Skip leaves a known contact alone.
	again := writeFile(t, dir, "again.csv", "email,last_name\nana@example.com,Other\n")
	if out := cli("import", "contacts", again, "--merge", "skip"); !strings.Contains(out, "1 skipped") || !strings.Contains(out, `kept "New", not "Other"`) {
		t.Errorf("--merge skip:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "contacts", again, "--merge", "replace"}, 1, `--merge "replace": use fill`},
		{[]string{"import", "contacts", again, "--dates", "ydm"}, 1, `--dates "ydm": use dmy`},
		{[]string{"import", "flow", again, "--dry-run"}, 2, "import flow: --merge, --list, --tag, --dates and --dry-run are for contacts"},
	} {
		code, _, errs := runCLI(append(tc.args, w...)...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, want %d with %q:\n%s", tc.args, code, tc.code, tc.want, errs)
		}
	}
}
