package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
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
	return func(c *ctx, args []string) int { return cmdRun(c, *httpAddr, *capture, *relay, *conns, *poll, *lease) }
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

func cmdRun(c *ctx, httpAddr, capture, relay string, conns int, poll, lease time.Duration) int {
	eng, err := c.open("run")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	if lease < time.Second {
		return c.fail("--lease %s: give at least 1s (it is renewed every third of it)", lease)
	}
	opts := engine.StartOptions{Poll: poll, SendingLease: lease, Delivery: delivery.Options{HTTPAddr: httpAddr, CaptureAddr: capture},
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
	info := map[string]string{"workspace": store.Redact(eng.Store.Path), "http": eng.Delivery.HTTPAddr(), "capture": eng.Delivery.CaptureAddr(), "intake_token_from": "flightplan token"}
	if c.json {
		c.emit(info)
	} else {
		mailbox := "capture mailbox: " + info["capture"]
		if info["capture"] == "" {
			mailbox = "sending through the relay " + relay
		}
		fmt.Fprintf(c.stdout, "flightplan: running on %s\n  tracking and intake: http://%s (token: %s)\n  %s\n", info["workspace"], info["http"], tokenHint, mailbox)
	}
	<-ctx.Done()
	fmt.Fprintln(c.stderr, "flightplan: stopping")
	return 0
}
