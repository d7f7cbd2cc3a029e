package engine

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/flow"
	"flightplan/engine/store/pgtest"
)

// Two people on one funnel's draft, each in a window of their own (two
// engines on one workspace: a PostgreSQL database, or a SQLite file as the
// command line would share it): a save on the version loaded goes
// through; one on a version someone saved over since is refused, writing
// nothing and naming who saved and when; keeping one's own is a save on
// their version; a save with no version (the command line) is seen by the
// next window save as someone's.
func TestTwoPeopleOnOneDraft(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			ws := filepath.Join(t.TempDir(), "team.flightplan")
			if kind == "postgres" {
				ws = pgtest.Database(t)
			}
			now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
			open := func() *Engine {
				e, err := New(Options{Workspace: ws, Clock: clock.NewVirtual(now)})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { e.Close() })
				return e
			}
			ann, marie := open(), open()
			doc, err := ann.CreateFlow("Spring sale")
			if err != nil {
				t.Fatal(err)
			}
			id, base := doc.Flow.ID, doc.Info.DraftVersion

			// Both load the same version; Marie saves first.
			mine, _, err := marie.Store.Flow(id)
			if err != nil {
				t.Fatal(err)
			}
			mine.Name = "Spring sale (Marie)"
			res, err := marie.SaveDraftOn(*mine, base, "Marie")
			if err != nil || res.Conflict != nil {
				t.Fatalf("Marie's save: %+v, %v", res.Conflict, err)
			}
			if res.Doc.Info.DraftVersion != base+1 || res.Doc.Info.DraftBy != "Marie" {
				t.Fatalf("after Marie's save: version %d by %q", res.Doc.Info.DraftVersion, res.Doc.Info.DraftBy)
			}
			hers := res.Doc.Info.DraftVersion

			// Ann's save on the version she loaded is refused and writes nothing.
			annFlow := *doc.Flow
			annFlow.Name = "Spring sale (Ann)"
			res, err = ann.SaveDraftOn(annFlow, base, "Ann")
			if err != nil {
				t.Fatal(err)
			}
			if res.Conflict == nil || res.Conflict.By != "Marie" || res.Conflict.Version != hers || !res.Conflict.At.Equal(now) {
				t.Fatalf("Ann's stale save: conflict %+v", res.Conflict)
			}
			if f, _, _ := ann.Store.Flow(id); f.Name != "Spring sale (Marie)" {
				t.Fatalf("a refused save wrote: the draft is named %q", f.Name)
			}
			// "Load their version": what Ann's window reads now is Marie's.
			if st, err := ann.Store.DraftStamp(id); err != nil || st.Version != hers || st.By != "Marie" {
				t.Fatalf("stamp Ann's window polls: %+v, %v", st, err)
			}
			// "Keep mine": a save on Marie's version replaces hers.
			res, err = ann.SaveDraftOn(annFlow, res.Conflict.Version, "Ann")
			if err != nil || res.Conflict != nil || res.Doc.Flow.Name != "Spring sale (Ann)" || res.Doc.Info.DraftBy != "Ann" {
				t.Fatalf("Ann keeps hers: %+v, %v", res, err)
			}
			// Marie, still on her version, is now the one refused.
			if res, err := marie.SaveDraftOn(*mine, hers, "Marie"); err != nil || res.Conflict == nil || res.Conflict.By != "Ann" {
				t.Fatalf("Marie's save after Ann kept hers: %+v, %v", res.Conflict, err)
			}
			// A save from the command line (no version, no name) counts too.
			cur, _ := ann.Store.DraftStamp(id)
			if err := marie.Store.SaveFlow(&flow.Flow{Format: flow.Format, ID: id, Name: "From the CLI"}, now); err != nil {
				t.Fatal(err)
			}
			if res, err := ann.SaveDraftOn(annFlow, cur.Version, "Ann"); err != nil || res.Conflict == nil || res.Conflict.By != "" {
				t.Fatalf("Ann's save after the command line's: %+v, %v", res.Conflict, err)
			}
			// A funnel deleted meanwhile is saved again, not refused.
			if err := marie.Store.DeleteFlow(id); err != nil {
				t.Fatal(err)
			}
			if res, err := ann.SaveDraftOn(annFlow, cur.Version, "Ann"); err != nil || res.Conflict != nil || res.Doc.Info.DraftBy != "Ann" {
				t.Fatalf("a save of a funnel deleted meanwhile: %+v, %v", res, err)
			}
			if _, err := ann.Store.DraftStamp("nobody"); err == nil {
				t.Fatal("a stamp for a funnel that is not there")
			}
		})
	}
}

// The name saves are signed with: set on this computer (beside the recent
// list, not in a workspace), else the system account's; too long a name is
// refused.
func TestPersonName(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("FLIGHTPLAN_WORKSPACE", "")
	sys := ThisPerson().System
	if sys == "" || PersonName() != sys {
		t.Fatalf("with none set: %q, system %q", PersonName(), sys)
	}
	if err := SetPersonName("  Marie Tremblay "); err != nil {
		t.Fatal(err)
	}
	if p := ThisPerson(); p.Name != "Marie Tremblay" || PersonName() != "Marie Tremblay" {
		t.Fatalf("after setting: %+v, %q", p, PersonName())
	}
	if err := SetPersonName(strings.Repeat("é", 81)); err == nil {
		t.Fatal("a name of 81 characters was taken")
	}
	if err := SetPersonName(""); err != nil || PersonName() != sys {
		t.Fatalf("back to the system's: %q, %v", PersonName(), err)
	}
}
