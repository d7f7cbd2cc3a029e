package runner_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"flightplan/engine"
	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/store/pgtest"
)

// Lua steps on a PostgreSQL workspace shared by engines: a journey parked
// at its Lua step by one engine is taken up by another, its script run
// with the real Lua runner, and the step journaled once. (An external test
// package: the Lua runner lives in package engine, which imports runner.)

var luaT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// luaFlow: a signup goes through a Lua condition (is the email an "a…"
// one?) to a tag on each side.
func luaFlow() *flow.Flow {
	f := flow.New("scripted", "Scripted")
	f.Settings.Reentry = flow.ReentryAlways
	f.Nodes = []flow.Node{
		{ID: "t", Type: "trigger.event", Config: map[string]any{"event_type": "signup"}},
		{ID: "rule", Type: "condition.lua", Config: map[string]any{"script": "starts_with_a"}},
		{ID: "yes", Type: "action.tag_add", Config: map[string]any{"tag": "a"}},
		{ID: "no", Type: "action.tag_add", Config: map[string]any{"tag": "other"}},
	}
	f.Edges = []flow.Edge{{From: "t", To: "rule"}, {From: "rule", Port: "yes", To: "yes"}, {From: "rule", Port: "no", To: "no"}}
	return f
}

// luaEngine is one engine on the shared workspace: its own store
// (connections), and a runner whose scripts go through hook before the
// real Lua runner.
type luaEngine struct {
	e *engine.Engine
	r *runner.Runner
}

// scriptHook runs before each script: it may stop the script (an error)
// or make it wait.
type scriptHook func(ctx context.Context) error

type hookedLua struct {
	lua  runner.ScriptRunner
	hook scriptHook
	runs *atomic.Int64
}

func (h hookedLua) Run(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	if h.hook != nil {
		if err := h.hook(ctx); err != nil {
			return nil, err
		}
	}
	h.runs.Add(1)
	return h.lua.Run(ctx, kind, name, params, c)
}

