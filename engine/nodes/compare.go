package nodes

import (
	"fmt"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/words"
)

// Operators of field comparisons, shared by the field condition, the
// score condition, goals and segments.
var Operators = []Option{
	{"equals", T("is", "est")},
	{"not_equals", T("is not", "n'est pas")},
	{"contains", T("contains", "contient")},
	{"starts_with", T("starts with", "commence par")},
	{"is_empty", T("is empty", "est vide")},
	{"not_empty", T("is not empty", "n'est pas vide")},
	{"gt", T("is more than", "est supérieur à")},
	{"gte", T("is at least", "est au moins")},
	{"lt", T("is less than", "est inférieur à")},
	{"lte", T("is at most", "est au plus")},
	{"before", T("is before (date)", "est avant (date)")},
	{"after", T("is after (date)", "est après (date)")},
	{"within_days", T("is within the last N days", "date des N derniers jours")},
	{"in", T("is one of (comma-separated)", "fait partie de (séparés par des virgules)")},
}

func init() {
	// The journal's reasons name operators, stages and temperatures as
	// the inspector does: one label for both.
	for _, o := range Operators {
		words.Define("op", o.Value, o.Label.En, o.Label.Fr)
	}
	for _, o := range StageOptions {
		words.Define("stage", o.Value, o.Label.En, o.Label.Fr)
	}
	for _, o := range TemperatureOptions {
		words.Define("temperature", o.Value, o.Label.En, o.Label.Fr)
	}
}

// Compare applies op between a contact value and the wanted value (through
// FieldCheck, the one implementation). It returns the outcome and the
// reason in plain words.
func Compare(field string, got any, present bool, op, want string, now time.Time) (bool, words.Reason) {
	fc := CompileFieldCheck(field, op, want)
	return fc.Value(got, present, now), compareReason(field, contact.ToString(got), present, op, want)
}

// compareReason says in plain words what a comparison looked at.
func compareReason(field, g string, present bool, op, want string) words.Reason {
	if !present {
		g = ""
	}
	if op == "is_empty" || op == "not_empty" {
		return words.R(words.FieldIsEmptyOp, "field", field, "got", g, "op", op)
	}
	return words.R(words.FieldIs, "field", field, "got", g, "op", op, "want", want)
}

// ParseDate reads a date or date-time in the common formats.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD)", s)
}
