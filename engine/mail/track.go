package mail

import (
	"bytes"
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
)

// LinkSigner makes the signed tracking URLs. track.URLs implements it; the
// mail package only needs the URLs, not how they are signed or served.
type LinkSigner interface {
	Open(messageID string, contactID int64) string
	Click(messageID string, contactID int64, url string) string
	Unsubscribe(messageID string, contactID int64) string
}

// Tracking says how to track one message.
type Tracking struct {
	Links     LinkSigner
	MessageID string
	ContactID int64
	// SkipOpens leaves out the open pixel; SkipClicks leaves links as they
	// are. The unsubscribe link is replaced in every case.
	SkipOpens  bool
	SkipClicks bool
}

// NoTrackAttr on a link keeps it out of click tracking
// (<a href="…" data-fp-notrack>).
const NoTrackAttr = "data-fp-notrack"

// Track rewrites a rendered HTML body for one recipient: web links go
// through the click redirect, the unsubscribe link (UnsubscribePlaceholder)
// becomes the signed unsubscribe URL, and a 1×1 open pixel goes just before
// </body>. mailto:, tel:, in-page anchors and other non-web links are left
// alone. Everything but the rewritten <a> tags is copied byte for byte, so
// Outlook conditional comments and odd markup survive.
func Track(htmlBody string, t Tracking) string {
	if t.Links == nil {
		return htmlBody
	}
	var out bytes.Buffer
	out.Grow(len(htmlBody) + 1024)
	z := nethtml.NewTokenizer(strings.NewReader(htmlBody))
	pixelDone := t.SkipOpens
	// The caller may already have rendered the real unsubscribe URL
	// (Extra["unsubscribe_url"]); that link must not become a click.
	unsub := t.Links.Unsubscribe(t.MessageID, t.ContactID)
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		// Decide from the raw bytes: TagName lower-cases the buffer in place,
		// and everything that is not a link must be copied untouched.
		raw := z.Raw()
		switch {
		case (tt == nethtml.StartTagToken || tt == nethtml.SelfClosingTagToken) && isTag(raw[1:], "a"):
			rawCopy := append([]byte(nil), raw...)
			tok := z.Token()
			if rewritten, ok := t.rewriteLink(tok, tt == nethtml.SelfClosingTagToken, unsub); ok {
				out.WriteString(rewritten)
			} else {
				out.Write(rawCopy)
			}
		case tt == nethtml.EndTagToken && !pixelDone && isTag(raw[2:], "body"):
			out.WriteString(t.pixel())
			pixelDone = true
			out.Write(raw)
		default:
			out.Write(raw)
		}
	}
	if !pixelDone {
		out.WriteString(t.pixel())
	}
	return out.String()
}

// isTag reports whether b starts with the tag name (any case) followed by
// the end of the name.
func isTag(b []byte, name string) bool {
	if len(b) <= len(name) || !bytes.EqualFold(b[:len(name)], []byte(name)) {
		return false
	}
	switch b[len(name)] {
	case ' ', '\t', '\n', '\r', '\f', '>', '/':
		return true
	}
	return false
}

func (t Tracking) pixel() string {
	return `<img src="` + html.EscapeString(t.Links.Open(t.MessageID, t.ContactID)) +
		`" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0;">`
}

// rewriteLink returns the <a> tag with its href replaced, or false to keep
// the original bytes.
func (t Tracking) rewriteLink(tok nethtml.Token, selfClosing bool, unsub string) (string, bool) {
	idx := -1
	for i, a := range tok.Attr {
		if a.Key == NoTrackAttr {
			return "", false
		}
		if a.Key == "href" && idx < 0 {
			idx = i
		}
	}
	if idx < 0 {
		return "", false
	}
	href := strings.TrimSpace(tok.Attr[idx].Val)
	var target string
	switch {
	case strings.HasPrefix(href, UnsubscribePlaceholder):
		target = unsub
	case href == unsub || t.SkipClicks || !isWebURL(href):
		return "", false
	default:
		target = t.Links.Click(t.MessageID, t.ContactID, href)
	}
	tok.Attr[idx].Val = target
	var b strings.Builder
	b.WriteString("<a")
	for _, a := range tok.Attr {
		b.WriteByte(' ')
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(a.Val))
		b.WriteByte('"')
	}
	if selfClosing {
		b.WriteString(" /")
	}
	b.WriteByte('>')
	return b.String(), true
}

func isWebURL(s string) bool {
	low := strings.ToLower(s)
	if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") {
		return false
	}
	// An unrendered Liquid link is a template bug; do not sign it.
	return !strings.Contains(s, "{{") && !strings.Contains(s, "{%")
}

// TrackText puts the signed unsubscribe URL into a plain-text body in place
// of UnsubscribePlaceholder. Text links are not click-tracked: a reader who
// copies a link should see where it goes.
func TrackText(text string, t Tracking) string {
	if t.Links == nil || !strings.Contains(text, UnsubscribePlaceholder) {
		return text
	}
	return strings.ReplaceAll(text, UnsubscribePlaceholder, t.Links.Unsubscribe(t.MessageID, t.ContactID))
}
