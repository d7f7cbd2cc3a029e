package runner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday

type harness struct {
	t   *testing.T
	st  *store.Store
	r   *Runner
	clk *clock.Virtual
	ctx context.Context
}

// newHarness runs on a SQLite workspace, or on PostgreSQL with
// FLIGHTPLAN_TEST_DB=postgres.
func newHarness(t *testing.T, flows ...string) *harness {
	t.Helper()
	return newHarnessOn(t, pgtest.Workspace(t, migrateWorkspace), flows...)
}

// newSQLiteHarness is for the tests of SQLite's own behaviour (its query
// plans, its write lock): always a SQLite file.
func newSQLiteHarness(t *testing.T, flows ...string) *harness {
	t.Helper()
	return newHarnessOn(t, filepath.Join(t.TempDir(), "ws.flightplan"), flows...)
}

func newHarnessOn(t *testing.T, workspace string, flows ...string) *harness {
	t.Helper()
	st, err := store.Open(workspace)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clk := clock.NewVirtual(t0)
	reg := nodes.MustRegistry()
	h := &harness{t: t, st: st, clk: clk, ctx: context.Background(), r: New(st, reg, Options{Clock: clk})}
	for _, name := range flows {
		data, err := os.ReadFile(filepath.Join("testdata", name+".flow.json"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := flow.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if issues := nodes.Validate(f, reg, nil); flow.HasErrors(issues) {
			t.Fatalf("%s: %v", name, issues)
		}
		if _, err := st.Publish(f, "", t0); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

func (h *harness) contact(email string, lists ...string) int64 {
	h.t.Helper()
	id, err := h.r.CreateContact(h.ctx, &contact.Contact{Email: email, Identity: map[string]string{"first_name": "Ana"}}, lists)
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

func (h *harness) event(id int64, typ string, props map[string]any) {
	h.t.Helper()
	_, rej, err := h.r.Ingest(h.ctx, []EventInput{{ContactID: id, Type: typ, Props: props, At: h.clk.Now()}}, "test")
	if err != nil || len(rej) > 0 {
		h.t.Fatal(err, rej)
	}
}

func (h *harness) runFor(d time.Duration) {
	h.t.Helper()
	if _, err := h.r.RunUntil(h.ctx, h.clk, h.clk.Now().Add(d)); err != nil {
		h.t.Fatal(err)
	}
}

// path renders a contact's journal in one flow as "node:port(outcome)" items.
func (h *harness) path(id int64, flowID string) string {
	h.t.Helper()
	steps, err := h.r.Path(h.ctx, id, flowID)
	if err != nil {
		h.t.Fatal(err)
	}
	var parts []string
	for _, s := range steps {
		p := s.Node
		if s.Port != "" {
			p += ":" + s.Port
		}
		if s.Outcome != "ok" {
			p += "(" + s.Outcome + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func (h *harness) outbox(id int64) []string {
	rows, err := h.st.ReadDB().Query(`SELECT json_extract(payload,'$.template') FROM outbox WHERE contact_id=? ORDER BY id`, id)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

func TestWelcomeSentOnceEvenAfterSigningUpAgain(t *testing.T) {
	h := newHarness(t, "welcome")
	ana := h.contact("ana@example.com", "newsletter")
	h.runFor(3 * 24 * time.Hour)
	want := "signup:next hello:next wait2d(wait) wait2d:next opened:no reminder:next(end)"
	if got := h.path(ana, "welcome"); got != want {
		t.Fatalf("path:\n got %s\nwant %s", got, want)
	}
	if got := strings.Join(h.outbox(ana), ","); got != "welcome-1,welcome-reminder" {
		t.Fatalf("outbox = %s", got)
	}
	// Leaves and joins the list again: the welcome series is not sent twice.
	if _, err := h.st.DB().Exec(`DELETE FROM list_members`); err != nil {
		t.Fatal(err)
	}
	h.event(ana, contact.EventListJoined, map[string]any{"list": "newsletter"})
	h.runFor(3 * 24 * time.Hour)
	if got := len(h.outbox(ana)); got != 2 {
		t.Fatalf("after re-joining, %d emails queued, want still 2", got)
	}
}

func TestWelcomeOpenedTakesYes(t *testing.T) {
	h := newHarness(t, "welcome")
	bob := h.contact("bob@example.com", "newsletter")
	h.runFor(time.Hour)
	var enr int64
	h.st.ReadDB().QueryRow(`SELECT id FROM enrollments WHERE contact_id=?`, bob).Scan(&enr)
	h.event(bob, contact.EventEmailOpened, map[string]any{"enrollment_id": enr, "node": "hello"})
	h.runFor(3 * 24 * time.Hour)
	want := "signup:next hello:next wait2d(wait) wait2d:next opened:yes engaged:next tips:next(end)"
	if got := h.path(bob, "welcome"); got != want {
		t.Fatalf("path:\n got %s\nwant %s", got, want)
	}
	c, _ := store.LoadContact(h.ctx, h.st.ReadDB(), bob)
	if !c.HasTag("engaged") {
		t.Fatalf("tags = %v, want engaged", c.Tags)
	}
}

func TestAbandonedCart(t *testing.T) {
	h := newHarness(t, "cart")
	// 1: never buys → reminder after 4h, coupon after a day.
	a := h.contact("a@example.com")
	// 2: buys during the 4h wait → leaves the funnel (exit criterion), nothing sent.
	b := h.contact("b@example.com")
	// 3: buys after the reminder → goal.
	c := h.contact("c@example.com")
	for _, id := range []int64{a, b, c} {
		h.event(id, contact.EventCartAbandoned, map[string]any{"amount": 80.0})
	}
	h.runFor(time.Hour)
	h.event(b, contact.EventPurchase, nil)
	h.runFor(4 * time.Hour)
	h.event(c, contact.EventPurchase, nil)
	h.runFor(2 * 24 * time.Hour)

	cases := []struct {
		id         int64
		path, sent string
	}{
		{a, "abandoned:next wait4h(wait) wait4h:next nudge:next wait1d(wait) wait1d:timeout coupon:next(end)", "cart-reminder,cart-coupon"},
		{b, "abandoned:next wait4h(wait) wait4h(jump) bought(end)", ""},
		{c, "abandoned:next wait4h(wait) wait4h:next nudge:next wait1d(wait) wait1d(jump) bought(end)", "cart-reminder"},
	}
	for _, tc := range cases {
		if got := h.path(tc.id, "cart"); got != tc.path {
			t.Errorf("contact %d path:\n got %s\nwant %s", tc.id, got, tc.path)
		}
		if got := strings.Join(h.outbox(tc.id), ","); got != tc.sent {
			t.Errorf("contact %d sent %q, want %q", tc.id, got, tc.sent)
		}
	}
	fc, err := h.r.Counts(h.ctx, "cart")
	if err != nil {
		t.Fatal(err)
	}
	if fc.Goals != 2 || fc.Enrolled != 3 || fc.Done != 3 {
		t.Errorf("counts = %+v, want 2 goals, 3 enrolled, 3 done", fc)
	}
	// A wait is reached once per journey, though it journals when it parks
	// and again when it resumes; a goal jump leaves by no port.
	entered := map[string]int{}
	for _, n := range fc.Nodes {
		entered[n.Node] = n.Entered
	}
	edges := map[string]int{}
	for _, e := range fc.Edges {
		edges[e.Node+":"+e.Port] = e.Count
	}
	if entered["abandoned"] != 3 || entered["wait4h"] != 3 || entered["nudge"] != 2 || entered["wait1d"] != 2 || entered["bought"] != 2 || entered["coupon"] != 1 {
		t.Errorf("entered = %v", entered)
	}
	if edges["abandoned:next"] != 3 || edges["wait4h:next"] != 2 || edges["wait1d:timeout"] != 1 || len(edges) != 5 {
		t.Errorf("edges = %v", edges)
	}
}
