package contacts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// FieldType is the declared type of a field; it decides how a raw value is
// cleaned and checked, and which segment operators apply.
type FieldType string

// Field types. Email and phone are the types of the identity fields of the
// same name and may also be given to custom fields (a second phone number).
const (
	TypeText    FieldType = "text"
	TypeNumber  FieldType = "number"
	TypeDate    FieldType = "date"
	TypeBoolean FieldType = "boolean"
	TypeChoice  FieldType = "choice"
	TypeEmail   FieldType = "email"
	TypePhone   FieldType = "phone"
)

// TypeDateTime is the type of the contact's created_at and updated_at in
// segment rules (RuleFields); custom fields cannot have it.
const TypeDateTime FieldType = "datetime"

// FieldTypes lists the types a custom field may have, in the order a picker shows them.
var FieldTypes = []FieldType{TypeText, TypeNumber, TypeDate, TypeBoolean, TypeChoice, TypeEmail, TypePhone}

// FieldDef declares a field. Identity fields are built in (columns of the
// contacts table); custom fields live in field_defs and in the contact's
// fields JSON.
type FieldDef struct {
	Name     string    `json:"name"`
	Type     FieldType `json:"type"`
	Label    string    `json:"label"`
	Options  []string  `json:"options"`  // choice: the allowed values, in display order
	Identity bool      `json:"identity"` // built in; cannot be redefined
}

// RegionField is the custom field that CSV imports fill from "Province",
// "Région" or "State" columns; it is created on first use because the
// identity columns have no region, and the province / region value map
// applies to it.
const RegionField = "region"

// identityDefs are the built-in fields, in contact.IdentityFields order.
var identityDefs = func() []FieldDef {
	labels := map[string]string{"email": "Email", "first_name": "First name", "last_name": "Last name", "company": "Company",
		"job_title": "Job title", "phone": "Phone", "country": "Country", "city": "City", "timezone": "Time zone",
		"language": "Language", "birth_date": "Birth date", "owner": "Owner"}
	types := map[string]FieldType{"email": TypeEmail, "phone": TypePhone, "birth_date": TypeDate}
	var out []FieldDef
	for _, n := range contact.IdentityFields {
		t := types[n]
		if t == "" {
			t = TypeText
		}
		out = append(out, FieldDef{Name: n, Type: t, Label: labels[n], Options: []string{}, Identity: true})
	}
	return out
}()

// reserved names would shadow contact properties that are not fields.
var reserved = map[string]bool{"id": true, "score": true, "stage": true, "temperature": true, "lists": true, "tags": true,
	"created_at": true, "updated_at": true, "unsubscribed": true, "bounced": true, "fields": true}

var fieldName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// IdentityDef returns the definition of a built-in field.
func IdentityDef(name string) (FieldDef, bool) {
	for _, d := range identityDefs {
		if d.Name == name {
			return d, true
		}
	}
	return FieldDef{}, false
}

// CheckDef reports what is wrong with a definition, naming the field.
func CheckDef(def FieldDef) error {
	switch {
	case !fieldName.MatchString(def.Name):
		return fmt.Errorf("field %q: a name is lower-case letters, digits and _ and starts with a letter", def.Name)
	case contact.IsIdentity(def.Name):
		return fmt.Errorf("field %q: built-in field, it cannot be redefined", def.Name)
	case reserved[def.Name]:
		return fmt.Errorf("field %q: reserved name", def.Name)
	}
	known := false
	for _, t := range FieldTypes {
		known = known || t == def.Type
	}
	if !known {
		return fmt.Errorf("field %q: unknown type %q", def.Name, def.Type)
	}
	if def.Type == TypeChoice {
		if len(def.Options) == 0 {
			return fmt.Errorf("field %q: a choice needs at least one option", def.Name)
		}
		seen := map[string]bool{}
		for _, o := range def.Options {
			k := fold(o)
			if k == "" {
				return fmt.Errorf("field %q: empty option", def.Name)
			}
			if seen[k] {
				return fmt.Errorf("field %q: option %q is listed twice", def.Name, o)
			}
			seen[k] = true
		}
	}
	return nil
}

// DefineField creates or changes a custom field. Existing values are kept
// as they are: a type change applies to the next writes.
func DefineField(ctx context.Context, q store.Querier, def FieldDef) error {
	def.Label = CleanText(def.Label)
	if def.Label == "" {
		def.Label = def.Name
	}
	if def.Type != TypeChoice {
		def.Options = nil
	}
	for i, o := range def.Options {
		def.Options[i] = CleanText(o)
	}
	if err := CheckDef(def); err != nil {
		return err
	}
	opts, _ := json.Marshal(nonNilStrings(def.Options))
	_, err := store.With(q).Exec(ctx, "define-field", def.Name, string(def.Type), def.Label, string(opts))
	if err != nil {
		return fmt.Errorf("field %q: %w", def.Name, err)
	}
	return nil
}

