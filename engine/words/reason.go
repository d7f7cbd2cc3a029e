// Package words holds what the engine tells a user about a journey — the
// journal's reasons, the contact history, the simulator's "why" — as
// stable codes with parameters, and the one table of phrases that turns a
// code into a sentence in each UI language (English, French, and a pseudo
// language for tests), with the formatters of durations, numbers, dates
// and times those sentences need.
//
// The engine writes a Reason (a code and its parameters: ids of funnels,
// steps and emails, names of lists and tags, durations in seconds, times
// in RFC 3339 with the timezone's name beside them); it never writes a
// sentence. Whoever shows a reason renders it (Render, All) with Names,
// which turns ids into the titles a user knows: renaming a step renames
// it in the history too, and ids never reach the screen.
package words

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Code names what happened; it is stable (the CLI's --json prints it and
// scripts may read it). Every code has a phrase in every language (Phrases).
type Code string

// Reason is a code with its parameters, as key/value pairs in order
// (Params[0] is the first key, Params[1] its value…). The zero Reason is
// "no reason".
type Reason struct {
	Code   Code
	Params []string
}

// R builds a reason from a code and key/value pairs.
func R(code Code, kv ...string) Reason { return Reason{Code: code, Params: kv} }

// IsZero reports whether r says nothing.
func (r Reason) IsZero() bool { return r.Code == "" }

// Get is the value of parameter k ("" when absent).
func (r Reason) Get(k string) string {
	for i := 0; i+1 < len(r.Params); i += 2 {
		if r.Params[i] == k {
			return r.Params[i+1]
		}
	}
	return ""
}

// With is r with parameter k set to v (added when absent).
func (r Reason) With(k, v string) Reason {
	p := make([]string, 0, len(r.Params)+2)
	found := false
	for i := 0; i+1 < len(r.Params); i += 2 {
		if r.Params[i] == k {
			p = append(p, k, v)
			found = true
			continue
		}
		p = append(p, r.Params[i], r.Params[i+1])
	}
	if !found {
		p = append(p, k, v)
	}
	return Reason{Code: r.Code, Params: p}
}

// Map is the parameters as a map (nil when none), for JSON readers.
func (r Reason) Map() map[string]string {
	if len(r.Params) < 2 {
		return nil
	}
	m := make(map[string]string, len(r.Params)/2)
	for i := 0; i+1 < len(r.Params); i += 2 {
		m[r.Params[i]] = r.Params[i+1]
	}
	return m
}

// ParamsJSON is the parameters as a JSON object ("" when none): what the
// journal stores beside the code. Written by hand, without reflection:
// it runs once per journaled step.
func (r Reason) ParamsJSON() string {
	if len(r.Params) < 2 {
		return ""
	}
	// One allocation: the builder is sized for the text unescaped, which
	// is nearly always all of it, and hands its bytes over as the string.
	n := 2
	for _, p := range r.Params {
		n += len(p) + 3
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('{')
	for i := 0; i+1 < len(r.Params); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, r.Params[i])
		b.WriteByte(':')
		writeJSONString(&b, r.Params[i+1])
	}
	b.WriteByte('}')
	return b.String()
}

// writeJSONString writes s as a JSON string; runs without anything to
// escape are written whole.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
		}
		b.WriteString(s[start:i])
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		default: // a byte that is not UTF-8
			b.WriteString(`\ufffd`)
		}
		i++
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// Parse reads a stored reason: its code and its parameters' JSON object
// (keys in sorted order; "" for none). Values that are not strings are
// kept in their JSON form.
func Parse(code, params string) (Reason, error) {
	r := Reason{Code: Code(code)}
	if params == "" {
		return r, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(params), &m); err != nil {
		return r, fmt.Errorf("reason %q: parameters %q: %w", code, params, err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var s string
		if err := json.Unmarshal(m[k], &s); err != nil {
			s = string(m[k])
		}
		r.Params = append(r.Params, k, s)
	}
	return r, nil
}

// MarshalJSON writes {"code": …, "params": {…}}, the language-neutral
// shape the CLI's --json and the window read.
func (r Reason) MarshalJSON() ([]byte, error) {
	b := []byte(`{"code":`)
	b = appendJSONString(b, string(r.Code))
	if p := r.ParamsJSON(); p != "" {
		b = append(b, `,"params":`...)
		b = append(b, p...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Reason) UnmarshalJSON(b []byte) error {
	var v struct {
		Code   string          `json:"code"`
		Params json.RawMessage `json:"params"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	p := ""
	if len(v.Params) > 0 && string(v.Params) != "null" {
		p = string(v.Params)
	}
	x, err := Parse(v.Code, p)
	*r = x
	return err
}

// Sec is a duration in whole seconds, as parameters hold them.
func Sec(seconds int64) string { return strconv.FormatInt(seconds, 10) }

const hexDigits = "0123456789abcdef"

func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// Text is one sentence in every language the engine writes: what the
// window receives, to show the one of its language without asking again.
type Text struct {
	En     string `json:"en"`
	Fr     string `json:"fr"`
	Pseudo string `json:"pseudo"`
}

// In is the sentence in lang (English for a language it does not have).
func (t Text) In(lang string) string {
	switch lang {
	case "fr":
		return t.Fr
	case Pseudo:
		return t.Pseudo
	}
	return t.En
}

// Pseudo is the test language: every phrase is the English one wrapped in
// ⟦…⟧, so a check of the screen can tell text that came through the table.
const Pseudo = "pseudo"

// Lang reads a language name: "fr…" is French, "pseudo" the test
// language, anything else English.
func Lang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(s, "fr"):
		return "fr"
	case s == Pseudo || s == "xx":
		return Pseudo
	}
	return "en"
}
