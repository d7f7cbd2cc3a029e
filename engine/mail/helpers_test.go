package mail

import (
	"context"
	netmail "net/mail"
	"sync"
	"testing"

	"flightplan/engine/track"
)

// memSink is the test's mailbox table.
type memSink struct {
	mu   sync.Mutex
	msgs []Captured
	fail error
}

func (m *memSink) Store(_ context.Context, c Captured) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.msgs = append(m.msgs, c)
	return nil
}

func (m *memSink) all() []Captured {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Captured(nil), m.msgs...)
}

func startCapture(t testing.TB, o CaptureOptions) (*CaptureServer, *memSink) {
	t.Helper()
	sink := &memSink{}
	if o.Sink == nil {
		o.Sink = sink
	}
	s, err := NewCaptureServer(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, sink
}

func testURLs(t testing.TB, base string) track.URLs {
	t.Helper()
	s, err := track.NewSigner([]byte("test-signing-key-0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	return track.URLs{Base: base, Signer: s}
}

// welcome is a realistic personalised template used across tests and
// benchmarks.
var welcome = Template{
	ID:        "welcome-1",
	Name:      "Welcome",
	Subject:   `Welcome aboard, {{ contact.first_name | default: "friend" }}! 🎉`,
	Preheader: `Your {{ contact.plan | default: "free" }} plan is ready`,
	FromName:  "Équipe Flightplan",
	FromEmail: "hello@flightplan.test",
	HTML: `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Welcome</title>
<style>@media (max-width:600px){.c{width:100%!important}}</style></head>
<body style="margin:0;background:#f4f5f7">
<!--[if mso]><table width="600"><tr><td><![endif]-->
<table role="presentation" class="c" width="600" align="center" style="background:#fff">
<tr><td style="padding:24px">
<h1 style="font-size:26px">Bonjour {{ contact.first_name | default: "there" }}!</h1>
<p>Thanks for joining {{ contact.company | default: "us" }}. Your lead score is {{ contact.score }}.</p>
{% if contact.stage == "mql" %}<p>A specialist will call you this week.</p>{% endif %}
<p>Lists: {{ contact.lists | join: ", " }}</p>
<p><a href="https://shop.example.com/start?ref=welcome&amp;c={{ contact.id }}" style="color:#2563eb">Get started</a></p>
<p><a href="https://docs.example.com/guide">Read the guide</a> · <a href="mailto:help@example.com">Write to us</a> · <a href="tel:+15145550100">Call</a> · <a href="#top">Top</a></p>
<p style="font-size:12px;color:#888">You receive this because you signed up. <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
</td></tr></table>
<!--[if mso]></td></tr></table><![endif]-->
</body></html>`,
}

func welcomeData(i int) Data {
	return Data{Contact: map[string]any{
		"id":         i,
		"email":      "ana@example.com",
		"first_name": "Ana",
		"company":    "Acme & Sons",
		"score":      42 + i%10,
		"stage":      "mql",
		"lists":      []string{"newsletter", "customers"},
		"plan":       "pro",
	}}
}

func addr(name, email string) netmail.Address { return netmail.Address{Name: name, Address: email} }
