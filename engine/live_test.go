package engine

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/mail"
)

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A consultant walks a journey as a contact: the email lands in the capture
// mailbox, a click on its tracked link is recorded, and the journey moves on.
func TestCaptureMailboxClickMovesTheJourney(t *testing.T) {
	e, err := New(Options{Workspace: testWorkspace(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	e.Store.SaveTemplate("hello", "Hello", `{"subject":"Hello {{ contact.first_name }}","html":"<p>Hi {{ contact.first_name }}, <a href=\"https://example.com/offer\">see the offer</a></p>"}`, time.Now())
	f := flow.New("walk", "Walk")
	f.Nodes = []flow.Node{
		{ID: "start", Type: "trigger.list_joined", Config: map[string]any{"list": "newsletter"}},
		{ID: "mail", Type: "action.send_email", Config: map[string]any{"template": "hello"}},
		{ID: "wait", Type: "wait.event", Config: map[string]any{"event_type": "email_clicked", "timeout": "7d"}},
		{ID: "clicked", Type: "action.tag_add", Config: map[string]any{"tag": "clicker"}},
		{ID: "late", Type: "exit"},
	}
	f.Edges = []flow.Edge{{From: "start", To: "mail"}, {From: "mail", To: "wait"}, {From: "wait", Port: "met", To: "clicked"}, {From: "wait", Port: "timeout", To: "late"}}
	if _, err := e.Store.Publish(f, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(StartOptions{Poll: 20 * time.Millisecond, Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0"}}); err != nil {
		t.Fatal(err)
	}
	id, err := e.Runner.CreateContact(ctx, &contact.Contact{Email: "zoe@example.com", Identity: map[string]string{"first_name": "Zoé"}}, []string{"newsletter"})
	if err != nil {
		t.Fatal(err)
	}
	e.Poke()
	var msgID int64
	waitFor(t, "the email in the capture mailbox", func() bool {
		box, _ := e.Store.Mailbox(10)
		if len(box) == 1 {
			msgID = box[0].ID
		}
		return len(box) == 1
	})
	raw, _ := e.Store.MailboxRaw(msgID)
	p, err := mail.Parse(raw.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "Hello Zoé" || !strings.Contains(p.HTML, "Hi Zoé") {
		t.Fatalf("subject %q html %q", p.Subject, p.HTML)
	}
	if len(p.Headers["List-Unsubscribe"]) == 0 {
		t.Error("no List-Unsubscribe header on a marketing email")
	}
	link := regexp.MustCompile(`href="(http://127\.0\.0\.1:\d+/c/[^"]+)"`).FindStringSubmatch(p.HTML)
	if link == nil {
		t.Fatalf("no tracked link in %s", p.HTML)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(strings.ReplaceAll(link[1], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "https://example.com/offer" {
		t.Fatalf("click: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// A tampered link is refused and records nothing.
	bad := strings.Replace(link[1], "/c/", "/c/x", 1)
	if r2, err := client.Get(bad); err == nil {
		r2.Body.Close()
		if r2.StatusCode < 400 {
			t.Errorf("tampered link answered %d", r2.StatusCode)
		}
	}
	e.Poke()
	waitFor(t, "the journey to move on after the click", func() bool {
		steps, _ := e.Runner.Path(ctx, id, "walk")
		return len(steps) > 0 && steps[len(steps)-1].Node == "clicked"
	})
	var clicks int
	e.Store.ReadDB().QueryRow(`SELECT count(*) FROM events WHERE type='email_clicked' AND contact_id=?`, id).Scan(&clicks)
	if clicks != 1 {
		t.Errorf("%d click events, want 1", clicks)
	}
}
