package mail

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"
)

func sampleOutgoing() Outgoing {
	return Outgoing{
		From:           addr("Équipe Flightplan", "hello@flightplan.test"),
		To:             []netmail.Address{addr("Ana O'Neil", "ana@example.com")},
		ReplyTo:        &netmail.Address{Address: "support@flightplan.test"},
		Subject:        "Bienvenue, Ana ! Votre essai commence 🎉",
		HTML:           "<p>Hello <b>Ana</b></p>\n<p>" + strings.Repeat("Long line of text é ", 20) + "</p>\n.\n<p>.leading dot</p>",
		Date:           time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC),
		Key:            "out-42",
		Marketing:      true,
		UnsubscribeURL: "https://t.example.com/u/AbC_d-1",
		Headers:        map[string]string{"X-Campaign": "welcome — été"},
	}
}

// headerLines returns the raw header lines of a message.
func headerLines(t *testing.T, raw []byte) []string {
	t.Helper()
	i := bytes.Index(raw, []byte("\r\n\r\n"))
	if i < 0 {
		t.Fatal("no end of headers")
	}
	return strings.Split(string(raw[:i]), "\r\n")
}

func TestBuildStructure(t *testing.T) {
	m := sampleOutgoing()
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range raw {
		if c >= 0x80 {
			t.Fatalf("byte %d is not 7-bit: the message must survive any relay", i)
		}
		if c == '\n' && (i == 0 || raw[i-1] != '\r') {
			t.Fatalf("bare LF at byte %d", i)
		}
	}
	for _, ln := range strings.Split(string(raw), "\r\n") {
		if len(ln) > 78 {
			t.Errorf("line longer than 78: %q", ln)
		}
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	subj, _ := dec.DecodeHeader(h.Get("Subject"))
	from, _ := h.AddressList("From")
	to, _ := h.AddressList("To")
	checks := map[string]bool{
		"Subject":               subj == m.Subject,
		"From":                  len(from) == 1 && from[0].Name == "Équipe Flightplan" && from[0].Address == "hello@flightplan.test",
		"To":                    len(to) == 1 && to[0].Name == "Ana O'Neil",
		"Reply-To":              h.Get("Reply-To") == "<support@flightplan.test>",
		"Date":                  h.Get("Date") == "Sat, 01 Mar 2025 09:30:00 +0000",
		"Message-Id":            strings.HasPrefix(h.Get("Message-Id"), "<") && strings.HasSuffix(h.Get("Message-Id"), "@flightplan.test>"),
		"MIME":                  h.Get("Mime-Version") == "1.0",
		"List-Unsubscribe":      h.Get("List-Unsubscribe") == "<https://t.example.com/u/AbC_d-1>",
		"List-Unsubscribe-Post": h.Get("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click",
		"X-Flightplan-Key":      h.Get("X-Flightplan-Key") == "out-42",
	}
	xc, _ := dec.DecodeHeader(h.Get("X-Campaign"))
	checks["X-Campaign"] = xc == "welcome — été"
	for name, ok := range checks {
		if !ok {
			t.Errorf("header %s wrong: %q", name, h[name])
		}
	}
	// Same key, same Message-ID: a retried send is recognisably the same.
	again, _ := Build(m)
	m2, _ := netmail.ReadMessage(bytes.NewReader(again))
	if m2.Header.Get("Message-Id") != h.Get("Message-Id") {
		t.Error("Message-ID changes between builds with the same Key")
	}

	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q", h.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var parts []string
	var bodies []string
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
			t.Errorf("part encoding %q", p.Header.Get("Content-Transfer-Encoding"))
		}
		b, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p.Header.Get("Content-Type"))
		bodies = append(bodies, string(b))
	}
	if strings.Join(parts, ",") != "text/plain; charset=utf-8,text/html; charset=utf-8" {
		t.Fatalf("parts = %v (text must come first, HTML last: the last is preferred)", parts)
	}
	if bodies[1] != strings.ReplaceAll(m.HTML, "\n", "\r\n") {
		t.Errorf("HTML body changed:\n%q", bodies[1])
	}
	if !strings.HasPrefix(bodies[0], "Hello Ana\r\n\r\nLong line of text é") {
		t.Errorf("text body made from HTML: %q", bodies[0])
	}
}

