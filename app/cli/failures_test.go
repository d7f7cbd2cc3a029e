package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine"
)

// failures lists a message that could not be sent with its step and
// reason (exit 1); retry queues it again; then failures says none.
func TestFailuresAndRetryFromTheCommandLine(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.flightplan")
	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UnixMilli()
	eng.Store.DB().Exec(`INSERT INTO flows(id, name, draft, published_version, enabled, created_at, updated_at) VALUES('welcome','Welcome','{}',NULL,0,0,0)`)
	eng.Store.DB().Exec(`INSERT INTO outbox(key, kind, contact_id, enrollment_id, node, payload, status, next_at, created_at, last_error)
		VALUES('1/hello/1','email',1,1,'hello','{"flow":"welcome","node":"hello","template":"gone"}','failed',?,?,'the email "gone" does not exist any more')`, now, now)
	eng.Close()

	code, out, _ := runCLI("failures", "--workspace", ws)
	if code != 1 || !strings.Contains(out, `flow "welcome": node "hello": 1 not sent, 0 waiting to be tried again, 0 journeys stopped: the email "gone" does not exist any more`) {
		t.Errorf("failures: %d\n%s", code, out)
	}
	code, out, errs := runCLI("retry", "welcome", "hello", "--workspace", ws)
	if code != 0 || !strings.Contains(out, `flow "welcome": 1 messages queued again, 0 journeys run again`) {
		t.Errorf("retry: %d\n%s%s", code, out, errs)
	}
	// Queued again, it is still not sent: it waits for its next try.
	code, out, _ = runCLI("failures", "welcome", "--workspace", ws)
	if code != 1 || !strings.Contains(out, "0 not sent, 1 waiting to be tried again") {
		t.Errorf("failures after retry: %d\n%s", code, out)
	}
	if code, _, errs := runCLI("retry", "nope", "--workspace", ws); code != 1 || !strings.Contains(errs, `funnel "nope" does not exist`) {
		t.Errorf("retry of an unknown funnel: %d %s", code, errs)
	}
}
