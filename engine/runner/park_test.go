package runner

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store/pgtest"
)

// lockProbe is a ScriptRunner standing in for Lua: while a "script" runs it
// writes to the workspace from a second connection that never waits for a
// lock (busy_timeout 0), as an import or a publish from the command line
// would. If the runner held its write transaction around the script, that
// write would fail at once with "database is locked". It also edits the
// contact's company meanwhile, so the test can check that an edit made
// while a script runs is not lost.
type lockProbe struct {
	t     *testing.T
	other *sql.DB
	mu    sync.Mutex
	runs  int
	fails []string
}

func (p *lockProbe) Run(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.runs++
	if _, err := p.other.ExecContext(ctx, `UPDATE contacts SET company='Acme' WHERE id=?`, c.Contact.ID); err != nil {
		p.fails = append(p.fails, fmt.Sprintf("contact %d: %v", c.Contact.ID, err))
	}
	// The answer depends on the step before the script in the same visit
	// (set_field plan=pro), which the script must see.
	return c.Contact.Fields["plan"] == "pro" && name == "is_pro", nil
}

func scriptFlow() *flow.Flow {
	f := flow.New("scripted", "Scripted")
	f.Settings.Reentry = flow.ReentryAlways
	f.Nodes = []flow.Node{
		{ID: "t", Type: "trigger.event", Config: map[string]any{"event_type": "page_visited"}},
		{ID: "plan", Type: "action.set_field", Config: map[string]any{"field": "plan", "value": "pro"}},
		{ID: "rule", Type: "condition.lua", Config: map[string]any{"script": "is_pro", "params": map[string]any{"min": 1.0}}},
		{ID: "hot", Type: "action.tag_add", Config: map[string]any{"tag": "hot"}},
		{ID: "cold", Type: "action.tag_add", Config: map[string]any{"tag": "cold"}},
	}
	f.Edges = []flow.Edge{{From: "t", To: "plan"}, {From: "plan", To: "rule"}, {From: "rule", Port: "yes", To: "hot"}, {From: "rule", Port: "no", To: "cold"}}
	return f
}

func newScriptHarness(t *testing.T) (*harness, *lockProbe) {
	h := newSQLiteHarness(t)
	if _, err := h.st.Publish(scriptFlow(), "", t0); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite3", "file:"+h.st.Path+"?_busy_timeout=0&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	p := &lockProbe{t: t, other: other}
	h.r = New(h.st, nodes.MustRegistry(), Options{Clock: h.clk, Scripts: p})
	return h, p
}

// A script step runs with no write transaction open, so other writers
// never wait for it; the journey still takes every step once, the script
// sees the visit's earlier steps, and an edit made while it ran is kept.
func TestScriptsRunWithTheWorkspaceUnlocked(t *testing.T) {
	h, p := newScriptHarness(t)
	var ids []int64
	for i := range 20 {
		id := h.contact(fmt.Sprintf("c%d@example.com", i))
		ids = append(ids, id)
		h.event(id, "page_visited", nil)
	}
	if _, err := h.r.RunOnce(h.ctx); err != nil {
		t.Fatal(err)
	}
	if len(p.fails) > 0 {
		t.Fatalf("writes while a script ran failed (the write lock was held):\n%s", strings.Join(p.fails, "\n"))
	}
	if p.runs != len(ids) {
		t.Errorf("script ran %d times for %d contacts", p.runs, len(ids))
	}
	for _, id := range ids {
		if got, want := h.path(id, "scripted"), "t:next plan:next rule:yes hot:next(end)"; got != want {
			t.Errorf("contact %d: path %q, want %q", id, got, want)
		}
		var company, fields string
		var hot int
		h.st.ReadDB().QueryRow(`SELECT company, fields, (SELECT count(*) FROM contact_tags WHERE contact_id=contacts.id AND tag='hot') FROM contacts WHERE id=?`, id).Scan(&company, &fields, &hot)
		if company != "Acme" || !strings.Contains(fields, `"plan":"pro"`) || hot != 1 {
			t.Errorf("contact %d: company %q, fields %s, tagged hot %d: the edit made while the script ran, or the journey's own changes, were lost", id, company, fields, hot)
		}
	}
	var visits, open int
	h.st.ReadDB().QueryRow(`SELECT n FROM node_visits WHERE flow_id='scripted' AND node='rule'`).Scan(&visits)
	h.st.ReadDB().QueryRow(`SELECT count(*) FROM enrollments WHERE status<>'done'`).Scan(&open)
	if visits != len(ids) || open != 0 {
		t.Errorf("rule visited %d times, %d journeys not done; want %d and 0", visits, open, len(ids))
	}
}

