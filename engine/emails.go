package engine

// Emails: the workspace's templates, checked, previewed and sent as a
// test, and the offline mailbox's messages and links.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	netmail "net/mail"
	"net/url"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/delivery"
	"flightplan/engine/forms"
	"flightplan/engine/mail"
	"flightplan/engine/settings"
)

// EmailTemplates lists the workspace's email templates.
func (e *Engine) EmailTemplates() ([]mail.Template, error) {
	recs, err := e.Store.Templates()
	if err != nil {
		return nil, err
	}
	out := make([]mail.Template, 0, len(recs))
	for _, r := range recs {
		var t mail.Template
		if err := json.Unmarshal([]byte(r.Body), &t); err != nil {
			t = mail.Template{Name: r.Name + " (damaged: " + err.Error() + ")"}
		}
		t.ID = r.ID
		out = append(out, t)
	}
	return out, nil
}

// SaveEmailTemplate stores a template and returns its problems (a syntax
// error at its line; an unknown field as a warning). It is saved even with
// problems, so no work is lost.
func (e *Engine) SaveEmailTemplate(t mail.Template) ([]mail.Problem, error) {
	t.ID = strings.TrimSpace(t.ID)
	if t.ID == "" {
		return nil, fmt.Errorf("the email needs an id")
	}
	body, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	if err := e.Store.SaveTemplate(t.ID, t.Name, string(body), e.Clock.Now()); err != nil {
		return nil, err
	}
	lk, _ := e.Lookups()
	return e.emailProblems(t, lk.Fields), nil
}

// emailProblems is mail.Check, plus a warning for each sign-up form that
// sends t to confirm addresses while t has no {{ confirm_url }}.
func (e *Engine) emailProblems(t mail.Template, fields []string) []mail.Problem {
	probs := mail.Check(t, fields)
	if fms, err := forms.List(context.Background(), e.Store); err == nil {
		for _, f := range fms {
			if f.DoubleOptIn && f.ConfirmEmail != "" && f.ConfirmEmail == t.ID {
				probs = append(probs, mail.CheckConfirmation(t, f.Name)...)
			}
		}
	}
	if probs == nil {
		probs = []mail.Problem{}
	}
	return probs
}

// EmailPreview is a template rendered for one contact.
type EmailPreview struct {
	Subject string `json:"subject"`
	HTML    string `json:"html"`
	Text    string `json:"text"`
}

// PreviewEmail renders a template for a contact (0: a sample contact).
func (e *Engine) PreviewEmail(ctx context.Context, t mail.Template, contactID int64) (EmailPreview, error) {
	data := map[string]any{"first_name": "Camille", "last_name": "Martin", "email": "camille@example.com", "company": "Acme", "score": 42.0}
	if contactID != 0 {
		c, err := e.Store.Contact(ctx, contactID)
		if err != nil {
			return EmailPreview{}, err
		}
		data = c.Map()
	}
	out, err := mail.NewRenderer().Render(t, mail.Data{Contact: data})
	if err != nil {
		return EmailPreview{}, err
	}
	return EmailPreview{Subject: out.Subject, HTML: out.HTML, Text: out.Text}, nil
}

// DeleteEmailTemplate removes an email template. Funnels that still name it
// report it as a problem; nothing else is touched.
func (e *Engine) DeleteEmailTemplate(id string) error {
	id = strings.TrimSpace(id)
	if id == "" {
		return fmt.Errorf("which email? the id is empty")
	}
	if err := e.Store.DeleteTemplate(id); err != nil {
		return fmt.Errorf("email %q: %w", id, err)
	}
	return nil
}

// CheckEmailTemplate finds a template's problems without saving it, so the
// editor can show them as the user types (the same findings as
// SaveEmailTemplate).
func (e *Engine) CheckEmailTemplate(t mail.Template) ([]mail.Problem, error) {
	lk, err := e.Lookups()
	if err != nil {
		return nil, err
	}
	return e.emailProblems(t, lk.Fields), nil
}

