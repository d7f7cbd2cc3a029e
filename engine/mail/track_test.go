package mail

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"flightplan/engine/track"
)

func TestTrackRewritesLinks(t *testing.T) {
	urls := testURLs(t, "http://127.0.0.1:8787")
	in := `<html><body>
<!--[if mso]><p>outlook only</p><![endif]-->
<p><a href="https://shop.example.com/p?a=1&amp;b=é">Shop</a>
<A HREF="HTTP://UPPER.example.com/" Class="x">Upper</A>
<a href="mailto:help@example.com">Mail</a> <a href="tel:+1514">Tel</a> <a href="#top">Top</a>
<a href="/relative">Relative</a> <a href="javascript:void(0)">JS</a>
<a href="https://keep.example.com/" data-fp-notrack>Not tracked</a>
<a href="` + UnsubscribePlaceholder + `">Unsubscribe</a>
<a class=btn href=https://unquoted.example.com/x?y=1>Unquoted</a> <a href='https://single.example.com/'>Single</a>
<a title="a > b" href="https://after-gt.example.com/">Gt in attribute</a></p>
<!-- <a href="https://in-comment.example.com/">commented out</a> -->
<img src="https://img.example.com/a.png" alt="<a href='https://in-alt.example.com/'>">
<script>var s = "<a href='https://in-script.example.com/'>";</script>
</body></html>`
	tr := Tracking{Links: urls, MessageID: "out-7", ContactID: 99}
	out := Track(in, tr)

	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs, imgs []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if n.Data == "a" && a.Key == "href" {
					hrefs = append(hrefs, a.Val)
				}
				if n.Data == "img" && a.Key == "src" {
					imgs = append(imgs, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	verify := func(u, prefix, kind string) track.Claim {
		t.Helper()
		tok, ok := strings.CutPrefix(u, "http://127.0.0.1:8787/"+prefix+"/")
		if !ok {
			t.Fatalf("%q is not a %s URL", u, kind)
		}
		c, err := urls.Signer.Verify(strings.TrimSuffix(tok, ".gif"))
		if err != nil || c.Kind != kind || c.MessageID != "out-7" || c.ContactID != 99 {
			t.Fatalf("%q: claim %+v, err %v", u, c, err)
		}
		return c
	}
	want := []string{"click:https://shop.example.com/p?a=1&b=é", "click:HTTP://UPPER.example.com/", "mailto:help@example.com",
		"tel:+1514", "#top", "/relative", "javascript:void(0)", "https://keep.example.com/", "unsub",
		"click:https://unquoted.example.com/x?y=1", "click:https://single.example.com/", "click:https://after-gt.example.com/"}
	if len(hrefs) != len(want) {
		t.Fatalf("hrefs = %q", hrefs)
	}
	for i, w := range want {
		switch {
		case strings.HasPrefix(w, "click:"):
			if c := verify(hrefs[i], "c", track.KindClick); c.Extra != w[len("click:"):] {
				t.Errorf("link %d signs %q, want %q", i, c.Extra, w[6:])
			}
		case w == "unsub":
			verify(hrefs[i], "u", track.KindUnsub)
		default:
			if hrefs[i] != w {
				t.Errorf("link %d = %q, want it untouched (%q)", i, hrefs[i], w)
			}
		}
	}
	if len(imgs) != 2 {
		t.Fatalf("imgs = %q", imgs)
	}
	verify(imgs[1], "o", track.KindOpen)
	if !strings.Contains(out, `.gif" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0;"></body>`) {
		t.Error("open pixel is not right before </body>")
	}
	for _, keep := range []string{"<!--[if mso]><p>outlook only</p><![endif]-->", `<a href="mailto:help@example.com">`,
		`<!-- <a href="https://in-comment.example.com/">commented out</a> -->`, `alt="<a href='https://in-alt.example.com/'>"`,
		`<script>var s = "<a href='https://in-script.example.com/'>";</script>`, `<A HREF="`, `" Class="x">Upper</A>`, `<a class=btn href="`} {
		if !strings.Contains(out, keep) {
			t.Errorf("untracked markup changed: %q missing", keep)
		}
	}

	// Opting out keeps links and pixel, but never the placeholder.
	plain := Track(in, Tracking{Links: urls, MessageID: "out-7", ContactID: 99, SkipClicks: true, SkipOpens: true})
	if strings.Contains(plain, "/c/") || strings.Contains(plain, "/o/") || strings.Contains(plain, UnsubscribePlaceholder) || !strings.Contains(plain, "/u/") {
		t.Errorf("skip tracking: %s", plain)
	}
	// No </body>: the pixel goes at the end.
	if frag := Track(`<p><a href="https://x.test/">x</a></p>`, tr); !strings.HasSuffix(frag, `padding:0;">`) {
		t.Errorf("fragment: %s", frag)
	}
	// The real unsubscribe URL, rendered from Extra, is left as it is.
	real := urls.Unsubscribe("out-7", 99)
	if got := Track(`<a href="`+real+`">u</a>`, Tracking{Links: urls, MessageID: "out-7", ContactID: 99, SkipOpens: true}); got != `<a href="`+real+`">u</a>` {
		t.Errorf("real unsubscribe link rewritten: %s", got)
	}
	txt := TrackText("Unsubscribe: "+UnsubscribePlaceholder+"\n", tr)
	u, _ := url.Parse(strings.TrimSpace(strings.TrimPrefix(txt, "Unsubscribe: ")))
	if u == nil || !strings.HasPrefix(u.Path, "/u/") {
		t.Errorf("TrackText: %q", txt)
	}
}

func TestRenderBlocksEmail(t *testing.T) {
	blocks := []Block{
		{Type: BlockHeading, Text: `Hi {{ contact.first_name | default: "there" }} & welcome`, Level: 1},
		{Type: BlockText, Text: "First paragraph\nsecond line.\n\nSecond <paragraph> & more."},
		{Type: BlockText, Text: `<p>Editor <b>rich</b> text with <a href="https://docs.example.com/">a link</a></p>`},
		{Type: BlockButton, Text: "Start now", URL: "https://app.example.com/start?u={{ contact.id }}&x=1", Color: "#ff0000;background:url(evil)"},
		{Type: BlockImage, Src: "https://img.example.com/hero.png", Alt: "Hero \"image\"", URL: "https://example.com/", Width: 800},
		{Type: BlockDivider},
		{Type: BlockSpacer, Height: 16},
		{Type: BlockColumns, Columns: [][]Block{
			{{Type: BlockText, Text: "Left column"}},
			{{Type: BlockText, Text: "Right column"}, {Type: BlockButton, Text: "Go", URL: "javascript:alert(1)"}},
		}},
		{Type: BlockText, Text: `<a href="{{ unsubscribe_url }}">Unsubscribe</a>`},
	}
	src := RenderBlocks(blocks)
	for _, want := range []string{
		`<meta name="viewport"`, `@media only screen and (max-width:620px)`, `.fp-col{display:block!important`,
		`role="presentation"`, `width="600"`,
		`Hi {{ contact.first_name | default: "there" }} &amp; welcome</h1>`,
		`First paragraph<br>`, `Second &lt;paragraph&gt; &amp; more.`,
		`<b>rich</b>`, `href="https://app.example.com/start?u={{ contact.id }}&amp;x=1"`,
		`bgcolor="#2563eb"`, `alt="Hero &#34;image&#34;"`, `width="536"`,
		`class="fp-col" width="50%"`, `href="#"`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("RenderBlocks lacks %q", want)
		}
	}
	if strings.Contains(src, "evil") || strings.Contains(src, "javascript:") {
		t.Error("unsafe colour or link reached the HTML")
	}
	if _, err := html.Parse(strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	out, err := NewRenderer().Render(Template{ID: "b", Subject: "s", Blocks: blocks},
		Data{Contact: map[string]any{"first_name": "Zoé", "id": 7}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.HTML, "Hi Zoé &amp; welcome") || !strings.Contains(out.HTML, "start?u=7&amp;x=1") {
		t.Errorf("rendered blocks:\n%s", out.HTML)
	}
	for _, want := range []string{"# Hi Zoé & welcome", "First paragraph\nsecond line.", "Start now (https://app.example.com/start?u=7&x=1)",
		"Hero \"image\" (https://example.com/)", "Left column\n", "Right column", "Unsubscribe (" + UnsubscribePlaceholder + ")"} {
		if !strings.Contains(out.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, out.Text)
		}
	}
}
