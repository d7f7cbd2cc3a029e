package engine

import (
	"context"
	"io"
	"log"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"flightplan/engine/contact"
	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/mail"
	"flightplan/engine/runner"
)

// relay is a real SMTP server on loopback that refuses the sender (a 550
// at MAIL FROM, as a relay does for a sender it does not accept) until it
// is told to accept, then keeps what it receives.
type relay struct {
	mu       sync.Mutex
	refuse   bool
	received []string // subject lines
	addr     string
}

func startRelay(t *testing.T) *relay {
	t.Helper()
	r := &relay{refuse: true}
	srv := smtp.NewServer(r)
	srv.Domain = "relay.test"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return r
}

func (r *relay) set(refuse bool) { r.mu.Lock(); r.refuse = refuse; r.mu.Unlock() }

func (r *relay) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.received...)
}

func (r *relay) profile() *mail.Profile {
	host, port, _ := net.SplitHostPort(r.addr)
	p, _ := strconv.Atoi(port)
	return &mail.Profile{Name: "office relay", Host: host, Port: p, Security: mail.SecurityNone}
}

func (r *relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

type relaySession struct{ r *relay }

func (s *relaySession) Mail(string, *smtp.MailOptions) error {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	if s.r.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "sender not allowed to relay"}
	}
	return nil
}
func (s *relaySession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *relaySession) Data(rd io.Reader) error {
	raw, err := io.ReadAll(rd)
	if err != nil {
		return err
	}
	p, err := mail.Parse(raw)
	if err != nil {
		return err
	}
	s.r.mu.Lock()
	s.r.received = append(s.r.received, p.Subject)
	s.r.mu.Unlock()
	return nil
}
func (s *relaySession) Reset()        {}
func (s *relaySession) Logout() error { return nil }

// failuresEngine is a test engine whose delivery goes through rl; work is
// driven by hand (RunOnce, Deliver) so each state can be looked at.
func failuresEngine(t *testing.T, rl *relay, f *flow.Flow) (*Engine, *delivery.Service, time.Time) {
	t.Helper()
	e, _, now := testEngine(t)
	if _, err := e.Store.Publish(f, "", now); err != nil {
		t.Fatal(err)
	}
	svc, err := delivery.Start(e.Store, e.Runner, delivery.Options{HTTPAddr: "127.0.0.1:0", Relay: rl.profile()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return e, svc, now
}

func sendFlow(template string) *flow.Flow {
	f := flow.New("welcome", "Welcome")
	f.Nodes = []flow.Node{
		{ID: "start", Type: "trigger.list_joined", Config: map[string]any{"list": "newsletter"}},
		{ID: "mail", Type: "action.send_email", Config: map[string]any{"template": template}},
	}
	f.Edges = []flow.Edge{{From: "start", To: "mail"}}
	return f
}

func deliverAll(t *testing.T, e *Engine, svc *delivery.Service) {
	t.Helper()
	ctx := context.Background()
	if _, err := e.Runner.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Runner.Deliver(ctx, svc, 100); err != nil {
		t.Fatal(err)
	}
}

func nodeCount(t *testing.T, e *Engine, flowID, node string) runner.NodeCount {
	t.Helper()
	fc, err := e.Runner.Counts(context.Background(), flowID)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range fc.Nodes {
		if n.Node == node {
			return n
		}
	}
	t.Fatalf("no counts for step %q: %+v", node, fc.Nodes)
	return runner.NodeCount{}
}

func reasons(t *testing.T, e *Engine, contactID int64, flowID string) []string {
	t.Helper()
	steps, err := e.Runner.Path(context.Background(), contactID, flowID)
	if err != nil {
		t.Fatal(err)
	}
	e.Names().Explain(steps)
	var out []string
	for _, s := range steps {
		out = append(out, s.Outcome+": "+s.Reason)
	}
	return out
}

// A relay that refuses the sender: the journal never says "sent", the step
// counts the failure with the relay's reason, and once the relay accepts,
// a retry delivers each email exactly once.
func TestRelayRefusalIsShownOnTheStepAndRetryDeliversOnce(t *testing.T) {
	rl := startRelay(t)
	e, svc, now := failuresEngine(t, rl, sendFlow("hello"))
	ctx := context.Background()
	e.Store.SaveTemplate("hello", "Hello", `{"subject":"Hello {{ contact.first_name }}","html":"<p>Hi</p>"}`, now)
	ana, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "ana@example.com", Identity: map[string]string{"first_name": "Ana"}}, []string{"newsletter"})
	e.Runner.CreateContact(ctx, &contact.Contact{Email: "bo@example.com", Identity: map[string]string{"first_name": "Bo"}}, []string{"newsletter"})
	deliverAll(t, e, svc)

	got := reasons(t, e, ana, "welcome")
	joined := strings.Join(got, "\n")
	if strings.Contains(joined, "sent email") {
		t.Errorf("the journal says sent for an email the relay refused:\n%s", joined)
	}
	if len(got) != 3 || got[1] != `end: Email “Hello” on its way` || !strings.HasPrefix(got[2], `failed: Email “Hello” not sent yet: `) || !strings.Contains(got[2], "sender not allowed to relay") {
		t.Errorf("journal:\n%s", joined)
	}
	n := nodeCount(t, e, "welcome", "mail")
	if n.Failed != 2 || !strings.Contains(n.FailReason, "550") || !strings.Contains(n.FailReason, "sender not allowed to relay") {
		t.Errorf("step counts %+v, want 2 failed with the relay's reason", n)
	}
	fs, err := e.Runner.Failures(ctx, "welcome")
	if err != nil || len(fs) != 1 || fs[0].Node != "mail" || fs[0].Retrying != 2 || fs[0].Failed != 0 {
		t.Fatalf("failures %+v, %v", fs, err)
	}
	tot, _ := e.Runner.FailureTotals(ctx)
	if tot.Count != 2 || len(tot.Flows) != 1 || tot.Flows[0] != "welcome" || tot.ByFlow["welcome"] != 2 {
		t.Errorf("totals %+v", tot)
	}

	// Still refused: a retry tries again, fails again, and the journal does
	// not grow a line per try.
	if res, err := e.Runner.RetryFailed(ctx, "welcome", "mail"); err != nil || res.Messages != 2 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	deliverAll(t, e, svc)
	if g := reasons(t, e, ana, "welcome"); len(g) != 3 {
		t.Errorf("journal after a refused retry:\n%s", strings.Join(g, "\n"))
	}

	rl.set(false)
	res, err := e.Runner.RetryFailed(ctx, "welcome", "mail")
	if err != nil || res.Messages != 2 || res.Journeys != 0 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	deliverAll(t, e, svc)
	deliverAll(t, e, svc) // nothing is left to send a second time
	if subj := rl.got(); len(subj) != 2 || !strings.HasPrefix(subj[0], "Hello ") || !strings.HasPrefix(subj[1], "Hello ") || subj[0] == subj[1] {
		t.Errorf("relay received %q, want one email per contact", subj)
	}
	got = reasons(t, e, ana, "welcome")
	if len(got) != 4 || got[3] != `sent: Email “Hello” sent after all` {
		t.Errorf("journal after the retry:\n%s", strings.Join(got, "\n"))
	}
	if n := nodeCount(t, e, "welcome", "mail"); n.Failed != 0 || n.FailReason != "" {
		t.Errorf("step still counts a failure after the retry delivered: %+v", n)
	}
	if res, _ := e.Runner.RetryFailed(ctx, "welcome", ""); res.Messages != 0 {
		t.Errorf("a second retry found %d messages to send", res.Messages)
	}
}

