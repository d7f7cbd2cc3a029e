package engine

import "testing"

// The other funnels a validation checks against are parsed once and kept
// while their stored draft is the same: a changed, new or deleted funnel is
// seen at the next validation.
func TestWorkspaceSeesChangedDrafts(t *testing.T) {
	e, _, now := testEngine(t)
	save := func(id, name string) {
		t.Helper()
		f := benchFunnel(3)
		f.ID, f.Name = id, name
		if err := e.Store.SaveFlow(&f, now); err != nil {
			t.Fatal(err)
		}
	}
	name := func(exclude, id string) string {
		t.Helper()
		ws, err := e.Workspace(exclude)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ws.Flows[exclude]; ok {
			t.Fatalf("the funnel validated (%s) is among the others", exclude)
		}
		if f := ws.Flows[id]; f != nil {
			return f.Name
		}
		return "(none)"
	}
	save("a", "A")
	save("b", "First")
	if got := name("a", "b"); got != "First" {
		t.Fatalf("b is %q, want First", got)
	}
	first, _ := e.Workspace("a")
	again, _ := e.Workspace("a")
	if first.Flows["b"] != again.Flows["b"] {
		t.Error("an unchanged draft was parsed again")
	}
	save("b", "Second")
	if got := name("a", "b"); got != "Second" {
		t.Fatalf("after saving b again it is %q, want Second", got)
	}
	if got := name("b", "a"); got != "A" {
		t.Fatalf("a seen from b is %q, want A", got)
	}
	if err := e.Store.DeleteFlow("b"); err != nil {
		t.Fatal(err)
	}
	if got := name("a", "b"); got != "(none)" {
		t.Fatalf("after deleting b it is %q", got)
	}
}
