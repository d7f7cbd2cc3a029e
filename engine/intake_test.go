package engine

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/track"
)

// liveIntake is a started engine and a way to POST /events to it.
type liveIntake struct {
	e    *Engine
	base string
	tok  string
}

func startIntake(t *testing.T) *liveIntake {
	t.Helper()
	e, err := New(Options{Workspace: testWorkspace(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	if err := e.Start(StartOptions{Poll: time.Hour, Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Stop)
	return &liveIntake{e: e, base: "http://" + e.Delivery.HTTPAddr(), tok: e.Delivery.IntakeToken()}
}

func (l *liveIntake) post(t *testing.T, body string) (int, track.IntakeResponse, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", l.base+"/events", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+l.tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r track.IntakeResponse
	json.Unmarshal(raw, &r)
	return resp.StatusCode, r, string(raw)
}

func (l *liveIntake) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := l.e.Store.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A retried POST (same event id) stores its event once, even within one
// request, and answers 200 with the duplicate counted; another source's
// identical id is a different event.
func TestIntakeRetriesDoNotDuplicate(t *testing.T) {
	l := startIntake(t)
	ev := `{"id":"order-17","type":"purchase","email":"ana@example.com","data":{"total":49.9}}`
	code, r, body := l.post(t, "["+ev+"]")
	if code != 200 || r.Accepted != 1 {
		t.Fatalf("first: %d %s", code, body)
	}
	code, r, body = l.post(t, "["+ev+","+ev+"]")
	if code != 200 || r.Accepted != 0 || r.Duplicates != 2 || len(r.Errors) != 0 {
		t.Fatalf("retry: %d %s, want 200 with 2 duplicates", code, body)
	}
	if n := l.count(t, `SELECT count(*) FROM events WHERE type='purchase'`); n != 1 {
		t.Fatalf("%d purchase events stored, want 1", n)
	}
	// The same id from a named sender is another event; its own retry is not.
	shop := `{"id":"order-17","source":"shop","type":"purchase","email":"ana@example.com"}`
	if code, r, body := l.post(t, "["+shop+"]"); code != 200 || r.Accepted != 1 {
		t.Fatalf("shop: %d %s, want it stored", code, body)
	}
	if code, r, body := l.post(t, "["+shop+"]"); code != 200 || r.Duplicates != 1 {
		t.Fatalf("shop retry: %d %s, want a duplicate", code, body)
	}
	if n := l.count(t, `SELECT count(*) FROM events WHERE type='purchase' AND source='intake:shop'`); n != 1 {
		t.Fatalf("%d purchase events from intake:shop, want 1", n)
	}
	l.e.Store.DB().Exec(`DELETE FROM events WHERE source='intake:shop'`)
	// The same id from the tracking side (another source) is not a retry.
	if _, rej, err := l.e.Runner.Ingest(t.Context(), []runnerEvent{{Email: "ana@example.com", Type: "purchase", ID: "order-17"}}, "cli"); err != nil || len(rej) != 0 {
		t.Fatalf("other source: %v %v", rej, err)
	}
	if n := l.count(t, `SELECT count(*) FROM events WHERE type='purchase'`); n != 2 {
		t.Fatalf("%d purchase events stored, want 2 (one per source)", n)
	}
}

// An event whose data would break SQLite's JSON functions (nested 1,001
// deep) is refused at the door and creates no contact; so is any refused
// event, and so are system event types.
func TestIntakeRefusesBadEventsAndCreatesNobody(t *testing.T) {
	l := startIntake(t)
	deep := strings.Repeat(`{"a":`, 1001) + "1" + strings.Repeat("}", 1001)
	keys := make([]string, 1001)
	for i := range keys {
		keys[i] = `"k` + strconv.Itoa(i) + `":1`
	}
	wide := "{" + strings.Join(keys, ",") + "}"
	future := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	cases := []struct{ name, ev, want string }{
		{"deep", `{"type":"page_visited","email":"deep@example.com","data":` + deep + `}`, "nested deeper than 16"},
		{"wide", `{"type":"page_visited","email":"wide@example.com","data":` + wide + `}`, "more than 1000 properties"},
		{"future", `{"type":"page_visited","email":"future@example.com","at":"` + future + `"}`, "in the future"},
		{"system", `{"type":"email_opened","email":"opened@example.com"}`, "recorded by Flightplan itself"},
	}
	for _, c := range cases {
		code, r, body := l.post(t, "["+c.ev+"]")
		if code != 422 || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error, c.want) {
			t.Errorf("%s: %d %s, want 422 saying %q", c.name, code, body, c.want)
		}
	}
	if n := l.count(t, `SELECT count(*) FROM contacts`); n != 0 {
		t.Errorf("%d contacts created by refused events, want 0", n)
	}
	if n := l.count(t, `SELECT count(*) FROM events`); n != 0 {
		t.Errorf("%d events stored, want 0", n)
	}
	// A good event for a new email creates its contact once, with the
	// identity fields from its data, the sign-up event first.
	code, _, body := l.post(t, `[{"type":"form_submitted","email":"Zoe@Example.com","data":{"first_name":"Zoé"}},{"type":"page_visited","email":"zoe@example.com"}]`)
	if code != 200 {
		t.Fatalf("sign-up: %d %s", code, body)
	}
	if n := l.count(t, `SELECT count(*) FROM contacts WHERE email='zoe@example.com' AND first_name='Zoé'`); n != 1 {
		t.Errorf("%d contacts zoe@example.com named Zoé, want 1", n)
	}
	var types string
	l.e.Store.DB().QueryRow(`SELECT group_concat(type, ',' ORDER BY id) FROM events`).Scan(&types)
	if types != "contact_created,form_submitted,page_visited" {
		t.Errorf("events %s, want contact_created,form_submitted,page_visited", types)
	}
}

// The server refuses requests that name a host other than a loopback one
// (a DNS-rebinding page).
func TestIntakeServerChecksHost(t *testing.T) {
	l := startIntake(t)
	req, _ := http.NewRequest("POST", l.base+"/events", strings.NewReader(`[]`))
	req.Host = "attacker.example:47800"
	req.Header.Set("Authorization", "Bearer "+l.tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host attacker.example: %d, want 421", resp.StatusCode)
	}
}

// Events posted to the intake run at once: the server pokes the scheduler
// instead of leaving them to its next poll (an hour here).
func TestIntakeEventsRunAtOnce(t *testing.T) {
	l := startIntake(t)
	f := flow.New("visit", "Visit")
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.event", Config: map[string]any{"event_type": "page_visited"}}, {ID: "tag", Type: "action.tag_add", Config: map[string]any{"tag": "visitor"}}}
	f.Edges = []flow.Edge{{From: "t", To: "tag"}}
	if _, err := l.e.Store.Publish(f, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	if code, _, body := l.post(t, `[{"type":"page_visited","email":"ana@example.com"}]`); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	waitFor(t, "the visitor tag", func() bool {
		return l.count(t, `SELECT count(*) FROM contact_tags WHERE tag='visitor'`) == 1
	})
}
