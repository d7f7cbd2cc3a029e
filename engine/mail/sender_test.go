package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

func plainProfile(f *faultServer) Profile {
	return Profile{Name: "test", Host: f.host(), Port: f.port(), Security: SecurityNone, From: "bounce@flightplan.test", TimeoutSeconds: 5, Connections: 1}
}

func testMessage(t testing.TB, i int) ([]byte, Envelope) {
	t.Helper()
	m := sampleOutgoing()
	m.Key = "out-" + strings.Repeat("x", i%3) + string(rune('a'+i%26))
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	return raw, m.Envelope()
}

func newSender(t testing.TB, p Profile) *Sender {
	t.Helper()
	s, err := NewSender(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func smtpErr(code int, msg string) *smtp.SMTPError {
	return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0}, Message: msg}
}

func TestSendReusesConnection(t *testing.T) {
	f := startFaultServer(t, faultOpts{})
	s := newSender(t, plainProfile(f))
	var sent [][]byte
	for i := 0; i < 20; i++ {
		raw, env := testMessage(t, i)
		if r := s.Send(context.Background(), env, raw); r.Status != StatusSent || r.Code != 250 {
			t.Fatalf("send %d: %+v", i, r)
		}
		sent = append(sent, raw)
	}
	sessions, got := f.stats()
	if sessions != 1 {
		t.Errorf("%d SMTP sessions for 20 messages, want 1 (connection reuse)", sessions)
	}
	if len(got) != 20 {
		t.Fatalf("delivered %d, want 20", len(got))
	}
	for i, c := range got {
		if !bytes.Equal(c.Raw, sent[i]) || c.From != "hello@flightplan.test" || len(c.To) != 1 || c.To[0] != "ana@example.com" {
			t.Fatalf("message %d arrived changed (from %q to %q)", i, c.From, c.To)
		}
	}
}

// TestSendRedialsDroppedConnection: the relay closed the kept connection;
// MAIL FROM fails before anything is sent, so Send redials once and
// delivers, instead of reporting a failure.
func TestSendRedialsDroppedConnection(t *testing.T) {
	f := startFaultServer(t, faultOpts{})
	s := newSender(t, plainProfile(f))
	raw, env := testMessage(t, 0)
	if r := s.Send(context.Background(), env, raw); r.Status != StatusSent {
		t.Fatal(r)
	}
	f.dropConns()
	if r := s.Send(context.Background(), env, raw); r.Status != StatusSent {
		t.Fatalf("after the server dropped the connection: %+v", r)
	}
	if sessions, got := f.stats(); sessions != 2 || len(got) != 2 {
		t.Errorf("sessions %d delivered %d, want 2 and 2", sessions, len(got))
	}
}

func TestSendServerDown(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().(*net.TCPAddr)
	ln.Close() // nothing listens there now: connect is refused
	s := newSender(t, Profile{Name: "down", Host: "127.0.0.1", Port: addr.Port, Security: SecurityNone, From: "a@b.test"})
	raw, env := testMessage(t, 0)
	r := s.Send(context.Background(), env, raw)
	if r.Status != StatusRetry || r.Stage != StageConnect || r.Code != 0 || !strings.Contains(r.Message, "refused") {
		t.Fatalf("server down: %+v", r)
	}
	var se *StageError
	if !errors.As(r.Err, &se) || se.Stage != StageConnect {
		t.Fatalf("Err = %v, want a *StageError at connect", r.Err)
	}
}

