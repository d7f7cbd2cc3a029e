package mail

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText returns a plain-text version of an HTML email: tags stripped,
// headings kept as "# Heading", paragraphs and line breaks kept, list items
// as "- item", and links as "text (url)".
func HTMLToText(htmlSrc string) string {
	return htmlToText(htmlSrc, false)
}

// Liquid spans are swapped for placeholders made of private-use characters
// (no space, '<' or '&', so the HTML tokenizer and the white-space folding
// leave them whole) and put back after conversion.
const (
	phOpen  = '\uE000'
	phClose = '\uE001'
)

// htmlToText converts HTML to text. With keepLiquid, the source is a
// template: its Liquid is carried into the text unchanged, and Liquid tags
// found inside attributes that the text drops are still emitted, so that
// {% if %} … {% endif %} stay balanced.
func htmlToText(src string, keepLiquid bool) string {
	var liq []string
	if keepLiquid {
		src, liq = protectLiquid(src)
	}
	c := converter{liq: liq}
	c.run(src)
	out := c.finish()
	if keepLiquid {
		out = restoreLiquid(out, liq)
	}
	return out
}

func protectLiquid(src string) (string, []string) {
	ss := spans(src)
	if len(ss) == 0 {
		return src, nil
	}
	var b strings.Builder
	liq := make([]string, 0, len(ss))
	last := 0
	for _, s := range ss {
		b.WriteString(src[last:s.start])
		b.WriteRune(phOpen)
		b.WriteString(strconv.Itoa(len(liq)))
		b.WriteRune(phClose)
		liq = append(liq, src[s.start:s.end])
		last = s.end
	}
	b.WriteString(src[last:])
	return b.String(), liq
}

