package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Security is how a connection to the relay is protected.
type Security string

// Security modes.
const (
	SecurityNone     Security = "none"     // plain text; loopback relays only if a password is sent
	SecurityStartTLS Security = "starttls" // plain connect, then STARTTLS (usually port 587)
	SecurityTLS      Security = "tls"      // TLS from the first byte (usually port 465)
)

// AuthMethod is the SASL mechanism used to log in.
type AuthMethod string

// Auth methods. Empty means PLAIN if the server offers it, else LOGIN.
const (
	AuthPlain AuthMethod = "plain"
	AuthLogin AuthMethod = "login"
)

// Profile is an SMTP relay as the user configures it.
type Profile struct {
	// Name is what the user calls the relay; errors start with it.
	Name string `json:"name"`
	// Host is the relay's name or address.
	Host string `json:"host"`
	// Port is the relay's port (0: 25, 587 or 465 by Security).
	Port int `json:"port"`
	// Security is none, starttls (default) or tls.
	Security Security `json:"security"`
	// Username and Password log in with AuthMethod; no Username, no AUTH.
	Username   string     `json:"username,omitempty"`
	Password   string     `json:"password,omitempty"`
	AuthMethod AuthMethod `json:"auth_method,omitempty"`
	// From is the envelope sender (MAIL FROM) when a message has none.
	From string `json:"from"`
	// TimeoutSeconds bounds connecting and each wait for a reply (0: 30).
	TimeoutSeconds int `json:"timeout_seconds,omitempty"`
	// PerSecond caps the sending rate, evenly spaced (0: no cap).
	PerSecond int `json:"per_second,omitempty"`
	// PerHour caps the messages in any rolling hour (0: no cap).
	PerHour int `json:"per_hour,omitempty"`
	// Connections is how many connections the Sender keeps open and uses
	// at once (0: 2). Relays often cap this per account.
	Connections int `json:"connections,omitempty"`
	// HelloName is the name sent with EHLO (0: this machine's host name).
	HelloName string `json:"hello_name,omitempty"`
	// TLS overrides the TLS settings, for a relay with a private CA (and for
	// tests). Nil verifies against the system roots with ServerName = Host.
	TLS *tls.Config `json:"-"`
}

// MaxMessagesPerConn is how many messages one connection carries before the
// Sender opens a fresh one: some relays cut long sessions, and rotating
// spreads load across a relay's front ends.
const MaxMessagesPerConn = 1000

// idleTimeout is how long a connection may sit unused before it is
// replaced rather than reused: servers drop idle clients after a few
// minutes (RFC 5321 suggests 5), and a silent drop costs a failed RSET.
const idleTimeout = 30 * time.Second

func (p Profile) timeout() time.Duration {
	if p.TimeoutSeconds <= 0 {
		return 30 * time.Second
	}
	return time.Duration(p.TimeoutSeconds) * time.Second
}

func (p Profile) addr() string {
	return net.JoinHostPort(p.Host, strconv.Itoa(p.Port))
}

// normalized fills defaults and checks the profile.
func (p Profile) normalized() (Profile, error) {
	where := fmt.Sprintf("smtp profile %q", p.Name)
	if p.Security == "" {
		p.Security = SecurityStartTLS
	}
	switch p.Security {
	case SecurityNone, SecurityStartTLS, SecurityTLS:
	default:
		return p, fmt.Errorf("%s: security %q must be none, starttls or tls", where, p.Security)
	}
	switch p.AuthMethod {
	case "", AuthPlain, AuthLogin:
	default:
		return p, fmt.Errorf("%s: auth method %q must be plain or login", where, p.AuthMethod)
	}
	if p.Host = strings.TrimSpace(p.Host); p.Host == "" {
		return p, fmt.Errorf("%s: host is empty", where)
	}
	if p.Port == 0 {
		p.Port = map[Security]int{SecurityNone: 25, SecurityStartTLS: 587, SecurityTLS: 465}[p.Security]
	}
	if p.Port < 1 || p.Port > 65535 {
		return p, fmt.Errorf("%s: port %d is out of range", where, p.Port)
	}
	if a, err := netmail.ParseAddress(p.From); err != nil || a.Name != "" {
		return p, fmt.Errorf("%s: from %q is not an email address", where, p.From)
	}
	if p.PerSecond < 0 || p.PerHour < 0 {
		return p, fmt.Errorf("%s: rate limits must not be negative", where)
	}
	if p.Connections <= 0 {
		p.Connections = 2
	}
	if p.Username != "" && p.Security == SecurityNone && !isLoopback(p.Host) {
		return p, fmt.Errorf("%s: refusing to send the password unencrypted to %s (security: none); use starttls or tls", where, p.Host)
	}
	if p.HelloName == "" {
		p.HelloName = "localhost"
		if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") && !strings.ContainsAny(h, " \r\n") {
			p.HelloName = h
		}
	}
	return p, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Stage is the step of an SMTP exchange where something failed.