func TestBuildFoldsLongAndInternationalHeaders(t *testing.T) {
	subjects := []string{
		strings.Repeat("A very long subject line that keeps going ", 8) + "end",
		strings.Repeat("欢迎来到我们的商店，这里有很多优惠", 6),
		strings.Repeat("مرحبا بكم في متجرنا ", 8),
		strings.Repeat("Offre spéciale été 🎉🚀 ", 10),
		"Subject with =?utf-8?q?fake?= encoded word",
		strings.Repeat("x", 1200),
	}
	for _, s := range subjects {
		m := sampleOutgoing()
		m.Subject = s
		m.From = addr(strings.Repeat("Très long nom d'expéditeur ", 5), "hello@flightplan.test")
		raw, err := Build(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, ln := range headerLines(t, raw) {
			limit := 78
			if strings.Contains(ln, "=?") {
				limit = 76 // RFC 2047 §2
			}
			if len(ln) > limit && !strings.HasPrefix(ln, " x") {
				t.Errorf("header line of %d chars: %q", len(ln), ln)
			}
			if strings.TrimSpace(ln) == "" {
				t.Errorf("whitespace-only header line")
			}
		}
		p, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		// Build folds runs of white space into one space.
		if want := strings.Join(strings.Fields(s), " "); p.Subject != want {
			t.Errorf("subject round trip:\n got %q\nwant %q", p.Subject, want)
		}
		if !strings.HasPrefix(p.From, strings.TrimSpace(m.From.Name)) {
			t.Errorf("from round trip: %q", p.From)
		}
	}
}

func TestBuildRefusesBadInput(t *testing.T) {
	cases := map[string]func(*Outgoing){
		"line break in name":      func(m *Outgoing) { m.From.Name = "Evil\r\nBcc: x@y.z" },
		"line break in address":   func(m *Outgoing) { m.To[0].Address = "a@b.c\r\nBcc: x@y.z" },
		"no recipient":            func(m *Outgoing) { m.To = nil },
		"marketing without unsub": func(m *Outgoing) { m.UnsubscribeURL = "" },
		"javascript unsub":        func(m *Outgoing) { m.UnsubscribeURL = "javascript:alert(1)" },
		"override From":           func(m *Outgoing) { m.Headers = map[string]string{"from": "x@y.z"} },
		"bad header name":         func(m *Outgoing) { m.Headers = map[string]string{"X Bad": "1"} },
		"header value line break": func(m *Outgoing) { m.Key = "a\r\nBcc: x" },
		"not an address":          func(m *Outgoing) { m.From.Address = "nobody" },
	}
	for name, mutate := range cases {
		m := sampleOutgoing()
		mutate(&m)
		if _, err := Build(m); err == nil {
			t.Errorf("%s: Build accepted it", name)
		} else if !strings.HasPrefix(err.Error(), "mail: build: ") {
			t.Errorf("%s: error %q does not say where", name, err)
		}
	}
	// A line break in the subject (from data) is folded away, not injected.
	m := sampleOutgoing()
	m.Subject = "Hello\r\nBcc: victim@example.com"
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := netmail.ReadMessage(bytes.NewReader(raw))
	if msg.Header.Get("Bcc") != "" {
		t.Error("subject injected a header")
	}
}

func TestBuildPlainTextOnly(t *testing.T) {
	m := sampleOutgoing()
	m.HTML, m.Text, m.Marketing, m.UnsubscribeURL = "", "Just text.\nTwo lines.", false, ""
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "Just text.\nTwo lines." || p.HTML != "" || p.Headers["List-Unsubscribe"] != nil {
		t.Errorf("parsed %+v", p)
	}
}
