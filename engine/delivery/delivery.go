// Package delivery connects the runner's outbox to the outside world: it
// renders templates, rewrites links for tracking, sends through an SMTP relay
// or the local capture mailbox, posts webhooks, serves the tracking and intake
// HTTP routes on loopback, and turns opens, clicks and unsubscribes back
// into events for the runner.
package delivery

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	netmail "net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/forms"
	"flightplan/engine/journey"
	"flightplan/engine/mail"
	"flightplan/engine/runner"
	"flightplan/engine/settings"
	"flightplan/engine/store"
	"flightplan/engine/track"
)

// Options override the workspace settings (tests use port 0).
type Options struct {
	HTTPAddr    string
	CaptureAddr string
	// Public lets HTTPAddr be an address other machines reach (a server:
	// flightplan run --http 0.0.0.0:443), which the workspace's setting
	// never may. PublicURL is then where people reach it, which the links
	// in emails and forms name; its host is accepted in Host headers.
	Public    bool
	PublicURL string
	// TLSCert and TLSKey, both set, serve HTTPS with this certificate pair
	// (PEM files) instead of plain HTTP.
	TLSCert, TLSKey string
	// Relay, when set, sends real email through this profile instead of the capture mailbox.
	Relay *mail.Profile
	Log   *slog.Logger
	// OnEvents, when set, is called after events arriving over HTTP (the
	// intake, opens, clicks, unsubscribes) are stored, so the scheduler
	// runs them at once instead of at its next poll.
	OnEvents func()
	// TrustedProxies are the reverse proxies in front of the server (run
	// --behind-proxy): the forms' per-IP limit counts the client their
	// X-Forwarded-For names. None (the default, and always on loopback):
	// the header is ignored, anyone could write it.
	TrustedProxies []netip.Prefix
	// FormLimits tunes the forms' spam checks (tests); zero means the defaults.
	FormLimits forms.Limits
	// SiteLimits, when set, replaces the website route's rate limits
	// (track.DefaultSiteLimits): a benchmark lifts them.
	SiteLimits track.SiteLimits
}

// Service is the running delivery side of a workspace.
type Service struct {
	onEvents func()
	st       *store.Store
	run      *runner.Runner
	renderer *mail.Renderer
	signer   *track.Signer
	urls     track.URLs
	from     netmail.Address
	log      *slog.Logger

	sender    *mail.Sender
	capture   *mail.CaptureServer
	httpSrv   *http.Server
	httpAddr  string
	token     string
	webClient *http.Client

	tplMu sync.Mutex
	tpls  map[string]cachedTemplate
}