// blockRowStart is how RenderBlocks opens each top-level block's row.
const blockRowStart = `<tr><td style="padding:12px 32px;">`

// EmailBlockLines returns, for each top-level block of t, the line of the
// HTML part where the block starts (1-based, as in Problem.Line), so the
// editor can show a Liquid problem of the HTML part on the block it comes
// from. It is empty when t has no blocks.
func EmailBlockLines(t mail.Template) []int {
	out := []int{}
	if len(t.Blocks) == 0 {
		return out
	}
	// mail.Check reads the blocks' HTML without the preheader, so the lines
	// are those of RenderBlocks alone.
	src := mail.RenderBlocks(t.Blocks)
	line := 1
	for i := 0; i < len(src) && len(out) < len(t.Blocks); {
		k := strings.Index(src[i:], blockRowStart)
		if k < 0 {
			break
		}
		line += strings.Count(src[i:i+k], "\n")
		out = append(out, line)
		i += k + len(blockRowStart)
	}
	return out
}

// MyEmail is the user's own address ("" until given once).
func (e *Engine) MyEmail() string { v, _ := e.Store.Setting(settings.MyEmail); return v }

// SendTestEmail renders an email for a contact (0: a sample contact) and
// sends it to the user's own address through the configured relay or the
// capture mailbox; the address is remembered for next time. The result
// says sent, or why not, in plain words; the error is for a request that
// cannot be tried at all.
func (e *Engine) SendTestEmail(ctx context.Context, t mail.Template, contactID int64, to string) (delivery.TestResult, error) {
	to = strings.TrimSpace(to)
	if to == "" {
		return delivery.TestResult{}, fmt.Errorf("give your own email address first: the test goes there")
	}
	addr, err := netmail.ParseAddress(to)
	if err != nil {
		return delivery.TestResult{}, fmt.Errorf("%q is not an email address", to)
	}
	if err := settings.Set(e.Store, map[string]string{settings.MyEmail: addr.Address}); err != nil {
		return delivery.TestResult{}, err
	}
	svc := e.Delivery
	if svc == nil {
		return delivery.TestResult{To: addr.Address, Error: "the engine is not running, so nothing can be sent"}, nil
	}
	c := sampleContact()
	if contactID != 0 {
		if c, err = e.Store.Contact(ctx, contactID); err != nil {
			return delivery.TestResult{}, err
		}
	}
	if t.ID != "" && t.Subject == "" && t.HTML == "" && len(t.Blocks) == 0 {
		// Only the email's id (a send step): the saved email.
		rec, err := e.Store.Template(t.ID)
		if err != nil {
			return delivery.TestResult{To: addr.Address, Error: fmt.Sprintf("the email %q does not exist", t.ID)}, nil
		}
		if err := json.Unmarshal([]byte(rec.Body), &t); err != nil {
			return delivery.TestResult{}, fmt.Errorf("email %q is damaged: %w", rec.Name, err)
		}
	}
	send, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return svc.SendTest(send, t, c, addr.Address), nil
}

// sampleContact is the contact a preview or test uses when none is chosen.
func sampleContact() *contact.Contact {
	return &contact.Contact{Email: "camille@example.com", Score: 42,
		Identity: map[string]string{"first_name": "Camille", "last_name": "Martin", "company": "Acme"}}
}

// MailView is one captured message, taken apart for display.
type MailView struct {
	ID      int64               `json:"id"`
	From    string              `json:"from"`
	To      string              `json:"to"`
	Subject string              `json:"subject"`
	HTML    string              `json:"html"`
	Text    string              `json:"text"`
	Headers map[string][]string `json:"headers"`
}

