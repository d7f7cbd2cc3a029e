package contacts

import (
	"errors"
	"testing"
)

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"  Bois   Franc\tinc. ": "Bois Franc inc.",
		"Jean\u00a0Dupont":      "Jean Dupont",
		"\u200bZoé\ufeff":       "Zoé",
		"line\r\nbreak":         "line break",
		"clean":                 "clean",
		"":                      "",
		"   ":                   "",
	} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for _, in := range []string{"Québec", "QUEBEC", "quebec", "Qué-bec", " québec "} {
		if got := fold(in); got != "quebec" {
			t.Errorf("fold(%q) = %q", in, got)
		}
	}
	if fold("Œuvre & Cœur") != "oeuvrecoeur" {
		t.Errorf("fold ligatures: %q", fold("Œuvre & Cœur"))
	}
}

func TestCleanEmail(t *testing.T) {
	ok := map[string]string{
		" Marie.Tremblay@Exemple.CA ":   "marie.tremblay@exemple.ca",
		"Jean Dupont <jean@exemple.fr>": "jean@exemple.fr",
		"mailto:Ana@Example.com":        "ana@example.com",
		"o'neil+news@sub.example.co.uk": "o'neil+news@sub.example.co.uk",
		"élodie@exemple.fr":             "élodie@exemple.fr",
	}
	for in, want := range ok {
		got, err := CleanEmail(in)
		if err != nil || got != want {
			t.Errorf("CleanEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                 "no email address",
		"pas-un-courriel":  "no @",
		"bad@@example.com": "more than one @",
		"@example.com":     "nothing before the @",
		"jean@":            "no domain",
		"marc@exemple":     "has no dot",
		"jean dupont@x.fr": "space",
		"jean.@x.fr":       "misplaced dot",
		"jean@-x.fr":       "malformed domain",
		"jean@x.f":         "malformed domain",
		"jean@x..fr":       "malformed domain",
	}
	for in, part := range bad {
		_, err := CleanEmail(in)
		wantErr(t, err, part)
	}
}

func TestCleanPhone(t *testing.T) {
	cases := []struct{ in, code, want, err string }{
		{"01 23 45 67 89", "", "0123456789", ""},
		{"01 23 45 67 89", "33", "+33123456789", ""},
		{"01.23.45.67.89", "+33", "+33123456789", ""},
		{"0033 1 23 45 67 89", "", "+33123456789", ""},
		{"+1 (514) 555-0199", "33", "+15145550199", ""},
		{"(514) 555-0199", "1", "+15145550199", ""},
		{"1 514 555 0199", "1", "+15145550199", ""},
		{"", "33", "", ""},
		{"12", "", "", "too few digits"},
		{"01 23 45 67 89 poste 12", "", "", "contains letters"},
		{"1234567890123456", "", "", "more than 15 digits"},
	}
	for _, c := range cases {
		got, err := CleanPhone(c.in, c.code)
		if c.err != "" {
			wantErr(t, err, c.err)
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("CleanPhone(%q, %q) = %q, %v; want %q", c.in, c.code, got, err, c.want)
		}
	}
}

func TestParseDay(t *testing.T) {
	cases := []struct {
		in    string
		order DateOrder
		want  string
	}{
		{"1985-03-03", DayFirst, "1985-03-03"},
		{"1985/3/3", DayFirst, "1985-03-03"},
		{"03/04/1985", DayFirst, "1985-04-03"},   // ambiguous: day first
		{"03/04/1985", MonthFirst, "1985-03-04"}, // ambiguous: as told
		{"12/25/1988", DayFirst, "1988-12-25"},   // only readable month first
		{"25/12/1988", MonthFirst, "1988-12-25"}, // only readable day first
		{"3.3.1985", DayFirst, "1985-03-03"},
		{"03-03-1985", DayFirst, "1985-03-03"},
		{"3 mars 1985", DayFirst, "1985-03-03"},
		{"1er mars 1985", DayFirst, "1985-03-01"},
		{"lundi 14 juillet 1992", DayFirst, "1992-07-14"},
		{"14 JUILLET 1992", DayFirst, "1992-07-14"},
		{"3 févr. 1985", DayFirst, "1985-02-03"},
		{"March 3, 1985", DayFirst, "1985-03-03"},
		{"3rd March 1985", DayFirst, "1985-03-03"},
		{"3-Mar-1985", DayFirst, "1985-03-03"},
		{"1985-03-03 00:00:00", DayFirst, "1985-03-03"},
		{"1985-03-03T10:00:00Z", DayFirst, "1985-03-03"},
		{"03/03/1985 00:00", DayFirst, "1985-03-03"},
		{"29/02/2024", DayFirst, "2024-02-29"},
		{"1985/04/03", YearFirst, "1985-04-03"},
		{"3 mars 1985", YearFirst, "1985-03-03"}, // a month name is never ambiguous
	}
	for _, c := range cases {
		got, err := ParseDay(c.in, c.order)
		if err != nil || got != c.want {
			t.Errorf("ParseDay(%q, %s) = %q, %v; want %q", c.in, c.order, got, err, c.want)
		}
	}
	for in, part := range map[string]string{
		"31/02/1990": "has no day 31",
		"29/02/2023": "has no day 29",
		"13/13/1990": "not a date",
		"03/04/05":   "four digits",
		"demain":     "not a date",
		"3 brumaire": "not a date",
		"mars 1985":  "not a date",
		"1985-13-01": "not a date",
	} {
		_, err := ParseDay(in, DayFirst)
		wantErr(t, err, part)
	}
	// Said to be year first, a date that is not is refused, not guessed.
	_, err := ParseDay("03/04/1985", YearFirst)
	wantErr(t, err, "does not start with its year")
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"12": 12, "12,5": 12.5, "1 234,50": 1234.5, "1,234.50": 1234.5, "1.234,50": 1234.5,
		"12,50 €": 12.5, "15 %": 15, "-3": -3, "1,234,567": 1234567, "1\u202f000": 1000, "2'500": 2500} {
		got, err := ParseNumber(in)
		if err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"abc", "12 ans", "", "1.2.3,4,5"} {
		if _, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q): no error", in)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"oui": true, "Yes": true, "VRAI": true, "1": true, "x": true, "non": false, "No": false, "0": false, "faux": false} {
		got, err := ParseBool(in)
		if err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, got, err)
		}
	}
	_, err := ParseBool("peut-être")
	wantErr(t, err, "not yes or no")
}