// Start opens the local servers and the sender.
func Start(st *store.Store, run *runner.Runner, o Options) (*Service, error) {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	s := &Service{onEvents: o.OnEvents, st: st, run: run, renderer: mail.NewRenderer(), log: o.Log,
		webClient: &http.Client{Timeout: 10 * time.Second}}
	key, err := secret(st, settings.TrackingKey, 32)
	if err != nil {
		return nil, err
	}
	s.signer, err = track.NewSigner(key)
	if err != nil {
		return nil, err
	}
	tok, err := secret(st, settings.IntakeToken, 24)
	if err != nil {
		return nil, err
	}
	s.token = hex.EncodeToString(tok)
	from, err := netmail.ParseAddress(setting(st, settings.From))
	if err != nil {
		return nil, fmt.Errorf("setting %s: %w", settings.From, err)
	}
	s.from = *from

	// HTTP: tracking, unsubscribe and intake, on loopback.
	addr := firstNonEmpty(o.HTTPAddr, setting(st, settings.HTTPAddr))
	if !o.Public {
		if err := settings.LoopbackOnly(addr); err != nil {
			return nil, fmt.Errorf("tracking server: %w", err)
		}
	}
	hosts := publicHosts(st)
	var pub *url.URL
	if o.PublicURL != "" {
		if pub, err = url.Parse(o.PublicURL); err != nil || (pub.Scheme != "http" && pub.Scheme != "https") || pub.Host == "" {
			return nil, fmt.Errorf("public URL %q: give the address people reach the server at, like https://track.example.com", o.PublicURL)
		}
		hosts = append(hosts, pub.Hostname())
	}
	var tlsCert tls.Certificate
	if o.TLSCert != "" || o.TLSKey != "" {
		if tlsCert, err = tls.LoadX509KeyPair(o.TLSCert, o.TLSKey); err != nil {
			return nil, fmt.Errorf("TLS certificate %s and key %s: %w", o.TLSCert, o.TLSKey, err)
		}
	}
	h, err := track.NewHandler(track.HandlerOptions{Signer: s.signer, Recorder: s, Intake: s, IntakeToken: s.token, Log: o.Log,
		PublicHosts: hosts, Site: s, SiteLimits: o.SiteLimits,
		Forms: forms.NewHandler(forms.Options{Signer: s.signer, Service: s, Limits: o.FormLimits, Log: o.Log, TrustedProxies: o.TrustedProxies})})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("tracking server on %s: %w", addr, err)
	}
	s.httpAddr = ln.Addr().String()
	scheme := "http://"
	s.httpSrv = newHTTPServer(h)
	// Handshakes that fail (scanners, plain HTTP to HTTPS) are the
	// network's noise: logged at debug level, not on stderr.
	s.httpSrv.ErrorLog = slog.NewLogLogger(o.Log.Handler(), slog.LevelDebug)
	if len(tlsCert.Certificate) > 0 {
		scheme = "https://"
		s.httpSrv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{tlsCert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, s.httpSrv.TLSConfig)
	}
	s.urls = track.URLs{Base: scheme + s.httpAddr, Signer: s.signer}
	if pub != nil {
		s.urls.Base = strings.TrimSuffix(pub.String(), "/")
	}
	go s.httpSrv.Serve(ln)

	relay := o.Relay
	if relay == nil {
		// A relay whose password cannot be read (keyring locked) must not
		// quietly become the capture mailbox: nothing would be sent.
		raw, err := st.Setting(settings.Relay)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("SMTP relay: %w", err)
		}
		if raw != "" {
			var p mail.Profile
			if err := json.Unmarshal([]byte(raw), &p); err != nil {
				s.Close()
				return nil, fmt.Errorf("setting %s: %w", settings.Relay, err)
			}
			relay = &p
		}
	}
	if relay == nil {
		// Offline default: a capture mailbox on loopback, and the sender talks
		// SMTP to it — the same path as a real relay.
		// It accepts only this engine's sender: a password made for this run
		// and never stored, so no other local process can drop mail in.
		caddr := firstNonEmpty(o.CaptureAddr, setting(st, settings.CaptureAddr))
		pass := make([]byte, 18)
		if _, err := rand.Read(pass); err != nil {
			s.Close()
			return nil, err
		}
		user, password := "flightplan", hex.EncodeToString(pass)
		s.capture, err = mail.NewCaptureServer(mail.CaptureOptions{Addr: caddr, Sink: s, Username: user, Password: password})
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("capture mailbox on %s: %w", caddr, err)
		}
		host, port, _ := net.SplitHostPort(s.capture.Addr())
		p, _ := strconv.Atoi(port)
		relay = &mail.Profile{Name: "capture", Host: host, Port: p, Security: mail.SecurityNone, Username: user, Password: password}
	}
	if relay.From == "" {
		relay.From = s.from.Address
	}
	s.sender, err = mail.NewSender(*relay)
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// setting reads a plain setting, its default when unset or unreadable.
func setting(st *store.Store, key string) string {
	v, err := settings.Get(st, key)
	if err != nil {
		s, _ := settings.Lookup(key)
		return s.Default
	}
	return v
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// secret returns a workspace secret, creating it on first use.
//
// A secret that cannot be read (its keyring locked) is an error, never a
// reason to make a new one: a new tracking key would break the links of
// every email already sent, their unsubscribe links among them.
func secret(st *store.Store, key string, n int) ([]byte, error) {
	v, err := st.Setting(key)
	if err != nil {
		return nil, err
	}
	if v != "" {
		return hex.DecodeString(v)
	}
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	// Another engine on the same workspace may be making one now: the
	// first to store it wins, and both use that one.
	v, err = st.InitSetting(key, hex.EncodeToString(b))
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(v)
}

// HTTPAddr is the tracking/intake server's address.
func (s *Service) HTTPAddr() string { return s.httpAddr }

// BaseURL is where the links in emails and forms point: the public URL
// when one was given, else the server's own address.
func (s *Service) BaseURL() string { return s.urls.Base }

// CaptureAddr is the capture mailbox's SMTP address ("" with a relay).
func (s *Service) CaptureAddr() string {
	if s.capture == nil {
		return ""
	}
	return s.capture.Addr()
}

// IntakeToken is the bearer token of POST /events.
func (s *Service) IntakeToken() string { return s.token }

// Close stops the servers and the sender.
func (s *Service) Close() error {
	var errs []error
	if s.httpSrv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		errs = append(errs, s.httpSrv.Shutdown(ctx))
		cancel()
	}
	if s.sender != nil {
		errs = append(errs, s.sender.Close())
	}
	if s.capture != nil {
		errs = append(errs, s.capture.Close())
	}
	return errors.Join(errs...)
}

