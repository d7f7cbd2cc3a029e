package scripts

import (
	"reflect"
	"strings"
	"testing"
)

func TestAllParses(t *testing.T) {
	all := All()
	if len(all) < 10 {
		t.Fatalf("%d scripts, want at least 10", len(all))
	}
	readme := README()
	for _, s := range all {
		if s.Title == "" || s.Summary == "" || !validKind(s.Kind) || !strings.HasPrefix(s.Source, "-- Title:") {
			t.Errorf("%s: incomplete header: %+v", s.Name, s)
		}
		// The window shows the library in French too.
		if s.TitleFr == "" || s.SummaryFr == "" {
			t.Errorf("%s: no French title or summary (-- Title (fr): / -- Summary (fr):)", s.Name)
		}
		for _, p := range s.Params {
			if p.DescriptionFr == "" {
				t.Errorf("%s: param %s has no French help (-- Params (fr):)", s.Name, p.Name)
			}
		}
		// The reference lists every script in its library table.
		if !strings.Contains(readme, "| `"+s.Name+"` | "+s.Kind+" |") {
			t.Errorf("README.md does not list %s (%s) in its library table", s.Name, s.Kind)
		}
	}
}

func TestParseHeader(t *testing.T) {
	src := `-- Title: Example
-- Kind: score
-- Summary: First line
--   continued here.
-- Params:
--   n (number, default 2.5): a number
--   on (boolean, default false): a switch
--   words (list, default a, b ,c): some words
--   name (string, default none): no default
-- Title (fr): Exemple
-- Summary (fr): Première ligne
--   suite ici.
-- Params (fr):
--   n: un nombre
--   words: des mots
-- Reads: nothing

return 1
`
	s, err := Parse("example", src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Param{
		{Name: "n", Type: "number", Default: 2.5, Description: "a number", DescriptionFr: "un nombre"},
		{Name: "on", Type: "boolean", Default: false, Description: "a switch"},
		{Name: "words", Type: "list", Default: []any{"a", "b", "c"}, Description: "some words", DescriptionFr: "des mots"},
		{Name: "name", Type: "string", Default: nil, Description: "no default"},
	}
	if s.Title != "Example" || s.Kind != "score" || s.Summary != "First line continued here." || !reflect.DeepEqual(s.Params, want) ||
		s.TitleFr != "Exemple" || s.SummaryFr != "Première ligne suite ici." {
		t.Errorf("got %+v", s)
	}
	if d := s.Defaults(); len(d) != 3 || d["n"] != 2.5 {
		t.Errorf("defaults %v", d)
	}
	for name, bad := range map[string]string{
		"no title":                "-- Kind: score\n-- Summary: x\nreturn 1",
		"bad kind":                "-- Title: x\n-- Kind: filter\n-- Summary: x\nreturn 1",
		"bad param":               "-- Title: x\n-- Kind: score\n-- Summary: x\n-- Params:\n--   n: a number\nreturn 1",
		"bad default":             "-- Title: x\n-- Kind: score\n-- Summary: x\n-- Params:\n--   n (number, default lots): a number\nreturn 1",
		"French help of no param": "-- Title: x\n-- Kind: score\n-- Summary: x\n-- Params (fr):\n--   n: un nombre\nreturn 1",
	} {
		if _, err := Parse("bad", bad); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}
