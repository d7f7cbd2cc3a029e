package mail

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"mime/quotedprintable"
	netmail "net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Outgoing is a message ready to be turned into RFC 5322 bytes by Build.
type Outgoing struct {
	// From is the sender shown in the From header.
	From netmail.Address
	// To are the recipients shown in the To header.
	To []netmail.Address
	// ReplyTo, when set, is where replies go.
	ReplyTo *netmail.Address
	// Subject is plain text; runs of white space become one space.
	Subject string
	// Text is the plain-text body; empty means made from HTML.
	Text string
	// HTML is the HTML body; empty means a plain-text-only message.
	HTML string
	// MessageID is the Message-ID without angle brackets. Empty means one
	// is derived from Key (so a retried send carries the same id and the
	// receiver can drop the duplicate), or random without a Key.
	MessageID string
	// Date is the Date header; zero means now.
	Date time.Time
	// Key is the outbox idempotency key, sent as X-Flightplan-Key.
	Key string
	// Marketing marks bulk mail: it then requires UnsubscribeURL, and gets
	// List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 one-click).
	Marketing bool
	// UnsubscribeURL is the one-click unsubscribe URL (https in production;
	// http is accepted for the loopback capture setup).
	UnsubscribeURL string
	// UnsubscribeMailto is an optional mailto: address for List-Unsubscribe.
	UnsubscribeMailto string
	// Headers are extra headers. They may not replace the ones Build writes.
	Headers map[string]string
}

// Envelope is the SMTP envelope of a message: MAIL FROM and RCPT TO.
type Envelope struct {
	// From is the envelope sender, where bounces go.
	From string
	// To are the envelope recipients.
	To []string
	// BeforeData, when set, is called once the recipients are accepted and
	// before DATA, the point after which the server may keep the message.
	// An error ends the transaction without sending (status retry). The
	// outbox uses it to record the previous message as sent first.
	BeforeData func() error
}

// Envelope returns the SMTP envelope matching the message's headers.
func (m *Outgoing) Envelope() Envelope {
	e := Envelope{From: m.From.Address}
	for _, a := range m.To {
		e.To = append(e.To, a.Address)
	}
	return e
}

// reserved are the headers Build owns; Headers may not set them.
var reserved = map[string]bool{
	"date": true, "from": true, "to": true, "cc": true, "bcc": true, "reply-to": true, "subject": true,
	"message-id": true, "mime-version": true, "content-type": true, "content-transfer-encoding": true,
	"list-unsubscribe": true, "list-unsubscribe-post": true, "x-flightplan-key": true,
}

// maxLine is the header line length we fold to. RFC 2047 limits lines that
// hold encoded words to 76 characters; we keep every line within it.
const maxLine = 76

