package mail

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// swaks returns the path of swaks, a real SMTP client from Debian. The
// capture tests must not pass without it, so a missing tool fails.
func swaks(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("swaks")
	if err != nil {
		t.Fatal("swaks not found: run build/setup.sh test")
	}
	return p
}

// runSwaks sends the message in file to the server; swaks stays connected
// until it has sent QUIT and read the reply, and only then exits.
func runSwaks(t *testing.T, addr, file string, extra ...string) (string, error) {
	t.Helper()
	args := append([]string{"--server", addr, "--from", "sender@flightplan.test", "--to", "ana@example.com,bob@example.com",
		"--data", "@" + file, "--helo", "swaks.test", "--timeout", "10"}, extra...)
	out, err := exec.Command(swaks(t), args...).CombinedOutput()
	return string(out), err
}

func TestCaptureWithSwaks(t *testing.T) {
	swaks(t)
	m := sampleOutgoing()
	m.Subject = "Réservation confirmée — 李雷, مرحبا 🎉 " + strings.Repeat("très long sujet ", 6)
	raw, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	// swaks ends DATA with its own CRLF "." CRLF after the file's content,
	// so the file holds the message without its final CRLF; what arrives
	// must then be exactly the built message.
	file := filepath.Join(t.TempDir(), "msg.eml")
	if err := os.WriteFile(file, bytes.TrimSuffix(raw, []byte("\r\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	wantSubject := strings.Join(strings.Fields(m.Subject), " ")

	// With credentials, only a client that logs in may send (530 before
	// AUTH, 535 for a wrong password): the engine's own sender.
	cases := []struct {
		name   string
		args   []string
		refuse string // the SMTP code of the refusal, "" to accept
	}{
		{"no auth", nil, "530"},
		{"auth plain", []string{"--auth", "PLAIN", "--auth-user", "app", "--auth-password", "s3cret"}, ""},
		{"auth login", []string{"--auth", "LOGIN", "--auth-user", "app", "--auth-password", "s3cret"}, ""},
		{"wrong password", []string{"--auth", "PLAIN", "--auth-user", "app", "--auth-password", "nope"}, "535"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, sink := startCapture(t, CaptureOptions{Username: "app", Password: "s3cret"})
			out, err := runSwaks(t, srv.Addr(), file, c.args...)
			got := sink.all()
			if c.refuse != "" {
				if err == nil || len(got) != 0 || !strings.Contains(out, "<** "+c.refuse) {
					t.Fatalf("not refused with %s (err %v, %d stored):\n%s", c.refuse, err, len(got), out)
				}
				return
			}
			if err != nil {
				t.Fatalf("swaks failed: %v\n%s", err, out)
			}
			if len(got) != 1 {
				t.Fatalf("stored %d messages, want 1\n%s", len(got), out)
			}
			c := got[0]
			if !bytes.Equal(c.Raw, raw) {
				i := 0
				for i < len(c.Raw) && i < len(raw) && c.Raw[i] == raw[i] {
					i++
				}
				t.Fatalf("raw message changed in transit: %d bytes, want %d; first difference at %d: got %q, want %q",
					len(c.Raw), len(raw), i, c.Raw[i:min(len(c.Raw), i+40)], raw[i:min(len(raw), i+40)])
			}
			if c.From != "sender@flightplan.test" || strings.Join(c.To, ",") != "ana@example.com,bob@example.com" {
				t.Errorf("envelope from %q to %q", c.From, c.To)
			}
			if c.Subject != wantSubject || c.At.IsZero() {
				t.Errorf("subject %q at %v", c.Subject, c.At)
			}
			p, err := Parse(c.Raw)
			if err != nil {
				t.Fatal(err)
			}
			if p.Subject != wantSubject || !strings.Contains(p.HTML, "<b>Ana</b>") || !strings.HasPrefix(p.Text, "Hello Ana") ||
				!strings.HasPrefix(p.Headers["Content-Type"][0], "multipart/alternative;") || p.Headers["X-Flightplan-Key"][0] != "out-42" {
				t.Errorf("parsed: %+v", p)
			}
		})
	}
}

func TestCaptureSinkFailureIsTemporary(t *testing.T) {
	swaks(t)
	sink := &memSink{fail: errors.New("disk full")}
	srv, _ := startCapture(t, CaptureOptions{Sink: sink})
	file := filepath.Join(t.TempDir(), "m.eml")
	os.WriteFile(file, []byte("Subject: x\r\n\r\nbody\r\n"), 0o600)
	out, err := runSwaks(t, srv.Addr(), file)
	if err == nil || !strings.Contains(out, "451") {
		t.Fatalf("a failed store must answer 451 (err %v):\n%s", err, out)
	}
}

// A message over the size limit is refused with 552 and nothing is stored,
// whether the client announces its size or not.
func TestCaptureRefusesOversizedMessages(t *testing.T) {
	swaks(t)
	srv, sink := startCapture(t, CaptureOptions{})
	file := filepath.Join(t.TempDir(), "big.eml")
	body := strings.Repeat(strings.Repeat("x", 76)+"\r\n", (11<<20)/78)
	os.WriteFile(file, []byte("Subject: big\r\n\r\n"+body), 0o600)
	out, err := runSwaks(t, srv.Addr(), file)
	if err == nil || !strings.Contains(out, "<** 552") || len(sink.all()) != 0 {
		t.Fatalf("11 MiB message: err %v, %d stored:\n%s", err, len(sink.all()), out)
	}
	small := filepath.Join(t.TempDir(), "small.eml")
	os.WriteFile(small, []byte("Subject: small\r\n\r\nhello\r\n"), 0o600)
	if out, err := runSwaks(t, srv.Addr(), small); err != nil || len(sink.all()) != 1 {
		t.Fatalf("small message after a refused one: %v\n%s", err, out)
	}
}

func TestCaptureRefusesNonLoopback(t *testing.T) {
	for _, a := range []string{"0.0.0.0:0", ":0", "192.0.2.1:25"} {
		if _, err := NewCaptureServer(CaptureOptions{Addr: a, Sink: &memSink{}}); err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("NewCaptureServer(%q) = %v, want a loopback refusal", a, err)
		}
	}
}