type Stage string

// Stages, in the order a delivery goes through them.
const (
	StageDNS       Stage = "dns"       // the relay's name does not resolve
	StageConnect   Stage = "connect"   // TCP connect, greeting or EHLO
	StageTLS       Stage = "tls"       // STARTTLS missing, or the handshake/certificate failed
	StageAuth      Stage = "auth"      // login refused or impossible
	StageSender    Stage = "sender"    // MAIL FROM refused
	StageRecipient Stage = "recipient" // RCPT TO refused
	StageData      Stage = "data"      // DATA, the message, or the final reply
)

// StageError is an SMTP failure with the stage it happened at, and the
// server's reply code when there was one.
type StageError struct {
	// Profile is the profile's name and Addr the relay's host:port.
	Profile string
	Addr    string
	// Stage is where it failed.
	Stage Stage
	// Code is the SMTP reply code, 0 for network and TLS errors.
	Code int
	// Err is what went wrong.
	Err error
}

// Error returns `smtp profile "name": host:port: stage: what went wrong`.
func (e *StageError) Error() string {
	return fmt.Sprintf("smtp profile %q: %s: %s: %v", e.Profile, e.Addr, e.Stage, e.Err)
}

// Unwrap returns the underlying error.
func (e *StageError) Unwrap() error { return e.Err }

func (s *Sender) stageErr(stage Stage, err error) *StageError {
	se := &StageError{Profile: s.p.Name, Addr: s.p.addr(), Stage: stage, Err: err}
	var smtpErr *smtp.SMTPError
	if errors.As(err, &smtpErr) {
		se.Code = smtpErr.Code
	}
	var nerr net.Error
	if errors.As(err, &nerr) && nerr.Timeout() {
		se.Err = fmt.Errorf("no reply within %s (timeout): %w", s.p.timeout(), err)
	}
	return se
}

// Status is the outcome of one delivery attempt.
type Status string

// Statuses.
const (
	StatusSent   Status = "sent"
	StatusRetry  Status = "retry"  // try again later (when: the caller's schedule, runner.Backoff)
	StatusBounce Status = "bounce" // the relay refused the recipient or message for good
)

// Result is the outcome of Sender.Send.
type Result struct {
	// Status is sent, retry or bounce.
	Status Status `json:"status"`
	// Code is the SMTP reply code (250 when sent; 0 for network errors).
	Code int `json:"code"`
	// Message is the server's reply or what went wrong, with where.
	Message string `json:"message"`
	// Stage is where a failure happened ("" when sent).
	Stage Stage `json:"stage,omitempty"`
	// Err is the underlying error, for errors.Is/As.
	Err error `json:"-"`
}

// classify maps a failure to a Result. 4xx and network errors are
// temporary. A 5xx bounces only at RCPT and DATA, where it is about this
// recipient or message; a 5xx at EHLO, AUTH or MAIL FROM is the profile's
// problem, and marking the contact bounced for it would be wrong — it is
// reported as retry with its Stage so the caller can pause the profile.
func classify(se *StageError) Result {
	r := Result{Status: StatusRetry, Code: se.Code, Stage: se.Stage, Message: se.Error(), Err: se}
	if se.Code >= 500 && se.Code < 600 && (se.Stage == StageRecipient || se.Stage == StageData) {
		r.Status = StatusBounce
	}
	return r
}

// Sender delivers messages through one relay profile, keeping up to
// Profile.Connections connections open between messages and pacing them to
// the profile's rate limits. It is safe for concurrent use; the caller
// decides retries (the outbox's schedule is runner.Backoff).
type Sender struct {
	p     Profile
	lim   *limiter
	slots chan struct{}
	idle  chan *conn

	mu     sync.Mutex
	closed bool
}

