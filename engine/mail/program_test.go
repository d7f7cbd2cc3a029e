package mail

import (
	"bytes"
	"testing"
	"time"
)

// TestProgramMatchesLiquid renders templates both ways — split into a
// program, and by Liquid as a whole — and requires identical output, in the
// text pass and the HTML (escaping) pass.
func TestProgramMatchesLiquid(t *testing.T) {
	type pt struct{ X, Y string }
	when := time.Date(2025, 3, 1, 9, 30, 0, 0, time.FixedZone("EST", -5*3600))
	data := []map[string]any{
		bindings(Data{}),
		bindings(Data{Contact: map[string]any{
			"first_name": `O'Brien & <Co> "quoted"`, "empty": "", "nilv": nil, "f": false, "t": true,
			"n": 42, "x": 2.5, "big": int64(1) << 40, "u": uint8(7), "list": []string{"a", "<b>"}, "anys": []any{1, "two", nil},
			"none": []string{}, "when": when, "nested": map[string]any{"deep": map[string]any{"v": "ok & done"}},
			"strmap": map[string]string{"k": "v<"}, "struct": pt{"x", "y"}, "ptr": &pt{"p", "q"}, "bytes": []byte("raw<"),
			"emptymap": map[string]any{}, "zero": 0, "fields": map[string]any{"plan": "pro"},
		}, Event: map[string]any{"url": "https://x.test/?a=1&b=2"}, Extra: map[string]any{"unsubscribe_url": "https://u.test/u/1"}}),
	}
	templates := []string{
		`Hello {{ contact.first_name }}!`,
		`{{ contact.first_name | default: "there" }}|{{ contact.empty | default: "E" }}|{{ contact.nilv | default: 'N' }}|{{ contact.missing | default: "M&M" }}`,
		`{{ contact.f | default: "F" }}|{{ contact.t | default: "T" }}|{{ contact.zero | default: "Z" }}|{{ contact.none | default: "none" }}|{{ contact.emptymap | default: "em" }}`,
		`{{ contact.n }} {{ contact.x }} {{ contact.big }} {{ contact.u }} {{ contact.t }} {{ contact.f }}`,
		`{{ contact.list }} {{ contact.anys }} {{ contact.when }} {{ contact.bytes }}`,
		`{{ contact.nested.deep.v }} {{ contact.nested.missing.v }} {{ contact.missing.deeper.still }}`,
		`{{ contact.strmap.k }} {{ contact.struct.X }} {{ contact.ptr.Y }} {{ contact.fields.plan }}`,
		`{{ contact.list.size }} {{ contact.list.first }} {{ contact.list.last }} {{ contact.first_name.size }}`,
		`{{ true }} {{ nil }} {{ "literal <b>" }} {{ 3 }} {{ contact.n | plus: 1 }} {{ contact.first_name | upcase | truncate: 8 }}`,
		`{% if contact.t %}yes {{ contact.first_name }}{% else %}no{% endif %} after {{ event.url }}`,
		"{% for l in contact.list %}\n<li>{{ l }} {{ forloop.index }}</li>{% endfor %}\n{% unless contact.f %}U{% endunless %}",
		`{% case contact.n %}{% when 42 %}answer {{ contact.n }}{% else %}other{% endcase %}{% comment %}{{ hidden }}{% endcomment %}`,
		`{% raw %}{{ contact.first_name }}{% endraw %} {{ unsubscribe_url }} {{ extra.unsubscribe_url }}`,
		`{% if contact.t %}{% if contact.n > 40 %}nested {{ contact.x }}{% endif %}{% endif %}`,
		`{{- contact.first_name -}} trimmed {%- if contact.t -%} x {%- endif -%}`,
		`{% assign g = contact.first_name %}{{ g }} {% capture c %}<i>{{ g }}</i>{% endcapture %}{{ c }}`,
		`{{ contact.first_name | escape }} {{ contact.first_name | raw }} {{ event.url | default: "d" }}`,
		"",
		"no liquid at all <b>bold</b>",
	}
	text, htmlEng := newEngines()
	split := 0
	for _, src := range templates {
		for _, escape := range []bool{false, true} {
			eng := text
			whole := src
			if escape {
				eng, whole = htmlEng, autoEscapeSource(src)
			}
			prog, err := compileProgram(eng, src, escape)
			if err != nil {
				t.Fatalf("%q: %v", src, err)
			}
			if prog == nil {
				continue // rendered by Liquid as a whole anyway
			}
			split++
			ref, err := eng.ParseString(whole)
			if err != nil {
				t.Fatalf("%q: %v", src, err)
			}
			for i, d := range data {
				want, err := ref.RenderString(d)
				if err != nil {
					t.Fatalf("%q: liquid: %v", src, err)
				}
				var buf bytes.Buffer
				if err := prog.render(&buf, d, escape); err != nil {
					t.Fatalf("%q: program: %v", src, err)
				}
				if buf.String() != want {
					t.Errorf("template %q, data %d, escape %v:\nprogram %q\nliquid  %q", src, i, escape, buf.String(), want)
				}
			}
		}
	}
	if split != 2*(len(templates)-2) {
		t.Errorf("%d of %d template passes were split", split, 2*len(templates))
	}
	// The constructs that share state or whitespace across segments are
	// not split.
	for _, src := range []string{templates[14], templates[15]} {
		if p, _ := compileProgram(text, src, false); p != nil {
			t.Errorf("%q was split", src)
		}
	}
}
