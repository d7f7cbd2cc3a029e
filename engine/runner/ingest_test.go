package runner

import (
	"strings"
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