type conn struct {
	c         *smtp.Client
	nc        net.Conn // outermost connection, for deadlines and forced close
	sent      int
	last      time.Time
	needReset bool // the last transaction did not complete
}

func (c *conn) close() {
	c.nc.Close()
}

// NewSender checks p and returns a Sender. It does not connect: the first
// Send does (use TestConnection to check a profile).
func NewSender(p Profile) (*Sender, error) {
	p, err := p.normalized()
	if err != nil {
		return nil, err
	}
	return &Sender{
		p:     p,
		lim:   newLimiter(p.PerSecond, p.PerHour),
		slots: make(chan struct{}, p.Connections),
		idle:  make(chan *conn, p.Connections),
	}, nil
}

// Profile returns the profile with its defaults filled in.
func (s *Sender) Profile() Profile { return s.p }

// Close ends the idle connections with QUIT. Sends in progress finish, then
// their connections close.
func (s *Sender) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	for {
		select {
		case c := <-s.idle:
			c.nc.SetDeadline(time.Now().Add(2 * time.Second))
			c.c.Quit()
			c.close()
		default:
			return nil
		}
	}
}

func (s *Sender) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// verbConn remembers the command verb last written during connection
// set-up, so a failure inside go-smtp's combined greeting/EHLO/STARTTLS call
// can be attributed to its stage.
type verbConn struct {
	net.Conn
	last string
	done bool
}

func (v *verbConn) Write(b []byte) (int, error) {
	if !v.done {
		if i := bytes.IndexAny(b, " \r"); i > 0 && i <= 8 {
			v.last = string(b[:i])
		}
	}
	return v.Conn.Write(b)
}

func (s *Sender) tlsConfig() *tls.Config {
	if s.p.TLS != nil {
		cfg := s.p.TLS.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = s.p.Host
		}
		return cfg
	}
	return &tls.Config{ServerName: s.p.Host, MinVersion: tls.VersionTLS12}
}

// dial connects, secures and logs in. Errors are *StageError.
func (s *Sender) dial(ctx context.Context) (*conn, error) {
	timeout := s.p.timeout()
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d := net.Dialer{}
	nc, err := d.DialContext(dctx, "tcp", s.p.addr())
	if err != nil {
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) {
			return nil, s.stageErr(StageDNS, fmt.Errorf("cannot resolve %q: %w", s.p.Host, err))
		}
		return nil, s.stageErr(StageConnect, err)
	}
	// Until set-up ends, the caller's context may cut it short.
	stop := context.AfterFunc(dctx, func() { nc.Close() })
	defer stop()

	var (
		c     *smtp.Client
		outer net.Conn = nc
	)
	fail := func(stage Stage, err error) (*conn, error) {
		nc.Close()
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return nil, s.stageErr(stage, err)
	}
	switch s.p.Security {
	case SecurityTLS:
		tc := tls.Client(nc, s.tlsConfig())
		if err := tc.HandshakeContext(dctx); err != nil {
			return fail(StageTLS, fmt.Errorf("TLS handshake: %w", err))
		}
		outer = tc
		c = smtp.NewClient(tc)
		c.CommandTimeout, c.SubmissionTimeout = timeout, timeout
		if err := c.Hello(s.p.HelloName); err != nil {
			return fail(StageConnect, err)
		}
	case SecurityStartTLS:
		vc := &verbConn{Conn: nc}
		nc.SetDeadline(time.Now().Add(timeout))
		c, err = smtp.NewClientStartTLS(vc, s.tlsConfig())
		vc.done = true
		if err != nil {
			switch {
			case strings.Contains(err.Error(), "doesn't support STARTTLS"):
				return fail(StageTLS, errors.New("the server does not offer STARTTLS, but the profile requires it (security: starttls)"))
			case vc.last == "STARTTLS":
				return fail(StageTLS, fmt.Errorf("STARTTLS refused: %w", err))
			}
			return fail(StageConnect, err)
		}
		nc.SetDeadline(time.Time{})
		c.CommandTimeout, c.SubmissionTimeout = timeout, timeout
		// The handshake runs on the first command after STARTTLS.
		if err := c.Hello(s.p.HelloName); err != nil {
			if st, ok := c.TLSConnectionState(); !ok || !st.HandshakeComplete {
				return fail(StageTLS, fmt.Errorf("TLS handshake: %w", err))
			}
			return fail(StageConnect, err)
		}
	default:
		c = smtp.NewClient(nc)
		c.CommandTimeout, c.SubmissionTimeout = timeout, timeout
		if err := c.Hello(s.p.HelloName); err != nil {
			return fail(StageConnect, err)
		}
	}
	if s.p.Username != "" {
		if err := s.auth(c); err != nil {
			return fail(StageAuth, err)
		}
	}
	return &conn{c: c, nc: outer, last: time.Now()}, nil
}

