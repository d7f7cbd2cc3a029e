package nodes

import (
	"strings"

	"flightplan/engine/contact"
)

// Temperatures are the lead temperature bands, coldest first: the order the
// comparisons "is above", "is at least"… follow.
var Temperatures = []string{"cold", "warm", "hot"}

// TemperatureOptions are the temperature choices of the inspector, coldest first.
var TemperatureOptions = []Option{{"cold", T("Cold", "Froid")}, {"warm", T("Warm", "Tiède")}, {"hot", T("Hot", "Chaud")}}

// StageOptions are the lifecycle stages, in the engine's forward order
// (contact.Stages), with their names in both languages.
var StageOptions = stageOptions()

func stageOptions() []Option {
	labels := map[string]Text{
		"subscriber": T("Subscriber", "Abonné"),
		"lead":       T("Lead", "Prospect"),
		"mql":        T("Marketing qualified (MQL)", "Qualifié marketing (MQL)"),
		"sql":        T("Sales qualified (SQL)", "Qualifié commercial (SQL)"),
		"customer":   T("Customer", "Client"),
	}
	out := make([]Option, 0, len(contact.Stages))
	for _, s := range contact.Stages {
		l, ok := labels[s]
		if !ok {
			l = T(s, s)
		}
		out = append(out, Option{s, l})
	}
	return out
}

// OrderedOperators are the comparisons offered on an ordered value (a score,
// a temperature, a stage): each is true exactly for the values it names,
// "is at least hot" included.
var OrderedOperators = []Option{
	{"equals", T("is", "est")},
	{"not_equals", T("is not", "n'est pas")},
	{"gt", T("is above", "est au-dessus de")},
	{"gte", T("is at least", "est au moins")},
	{"lt", T("is below", "est en dessous de")},
	{"lte", T("is at most", "est au plus")},
}

// rank returns the position of an ordered value of field ("temperature" or
// "stage"): ok is false for other fields, and for a value outside the
// ladder, so "is above" never holds for an unknown word.
func rank(field, v string) (int, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch field {
	case "temperature":
		for i, t := range Temperatures {
			if t == v {
				return i, true
			}
		}
		return -1, false
	case "stage":
		r := contact.StageRank(v)
		return r, r >= 0
	}
	return -1, false
}

// isOrderedField reports whether field holds a value of a ladder.
func isOrderedField(field string) bool { return field == "temperature" || field == "stage" }
