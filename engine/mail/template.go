package mail

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"

	"github.com/osteele/liquid"
)

// Template is an email template as the user edits it. Subject, Preheader,
// HTML and Text are Liquid sources.
type Template struct {
	// ID identifies the template; the Renderer caches one compiled version
	// per ID.
	ID string `json:"id"`
	// Name is what the user calls it.
	Name string `json:"name"`
	// Subject is the subject line (Liquid, never HTML-escaped).
	Subject string `json:"subject"`
	// Preheader is the preview text inbox lists show after the subject; it
	// is inserted hidden at the top of the HTML body.
	Preheader string `json:"preheader,omitempty"`
	// FromName and FromEmail are the sender shown to the contact.
	FromName  string `json:"from_name,omitempty"`
	FromEmail string `json:"from_email,omitempty"`
	// HTML is the HTML body. When Blocks is not empty, the body is made from
	// the blocks instead and HTML is ignored.
	HTML string `json:"html,omitempty"`
	// Text is the plain-text body; empty means "made from the HTML".
	Text string `json:"text,omitempty"`
	// Blocks is the block editor's content, if the template uses it.
	Blocks []Block `json:"blocks,omitempty"`
}

// Data is what a template can read: `contact`, `event` and `extra`, plus
// `unsubscribe_url` (from Extra["unsubscribe_url"], or UnsubscribePlaceholder
// which Track replaces) and `confirm_url` (a double opt-in form's
// confirmation link, from Extra["confirm_url"], or ConfirmPlaceholder).
type Data struct {
	// Contact holds email, first_name, last_name, the custom fields, lists,
	// tags, score and stage.
	Contact map[string]any
	// Event is the event that triggered the step, if any.
	Event map[string]any
	// Extra holds anything else the caller provides (campaign, links…).
	Extra map[string]any
}

// UnsubscribePlaceholder is what `{{ unsubscribe_url }}` renders to when the
// caller gave no unsubscribe URL (previews). It can never resolve (.invalid is
// reserved), and Track and TrackText replace it with the real signed URL.
const UnsubscribePlaceholder = "https://unsubscribe.invalid/flightplan"

// ConfirmPlaceholder is what `{{ confirm_url }}` renders to outside a
// sign-up form's confirmation (previews, a funnel's send): it can never
// resolve. A double opt-in form that sends the email gives the real,
// signed link (Extra["confirm_url"]).
const ConfirmPlaceholder = "https://confirm.invalid/flightplan"

// Rendered is a template rendered for one contact.
type Rendered struct {
	// Subject and Preheader are single lines of plain text.
	Subject   string
	Preheader string
	// HTML is the body with values escaped and the preheader inserted;
	// Text is the plain-text body.
	HTML string
	Text string
}

// Parts of a template, as named in errors and problems.
const (
	PartSubject   = "subject"
	PartPreheader = "preheader"
	PartHTML      = "html"
	PartText      = "text"
	PartBlocks    = "blocks"
)

// TemplateError is a failure to compile or render one part of a template.
// Its message says where, outermost first:
// `template "welcome-1": html line 3: undefined filter "upcse"`.
type TemplateError struct {
	// TemplateID is the template's ID.
	TemplateID string
	// Part is subject, preheader, html or text.
	Part string
	// Line is 1-based within the part, 0 when unknown.
	Line int
	// Message is Liquid's explanation, without its own prefix.
	Message string
}

// Error returns `template "ID": part line N: message`.
func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("template %q: %s line %d: %s", e.TemplateID, e.Part, e.Line, e.Message)
	}
	return fmt.Sprintf("template %q: %s: %s", e.TemplateID, e.Part, e.Message)
}

func templateErr(id, part string, err error) *TemplateError {
	line, msg := liquidError(err)
	return &TemplateError{TemplateID: id, Part: part, Line: line, Message: msg}
}

