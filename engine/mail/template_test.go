package mail

import (
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
)

func TestRenderPersonalises(t *testing.T) {
	r := NewRenderer()
	out, err := r.Render(welcome, welcomeData(1))
	if err != nil {
		t.Fatal(err)
	}
	if out.Subject != "Welcome aboard, Ana! 🎉" {
		t.Errorf("subject = %q", out.Subject)
	}
	if out.Preheader != "Your pro plan is ready" {
		t.Errorf("preheader = %q", out.Preheader)
	}
	for _, want := range []string{
		"Bonjour Ana!", "Thanks for joining Acme &amp; Sons.", "lead score is 43", "A specialist will call you",
		"Lists: newsletter, customers", `c=1"`, `href="` + UnsubscribePlaceholder + `"`,
		`<div class="fp-preheader" style="display:none;`, "Your pro plan is ready",
	} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if i, j := strings.Index(out.HTML, "fp-preheader"), strings.Index(out.HTML, "<body"); i < j {
		t.Error("preheader must come right after <body>")
	}
	for _, want := range []string{
		"# Bonjour Ana!", "Thanks for joining Acme & Sons.", "A specialist will call you this week.",
		"Get started (https://shop.example.com/start?ref=welcome&c=1)",
		"Read the guide (https://docs.example.com/guide)", "Write to us (help@example.com)",
		"Unsubscribe (" + UnsubscribePlaceholder + ")",
	} {
		if !strings.Contains(out.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, out.Text)
		}
	}
	for _, not := range []string{"<", "pro plan is ready", "@media", "Welcome\n", "{{", "{%"} {
		if strings.Contains(out.Text, not) {
			t.Errorf("text contains %q:\n%s", not, out.Text)
		}
	}
	if strings.Contains(out.Text, "\n\n\n") {
		t.Errorf("text has runs of blank lines:\n%q", out.Text)
	}
}

func TestRenderMissingFields(t *testing.T) {
	r := NewRenderer()
	tpl := Template{ID: "t", Subject: `Hi {{ contact.first_name | default: "there" }}{{ contact.nickname }}`,
		HTML: `<p>[{{ contact.first_name }}] [{{ contact.company | default: "your company" }}] [{{ event.url }}] [{{ extra.nothing.deeper }}]</p>`}
	for _, d := range []Data{{}, {Contact: map[string]any{"first_name": ""}}, {Contact: map[string]any{"first_name": nil}}} {
		out, err := r.Render(tpl, d)
		if err != nil {
			t.Fatal(err)
		}
		if out.Subject != "Hi there" {
			t.Errorf("subject = %q, want the default", out.Subject)
		}
		if !strings.Contains(out.HTML, "<p>[] [your company] [] []</p>") {
			t.Errorf("HTML = %q", out.HTML)
		}
	}
}

func TestRenderEscapesValuesInHTMLOnly(t *testing.T) {
	r := NewRenderer()
	tpl := Template{ID: "esc",
		Subject: `{{ contact.first_name }} & co`,
		HTML: `<p>{{ contact.first_name }}</p>` +
			`<p title="{{ contact.first_name }}">{{ contact.first_name | upcase }}</p>` +
			`<p>{{ contact.first_name | escape }}</p>` +
			`<div>{{ extra.block | raw }}</div>` +
			`{% if contact.company == "Smith & Co <UK>" %}<p>raw compare ok</p>{% endif %}` +
			`<p>{{ contact.company | size }}</p>` +
			`{% capture hello %}<b>Hi {{ contact.first_name }}</b>{% endcapture %}<p>{{ hello }}</p>` +
			`{% assign n = contact.first_name %}<p>{{ n }}</p>` +
			`{% raw %}<p>{{ not.rendered }}</p>{% endraw %}`,
	}
	d := Data{
		Contact: map[string]any{"first_name": `<script>alert("x")</script>`, "company": "Smith & Co <UK>"},
		Extra:   map[string]any{"block": `<b>trusted</b>`},
	}
	out, err := r.Render(tpl, d)
	if err != nil {
		t.Fatal(err)
	}
	esc := `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;`
	for _, want := range []string{
		"<p>" + esc + "</p>",
		`title="` + esc + `"`,
		">&lt;SCRIPT&gt;ALERT(&#34;X&#34;)&lt;/SCRIPT&gt;</p>", // filters see the raw value
		"<p>" + esc + "</p><div>",                              // escape filter: not escaped twice
		"<div><b>trusted</b></div>",
		"raw compare ok",
		"<p>15</p>",                    // size of the raw value, not of the escaped one
		"<p><b>Hi " + esc + "</b></p>", // capture: inner value escaped once, markup kept
		"<p>{{ not.rendered }}</p>",
	} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("HTML lacks %q\n%s", want, out.HTML)
		}
	}
	if strings.Contains(out.HTML, "<script>") || strings.Contains(out.HTML, "&amp;lt;") {
		t.Errorf("HTML has a raw or double-escaped value:\n%s", out.HTML)
	}
	if out.Subject != `<script>alert("x")</script> & co` {
		t.Errorf("subject must hold the raw value, got %q", out.Subject)
	}
	if !strings.Contains(out.Text, `<script>alert("x")</script>`) {
		t.Errorf("text must hold the raw value:\n%s", out.Text)
	}
}