// MailboxMessage opens one captured message.
func (e *Engine) MailboxMessage(id int64) (MailView, error) {
	m, err := e.Store.MailboxRaw(id)
	if err != nil {
		return MailView{}, err
	}
	p, err := mail.Parse(m.Raw)
	if err != nil {
		return MailView{}, fmt.Errorf("message %d: %w", id, err)
	}
	return MailView{ID: m.ID, From: m.From, To: m.To, Subject: p.Subject, HTML: p.HTML, Text: p.Text, Headers: p.Headers}, nil
}

// MailLink is what following a link of a captured message did.
type MailLink struct {
	// Kind is click (a tracked link: the click was recorded), unsubscribe
	// (the unsubscribe link: nothing done yet, see UnsubscribeFromMail),
	// open (the open pixel) or external (not a Flightplan link: not tracked).
	Kind string `json:"kind"`
	// Destination is where the link finally leads.
	Destination string `json:"destination"`
}

// FollowMailLink follows a link of a message in the offline mailbox the way
// a reader's browser would, from the Go side: the tracking server records
// the click and the contact's journey moves on. Doing it here works the
// same in the desktop window and in a browser: the window's page lives on
// the wails:// scheme, where a fetch to the loopback tracking server may be
// refused, and WebKitGTK in Wails opens no pop-up for target=_blank links.
// Only links to this engine's own tracking server are fetched.
func (e *Engine) FollowMailLink(link string) (MailLink, error) {
	u, err := e.trackingURL(link)
	if err != nil {
		return MailLink{}, err
	}
	if u == nil {
		return MailLink{Kind: "external", Destination: link}, nil
	}
	switch {
	case strings.HasPrefix(u.Path, "/u/"):
		return MailLink{Kind: "unsubscribe", Destination: link}, nil
	case strings.HasPrefix(u.Path, "/o/"):
		if _, err := trackingRequest(http.MethodGet, u); err != nil {
			return MailLink{}, err
		}
		return MailLink{Kind: "open", Destination: link}, nil
	}
	resp, err := trackingRequest(http.MethodGet, u)
	if err != nil {
		return MailLink{}, err
	}
	if resp.StatusCode != http.StatusFound {
		return MailLink{}, fmt.Errorf("the tracking server refused the link (HTTP %d): it may come from another workspace", resp.StatusCode)
	}
	return MailLink{Kind: "click", Destination: resp.Header.Get("Location")}, nil
}

// UnsubscribeFromMail presses the unsubscribe page's button for a link of a
// captured message, as the contact would.
func (e *Engine) UnsubscribeFromMail(link string) error {
	u, err := e.trackingURL(link)
	if err != nil {
		return err
	}
	if u == nil || !strings.HasPrefix(u.Path, "/u/") {
		return fmt.Errorf("%q is not an unsubscribe link of this workspace", link)
	}
	resp, err := trackingRequest(http.MethodPost, u)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("the tracking server refused the unsubscribe link (HTTP %d)", resp.StatusCode)
	}
	return nil
}

// trackingURL parses link and returns it when it points at this engine's
// tracking server, nil when it points anywhere else.
func (e *Engine) trackingURL(link string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not a web link", link)
	}
	d := e.Delivery
	if d == nil {
		return nil, fmt.Errorf("the engine is not running: links cannot be followed")
	}
	if !sameHostPort(u.Host, d.HTTPAddr()) {
		return nil, nil
	}
	return u, nil
}

func sameHostPort(a, b string) bool {
	ha, pa, err1 := net.SplitHostPort(a)
	hb, pb, err2 := net.SplitHostPort(b)
	if err1 != nil || err2 != nil || pa != pb {
		return false
	}
	loop := func(h string) bool { return h == "localhost" || h == "127.0.0.1" || h == "::1" }
	return ha == hb || (loop(ha) && loop(hb))
}

// trackingRequest sends one request to the tracking server without
// following its redirect: the destination may be anywhere on the web (or
// offline), and the click is recorded before the redirect is answered.
func trackingRequest(method string, u *url.URL) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "Flightplan mailbox")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("tracking server %s: %w", u.Host, err)
	}
	resp.Body.Close()
	return resp, nil
}
