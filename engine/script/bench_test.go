package script

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"flightplan/scripts"
)

// typicalScore is a typical lead-scoring rule: two custom fields, a text
// helper, a tag and the temperature.
const typicalScore = `
local f = contact.fields
local points = 0
if (f.company_size or 0) >= 50 then points = points + 10 end
local title = text.lower(f.job_title)
if text.contains(title, "director") or text.contains(title, "vp") then
  points = points + 15
end
if contact:has_tag("trial") then points = points + 5 end
if contact.temperature == "hot" then points = points + 5 end
return points
`

func typicalEnv() Env {
	return Env{
		Contact: Contact{
			ID: 7, Email: "ada@example.com", Score: 42, Temperature: "hot", Stage: "MQL", Timezone: "Europe/Paris",
			Fields:    map[string]any{"company_size": 120.0, "job_title": "Director of Marketing", "country": "FR", "plan": "trial"},
			Tags:      []string{"newsletter", "trial"},
			Lists:     []string{"customers"},
			CreatedAt: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		},
		Now:    time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
		Params: map[string]any{"threshold": 50.0},
		Flow:   "nurture", Node: "score",
	}
}

// benchEngine uses a long timeout: the deadline machinery costs the same
// whatever its length, and a loaded CI machine can stall a process for more
// than 50ms, which would fail a benchmark for the wrong reason.
func benchEngine(b *testing.B, pool int) (*Engine, *Script) {
	e := New(Options{PoolSize: pool, Timeout: time.Second})
	s, err := e.Compile("typical", typicalScore)
	if err != nil {
		b.Fatal(err)
	}
	if got, _, err := e.Score(context.Background(), s, typicalEnv()); err != nil || got != 35 {
		b.Fatalf("score = %v, %v; want 35", got, err)
	}
	return e, s
}

func reportStates(b *testing.B, e *Engine) {
	created := e.Stats().StatesCreated
	b.ReportMetric(float64(created), "states")
	if created > int64(e.Options().PoolSize) {
		b.Fatalf("created %d states for a pool of %d", created, e.Options().PoolSize)
	}
}

// BenchmarkScoreTypical evaluates the typical rule over the same contact.
func BenchmarkScoreTypical(b *testing.B) {
	e, s := benchEngine(b, 1)
	env := typicalEnv()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := e.Score(ctx, s, env); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportStates(b, e)
}

