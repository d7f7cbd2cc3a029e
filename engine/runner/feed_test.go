package runner

import (
	"fmt"
	"testing"
	"time"

	"flightplan/engine/flow"
)

// Journeys resumed in one batch read their contacts through the feed, a
// reader that cannot see the batch's own writes. A contact changed by an
// earlier journey of the batch must be seen changed by a later one, even
// when the later one's contact comes in another chunk of the feed.
func TestWakeupsSeeChangesMadeEarlierInTheBatch(t *testing.T) {
	h := newHarness(t)
	build := func(id string, tail func(add func(id, typ string, cfg map[string]any), edge func(from, port, to string))) {
		f := flow.New(id, id)
		add := func(id, typ string, cfg map[string]any) {
			f.Nodes = append(f.Nodes, flow.Node{ID: id, Type: typ, Config: cfg})
		}
		edge := func(from, port, to string) { f.Edges = append(f.Edges, flow.Edge{From: from, Port: port, To: to}) }
		add("start", "trigger.manual", nil)
		add("wait", "wait.delay", map[string]any{"duration": "1d"})
		edge("start", "", "wait")
		tail(add, edge)
		if _, err := h.st.Publish(f, "", t0); err != nil {
			t.Fatal(err)
		}
	}
	build("marks", func(add func(string, string, map[string]any), edge func(string, string, string)) {
		add("mark", "action.tag_add", map[string]any{"tag": "seen"})
		edge("wait", "", "mark")
	})
	build("checks", func(add func(string, string, map[string]any), edge func(string, string, string)) {
		add("check", "condition.tag", map[string]any{"tag": "seen"})
		add("end", "exit", nil)
		edge("wait", "", "check")
		edge("check", "yes", "end")
		edge("check", "no", "end")
	})
	// More contacts than one feed chunk: "checks" journeys come after all
	// "marks" ones (same wake time, higher ids), in later chunks.
	n := feedChunk + feedChunk/2
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = h.contact(fmt.Sprintf("c%d@example.com", i))
	}
	for _, fl := range []string{"marks", "checks"} {
		if _, err := h.r.Enroll(h.ctx, fl, ids); err != nil {
			t.Fatal(err)
		}
	}
	h.runFor(25 * time.Hour)
	var yes, total int
	if err := h.st.ReadDB().QueryRow(`SELECT count(*) FILTER (WHERE port='yes'), count(*) FROM steps WHERE flow_id='checks' AND node='check'`).Scan(&yes, &total); err != nil {
		t.Fatal(err)
	}
	if total != n || yes != n {
		t.Fatalf("%d of %d checks saw the tag added earlier in the batch, want %d of %d", yes, total, n, n)
	}
}