// TestSendTemporaryFailureThenSuccess: a 4xx is a retry; the caller's
// second attempt delivers the message exactly once.
func TestSendTemporaryFailureThenSuccess(t *testing.T) {
	cases := []struct {
		name  string
		setup func(*faultServer)
		code  int
		stage Stage
	}{
		{"421 at MAIL", func(f *faultServer) { f.mailErrs = []error{smtpErr(421, "too busy, closing")} }, 421, StageSender},
		{"451 at RCPT", func(f *faultServer) { f.rcptErrs = []error{smtpErr(451, "greylisted, try later")} }, 451, StageRecipient},
		{"451 after DATA", func(f *faultServer) { f.dataErrs = []error{smtpErr(451, "local error")} }, 451, StageData},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := startFaultServer(t, faultOpts{})
			c.setup(f)
			s := newSender(t, plainProfile(f))
			raw, env := testMessage(t, 1)
			r := s.Send(context.Background(), env, raw)
			if r.Status != StatusRetry || r.Code != c.code || r.Stage != c.stage {
				t.Fatalf("first attempt: %+v", r)
			}
			r = s.Send(context.Background(), env, raw)
			if r.Status != StatusSent {
				t.Fatalf("second attempt: %+v", r)
			}
			if _, got := f.stats(); len(got) != 1 || !bytes.Equal(got[0].Raw, raw) {
				t.Fatalf("delivered %d messages, want exactly 1", len(got))
			}
		})
	}
}

func TestSendBounce(t *testing.T) {
	f := startFaultServer(t, faultOpts{})
	f.rcptErrs = []error{smtpErr(550, "5.1.1 no such user")}
	f.dataErrs = []error{nil, smtpErr(554, "5.7.1 message rejected as spam")}
	s := newSender(t, plainProfile(f))
	raw, env := testMessage(t, 2)

	r := s.Send(context.Background(), env, raw)
	if r.Status != StatusBounce || r.Code != 550 || r.Stage != StageRecipient || !strings.Contains(r.Message, "<ana@example.com>") || !strings.Contains(r.Message, "no such user") {
		t.Fatalf("550 at RCPT: %+v", r)
	}
	if r = s.Send(context.Background(), env, raw); r.Status != StatusSent {
		t.Fatalf("after a bounce the connection still works: %+v", r)
	}
	if r = s.Send(context.Background(), env, raw); r.Status != StatusBounce || r.Code != 554 || r.Stage != StageData {
		t.Fatalf("554 after DATA: %+v", r)
	}
	if sessions, got := f.stats(); sessions != 1 || len(got) != 1 {
		t.Errorf("sessions %d delivered %d, want 1 and 1", sessions, len(got))
	}
}

func TestSendSlowServerTimesOut(t *testing.T) {
	f := startFaultServer(t, faultOpts{})
	f.dataDelay = 3 * time.Second
	p := plainProfile(f)
	p.TimeoutSeconds = 1
	s := newSender(t, p)
	raw, env := testMessage(t, 3)
	r := s.Send(context.Background(), env, raw)
	if r.Status != StatusRetry || r.Stage != StageData || !strings.Contains(r.Message, "no reply within 1s (timeout)") ||
		!strings.Contains(r.Message, "may have been delivered") {
		t.Fatalf("slow server: %+v", r)
	}
}

