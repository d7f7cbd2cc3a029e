package mail

import (
	"html"
	"strings"
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
	// Links makes the signed URLs (track.URLs).
	Links LinkSigner
	// MessageID and ContactID go into every token, so an open or a click
	// is recorded against this message and contact.
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

// DownloadAttr on a link marks a file to download (<a href="…/paper.pdf"
// data-fp-download>): besides the email's click, following it records
// file_downloaded for the contact, through the signed download redirect
// (the block editor's "Count as a download" on a button).
const DownloadAttr = "data-fp-download"

// DownloadSigner makes the signed download redirect (track.URLs does):
// what is "file" or "link". A LinkSigner without it leaves downloads as
// plain clicks.
type DownloadSigner interface {
	Download(what string, contactID int64, url string) string
}

// Track rewrites a rendered HTML body for one recipient: web links go
// through the click redirect, the unsubscribe link (UnsubscribePlaceholder)
// becomes the signed unsubscribe URL, and a 1×1 open pixel goes just before
// </body>. mailto:, tel:, in-page anchors and other non-web links are left
// alone, and so are links marked with NoTrackAttr. Only href values change:
// every other byte is copied as it is, so Outlook conditional comments and
// odd markup survive.
//
// It scans the HTML itself rather than running a tokenizer: Track runs once
// per message, and a full tokenizer cost more than rendering the template.
// The scanner follows the HTML tokenizer where it matters here — quoted
// attribute values, comments, and script/style content are stepped over.
func Track(htmlBody string, t Tracking) string {
	if t.Links == nil {
		return htmlBody
	}
	// The caller may already have rendered the real unsubscribe URL
	// (Extra["unsubscribe_url"]); that link must not become a click.
	unsub := t.Links.Unsubscribe(t.MessageID, t.ContactID)
	var out strings.Builder
	out.Grow(len(htmlBody) + 64*strings.Count(htmlBody, "href") + 256)
	s := htmlBody
	pixelDone := t.SkipOpens
	last, i := 0, 0
	for i < len(s) {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		j += i
		i = j + 1
		if j+1 >= len(s) {
			break
		}
		switch c := s[j+1]; {
		case strings.HasPrefix(s[j:], "<!--"):
			k := strings.Index(s[j+4:], "-->")
			if k < 0 {
				i = len(s)
			} else {
				i = j + 4 + k + 3
			}
		case c == '!' || c == '?':
			i = skipTo(s, j, '>')
		case c == '/':
			if !pixelDone && isTagName(s, j+2, "body") {
				out.WriteString(s[last:j])
				out.WriteString(t.pixel())
				last, pixelDone = j, true
			}
			i = skipTo(s, j, '>')
		case isASCIILetter(c):
			nameEnd := j + 1
			for nameEnd < len(s) && !isTagSpace(s[nameEnd]) && s[nameEnd] != '>' && s[nameEnd] != '/' {
				nameEnd++
			}
			name := s[j+1 : nameEnd]
			tag := scanAttrs(s, nameEnd)
			i = tag.end
			switch {
			case strings.EqualFold(name, "a") && tag.hrefStart >= 0 && !tag.noTrack:
				if v, ok := t.target(html.UnescapeString(s[tag.hrefStart:tag.hrefEnd]), unsub, tag.download); ok {
					out.WriteString(s[last:tag.hrefStart])
					if tag.hrefQuoted {
						out.WriteString(html.EscapeString(v))
					} else {
						out.WriteString(`"` + html.EscapeString(v) + `"`)
					}
					last = tag.hrefEnd
				}
			case strings.EqualFold(name, "script") || strings.EqualFold(name, "style"):
				i = skipRawText(s, i, name)
			}
		}
	}
	out.WriteString(s[last:])
	if !pixelDone {
		out.WriteString(t.pixel())
	}
	return out.String()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// isTagName reports whether s[i:] starts with name (any case) followed by
// the end of a tag name.
func isTagName(s string, i int, name string) bool {
	if len(s)-i <= len(name) || !strings.EqualFold(s[i:i+len(name)], name) {
		return false
	}
	c := s[i+len(name)]
	return isTagSpace(c) || c == '>' || c == '/'
}

func skipTo(s string, i int, c byte) int {
	k := strings.IndexByte(s[i:], c)
	if k < 0 {
		return len(s)
	}
	return i + k + 1
}

// skipRawText steps over the content of a script or style element, which
// may hold '<' that is not markup.
func skipRawText(s string, i int, name string) int {
	for {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return len(s)
		}
		i += k
		if isTagName(s, i+2, name) {
			return i
		}
		i += 2
	}
}

type tagScan struct {
	end                int // just after the tag's '>'
	hrefStart, hrefEnd int // the href value (inside quotes), or -1
	hrefQuoted         bool
	noTrack            bool
	download           bool
}

// scanAttrs reads the attributes of a start tag from i (just after the tag
// name) the way the HTML tokenizer does, and finds href and NoTrackAttr.
func scanAttrs(s string, i int) tagScan {
	t := tagScan{hrefStart: -1, hrefEnd: -1}
	for i < len(s) {
		for i < len(s) && (isTagSpace(s[i]) || s[i] == '/') {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '>' {
			t.end = i + 1
			return t
		}
		nameStart := i
		i++ // the first character is part of the name, even '='
		for i < len(s) && !isTagSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
			i++
		}
		name := s[nameStart:i]
		for i < len(s) && isTagSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			if strings.EqualFold(name, NoTrackAttr) {
				t.noTrack = true
			}
			if strings.EqualFold(name, DownloadAttr) {
				t.download = true
			}
			continue
		}
		i++
		for i < len(s) && isTagSpace(s[i]) {
			i++
		}
		var vs, ve int
		quoted := false
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			q := s[i]
			vs = i + 1
			k := strings.IndexByte(s[vs:], q)
			if k < 0 {
				break
			}
			ve = vs + k
			i = ve + 1
			quoted = true
		} else {
			vs = i
			for i < len(s) && !isTagSpace(s[i]) && s[i] != '>' {
				i++
			}
			ve = i
		}
		switch {
		case strings.EqualFold(name, "href") && t.hrefStart < 0:
			t.hrefStart, t.hrefEnd, t.hrefQuoted = vs, ve, quoted
		case strings.EqualFold(name, NoTrackAttr):
			t.noTrack = true
		case strings.EqualFold(name, DownloadAttr):
			t.download = true
		}
	}
	t.end = len(s)
	return t
}

func (t Tracking) pixel() string {
	return `<img src="` + html.EscapeString(t.Links.Open(t.MessageID, t.ContactID)) +
		`" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0;">`
}

// target returns what href should become, or false to leave it. A
// download (for a known contact) goes through the download redirect, and
// that through the click redirect: the email's click and the contact's
// download are both recorded.
func (t Tracking) target(href, unsub string, download bool) (string, bool) {
	href = strings.TrimSpace(href)
	if strings.HasPrefix(href, UnsubscribePlaceholder) {
		return unsub, true
	}
	if href == unsub || !isWebURL(href) {
		return "", false
	}
	changed := false
	if ds, ok := t.Links.(DownloadSigner); ok && download && t.ContactID != 0 {
		href, changed = ds.Download("file", t.ContactID, href), true
	}
	if t.SkipClicks {
		return href, changed
	}
	return t.Links.Click(t.MessageID, t.ContactID, href), true
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
