package contacts

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"flightplan/engine/store"
)

func TestFieldDefinitions(t *testing.T) {
	st := openStore(t)
	db := st.DB()
	if err := DefineField(bg, db, FieldDef{Name: "plan", Type: TypeChoice, Label: " Plan  choisi ", Options: []string{"Basic", " Pro "}}); err != nil {
		t.Fatal(err)
	}
	if err := DefineField(bg, db, FieldDef{Name: "seats", Type: TypeNumber}); err != nil {
		t.Fatal(err)
	}
	defs, err := Fields(bg, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) != 14 || defs[0].Name != "email" || defs[0].Type != TypeEmail || !defs[0].Identity || defs[10].Name != "birth_date" || defs[10].Type != TypeDate {
		t.Fatalf("defs %+v", defs)
	}
	if p := defs[12]; p.Name != "plan" || p.Label != "Plan choisi" || !reflect.DeepEqual(p.Options, []string{"Basic", "Pro"}) || p.Identity {
		t.Errorf("plan %+v", p)
	}
	if s := defs[13]; s.Label != "seats" || s.Options == nil {
		t.Errorf("seats %+v", s)
	}
	for _, c := range []struct {
		def FieldDef
		err string
	}{
		{FieldDef{Name: "Shoe Size", Type: TypeText}, `field "Shoe Size": a name is lower-case letters`},
		{FieldDef{Name: "email", Type: TypeText}, `field "email": built-in field`},
		{FieldDef{Name: "score", Type: TypeNumber}, `field "score": reserved name`},
		{FieldDef{Name: "size", Type: "weight"}, `field "size": unknown type "weight"`},
		{FieldDef{Name: "tier", Type: TypeChoice}, `field "tier": a choice needs at least one option`},
		{FieldDef{Name: "tier", Type: TypeChoice, Options: []string{"Or", "or"}}, `field "tier": option "or" is listed twice`},
	} {
		wantErr(t, DefineField(bg, db, c.def), c.err)
	}
	rf, err := RuleFields(bg, db)
	if err != nil || len(rf) != 18 || rf[14].Name != "created_at" || !reflect.DeepEqual(OperatorsFor(KindField, rf[14].Type), stampOps) ||
		!reflect.DeepEqual(OperatorsFor(KindField, rf[17].Type), boolOps) || !reflect.DeepEqual(OperatorsFor(KindField, defs[1].Type), textOps) {
		t.Errorf("rule fields %+v %v", rf, err)
	}
	if err := DefineField(bg, db, FieldDef{Name: "when", Type: TypeDateTime}); err == nil {
		t.Error("datetime is not a custom field type")
	}
	// Redefining changes the type; deleting keeps the stored values.
	if err := DefineField(bg, db, FieldDef{Name: "seats", Type: TypeText}); err != nil {
		t.Fatal(err)
	}
	if err := DeleteField(bg, db, "seats"); err != nil {
		t.Fatal(err)
	}
	if err := DeleteField(bg, db, "seats"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
}

func TestNewContactAndUpdateFields(t *testing.T) {
	st := openStore(t)
	db := st.DB()
	for _, d := range []FieldDef{{Name: "seats", Type: TypeNumber}, {Name: "plan", Type: TypeChoice, Options: []string{"Basic", "Pro"}}} {
		if err := DefineField(bg, db, d); err != nil {
			t.Fatal(err)
		}
	}
	_, err := NewContact(bg, db, map[string]string{"first_name": "Ana"})
	wantErr(t, err, `field "email": no email address`)
	_, err = NewContact(bg, db, map[string]string{"email": "ana@x", "seats": "beaucoup", "shoe": "42"})
	wantErr(t, err, `field "email": invalid email "ana@x"`, `field "seats": "beaucoup" is not a number`, `field "shoe": no such field`)
	if !errors.Is(err, ErrInvalidValue) {
		t.Errorf("not ErrInvalidValue: %v", err)
	}
	c, err := NewContact(bg, db, map[string]string{"email": " Ana@X.fr ", "first_name": " Ana ", "country": "fr", "seats": "12", "plan": "pro", "birth_date": "3 mars 1985"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Email != "ana@x.fr" || c.Identity["country"] != "France" || c.Fields["seats"] != 12.0 || c.Fields["plan"] != "Pro" || c.Identity["birth_date"] != "1985-03-03" {
		t.Errorf("%+v", c)
	}
	id, err := store.InsertContact(bg, db, c, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.InsertContact(bg, db, &contactWithEmail("bob@x.fr").Contact, now); err != nil {
		t.Fatal(err)
	}

	_, err = UpdateFields(bg, db, id, map[string]string{"seats": "many", "city": "Lyon"}, now)
	wantErr(t, err, `contact 1: invalid value: field "seats": "many" is not a number`)
	if got := mustContact(t, st, "ana@x.fr"); got.Identity["city"] != "" {
		t.Error("a failed update wrote a value")
	}
	changed, err := UpdateFields(bg, db, id, map[string]string{"seats": "12,0", "city": "Lyon", "plan": "", "country": "France"}, now)
	if err != nil || !reflect.DeepEqual(changed, []string{"city", "plan"}) {
		t.Fatalf("changed %v, %v", changed, err)
	}
	got := mustContact(t, st, "ana@x.fr")
	if got.Identity["city"] != "Lyon" || got.Fields["plan"] != nil || got.Fields["seats"] != 12.0 {
		t.Errorf("%+v %+v", got.Identity, got.Fields)
	}
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE type='field_changed' AND processed=0 AND json_extract(props,'$.field')='plan' AND json_extract(props,'$.old')='Pro'`); n != 1 {
		t.Errorf("%d field_changed events for plan", n)
	}
	_, err = UpdateFields(bg, db, id, map[string]string{"email": "BOB@x.fr"}, now)
	wantErr(t, err, "bob@x.fr is already another contact's address")
	_, err = UpdateFields(bg, db, id, map[string]string{"email": ""}, now)
	wantErr(t, err, "cannot be empty")
	changed, err = UpdateFields(bg, db, id, map[string]string{"email": "ana.martin@x.fr"}, now)
	if err != nil || !reflect.DeepEqual(changed, []string{"email"}) {
		t.Errorf("email change: %v %v", changed, err)
	}
}

func TestValueMapEdits(t *testing.T) {
	st := openStore(t)
	db := st.DB()
	if err := SetValueAlias(bg, db, "city", "Mtl", "Montréal"); err != nil {
		t.Fatal(err)
	}
	if err := SetValueAlias(bg, db, "country", "Amérique", "United States"); err != nil {
		t.Fatal(err)
	}
	if err := SetValueAlias(bg, db, RegionField, "PQ", ""); err != nil { // switch a built-in alias off
		t.Fatal(err)
	}
	wantErr(t, SetValueAlias(bg, db, "city", "--", "x"), "has no letters or digits")
	m, err := loadValueMaps(bg, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ field, in, want string }{
		{"city", "MTL", "Montréal"},
		{"city", "Paris", "Paris"},
		{"country", "amerique", "United States"},
		{"country", "U.S.A.", "United States"},
		{RegionField, "pq", "pq"},
		{RegionField, "Qc", "Québec"},
		{"company", "Acme", "Acme"},
	} {
		if got := m.apply(c.field, c.in); got != c.want {
			t.Errorf("%s %q → %q, want %q", c.field, c.in, got, c.want)
		}
	}
	entries, err := ValueMap(bg, db, RegionField)
	if err != nil {
		t.Fatal(err)
	}
	var pq *ValueAlias
	for i := range entries {
		if entries[i].Alias == "pq" {
			pq = &entries[i]
		}
	}
	if pq == nil || !pq.BuiltIn || !pq.Edited || pq.Value != "" {
		t.Errorf("pq entry %+v", pq)
	}
	if err := ResetValueAlias(bg, db, RegionField, "PQ"); err != nil {
		t.Fatal(err)
	}
	m, _ = loadValueMaps(bg, db)
	if m.apply(RegionField, "PQ") != "Québec" {
		t.Error("reset did not bring the built-in alias back")
	}
	// Edits apply to imports.
	res, err := Import(bg, st, strings.NewReader("email,ville\na@x.ca,mtl\n"), ImportOptions{Now: now})
	if err != nil || res.Created != 1 || mustContact(t, st, "a@x.ca").Identity["city"] != "Montréal" {
		t.Errorf("%+v %v", res, err)
	}
}
