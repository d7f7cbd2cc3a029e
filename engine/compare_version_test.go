package engine

import (
	"context"
	"testing"
)

// TestCompareVersion: a published version compared with its unchanged
// draft differs by nothing; once the draft's first wait changes, the
// comparison shows a difference with its interval, and both flows.
func TestCompareVersion(t *testing.T) {
	ctx := context.Background()
	e, _, _ := testEngine(t)
	doc, err := e.CreateFromTemplate(ctx, "welcome", "en")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.PublishDraft(doc.Flow.ID); err != nil {
		t.Fatal(err)
	}
	req := SimRequest{FlowID: doc.Flow.ID, N: 2000, Days: 20, Seed: 3, ArrivalDays: 5}
	same, err := e.CompareVersion(ctx, req, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range same.Comparison.Figures {
		if !f.Same {
			t.Errorf("unchanged draft, figure %s: %+v", f.Key, f)
		}
	}
	f := *doc.Flow
	for i := range f.Nodes {
		if f.Nodes[i].ID == "wait2d" {
			f.Nodes[i].Config = map[string]any{"duration": "6h"}
		}
	}
	if _, err := e.SaveDraft(f); err != nil {
		t.Fatal(err)
	}
	c, err := e.CompareVersion(ctx, req, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != 1 || c.FlowA == nil || c.FlowB == nil || c.FlowA.ID != c.FlowB.ID {
		t.Fatalf("version %d, flows %v %v", c.Version, c.FlowA, c.FlowB)
	}
	changed := false
	for _, fig := range c.Comparison.Figures {
		changed = changed || !fig.Same
	}
	if !changed {
		t.Error("a 6-hour wait instead of 2 days changed no figure")
	}
	if _, err := e.CompareVersion(ctx, req, 9, nil); err == nil {
		t.Error("compared with a version that does not exist")
	}
}