// Renderer compiles templates once and renders them for many contacts. It
// keeps one compiled version per template ID and recompiles when the
// content changes. It is safe for concurrent use.
type Renderer struct {
	text, html *liquid.Engine
	seed       maphash.Seed

	mu    sync.RWMutex
	cache map[string]*compiled
	bufs  sync.Pool
}

type compiled struct {
	hash                 uint64
	subject, preheader   part
	html, text           part
	textFromRenderedHTML bool // the text could not be derived from the source; derive it per message
}

// part is one compiled template part: a program when the source could be
// split (see program), else the whole Liquid template.
type part struct {
	prog   *program
	tpl    *liquid.Template
	escape bool
}

// NewRenderer returns an empty Renderer.
func NewRenderer() *Renderer {
	text, html := newEngines()
	r := &Renderer{text: text, html: html, seed: maphash.MakeSeed(), cache: map[string]*compiled{}}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	return r
}

// hash identifies a template's content. A 64-bit keyed hash is enough to
// tell versions of one template apart, and hashing a few kilobytes this way
// costs well under a microsecond, unlike re-parsing.
func (r *Renderer) hash(t *Template) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	for _, s := range []string{t.Subject, t.Preheader, t.HTML, t.Text} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	hashBlocks(&h, t.Blocks)
	return h.Sum64()
}

func hashBlocks(h *maphash.Hash, bs []Block) {
	for _, b := range bs {
		for _, s := range []string{string(b.Type), b.Text, b.URL, b.Src, b.Alt, b.Align, b.Color, b.TextColor} {
			h.WriteString(s)
			h.WriteByte(0)
		}
		for _, n := range []int{b.Level, b.Width, b.Height} {
			h.WriteString(strconv.Itoa(n))
			h.WriteByte(1)
		}
		for _, col := range b.Columns {
			hashBlocks(h, col)
			h.WriteByte(2)
		}
		h.WriteByte(3)
	}
}

// htmlSource is the HTML body the template renders: its blocks or its HTML,
// with the preheader inserted as the first, hidden, element of the body.
func htmlSource(t *Template) string {
	src := t.HTML
	if len(t.Blocks) > 0 {
		src = RenderBlocks(t.Blocks)
	}
	if strings.TrimSpace(t.Preheader) == "" {
		return src
	}
	// Hidden text that inbox lists show after the subject. The trailing
	// zero-width non-joiners and spaces keep clients from filling the rest
	// of the preview with body text.
	pre := `<div class="fp-preheader" style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:transparent;opacity:0;">` +
		escapeText(t.Preheader) + strings.Repeat("&#8204;&nbsp;", 20) + `</div>`
	if i := indexBodyOpen(src); i >= 0 {
		return src[:i] + pre + src[i:]
	}
	return pre + src
}

// indexBodyOpen returns the offset just after the <body …> start tag, or -1.
func indexBodyOpen(src string) int {
	for i := 0; ; {
		k := strings.IndexByte(src[i:], '<')
		if k < 0 {
			return -1
		}
		i += k
		if isTagName(src, i+1, "body") {
			return skipTo(src, i, '>')
		}
		i++
	}
}

