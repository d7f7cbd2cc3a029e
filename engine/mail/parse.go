package mail

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
)

// Parsed is a message taken apart for the Mailbox screen.
type Parsed struct {
	// Headers holds every header, keys in canonical form, values as
	// received (not decoded).
	Headers map[string][]string
	// Subject is the decoded subject.
	Subject string
	// From and To are decoded for display ("Name <addr>").
	From string
	To   []string
	// Date is the Date header (zero if missing or unreadable).
	Date time.Time
	// MessageID is the Message-ID without angle brackets.
	MessageID string
	// Text is the first plain-text body, decoded to UTF-8, with line ends
	// as "\n".
	Text string
	// HTML is the first HTML body, decoded the same way.
	HTML string
	// Attachments lists the other parts.
	Attachments []Attachment
}

// Attachment describes a non-body part.
type Attachment struct {
	// Filename is the decoded file name, if any.
	Filename string
	// ContentType is the media type, such as "image/png".
	ContentType string
	// Size is the decoded size in bytes.
	Size int
}

// maxDepth bounds multipart nesting: real mail nests 3 or 4 deep, and a
// crafted message must not recurse without end.
const maxDepth = 10

var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	}
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unknown charset %q", charset)
	}
	return enc.NewDecoder().Reader(r), nil
}

func decodeHeader(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	d, err := wordDecoder.DecodeHeader(s)
	if err != nil {
		return s
	}
	return d
}

func displayAddr(a *netmail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	return a.Name + " <" + a.Address + ">"
}

// subjectOf returns the decoded subject of raw, or "" if it has none.
func subjectOf(raw []byte) string {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	h, err := tp.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return ""
	}
	return decodeHeader(h.Get("Subject"))
}

// Parse takes a raw message apart. It is lenient the way mail clients are:
// a part it cannot decode is kept as received rather than failing the
// whole message.
func Parse(raw []byte) (Parsed, error) {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Parsed{}, fmt.Errorf("mail: parse: headers: %w", err)
	}
	p := Parsed{
		Headers:   map[string][]string(msg.Header),
		Subject:   decodeHeader(msg.Header.Get("Subject")),
		MessageID: strings.Trim(strings.TrimSpace(msg.Header.Get("Message-Id")), "<>"),
	}
	parser := netmail.AddressParser{WordDecoder: wordDecoder}
	if from, err := parser.ParseList(msg.Header.Get("From")); err == nil && len(from) > 0 {
		p.From = displayAddr(from[0])
	} else {
		p.From = decodeHeader(msg.Header.Get("From"))
	}
	if to, err := parser.ParseList(msg.Header.Get("To")); err == nil {
		for _, a := range to {
			p.To = append(p.To, displayAddr(a))
		}
	} else if v := msg.Header.Get("To"); v != "" {
		p.To = []string{decodeHeader(v)}
	}
	if d, err := msg.Header.Date(); err == nil {
		p.Date = d
	}
	if err := p.walk(textproto.MIMEHeader(msg.Header), msg.Body, 0); err != nil {
		return p, fmt.Errorf("mail: parse: %w", err)
	}
	return p, nil
}

func (p *Parsed) walk(h textproto.MIMEHeader, body io.Reader, depth int) error {
	if depth > maxDepth {
		return errors.New("multipart nested too deep")
	}
	ctype, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		ctype, params = "text/plain", map[string]string{"charset": "us-ascii"}
	}
	if strings.HasPrefix(ctype, "multipart/") {
		boundary := params["boundary"]
		if boundary == "" {
			return fmt.Errorf("%s without a boundary", ctype)
		}
		mr := multipart.NewReader(body, boundary)
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", ctype, err)
			}
			if err := p.walk(part.Header, part, depth+1); err != nil {
				return err
			}
		}
	}
	data, err := io.ReadAll(decodeTransfer(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return fmt.Errorf("%s body: %w", ctype, err)
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	isBody := disp != "attachment" && (ctype == "text/plain" || ctype == "text/html")
	switch {
	case isBody && ctype == "text/plain" && p.Text == "":
		p.Text = strings.ReplaceAll(toUTF8(data, params["charset"]), "\r\n", "\n")
	case isBody && ctype == "text/html" && p.HTML == "":
		p.HTML = strings.ReplaceAll(toUTF8(data, params["charset"]), "\r\n", "\n")
	default:
		name := dparams["filename"]
		if name == "" {
			name = params["name"]
		}
		p.Attachments = append(p.Attachments, Attachment{Filename: decodeHeader(name), ContentType: ctype, Size: len(data)})
	}
	return nil
}

func decodeTransfer(cte string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &trimReader{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// trimReader drops the spaces and tabs some senders leave in base64 bodies
// (line breaks the decoder already ignores).
type trimReader struct{ r io.Reader }

func (t *trimReader) Read(b []byte) (int, error) {
	n, err := t.r.Read(b)
	j := 0
	for _, c := range b[:n] {
		if c != ' ' && c != '\t' {
			b[j] = c
			j++
		}
	}
	return j, err
}

func toUTF8(b []byte, charset string) string {
	r, err := charsetReader(charset, bytes.NewReader(b))
	if err != nil {
		return string(b)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return string(b)
	}
	return string(out)
}