// template loads an email template (the renderer caches compiled ones).
// Loaded templates are kept until the store's templates change: reading
// and decoding one per message cost a fifth of a delivery's CPU.
func (s *Service) template(id string) (mail.Template, error) {
	gen := s.st.TemplatesVersion()
	s.tplMu.Lock()
	c, ok := s.tpls[id]
	s.tplMu.Unlock()
	if ok && c.gen == gen {
		return c.t, nil
	}
	rec, err := s.st.Template(id)
	if err != nil {
		return mail.Template{}, err
	}
	var t mail.Template
	if err := json.Unmarshal([]byte(rec.Body), &t); err != nil {
		return t, fmt.Errorf("email template %q is damaged: %w", id, err)
	}
	t.ID = id
	s.tplMu.Lock()
	if s.tpls == nil || len(s.tpls) > 1000 {
		s.tpls = map[string]cachedTemplate{}
	}
	s.tpls[id] = cachedTemplate{t: t, gen: gen}
	s.tplMu.Unlock()
	return t, nil
}

// cachedTemplate is a decoded template and the store's templates version
// it was read at.
type cachedTemplate struct {
	t   mail.Template
	gen uint64
}

// Deliver implements runner.Deliverer.
func (s *Service) Deliver(ctx context.Context, m *runner.Message) runner.DeliveryResult {
	switch m.Kind {
	case "email":
		return s.email(ctx, m)
	case "notify":
		return s.notify(ctx, m)
	case "webhook":
		return s.webhook(ctx, m)
	}
	return runner.DeliveryResult{Status: runner.Failed, Error: "unknown message kind " + m.Kind}
}

func messageID(key string) string {
	return strings.NewReplacer("/", ".").Replace(key) + "@flightplan.localhost"
}

func (s *Service) email(ctx context.Context, m *runner.Message) runner.DeliveryResult {
	t, err := s.template(m.Payload.Template)
	if errors.Is(err, store.ErrNotFound) {
		// The step was published with this email; it was deleted (or its
		// id changed) since. Said in the step's words, not the store's.
		return runner.DeliveryResult{Status: runner.Failed, Error: journey.MissingEmail(m.Payload.Template)}
	}
	if err != nil {
		return runner.DeliveryResult{Status: runner.Failed, Error: fmt.Sprintf("flow %q: node %q: %v", m.Payload.FlowID, m.Node, err)}
	}
	raw, from, err := s.buildEmail(t, m.Contact, m.Contact.ID, m.Contact.Email, messageID(m.Key), m.Key, m.Payload.Event, m.Payload.Marketing)
	if err != nil {
		return runner.DeliveryResult{Status: runner.Failed, Error: fmt.Sprintf("flow %q: node %q: %v", m.Payload.FlowID, m.Node, err)}
	}
	return s.send(ctx, mail.Envelope{From: from, To: []string{m.Contact.Email}, BeforeData: m.Ready}, raw, messageID(m.Key))
}