// DeleteField removes a custom field's definition. Values stay in the
// contacts' JSON (a deletion by mistake loses nothing) but are no longer
// shown or validated.
func DeleteField(ctx context.Context, q store.Querier, name string) error {
	res, err := store.With(q).Exec(ctx, "delete-field", name)
	if err != nil {
		return fmt.Errorf("field %q: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("field %q: %w", name, store.ErrNotFound)
	}
	return nil
}

// Fields returns every field: the identity fields first (Identity set),
// then the custom fields by name.
func Fields(ctx context.Context, q store.Querier) ([]FieldDef, error) {
	out := append([]FieldDef(nil), identityDefs...)
	rows, err := store.With(q).Query(ctx, "list-fields")
	if err != nil {
		return nil, fmt.Errorf("fields: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d FieldDef
		var typ, opts string
		if err := rows.Scan(&d.Name, &typ, &d.Label, &opts); err != nil {
			return nil, err
		}
		d.Type = FieldType(typ)
		if err := json.Unmarshal([]byte(opts), &d.Options); err != nil {
			return nil, fmt.Errorf("field %q: options damaged: %w", d.Name, err)
		}
		d.Options = nonNilStrings(d.Options)
		out = append(out, d)
	}
	return out, rows.Err()
}

// RuleFields lists what a segment field rule can test: every field, then
// created_at, updated_at and the unsubscribed and bounced flags. With
// OperatorsFor, it is all the segment editor needs.
func RuleFields(ctx context.Context, q store.Querier) ([]FieldDef, error) {
	defs, err := Fields(ctx, q)
	if err != nil {
		return nil, err
	}
	return append(defs,
		FieldDef{Name: "created_at", Type: TypeDateTime, Label: "Created", Options: []string{}, Identity: true},
		FieldDef{Name: "updated_at", Type: TypeDateTime, Label: "Updated", Options: []string{}, Identity: true},
		FieldDef{Name: "unsubscribed", Type: TypeBoolean, Label: "Unsubscribed", Options: []string{}, Identity: true},
		FieldDef{Name: "bounced", Type: TypeBoolean, Label: "Bounced", Options: []string{}, Identity: true},
	), nil
}

// fieldMap indexes Fields by name.
func fieldMap(ctx context.Context, q store.Querier) (map[string]FieldDef, error) {
	defs, err := Fields(ctx, q)
	if err != nil {
		return nil, err
	}
	m := make(map[string]FieldDef, len(defs))
	for _, d := range defs {
		m[d.Name] = d
	}
	return m, nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ValidateValue cleans a raw value for a field and checks it against the
// field's type. It returns the value to store — string (text, email, phone,
// choice: the option's own spelling; date: YYYY-MM-DD), float64 (number) or
// bool — or nil for an empty value. The error names the field:
// `field "birth_date": "31/02/1985" is not a date: February 1985 has no day 31`.
func ValidateValue(def FieldDef, raw string) (any, error) {
	return validate(def, raw, DayFirst, "")
}

// ErrInvalidValue marks the errors of ValidateValue.
var ErrInvalidValue = errors.New("invalid value")

type valueError struct {
	field string
	err   error
}

// Error names the field first, as every value error does.
func (e *valueError) Error() string { return fmt.Sprintf("field %q: %v", e.field, e.err) }

// Is makes errors.Is(err, ErrInvalidValue) hold.
func (e *valueError) Is(t error) bool { return t == ErrInvalidValue }

// Unwrap returns the problem without the field name.
func (e *valueError) Unwrap() error { return e.err }

func validate(def FieldDef, raw string, order DateOrder, phoneCode string) (any, error) {
	s := CleanText(raw)
	if s == "" {
		return nil, nil
	}
	bad := func(err error) (any, error) { return nil, &valueError{def.Name, err} }
	switch def.Type {
	case TypeText, "":
		return s, nil
	case TypeEmail:
		v, err := CleanEmail(s)
		if err != nil {
			return bad(err)
		}
		return v, nil
	case TypePhone:
		v, err := CleanPhone(s, phoneCode)
		if err != nil {
			return bad(err)
		}
		return v, nil
	case TypeNumber:
		v, err := ParseNumber(s)
		if err != nil {
			return bad(err)
		}
		return v, nil
	case TypeDate:
		v, err := ParseDay(s, order)
		if err != nil {
			return bad(err)
		}
		return v, nil
	case TypeBoolean:
		v, err := ParseBool(s)
		if err != nil {
			return bad(err)
		}
		return v, nil
	case TypeChoice:
		k := fold(s)
		for _, o := range def.Options {
			if fold(o) == k {
				return o, nil
			}
		}
		return bad(fmt.Errorf("%q is not one of %s", s, strings.Join(def.Options, ", ")))
	}
	return bad(fmt.Errorf("unknown type %q", def.Type))
}