func openLuaEngine(t *testing.T, url string, clk clock.Clock, hook scriptHook, runs *atomic.Int64) *luaEngine {
	t.Helper()
	e, err := engine.New(engine.Options{Workspace: url, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return &luaEngine{e: e, r: runner.New(e.Store, nodes.MustRegistry(), runner.Options{Clock: clk, Scripts: hookedLua{lua: e.Lua, hook: hook, runs: runs}})}
}

// luaWorkspace is a PostgreSQL workspace with the script, the funnel and n
// contacts (every other one an "a…" email), each with a signup event not
// yet handled.
func luaWorkspace(t *testing.T, n int) (string, *clock.Virtual, []int64) {
	t.Helper()
	url := pgtest.Database(t)
	clk := clock.NewVirtual(luaT0)
	var none atomic.Int64
	setup := openLuaEngine(t, url, clk, nil, &none)
	ctx := context.Background()
	if diags, err := setup.e.SaveScript(ctx, "starts_with_a", "condition", "-- Kind: condition\nreturn string.sub(contact.email, 1, 1) == \"a\"\n"); err != nil || len(diags) > 0 {
		t.Fatalf("saving the script: %v %v", err, diags)
	}
	if _, err := setup.e.Store.Publish(luaFlow(), "", luaT0); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var evs []runner.EventInput
	for i := range n {
		email := fmt.Sprintf("a%d@example.com", i)
		if i%2 == 1 {
			email = fmt.Sprintf("b%d@example.com", i)
		}
		id, err := setup.r.CreateContact(ctx, &contact.Contact{Email: email}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		evs = append(evs, runner.EventInput{ContactID: id, Type: "signup", At: luaT0})
	}
	if _, rej, err := setup.r.Ingest(ctx, evs, "test"); err != nil || len(rej) > 0 {
		t.Fatal(err, rej)
	}
	setup.e.Close()
	return url, clk, ids
}

// checkLuaJourneys checks every journey went through the script's answer
// for its contact, each step journaled once.
func checkLuaJourneys(t *testing.T, e *luaEngine, ids []int64) {
	t.Helper()
	for i, id := range ids {
		steps, err := e.r.Path(context.Background(), id, "scripted")
		if err != nil {
			t.Fatal(err)
		}
		var path []string
		for _, s := range steps {
			p := s.Node
			if s.Port != "" {
				p += ":" + s.Port
			}
			path = append(path, p)
		}
		want := "t:next rule:yes yes:next"
		if i%2 == 1 {
			want = "t:next rule:no no:next"
		}
		if got := strings.Join(path, " "); got != want {
			t.Errorf("contact %d: journaled %q, want %q", id, got, want)
		}
	}
}

// parkAll plays engines that die while their first Lua script runs (each
// parks a batch of journeys at the Lua step, commits, and dies), until all
// n journeys are parked: stored "active", nothing journaled for the step.
func parkAll(t *testing.T, url string, clk clock.Clock, n int) {
	t.Helper()
	var runs atomic.Int64
	for dead := 0; ; dead++ {
		ctx, kill := context.WithCancel(context.Background())
		e := openLuaEngine(t, url, clk, func(context.Context) error { kill(); return context.Canceled }, &runs)
		_, err := e.r.RunOnce(ctx)
		var active, unhandled int
		e.e.Store.ReadDB().QueryRow(`SELECT count(*) FROM enrollments WHERE status='active' AND node='rule'`).Scan(&active)
		e.e.Store.ReadDB().QueryRow(`SELECT count(*) FROM steps`).Scan(&unhandled)
		e.e.Close()
		if err == nil {
			t.Fatal("an engine ran its scripts: the test kills it in the first")
		}
		if unhandled != active {
			t.Fatalf("%d steps journaled for %d parked journeys: a dead engine journaled its Lua step", unhandled, active)
		}
		if active == n {
			return
		}
		if dead == 10*n {
			t.Fatalf("%d of %d journeys parked after %d engines died", active, n, dead)
		}
	}
}

// Journeys parked at their Lua step by engines that died while the script
// ran are taken up by another engine: the script runs there once per
// journey, with the answer a single engine gives, and each step is
// journaled once.
func TestLuaStepResumedByAnotherEngine(t *testing.T) {
	const n = 40
	url, clk, ids := luaWorkspace(t, n)
	parkAll(t, url, clk, n)
	var runs atomic.Int64
	b := openLuaEngine(t, url, clk, nil, &runs)
	if _, err := b.r.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := runs.Load(); got != n {
		t.Errorf("the engine that took the journeys up ran the script %d times, want %d (once per journey)", got, n)
	}
	checkLuaJourneys(t, b, ids)
}

// Two live engines hold the same parked journeys (each found them by its
// scan for journeys left "active") and run their scripts at the same time,
// then take them up at the same time: each step is journaled once, by
// whichever engine locked the journey first.
func TestLuaStepTakenUpByTwoEnginesAtOnce(t *testing.T) {
	const n = 200
	url, clk, ids := luaWorkspace(t, n)
	parkAll(t, url, clk, n)
	// Each engine's first script waits for the other's: both have run
	// their scripts before either takes its journeys up.
	var arrived sync.WaitGroup
	arrived.Add(2)
	meet := func() scriptHook {
		var once sync.Once
		return func(ctx context.Context) error {
			once.Do(func() {
				arrived.Done()
				arrived.Wait()
			})
			return nil
		}
	}
	var aRuns, bRuns atomic.Int64
	a := openLuaEngine(t, url, clk, meet(), &aRuns)
	b := openLuaEngine(t, url, clk, meet(), &bRuns)
	errs := make(chan error, 2)
	for _, e := range []*luaEngine{a, b} {
		go func() { _, err := e.r.RunOnce(context.Background()); errs <- err }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if aRuns.Load() != n || bRuns.Load() != n {
		t.Fatalf("scripts run: %d by A, %d by B, want %d each: the test needs both engines to hold every journey", aRuns.Load(), bRuns.Load(), n)
	}
	checkLuaJourneys(t, a, ids)
}