func (r *Renderer) compile(t *Template, h uint64) (*compiled, error) {
	c := &compiled{hash: h}
	// compilePart checks the author's own source first, so that a syntax
	// error reads as they wrote it, then builds what actually renders.
	compilePart := func(eng *liquid.Engine, name, src string, escape bool) (part, error) {
		whole, err := parseLiquid(eng, src, 1)
		if err != nil {
			return part{}, templateErr(t.ID, name, err)
		}
		prog, perr := compileProgram(eng, src, escape)
		if perr != nil {
			return part{}, templateErr(t.ID, name, perr)
		}
		if prog != nil {
			return part{prog: prog, escape: escape}, nil
		}
		if escape {
			whole, err = parseLiquid(eng, autoEscapeSource(src), 1)
			if err != nil {
				return part{}, templateErr(t.ID, name, err)
			}
		}
		return part{tpl: whole, escape: escape}, nil
	}
	var err error
	if c.subject, err = compilePart(r.text, PartSubject, t.Subject, false); err != nil {
		return nil, err
	}
	if c.preheader, err = compilePart(r.text, PartPreheader, t.Preheader, false); err != nil {
		return nil, err
	}
	src := htmlSource(t)
	if c.html, err = compilePart(r.html, PartHTML, src, true); err != nil {
		return nil, err
	}
	if t.Text != "" {
		if c.text, err = compilePart(r.text, PartText, t.Text, false); err != nil {
			return nil, err
		}
		return c, nil
	}
	// Derive the text part from the HTML source once, keeping its Liquid, so
	// each message costs a render, not an HTML parse. If the derived source
	// does not parse (a Liquid tag lost inside a hidden element), fall back
	// to converting each rendered message.
	if c.text, err = compilePart(r.text, PartText, htmlToText(src, true), false); err != nil {
		c.text, c.textFromRenderedHTML = part{}, true
	}
	return c, nil
}

func (r *Renderer) get(t *Template) (*compiled, error) {
	h := r.hash(t)
	r.mu.RLock()
	c := r.cache[t.ID]
	r.mu.RUnlock()
	if c != nil && c.hash == h {
		return c, nil
	}
	c, err := r.compile(t, h)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.cache[t.ID] = c // one entry per ID: a new version replaces the old
	r.mu.Unlock()
	return c, nil
}

// Forget drops the compiled version of a template, for when it is deleted.
func (r *Renderer) Forget(id string) {
	r.mu.Lock()
	delete(r.cache, id)
	r.mu.Unlock()
}

func bindings(d Data) map[string]any {
	unsub := UnsubscribePlaceholder
	if s, ok := d.Extra["unsubscribe_url"].(string); ok && s != "" {
		unsub = s
	}
	confirm := ConfirmPlaceholder
	if s, ok := d.Extra["confirm_url"].(string); ok && s != "" {
		confirm = s
	}
	return map[string]any{
		"contact":         orEmpty(d.Contact),
		"event":           orEmpty(d.Event),
		"extra":           orEmpty(d.Extra),
		"unsubscribe_url": unsub,
		"confirm_url":     confirm,
	}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func (r *Renderer) run(p part, b map[string]any, id, name string) (string, error) {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	err := safeRender(func() error {
		if p.prog != nil {
			return p.prog.render(buf, b, p.escape)
		}
		return p.tpl.FRender(buf, b)
	})
	if err != nil {
		return "", templateErr(id, name, err)
	}
	return buf.String(), nil
}

// Render renders t for one contact. Values are written as they are into the
// subject, preheader and text, and HTML-escaped in the HTML body (use
// `| raw` for a value that holds HTML on purpose).
func (r *Renderer) Render(t Template, data Data) (Rendered, error) {
	c, err := r.get(&t)
	if err != nil {
		return Rendered{}, err
	}
	b := bindings(data)
	var out Rendered
	if out.Subject, err = r.run(c.subject, b, t.ID, PartSubject); err != nil {
		return Rendered{}, err
	}
	out.Subject = oneLine(out.Subject)
	if out.Preheader, err = r.run(c.preheader, b, t.ID, PartPreheader); err != nil {
		return Rendered{}, err
	}
	out.Preheader = oneLine(out.Preheader)
	if out.HTML, err = r.run(c.html, b, t.ID, PartHTML); err != nil {
		return Rendered{}, err
	}
	if c.textFromRenderedHTML {
		out.Text = htmlToText(out.HTML, false)
	} else {
		if out.Text, err = r.run(c.text, b, t.ID, PartText); err != nil {
			return Rendered{}, err
		}
		out.Text = tidyText(out.Text)
	}
	return out, nil
}

// oneLine collapses runs of white space, line breaks included: a subject
// is a single header line whatever the template's layout or the data hold.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