func TestValidateValue(t *testing.T) {
	plan := FieldDef{Name: "plan", Type: TypeChoice, Options: []string{"Basic", "Pro", "Enterprise"}}
	cases := []struct {
		def  FieldDef
		raw  string
		want any
		err  string
	}{
		{FieldDef{Name: "note", Type: TypeText}, "  a  b ", "a b", ""},
		{FieldDef{Name: "note", Type: TypeText}, "   ", nil, ""},
		{FieldDef{Name: "seats", Type: TypeNumber}, "1 200", 1200.0, ""},
		{FieldDef{Name: "seats", Type: TypeNumber}, "beaucoup", nil, `field "seats": "beaucoup" is not a number`},
		{FieldDef{Name: "renewal", Type: TypeDate}, "1/2/2026", "2026-02-01", ""},
		{FieldDef{Name: "renewal", Type: TypeDate}, "31/02/1985", nil, `field "renewal": "31/02/1985" is not a date`},
		{FieldDef{Name: "optin", Type: TypeBoolean}, "Oui", true, ""},
		{FieldDef{Name: "optin", Type: TypeBoolean}, "bof", nil, `field "optin": "bof" is not yes or no`},
		{plan, "pro", "Pro", ""},
		{plan, "ENTERPRISE", "Enterprise", ""},
		{plan, "Gold", nil, `field "plan": "Gold" is not one of Basic, Pro, Enterprise`},
		{FieldDef{Name: "email", Type: TypeEmail}, "A@B.CO", "a@b.co", ""},
		{FieldDef{Name: "email", Type: TypeEmail}, "a@b", nil, `field "email": invalid email "a@b"`},
		{FieldDef{Name: "mobile", Type: TypePhone}, "+33 6 12 34 56 78", "+33612345678", ""},
	}
	for _, c := range cases {
		got, err := ValidateValue(c.def, c.raw)
		if c.err != "" {
			wantErr(t, err, c.err)
			if !errors.Is(err, ErrInvalidValue) {
				t.Errorf("%v: not ErrInvalidValue", err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ValidateValue(%s, %q) = %#v, %v; want %#v", c.def.Name, c.raw, got, err, c.want)
		}
	}
}

func TestDeaccent(t *testing.T) {
	for in, want := range map[string]string{"Séquence de bienvenue": "Sequence de bienvenue", "Œuvre d'ÉTÉ": "OEuvre d'ETE", "plain-id_2": "plain-id_2", "Straße": "Strasse"} {
		if got := Deaccent(in); got != want {
			t.Errorf("Deaccent(%q) = %q, want %q", in, got, want)
		}
	}
}