// Build returns the message as RFC 5322 bytes with CRLF line ends: UTF-8
// headers encoded per RFC 2047 and folded, a multipart/alternative body
// (text then HTML, quoted-printable so every line is 7-bit and short), and
// the List-Unsubscribe headers for marketing mail.
func Build(m Outgoing) ([]byte, error) {
	if err := checkAddr("from", m.From); err != nil {
		return nil, err
	}
	if len(m.To) == 0 {
		return nil, errors.New("mail: build: no recipient")
	}
	for _, a := range m.To {
		if err := checkAddr("to", a); err != nil {
			return nil, err
		}
	}
	if m.ReplyTo != nil {
		if err := checkAddr("reply-to", *m.ReplyTo); err != nil {
			return nil, err
		}
	}
	if m.Marketing && m.UnsubscribeURL == "" {
		return nil, errors.New("mail: build: marketing mail needs an unsubscribe URL (List-Unsubscribe)")
	}
	for _, v := range []struct{ name, val string }{{"unsubscribe URL", m.UnsubscribeURL}, {"unsubscribe mailto", m.UnsubscribeMailto}, {"key", m.Key}, {"message id", m.MessageID}} {
		if !printableASCII(v.val) {
			return nil, fmt.Errorf("mail: build: %s %q must be printable ASCII", v.name, v.val)
		}
	}
	if u := strings.ToLower(m.UnsubscribeURL); u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return nil, fmt.Errorf("mail: build: unsubscribe URL %q is not http(s)", m.UnsubscribeURL)
	}

	var b bytes.Buffer
	b.Grow(len(m.HTML)*11/10 + len(m.Text)*11/10 + 1024)

	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	writeRaw(&b, "Date", date.Format(time.RFC1123Z))
	writeAddrs(&b, "From", []netmail.Address{m.From})
	writeAddrs(&b, "To", m.To)
	if m.ReplyTo != nil {
		writeAddrs(&b, "Reply-To", []netmail.Address{*m.ReplyTo})
	}
	writeText(&b, "Subject", strings.Join(strings.Fields(m.Subject), " "))
	id := m.MessageID
	if id == "" {
		id = messageID(m.Key, m.From.Address)
	}
	writeRaw(&b, "Message-ID", "<"+id+">")
	writeRaw(&b, "MIME-Version", "1.0")
	if m.UnsubscribeURL != "" || m.UnsubscribeMailto != "" {
		var parts []string
		if m.UnsubscribeURL != "" {
			parts = append(parts, "<"+m.UnsubscribeURL+">,")
		}
		if mt := m.UnsubscribeMailto; mt != "" {
			if !strings.HasPrefix(strings.ToLower(mt), "mailto:") {
				mt = "mailto:" + mt
			}
			parts = append(parts, "<"+mt+">,")
		}
		parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], ",")
		writeFolded(&b, "List-Unsubscribe", parts)
		if m.UnsubscribeURL != "" && m.Marketing {
			writeRaw(&b, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
		}
	}
	if m.Key != "" {
		writeRaw(&b, "X-Flightplan-Key", m.Key)
	}
	for _, name := range slices.Sorted(maps.Keys(m.Headers)) {
		if !validHeaderName(name) {
			return nil, fmt.Errorf("mail: build: header name %q is not valid", name)
		}
		if reserved[strings.ToLower(name)] {
			return nil, fmt.Errorf("mail: build: header %q is set by Build and cannot be overridden", name)
		}
		writeText(&b, name, m.Headers[name])
	}

	text := m.Text
	if text == "" && m.HTML != "" {
		text = HTMLToText(m.HTML)
	}
	if m.HTML == "" {
		writeRaw(&b, "Content-Type", "text/plain; charset=utf-8")
		writeRaw(&b, "Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeQP(&b, text)
		return b.Bytes(), nil
	}
	// "=_" cannot occur in quoted-printable content, so the boundary can
	// never collide with a body line.
	boundary := "=_fp_" + randomHex(12)
	writeRaw(&b, "Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\nThis is a multi-part message in MIME format.\r\n")
	for _, p := range []struct{ ctype, body string }{{"text/plain", text}, {"text/html", m.HTML}} {
		b.WriteString("\r\n--" + boundary + "\r\n")
		writeRaw(&b, "Content-Type", p.ctype+"; charset=utf-8")
		writeRaw(&b, "Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeQP(&b, p.body)
	}
	b.WriteString("\r\n--" + boundary + "--\r\n")
	return b.Bytes(), nil
}

func checkAddr(field string, a netmail.Address) error {
	if a.Address == "" {
		return fmt.Errorf("mail: build: %s address is empty", field)
	}
	if strings.ContainsAny(a.Address, "\r\n<> ,;\"") || !strings.Contains(a.Address, "@") {
		return fmt.Errorf("mail: build: %s address %q is not an email address", field, a.Address)
	}
	if strings.ContainsAny(a.Name, "\r\n") {
		return fmt.Errorf("mail: build: %s name %q contains a line break", field, a.Name)
	}
	return nil
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= 0x20 || s[i] > 0x7e || s[i] == ':' {
			return false
		}
	}
	return true
}

func randomHex(n int) string {
	buf := make([]byte, n)
	rand.Read(buf)
	return hex.EncodeToString(buf)
}

// messageID derives the id from the idempotency key when there is one: the
// same outbox row always yields the same Message-ID.
func messageID(key, from string) string {
	domain := "flightplan.local"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i+1 < len(from) {
		domain = from[i+1:]
	}
	if key == "" {
		return randomHex(16) + "@" + domain
	}
	sum := sha256.Sum256([]byte("flightplan message-id\x00" + key))
	return hex.EncodeToString(sum[:16]) + "@" + domain
}

func writeRaw(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteString("\r\n")
}