// The email was deleted after the funnel was published: the step fails
// with that reason; the user points the step at another email, publishes,
// and the retry sends the new one (the funnel as it is now), once.
func TestDeletedEmailFailsTheStepAndRetryFollowsTheFixedFunnel(t *testing.T) {
	rl := startRelay(t)
	rl.set(false)
	e, svc, now := failuresEngine(t, rl, sendFlow("gone"))
	ctx := context.Background()
	e.Store.SaveTemplate("other", "Other", `{"subject":"The other one","html":"<p>Hi</p>"}`, now)
	ana, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "ana@example.com"}, []string{"newsletter"})
	deliverAll(t, e, svc)

	got := reasons(t, e, ana, "welcome")
	if len(got) != 3 || got[2] != `failed: Email (deleted) not sent: the email no longer exists (deleted after the funnel was published): choose an email in the step, or create it again, then retry` {
		t.Errorf("journal:\n%s", strings.Join(got, "\n"))
	}
	if n := nodeCount(t, e, "welcome", "mail"); n.Failed != 1 || !strings.Contains(n.FailReason, `"gone" does not exist`) {
		t.Errorf("step counts %+v", n)
	}
	// The problems panel gets the reason in every language, from the one table.
	if fs, err := e.Runner.Failures(ctx, "welcome"); err != nil || len(fs) != 1 || fs[0].Text == nil ||
		fs[0].Text.Fr != "Le courriel n’existe plus (supprimé après la publication du tunnel) : choisissez un courriel dans l’étape, ou recréez-le, puis réessayez" {
		t.Errorf("failures: %+v, %v", fs, err)
	}
	var failed int
	e.Store.DB().QueryRow(`SELECT n FROM step_counts WHERE flow_id='welcome' AND node='mail' AND outcome='failed'`).Scan(&failed)
	if failed != 1 {
		t.Errorf("journal totals count %d failures at the step, want 1", failed)
	}
	if len(rl.got()) != 0 {
		t.Fatalf("relay received %q", rl.got())
	}

	if _, err := e.Store.Publish(sendFlow("other"), "", now); err != nil {
		t.Fatal(err)
	}
	res, err := e.Runner.RetryFailed(ctx, "welcome", "mail")
	if err != nil || res.Messages != 1 || res.Version != 2 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	deliverAll(t, e, svc)
	deliverAll(t, e, svc)
	if subj := rl.got(); len(subj) != 1 || subj[0] != "The other one" {
		t.Errorf("relay received %q, want the fixed step's email once", subj)
	}
	if n := nodeCount(t, e, "welcome", "mail"); n.Failed != 0 {
		t.Errorf("step counts %+v after the retry", n)
	}
}

