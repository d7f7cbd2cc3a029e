package contacts

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCSVImport feeds arbitrary bytes to the CSV import (a dry run on a real
// workspace) and checks that it never panics, that the result accounts for
// every row, that a dry run writes no contact, that Sniff counts the same
// rows, and that the rejects file reads back with no cell a spreadsheet
// would run. Seeds: the import fixtures and testdata/fuzz/FuzzCSVImport.
func FuzzCSVImport(f *testing.F) {
	for _, name := range []string{"contacts_fr_bom_semicolon.csv", "contacts_latin1_comma.csv", "contacts_mixed_tab.tsv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	st := openStore(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return // keep each input fast; size is not what this explores
		}
		info, serr := Sniff(bg, st.DB(), bytes.NewReader(data), ImportOptions{})
		res, err := Import(bg, st, bytes.NewReader(data), ImportOptions{DryRun: true, Now: now, Policy: PolicyUpdate})
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("an import error with no words")
			}
			return
		}
		if sum := res.Created + res.Updated + res.Unchanged + res.Skipped + res.Merged + len(res.Rejects); sum != res.Rows {
			t.Fatalf("rows %d but created+updated+unchanged+skipped+merged+rejected = %d: %+v", res.Rows, sum, res)
		}
		if serr == nil && info.MappingError == "" && info.Rows != res.Rows {
			t.Fatalf("Sniff counts %d rows, Import %d", info.Rows, res.Rows)
		}
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
		for _, r := range res.Rejects {
			if r.Line < 1 || r.Line > lines || r.Reason == "" {
				t.Fatalf("reject at line %d of %d, reason %q", r.Line, lines, r.Reason)
			}
			if !utf8.ValidString(r.Reason) {
				t.Fatalf("reject reason is not UTF-8: %q", r.Reason)
			}
		}
		var n int
		if err := st.ReadDB().QueryRow(`SELECT count(*) FROM contacts`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("a dry run wrote %d contacts (%v)", n, err)
		}
		if len(res.Rejects) > 0 {
			var buf bytes.Buffer
			if err := WriteRejects(&buf, res); err != nil {
				t.Fatal(err)
			}
			sep := ','
			if res.Separator != "" {
				sep = rune(res.Separator[0])
			}
			for _, c := range formulaCells(t, buf.Bytes(), sep) {
				if c[0] != '+' && c[0] != '-' {
					t.Fatalf("rejects file has a formula cell %q", c)
				}
			}
		}
	})
}
