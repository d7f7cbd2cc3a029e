package forms

import (
	"strings"
	"testing"

	"flightplan/engine/contacts"
)

var testDefs = map[string]contacts.FieldDef{
	"email":      {Name: "email", Type: contacts.TypeEmail},
	"first_name": {Name: "first_name", Type: contacts.TypeText},
	"birth_date": {Name: "birth_date", Type: contacts.TypeDate},
	"seats":      {Name: "seats", Type: contacts.TypeNumber, Label: "Seats"},
	"plan":       {Name: "plan", Type: contacts.TypeChoice, Options: []string{"Basic", "Pro"}},
}

// Each field is checked by its type and named by its own error code;
// fields the form does not have are ignored, whatever the page sends.
func TestValidateNamesEachField(t *testing.T) {
	f := Form{Name: "Demo", Lang: "fr", Fields: []Field{{Name: "email"}, {Name: "first_name", Required: true}, {Name: "birth_date"}, {Name: "seats"}, {Name: "plan"}}}
	Normalize(&f)
	vals, errs := Validate(&f, testDefs, map[string]string{"email": "ana@", "birth_date": "1985-02-31", "seats": "many", "plan": "Gold", "stage": "customer"})
	want := FieldErrors{"email": ErrInvalid, "first_name": ErrRequired, "birth_date": ErrInvalid, "seats": ErrInvalid, "plan": ErrInvalid}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %v", errs, want)
	}
	for k, v := range want {
		if errs[k] != v {
			t.Errorf("field %s: %q, want %q", k, errs[k], v)
		}
	}
	if _, ok := vals["stage"]; ok {
		t.Error("a field the form does not have was kept")
	}
	if got := ErrorText(&f, ErrInvalid, testDefs["email"]); !strings.Contains(got, "adresse courriel") {
		t.Errorf("French email error %q", got)
	}
	vals, errs = Validate(&f, testDefs, map[string]string{"email": "ana@example.com", "first_name": " Ana ", "plan": "pro"})
	if errs != nil || vals["first_name"] != "Ana" || vals["email"] != "ana@example.com" {
		t.Fatalf("valid: %v %v", vals, errs)
	}
}

// The embed code posts to the engine, carries the honeypot and the stamp,
// and its style is held inside the form's box (nothing for the site's body).
func TestEmbedIsScopedToItsBox(t *testing.T) {
	f := Form{Key: "abc", Name: `Paper "A" <b>`, Lang: "en", Fields: []Field{{Name: "email"}, {Name: "seats"}}}
	Normalize(&f)
	s := Embed(&f, testDefs, "http://127.0.0.1:47800")
	for _, want := range []string{`action="http://127.0.0.1:47800/f/abc"`, `name="fp_website"`, `name="fp_t"`, `fetch('http://127.0.0.1:47800/f/abc/t')`, `<label for="fp-seats">Seats <small>(optional)</small>`} {
		if !strings.Contains(s.HTML, want) {
			t.Errorf("snippet lacks %s:\n%s", want, s.HTML)
		}
	}
	style := s.HTML[strings.Index(s.HTML, "<style>"):strings.Index(s.HTML, "</style>")]
	for _, rule := range strings.Split(strings.TrimPrefix(style, "<style>"), "\n") {
		if !strings.HasPrefix(rule, "#fp-form-abc ") {
			t.Errorf("rule not scoped to the form's box: %s", rule)
		}
	}
	if !strings.Contains(s.IFrame, `title="Paper &#34;A&#34; &lt;b&gt;"`) || s.Page != "http://127.0.0.1:47800/f/abc" {
		t.Errorf("iframe %s page %s", s.IFrame, s.Page)
	}
}