// buildEmail renders a template for a contact into a message to the given
// address, with links tracked for trackID; it returns the message and its
// sender.
func (s *Service) buildEmail(t mail.Template, c *contact.Contact, trackID int64, to, id, key string, event map[string]any, marketing bool) ([]byte, string, error) {
	unsub := s.urls.Unsubscribe(id, trackID)
	out, err := s.renderer.Render(t, mail.Data{Contact: c.Map(), Event: event, Extra: map[string]any{"unsubscribe_url": unsub}})
	if err != nil {
		return nil, "", err
	}
	tr := mail.Tracking{Links: s.urls, MessageID: id, ContactID: trackID}
	from := s.from
	if t.FromEmail != "" {
		from = netmail.Address{Name: t.FromName, Address: t.FromEmail}
	}
	name := ""
	if to == c.Email {
		name = strings.TrimSpace(c.Identity["first_name"] + " " + c.Identity["last_name"])
	}
	raw, err := mail.Build(mail.Outgoing{From: from, To: []netmail.Address{{Name: name, Address: to}},
		Subject: out.Subject, HTML: mail.Track(out.HTML, tr), Text: mail.TrackText(out.Text, tr), MessageID: id, Key: key,
		Marketing: marketing, UnsubscribeURL: unsub})
	return raw, from.Address, err
}

// TestResult is what happened to a test send, in plain words.
type TestResult struct {
	Sent bool `json:"sent"`
	// To is the address it went to; Via names the relay or "capture" (the
	// local mailbox).
	To  string `json:"to"`
	Via string `json:"via"`
	// Subject is the rendered subject line.
	Subject string `json:"subject"`
	// Error says why it was not sent ("" when sent).
	Error string `json:"error,omitempty"`
}

// SendTest renders a template for a contact and sends it to another
// address (the user's own), through the same relay or capture mailbox as
// the funnels' emails. Nothing is journaled or counted, and the contact's
// opens and clicks of it are not recorded as theirs: its tracking points
// at a message id no journey has.
func (s *Service) SendTest(ctx context.Context, t mail.Template, c *contact.Contact, to string) TestResult {
	res := TestResult{To: to, Via: s.sender.Profile().Name}
	addr, err := netmail.ParseAddress(to)
	if err != nil {
		res.Error = fmt.Sprintf("%q is not an email address", to)
		return res
	}
	res.To = addr.Address
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	key := "test." + hex.EncodeToString(rnd[:])
	id := key + "@flightplan.localhost"
	if r, err := s.renderer.Render(t, mail.Data{Contact: c.Map()}); err == nil {
		res.Subject = r.Subject
	}
	// A test is not a send to the contact: its links and unsubscribe link
	// are tracked for no contact (contact 0), so clicking them in the test
	// never unsubscribes or moves the real contact.
	raw, from, err := s.buildEmail(t, c, 0, addr.Address, id, key, nil, false)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	out := s.sender.Send(ctx, mail.Envelope{From: from, To: []string{addr.Address}}, raw)
	if out.Status != mail.StatusSent {
		res.Error = out.Message
		return res
	}
	res.Sent = true
	return res
}

func (s *Service) send(ctx context.Context, env mail.Envelope, raw []byte, id string) runner.DeliveryResult {
	res := s.sender.Send(ctx, env, raw)
	switch res.Status {
	case mail.StatusSent:
		return runner.DeliveryResult{Status: runner.Sent, MessageID: id}
	case mail.StatusBounce:
		return runner.DeliveryResult{Status: runner.Bounce, Error: res.Message}
	}
	return runner.DeliveryResult{Status: runner.Retry, Error: res.Message}
}

func (s *Service) notify(ctx context.Context, m *runner.Message) runner.DeliveryResult {
	t := mail.Template{ID: "notify/" + m.Payload.FlowID + "/" + m.Node, Subject: m.Payload.Subject, Text: m.Payload.Message, HTML: ""}
	out, err := s.renderer.Render(t, mail.Data{Contact: m.Contact.Map()})
	if err != nil {
		return runner.DeliveryResult{Status: runner.Failed, Error: err.Error()}
	}
	id := messageID(m.Key)
	to, err := netmail.ParseAddress(m.Payload.To)
	if err != nil {
		return runner.DeliveryResult{Status: runner.Failed, Error: fmt.Sprintf("alert address %q: %v", m.Payload.To, err)}
	}
	raw, err := mail.Build(mail.Outgoing{From: s.from, To: []netmail.Address{*to}, Subject: out.Subject, Text: out.Text, MessageID: id, Key: m.Key})
	if err != nil {
		return runner.DeliveryResult{Status: runner.Failed, Error: err.Error()}
	}
	return s.send(ctx, mail.Envelope{From: s.from.Address, To: []string{to.Address}, BeforeData: m.Ready}, raw, id)
}