func restoreLiquid(s string, liq []string) string {
	if len(liq) == 0 {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexRune(s, phOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexRune(s[i:], phClose)
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		n, err := strconv.Atoi(s[i+len(string(phOpen)) : i+j])
		b.WriteString(s[:i])
		if err == nil && n >= 0 && n < len(liq) {
			b.WriteString(liq[n])
		}
		s = s[i+j+len(string(phClose)):]
	}
}

// liquidTagsIn returns the placeholders of Liquid *tags* in s, for
// attributes whose text is otherwise dropped.
func liquidTagsIn(s string, liq []string) string {
	var b strings.Builder
	for {
		i := strings.IndexRune(s, phOpen)
		if i < 0 {
			return b.String()
		}
		j := strings.IndexRune(s[i:], phClose)
		if j < 0 {
			return b.String()
		}
		ph := s[i : i+j+len(string(phClose))]
		if n, err := strconv.Atoi(s[i+len(string(phOpen)) : i+j]); err == nil && n < len(liq) && strings.HasPrefix(liq[n], "{%") {
			b.WriteString(ph)
		}
		s = s[i+j+len(string(phClose)):]
	}
}

type converter struct {
	liq     []string
	b       strings.Builder
	nl      int  // line breaks owed before the next text (2 = paragraph)
	space   bool // a space is owed before the next text
	pre     int  // depth inside <pre>
	skip    []skipFrame
	links   []linkFrame
	lists   []int // per open list: -1 for <ul>, else the next <ol> number
	started bool
}

type skipFrame struct {
	a     atom.Atom
	name  string
	depth int
}

type linkFrame struct {
	href  string
	start int
}

func (c *converter) block(n int) {
	if c.nl < n {
		c.nl = n
	}
	c.space = false
}

func (c *converter) text(s string) {
	if s == "" {
		return
	}
	if c.pre > 0 {
		c.flush()
		c.b.WriteString(s)
		if strings.HasSuffix(s, "\n") {
			c.nl = 0
		}
		return
	}
	lead := unicode.IsSpace(firstRune(s))
	words := strings.FieldsFunc(s, unicode.IsSpace)
	if len(words) == 0 {
		if lead {
			c.space = true
		}
		return
	}
	if lead {
		c.space = true
	}
	for i, w := range words {
		if i > 0 {
			c.space = true
		}
		c.flush()
		c.b.WriteString(w)
	}
	if unicode.IsSpace(lastRune(s)) {
		c.space = true
	}
}

// raw writes s with no spacing rules (placeholders, markers).
func (c *converter) raw(s string) {
	if s == "" {
		return
	}
	c.flush()
	c.b.WriteString(s)
}

func (c *converter) flush() {
	if c.started {
		if c.nl > 0 {
			c.b.WriteString(strings.Repeat("\n", c.nl))
		} else if c.space {
			c.b.WriteByte(' ')
		}
	}
	c.nl, c.space, c.started = 0, false, true
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func attr(t html.Token, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func hidden(t html.Token) bool {
	if _, ok := attr(t, "hidden"); ok {
		return true
	}
	style, _ := attr(t, "style")
	style = strings.ToLower(strings.ReplaceAll(style, " ", ""))
	return strings.Contains(style, "display:none")
}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

func (c *converter) run(src string) {
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		tok := z.Token()
		if len(c.skip) > 0 {
			top := &c.skip[len(c.skip)-1]
			switch {
			case tt == html.StartTagToken && tok.Data == top.name:
				top.depth++
			case tt == html.EndTagToken && tok.Data == top.name:
				top.depth--
				if top.depth == 0 {
					c.skip = c.skip[:len(c.skip)-1]
				}
			}
			// Keep Liquid tags that sit in skipped content balanced.
			if len(c.skip) > 0 && c.liq != nil && tt == html.TextToken {
				c.raw(liquidTagsIn(tok.Data, c.liq))
			}
			continue
		}
		switch tt {
		case html.TextToken:
			c.text(tok.Data)
		case html.StartTagToken, html.SelfClosingTagToken:
			c.start(tok, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			c.end(tok)
		}
	}
}

func (c *converter) keepAttrTags(tok html.Token, except ...string) {
	if c.liq == nil {
		return
	}
	for _, a := range tok.Attr {
		skip := false
		for _, e := range except {
			if a.Key == e {
				skip = true
			}
		}
		if !skip {
			c.raw(liquidTagsIn(a.Val, c.liq))
		}
	}
}

func (c *converter) start(tok html.Token, selfClosing bool) {
	a := tok.DataAtom
	switch a {
	case atom.Head, atom.Style, atom.Script, atom.Title, atom.Template, atom.Noscript:
		c.skip = append(c.skip, skipFrame{a, tok.Data, 1})
		return
	}
	if !voidElements[a] && !selfClosing && hidden(tok) {
		c.keepAttrTags(tok)
		c.skip = append(c.skip, skipFrame{a, tok.Data, 1})
		return
	}
	switch a {
	case atom.A:
		c.keepAttrTags(tok, "href")
		href, _ := attr(tok, "href")
		c.flush()
		c.links = append(c.links, linkFrame{href: strings.TrimSpace(href), start: c.b.Len()})
		return
	case atom.Img:
		c.keepAttrTags(tok, "alt")
		alt, _ := attr(tok, "alt")
		if alt = strings.TrimSpace(alt); alt != "" {
			c.text(alt)
		}
		return
	}
	c.keepAttrTags(tok)
	switch a {
	case atom.Br:
		c.flush()
		c.b.WriteByte('\n')
		c.space = false
	case atom.P, atom.Table, atom.Blockquote:
		c.block(2)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.block(2)
		c.raw(strings.Repeat("#", int(tok.Data[1]-'0')) + " ")
	case atom.Hr:
		c.block(2)
		c.raw("----------------------------------------")
		c.block(2)
	case atom.Ul:
		c.lists = append(c.lists, -1)
		c.block(1)
	case atom.Ol:
		c.lists = append(c.lists, 1)
		c.block(1)
	case atom.Li:
		c.block(1)
		marker := "- "
		if n := len(c.lists); n > 0 && c.lists[n-1] > 0 {
			marker = strconv.Itoa(c.lists[n-1]) + ". "
			c.lists[n-1]++
		}
		c.raw(strings.Repeat("  ", max(0, len(c.lists)-1)) + marker)
	case atom.Pre:
		c.block(2)
		c.pre++
	case atom.Div, atom.Tr, atom.Td, atom.Th, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Center, atom.Dl, atom.Dt, atom.Dd, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Main, atom.Nav, atom.Address:
		c.block(1)
	}
}

func (c *converter) end(tok html.Token) {
	switch tok.DataAtom {
	case atom.A:
		if n := len(c.links); n > 0 {
			l := c.links[n-1]
			c.links = c.links[:n-1]
			c.endLink(l)
		}
	case atom.P, atom.Table, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.block(2)
	case atom.Ul, atom.Ol:
		if n := len(c.lists); n > 0 {
			c.lists = c.lists[:n-1]
		}
		c.block(1)
	case atom.Pre:
		if c.pre > 0 {
			c.pre--
		}
		c.block(2)
	case atom.Div, atom.Tr, atom.Td, atom.Th, atom.Li, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Center, atom.Dl, atom.Dt, atom.Dd, atom.Caption, atom.Main, atom.Nav, atom.Address:
		c.block(1)
	}
}

func (c *converter) endLink(l linkFrame) {
	href := l.href
	lower := strings.ToLower(href)
	switch {
	case href == "", strings.HasPrefix(href, "#"), strings.HasPrefix(lower, "javascript:"), strings.HasPrefix(lower, "tel:"), strings.HasPrefix(lower, "sms:"):
		return
	case strings.HasPrefix(lower, "mailto:"):
		href = href[len("mailto:"):]
		if i := strings.IndexByte(href, '?'); i >= 0 {
			href = href[:i]
		}
	}
	label := strings.TrimSpace(c.b.String()[l.start:])
	switch {
	case label == "":
		c.raw(href)
	case bareURL(label) == bareURL(href):
		// The text already is the address.
	default:
		c.space = true
		c.raw("(" + href + ")")
	}
}

// bareURL drops the scheme and a trailing slash, so "example.com" reads as
// the same address as "https://example.com/".
func bareURL(s string) string {
	low := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(low, p) {
			s = s[len(p):]
			break
		}
	}
	return strings.TrimSuffix(s, "/")
}

func (c *converter) finish() string {
	return tidyText(c.b.String())
}

// tidyText trims trailing spaces and a stray single leading space on each
// line, folds runs of blank lines into one, and trims the ends: Liquid tags on
// their own lines leave gaps and stray spaces.
func tidyText(s string) string {
	if !strings.Contains(s, "\n\n\n") && !strings.Contains(s, " \n") && !strings.Contains(s, "\n ") &&
		!strings.Contains(s, "\t") && !strings.Contains(s, "\r") && strings.TrimSpace(s) == s {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	started := false
	for _, ln := range lines {
		ln = strings.TrimRightFunc(ln, unicode.IsSpace)
		// A single leading space is what a Liquid tag between two spaces
		// leaves; deeper indentation (lists, <pre>) is meant.
		if len(ln) > 1 && (ln[0] == ' ' || ln[0] == '\t') && ln[1] != ' ' && ln[1] != '\t' {
			ln = ln[1:]
		}
		if ln == "" {
			blank++
			continue
		}
		if started {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		started = true
		b.WriteString(ln)
	}
	return b.String()
}
