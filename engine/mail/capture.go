package mail

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Captured is one message received by the capture mailbox.
type Captured struct {
	// From is the envelope sender (MAIL FROM).
	From string
	// To are the envelope recipients (RCPT TO).
	To []string
	// Raw is the message exactly as received (after SMTP dot-unstuffing).
	Raw []byte
	// Subject is the decoded Subject header, for lists.
	Subject string
	// At is when the message was received.
	At time.Time
}

// Sink stores captured messages (the workspace's mailbox table). An error
// makes the server answer 451, so the sending client retries.
type Sink interface {
	Store(ctx context.Context, c Captured) error
}

// CaptureOptions configures NewCaptureServer.
type CaptureOptions struct {
	// Addr is where to listen; it must be a loopback address. Default
	// "127.0.0.1:0" (any free port; see CaptureServer.Addr).
	Addr string
	// Username and Password, when set, are required: a client must log in
	// with them (AUTH PLAIN or LOGIN) before MAIL FROM, or it is refused
	// with 530. The engine sets a random password per run, known only to
	// its own sender, so no other local process can drop mail into the
	// workspace's mailbox. Without them, any local client may send.
	Username, Password string
	// MaxMessageBytes caps a message (0: DefaultCaptureMaxBytes); a larger
	// one is refused with 552 and nothing is stored.
	MaxMessageBytes int64
	// Sink receives every message. Required.
	Sink Sink
	// ErrorLog receives server errors (nil: discarded).
	ErrorLog *log.Logger
}

// DefaultCaptureMaxBytes is the capture mailbox's message size limit:
// generous for a marketing email with images inline, small enough that a
// stray client cannot fill the workspace.
const DefaultCaptureMaxBytes = 10 << 20

// CaptureServer is the offline mailbox: an SMTP server on loopback that
// accepts every message and hands it, byte for byte, to a Sink.
type CaptureServer struct {
	srv  *smtp.Server
	ln   net.Listener
	opt  CaptureOptions
	done chan struct{}
	err  error
}

// NewCaptureServer listens on o.Addr and starts serving. It refuses
// non-loopback addresses: the server accepts any sender and, without
// configured credentials, anyone — it must not be reachable from the network.
func NewCaptureServer(o CaptureOptions) (*CaptureServer, error) {
	if o.Sink == nil {
		return nil, errors.New("mail: capture server: Sink is required")
	}
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return nil, fmt.Errorf("mail: capture server: address %q: %w", o.Addr, err)
	}
	if !isLoopback(host) {
		return nil, fmt.Errorf("mail: capture server: address %q is not loopback; the capture mailbox must not be reachable from the network", o.Addr)
	}
	if o.MaxMessageBytes <= 0 {
		o.MaxMessageBytes = DefaultCaptureMaxBytes
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return nil, fmt.Errorf("mail: capture server: listen on %s: %w", o.Addr, err)
	}
	s := &CaptureServer{ln: ln, opt: o, done: make(chan struct{})}
	srv := smtp.NewServer(&captureBackend{s: s})
	srv.Domain = "flightplan.capture"
	srv.MaxMessageBytes = o.MaxMessageBytes
	srv.MaxRecipients = 1000
	srv.AllowInsecureAuth = true // loopback only, and the credentials are local
	srv.EnableSMTPUTF8 = true
	srv.ReadTimeout = 5 * time.Minute
	srv.WriteTimeout = time.Minute
	// A nil *log.Logger in the interface would not read as nil.
	srv.ErrorLog = log.New(io.Discard, "", 0)
	if o.ErrorLog != nil {
		srv.ErrorLog = o.ErrorLog
	}
	s.srv = srv
	go func() {
		defer close(s.done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			s.err = err
		}
	}()
	return s, nil
}

// Addr returns the address the server listens on, such as "127.0.0.1:40123".
func (s *CaptureServer) Addr() string { return s.ln.Addr().String() }

// Close stops listening and closes open sessions.
func (s *CaptureServer) Close() error {
	err := s.srv.Close()
	// Serve may not have registered the listener yet when Close runs right
	// after NewCaptureServer: closing it too makes Serve return either way.
	s.ln.Close()
	<-s.done
	return err
}

// Shutdown stops listening and waits for open sessions to end, or for ctx.
func (s *CaptureServer) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err == nil {
		<-s.done
	}
	return err
}

type captureBackend struct{ s *CaptureServer }

func (b *captureBackend) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &captureSession{s: b.s}, nil
}

type captureSession struct {
	s      *CaptureServer
	from   string
	to     []string
	authed bool
}

// errAuthRequired answers MAIL FROM before a successful AUTH when the
// server has credentials.
var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required: this mailbox only accepts mail from Flightplan"}

func (cs *captureSession) AuthMechanisms() []string {
	if cs.s.opt.Username == "" {
		return nil
	}
	return []string{sasl.Plain, sasl.Login}
}

func (cs *captureSession) Auth(mech string) (sasl.Server, error) {
	check := func(user, pass string) error {
		u := subtle.ConstantTimeCompare([]byte(user), []byte(cs.s.opt.Username))
		p := subtle.ConstantTimeCompare([]byte(pass), []byte(cs.s.opt.Password))
		if u&p != 1 {
			return smtp.ErrAuthFailed
		}
		cs.authed = true
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
	case sasl.Login:
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (cs *captureSession) Mail(from string, opts *smtp.MailOptions) error {
	if cs.s.opt.Username != "" && !cs.authed {
		return errAuthRequired
	}
	if opts != nil && opts.Size > cs.s.opt.MaxMessageBytes {
		return &smtp.SMTPError{Code: 552, EnhancedCode: smtp.EnhancedCode{5, 3, 4},
			Message: fmt.Sprintf("message too big: %d bytes, the limit is %d", opts.Size, cs.s.opt.MaxMessageBytes)}
	}
	cs.from = from
	cs.to = cs.to[:0]
	return nil
}

func (cs *captureSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	cs.to = append(cs.to, to)
	return nil
}

func (cs *captureSession) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r); err != nil {
		return err
	}
	raw := buf.Bytes()
	c := Captured{
		From:    cs.from,
		To:      append([]string(nil), cs.to...),
		Raw:     raw,
		Subject: subjectOf(raw),
		At:      time.Now(),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := cs.s.opt.Sink.Store(ctx, c); err != nil {
		cs.s.srv.ErrorLog.Printf("capture: store message from %s: %v", cs.from, err)
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "could not store the message, try again later"}
	}
	return nil
}

func (cs *captureSession) Reset() {
	cs.from, cs.to = "", nil
}

func (cs *captureSession) Logout() error { return nil }

// loginServer is the server side of the (obsolete but widespread) LOGIN
// mechanism, which go-sasl only implements for clients.
type loginServer struct {
	check func(user, pass string) error
	user  string
	step  int
}

func (l *loginServer) Next(response []byte) (challenge []byte, done bool, err error) {
	switch l.step {
	case 0:
		l.step = 1
		if response != nil {
			// Initial response carries the user name.
			l.user = string(response)
			l.step = 2
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 1:
		l.user = string(response)
		l.step = 2
		return []byte("Password:"), false, nil
	case 2:
		l.step = 3
		return nil, true, l.check(l.user, string(response))
	}
	return nil, false, sasl.ErrUnexpectedClientResponse
}
