package mail

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/osteele/liquid"
)

// fuzzData is what fuzzed templates render with. mark is the contact's
// first name: a value that must never reach an HTML body unescaped.
func fuzzData(mark string) Data {
	return Data{
		Contact: map[string]any{
			"email": "ana@example.com", "first_name": mark, "last_name": "O'Neil & co",
			"score": 42, "stage": "warm", "tags": []any{"vip", "<b>new</b>"}, "lists": []any{},
			"plan": map[string]any{"name": "pro", "seats": 3}, "empty": "",
		},
		Event: map[string]any{"type": "order_placed", "total": 12.5, "items": []any{"a", "b"}},
		Extra: map[string]any{"unsubscribe_url": "https://example.com/u/1?a=1&b=2"},
	}
}

const fuzzMark = "<q7x9>"

var (
	fuzzDigitsRE = regexp.MustCompile(`[0-9]{3,}`)
	fuzzGrowRE   = regexp.MustCompile(`append|prepend|times|plus`)
)

// fuzzBounded says whether src renders in bounded time and memory, so that
// every input stays fast: at most one loop, of at most 99 turns and with
// no state carried between turns, and few spans and growing filters (a
// string can double at each assign).
func fuzzBounded(src string) bool {
	if len(src) > 2048 {
		return false
	}
	ss := spans(src)
	if len(ss) > 24 || len(fuzzGrowRE.FindAllStringIndex(src, -1)) > 4 {
		return false
	}
	loops, state := 0, false
	for _, s := range ss {
		switch s.tag {
		case "for", "tablerow":
			loops++
		case "assign", "capture":
			state = true
		}
	}
	return loops == 0 || (loops == 1 && !state && !fuzzDigitsRE.MatchString(src))
}

