package mail

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseForeignMessage(t *testing.T) {
	// A message as another client would write it: Latin-1 text, base64 HTML
	// inside multipart/related inside multipart/mixed, an attachment, B- and
	// Q-encoded headers in other charsets, LF line ends.
	raw := strings.Join([]string{
		"From: =?iso-8859-1?q?Andr=E9?= <andre@example.fr>",
		"To: \"Zoe, B.\" <zoe@example.com>, =?utf-8?b?5p2O6Zu3?= <li@example.cn>",
		"Subject: =?iso-8859-1?q?R=E9sum=E9?= de =?utf-8?b?8J+OiQ==?=",
		"Date: Tue, 04 Mar 2025 10:00:00 +0100",
		"Message-ID: <abc@example.fr>",
		"MIME-Version: 1.0",
		"Content-Type: multipart/mixed; boundary=outer",
		"",
		"--outer",
		"Content-Type: multipart/alternative; boundary=\"inner\"",
		"",
		"--inner",
		"Content-Type: text/plain; charset=iso-8859-1",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"Caf=E9 cr=E8me, soft=",
		" break.",
		"--inner",
		"Content-Type: multipart/related; boundary=rel",
		"",
		"--rel",
		"Content-Type: text/html; charset=utf-8",
		"Content-Transfer-Encoding: base64",
		"",
		"PHA+Q2Fmw6kgPGI+Y3LDqG1lPC9iPjwvcD4=",
		"--rel",
		"Content-Type: image/png",
		"Content-Transfer-Encoding: base64",
		"Content-Disposition: inline; filename=\"logo.png\"",
		"",
		"iVBORw0KGgo=",
		"--rel--",
		"--inner--",
		"--outer",
		"Content-Type: application/pdf; name=\"=?utf-8?q?facture_=C3=A9t=C3=A9.pdf?=\"",
		"Content-Disposition: attachment",
		"Content-Transfer-Encoding: base64",
		"",
		"JVBERi0xLjQK",
		"--outer--",
		"",
	}, "\n")
	p, err := Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "Résumé de 🎉" || p.From != "André <andre@example.fr>" || strings.Join(p.To, "|") != "Zoe, B. <zoe@example.com>|李雷 <li@example.cn>" {
		t.Errorf("headers: subject %q from %q to %q", p.Subject, p.From, p.To)
	}
	if p.MessageID != "abc@example.fr" || p.Date.UTC().Hour() != 9 {
		t.Errorf("id %q date %v", p.MessageID, p.Date)
	}
	if p.Text != "Café crème, soft break." || p.HTML != "<p>Café <b>crème</b></p>" {
		t.Errorf("bodies: %q / %q", p.Text, p.HTML)
	}
	if len(p.Attachments) != 2 || p.Attachments[0].Filename != "logo.png" || p.Attachments[1].Filename != "facture été.pdf" ||
		p.Attachments[1].ContentType != "application/pdf" || p.Attachments[1].Size != 9 {
		t.Errorf("attachments: %+v", p.Attachments)
	}
}

func TestParseRejectsGarbageAndDeepNesting(t *testing.T) {
	if _, err := Parse([]byte("not a message")); err == nil || !strings.HasPrefix(err.Error(), "mail: parse:") {
		t.Errorf("garbage: %v", err)
	}
	// 15 levels of multipart, each properly closed.
	open, closing := "", ""
	for i := 0; i < 15; i++ {
		open += "--b" + strconv.Itoa(i) + "\r\nContent-Type: multipart/mixed; boundary=b" + strconv.Itoa(i+1) + "\r\n\r\n"
		closing = "\r\n--b" + strconv.Itoa(i) + "--" + closing
	}
	deep := "Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n" + open +
		"--b15\r\nContent-Type: text/plain\r\n\r\nbottom\r\n--b15--" + closing + "\r\n"
	p, err := Parse([]byte(deep))
	if err == nil || !strings.Contains(err.Error(), "nested too deep") || p.Subject != "deep" {
		t.Errorf("deep nesting: %v (subject %q)", err, p.Subject)
	}
}
