package contacts

import (
	"reflect"
	"testing"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		in        []byte
		text, enc string
	}{
		{[]byte("a;b\n"), "a;b\n", EncUTF8},
		{[]byte("\xef\xbb\xbfé;b\n"), "é;b\n", EncUTF8BOM},
		{[]byte("caf\xe9 \x92 \x80\n"), "café ’ €\n", EncCP1252},
		{[]byte("G\xc3\xa9rard\nM\xe9lanie\n"), "Gérard\nMélanie\n", EncMixed},
		{[]byte("\xff\xfea\x00;\x00\xe9\x00\n\x00"), "a;é\n", EncUTF16LE},
		{[]byte("\xfe\xff\x00a\x00;\x00\xe9\x00\n"), "a;é\n", EncUTF16BE},
	}
	for _, c := range cases {
		text, enc := decode(c.in)
		if text != c.text || enc != c.enc {
			t.Errorf("decode(%q) = %q, %s; want %q, %s", c.in, text, enc, c.text, c.enc)
		}
	}
}

func TestDetectSeparator(t *testing.T) {
	cases := map[string]byte{
		"email;nom;ville\na@b.fr;Dupont;Paris\n":                     ';',
		"email,name,city\na@b.fr,\"Dupont, Jean\",Paris\n":           ',',
		"email\tname\tcity\na@b.fr\tDupont, Jean\tParis\n":           '\t',
		"email|name\na@b.fr|x\n":                                     '|',
		"\"Nom, complet\";Ville\n\"Dupont, Jean\";\"Paris, France\"": ';',
		"email\na@b.fr\n": ',',
	}
	for in, want := range cases {
		if got := detectSeparator(in); got != want {
			t.Errorf("detectSeparator(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCSV(t *testing.T) {
	text := "a;b\r\n\"x\r\ny\";\"he said \"\"hi\"\"\"\r\n\r\n;;\nlast;\"q\"tail\rold mac;end"
	recs := parseCSV(text, ';', 2)
	type r struct {
		line   int
		fields []string
	}
	var got []r
	for _, rec := range recs {
		got = append(got, r{rec.line, rec.fields})
	}
	want := []r{
		{1, []string{"a", "b"}},
		{2, []string{"x\ny", `he said "hi"`}}, // a quoted line break: the record spans lines 2–3
		{4, []string{""}},                     // an empty line
		{5, []string{"", "", ""}},             // separators only
		{6, []string{"last", "qtail"}},        // text after a closing quote is kept
		{7, []string{"old mac", "end"}},       // a lone \r ends a line
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("parseCSV:\n got %+v\nwant %+v", got, want)
	}
	if !recs[2].blank() || !recs[3].blank() || recs[0].blank() {
		t.Error("blank() wrong")
	}

	recs = parseCSV("a,b\n1,\"open\n2,3\n", ',', 2)
	if len(recs) != 2 || recs[1].line != 2 || recs[1].err == "" {
		t.Fatalf("unclosed quote: %+v", recs)
	}
}
