package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// faultServer is a real go-smtp server on 127.0.0.1:0 whose backend fails
// on cue: each queue holds the replies for the next commands of that kind
// (nil lets the command through).
type faultServer struct {
	srv  *smtp.Server
	addr string

	mu        sync.Mutex
	conns     []*smtp.Conn
	sessions  int
	delivered []Captured
	mailErrs  []error
	rcptErrs  []error
	dataErrs  []error
	dataDelay time.Duration
	user      string
	pass      string
}

type faultOpts struct {
	tlsConfig   *tls.Config // offered via STARTTLS
	implicitTLS bool        // listen with TLS from the first byte
	user, pass  string      // require AUTH PLAIN/LOGIN
}

func startFaultServer(t testing.TB, o faultOpts) *faultServer {
	t.Helper()
	f := &faultServer{user: o.user, pass: o.pass}
	f.srv = smtp.NewServer(f)
	f.srv.Domain = "faults.test"
	f.srv.AllowInsecureAuth = true
	f.srv.ErrorLog = log.New(io.Discard, "", 0)
	f.srv.TLSConfig = o.tlsConfig
	var ln net.Listener
	var err error
	if o.implicitTLS {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", o.tlsConfig)
		f.srv.TLSConfig = nil
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	f.addr = ln.Addr().String()
	go f.srv.Serve(ln)
	t.Cleanup(func() { f.srv.Close() })
	return f
}

func (f *faultServer) NewSession(c *smtp.Conn) (smtp.Session, error) {
	f.mu.Lock()
	f.conns = append(f.conns, c)
	f.sessions++
	f.mu.Unlock()
	return &faultSession{f: f, authed: f.user == ""}, nil
}

// dropConns closes the server side of every connection, as a relay does
// with idle clients.
func (f *faultServer) dropConns() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns {
		c.Close()
	}
	f.conns = nil
}

func pop(q *[]error) error {
	if len(*q) == 0 {
		return nil
	}
	err := (*q)[0]
	*q = (*q)[1:]
	return err
}

func (f *faultServer) stats() (sessions int, delivered []Captured) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sessions, append([]Captured(nil), f.delivered...)
}

func (f *faultServer) host() string { h, _, _ := net.SplitHostPort(f.addr); return h }
func (f *faultServer) port() int {
	_, p, _ := net.SplitHostPort(f.addr)
	n, _ := net.LookupPort("tcp", p)
	return n
}

type faultSession struct {
	f      *faultServer
	authed bool
	from   string
	to     []string
}

func (s *faultSession) AuthMechanisms() []string {
	if s.f.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *faultSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.f.user || pass != s.f.pass {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *faultSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.from = from
	return pop(&s.f.mailErrs)
}

func (s *faultSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	if err := pop(&s.f.rcptErrs); err != nil {
		return err
	}
	s.to = append(s.to, to)
	return nil
}

func (s *faultSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.f.mu.Lock()
	delay := s.f.dataDelay
	err = pop(&s.f.dataErrs)
	s.f.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	if err != nil {
		return err
	}
	s.f.mu.Lock()
	s.f.delivered = append(s.f.delivered, Captured{From: s.from, To: s.to, Raw: raw, At: time.Now()})
	s.f.mu.Unlock()
	return nil
}

func (s *faultSession) Reset()        { s.from, s.to = "", nil }
func (s *faultSession) Logout() error { return nil }

// testCert makes a self-signed certificate for 127.0.0.1 and localhost and
// returns it with a pool that trusts it and its PEM files' contents.
func testCert(t testing.TB) (tls.Certificate, *x509.CertPool, []byte, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "flightplan test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	kb, _ := x509.MarshalECPrivateKey(key)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return cert, pool, certPEM, keyPEM
}
