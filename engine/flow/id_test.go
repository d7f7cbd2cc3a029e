package flow

import (
	"strings"
	"testing"
)

func TestCheckID(t *testing.T) {
	for _, ok := range []string{"welcome", "Welcome_2", "cart-abandon.v2", "bienvenue-été", "a"} {
		if err := CheckID(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for id, want := range map[string]string{
		"":                       "no id",
		"../../etc/passwd":       "starts with a dot",
		"a/../../etc/passwd":     "path separator",
		`a\b`:                    "path separator",
		".hidden":                "starts with a dot",
		"two words":              "a space",
		"x\x00y":                 "contains",
		"tab\there":              "a space",
		"a;rm":                   "contains",
		strings.Repeat("a", 101): "at most 100",
		"\xff":                   "UTF-8",
	} {
		err := CheckID(id)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", id, err, want)
		}
	}
}