// writeFolded writes atoms separated by single spaces, breaking lines
// between atoms so each stays within maxLine where it can. An atom longer
// than a line gets a line of its own (RFC 5322 allows 998).
func writeFolded(b *bytes.Buffer, name string, atoms []string) {
	b.WriteString(name)
	b.WriteString(":")
	col := len(name) + 1
	for _, a := range atoms {
		if col+1+len(a) > maxLine && col > len(name)+1 {
			b.WriteString("\r\n")
			col = 0
		}
		b.WriteByte(' ')
		b.WriteString(a)
		col += 1 + len(a)
	}
	b.WriteString("\r\n")
}

// needsEncoding reports whether a header text must become encoded words:
// anything not printable ASCII, or text that would itself read as one.
func needsEncoding(s string) bool {
	return !printableASCII(s) || strings.Contains(s, "=?")
}

// writeText writes an unstructured header (Subject, extra headers).
func writeText(b *bytes.Buffer, name, value string) {
	if !needsEncoding(value) && !anyLongerThan(value, 998-len(name)-2) {
		writeFolded(b, name, strings.Split(value, " "))
		return
	}
	writeFolded(b, name, encodeWords(value, maxLine-len(name)-2))
}

func anyLongerThan(s string, n int) bool {
	for _, w := range strings.Split(s, " ") {
		if len(w) > n {
			return true
		}
	}
	return false
}

// writeAddrs writes an address list with display names encoded as needed.
func writeAddrs(b *bytes.Buffer, name string, addrs []netmail.Address) {
	var atoms []string
	for i, a := range addrs {
		sep := ""
		if i < len(addrs)-1 {
			sep = ","
		}
		if a.Name == "" {
			atoms = append(atoms, "<"+a.Address+">"+sep)
			continue
		}
		if needsEncoding(a.Name) {
			atoms = append(atoms, encodeWords(a.Name, maxLine-len(name)-2)...)
		} else {
			atoms = append(atoms, quotePhrase(a.Name))
		}
		atoms = append(atoms, "<"+a.Address+">"+sep)
	}
	writeFolded(b, name, atoms)
}

// quotePhrase returns an ASCII display name as atoms or a quoted string.
func quotePhrase(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0) {
			plain = false
			break
		}
	}
	if plain && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// encodeWords encodes s as RFC 2047 encoded words, each at most 75
// characters (the first at most first, to leave room for the header name).
// Text mostly in Latin script uses Q (readable in raw form); Chinese,
// Arabic and emoji use B, which is shorter for them. Words never split a
// UTF-8 sequence.
func encodeWords(s string, first int) []string {
	nonASCII := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			nonASCII++
		}
	}
	useB := nonASCII*3 > len(s)
	const overhead = len("=?utf-8?q??=")
	var words []string
	budget := min(first, 75) - overhead
	var cur strings.Builder
	var pending []byte // B: raw bytes of the current word
	flush := func() {
		if useB {
			if len(pending) > 0 {
				words = append(words, "=?utf-8?b?"+base64.StdEncoding.EncodeToString(pending)+"?=")
			}
			pending = pending[:0]
		} else if cur.Len() > 0 {
			words = append(words, "=?utf-8?q?"+cur.String()+"?=")
			cur.Reset()
		}
		budget = 75 - overhead
	}
	for _, r := range s {
		var rb [utf8.UTFMax]byte
		n := utf8.EncodeRune(rb[:], r)
		if useB {
			if base64.StdEncoding.EncodedLen(len(pending)+n) > budget {
				flush()
			}
			pending = append(pending, rb[:n]...)
			continue
		}
		enc := qChar(rb[:n])
		if cur.Len()+len(enc) > budget {
			flush()
		}
		cur.WriteString(enc)
	}
	flush()
	if len(words) == 0 {
		words = []string{"=?utf-8?q??="}
	}
	return words
}

// qChar Q-encodes one character: only letters, digits and a few symbols
// that are safe in every header position stay literal (RFC 2047 §5).
func qChar(p []byte) string {
	if len(p) == 1 {
		c := p[0]
		switch {
		case c == ' ':
			return "_"
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '!' || c == '*' || c == '+' || c == '-' || c == '/':
			return string(c)
		}
	}
	const hexd = "0123456789ABCDEF"
	out := make([]byte, 0, 3*len(p))
	for _, c := range p {
		out = append(out, '=', hexd[c>>4], hexd[c&15])
	}
	return string(out)
}

// writeQP writes s quoted-printable. The CRLF that ends a part belongs to
// the next boundary line, which the caller writes.
func writeQP(b *bytes.Buffer, s string) {
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(s))
	w.Close()
}
