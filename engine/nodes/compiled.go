package nodes

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

// FieldCheck is a field comparison built in the UI, compiled once per node:
// the config is read and the wanted value parsed ahead, so evaluating it for
// a contact is a lookup and a comparison with no allocation. The plain-words
// reason for the journal is written separately, by Reason.
type FieldCheck struct {
	Field string
	Op    string
	Want  string
	wantN float64
	isNum bool
	in    []string
	days  time.Duration
	// identity fields are read straight from the contact's identity map,
	// without boxing the value.
	identity bool
}

// CompileFieldCheck reads a condition.field node's config.
func CompileFieldCheck(field, op, want string) *FieldCheck {
	fc := &FieldCheck{Field: field, Op: op, Want: strings.TrimSpace(want), identity: field != "email" && contact.IsIdentity(field)}
	if n, err := strconv.ParseFloat(fc.Want, 64); err == nil {
		fc.wantN, fc.isNum = n, true
		fc.days = time.Duration(n * 24 * float64(time.Hour))
	}
	if op == "in" {
		for _, v := range strings.Split(want, ",") {
			fc.in = append(fc.in, strings.TrimSpace(v))
		}
	}
	return fc
}

// Eval reports whether the contact passes the check.
func (fc *FieldCheck) Eval(c *contact.Contact, now time.Time) bool {
	if fc.identity && (fc.Op == "equals" || fc.Op == "") {
		s, ok := c.Identity[fc.Field]
		if ok && s != "" {
			if strings.EqualFold(strings.TrimSpace(s), fc.Want) {
				return true
			}
			if !fc.isNum {
				return false
			}
		} else {
			return false
		}
	}
	got, present := c.Get(fc.Field)
	switch fc.Op {
	case "equals", "":
		if !present {
			return false
		}
		if s, ok := got.(string); ok {
			if strings.EqualFold(strings.TrimSpace(s), fc.Want) {
				return true
			}
			if fc.isNum {
				n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
				return err == nil && n == fc.wantN
			}
			return false
		}
		if f, ok := got.(float64); ok && fc.isNum {
			return f == fc.wantN
		}
	case "not_equals":
		if s, ok := got.(string); ok && present {
			return !strings.EqualFold(strings.TrimSpace(s), fc.Want)
		}
		if !present {
			return true
		}
	case "is_empty":
		if s, ok := got.(string); ok {
			return !present || strings.TrimSpace(s) == ""
		}
		return !present
	case "not_empty":
		if s, ok := got.(string); ok {
			return present && strings.TrimSpace(s) != ""
		}
		return present
	case "in":
		if s, ok := got.(string); ok && present {
			for _, v := range fc.in {
				if strings.EqualFold(v, strings.TrimSpace(s)) {
					return true
				}
			}
			return false
		}
	case "gt", "gte", "lt", "lte":
		if f, ok := got.(float64); ok && present && fc.isNum {
			switch fc.Op {
			case "gt":
				return f > fc.wantN
			case "gte":
				return f >= fc.wantN
			case "lt":
				return f < fc.wantN
			}
			return f <= fc.wantN
		}
	}
	// Everything else (dates, numbers held as text, substrings) goes
	// through the general comparison.
	ok, _ := Compare(fc.Field, got, present, fc.Op, fc.Want, now)
	return ok
}

// Reason writes why the check gave its answer, for the journal.
func (fc *FieldCheck) Reason(c *contact.Contact, now time.Time) string {
	got, present := c.Get(fc.Field)
	_, why := Compare(fc.Field, got, present, fc.Op, fc.Want, now)
	return why
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
