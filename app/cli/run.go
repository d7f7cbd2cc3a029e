package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"flightplan/engine"
	"flightplan/engine/delivery"
	"flightplan/engine/mail"
	"flightplan/engine/runner"
	"flightplan/engine/settings"
	"flightplan/engine/store"
	"flightplan/engine/track"
)

// cmdRun is the headless engine: scheduler, delivery, tracking and intake
// server, capture mailbox — for a machine that keeps automations running
// while nobody has the window open.
func runFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	httpAddr := fs.String("http", "", "tracking and intake address (default "+settings.DefaultHTTPAddr+", loopback only)")
	capture := fs.String("capture", "", "capture mailbox SMTP address (default "+settings.DefaultCaptureAddr+")")
	relay := fs.String("relay", "", "send through this SMTP relay (host:port, no TLS) instead of the capture mailbox")
	conns := fs.Int("connections", 0, "SMTP connections to the relay used at once (default 2)")
	poll := fs.Duration("poll", 500*time.Millisecond, "how often to look for due work")
	lease := fs.Duration("lease", runner.DefaultSendingLease, "how long an email being sent stays this engine's if it stops answering, before another engine on the same PostgreSQL workspace sends it")
	var w webFlags
	fs.StringVar(&w.publicURL, "public-url", "", "where people reach the tracking server (https://track.example.com): the links in emails and forms name it; needed with an --http address other machines reach")
	fs.StringVar(&w.cert, "tls-cert", "", "serve HTTPS with this certificate (PEM file, with --tls-key)")
	fs.StringVar(&w.key, "tls-key", "", "the certificate's private key (PEM file)")
	fs.BoolVar(&w.proxy, "behind-proxy", false, "serve plain HTTP on an --http address other machines reach, because a reverse proxy in front of it serves HTTPS; the forms' per-IP limit then counts the client the proxy names in X-Forwarded-For")
	fs.StringVar(&w.trusted, "trusted-proxies", "", "with --behind-proxy: the proxies' addresses or networks, comma-separated (default: loopback and private networks)")
	return func(c *ctx, args []string) int {
		return cmdRun(c, *httpAddr, *capture, *relay, *conns, *poll, *lease, w)
	}
}

// tokenHint says where the intake token is, in place of the token.
const tokenHint = "run `flightplan token`, or see Settings → Tracking and website events in the window"

// cmdToken prints the workspace's intake token alone on stdout, for a
// script: TOKEN=$(flightplan token). It only reads, so it works beside a
// running engine.
func cmdToken(c *ctx, args []string) int {
	if len(args) != 0 {
		return c.fail("token: usage: token [--workspace FILE]")
	}
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	tok, err := eng.Store.Setting(settings.IntakeToken)
	if err != nil {
		return c.fail("%v", err)
	}
	if tok == "" {
		return c.fail("token: this workspace has no intake token yet: it is made the first time the engine runs (the window or flightplan run)")
	}
	if c.json {
		c.emit(map[string]string{"intake_token": tok})
		return 0
	}
	fmt.Fprintln(c.stdout, tok)
	return 0
}

// webFlags are how `run` serves the web beyond this machine.
type webFlags struct {
	publicURL, cert, key, trusted string
	proxy                         bool
}

// trustedProxies are the proxies whose X-Forwarded-For is believed: none
// without --behind-proxy.
func (w webFlags) trustedProxies() ([]netip.Prefix, error) {
	if !w.proxy {
		if w.trusted != "" {
			return nil, fmt.Errorf("--trusted-proxies goes with --behind-proxy")
		}
		return nil, nil
	}
	if w.trusted == "" {
		return track.DefaultTrustedProxies, nil
	}
	tp, err := track.ParseTrustedProxies(w.trusted)
	if err != nil {
		return nil, fmt.Errorf("--trusted-proxies: %w", err)
	}
	return tp, nil
}

// check refuses an address other machines reach unless the traffic is
// encrypted (a certificate pair here, or a reverse proxy in front) and the
// links in emails can name where people reach it. It tells whether the
// address is public.
func (w webFlags) check(httpAddr string) (bool, error) {
	if (w.cert == "") != (w.key == "") {
		return false, fmt.Errorf("--tls-cert and --tls-key go together: give both files")
	}
	if httpAddr == "" || settings.LoopbackOnly(httpAddr) == nil {
		return false, nil
	}
	if _, _, err := net.SplitHostPort(httpAddr); err != nil {
		return false, fmt.Errorf("--http %q: not an address like 0.0.0.0:443: %v", httpAddr, err)
	}
	if w.cert == "" && !w.proxy {
		return false, fmt.Errorf("--http %s is reached from other machines: give --tls-cert and --tls-key to serve HTTPS, or --behind-proxy when a reverse proxy in front of it serves HTTPS (the intake token and contacts' clicks would otherwise cross the network in clear)", httpAddr)
	}
	if w.publicURL == "" {
		return false, fmt.Errorf("--http %s is reached from other machines: give --public-url, the address people reach it at (https://track.example.com), which the links in emails name", httpAddr)
	}
	return true, nil
}

func cmdRun(c *ctx, httpAddr, capture, relay string, conns int, poll, lease time.Duration, w webFlags) int {
	if lease < time.Second {
		return c.fail("--lease %s: give at least 1s (it is renewed every third of it)", lease)
	}
	public, err := w.check(httpAddr)
	if err != nil {
		return c.fail("%v", err)
	}
	trusted, err := w.trustedProxies()
	if err != nil {
		return c.fail("%v", err)
	}
	eng, err := c.open("run")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	opts := engine.StartOptions{Poll: poll, SendingLease: lease, Delivery: delivery.Options{HTTPAddr: httpAddr, CaptureAddr: capture,
		Public: public, PublicURL: w.publicURL, TLSCert: w.cert, TLSKey: w.key, TrustedProxies: trusted},
		Log: slog.New(slog.NewTextHandler(c.stderr, nil))}
	if relay != "" {
		host, port, err := net.SplitHostPort(relay)
		if err != nil {
			return c.fail("--relay %q: %v", relay, err)
		}
		p, _ := strconv.Atoi(port)
		opts.Delivery.Relay = &mail.Profile{Name: "relay", Host: host, Port: p, Security: mail.SecurityNone, Connections: conns}
	}
	// Listen for the stop signal before saying we run, so that whoever
	// reads the banner can stop us at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := eng.Start(opts); err != nil {
		return c.fail("%v", err)
	}
	// The intake token is a secret: it is never printed here, where logs
	// and terminals keep it; `flightplan token` prints it on demand.
	// A PostgreSQL URL is printed without its password.
	info := map[string]string{"workspace": store.Redact(eng.Store.Path), "http": eng.Delivery.HTTPAddr(), "url": eng.Delivery.BaseURL(), "capture": eng.Delivery.CaptureAddr(), "intake_token_from": "flightplan token"}
	if c.json {
		c.emit(info)
	} else {
		mailbox := "capture mailbox: " + info["capture"]
		if info["capture"] == "" {
			mailbox = "sending through the relay " + relay
		}
		scheme := "http://"
		if w.cert != "" {
			scheme = "https://"
		}
		links := ""
		if w.publicURL != "" {
			links = "\n  links in emails: " + info["url"]
		}
		fmt.Fprintf(c.stdout, "flightplan: running on %s\n  tracking and intake: %s%s (token: %s)%s\n  %s\n", info["workspace"], scheme, info["http"], tokenHint, links, mailbox)
	}
	<-ctx.Done()
	fmt.Fprintln(c.stderr, "flightplan: stopping")
	return 0
}