func (s *Sender) auth(c *smtp.Client) error {
	ok, mechs := c.Extension("AUTH")
	if !ok {
		hint := ""
		if s.p.Security == SecurityNone {
			hint = " (many servers offer it only after STARTTLS)"
		}
		return fmt.Errorf("the server does not offer AUTH%s", hint)
	}
	method := s.p.AuthMethod
	if method == "" {
		method = AuthPlain
		if !c.SupportsAuth("PLAIN") && c.SupportsAuth("LOGIN") {
			method = AuthLogin
		}
	}
	if !c.SupportsAuth(strings.ToUpper(string(method))) {
		return fmt.Errorf("the server does not offer AUTH %s (it offers %s)", strings.ToUpper(string(method)), mechs)
	}
	var sc sasl.Client
	if method == AuthLogin {
		sc = sasl.NewLoginClient(s.p.Username, s.p.Password)
	} else {
		sc = sasl.NewPlainClient("", s.p.Username, s.p.Password)
	}
	if err := c.Auth(sc); err != nil {
		return fmt.Errorf("login as %q refused: %w", s.p.Username, err)
	}
	return nil
}

// probeAfter is how long a connection may idle before a NOOP checks it is
// still there. A hot connection is not probed: a drop then shows at MAIL
// FROM, before any of the message is sent, and Send redials once.
const probeAfter = 2 * time.Second

// get returns an open connection: an idle one, or a new one. reused tells
// the caller a network failure may just be a connection the server dropped.
//
// RSET is sent only before reusing a connection whose last transaction
// failed. After a completed DATA the server has already reset the
// transaction (RFC 5321 §4.1.1.4), and go-smtp follows each RSET with a
// fresh EHLO: an RSET between successful messages would cost two round
// trips per message — against a remote relay, as much as the message itself.
func (s *Sender) get(ctx context.Context) (c *conn, reused bool, err error) {
	for {
		select {
		case c = <-s.idle:
		default:
			c, err = s.dial(ctx)
			return c, false, err
		}
		idle := time.Since(c.last)
		if idle > idleTimeout || c.sent >= MaxMessagesPerConn {
			c.nc.SetDeadline(time.Now().Add(time.Second))
			c.c.Quit()
			c.close()
			continue
		}
		switch {
		case c.needReset:
			err = c.c.Reset()
			c.needReset = false
		case idle > probeAfter:
			err = c.c.Noop()
		}
		if err != nil {
			c.close()
			err = nil
			continue
		}
		return c, true, nil
	}
}

func (s *Sender) put(c *conn) {
	c.last = time.Now()
	if s.isClosed() {
		c.c.Quit()
		c.close()
		return
	}
	select {
	case s.idle <- c:
	default:
		c.close()
	}
}

// Send delivers raw (RFC 5322 bytes with CRLF line ends, as Build makes)
// to env.To, with env.From as the envelope sender (Profile.From if empty).
// It waits for the rate limiter and a free connection, within ctx.
func (s *Sender) Send(ctx context.Context, env Envelope, raw []byte) Result {
	if s.isClosed() {
		return Result{Status: StatusRetry, Message: fmt.Sprintf("smtp profile %q: sender is closed", s.p.Name), Err: errors.New("sender closed")}
	}
	if len(env.To) == 0 {
		// A caller's bug, not a contact's bounce.
		err := errors.New("no recipient in the envelope")
		return Result{Status: StatusRetry, Stage: StageRecipient, Message: fmt.Sprintf("smtp profile %q: %v", s.p.Name, err), Err: err}
	}
	if env.From == "" {
		env.From = s.p.From
	}
	if err := s.lim.wait(ctx); err != nil {
		return Result{Status: StatusRetry, Message: fmt.Sprintf("smtp profile %q: waiting for the rate limit: %v", s.p.Name, err), Err: err}
	}
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		return Result{Status: StatusRetry, Message: fmt.Sprintf("smtp profile %q: waiting for a connection: %v", s.p.Name, ctx.Err()), Err: ctx.Err()}
	}
	c, reused, err := s.get(ctx)
	if err != nil {
		return classify(err.(*StageError))
	}
	res, broken := s.transact(ctx, c, env, raw)
	if broken && reused && res.Stage == StageSender && res.Code == 0 && ctx.Err() == nil {
		// The server dropped the kept connection: MAIL FROM failed before
		// any of the message was sent, so try once on a fresh connection.
		c.close()
		if c, err = s.dial(ctx); err != nil {
			return classify(err.(*StageError))
		}
		res, broken = s.transact(ctx, c, env, raw)
	}
	if broken {
		c.close()
	} else {
		c.needReset = res.Status != StatusSent
		s.put(c)
	}
	return res
}