// BenchmarkScoreTypicalFreshEnv is the typical rule with a new environment
// table per evaluation (reading through to the sandbox globals), instead of
// running scripts that assign no global directly in the sandbox table.
func BenchmarkScoreTypicalFreshEnv(b *testing.B) {
	e, s := benchEngine(b, 1)
	e.freshEnv = true
	env := typicalEnv()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := e.Score(ctx, s, env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScoreTypicalManyContacts rotates over 1024 contacts, as a
// simulation does: nothing can be reused from one evaluation to the next.
func BenchmarkScoreTypicalManyContacts(b *testing.B) {
	e, s := benchEngine(b, 1)
	envs := make([]Env, 1024)
	for i := range envs {
		env := typicalEnv()
		env.Contact.ID = int64(i)
		env.Contact.Fields = map[string]any{"company_size": float64(i % 200), "job_title": fmt.Sprintf("Director %d", i), "country": "FR"}
		env.Contact.Tags = []string{"newsletter", fmt.Sprintf("t%d", i%7), "trial"}
		env.Now = env.Now.Add(time.Duration(i) * time.Minute)
		envs[i] = env
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, _, err := e.Score(ctx, s, envs[i&1023]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.StopTimer()
	reportStates(b, e)
}

// BenchmarkScoreTypicalCancellableCtx is the typical rule under a
// cancellable parent context (the runner's shutdown context): the deadline
// asks it whether it is done before the call and then every checkEvery
// instructions, never registers with it.
func BenchmarkScoreTypicalCancellableCtx(b *testing.B) {
	e, s := benchEngine(b, 1)
	env := typicalEnv()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := e.Score(ctx, s, env); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportStates(b, e)
}

// BenchmarkScoreTypicalParallel runs the rule from GOMAXPROCS goroutines
// over a pool of GOMAXPROCS states.
func BenchmarkScoreTypicalParallel(b *testing.B) {
	e := New(Options{Timeout: time.Second})
	s, err := e.Compile("typical", typicalScore)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		env := typicalEnv()
		ctx := context.Background()
		for pb.Next() {
			if _, _, err := e.Score(ctx, s, env); err != nil {
				b.Error(err)
				return
			}
		}
	})
	reportStates(b, e)
}

// BenchmarkScoreReturnConstant is the fixed cost of an evaluation: pool,
// binding, deadline, protected call, result.
func BenchmarkScoreReturnConstant(b *testing.B) {
	e := New(Options{PoolSize: 1, Timeout: time.Second})
	s, _ := e.Compile("const", "return 1")
	env := typicalEnv()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := e.Score(ctx, s, env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunawayStop measures how far past its deadline an infinite loop
// runs before it is stopped.
func BenchmarkRunawayStop(b *testing.B) {
	const budget = 10 * time.Millisecond
	e := New(Options{PoolSize: 1, Timeout: budget})
	s, _ := e.Compile("loop", `local n = 0 while true do n = n + 1 end`)
	ctx := context.Background()
	var over time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		_, _, err := e.Condition(ctx, s, Env{})
		over += time.Since(start) - budget
		if se, ok := AsError(err); !ok || se.Kind != KindTimeout {
			b.Fatalf("want a timeout, got %v", err)
		}
	}
	b.ReportMetric(float64(over)/float64(b.N)/float64(time.Millisecond), "ms-over-deadline")
}

// BenchmarkDeadlineReusable and BenchmarkDeadlineStdContext compare the
// per-call cost of the state's reusable deadline with a fresh
// context.WithTimeout, which is what justifies the custom context.
func BenchmarkDeadlineReusable(b *testing.B) {
	d := newDeadline(nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := d.arm(ctx, monoNow(), 50*time.Millisecond); err != nil {
			b.Fatal(err)
		}
		d.disarm()
	}
}

func BenchmarkDeadlineStdContext(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		_ = c.Done()
		cancel()
	}
}

// BenchmarkNewState is what pooling saves: building one sandboxed state.
func BenchmarkNewState(b *testing.B) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	b.ReportAllocs()
	for b.Loop() {
		st := e.newState()
		st.L.Close()
	}
}

// BenchmarkCompileCached is a Compile call answered by the cache (the runner
// may call Compile before every evaluation).
func BenchmarkCompileCached(b *testing.B) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	if _, err := e.Compile("typical", typicalScore); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Compile("typical", typicalScore); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLibrary runs each shipped script on its first fixture case, and
// the engagement score over a busy history of 300 events.
func BenchmarkLibrary(b *testing.B) {
	lib, err := scripts.Load()
	if err != nil {
		b.Fatal(err)
	}
	e := New(Options{PoolSize: 1, Timeout: time.Second})
	for _, ls := range lib {
		raw, err := os.ReadFile(filepath.Join(libraryDir, ls.Name+"_test.json"))
		if err != nil {
			b.Fatal(err)
		}
		var ff fixtureFile
		if err := json.Unmarshal(raw, &ff); err != nil {
			b.Fatal(err)
		}
		s, err := e.Compile(ls.Name, ls.Source)
		if err != nil {
			b.Fatal(err)
		}
		t := &testing.T{}
		env := ff.Cases[0].env(t, ff.Now)
		b.Run(ls.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, serr, _, err := outcome(e, s, ls.Kind, env); err != nil || serr != nil {
					b.Fatal(err, serr)
				}
			}
		})
		if ls.Name == "engagement_decay_score" {
			busy := env
			var history SliceEvents
			types := []string{"email_opened", "email_clicked", "page_visit", "form_submitted"}
			for i := 0; i < 300; i++ {
				history = append(history, Event{Type: types[i%4], Time: env.Now.Add(-time.Duration(i) * 7 * time.Hour),
					Props: map[string]any{"path": "/p"}})
			}
			busy.Events = history
			b.Run(ls.Name+"/300-events", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, serr, _, err := outcome(e, s, ls.Kind, busy); err != nil || serr != nil {
						b.Fatal(err, serr)
					}
				}
			})
		}
	}
}