func (s *Service) webhook(ctx context.Context, m *runner.Message) runner.DeliveryResult {
	body, _ := json.Marshal(map[string]any{"contact": m.Contact.Map(), "flow": m.Payload.FlowID, "node": m.Node, "key": m.Key})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.Payload.URL, bytes.NewReader(body))
	if err != nil {
		return runner.DeliveryResult{Status: runner.Failed, Error: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", m.Key)
	if err := m.Ready(); err != nil {
		return runner.DeliveryResult{Status: runner.Retry, Error: err.Error()}
	}
	resp, err := s.webClient.Do(req)
	if err != nil {
		return runner.DeliveryResult{Status: runner.Retry, Error: err.Error()}
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode < 300:
		return runner.DeliveryResult{Status: runner.Sent, MessageID: m.Key}
	case resp.StatusCode == 429 || resp.StatusCode >= 500:
		return runner.DeliveryResult{Status: runner.Retry, Error: fmt.Sprintf("%s answered %s", m.Payload.URL, resp.Status)}
	}
	return runner.DeliveryResult{Status: runner.Failed, Error: fmt.Sprintf("%s answered %s", m.Payload.URL, resp.Status)}
}

// Store implements mail.Sink: captured messages go to the workspace mailbox.
func (s *Service) Store(ctx context.Context, c mail.Captured) error {
	id := ""
	if msg, err := netmail.ReadMessage(bytes.NewReader(c.Raw)); err == nil {
		id = strings.Trim(msg.Header.Get("Message-Id"), "<> ")
	}
	_, err := s.st.StoreCaptured(c.From, strings.Join(c.To, ", "), c.Subject, id, c.Raw, c.At)
	return err
}

// Record implements track.Recorder: opens, clicks and unsubscribes become
// events that resume journeys and feed the engagement conditions.
func (s *Service) Record(ctx context.Context, c track.Claim, kind string, meta map[string]string) error {
	key := strings.TrimSuffix(c.MessageID, "@flightplan.localhost")
	parts := strings.SplitN(key, ".", 3) // enrollment.node.seq
	props := map[string]any{"message_id": c.MessageID}
	if len(parts) == 3 {
		if enr, err := strconv.ParseInt(parts[0], 10, 64); err == nil {
			props["enrollment_id"] = enr
			props["node"] = parts[1]
		}
	}
	if kind == track.KindDownload {
		// A tracked download or link, not an email's: the event says what
		// was followed.
		typ := contact.EventDownloaded
		if c.MessageID == "link" {
			typ = "link_clicked"
		}
		_, rej, err := s.run.IngestShared(ctx, []runner.EventInput{{ContactID: c.ContactID, Type: typ, Props: map[string]any{"url": c.Extra}}}, "tracking")
		if err == nil && len(rej) > 0 {
			err = rej[0]
		}
		if err == nil {
			s.poke()
		}
		return err
	}
	typ := contact.EventEmailOpened
	switch kind {
	case track.KindClick:
		typ = contact.EventEmailClicked
		props["url"] = s.clickedURL(c.Extra)
	case track.KindUnsub:
		typ = contact.EventUnsubscribed
		if _, err := s.st.Exec(ctx, "unsubscribe-contact", c.ContactID); err != nil {
			return err
		}
	}
	_, rej, err := s.run.IngestShared(ctx, []runner.EventInput{{ContactID: c.ContactID, Type: typ, Props: props}}, "tracking")
	if err == nil && len(rej) > 0 {
		err = rej[0]
	}
	if err == nil {
		s.poke()
	}
	return err
}

// clickedURL is the address a click went to: for a download button (its
// click leads to our own signed download redirect), the file's, so that
// "clicked */white-paper*" matches it like any link.
func (s *Service) clickedURL(target string) string {
	prefix := strings.TrimRight(s.urls.Base, "/") + "/d/"
	if !strings.HasPrefix(target, prefix) {
		return target
	}
	if d, err := s.signer.Verify(strings.TrimPrefix(target, prefix)); err == nil && d.Kind == track.KindDownload {
		return d.Extra
	}
	return target
}

// Connections implements runner.Parallel: one message in flight per
// connection the relay profile allows. Every path calls Message.Ready
// before the message can leave (SMTP DATA, the webhook's request).
func (s *Service) Connections() int { return s.sender.Profile().Connections }
