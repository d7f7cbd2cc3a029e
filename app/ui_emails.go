package app

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"flightplan/engine/mail"
	"flightplan/scripts"
)

// DeleteEmailTemplate removes an email template. Funnels that still name it
// report it as a problem; nothing else is touched.
func (a *App) DeleteEmailTemplate(id string) error {
	id = strings.TrimSpace(id)
	if id == "" {
		return fmt.Errorf("which email? the id is empty")
	}
	if err := a.eng.Store.DeleteTemplate(id); err != nil {
		return fmt.Errorf("email %q: %w", id, err)
	}
	return nil
}

// CheckEmailTemplate finds a template's problems without saving it, so the
// editor can show them as the user types (the same findings as
// SaveEmailTemplate).
func (a *App) CheckEmailTemplate(t mail.Template) ([]mail.Problem, error) {
	lk, err := a.GetLookups()
	if err != nil {
		return nil, err
	}
	probs := mail.Check(t, lk.Fields)
	if probs == nil {
		probs = []mail.Problem{}
	}
	return probs, nil
}

// RenderEmailBlocks returns the HTML the block editor's content becomes, so
// a power user can carry on from it in the raw HTML mode.
func (a *App) RenderEmailBlocks(blocks []mail.Block) string { return mail.RenderBlocks(blocks) }

// blockRowStart is how RenderBlocks opens each top-level block's row.
const blockRowStart = `<tr><td style="padding:12px 32px;">`

// EmailBlockLines returns, for each top-level block of t, the line of the
// HTML part where the block starts (1-based, as in Problem.Line), so the
// editor can show a Liquid problem of the HTML part on the block it comes
// from. It is empty when t has no blocks.
func (a *App) EmailBlockLines(t mail.Template) []int { return blockLines(t) }

func blockLines(t mail.Template) []int {
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

// ScriptsReference returns the Lua API reference (scripts/README.md), for
// the script editor's side panel.
func (a *App) ScriptsReference() string { return scripts.README() }

// DeleteScript removes a workspace script. A library script edited in the
// workspace goes back to the library's version.
func (a *App) DeleteScript(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("which script? the name is empty")
	}
	res, err := a.eng.Store.DB().Exec(`DELETE FROM scripts WHERE name=?`, name)
	if err != nil {
		return fmt.Errorf("script %q: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("script %q: not in this workspace", name)
	}
	return nil
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
func (a *App) FollowMailLink(link string) (MailLink, error) {
	u, err := a.trackingURL(link)
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
		if _, err := a.trackingRequest(http.MethodGet, u); err != nil {
			return MailLink{}, err
		}
		return MailLink{Kind: "open", Destination: link}, nil
	}
	resp, err := a.trackingRequest(http.MethodGet, u)
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
func (a *App) UnsubscribeFromMail(link string) error {
	u, err := a.trackingURL(link)
	if err != nil {
		return err
	}
	if u == nil || !strings.HasPrefix(u.Path, "/u/") {
		return fmt.Errorf("%q is not an unsubscribe link of this workspace", link)
	}
	resp, err := a.trackingRequest(http.MethodPost, u)
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
func (a *App) trackingURL(link string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not a web link", link)
	}
	d := a.eng.Delivery
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
func (a *App) trackingRequest(method string, u *url.URL) (*http.Response, error) {
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
