package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"flightplan/engine"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

// countingServer is a real SMTP server on loopback that counts messages by
// their X-Flightplan-Key header.
type countingServer struct {
	mu   sync.Mutex
	keys map[string]int
}

func (s *countingServer) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &countSession{s: s}, nil
}

type countSession struct{ s *countingServer }

func (cs *countSession) Mail(string, *smtp.MailOptions) error { return nil }
func (cs *countSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (cs *countSession) Reset()                               {}
func (cs *countSession) Logout() error                        { return nil }
func (cs *countSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, msg.Body)
	cs.s.mu.Lock()
	cs.s.keys[msg.Header.Get("X-Flightplan-Key")]++
	cs.s.mu.Unlock()
	return nil
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "flightplan")
	cmd := exec.Command("go", "build", "-o", bin, "flightplan")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("building the binary: %v", err)
	}
	return bin
}

// TestCrashSafety runs the headless engine as a separate process over
// thousands of due journeys and pending emails, kills it with SIGKILL
// mid-run several times, restarts it, and checks that every journey ends
// where it should with every step journaled once, and that each email
// reached the SMTP server once.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short only")
	}
	const contacts = 2000
	ws := filepath.Join(t.TempDir(), "crash.flightplan")
	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	f := flow.New("crash", "Crash test")
	f.Nodes = []flow.Node{
		{ID: "start", Type: "trigger.manual"},
		{ID: "tag", Type: "action.tag_add", Config: map[string]any{"tag": "in"}},
		{ID: "first", Type: "action.send_email", Config: map[string]any{"template": "t1"}},
		{ID: "wait", Type: "wait.delay", Config: map[string]any{"duration": "2s"}},
		{ID: "second", Type: "action.send_email", Config: map[string]any{"template": "t2"}},
		{ID: "end", Type: "exit"},
	}
	f.Edges = []flow.Edge{{From: "start", To: "tag"}, {From: "tag", To: "first"}, {From: "first", To: "wait"}, {From: "wait", To: "second"}, {From: "second", To: "end"}}
	if _, err := eng.Store.Publish(f, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"t1", "t2"} {
		eng.Store.SaveTemplate(id, id, `{"subject":"Hello {{ contact.email }}","html":"<p>Hi {{ contact.email }}</p>"}`, time.Now())
	}
	tx, _ := eng.Store.DB().Begin()
	ids := make([]int64, contacts)
	for i := range ids {
		res, err := tx.Exec(`INSERT INTO contacts(email, created_at, updated_at) VALUES(?,0,0)`, fmt.Sprintf("c%d@example.com", i))
		if err != nil {
			t.Fatal(err)
		}
		ids[i], _ = res.LastInsertId()
	}
	tx.Commit()
	if n, err := eng.Runner.Enroll(ctx, "crash", ids); err != nil || n != contacts {
		t.Fatal(n, err)
	}
	eng.Close()

	srv := &countingServer{keys: map[string]int{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ss := smtp.NewServer(srv)
	ss.Domain = "localhost"
	ss.AllowInsecureAuth = true
	ss.ErrorLog = log.New(io.Discard, "", 0)
	go ss.Serve(ln)
	defer ss.Close()

	bin := buildBinary(t)
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "run", "--workspace", ws, "--relay", ln.Addr().String(), "--http", "127.0.0.1:0", "--capture", "127.0.0.1:0", "--poll", "20ms")
		cmd.Stdout = io.Discard
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() {
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if strings.Contains(sc.Text(), "level=ERROR") {
					t.Log(sc.Text())
				}
			}
		}()
		return cmd
	}
	rng := rand.New(rand.NewSource(1))
	kills := 0
	for i := 0; i < 6; i++ {
		cmd := start()
		time.Sleep(time.Duration(250+rng.Intn(700)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		kills++
	}
	cmd := start()
	deadline := time.Now().Add(90 * time.Second)
	eng2, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	defer eng2.Close()
	for {
		var open, pending int
		eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM enrollments WHERE status<>'done'`).Scan(&open)
		eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status<>'sent'`).Scan(&pending)
		if open == 0 && pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the restarts, %d journeys and %d messages are unfinished", open, pending)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()

	// Every journey: exactly these steps, in order, once.
	want := "start:next tag:next first:next wait:(wait) wait:next second:next end:(end)"
	rows, err := eng2.Store.ReadDB().Query(`SELECT enrollment_id, group_concat(node || ':' || CASE WHEN port<>'' THEN port ELSE '(' || outcome || ')' END, ' ') FROM (SELECT * FROM steps ORDER BY id) GROUP BY enrollment_id`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id int64
		var path string
		rows.Scan(&id, &path)
		if path != want {
			t.Errorf("enrollment %d: %s", id, path)
		}
		n++
	}
	rows.Close()
	if n != contacts {
		t.Errorf("%d journeys journaled, want %d", n, contacts)
	}
	var tagged int
	eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM contact_tags WHERE tag='in'`).Scan(&tagged)
	if tagged != contacts {
		t.Errorf("%d contacts tagged, want %d", tagged, contacts)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	dups := 0
	for _, c := range srv.keys {
		dups += c - 1
	}
	t.Logf("%d kills; %d distinct emails received, %d duplicates", kills, len(srv.keys), dups)
	if len(srv.keys) != 2*contacts {
		t.Errorf("%d distinct emails reached the server, want %d", len(srv.keys), 2*contacts)
	}
	// A duplicate can only be the message in flight at a kill (accepted by
	// the server, not yet committed as sent): at most one per kill.
	if dups > kills {
		t.Errorf("%d duplicate deliveries after %d kills", dups, kills)
	}
	var sentEvents int
	eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM events WHERE type=?`, contact.EventEmailSent).Scan(&sentEvents)
	if sentEvents != 2*contacts {
		t.Errorf("%d email_sent events, want %d", sentEvents, 2*contacts)
	}
}
