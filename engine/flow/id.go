package flow

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxIDLength is the longest flow id, in characters.
const MaxIDLength = 100

// CheckID says why id cannot name a new flow, or nil. An id is letters,
// digits, '-', '_' and '.', not starting with a dot, at most MaxIDLength
// characters: it appears in links, file names and command lines, so
// "../../etc/passwd", a slash, a space or a control character are refused
// where a flow is created or imported. Flows already stored under an older,
// looser id keep working.
func CheckID(id string) error {
	if id == "" {
		return fmt.Errorf("the flow has no id")
	}
	if !utf8.ValidString(id) {
		return fmt.Errorf("flow id %q is not valid UTF-8", id)
	}
	if n := utf8.RuneCountInString(id); n > MaxIDLength {
		return fmt.Errorf("flow id %q is %d characters long (at most %d)", id, n, MaxIDLength)
	}
	if strings.HasPrefix(id, ".") {
		return fmt.Errorf("flow id %q starts with a dot: use letters, digits, '-', '_' or '.' after the first character", id)
	}
	for _, r := range id {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
			continue
		}
		what := fmt.Sprintf("%q", r)
		switch {
		case r == '/' || r == '\\':
			what = "a path separator (" + what + ")"
		case unicode.IsSpace(r):
			what = "a space"
		}
		return fmt.Errorf("flow id %q contains %s: use letters, digits, '-', '_' and '.' only", id, what)
	}
	return nil
}
