package engine

import (
	"strings"
	"testing"

	"flightplan/engine/mail"
)

// A Liquid problem of the HTML part must land on the block it comes from.
func TestBlockLinesLocateProblems(t *testing.T) {
	for _, pre := range []string{"", "Hello", "two\nlines"} {
		tpl := mail.Template{ID: "x", Subject: "s", Preheader: pre, Blocks: []mail.Block{
			{Type: mail.BlockHeading, Text: "Hi"},
			{Type: mail.BlockText, Text: "first paragraph\n\nsecond\nline"},
			{Type: mail.BlockText, Text: "{{ contact.first_name | upcse }}"},
			{Type: mail.BlockButton, Text: "Go", URL: "https://example.com/{{ contact.nope }}"},
		}}
		lines := EmailBlockLines(tpl)
		if len(lines) != 4 {
			t.Fatalf("preheader %q: lines %v", pre, lines)
		}
		found := map[string]int{}
		for _, p := range mail.Check(tpl, nil) {
			if p.Part != mail.PartHTML || p.Line == 0 {
				continue
			}
			block := 0
			for i, l := range lines {
				if p.Line >= l {
					block = i + 1
				}
			}
			found[p.Message] = block
		}
		want := map[string]int{}
		for _, p := range mail.Check(tpl, nil) {
			if p.Part == mail.PartHTML && p.Line > 0 {
				if strings.Contains(p.Message, "upcse") {
					want[p.Message] = 3
				} else if strings.Contains(p.Message, "nope") {
					want[p.Message] = 4
				}
			}
		}
		if len(want) != 2 {
			t.Fatalf("preheader %q: expected two html problems, got %v", pre, mail.Check(tpl, nil))
		}
		for m, b := range want {
			if found[m] != b {
				t.Errorf("preheader %q: %q on block %d, want %d (lines %v)", pre, m, found[m], b, lines)
			}
		}
	}
	if got := EmailBlockLines(mail.Template{HTML: "<p>x</p>"}); len(got) != 0 {
		t.Errorf("no blocks: %v", got)
	}
}

func TestSameHostPort(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"127.0.0.1:47800", "127.0.0.1:47800", true},
		{"localhost:47800", "127.0.0.1:47800", true},
		{"127.0.0.1:47801", "127.0.0.1:47800", false},
		{"example.com:47800", "127.0.0.1:47800", false},
		{"example.com", "127.0.0.1:47800", false},
	} {
		if got := sameHostPort(c.a, c.b); got != c.want {
			t.Errorf("sameHostPort(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