// transact runs MAIL, RCPT and DATA on c. broken reports that c must not
// be reused.
func (s *Sender) transact(ctx context.Context, c *conn, env Envelope, raw []byte) (res Result, broken bool) {
	stop := context.AfterFunc(ctx, func() { c.nc.Close() })
	defer stop()
	fail := func(stage Stage, err error) (Result, bool) {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		se := s.stageErr(stage, err)
		var smtpErr *smtp.SMTPError
		// After an SMTP reply the session is still in step (RSET fixes the
		// transaction) unless the server said 421, closing. Anything else
		// leaves the connection in an unknown state.
		keep := errors.As(err, &smtpErr) && smtpErr.Code != 421 && ctx.Err() == nil
		return classify(se), !keep
	}
	var opts *smtp.MailOptions
	if !printableASCII(env.From) || !allPrintableASCII(env.To) {
		opts = &smtp.MailOptions{UTF8: true}
	}
	if err := c.c.Mail(env.From, opts); err != nil {
		return fail(StageSender, err)
	}
	for _, to := range env.To {
		if err := c.c.Rcpt(to, nil); err != nil {
			return fail(StageRecipient, fmt.Errorf("<%s>: %w", to, err))
		}
	}
	if env.BeforeData != nil {
		if err := env.BeforeData(); err != nil {
			// Nothing of the message went out; RSET before the next use.
			return Result{Status: StatusRetry, Stage: StageData, Message: fmt.Sprintf("smtp profile %q: not sent: %v", s.p.Name, err), Err: err}, false
		}
	}
	w, err := c.c.Data()
	if err != nil {
		return fail(StageData, err)
	}
	// go-smtp sets no deadline while the body is written; a server that
	// stops reading must not hang the worker.
	c.nc.SetDeadline(time.Now().Add(s.p.timeout()))
	if _, err := w.Write(raw); err != nil {
		return fail(StageData, err)
	}
	resp, err := w.CloseWithResponse()
	if err != nil {
		var smtpErr *smtp.SMTPError
		if !errors.As(err, &smtpErr) {
			// The message may or may not have been accepted; a retry can
			// duplicate it, which X-Flightplan-Key lets the receiver detect.
			err = fmt.Errorf("after the message was sent, no final reply (it may have been delivered): %w", err)
		}
		return fail(StageData, err)
	}
	c.sent++
	msg := "250"
	if resp != nil && resp.StatusText != "" {
		msg = "250 " + resp.StatusText
	}
	return Result{Status: StatusSent, Code: 250, Message: msg}, false
}

func allPrintableASCII(ss []string) bool {
	for _, s := range ss {
		if !printableASCII(s) {
			return false
		}
	}
	return true
}

// TestConnection checks a profile the way a send would use it — resolve,
// connect, TLS, log in, and have MAIL FROM accepted — and then says goodbye
// without sending anything. A failure is a *StageError naming the stage.
func TestConnection(ctx context.Context, p Profile) error {
	s, err := NewSender(p)
	if err != nil {
		return err
	}
	c, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer c.close()
	stop := context.AfterFunc(ctx, func() { c.nc.Close() })
	defer stop()
	if err := c.c.Mail(s.p.From, nil); err != nil {
		return s.stageErr(StageSender, fmt.Errorf("MAIL FROM:<%s> refused: %w", s.p.From, err))
	}
	c.c.Reset()
	c.c.Quit()
	return nil
}
