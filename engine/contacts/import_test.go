package contacts

import (
	"bytes"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"flightplan/engine/store"
)

func rejectLines(res *ImportResult) []int {
	var out []int
	for _, r := range res.Rejects {
		out = append(out, r.Line)
	}
	return out
}

func reasonOf(t *testing.T, res *ImportResult, line int) string {
	t.Helper()
	for _, r := range res.Rejects {
		if r.Line == line {
			return r.Reason
		}
	}
	t.Fatalf("line %d was not rejected (rejects: %+v)", line, res.Rejects)
	return ""
}

func checkBalance(t *testing.T, res *ImportResult) {
	t.Helper()
	if sum := res.Created + res.Updated + res.Unchanged + res.Skipped + res.Merged + len(res.Rejects); sum != res.Rows {
		t.Errorf("rows %d but created %d + updated %d + unchanged %d + skipped %d + merged %d + rejected %d = %d",
			res.Rows, res.Created, res.Updated, res.Unchanged, res.Skipped, res.Merged, len(res.Rejects), sum)
	}
}

// The French Excel export: BOM, semicolons, CRLF, a quoted line break,
// duplicates, bad emails, a bad date, blank and separator-only lines,
// Québec spelled four ways, an unknown column.
func TestImportFrenchBOMSemicolon(t *testing.T) {
	st := openStore(t)
	var progress [][2]int
	res, err := Import(bg, st, fixture(t, "contacts_fr_bom_semicolon.csv"), ImportOptions{
		List: "Salon 2024", DefaultCountryCode: "33", Now: now, BatchSize: 2,
		Progress: func(done, total int) { progress = append(progress, [2]int{done, total}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != EncUTF8BOM || res.Separator != ";" {
		t.Errorf("encoding %q separator %q", res.Encoding, res.Separator)
	}
	if res.Rows != 10 || res.Created != 5 || res.Skipped != 1 || res.EmptyLines != 3 || res.Updated != 0 || res.Merged != 0 {
		t.Errorf("rows %d created %d skipped %d empty %d updated %d merged %d", res.Rows, res.Created, res.Skipped, res.EmptyLines, res.Updated, res.Merged)
	}
	checkBalance(t, res)
	if got := rejectLines(res); !reflect.DeepEqual(got, []int{7, 8, 12, 15}) {
		t.Fatalf("rejected lines %v, want [7 8 12 15]", got)
	}
	for line, part := range map[int]string{
		7:  `invalid email "pas-un-courriel": no @`,
		8:  `field "birth_date": "31/02/1990" is not a date`,
		12: `invalid email "marc@exemple": the domain "exemple" has no dot`,
		15: "13 values but the header has 11 columns",
	} {
		if r := reasonOf(t, res, line); !strings.Contains(r, part) {
			t.Errorf("line %d: reason %q, want %q", line, r, part)
		}
	}
	// The spreadsheet's row 9 starts on line 10 (a quoted value above spans
	// two lines); the values it holds differently from row 2 are named.
	want := []Conflict{{Field: "first_name", Kept: "Jean", Dropped: "Jean-Pierre"}, {Field: "company", Kept: "Acme", Dropped: "Acme SA"}}
	if len(res.Skips) != 1 || res.Skips[0].Line != 10 || res.Skips[0].Row != 9 || !strings.Contains(res.Skips[0].Reason, "row 2") ||
		!reflect.DeepEqual(res.Skips[0].Conflicts, want) {
		t.Errorf("skips %+v", res.Skips)
	}
	for _, r := range res.Rejects {
		if r.Row == 0 || r.Row > r.Line {
			t.Errorf("reject at line %d: row %d", r.Line, r.Row)
		}
	}
	if !reflect.DeepEqual(res.Ignored, []string{"Notes", "Fidélité"}) {
		t.Errorf("ignored %q", res.Ignored)
	}
	if !reflect.DeepEqual(res.NewFields, []string{RegionField}) {
		t.Errorf("new fields %q", res.NewFields)
	}
	if !reflect.DeepEqual(progress, [][2]int{{0, 5}, {2, 5}, {4, 5}, {5, 5}}) {
		t.Errorf("progress %v", progress)
	}

	jean := mustContact(t, st, "jean.dupont@exemple.fr")
	if jean.Identity["first_name"] != "Jean" || jean.Identity["phone"] != "+33123456789" || jean.Identity["birth_date"] != "1985-04-03" || jean.Identity["country"] != "France" {
		t.Errorf("jean %+v", jean.Identity)
	}
	marie := mustContact(t, st, "marie.tremblay@exemple.ca")
	if marie.Identity["company"] != "Bois Franc inc." || marie.Identity["country"] != "Canada" || marie.Fields[RegionField] != "Québec" ||
		marie.Identity["phone"] != "+15145550199" || marie.Identity["city"] != "Montréal" || marie.Identity["birth_date"] != "1990-12-25" {
		t.Errorf("marie %+v %+v", marie.Identity, marie.Fields)
	}
	luc := mustContact(t, st, "luc.gagnon@exemple.ca")
	if luc.Fields[RegionField] != "Québec" || luc.Identity["birth_date"] != "1985-03-03" {
		t.Errorf("luc %+v %+v", luc.Identity, luc.Fields)
	}
	anne := mustContact(t, st, "anne.cote@exemple.ca")
	if anne.Fields[RegionField] != "Québec" || anne.Identity["birth_date"] != "1988-12-25" || anne.Identity["last_name"] != "Côté" {
		t.Errorf("anne %+v %+v", anne.Identity, anne.Fields)
	}
	julie := mustContact(t, st, "julie.bernard@exemple.fr")
	if julie.Identity["company"] != `Dupuis "et fils"` || julie.Identity["country"] != "France" || julie.Identity["phone"] != "+33612345678" {
		t.Errorf("julie %+v", julie.Identity)
	}
	if !reflect.DeepEqual(julie.Lists, []string{"Salon 2024"}) {
		t.Errorf("julie lists %v", julie.Lists)
	}
	// Every variant of Québec became one value.
	if n := countRows(t, st, `SELECT count(DISTINCT json_extract(fields,'$.region')) FROM contacts WHERE json_extract(fields,'$.region') IS NOT NULL`); n != 1 {
		t.Errorf("%d distinct regions", n)
	}
	if n := countRows(t, st, `SELECT count(*) FROM contacts`); n != 5 {
		t.Errorf("%d contacts", n)
	}
	// Flows start: one contact_created and one list_joined per new contact, unprocessed.
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE type='contact_created' AND processed=0 AND source='import'`); n != 5 {
		t.Errorf("%d contact_created events", n)
	}
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE type='list_joined' AND processed=0 AND json_extract(props,'$.list')='Salon 2024'`); n != 5 {
		t.Errorf("%d list_joined events", n)
	}
	if n := countRows(t, st, `SELECT count(*) FROM field_defs WHERE name='region'`); n != 1 {
		t.Error("region field not defined")
	}

	// The rejects file holds the original columns and a reason, and reads back.
	var buf bytes.Buffer
	if err := WriteRejects(&buf, res); err != nil {
		t.Fatal(err)
	}
	text, enc := decode(buf.Bytes())
	if enc != EncUTF8BOM {
		t.Errorf("rejects file encoding %s", enc)
	}
	recs := parseCSV(text, ';', 12)
	if len(recs) != 5 || recs[0].fields[11] != "reason" || recs[0].fields[1] != "Prénom" {
		t.Fatalf("rejects file: %+v", recs)
	}
	if recs[1].fields[0] != "pas-un-courriel" || !strings.HasPrefix(recs[1].fields[11], "row 6 (line 7): ") {
		t.Errorf("first reject row %q", recs[1].fields)
	}
	if recs[2].fields[8] != "31/02/1990" {
		t.Errorf("second reject keeps the bad date: %q", recs[2].fields)
	}

	// Same layout again, merging: the mapping is remembered; the duplicate
	// line 10 is folded into line 2, which updates Jean; the others are unchanged.
	res2, err := Import(bg, st, fixture(t, "contacts_fr_bom_semicolon.csv"), ImportOptions{Policy: PolicyUpdate, DefaultCountryCode: "33", List: "Salon 2024", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res2.Columns {
		if c.Source != SourceRemembered {
			t.Errorf("column %q: source %s, want remembered", c.Header, c.Source)
		}
	}
	if res2.Created != 0 || res2.Updated != 1 || res2.Unchanged != 4 || res2.Merged != 1 || len(res2.Rejects) != 4 {
		t.Errorf("second import: created %d updated %d unchanged %d merged %d rejects %d", res2.Created, res2.Updated, res2.Unchanged, res2.Merged, len(res2.Rejects))
	}
	checkBalance(t, res2)
	jean = mustContact(t, st, "jean.dupont@exemple.fr")
	if jean.Identity["first_name"] != "Jean-Pierre" || jean.Identity["company"] != "Acme SA" || jean.Identity["phone"] != "+33123456789" {
		t.Errorf("jean after update: %+v (an empty cell must not erase the phone)", jean.Identity)
	}
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE type='list_joined'`); n != 5 {
		t.Errorf("re-import joined the list again: %d list_joined events", n)
	}
}

// A Windows-1252 file with commas and English headers; a choice field
// mapped explicitly; the unknown column otherwise ignored.
func TestImportLatin1Comma(t *testing.T) {
	st := openStore(t)
	if err := DefineField(bg, st.DB(), FieldDef{Name: "loyalty", Type: TypeChoice, Label: "Loyalty", Options: []string{"Gold", "Silver", "Bronze"}}); err != nil {
		t.Fatal(err)
	}
	info, err := Sniff(bg, st.DB(), fixture(t, "contacts_latin1_comma.csv"), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	guessed := map[string]string{}
	for _, c := range info.Columns {
		guessed[c.Header] = c.Field
	}
	wantGuess := map[string]string{"E-mail": "email", "First Name": "first_name", "Last Name": "last_name", "Company": "company",
		"Country": "country", "State": RegionField, "City": "city", "Phone": "phone", "Birth date": "birth_date", "Loyalty tier": ""}
	if !reflect.DeepEqual(guessed, wantGuess) {
		t.Errorf("guessed %v", guessed)
	}
	if info.Encoding != EncCP1252 || info.Separator != "," || info.Rows != 5 || info.EmptyLines != 2 || info.Columns[1].Sample != "François" {
		t.Errorf("sniff %+v", info)
	}

	res, err := Import(bg, st, fixture(t, "contacts_latin1_comma.csv"), ImportOptions{Mapping: map[string]string{"Loyalty tier": "loyalty"}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 3 || res.EmptyLines != 2 || res.Rows != 5 {
		t.Errorf("created %d empty %d rows %d", res.Created, res.EmptyLines, res.Rows)
	}
	checkBalance(t, res)
	if got := rejectLines(res); !reflect.DeepEqual(got, []int{5, 6}) {
		t.Fatalf("rejected %v", got)
	}
	if r := reasonOf(t, res, 5); !strings.Contains(r, "more than one @") {
		t.Error(r)
	}
	if r := reasonOf(t, res, 6); !strings.Contains(r, `field "loyalty": "Platinum" is not one of Gold, Silver, Bronze`) {
		t.Error(r)
	}
	f := mustContact(t, st, "francois.leclerc@example.com")
	if f.Identity["first_name"] != "François" || f.Identity["company"] != "L’Atelier" || f.Identity["country"] != "United States" ||
		f.Identity["birth_date"] != "1979-12-31" || f.Fields["loyalty"] != "Gold" {
		t.Errorf("françois %+v %+v", f.Identity, f.Fields)
	}
	h := mustContact(t, st, "helene@example.com")
	if h.Identity["company"] != "Café Dépôt, Inc." || h.Fields[RegionField] != "Québec" || h.Fields["loyalty"] != "Silver" || h.Identity["last_name"] != "Bérubé" {
		t.Errorf("hélène %+v %+v", h.Identity, h.Fields)
	}
	n := mustContact(t, st, "noel@example.com")
	if n.Identity["country"] != "United Kingdom" || n.Identity["birth_date"] != "1992-07-14" || n.Fields["loyalty"] != "Bronze" {
		t.Errorf("noël %+v %+v", n.Identity, n.Fields)
	}
}

// Lines from a UTF-8 export and a Latin-1 export pasted into one TSV.
func TestImportMixedEncodingTab(t *testing.T) {
	st := openStore(t)
	res, err := Import(bg, st, fixture(t, "contacts_mixed_tab.tsv"), ImportOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != EncMixed || res.Separator != "\t" || res.Created != 4 || res.EmptyLines != 1 || len(res.Rejects) != 0 {
		t.Fatalf("%+v", res)
	}
	want := map[string][2]string{
		"gerard@exemple.fr":    {"Gérard", "Bretagne"},
		"melanie@exemple.fr":   {"Mélanie", "Provence-Alpes-Côte d'Azur"},
		"francoise@exemple.ca": {"Françoise", "Québec"},
		"remi@exemple.ca":      {"Rémi", "Québec"},
	}
	for email, w := range want {
		c := mustContact(t, st, email)
		if c.Identity["first_name"] != w[0] || c.Fields[RegionField] != w[1] {
			t.Errorf("%s: %q %v, want %v", email, c.Identity["first_name"], c.Fields[RegionField], w)
		}
	}
}

func TestImportPolicies(t *testing.T) {
	file := "email,first name,company,city,tags\n" +
		"luc@x.ca,Lucien,Gagnon Ltée,,client\n"
	setup := func(t *testing.T) *store.Store {
		st := openStore(t)
		_, err := Import(bg, st, strings.NewReader("email,first name,city\nluc@x.ca,Luc,Québec\n"), ImportOptions{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	for _, c := range []struct {
		policy               MergePolicy
		first, company, city string
		updated, skipped     int
		tags                 []string
	}{
		{PolicySkip, "Luc", "", "Québec", 0, 1, []string{}},
		{PolicyFill, "Luc", "Gagnon Ltée", "Québec", 1, 0, []string{"client"}},
		{PolicyUpdate, "Lucien", "Gagnon Ltée", "Québec", 1, 0, []string{"client"}},
	} {
		t.Run(string(c.policy), func(t *testing.T) {
			st := setup(t)
			res, err := Import(bg, st, strings.NewReader(file), ImportOptions{Policy: c.policy, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if res.Updated != c.updated || res.Skipped != c.skipped || res.Created != 0 {
				t.Errorf("updated %d skipped %d created %d", res.Updated, res.Skipped, res.Created)
			}
			luc := mustContact(t, st, "luc@x.ca")
			if luc.Identity["first_name"] != c.first || luc.Identity["company"] != c.company || luc.Identity["city"] != c.city || !reflect.DeepEqual(luc.Tags, c.tags) {
				t.Errorf("luc %+v tags %v", luc.Identity, luc.Tags)
			}
		})
	}
}

// Duplicates inside one file under fill: later lines only fill the gaps.
func TestImportInFileMergeFill(t *testing.T) {
	st := openStore(t)
	file := "email;prénom;ville;tags\n" +
		"a@x.fr;Ana;;vip\n" +
		"A@X.FR;Anna;Lyon;salon\n" +
		"a@x.fr;;Paris;vip\n"
	res, err := Import(bg, st, strings.NewReader(file), ImportOptions{Policy: PolicyFill, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || res.Merged != 2 || len(res.Merges) != 2 || res.Merges[0].Line != 3 || res.Merges[1].Line != 4 {
		t.Fatalf("%+v", res)
	}
	a := mustContact(t, st, "a@x.fr")
	sort.Strings(a.Tags)
	if a.Identity["first_name"] != "Ana" || a.Identity["city"] != "Lyon" || !reflect.DeepEqual(a.Tags, []string{"salon", "vip"}) {
		t.Errorf("%+v %v", a.Identity, a.Tags)
	}
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE type='tag_added'`); n != 2 {
		t.Errorf("%d tag_added events", n)
	}
}

func TestImportFileProblems(t *testing.T) {
	st := openStore(t)
	for _, c := range []struct{ file, err string }{
		{"", "the file is empty"},
		{"\n\n  \n", "the file is empty"},
		{"jean@x.fr;Jean\nana@x.fr;Ana\n", "data rather than column names"},
		{"prénom;ville\nJean;Paris\n", `no column goes to the email address`},
		{"email;courriel\na@x.fr;b@x.fr\n", `columns "email" and "courriel" both go to field "email"`},
	} {
		_, err := Import(bg, st, strings.NewReader(c.file), ImportOptions{Now: now})
		wantErr(t, err, c.err)
	}
	_, err := Import(bg, st, strings.NewReader("email\na@x.fr\n"), ImportOptions{Mapping: map[string]string{"Mail": "email"}})
	wantErr(t, err, `the file has no column "Mail"`)
	_, err = Import(bg, st, strings.NewReader("email;x\na@x.fr;1\n"), ImportOptions{Mapping: map[string]string{"x": "Score!"}})
	wantErr(t, err, `column "x"`, "lower-case letters")
	_, err = Import(bg, st, strings.NewReader("email\na@x.fr\n"), ImportOptions{Policy: "merge"})
	wantErr(t, err, `unknown merge policy "merge"`)

	// An unclosed quote swallows the rest of the file: that record is rejected, with its line.
	res, err := Import(bg, st, strings.NewReader("email;ville\na@x.fr;Paris\nb@x.fr;\"Lyon\nc@x.fr;Nice\n"), ImportOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || !reflect.DeepEqual(rejectLines(res), []int{3}) || !strings.Contains(res.Rejects[0].Reason, "never closed") {
		t.Errorf("%+v", res)
	}
	if n := countRows(t, st, `SELECT count(*) FROM contacts`); n != 1 {
		t.Errorf("%d contacts", n)
	}
}

// A mapped unknown column becomes a custom text field; a typed custom field validates.
func TestImportCustomFieldsAndDryRun(t *testing.T) {
	st := openStore(t)
	if err := DefineField(bg, st.DB(), FieldDef{Name: "seats", Type: TypeNumber}); err != nil {
		t.Fatal(err)
	}
	file := "email,seats,source,timezone,junk\na@x.fr,\"1 200\",salon,Europe/Paris,zz\nb@x.fr,beaucoup,web,,zz\nc@x.fr,3,web,Paris,zz\n"
	opts := ImportOptions{Mapping: map[string]string{"source": "lead_source"}, DryRun: true, Now: now, Quiet: true}
	res, err := Import(bg, st, strings.NewReader(file), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || !reflect.DeepEqual(rejectLines(res), []int{3, 4}) || !res.DryRun {
		t.Fatalf("dry run %+v", res)
	}
	if r := reasonOf(t, res, 4); !strings.Contains(r, `field "timezone": "Paris" is not a time zone`) {
		t.Error(r)
	}
	if n := countRows(t, st, `SELECT count(*) FROM contacts`) + countRows(t, st, `SELECT count(*) FROM events`) +
		countRows(t, st, `SELECT count(*) FROM field_defs WHERE name='lead_source'`) + countRows(t, st, `SELECT count(*) FROM import_layouts`); n != 0 {
		t.Errorf("dry run wrote %d rows", n)
	}
	opts.DryRun = false
	res, err = Import(bg, st, strings.NewReader(file), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.NewFields, []string{"lead_source"}) || !reflect.DeepEqual(res.Ignored, []string{"junk"}) {
		t.Errorf("new %v ignored %v", res.NewFields, res.Ignored)
	}
	a := mustContact(t, st, "a@x.fr")
	if a.Fields["seats"] != 1200.0 || a.Fields["lead_source"] != "salon" || a.Identity["timezone"] != "Europe/Paris" {
		t.Errorf("%+v %+v", a.Fields, a.Identity)
	}
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE processed=1`); n != 1 {
		t.Errorf("quiet import: %d processed events, want 1", n)
	}
}

// An export imports back into an empty workspace with every column mapped
// and the same values.
func TestExportRoundTrip(t *testing.T) {
	st := openStore(t)
	if err := DefineField(bg, st.DB(), FieldDef{Name: "optin", Type: TypeBoolean}); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(bg, st, fixture(t, "contacts_fr_bom_semicolon.csv"), ImportOptions{List: "Salon", Tags: []string{"fr"}, Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := UpdateFields(bg, st.DB(), mustContact(t, st, "luc.gagnon@exemple.ca").ID, map[string]string{"optin": "oui"}, now); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := ExportCSV(bg, st, &buf, ListQuery{})
	if err != nil || n != 5 {
		t.Fatalf("export: %d, %v", n, err)
	}
	// A filtered export.
	var part bytes.Buffer
	if n, err := ExportCSV(bg, st, &part, ListQuery{Search: "exemple.ca"}); err != nil || n != 3 {
		t.Fatalf("filtered export: %d, %v", n, err)
	}

	st2 := openStore(t)
	if err := DefineField(bg, st2.DB(), FieldDef{Name: "optin", Type: TypeBoolean}); err != nil {
		t.Fatal(err)
	}
	res, err := Import(bg, st2, bytes.NewReader(buf.Bytes()), ImportOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 5 || len(res.Rejects) != 0 {
		t.Fatalf("re-import %+v", res)
	}
	if !reflect.DeepEqual(res.Ignored, []string{"lists", "stage", "score", "temperature", "unsubscribed", "bounced", "created_at"}) {
		t.Errorf("ignored %v", res.Ignored)
	}
	for _, email := range []string{"jean.dupont@exemple.fr", "marie.tremblay@exemple.ca", "luc.gagnon@exemple.ca", "anne.cote@exemple.ca", "julie.bernard@exemple.fr"} {
		a, b := mustContact(t, st, email), mustContact(t, st2, email)
		if !reflect.DeepEqual(a.Identity, b.Identity) || !reflect.DeepEqual(a.Fields, b.Fields) || !reflect.DeepEqual(a.Tags, b.Tags) {
			t.Errorf("%s: %+v %+v %v\n != %+v %+v %v", email, a.Identity, a.Fields, a.Tags, b.Identity, b.Fields, b.Tags)
		}
	}
	if got := mustContact(t, st2, "luc.gagnon@exemple.ca").Fields["optin"]; got != true {
		t.Errorf("optin %v", got)
	}
}

// Sniff still shows the guessed columns when the mapping cannot be used.
func TestSniffMappingError(t *testing.T) {
	st := openStore(t)
	info, err := Sniff(bg, st.DB(), strings.NewReader("Prénom;Ville\nJean;Paris\n\nAna;Lyon\n"), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(info.MappingError, "no column goes to the email address") || len(info.Columns) != 2 ||
		info.Columns[0].Field != "first_name" || info.Columns[1].Field != "city" || info.Columns[1].Sample != "Paris" || info.Rows != 2 || info.EmptyLines != 1 {
		t.Errorf("%+v", info)
	}
	_, err = Sniff(bg, st.DB(), strings.NewReader(""), ImportOptions{})
	wantErr(t, err, "the file is empty")
}

// A refused row says why in plain words in English and in French (the
// French window once showed `invalid email "not-an-email": no @`), with
// its line, and the other rows are imported.
func TestImportRejectSaysWhyInEnglishAndFrench(t *testing.T) {
	st := openStore(t)
	file := "email,first_name\nzoe@example.com,Zoé\nnot-an-email,Bad\nmarc@x,Marc\nfive@x.fr,a,b,c\n"
	res, err := Import(bg, st, strings.NewReader(file), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || !reflect.DeepEqual(rejectLines(res), []int{3, 4, 5}) {
		t.Fatalf("created %d, rejected lines %v", res.Created, rejectLines(res))
	}
	want := [][2]string{
		{"“not-an-email” is not an email address: it has no @", "« not-an-email » n’est pas une adresse courriel : il n’y a pas de @"},
		{"“marc@x” is not an email address: its domain “x” has no dot", "« marc@x » n’est pas une adresse courriel : son domaine « x » n’a pas de point"},
		{"The line has 4 values but the header has 2 columns (a separator inside a value without quotes?)", "La ligne a 4 valeurs mais l’en-tête a 2 colonnes (un séparateur dans une valeur sans guillemets ?)"},
	}
	for i, w := range want {
		r := res.Rejects[i]
		if r.Text.En != w[0] || r.Text.Fr != w[1] {
			t.Errorf("line %d: %q / %q, want %q / %q", r.Line, r.Text.En, r.Text.Fr, w[0], w[1])
		}
	}
	// The rejects file and the command line keep the engine's words.
	if !strings.Contains(res.Rejects[0].Reason, `invalid email "not-an-email": no @`) {
		t.Errorf("reason %q", res.Rejects[0].Reason)
	}
}

// Why a row was skipped or merged is said in plain words in English and in
// French (the French window once showed "same email as row 2: merged into
// it (overwrite)" and "already in the contact base (merge policy: skip)"),
// for each merge choice and for a contact already in the base.
func TestImportNotesSayWhyInEnglishAndFrench(t *testing.T) {
	file := "email,first_name\nluc@x.ca,Lucien\nana@x.fr,Ana\nANA@x.fr,Anna\n"
	for _, c := range []struct {
		policy      MergePolicy
		known, twin [2]string // the note on luc (in the base) and on the second Ana
	}{
		{PolicySkip,
			[2]string{"Already in your contacts: left as it is, as you chose", "Déjà dans vos contacts : laissé tel quel, comme vous l’avez choisi"},
			[2]string{"Same email as row 3, which is imported instead: this row is left out", "Même adresse courriel que la ligne 3, qui est importée à sa place : cette ligne est laissée de côté"}},
		{PolicyUpdate,
			[2]string{"Already in your contacts with other values: the file’s values replace them", "Déjà dans vos contacts avec d’autres valeurs : celles du fichier les remplacent"},
			[2]string{"Same email as row 3: merged into it, its filled cells replacing that row’s values", "Même adresse courriel que la ligne 3 : fusionnée avec elle, ses cases remplies remplacent les valeurs de cette ligne"}},
		{PolicyFill,
			[2]string{"Already in your contacts with other values: the known values stay", "Déjà dans vos contacts avec d’autres valeurs : les valeurs connues restent"},
			[2]string{"Same email as row 3: merged into it, filling only what that row left empty", "Même adresse courriel que la ligne 3 : fusionnée avec elle, en ne remplissant que ce que cette ligne laissait vide"}},
	} {
		t.Run(string(c.policy), func(t *testing.T) {
			st := openStore(t)
			if _, err := Import(bg, st, strings.NewReader("email,first_name\nluc@x.ca,Luc\n"), ImportOptions{Now: now}); err != nil {
				t.Fatal(err)
			}
			res, err := Import(bg, st, strings.NewReader(file), ImportOptions{Policy: c.policy, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			notes := map[string]RowNote{}
			for _, n := range append(append(append([]RowNote{}, res.Skips...), res.Merges...), res.Conflicts...) {
				notes[n.Email+"@"+strconv.Itoa(n.Row)] = n
			}
			for key, w := range map[string][2]string{"luc@x.ca@2": c.known, "ana@x.fr@4": c.twin} {
				n, ok := notes[key]
				if !ok {
					t.Fatalf("no note for %s in %+v", key, notes)
				}
				if n.Text.En != w[0] || n.Text.Fr != w[1] || n.Text.Pseudo != "⟦"+w[0]+"⟧" {
					t.Errorf("%s: %q / %q / %q, want %q / %q", key, n.Text.En, n.Text.Fr, n.Text.Pseudo, w[0], w[1])
				}
			}
		})
	}
}

// A value a field refuses is said in plain words, the field by its name,
// in English and in French (the French window once showed
// `field "birth_date": "31/02/1990" is not a date: February 1990 has no day 31`).
func TestImportValueRejectsSayWhyInEnglishAndFrench(t *testing.T) {
	st := openStore(t)
	file := "email,birth_date,phone\na@x.fr,31/02/1990,\nb@x.fr,,12ab\nc@x.fr,demain,\n"
	res, err := Import(bg, st, strings.NewReader(file), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{
		{"Birth date: “31/02/1990” is not a date: February 1990 has no day 31", "Date de naissance : « 31/02/1990 » n’est pas une date : février 1990 n’a pas de jour 31"},
		{"Phone: “12ab” is not a phone number: it has letters from “ab”", "Téléphone : « 12ab » n’est pas un numéro de téléphone : il contient des lettres à partir de « ab »"},
		{"Birth date: “demain” is not a date", "Date de naissance : « demain » n’est pas une date"},
	}
	if len(res.Rejects) != len(want) {
		t.Fatalf("%d rejects: %+v", len(res.Rejects), res.Rejects)
	}
	for i, w := range want {
		if r := res.Rejects[i]; r.Text.En != w[0] || r.Text.Fr != w[1] {
			t.Errorf("line %d: %q / %q, want %q / %q", r.Line, r.Text.En, r.Text.Fr, w[0], w[1])
		}
	}
}