func TestSendContextCancelled(t *testing.T) {
	f := startFaultServer(t, faultOpts{})
	f.dataDelay = 3 * time.Second
	s := newSender(t, plainProfile(f))
	raw, env := testMessage(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(200 * time.Millisecond); cancel() }()
	r := s.Send(ctx, env, raw)
	if r.Status != StatusRetry || !errors.Is(r.Err, context.Canceled) {
		t.Fatalf("cancelled: %+v", r)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if r := s.Send(ctx, env, raw); r.Status != StatusRetry || !errors.Is(r.Err, context.Canceled) {
		t.Fatalf("already cancelled: %+v", r)
	}
}

func TestStartTLSRequiredButNotOffered(t *testing.T) {
	f := startFaultServer(t, faultOpts{}) // no TLS configured: no STARTTLS in EHLO
	p := plainProfile(f)
	p.Security = SecurityStartTLS
	s := newSender(t, p)
	raw, env := testMessage(t, 4)
	r := s.Send(context.Background(), env, raw)
	if r.Status != StatusRetry || r.Stage != StageTLS || !strings.Contains(r.Message, "does not offer STARTTLS") {
		t.Fatalf("send: %+v", r)
	}
	err := TestConnection(context.Background(), p)
	var se *StageError
	if !errors.As(err, &se) || se.Stage != StageTLS {
		t.Fatalf("TestConnection = %v, want a tls stage error", err)
	}
	if _, got := f.stats(); len(got) != 0 {
		t.Fatal("a message went out in clear")
	}
}

func TestTLSModes(t *testing.T) {
	cert, pool, _, _ := testCert(t)
	srvTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	for _, mode := range []Security{SecurityStartTLS, SecurityTLS} {
		t.Run(string(mode), func(t *testing.T) {
			f := startFaultServer(t, faultOpts{tlsConfig: srvTLS, implicitTLS: mode == SecurityTLS, user: "u", pass: "p"})
			p := plainProfile(f)
			p.Security, p.Username, p.Password = mode, "u", "p"
			p.TLS = &tls.Config{RootCAs: pool}
			if err := TestConnection(context.Background(), p); err != nil {
				t.Fatalf("TestConnection: %v", err)
			}
			s := newSender(t, p)
			raw, env := testMessage(t, 5)
			for i := 0; i < 3; i++ {
				if r := s.Send(context.Background(), env, raw); r.Status != StatusSent {
					t.Fatalf("send over %s: %+v", mode, r)
				}
			}
			// A certificate we do not trust is a TLS-stage failure.
			p.TLS = nil
			err := TestConnection(context.Background(), p)
			var se *StageError
			if !errors.As(err, &se) || se.Stage != StageTLS || !strings.Contains(err.Error(), "certificate") {
				t.Fatalf("untrusted certificate: %v", err)
			}
		})
	}
}

func TestWrongPassword(t *testing.T) {
	f := startFaultServer(t, faultOpts{user: "marketing", pass: "right"})
	p := plainProfile(f)
	p.Username, p.Password = "marketing", "wrong"
	err := TestConnection(context.Background(), p)
	var se *StageError
	if !errors.As(err, &se) || se.Stage != StageAuth || se.Code != 535 || !strings.Contains(err.Error(), `login as "marketing" refused`) {
		t.Fatalf("TestConnection = %v, want auth stage 535", err)
	}
	s := newSender(t, p)
	raw, env := testMessage(t, 6)
	// A refused login is the profile's problem, not the contact's: retry
	// with the stage, never a bounce.
	if r := s.Send(context.Background(), env, raw); r.Status != StatusRetry || r.Stage != StageAuth || r.Code != 535 {
		t.Fatalf("send: %+v", r)
	}
	p.Password = "right"
	if err := TestConnection(context.Background(), p); err != nil {
		t.Fatalf("right password: %v", err)
	}
	// No AUTH offered at all.
	g := startFaultServer(t, faultOpts{})
	q := plainProfile(g)
	q.Username, q.Password = "u", "p"
	if err := TestConnection(context.Background(), q); !errors.As(err, &se) || se.Stage != StageAuth || !strings.Contains(err.Error(), "does not offer AUTH") {
		t.Fatalf("no AUTH: %v", err)
	}
}

func TestConnectionStages(t *testing.T) {
	f := startFaultServer(t, faultOpts{})
	ok := plainProfile(f)
	if err := TestConnection(context.Background(), ok); err != nil {
		t.Fatalf("good profile: %v", err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	rejecting := startFaultServer(t, faultOpts{})
	rejecting.mailErrs = []error{smtpErr(553, "5.7.1 sender not allowed")}

	cases := []struct {
		name  string
		p     Profile
		stage Stage
		text  string
	}{
		{"dns", Profile{Name: "x", Host: "no-such-relay.invalid", Port: 587, Security: SecurityStartTLS, From: "a@b.test"}, StageDNS, "cannot resolve"},
		{"connect", Profile{Name: "x", Host: "127.0.0.1", Port: closedPort, Security: SecurityNone, From: "a@b.test"}, StageConnect, "refused"},
		{"sender", plainProfile(rejecting), StageSender, "sender not allowed"},
	}
	for _, c := range cases {
		err := TestConnection(context.Background(), c.p)
		var se *StageError
		if !errors.As(err, &se) || se.Stage != c.stage || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%s: %v, want stage %s mentioning %q", c.name, err, c.stage, c.text)
		} else if !strings.HasPrefix(err.Error(), `smtp profile "`) {
			t.Errorf("%s: error does not say where: %v", c.name, err)
		}
	}
}

func TestProfileValidation(t *testing.T) {
	bad := map[string]Profile{
		"password in clear": {Name: "p", Host: "smtp.example.com", Security: SecurityNone, Username: "u", Password: "p", From: "a@b.test"},
		"no host":           {Name: "p", From: "a@b.test"},
		"bad security":      {Name: "p", Host: "h", Security: "ssl", From: "a@b.test"},
		"bad from":          {Name: "p", Host: "h", From: "Name <a@b.test>"},
		"bad port":          {Name: "p", Host: "h", Port: 70000, From: "a@b.test"},
		"bad auth":          {Name: "p", Host: "h", AuthMethod: "cram-md5", From: "a@b.test"},
	}
	for name, p := range bad {
		if _, err := NewSender(p); err == nil || !strings.HasPrefix(err.Error(), `smtp profile "p": `) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	s, err := NewSender(Profile{Name: "p", Host: "smtp.example.com", From: "a@b.test"})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Profile(); p.Port != 587 || p.Security != SecurityStartTLS || p.Connections != 2 {
		t.Errorf("defaults: %+v", p)
	}
}

func TestSendIntoCaptureServer(t *testing.T) {
	for _, method := range []AuthMethod{"", AuthPlain, AuthLogin} {
		srv, sink := startCapture(t, CaptureOptions{Username: "app", Password: "s3cret"})
		host, port, _ := net.SplitHostPort(srv.Addr())
		pn, _ := net.LookupPort("tcp", port)
		s := newSender(t, Profile{Name: "capture", Host: host, Port: pn, Security: SecurityNone,
			Username: "app", Password: "s3cret", AuthMethod: method, From: "a@b.test", Connections: 2})
		raw, env := testMessage(t, 7)
		if r := s.Send(context.Background(), env, raw); r.Status != StatusSent {
			t.Fatalf("auth %q: %+v", method, r)
		}
		got := sink.all()
		if len(got) != 1 || !bytes.Equal(got[0].Raw, raw) || got[0].Subject != "Bienvenue, Ana ! Votre essai commence 🎉" {
			t.Fatalf("auth %q: captured %+v", method, got)
		}
	}
}

func TestLimiterSchedule(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	// 2000/s: 4001 sends requested at once are spread over exactly 2 s.
	l := newLimiter(2000, 0)
	var last time.Time
	for i := 0; i <= 4000; i++ {
		last = l.reserve(t0)
	}
	if d := last.Sub(t0); d != 2*time.Second {
		t.Errorf("4001 sends at 2000/s span %s, want 2s", d)
	}
	// After an idle pause there is no burst: the next send is "now", the
	// one after it an interval later.
	later := last.Add(time.Minute)
	if a, b := l.reserve(later), l.reserve(later); !a.Equal(later) || b.Sub(a) != 500*time.Microsecond {
		t.Errorf("after idle: %s then %s", a, b)
	}
	// Running late by less than catchUp keeps the schedule: the missed
	// slots are used, so lateness is not rate lost.
	c := newLimiter(1000, 0)
	first := c.reserve(t0)
	late := c.reserve(t0.Add(10 * time.Millisecond))
	if !first.Equal(t0) || !late.Equal(t0.Add(time.Millisecond)) {
		t.Errorf("late reservation got %s, want the 1 ms slot", late.Sub(t0))
	}
	// 10/hour: ten at once, the eleventh an hour after the first.
	h := newLimiter(0, 10)
	var slots []time.Time
	for i := 0; i < 25; i++ {
		slots = append(slots, h.reserve(t0.Add(time.Duration(i)*time.Second)))
	}
	for i := 10; i < len(slots); i++ {
		if slots[i].Sub(slots[i-10]) < time.Hour {
			t.Fatalf("send %d is %s after send %d: more than 10 in an hour", i, slots[i].Sub(slots[i-10]), i-10)
		}
	}
	if !slots[9].Equal(t0.Add(9*time.Second)) || !slots[10].Equal(t0.Add(time.Hour)) {
		t.Errorf("slots 9, 10 = %s, %s", slots[9], slots[10])
	}
}