// A script error stops the journey at its step; the step shows it; once
// the script is fixed, a retry runs the journey on from that step.
func TestScriptErrorIsShownAndRetriedAfterTheFix(t *testing.T) {
	e, _, now := testEngine(t)
	ctx := context.Background()
	e.Store.DB().Exec(`INSERT INTO scripts(name, kind, source, updated_at) VALUES('broken','condition',?,0)`, "local y = nil\nreturn y.field > 1\n")
	if _, err := e.Store.Publish(luaFlow("broken"), "", now); err != nil {
		t.Fatal(err)
	}
	c, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "cy@example.com"}, nil)
	if _, err := e.Runner.Enroll(ctx, "lua", []int64{c}); err != nil {
		t.Fatal(err)
	}
	n := nodeCount(t, e, "lua", "rule")
	if n.Failed != 1 || !strings.Contains(n.FailReason, `script "broken"`) || !strings.Contains(n.FailReason, "line 2") {
		t.Errorf("step counts %+v, want the stopped journey with the script's line", n)
	}
	fs, _ := e.Runner.Failures(ctx, "lua")
	if len(fs) != 1 || fs[0].Stopped != 1 {
		t.Fatalf("failures %+v", fs)
	}
	// The journey in error says why by code, without the funnel's and step's ids.
	js, err := e.Journeys(ctx, JourneyQuery{Flow: "lua"})
	if err != nil || len(js) != 1 || js[0].Code != "step.error" || js[0].Params["error"] != js[0].Error ||
		!strings.Contains(js[0].Error, `script "broken"`) || strings.Contains(js[0].Error, `flow "lua"`) {
		t.Errorf("journeys: %+v, %v", js, err)
	}
	// Still broken: the retry stops it again, once.
	if res, err := e.Runner.RetryFailed(ctx, "lua", "rule"); err != nil || res.Journeys != 1 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	if n := nodeCount(t, e, "lua", "rule"); n.Failed != 1 {
		t.Errorf("after a retry of a still broken script: %+v", n)
	}
	// The fix is a new version of the funnel using a working script: the
	// stuck journey moves to it and goes on from the step that stopped it.
	e.Store.DB().Exec(`INSERT INTO scripts(name, kind, source, updated_at) VALUES('fixed','condition',?,1)`, "return true\n")
	if _, err := e.Store.Publish(luaFlow("fixed"), "", now); err != nil {
		t.Fatal(err)
	}
	if res, err := e.Runner.RetryFailed(ctx, "lua", ""); err != nil || res.Journeys != 1 || res.Version != 2 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	steps, _ := e.Runner.Path(ctx, c, "lua")
	if last := steps[len(steps)-1]; last.Node != "hot" || last.Outcome != "end" || last.Version != 2 {
		t.Errorf("journey after the fix: %+v", steps)
	}
	var runs int
	e.Store.DB().QueryRow(`SELECT count(*) FROM enrollments WHERE flow_id='lua'`).Scan(&runs)
	if runs != 1 {
		t.Errorf("%d journeys, want the same one moved on", runs)
	}
	if n := nodeCount(t, e, "lua", "rule"); n.Failed != 0 {
		t.Errorf("step counts %+v after the fix", n)
	}
}

// "Send a test to me": the email rendered for the chosen contact goes to
// the user's address through the relay; a refusal says why, and nothing
// is journaled or counted.
func TestSendTestGoesToMyAddressRenderedForTheContact(t *testing.T) {
	rl := startRelay(t)
	e, svc, _ := failuresEngine(t, rl, sendFlow("hello"))
	tpl := mail.Template{ID: "hello", Subject: "Hello {{ contact.first_name }}", HTML: `<p>Hi <a href="{{ unsubscribe_url }}">unsubscribe</a></p>`}
	c := &contact.Contact{ID: 7, Email: "zoe@example.com", Identity: map[string]string{"first_name": "Zoé"}}
	res := svc.SendTest(context.Background(), tpl, c, "me@example.com")
	if res.Sent || !strings.Contains(res.Error, "sender not allowed to relay") || res.To != "me@example.com" || res.Via != "office relay" {
		t.Errorf("refused test: %+v", res)
	}
	rl.set(false)
	res = svc.SendTest(context.Background(), tpl, c, "Me <me@example.com>")
	if !res.Sent || res.Error != "" || res.Subject != "Hello Zoé" || res.To != "me@example.com" {
		t.Errorf("test: %+v", res)
	}
	if got := rl.got(); len(got) != 1 || got[0] != "Hello Zoé" {
		t.Errorf("relay received %q", got)
	}
	if res := svc.SendTest(context.Background(), tpl, c, "not an address"); res.Sent || !strings.Contains(res.Error, "not an email address") {
		t.Errorf("bad address: %+v", res)
	}
	var steps, queued int
	e.Store.DB().QueryRow(`SELECT (SELECT count(*) FROM steps), (SELECT count(*) FROM outbox)`).Scan(&steps, &queued)
	if steps != 0 || queued != 0 {
		t.Errorf("a test send left %d journal rows and %d queued messages", steps, queued)
	}
}
