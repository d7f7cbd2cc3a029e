package app

import (
	"io"
	"log"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"flightplan/engine"
	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/mail"
)

// refusingRelay is a real SMTP server on loopback that refuses every sender.
type refusingRelay struct {
	mu    sync.Mutex
	tries int
}

func (r *refusingRelay) NewSession(*smtp.Conn) (smtp.Session, error) { return r, nil }
func (r *refusingRelay) Mail(string, *smtp.MailOptions) error {
	r.mu.Lock()
	r.tries++
	r.mu.Unlock()
	return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "relay access denied"}
}
func (r *refusingRelay) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (r *refusingRelay) Data(io.Reader) error                 { return nil }
func (r *refusingRelay) Reset()                               {}
func (r *refusingRelay) Logout() error                        { return nil }

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The relay set in Settings refuses: the send step shows the failure with
// the relay's reason. The user goes back to the test mailbox in Settings —
// it applies at once, no relaunch — and "Retry" delivers the email there,
// once; "Send a test to me" goes the same way and remembers the address.
func TestRelayFixedInSettingsAppliesAtOnceAndRetryDelivers(t *testing.T) {
	a := newApp(t)
	rl := &refusingRelay{}
	srv := smtp.NewServer(rl)
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	if err := a.w.eng.Start(engine.StartOptions{Poll: 20 * time.Millisecond, Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0"}}); err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	set, _ := a.Sending.GetSendingSettings()
	set.Relay = &mail.Profile{Name: "office", Host: "127.0.0.1", Port: p, Security: mail.SecurityNone}
	if err := a.Sending.SetSendingSettings(set); err != nil {
		t.Fatal(err)
	}

	a.References.CreateList("news")
	a.Emails.SaveEmailTemplate(mail.Template{ID: "hello", Name: "Hello", Subject: "Hello {{ contact.first_name }}", HTML: "<p>Hi</p>"})
	doc, _ := a.Funnels.CreateFlow("Welcome")
	f := *doc.Flow
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.list_joined", Config: map[string]any{"list": "news"}}, {ID: "m", Type: "action.send_email", Config: map[string]any{"template": "hello"}}}
	f.Edges = []flow.Edge{{From: "t", To: "m"}}
	if _, err := a.Funnels.SaveFlow(f); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Funnels.PublishFlow("welcome"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Contacts.AddContact(map[string]string{"email": "ana@example.com", "first_name": "Ana"}, []string{"news"}); err != nil {
		t.Fatal(err)
	}
	a.w.eng.Poke()
	var rep engine.FailureReport
	waitUntil(t, "the relay's refusal on the step", func() bool {
		rep, _ = a.Failures.FlowFailures("welcome")
		return len(rep.Steps) == 1 && rep.Steps[0].Retrying == 1
	})
	if s := rep.Steps[0]; s.Node != "m" || !strings.Contains(s.Reason, "relay access denied") || !strings.Contains(s.Reason, "554") {
		t.Errorf("failure %+v", s)
	}
	if tot, _ := a.Failures.FailureTotals(); tot.Count != 1 || tot.ByFlow["welcome"] != 1 {
		t.Errorf("totals %+v", tot)
	}

	set.Relay = nil // back to the test mailbox
	if err := a.Sending.SetSendingSettings(set); err != nil {
		t.Fatal(err)
	}
	if a.w.eng.Delivery == nil || a.w.eng.Delivery.CaptureAddr() == "" {
		t.Fatal("the test mailbox is not running after the relay was removed")
	}
	res, err := a.Failures.RetryFailures("welcome", "m")
	if err != nil || res.Messages != 1 {
		t.Fatalf("retry %+v, %v", res, err)
	}
	waitUntil(t, "the email in the test mailbox", func() bool {
		box, _ := a.Mailbox.Mailbox()
		return len(box) == 1
	})
	box, _ := a.Mailbox.Mailbox()
	if box[0].Subject != "Hello Ana" || !strings.Contains(box[0].To, "ana@example.com") {
		t.Errorf("mailbox %+v", box)
	}
	waitUntil(t, "the failure to clear", func() bool {
		rep, _ = a.Failures.FlowFailures("welcome")
		return len(rep.Steps) == 0
	})

	if a.Emails.MyEmail() != "" {
		t.Fatalf("my email is %q before any test", a.Emails.MyEmail())
	}
	tr, err := a.Emails.SendTestEmail(mail.Template{ID: "hello"}, 0, "me@example.com")
	if err != nil || !tr.Sent || tr.Subject != "Hello Camille" || tr.Via != "capture" {
		t.Fatalf("test send %+v, %v", tr, err)
	}
	if a.Emails.MyEmail() != "me@example.com" {
		t.Errorf("my email not remembered: %q", a.Emails.MyEmail())
	}
	waitUntil(t, "the test in the mailbox", func() bool {
		box, _ := a.Mailbox.Mailbox()
		return len(box) == 2
	})
	if _, err := a.Emails.SendTestEmail(mail.Template{ID: "gone"}, 0, "me@example.com"); err != nil {
		t.Errorf("a missing email is a result, not an error: %v", err)
	}
	if tr, _ := a.Emails.SendTestEmail(mail.Template{ID: "gone"}, 0, "me@example.com"); tr.Sent || !strings.Contains(tr.Error, `"gone" does not exist`) {
		t.Errorf("missing email: %+v", tr)
	}
	if _, err := a.Emails.SendTestEmail(mail.Template{ID: "hello"}, 0, ""); err == nil {
		t.Error("a test with no address was accepted")
	}
}
