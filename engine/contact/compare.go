package contact

import (
	"strings"
	"unicode/utf8"
)

// The pieces every comparison of a value with what a marketer typed is made
// of, written once: the field check and the score check built in the UI
// (engine/nodes FieldCheck) and the event-property tests of scoring rules
// (engine/contacts, the Go side of the segments' SQL) use these.

// Order is a comparison of two numbers: "is more than", "is at least", "is
// less than", "is at most".
type Order uint8

// Orders. OrderNone is any operator that is not an order.
const (
	OrderNone Order = iota
	OrderGT
	OrderGTE
	OrderLT
	OrderLTE
)

// ParseOrder reads an operator's name ("gt", "gte", "lt", "lte").
func ParseOrder(op string) Order {
	switch op {
	case "gt":
		return OrderGT
	case "gte":
		return OrderGTE
	case "lt":
		return OrderLT
	case "lte":
		return OrderLTE
	}
	return OrderNone
}

// Holds reports whether a o b (false for OrderNone).
func (o Order) Holds(a, b float64) bool {
	switch o {
	case OrderGT:
		return a > b
	case OrderGTE:
		return a >= b
	case OrderLT:
		return a < b
	case OrderLTE:
		return a <= b
	}
	return false
}

// ContainsFold reports whether s contains lower (already lower case),
// ignoring case, without allocating for ASCII text.
func ContainsFold(s, lower string) bool {
	if lower == "" {
		return true
	}
	if !asciiString(s) {
		return strings.Contains(strings.ToLower(s), lower)
	}
	n := len(lower)
	for i := 0; i+n <= len(s); i++ {
		if HasPrefixFold(s[i:], lower) {
			return true
		}
	}
	return false
}

// HasPrefixFold reports whether s starts with lower (already lower case),
// ignoring case, without allocating for ASCII text.
func HasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	if !asciiString(s[:len(lower)]) {
		return strings.HasPrefix(strings.ToLower(s), lower)
	}
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func asciiString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