// A journey parked before its script step when the engine stopped (stored
// "active") is taken up by the next run, with each step journaled once.
func TestParkedJourneyResumesAfterRestart(t *testing.T) {
	h, p := newScriptHarness(t)
	id := h.contact("ana@example.com")
	h.event(id, "page_visited", nil)
	if err := h.r.refresh(h.ctx); err != nil {
		t.Fatal(err)
	}
	s, err := h.r.processEvents(h.ctx) // parks at "rule", commits, then the engine "stops"
	if err != nil {
		t.Fatal(err)
	}
	var status, node string
	h.st.ReadDB().QueryRow(`SELECT status, node FROM enrollments`).Scan(&status, &node)
	if s.parked != 1 || status != "active" || node != "rule" || p.runs != 0 {
		t.Fatalf("after the first batch: %d parked, journey %s at %q, %d script runs; want 1, active at rule, 0", s.parked, status, node, p.runs)
	}
	r2 := New(h.st, nodes.MustRegistry(), Options{Clock: h.clk, Scripts: p})
	if _, err := r2.RunOnce(h.ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := h.path(id, "scripted"), "t:next plan:next rule:yes hot:next(end)"; got != want || p.runs != 1 {
		t.Errorf("after a restart: path %q, %d script runs; want %q, 1", got, p.runs, want)
	}
}

// A journey that leaves while parked (here: its flow is deleted) is not
// taken up again, and its script answer is dropped.
func TestParkedJourneyThatLeftIsDropped(t *testing.T) {
	h, p := newScriptHarness(t)
	id := h.contact("ana@example.com")
	h.event(id, "page_visited", nil)
	if err := h.r.refresh(h.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.r.processEvents(h.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.DB().Exec(`UPDATE enrollments SET status='exited' WHERE status='active'`); err != nil {
		t.Fatal(err)
	}
	if _, err := h.r.RunOnce(h.ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := h.path(id, "scripted"), "t:next plan:next"; got != want {
		t.Errorf("path %q, want %q", got, want)
	}
	if len(h.r.parked) != 0 {
		t.Errorf("%d parked journeys still queued", len(h.r.parked))
	}
	_ = p
}

// fakeHold makes every reading of the hold clock 10 ms later than the one
// before, so a batch reaches its budget after a known number of readings.
// With db, the third reading also starts a writer that waits for db's
// write connection (as the event intake would), and returns once it waits.
func fakeHold(t *testing.T, db *sql.DB) {
	var mu sync.Mutex
	now, n := time.Unix(0, 0), 0
	var wg sync.WaitGroup
	holdClock = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		if n++; n == 3 && db != nil {
			before := db.Stats().WaitCount
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := db.Exec(`INSERT INTO settings(key, value) VALUES('waiting writer', '1') ON CONFLICT(key) DO UPDATE SET value=excluded.value`); err != nil {
					t.Error(err)
				}
			}()
			for deadline := time.Now().Add(10 * time.Second); db.Stats().WaitCount == before; {
				if time.Now().After(deadline) {
					t.Fatal("the waiting writer never waited")
				}
				time.Sleep(time.Millisecond)
			}
		}
		now = now.Add(10 * time.Millisecond)
		return now
	}
	t.Cleanup(func() { holdClock = time.Now; wg.Wait() })
}

// A batch stops taking events once it has held the write lock for its
// budget while another writer waits; the events left are handled by the
// next batch, none twice.
func TestBatchEndsAtItsHoldBudget(t *testing.T) {
	h := newHarness(t, "welcome")
	fakeHold(t, h.st.DB())
	var ids []int64
	for i := range 10 {
		ids = append(ids, h.contact(fmt.Sprintf("c%d@example.com", i), "newsletter"))
	}
	if err := h.r.refresh(h.ctx); err != nil {
		t.Fatal(err)
	}
	s, err := h.r.processEvents(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Each event reads the clock once: 10 ms apiece, a 30 ms budget.
	if s.Events == 0 || s.Events >= 20 {
		t.Fatalf("first batch handled %d of 20 events; want it to stop at the budget", s.Events)
	}
	first := s.Events
	total, err := h.r.RunOnce(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if first+total.Events != 20 {
		t.Errorf("events handled: %d then %d, want 20 in all", first, total.Events)
	}
	for _, id := range ids {
		var n int
		h.st.ReadDB().QueryRow(`SELECT count(*) FROM enrollments WHERE contact_id=?`, id).Scan(&n)
		if n != 1 {
			t.Errorf("contact %d: %d journeys, want 1", id, n)
		}
	}
}

// Wake-ups too: a batch stops resuming journeys at its budget when a
// writer waits, and the next one resumes the rest, each once.
func TestWakeupBatchEndsAtItsHoldBudget(t *testing.T) {
	h := newHarness(t, "welcome")
	var ids []int64
	for i := range 10 {
		ids = append(ids, h.contact(fmt.Sprintf("c%d@example.com", i), "newsletter"))
	}
	h.runFor(time.Hour) // everyone waits at wait2d
	fakeHold(t, h.st.DB())
	h.clk.Set(h.clk.Now().Add(3 * 24 * time.Hour))
	s, err := h.r.processDue(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Resumed == 0 || s.Resumed >= 10 {
		t.Fatalf("first batch resumed %d of 10 journeys; want it to stop at the budget", s.Resumed)
	}
	total, err := h.r.RunOnce(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Resumed+total.Resumed != 10 {
		t.Errorf("resumed %d then %d, want 10 in all", s.Resumed, total.Resumed)
	}
	want := h.path(ids[0], "welcome")
	for _, id := range ids {
		if got := h.path(id, "welcome"); got != want || strings.Count(got, "wait2d") != 2 {
			t.Errorf("contact %d: %q, want %q with wait2d twice (wait, then resumed)", id, got, want)
		}
	}
}

// With no writer of the program waiting, a batch goes past the budget (each
// commit costs) but not past the cap: writers in other programs wait at
// most that long. (On SQLite: on PostgreSQL a batch of events keeps to the
// budget, see the next test.)
func TestBatchGoesOnUntilItsCapWithNobodyWaiting(t *testing.T) {
	h := newSQLiteHarness(t, "welcome")
	for i := range 40 {
		h.contact(fmt.Sprintf("c%d@example.com", i), "newsletter")
	}
	fakeHold(t, nil)
	if err := h.r.refresh(h.ctx); err != nil {
		t.Fatal(err)
	}
	s, err := h.r.processEvents(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// One reading per event, 10 ms apiece: past the 30 ms budget at the
	// 4th, past the 250 ms cap at the 26th.
	if s.Events < 20 || s.Events >= 80 {
		t.Fatalf("first batch handled %d of 80 events; want it past the budget and stopped at the cap", s.Events)
	}
	total, err := h.r.RunOnce(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Events+total.Events != 80 {
		t.Errorf("events handled: %d then %d, want 80 in all", s.Events, total.Events)
	}
}

// On PostgreSQL one batch of events at a time handles them, which other
// engines' batches of events wait for unseen: it keeps to the budget.
func TestPostgresEventBatchKeepsToTheBudget(t *testing.T) {
	h := newHarnessOn(t, pgtest.Database(t), "welcome")
	for i := range 40 {
		h.contact(fmt.Sprintf("c%d@example.com", i), "newsletter")
	}
	fakeHold(t, nil)
	if err := h.r.refresh(h.ctx); err != nil {
		t.Fatal(err)
	}
	s, err := h.r.processEvents(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 10 ms per event: past the 30 ms budget at the 4th.
	if s.Events < 2 || s.Events > 6 {
		t.Fatalf("first batch handled %d of 80 events; want it stopped just past the budget", s.Events)
	}
	total, err := h.r.RunOnce(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Events+total.Events != 80 {
		t.Errorf("events handled: %d then %d, want 80 in all", s.Events, total.Events)
	}
}

// Two events of one contact in one batch: the second is handled only once
// the journey the first started has gone past its script step, as when
// scripts ran inside the batch (and in the simulator), so with re-entry
// "always" the second event starts a second journey.
func TestEventsOfAContactWaitForItsParkedJourney(t *testing.T) {
	h, _ := newScriptHarness(t)
	id := h.contact("ana@example.com")
	h.event(id, "page_visited", nil)
	h.event(id, "page_visited", nil)
	if _, err := h.r.RunOnce(h.ctx); err != nil {
		t.Fatal(err)
	}
	var runs, done int
	h.st.ReadDB().QueryRow(`SELECT count(*), coalesce(sum(CASE WHEN status='done' THEN 1 ELSE 0 END),0) FROM enrollments WHERE contact_id=?`, id).Scan(&runs, &done)
	if runs != 2 || done != 2 {
		t.Errorf("%d journeys, %d done; want 2 and 2 (one per visit)", runs, done)
	}
}

// A step whose answer keeps being for another call (its funnel changed
// under it) parks again a few times, then fails instead of keeping its
// journey parked forever.
func TestStepThatKeepsAskingAnotherScriptFails(t *testing.T) {
	nc := &nodes.Ctx{EnrollmentID: 7, Node: &flow.Node{ID: "rule"}}
	for tries := 0; tries <= maxReparks; tries++ {
		b := &batch{replay: &parkedStep{id: 7, node: "rule", done: true, tries: tries, call: &scriptCall{kind: "condition", name: "old"}}}
		_, err := b.script("condition", "new", nil, nc)
		switch {
		case tries < maxReparks && (!errors.Is(err, errParked) || b.call.tries != tries+1):
			t.Errorf("after %d re-parks: %v, call %+v; want parked again", tries, err, b.call)
		case tries == maxReparks && (err == nil || errors.Is(err, errParked)):
			t.Errorf("after %d re-parks: %v; want the step to fail", tries, err)
		}
	}
	// The answer for the call the step makes is used.
	b := &batch{replay: &parkedStep{id: 7, node: "rule", done: true, result: true, call: &scriptCall{kind: "condition", name: "new"}}}
	if v, err := b.script("condition", "new", nil, nc); v != true || err != nil {
		t.Errorf("replay: %v, %v; want true", v, err)
	}
}
