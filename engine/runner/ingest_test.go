package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"flightplan/engine/contact"
)

// The intake policy: bad events are refused with their position and reason,
// the good ones of the same batch are kept; old events are accepted with
// their own time and count in behaviour windows.
func TestIngestPolicy(t *testing.T) {
	h := newHarness(t)
	ana := h.contact("ana@example.com")
	ids, rej, err := h.r.Ingest(h.ctx, []EventInput{
		{Email: "ana@example.com", Type: "page_visited"},
		{Email: "nobody@example.com", Type: "page_visited"},
		{ContactID: ana},
		{ContactID: ana, Type: "purchase", At: h.clk.Now().Add(time.Hour)},
		{ContactID: 999, Type: "purchase"},
		{ContactID: ana, Type: "purchase", At: h.clk.Now().Add(-72 * time.Hour)}, // out of order: older than the first
		{Type: "page_visited"},
	}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 {
		t.Errorf("%d events kept, want 2", len(ids))
	}
	want := map[int]string{1: "not found", 2: "no event type", 3: "in the future", 4: "does not exist", 6: "no contact"}
	if len(rej) != len(want) {
		t.Fatalf("rejected %v", rej)
	}
	for _, r := range rej {
		if !strings.Contains(r.Error(), want[r.Index]) || !strings.HasPrefix(r.Error(), "event ") {
			t.Errorf("rejection %d: %v, want it to say %q", r.Index, r, want[r.Index])
		}
	}
	var at int64
	h.st.ReadDB().QueryRow(`SELECT at FROM events WHERE contact_id=? AND type='purchase'`, ana).Scan(&at)
	if got := time.UnixMilli(at).UTC(); !got.Equal(h.clk.Now().Add(-72 * time.Hour)) {
		t.Errorf("old event stored at %s, want its own time", got)
	}
	_ = contact.EventPurchase
}

// Contacts inside a funnel stay on their version when a new one is
// published, unless they are moved; moving keeps them at the same step.
func TestVersionsAndMoving(t *testing.T) {
	h := newHarness(t, "cart")
	a := h.contact("a@example.com")
	h.event(a, contact.EventCartAbandoned, nil)
	h.runFor(time.Hour) // waiting at wait4h, version 1
	f, _, _ := h.st.Flow("cart")
	f.Nodes[2].Config["template"] = "cart-reminder-v2"
	if _, err := h.st.Publish(f, "new copy", h.clk.Now()); err != nil {
		t.Fatal(err)
	}
	b := h.contact("b@example.com")
	h.event(b, contact.EventCartAbandoned, nil)
	h.runFor(5 * time.Hour)
	if got := h.outbox(a); len(got) != 1 || got[0] != "cart-reminder" {
		t.Errorf("a (inside before the change) got %v, want the version-1 email", got)
	}
	if got := h.outbox(b); len(got) != 1 || got[0] != "cart-reminder-v2" {
		t.Errorf("b (entered after) got %v, want the version-2 email", got)
	}
	// Move everyone still inside to the latest version.
	f.Nodes[5].Config["template"] = "cart-coupon-v3"
	h.st.Publish(f, "v3", h.clk.Now())
	moved, err := h.r.MoveToLatest(h.ctx, "cart")
	if err != nil || moved != 2 {
		t.Fatalf("moved %d, %v; want 2", moved, err)
	}
	h.runFor(2 * 24 * time.Hour)
	for _, id := range []int64{a, b} {
		got := h.outbox(id)
		if got[len(got)-1] != "cart-coupon-v3" {
			t.Errorf("contact %d got %v, want the version-3 coupon after moving", id, got)
		}
	}
}

// One stored event that SQLite's JSON functions cannot read (nested 1,001
// deep, from before the intake's limits) or that is not JSON at all must not
// break the "opened the email?" check for everyone, nor stop the scheduler.
func TestUnreadableEventPropsBreakNothing(t *testing.T) {
	h := newHarness(t, "welcome")
	bob := h.contact("bob@example.com", "newsletter")
	eve := h.contact("eve@example.com")
	deep := strings.Repeat(`{"a":`, 1001) + "1" + strings.Repeat("}", 1001)
	for _, props := range []string{deep, `{"node": "hello"`} {
		if _, err := h.st.DB().Exec(`INSERT INTO events(contact_id, type, props, at, received_at, source) VALUES(?, 'email_opened', ?, ?, ?, 'test')`,
			eve, props, h.clk.Now().UnixMilli(), h.clk.Now().UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	h.runFor(time.Hour)
	var enr int64
	h.st.ReadDB().QueryRow(`SELECT id FROM enrollments WHERE contact_id=?`, bob).Scan(&enr)
	h.event(bob, contact.EventEmailOpened, map[string]any{"enrollment_id": enr, "node": "hello"})
	h.runFor(3 * 24 * time.Hour)
	want := "signup:next hello:next wait2d(wait) wait2d:next opened:yes engaged:next tips:next(end)"
	if got := h.path(bob, "welcome"); got != want {
		t.Fatalf("path:\n got %s\nwant %s", got, want)
	}
}

// Events past the limits on their properties are refused with the path to
// the problem; the rest of the batch is kept.
func TestIngestPropsLimits(t *testing.T) {
	h := newHarness(t)
	ana := h.contact("ana@example.com")
	deep := map[string]any{}
	cur := deep
	for range contact.MaxPropsDepth {
		next := map[string]any{}
		cur["a"] = next
		cur = next
	}
	wide := map[string]any{}
	for i := range contact.MaxPropsKeys + 1 {
		wide[fmt.Sprint("k", i)] = i
	}
	big := map[string]any{"text": strings.Repeat("x", contact.MaxPropsBytes)}
	ok := map[string]any{"cart": map[string]any{"items": []any{map[string]any{"sku": "A1", "options": map[string]any{"size": "M"}}}}}
	ids, rej, err := h.r.Ingest(h.ctx, []EventInput{
		{ContactID: ana, Type: "x", Props: deep},
		{ContactID: ana, Type: "x", Props: wide},
		{ContactID: ana, Type: "x", Props: big},
		{ContactID: ana, Type: "cart_updated", Props: ok},
	}, "test")
	if err != nil || len(ids) != 1 {
		t.Fatalf("kept %d, %v; want 1", len(ids), err)
	}
	// The kept event's properties are stored exactly as encoded, with its
	// type, contact, time and source.
	var props, typ, source string
	var cid, at int64
	h.st.DB().QueryRow(`SELECT contact_id, type, props, at, source FROM events WHERE id=?`, ids[0]).Scan(&cid, &typ, &props, &at, &source)
	if raw, _ := json.Marshal(ok); props != string(raw) || typ != "cart_updated" || cid != ana || at != h.clk.Now().UnixMilli() || source != "test" {
		t.Errorf("stored %d %s %s %d %s, want %d cart_updated %s %d test", cid, typ, props, at, source, ana, raw, h.clk.Now().UnixMilli())
	}
	want := map[int]string{0: "data" + strings.Repeat(".a", contact.MaxPropsDepth) + ": nested deeper than 16 levels", 1: "more than 1000 properties", 2: "bytes, at most 65536"}
	if len(rej) != len(want) {
		t.Fatalf("rejected %v", rej)
	}
	for _, r := range rej {
		if !strings.Contains(r.Error(), want[r.Index]) {
			t.Errorf("rejection %d: %v, want it to say %q", r.Index, r, want[r.Index])
		}
	}
}

// Event ids: the same (source, id) is stored once, within a batch and
// across batches; ids older than the window are forgotten by the prune.
func TestIngestDedupe(t *testing.T) {
	h := newHarness(t)
	ana := h.contact("ana@example.com")
	ev := EventInput{ContactID: ana, Type: "purchase", ID: "o-1"}
	if ids, rej, err := h.r.Ingest(h.ctx, []EventInput{ev, ev}, "shop"); err != nil || len(ids) != 1 || len(rej) != 1 || !errors.Is(rej[0], ErrDuplicate) {
		t.Fatalf("same batch: ids %v rej %v err %v", ids, rej, err)
	}
	if ids, rej, _ := h.r.Ingest(h.ctx, []EventInput{ev}, "shop"); len(ids) != 0 || len(rej) != 1 || !errors.Is(rej[0], ErrDuplicate) {
		t.Fatalf("retry: ids %v rej %v", ids, rej)
	}
	// A week later the id is still known.
	h.clk.Advance(7 * 24 * time.Hour)
	if ids, _, _ := h.r.Ingest(h.ctx, []EventInput{ev}, "shop"); len(ids) != 0 {
		t.Fatal("a retry 7 days later was stored again")
	}
	// Past the window, the prune forgets it.
	h.clk.Advance(DedupeWindow)
	if ids, _, _ := h.r.Ingest(h.ctx, []EventInput{{ContactID: ana, Type: "ping"}}, "shop"); len(ids) != 1 {
		t.Fatal("ping not stored")
	}
	var n int
	h.st.DB().QueryRow(`SELECT count(*) FROM event_ids`).Scan(&n)
	if n != 0 {
		t.Errorf("%d event ids left after the window, want 0", n)
	}
}

// Concurrent IngestShared calls share commits and each caller gets its own
// ids and rejections back.
func TestIngestSharedConcurrent(t *testing.T) {
	h := newHarness(t)
	ana := h.contact("ana@example.com")
	const callers, per = 20, 50
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for c := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			evs := make([]EventInput, per)
			for i := range evs {
				evs[i] = EventInput{ContactID: ana, Type: "ping", ID: fmt.Sprintf("%d-%d", c, i)}
			}
			evs[7].ContactID = 999_999 // refused
			evs[9].ID = evs[8].ID      // duplicate
			ids, rej, err := h.r.IngestShared(h.ctx, evs, "test")
			switch {
			case err != nil:
				errs <- err
			case len(ids) != per-2 || len(rej) != 2 || rej[0].Index != 7 || rej[1].Index != 9 || !errors.Is(rej[1], ErrDuplicate):
				errs <- fmt.Errorf("caller %d: %d ids, rejections %v", c, len(ids), rej)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var n, remembered int
	h.st.DB().QueryRow(`SELECT count(*), (SELECT count(*) FROM event_ids WHERE source='test') FROM events WHERE type='ping'`).Scan(&n, &remembered)
	if n != callers*(per-2) || remembered != n {
		t.Errorf("%d events stored, %d ids remembered, want %d of each", n, remembered, callers*(per-2))
	}
}
