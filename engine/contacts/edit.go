package contacts

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// cleanValues validates raw values (field name → text as typed) with the
// same clean-up as imports: value maps, then the field's type. All the
// problems are reported at once, by field name.
func cleanValues(ctx context.Context, q store.Querier, values map[string]string) (map[string]any, error) {
	vc, err := NewValueChecker(ctx, q)
	if err != nil {
		return nil, err
	}
	return vc.clean(values)
}

// ValueChecker checks many contacts' values against the field definitions
// and value maps read once (a restore of thousands of contacts would
// otherwise read them again for each).
type ValueChecker struct {
	defs map[string]FieldDef
	maps valueMaps
}

// NewValueChecker reads the field definitions and value maps.
func NewValueChecker(ctx context.Context, q store.Querier) (*ValueChecker, error) {
	defs, err := fieldMap(ctx, q)
	if err != nil {
		return nil, err
	}
	maps, err := loadValueMaps(ctx, q)
	if err != nil {
		return nil, err
	}
	return &ValueChecker{defs, maps}, nil
}

// NewContact is NewContact with the definitions read once.
func (vc *ValueChecker) NewContact(values map[string]string) (*contact.Contact, error) {
	vals, err := vc.clean(values)
	if err != nil {
		return nil, err
	}
	return newContact(vals)
}

func (vc *ValueChecker) clean(values map[string]string) (map[string]any, error) {
	defs, maps := vc.defs, vc.maps
	out := make(map[string]any, len(values))
	var problems []string
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		def, ok := defs[name]
		if !ok {
			problems = append(problems, fmt.Sprintf("field %q: no such field (define it first)", name))
			continue
		}
		s := maps.apply(name, CleanText(values[name]))
		v, err := validate(def, s, DayFirst, "")
		if err == nil && name == "timezone" && s != "" {
			if _, lerr := time.LoadLocation(s); lerr != nil || s == "Local" {
				err = fmt.Errorf("field \"timezone\": %q is not a time zone (e.g. Europe/Paris)", s)
			}
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		out[name] = v
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrInvalidValue, strings.Join(problems, "; "))
	}
	return out, nil
}

// NewContact builds a contact from values typed in a form (field name →
// text), cleaned and validated like an import row; the email is required.
// The app stores it with runner.CreateContact, so sign-up flows start.
func NewContact(ctx context.Context, q store.Querier, values map[string]string) (*contact.Contact, error) {
	vals, err := cleanValues(ctx, q, values)
	if err != nil {
		return nil, err
	}
	return newContact(vals)
}

func newContact(vals map[string]any) (*contact.Contact, error) {
	email, _ := vals["email"].(string)
	if email == "" {
		return nil, fmt.Errorf("%w: field \"email\": no email address", ErrInvalidValue)
	}
	c := &contact.Contact{Email: email, Identity: map[string]string{}, Fields: map[string]any{}}
	for k, v := range vals {
		switch {
		case k == "email" || v == nil:
		case contact.IsIdentity(k):
			c.Identity[k] = contact.ToString(v)
		default:
			c.Fields[k] = v
		}
	}
	return c, nil
}

// UpdateFields writes values typed in the contact editor (field name →
// text; "" clears the field) after validating all of them: nothing is
// written when one is wrong. Each real change records a field_changed
// event (old and new value), unprocessed so flows can react. It returns
// the names of the fields that changed.
func UpdateFields(ctx context.Context, q store.Querier, contactID int64, values map[string]string, now time.Time) ([]string, error) {
	vals, err := cleanValues(ctx, q, values)
	if err != nil {
		return nil, fmt.Errorf("contact %d: %w", contactID, err)
	}
	c, err := store.LoadContact(ctx, q, contactID)
	if err != nil {
		return nil, err
	}
	if e, ok := vals["email"]; ok && e == nil {
		return nil, fmt.Errorf("contact %d: %w: field \"email\": the email address cannot be empty", contactID, ErrInvalidValue)
	}
	var changed []string
	type change struct{ old, new any }
	changes := map[string]change{}
	for k, v := range vals {
		old, _ := c.Get(k)
		if k == "email" {
			old = c.Email
		}
		if v == nil && (old == nil || old == "") || v != nil && old != nil && sameValue(old, v) {
			continue
		}
		changes[k] = change{old, v}
		changed = append(changed, k)
		switch {
		case k == "email":
			c.Email = v.(string)
		case contact.IsIdentity(k):
			c.Identity[k] = contact.ToString(v)
		case v == nil:
			delete(c.Fields, k)
		default:
			c.Fields[k] = v
		}
	}
	if len(changed) == 0 {
		return []string{}, nil
	}
	sort.Strings(changed)
	if err := store.UpdateContact(ctx, q, c, now); err != nil {
		if store.IsUniqueViolation(err) {
			return nil, fmt.Errorf("contact %d: %w: field \"email\": %s is already another contact's address", contactID, ErrInvalidValue, c.Email)
		}
		return nil, fmt.Errorf("contact %d: %w", contactID, err)
	}
	for _, k := range changed {
		ch := changes[k]
		props, err := json.Marshal(map[string]any{"field": k, "old": ch.old, "new": ch.new})
		if err != nil {
			return nil, err
		}
		if _, err := store.With(q).Exec(ctx, "insert-app-event",
			contactID, contact.EventFieldChanged, string(props), store.MS(now), store.MS(now)); err != nil {
			return nil, fmt.Errorf("contact %d: %w", contactID, err)
		}
	}
	return changed, nil
}
