package nodes

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/words"
)

// FieldCheck is a field comparison built in the UI — a contact's value, an
// operator and the value the marketer typed — compiled once: the wanted
// value is read ahead (its number, its lower case, its list, its date), so
// checking a contact is a lookup and a comparison with no allocation. It is
// the one implementation of these comparisons: the field condition, the
// score condition and Compare (the journal's reasons) all answer through
// it. The plain-words reason is written separately, by Reason.
type FieldCheck struct {
	Field string
	Op    string
	Want  string // as typed, without the spaces around it
	lower string // Want in lower case, for contains and starts_with
	wantN float64
	isNum bool
	order contact.Order
	// rankOf places a temperature or a stage on its ladder (cold < warm <
	// hot; subscriber < lead < mql < sql < customer): "is at least hot"
	// compares places, not text. nil for every other field.
	rankOf   func(string) (int, bool)
	wantRank int
	wantDate time.Time
	isDate   bool
	in       []string
	days     time.Duration
	// identity fields are read straight from the contact's identity map,
	// without boxing the value.
	identity bool
}

// CompileFieldCheck reads a field comparison: the field, the operator
// (Operators; "" is "equals") and the wanted value.
func CompileFieldCheck(field, op, want string) *FieldCheck {
	fc := &FieldCheck{Field: field, Op: op, Want: strings.TrimSpace(want), order: contact.ParseOrder(op), identity: field != "email" && contact.IsIdentity(field)}
	fc.lower = strings.ToLower(fc.Want)
	if n, err := strconv.ParseFloat(fc.Want, 64); err == nil {
		fc.wantN, fc.isNum = n, true
		fc.days = time.Duration(n * 24 * float64(time.Hour))
	}
	if isOrderedField(field) {
		fc.rankOf = func(v string) (int, bool) { return rank(field, v) }
		r, ok := rank(field, fc.Want)
		if !ok {
			r = -1
		}
		fc.wantRank = r
	}
	switch op {
	case "in":
		for _, v := range strings.Split(want, ",") {
			fc.in = append(fc.in, strings.TrimSpace(v))
		}
	case "before", "after":
		if d, err := ParseDate(fc.Want); err == nil {
			fc.wantDate, fc.isDate = d, true
		}
	}
	return fc
}

// Eval reports whether the contact passes the check.
func (fc *FieldCheck) Eval(c *contact.Contact, now time.Time) bool {
	if fc.identity {
		s := c.Identity[fc.Field]
		return fc.Text(s, s != "", now)
	}
	got, present := c.Get(fc.Field)
	return fc.Value(got, present, now)
}

// Value reports whether a value passes the check; present is false when
// the contact has none.
func (fc *FieldCheck) Value(got any, present bool, now time.Time) bool {
	switch x := got.(type) {
	case string:
		return fc.Text(x, present, now)
	case float64:
		return fc.Number(x, present, now)
	}
	return fc.Text(contact.ToString(got), present, now)
}

// Number is Value for a number (a score, a numeric field): compared as a
// number where the wanted value is one, else by its text.
func (fc *FieldCheck) Number(n float64, present bool, now time.Time) bool {
	switch {
	case fc.Op == "equals" || fc.Op == "":
		if fc.isNum {
			return present && n == fc.wantN
		}
	case fc.order != contact.OrderNone && fc.rankOf == nil:
		return present && fc.isNum && fc.order.Holds(n, fc.wantN)
	}
	return fc.Text(contact.ToString(n), present, now)
}

// Text is Value for a value held as text.
func (fc *FieldCheck) Text(s string, present bool, now time.Time) bool {
	if !present {
		// Only "is empty" and "is not" hold for a value the contact lacks.
		return fc.Op == "is_empty" || fc.Op == "not_equals"
	}
	switch fc.Op {
	case "equals", "":
		// fc.Want is trimmed already: only the contact's side is.
		if strings.EqualFold(strings.TrimSpace(s), fc.Want) {
			return true
		}
		if !fc.isNum {
			return false
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return err == nil && n == fc.wantN
	case "not_equals":
		return !strings.EqualFold(strings.TrimSpace(s), fc.Want)
	case "contains":
		return contact.ContainsFold(s, fc.lower)
	case "starts_with":
		return contact.HasPrefixFold(s, fc.lower)
	case "is_empty":
		return strings.TrimSpace(s) == ""
	case "not_empty":
		return strings.TrimSpace(s) != ""
	case "in":
		s = strings.TrimSpace(s)
		for _, v := range fc.in {
			if strings.EqualFold(v, s) {
				return true
			}
		}
		return false
	case "gt", "gte", "lt", "lte":
		if fc.rankOf != nil {
			r, ok := fc.rankOf(s)
			return ok && fc.wantRank >= 0 && fc.order.Holds(float64(r), float64(fc.wantRank))
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return err == nil && fc.isNum && fc.order.Holds(n, fc.wantN)
	case "before", "after":
		d, err := ParseDate(s)
		if err != nil || !fc.isDate {
			return false
		}
		if fc.Op == "before" {
			return d.Before(fc.wantDate)
		}
		return d.After(fc.wantDate)
	case "within_days":
		d, err := ParseDate(s)
		return err == nil && fc.isNum && !d.After(now) && now.Sub(d) <= fc.days
	}
	return false
}

// Reason writes why the check gave its answer, for the journal.
func (fc *FieldCheck) Reason(c *contact.Contact, now time.Time) words.Reason {
	got, present := c.Get(fc.Field)
	return compareReason(fc.Field, contact.ToString(got), present, fc.Op, fc.Want)
}

// fieldChecks caches compiled checks by node (flow versions never change).
var fieldChecks sync.Map // *flow.Node -> *FieldCheck

func fieldCheckOf(n *flow.Node, s *Spec) *FieldCheck {
	if v, ok := fieldChecks.Load(n); ok {
		return v.(*FieldCheck)
	}
	cfg := ConfigOf(n, s)
	fc := CompileFieldCheck(cfg.String("field"), cfg.String("operator"), cfg.String("value"))
	fieldChecks.Store(n, fc)
	return fc
}
