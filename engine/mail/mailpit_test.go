package mail

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"go/build"
	"io"
	"net"
	"net/http"
	netmail "net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// mailpit is a running Mailpit (github.com/axllent/mailpit), a real
// third-party SMTP server with a REST API, on loopback ports.
type mailpit struct {
	smtpPort int
	api      string
}

func mailpitBin(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	p := filepath.Join(build.Default.GOPATH, "bin", "mailpit")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("mailpit not found on PATH or at %s: go install github.com/axllent/mailpit@v1.27.11", p)
	}
	return p
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startMailpit runs Mailpit with SMTP AUTH (user app, password s3cret; the
// file format accepts plain passwords), STARTTLS with certPEM/keyPEM, and a
// database in a temp dir.
func startMailpit(t *testing.T, certPEM, keyPEM []byte) *mailpit {
	t.Helper()
	bin := mailpitBin(t)
	dir := t.TempDir()
	files := map[string][]byte{"auth": []byte("app:s3cret\n"), "cert.pem": certPEM, "key.pem": keyPEM}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m := &mailpit{smtpPort: freePort(t)}
	httpPort := freePort(t)
	m.api = fmt.Sprintf("http://127.0.0.1:%d/api/v1", httpPort)
	cmd := exec.Command(bin,
		"--smtp", fmt.Sprintf("127.0.0.1:%d", m.smtpPort),
		"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(dir, "mailpit.db"),
		"--smtp-auth-file", filepath.Join(dir, "auth"),
		"--smtp-auth-allow-insecure",
		"--smtp-tls-cert", filepath.Join(dir, "cert.pem"),
		"--smtp-tls-key", filepath.Join(dir, "key.pem"),
		"--smtp-disable-rdns",
		"--disable-version-check",
		"--quiet",
	)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	// Wait until it answers; this is readiness, not a timing assertion.
	for deadline := time.Now().Add(20 * time.Second); ; {
		select {
		case err := <-exited:
			t.Fatalf("mailpit exited: %v\n%s", err, out)
		default:
		}
		if resp, err := http.Get(m.api + "/info"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (m *mailpit) get(t *testing.T, path string, v any) []byte {
	t.Helper()
	resp, err := http.Get(m.api + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v\n%s", path, err, b)
		}
	}
	return b
}

type mpAddr struct{ Name, Address string }

type mpSummary struct {
	ID      string
	Subject string
	To      []mpAddr
}

type mpMessage struct {
	ID              string
	MessageID       string
	From            mpAddr
	To              []mpAddr
	Subject         string
	Username        string
	Text            string
	HTML            string
	ListUnsubscribe struct {
		Header     string
		Links      []string
		Errors     string
		HeaderPost string
	}
}

var hrefRE = regexp.MustCompile(`href="([^"]+)"`)

func TestSendThroughMailpit(t *testing.T) {
	_, pool, certPEM, keyPEM := testCert(t)
	mp := startMailpit(t, certPEM, keyPEM)

	plain := Profile{Name: "mailpit-plain", Host: "127.0.0.1", Port: mp.smtpPort, Security: SecurityNone,
		Username: "app", Password: "s3cret", AuthMethod: AuthPlain, From: "bounces@flightplan.test", Connections: 2}
	starttls := plain
	starttls.Name, starttls.Security, starttls.AuthMethod = "mailpit-starttls", SecurityStartTLS, AuthLogin
	starttls.TLS = &tls.Config{RootCAs: pool}
	for _, p := range []Profile{plain, starttls} {
		if err := TestConnection(context.Background(), p); err != nil {
			t.Fatalf("TestConnection(%s): %v", p.Name, err)
		}
	}
	wrong := plain
	wrong.Password = "nope"
	var se *StageError
	if err := TestConnection(context.Background(), wrong); !errors.As(err, &se) || se.Stage != StageAuth {
		t.Fatalf("wrong password against Mailpit: %v, want an auth stage error", err)
	}

	anonymous := plain
	anonymous.Username, anonymous.Password = "", ""
	if err := TestConnection(context.Background(), anonymous); !errors.As(err, &se) || se.Stage != StageSender {
		t.Fatalf("no credentials against Mailpit: %v, want MAIL FROM refused", err)
	}

	urls := testURLs(t, "http://127.0.0.1:8787")
	r := NewRenderer()
	contacts := []struct {
		id          int64
		first, last string
		email       string
	}{
		{1, "Ana", "O'Neil", "ana@example.com"},
		{2, "李雷", "韩", "lilei@example.cn"},
		{3, "عبد الله", "", "abd@example.sa"},
		{4, "Zoé <b>", "🚀", "zoe@example.fr"},
	}
	type sentMsg struct {
		key, html, text, subject, unsub string
		contact                         int64
		viaLogin                        bool
	}
	sent := map[string]sentMsg{} // by recipient
	senders := []*Sender{newSender(t, plain), newSender(t, starttls)}
	for i, c := range contacts {
		key := fmt.Sprintf("out-%d", 100+i)
		unsub := urls.Unsubscribe(key, c.id)
		d := welcomeData(int(c.id))
		d.Contact["first_name"], d.Contact["last_name"], d.Contact["email"] = c.first, c.last, c.email
		d.Extra = map[string]any{"unsubscribe_url": unsub}
		out, err := r.Render(welcome, d)
		if err != nil {
			t.Fatal(err)
		}
		tr := Tracking{Links: urls, MessageID: key, ContactID: c.id}
		html := Track(out.HTML, tr)
		text := TrackText(out.Text, tr)
		raw, err := Build(Outgoing{
			From: netmail.Address{Name: welcome.FromName, Address: welcome.FromEmail}, To: []netmail.Address{{Name: strings.TrimSpace(c.first + " " + c.last), Address: c.email}},
			Subject: out.Subject, HTML: html, Text: text, Key: key,
			Marketing: true, UnsubscribeURL: unsub, UnsubscribeMailto: "unsubscribe@flightplan.test",
		})
		if err != nil {
			t.Fatal(err)
		}
		res := senders[i%2].Send(context.Background(), Envelope{From: "bounces@flightplan.test", To: []string{c.email}}, raw)
		if res.Status != StatusSent {
			t.Fatalf("send to %s via %s: %+v", c.email, senders[i%2].Profile().Name, res)
		}
		sent[c.email] = sentMsg{key: key, html: html, text: text, subject: out.Subject, unsub: unsub, contact: c.id, viaLogin: i%2 == 1}
	}

	var list struct {
		Total    int         `json:"total"`
		Messages []mpSummary `json:"messages"`
	}
	mp.get(t, "/messages?limit=50", &list)
	if list.Total != len(contacts) || len(list.Messages) != len(contacts) {
		t.Fatalf("Mailpit holds %d messages, want %d", list.Total, len(contacts))
	}
	for _, sum := range list.Messages {
		var m mpMessage
		mp.get(t, "/message/"+sum.ID, &m)
		if len(m.To) != 1 {
			t.Fatalf("message %s has To %v", m.ID, m.To)
		}
		want, ok := sent[m.To[0].Address]
		if !ok {
			t.Fatalf("unexpected recipient %v", m.To)
		}
		name := ""
		for _, c := range contacts {
			if c.email == m.To[0].Address {
				name = strings.TrimSpace(c.first + " " + c.last)
				if !strings.Contains(m.Subject, c.first) || !strings.Contains(m.Text, "# Bonjour "+c.first+"!") {
					t.Errorf("%s: not personalised: subject %q", c.email, m.Subject)
				}
			}
		}
		if m.Subject != want.subject || m.From.Name != "Équipe Flightplan" || m.From.Address != "hello@flightplan.test" || m.To[0].Name != name {
			t.Errorf("%s: subject %q from %+v to %+v", m.To[0].Address, m.Subject, m.From, m.To)
		}
		// Mailpit records the user of AUTH LOGIN only (not PLAIN), so check
		// it on the STARTTLS sender's messages; the refusals above show
		// that AUTH is enforced for both.
		if want.viaLogin && m.Username != "app" {
			t.Errorf("%s: Mailpit saw SMTP user %q, want app", m.To[0].Address, m.Username)
		}
		lu := m.ListUnsubscribe
		if lu.HeaderPost != "List-Unsubscribe=One-Click" || lu.Errors != "" || !slices.Contains(lu.Links, want.unsub) ||
			!slices.Contains(lu.Links, "mailto:unsubscribe@flightplan.test") {
			t.Errorf("%s: List-Unsubscribe as Mailpit reads it: %+v", m.To[0].Address, lu)
		}
		if !strings.Contains(m.Text, "Unsubscribe ("+want.unsub+")") {
			t.Errorf("%s: text part lacks the signed unsubscribe link", m.To[0].Address)
		}
		if strings.Contains(m.HTML, "<b>") && strings.Contains(name, "<b>") && !strings.Contains(m.HTML, "Zoé &lt;b&gt;") {
			t.Errorf("%s: HTML value not escaped", m.To[0].Address)
		}

		// Tracking: every web link is a signed click that names this message,
		// contact and the original URL; the pixel and unsubscribe link too.
		var clicks []string
		for _, h := range hrefRE.FindAllStringSubmatch(m.HTML, -1) {
			u := strings.ReplaceAll(h[1], "&amp;", "&")
			switch {
			case strings.HasPrefix(u, "http://127.0.0.1:8787/c/"):
				c, err := urls.Signer.Verify(strings.TrimPrefix(u, "http://127.0.0.1:8787/c/"))
				if err != nil || c.MessageID != want.key || c.ContactID != want.contact {
					t.Fatalf("click link %q: %+v %v", u, c, err)
				}
				clicks = append(clicks, c.Extra)
			case strings.HasPrefix(u, "http://127.0.0.1:8787/u/"):
				if u != want.unsub {
					t.Errorf("unsubscribe link %q, want %q", u, want.unsub)
				}
			}
		}
		wantClicks := []string{fmt.Sprintf("https://shop.example.com/start?ref=welcome&c=%d", want.contact), "https://docs.example.com/guide"}
		if !slices.Equal(clicks, wantClicks) {
			t.Errorf("click targets %q, want %q", clicks, wantClicks)
		}
		if !strings.Contains(m.HTML, `href="mailto:help@example.com"`) || !strings.Contains(m.HTML, "http://127.0.0.1:8787/o/") {
			t.Errorf("%s: mailto link or open pixel missing", m.To[0].Address)
		}

		var headers map[string][]string
		mp.get(t, "/message/"+sum.ID+"/headers", &headers)
		if k := headers["X-Flightplan-Key"]; len(k) != 1 || k[0] != want.key {
			t.Errorf("X-Flightplan-Key = %q, want %q", k, want.key)
		}
		raw := mp.get(t, "/message/"+sum.ID+"/raw", nil)
		p, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Headers["Content-Type"][0], "multipart/alternative;") || p.HTML != want.html || p.Text != want.text {
			t.Errorf("%s: raw from Mailpit differs from what was sent (content-type %q)", m.To[0].Address, p.Headers["Content-Type"])
		}
	}
}
