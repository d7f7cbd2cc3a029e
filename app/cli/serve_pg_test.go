package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"flightplan/engine/store/pgtest"
)

// helperArgs makes the test binary run one command of Main, as the
// flightplan binary would (see TestMain): a separate process.
const helperArgs = "FLIGHTPLAN_TEST_CLI_ARGS"

// twoEngineFlow: a signup waits 2 s (a wake-up), then gets an email.
const twoEngineFlow = `{
  "format": "flightplan.flow/v1", "id": "shared", "name": "Shared",
  "nodes": [
    {"id": "start", "type": "trigger.event", "config": {"event_type": "signup"}},
    {"id": "pause", "type": "wait.delay", "config": {"duration": "2s"}},
    {"id": "hello", "type": "action.send_email", "config": {"template": "hello"}}
  ],
  "edges": [{"from": "start", "to": "pause"}, {"from": "pause", "to": "hello"}]
}`

// Two `flightplan run` engines serve one PostgreSQL workspace at once:
// 300 contacts sign up (a third imported before, the others posted to both
// engines' intakes at once), wait and get an email; every journey is journaled
// once, every email is queued once and reaches the capture mailbox once,
// whichever engine took it. A third command that writes is refused while
// they run (the engines share the workspace's lock; it needs it alone).
func TestTwoEnginesShareAPostgresWorkspace(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	const n = 300
	dir := t.TempDir()
	ws := pgtest.Database(t)
	cli := func(args ...string) string { t.Helper(); return must(t, append(args, "--workspace", ws)...) }
	cli("emails", "import", writeFile(t, dir, "hello.html", "<p>Hello {{ contact.first_name }}</p>\n<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>\n"), "--subject", "Hi {{ contact.first_name }}")
	cli("import", "flow", writeFile(t, dir, "shared.flow.json", twoEngineFlow))
	var people, events strings.Builder
	people.WriteString("email,first_name\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&people, "p%d@example.com,P%d\n", i, i)
		if i <= n/3 {
			fmt.Fprintf(&events, `{"email":"p%d@example.com","type":"signup"}`+"\n", i)
		}
	}
	cli("import", "contacts", writeFile(t, dir, "people.csv", people.String()))
	cli("publish", "shared")
	cli("import", "events", writeFile(t, dir, "signups.jsonl", events.String()))

	type engine struct {
		cmd      *exec.Cmd
		out, err syncBuffer
	}
	var engines []*engine
	for range 2 {
		e := &engine{cmd: exec.Command(os.Args[0], "-test.run=^$")}
		e.cmd.Env = append(os.Environ(), helperArgs+"=run --workspace "+ws+" --http 127.0.0.1:0 --capture 127.0.0.1:0 --poll 20ms")
		e.cmd.Stdout, e.cmd.Stderr = &e.out, &e.err
		if err := e.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		engines = append(engines, e)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		for _, e := range engines {
			e.cmd.Process.Signal(syscall.SIGTERM)
		}
		for i, e := range engines {
			if err := e.cmd.Wait(); err != nil {
				t.Errorf("engine %d: %v\n%s%s", i+1, err, e.out.String(), e.err.String())
			}
		}
	}
	defer stop()

	// The other signups come through both engines' intakes at once, in
	// small batches: their events interleave in the events table.
	addr := regexp.MustCompile(`tracking and intake: (http://[0-9.:]+)`)
	urls := make([]string, len(engines))
	for k, e := range engines {
		for wait := time.Now().Add(30 * time.Second); urls[k] == "" && time.Now().Before(wait); time.Sleep(50 * time.Millisecond) {
			if m := addr.FindStringSubmatch(e.out.String()); m != nil {
				urls[k] = m[1]
			}
		}
		if urls[k] == "" {
			t.Fatalf("engine %d printed no intake address:\n%s%s", k+1, e.out.String(), e.err.String())
		}
	}
	// Made by the first engine to start; the second took the same.
	token := strings.TrimSpace(cli("token"))
	var wg sync.WaitGroup
	for k := range engines {
		url := urls[k]
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := n/3 + 1 + k*n/3
			for i := from; i < from+n/3; i += 5 {
				var batch []string
				for j := i; j < i+5; j++ {
					batch = append(batch, fmt.Sprintf(`{"type":"signup","email":"p%d@example.com"}`, j))
				}
				req, _ := http.NewRequest("POST", url+"/events", strings.NewReader("["+strings.Join(batch, ",")+"]"))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Errorf("engine %d intake: %v", k+1, err)
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("engine %d intake: %d %s", k+1, resp.StatusCode, body)
					return
				}
			}
		}()
	}
	wg.Wait()

	type message struct{ To string }
	var msgs []message
	deadline := time.Now().Add(90 * time.Second)
	for {
		msgs = nil
		json.Unmarshal([]byte(cli("mailbox", "list", "--limit", "1000", "--json")), &msgs)
		if len(msgs) >= n || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Both engines were up together: each printed its banner.
	for i, e := range engines {
		if !strings.Contains(e.out.String(), "running on") {
			t.Errorf("engine %d did not start:\n%s%s", i+1, e.out.String(), e.err.String())
		}
	}
	if code, _, errs := runCLI("lists", "add", "Late", "--workspace", ws); code != 1 || !strings.Contains(errs, "flightplan run") {
		t.Errorf("a write beside the engines: exit %d: %s", code, errs)
	}
	time.Sleep(time.Second) // anything sent twice would arrive by now
	stop()

	seen := map[string]int{}
	for _, m := range msgs {
		seen[m.To]++
	}
	msgs = nil
	json.Unmarshal([]byte(cli("mailbox", "list", "--limit", "1000", "--json")), &msgs)
	for _, m := range msgs {
		seen[m.To]++
	}
	for i := 1; i <= n; i++ {
		// Counted twice above: once when the count was reached, once after.
		if to := fmt.Sprintf("p%d@example.com", i); seen[to] != 2 {
			t.Errorf("%s: %d emails in the capture mailbox (over two reads), want 1", to, seen[to]/2)
		}
	}
	if len(msgs) != n {
		t.Errorf("%d emails in the capture mailbox, want %d", len(msgs), n)
	}
	var steps []struct {
		ContactID int64  `json:"contact_id"`
		Node      string `json:"node"`
	}
	if err := json.Unmarshal([]byte(cli("journal", "--flow", "shared", "--json")), &steps); err != nil {
		t.Fatal(err)
	}
	perStep := map[string]int{}
	for _, s := range steps {
		perStep[fmt.Sprintf("%d/%s", s.ContactID, s.Node)]++
	}
	for k, c := range perStep {
		if c != 1 && !strings.HasSuffix(k, "/pause") {
			t.Errorf("journal: %s %d times", k, c)
		}
	}
	// start, pause (parks, then resumes), hello, per contact.
	if len(steps) != 4*n {
		t.Errorf("%d journal rows, want %d", len(steps), 4*n)
	}
	out := cli("outbox", "--status", "sent", "--json")
	var sent []json.RawMessage
	json.Unmarshal([]byte(out), &sent)
	if len(sent) != n {
		t.Errorf("%d messages sent in the outbox, want %d", len(sent), n)
	}
}