func TestRenderNonLatinAndEmoji(t *testing.T) {
	r := NewRenderer()
	tpl := Template{ID: "intl", Subject: `{{ contact.first_name }}，欢迎！ مرحبا {{ contact.last_name }} 🚀✨`,
		HTML: `<h1>{{ contact.first_name }} {{ contact.last_name }} 👋</h1><p>Ça va ? Grüße · Привет · こんにちは</p>`}
	out, err := r.Render(tpl, Data{Contact: map[string]any{"first_name": "李雷", "last_name": "عبد الله"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Subject != "李雷，欢迎！ مرحبا عبد الله 🚀✨" {
		t.Errorf("subject = %q", out.Subject)
	}
	if !strings.Contains(out.HTML, "<h1>李雷 عبد الله 👋</h1>") || !strings.Contains(out.Text, "# 李雷 عبد الله 👋") {
		t.Errorf("HTML %q / text %q", out.HTML, out.Text)
	}
	// Through Build and Parse, every character survives.
	raw, err := Build(Outgoing{From: addr("Équipe 李雷 🚀", "team@example.com"), To: []netmail.Address{addr("عبد الله", "a@example.com")},
		Subject: out.Subject, HTML: out.HTML, Text: out.Text})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != out.Subject || p.From != "Équipe 李雷 🚀 <team@example.com>" || p.To[0] != "عبد الله <a@example.com>" {
		t.Errorf("parsed subject %q from %q to %q", p.Subject, p.From, p.To)
	}
	if p.HTML != out.HTML || p.Text != out.Text {
		t.Errorf("bodies changed through Build/Parse:\n%q\n%q\n%q\n%q", p.HTML, out.HTML, p.Text, out.Text)
	}
}

func TestRenderErrorsSayWhere(t *testing.T) {
	r := NewRenderer()
	cases := []struct {
		tpl  Template
		want string
	}{
		{Template{ID: "welcome-1", Subject: "ok", HTML: "<p>a</p>\n<p>b</p>\n{% if contact.x %}<p>c</p>\n"},
			`template "welcome-1": html line 3: unterminated "if" block`},
		{Template{ID: "welcome-1", Subject: "Hi {{ contact.first_name | }}", HTML: "x"},
			`template "welcome-1": subject line 1: syntax error`},
		{Template{ID: "w2", Subject: "s", HTML: "<p>\n{{ contact.first_name | upcse }}</p>"},
			`template "w2": html line 2: undefined filter "upcse"`},
		{Template{ID: "w3", Subject: "s", HTML: "x", Text: "one\ntwo\n{% endif %}"},
			`template "w3": text line 3:`},
	}
	for _, c := range cases {
		_, err := r.Render(c.tpl, Data{})
		var te *TemplateError
		if !errors.As(err, &te) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("error = %v, want prefix %q", err, c.want)
		}
		if strings.Contains(fmt.Sprint(err), filterAutoEscape) {
			t.Errorf("error shows the internal filter: %v", err)
		}
	}
}

func TestRendererRecompilesChangedTemplate(t *testing.T) {
	r := NewRenderer()
	tpl := Template{ID: "same-id", Subject: "v1", HTML: "<p>one</p>"}
	a, _ := r.Render(tpl, Data{})
	tpl.HTML = "<p>two</p>"
	b, _ := r.Render(tpl, Data{})
	tpl.Blocks = []Block{{Type: BlockText, Text: "three"}}
	c, _ := r.Render(tpl, Data{})
	if !strings.Contains(a.HTML, "one") || !strings.Contains(b.HTML, "two") || !strings.Contains(c.HTML, "three") {
		t.Fatalf("stale cache: %q %q %q", a.HTML, b.HTML, c.HTML)
	}
	if len(r.cache) != 1 {
		t.Errorf("cache holds %d entries for one template id", len(r.cache))
	}
}

func TestRenderConcurrent(t *testing.T) {
	r := NewRenderer()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				d := welcomeData(i)
				d.Contact["first_name"] = fmt.Sprintf("N%d-%d", g, i)
				out, err := r.Render(welcome, d)
				if err != nil || !strings.Contains(out.HTML, fmt.Sprintf("Bonjour N%d-%d!", g, i)) {
					t.Errorf("render %d/%d: %v", g, i, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestTextFallsBackWhenDerivedSourceBreaks(t *testing.T) {
	// The {% if %} opens in visible text and closes inside a hidden element,
	// so the text derived from the source would be unbalanced.
	tpl := Template{ID: "fb", Subject: "s",
		HTML: `<p>{% if contact.vip %}VIP <b>{{ contact.first_name }}</b></p><div style="display:none">x{% endif %}</div><p><a href="https://x.test/">Go</a></p>`}
	out, err := NewRenderer().Render(tpl, Data{Contact: map[string]any{"vip": true, "first_name": "Zoé"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Text != "VIP Zoé\n\nGo (https://x.test/)" {
		t.Errorf("text = %q", out.Text)
	}
}

func TestHTMLToText(t *testing.T) {
	in := `<html><head><title>T</title><style>p{color:red}</style><script>x()</script></head><body>
<div style="display: none">hidden preheader</div>
<h1>Main   title</h1><h2>Sub</h2>
<p>First   paragraph
 spans lines.<br>After break &amp; entity &eacute;.</p>
<p><a href="https://example.com/a?x=1&amp;y=2">Example</a>, <a href="https://example.com/">example.com</a>,
<a href="mailto:bob@example.com?subject=hi">bob@example.com</a>, <a href="#x">anchor</a>,
<a href="https://img.test/"><img src="a.png" alt="Logo"></a><img src="p.gif" width="1" height="1" alt=""></p>
<ul><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul>
<table><tr><td>cell 1</td><td>cell 2</td></tr></table>
<hr><pre>keep   this
  layout</pre>
</body></html>`
	want := `# Main title

## Sub

First paragraph spans lines.
After break & entity é.

Example (https://example.com/a?x=1&y=2), example.com, bob@example.com, anchor, Logo (https://img.test/)

- one
- two
  1. a
  2. b

cell 1
cell 2

----------------------------------------

keep   this
  layout`
	if got := HTMLToText(in); got != want {
		t.Errorf("HTMLToText:\n%s\n--- want:\n%s", got, want)
	}
}

func TestCheck(t *testing.T) {
	tpl := Template{ID: "c",
		Subject: `Hi {{ contact.frist_name }}`,
		HTML: "<p>{{ contact.first_name }} {{ contact.company }} {{ contact.fields.plan }}</p>\n" +
			"<p>{{ contcat.email }}</p>\n" +
			"<p>{{ contact.first_name | upcse }}</p>\n" +
			"{% for l in contact.lists %}{{ l }} {{ forloop.index }}{% endfor %}\n" +
			"{% assign greeting = 'hi' %}{{ greeting }} {{ event.url }} {{ extra.x }}\n" +
			`<p>{{ contact["tag_list"] }} {{ contact.lists.size }}</p>` + "\n" +
			`<p>{{ "contact.nope" }}</p>`,
	}
	got := Check(tpl, []string{"company", "plan"})
	want := []struct {
		part string
		line int
		sev  Severity
		msg  string
	}{
		{PartSubject, 1, SeverityWarning, `unknown contact field "frist_name" (did you mean "first_name"?)`},
		{PartHTML, 0, SeverityWarning, "no {{ unsubscribe_url }} link"},
		{PartHTML, 2, SeverityWarning, `unknown variable "contcat" (did you mean "contact"?)`},
		{PartHTML, 3, SeverityError, `unknown filter "upcse" (did you mean "upcase"?)`},
		{PartHTML, 6, SeverityWarning, `unknown contact field "tag_list"`},
	}
	if len(got) != len(want) {
		t.Fatalf("Check = %d problems, want %d:\n%+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Part != w.part || g.Line != w.line || g.Severity != w.sev || !strings.HasPrefix(g.Message, w.msg) {
			t.Errorf("problem %d = %+v, want %+v", i, g, w)
		}
	}

	// Every problem carries its code and parameters, so the window says it
	// in its language; the "did you mean" is a parameter of its own.
	var coded []string
	for _, p := range got {
		coded = append(coded, p.Code+" "+fmt.Sprint(p.Params))
	}
	if want := "unknown_field map[field:frist_name suggest:first_name]|no_unsubscribe map[]|" +
		"unknown_variable map[name:contcat suggest:contact]|unknown_filter map[name:upcse suggest:upcase]|" +
		"unknown_field map[field:tag_list]"; strings.Join(coded, "|") != want {
		t.Errorf("codes:\n%s\nwant\n%s", strings.Join(coded, "|"), want)
	}
	empty := Check(Template{Text: "x"}, nil)
	var codes []string
	for _, p := range empty {
		codes = append(codes, p.Part+":"+p.Code)
	}
	if strings.Join(codes, " ") != "subject:subject_empty html:body_empty html:no_unsubscribe text:no_unsubscribe" {
		t.Errorf("an empty email's problems: %v", codes)
	}

	syntax := Check(Template{Subject: "ok", HTML: "<p>one</p>\n<p>two</p>\n{% if contact.vip %}\n<p>three</p>\n{{ unsubscribe_url }}"}, nil)
	if len(syntax) != 1 || syntax[0].Part != PartHTML || syntax[0].Line != 3 || syntax[0].Severity != SeverityError ||
		!strings.Contains(syntax[0].Message, `unterminated "if" block`) {
		t.Errorf("syntax error: %+v", syntax)
	}

	commented := Check(Template{Subject: "s", HTML: "{% comment %}{{ contcat.x | nofilter }}{% endcomment %}{{ unsubscribe_url }}"}, nil)
	if len(commented) != 0 {
		t.Errorf("Liquid inside a comment was checked: %+v", commented)
	}

	// Liquid the parser cannot read: its kind as a code, the tag or
	// object it is about as {source}.
	for src, want := range map[string]string{
		"{% if x %}hi":               `liquid_unclosed map[source:{% if x %} tag:if]`,
		"{% endif %}":                `liquid_stray map[source:{% endif %} tag:endif]`,
		"{% else %}":                 `liquid_stray map[source:{% else %} tag:else]`,
		"{% foo %}":                  `liquid_unknown_tag map[source:{% foo %} tag:foo]`,
		"{{ 1 + }}":                  `liquid_syntax map[source:{{ 1 + }}]`,
		"{% for x in %}{% endfor %}": `liquid_syntax map[source:{% for x in %}]`,
		"{% include 'x' %}":          `no_include map[]`,
	} {
		ps := Check(Template{Subject: "s", HTML: src + "{{ unsubscribe_url }}"}, nil)
		if len(ps) != 1 || ps[0].Code+" "+fmt.Sprint(ps[0].Params) != want {
			t.Errorf("Check(%q) = %+v, want %s", src, ps, want)
		}
	}

	clean := Check(welcome, []string{"company", "plan"})
	if len(clean) != 0 {
		t.Errorf("welcome template: %+v", clean)
	}
}

func TestCheckBlocks(t *testing.T) {
	tpl := Template{Subject: "s", Blocks: []Block{
		{Type: BlockHeading, Text: "Hi {{ contact.first_name }}"},
		{Type: BlockButton, Text: "Go", URL: "javascript:alert(1)"},
		{Type: BlockImage, Src: "https://img.test/a.png"},
		{Type: "video"},
		{Type: BlockColumns, Columns: [][]Block{{{Type: BlockText, Text: "{{ unsubscribe_url }}"}}, {{Type: BlockButton, Text: "x"}}}},
	}}
	got := Check(tpl, nil)
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, fmt.Sprintf("%s:%d:%s:%s", p.Part, p.Line, p.Severity, p.Message))
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`blocks:2:error:block 2 (button) link "javascript:alert(1)" is not a web`,
		`blocks:3:warning:block 3 (image) has no alternative text`,
		`blocks:4:error:block 4 has unknown type "video"`,
		`blocks:0:error:block 5 column 2, block 1 (button) has no link`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("Check lacks %q; got:\n%s", want, all)
		}
	}
	var coded []string
	for _, p := range got {
		coded = append(coded, p.Code+" "+fmt.Sprint(p.Params))
	}
	if want := "button_no_link map[block:5 column:2 inner:1]|" +
		"button_bad_link map[url:javascript:alert(1)]|image_no_alt map[]|block_unknown_type map[type:video]"; strings.Join(coded, "|") != want {
		t.Errorf("block codes:\n%s\nwant\n%s", strings.Join(coded, "|"), want)
	}
}

// Liquid's include would read any file on the machine (relative paths,
// ".." allowed) into an email: templates refuse it when rendered, and
// Check says so where it is written.
func TestIncludeRefused(t *testing.T) {
	tmpl := Template{ID: "inc", Subject: "Hi", HTML: "<p>Hello</p>\n<p>{% include \"../../../../../../../../etc/hostname\" %}</p>"}
	_, err := NewRenderer().Render(tmpl, Data{})
	if err == nil || !strings.Contains(err.Error(), `template "inc": html line 2: include is not available`) {
		t.Fatalf("Render with include: %v, want a refusal on html line 2", err)
	}
	var errs []Problem
	for _, p := range Check(tmpl, nil) {
		if p.Severity == SeverityError {
			errs = append(errs, p)
		}
	}
	if len(errs) != 1 || errs[0].Part != PartHTML || errs[0].Line != 2 || !strings.Contains(errs[0].Message, "include is not available") {
		t.Fatalf("Check errors: %+v, want one on html line 2", errs)
	}
}

// An output that compares renders true or false in an HTML body (Liquid
// refuses a filter after a comparison, so the escaping pass leaves it), and
// a field whose name holds "-and-" is still escaped. Found by FuzzLiquid.
func TestComparisonOutput(t *testing.T) {
	tmpl := Template{ID: "cmp", Subject: `{{ contact.score > 10 }}`, HTML: `<p>{{ contact.score > 10 }} {{ contact.first_name == "Ana" or false }} {{ contact.terms-and-more }}</p>`}
	out, err := NewRenderer().Render(tmpl, Data{Contact: map[string]any{"score": 42, "first_name": "Ana", "terms-and-more": "<b>"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Subject != "true" || out.HTML != "<p>true true &lt;b&gt;</p>" {
		t.Errorf("subject %q, html %q", out.Subject, out.HTML)
	}
}

// Liquid's parser panics on an integer literal too large for 64 bits; a
// template with one is an error, in Render and in Check, not a crash.
// Found by FuzzLiquid.
func TestHugeNumberLiteral(t *testing.T) {
	tmpl := Template{ID: "big", Subject: "Hi", HTML: "<p>{{ 100000000000000000000000 }}</p>"}
	if _, err := NewRenderer().Render(tmpl, Data{}); err == nil || !strings.Contains(err.Error(), `template "big": html: Liquid cannot read this template`) {
		t.Errorf("Render: %v", err)
	}
	if ps := Check(tmpl, nil); len(ps) == 0 || ps[0].Severity != SeverityError {
		t.Errorf("Check: %+v", ps)
	}
}