// FuzzLiquid renders arbitrary template sources. For each, as subject
// (values as they are) and as HTML body (values escaped):
//   - the split program (Go for plain merge fields, Liquid for the rest)
//     renders exactly what Liquid renders from the whole source, and a
//     source Liquid parses also compiles split and escaped;
//   - through Renderer.Render, a contact's value never reaches the HTML
//     unescaped unless the template says raw or html_safe, the subject is
//     one line, and Check does not panic.
//
// Seeds are in testdata/fuzz/FuzzLiquid, plus the ones below. Each input
// takes well under a millisecond (see fuzzBounded).
func FuzzLiquid(f *testing.F) {
	for _, s := range []string{
		`Hello {{ contact.first_name }}`,
		`<p>Hi {{ contact.first_name | default: "there" }}, {{ contact.plan.name | upcase }}</p>`,
		`{% if contact.score > 10 %}<b>{{ contact.first_name }}</b>{% else %}no{% endif %}`,
		`{% for t in contact.tags %}<li>{{ t }}</li>{% endfor %}`,
		`{% capture x %}{{ contact.first_name }}!{% endcapture %}{{ x }}{{ x | size }}`,
		`{% assign n = contact.first_name | append: "?" %}{{ n }}{{ n | escape }}`,
		`{% raw %}{{ contact.first_name }}{% endraw %}{{ contact.first_name | raw }}`,
		`{%- if contact.empty -%} e {%- endif -%}{{ contact.empty | default: 'x' }}`,
		`{% case contact.stage %}{% when "warm" %}w{% else %}c{% endcase %}{{ event.total | times: 2 }}`,
		`{{ unsubscribe_url }} {{ extra.unsubscribe_url }} {{ contact.tags | join: ", " }}`,
		`{% unless contact.missing %}{{ contact.missing.deeper }}{% endunless %}{{ nil }}{{ true }}`,
		`{{ contact.first_name | escape_once }}{{ contact.last_name | strip_html | url_encode }}`,
		`{% include "x" %}`,
		`{{ contact.first_name`, `{% if %}`, `{% endif %}`, `{{ | }}`,
	} {
		f.Add(s)
	}
	text, htmlEng := newEngines()
	r := NewRenderer()
	f.Fuzz(func(t *testing.T, src string) {
		if !fuzzBounded(src) {
			return
		}
		b := bindings(fuzzData(fuzzMark))
		for _, escape := range []bool{false, true} {
			eng := text
			if escape {
				eng = htmlEng
			}
			if _, err := parseLiquid(eng, src, 1); err != nil {
				continue // not a template; Render reports it, checked below
			}
			prog, err := compileProgram(eng, src, escape)
			if err != nil {
				t.Fatalf("escape=%v: Liquid parses the source but its split does not: %v", escape, err)
			}
			whole := src
			if escape {
				whole = autoEscapeSource(src)
			}
			tpl, err := parseLiquid(eng, whole, 1)
			if err != nil {
				t.Fatalf("escape=%v: Liquid parses the source but not its escaped rewrite %q: %v", escape, whole, err)
			}
			if prog == nil {
				continue
			}
			var want, got bytes.Buffer
			werr := safeRender(func() error { return tpl.FRender(&want, b) })
			gerr := safeRender(func() error { return prog.render(&got, b, escape) })
			// A map's order varies from one render to the next (contact |
			// join, for … in contact): the same bytes in another order agree.
			// An order can also pick what is written (contact | first, a
			// loop's limit or forloop.first over a map): then the split
			// output must be one of those Liquid itself gives, which many
			// more renders of the whole source find (see liquidGives).
			if !sameRender(werr, want.String(), gerr, got.String()) && !liquidGives(tpl, b, gerr, got.String()) {
				t.Fatalf("escape=%v: split program renders %q (err %v), Liquid renders %q (err %v)", escape, got.String(), gerr, want.String(), werr)
			}
		}

		tmpl := Template{ID: "fuzz", Subject: src, HTML: src}
		Check(tmpl, []string{"first_name", "last_name", "plan"})
		out, err := r.Render(tmpl, fuzzData(fuzzMark))
		if err != nil {
			var te *TemplateError
			if !strings.HasPrefix(err.Error(), `template "fuzz": `) || !asTemplateError(err, &te) {
				t.Fatalf("render error does not say where: %v", err)
			}
			return
		}
		if strings.ContainsAny(out.Subject, "\r\n") {
			t.Fatalf("subject is not one line: %q", out.Subject)
		}
		if strings.Contains(src, "raw") || strings.Contains(src, "html_safe") || strings.Contains(src, "q7x9") {
			return
		}
		// The same template with a harmless name: any difference in the
		// marker's count is the contact's value written unescaped.
		plain, err := r.Render(tmpl, fuzzData("Ana"))
		if err != nil {
			return // the value changed the control flow into an error
		}
		if n, m := strings.Count(out.HTML, fuzzMark), strings.Count(plain.HTML, fuzzMark); n != m {
			t.Fatalf("the contact's value %q reached the HTML unescaped:\n%s", fuzzMark, out.HTML)
		}
	})
}

// sameRender says whether two renders agree: both fail, or both write
// the same bytes in some order.
func sameRender(aerr error, a string, berr error, b string) bool {
	return (aerr == nil) == (berr == nil) && (aerr != nil || sortedBytes(a) == sortedBytes(b))
}

// liquidGives says whether Liquid renders tpl as got (or fails as gerr
// says) in one of up to 300 tries. Go iterates a small map from a random
// starting key (for fuzzData's contact: 9 rotations, the rarest seen 6%
// of the time), so an output that depends on the order shows up within
// 300 tries but for a chance around 1e-8 (1e-5 for two maps' orders at
// once), while a wrong split output never does: the fuzz property stays
// deterministic in practice without being weakened.
func liquidGives(tpl *liquid.Template, b map[string]any, gerr error, got string) bool {
	for range 300 {
		var buf bytes.Buffer
		err := safeRender(func() error { return tpl.FRender(&buf, b) })
		if sameRender(err, buf.String(), gerr, got) {
			return true
		}
	}
	return false
}

func sortedBytes(s string) string {
	b := []byte(s)
	slices.Sort(b)
	return string(b)
}

func asTemplateError(err error, te **TemplateError) bool {
	e, ok := err.(*TemplateError)
	if ok {
		*te = e
	}
	return ok
}
