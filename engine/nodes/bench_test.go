package nodes

import (
	"context"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

// BenchmarkFieldCondition: a yes/no check built in the UI (no Lua), as the
// runner calls it: spec lookup done, config read, comparison, reason.
func BenchmarkFieldCondition(b *testing.B) {
	reg := MustRegistry()
	s, _ := reg.Lookup("condition.field")
	n := &flow.Node{ID: "c", Type: s.Type, Config: map[string]any{"field": "country", "operator": "equals", "value": "US"}}
	c := &contact.Contact{ID: 1, Identity: map[string]string{"country": "FR"}}
	ctx := &Ctx{Context: context.Background(), Flow: &flow.Flow{ID: "f"}, Node: n, Spec: s, Contact: c, Now: time.Now(), Location: time.UTC, Env: &fakeEnv{}}
	exec := s.Executor()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if r, _ := exec(ctx); r.Port != "no" {
			b.Fatal(r)
		}
	}
}

// BenchmarkFieldCheckEval: the comparison alone, compiled once, as segments
// and counts-only simulations can use it.
func BenchmarkFieldCheckEval(b *testing.B) {
	fc := CompileFieldCheck("country", "equals", "US")
	c := &contact.Contact{ID: 1, Identity: map[string]string{"country": "FR"}}
	now := time.Now()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if fc.Eval(c, now) {
			b.Fatal("FR is not US")
		}
	}
}

// BenchmarkScoreCondition: "temperature is at least hot" as the runner
// calls it, with its reason (journal) and without (counts-only
// simulation). Compare with BenchmarkFieldCondition, the same kind of
// check on a plain field.
func BenchmarkScoreCondition(b *testing.B) {
	reg := MustRegistry()
	s, _ := reg.Lookup("condition.score")
	n := &flow.Node{ID: "c", Type: s.Type, Config: map[string]any{"metric": "temperature", "operator": "gte", "temperature": "hot"}}
	c := &contact.Contact{ID: 1, Identity: map[string]string{}, Temperature: "warm"}
	for _, quiet := range []bool{false, true} {
		name := map[bool]string{false: "reason", true: "quiet"}[quiet]
		b.Run(name, func(b *testing.B) {
			ctx := &Ctx{Context: context.Background(), Flow: &flow.Flow{ID: "f"}, Node: n, Spec: s, Contact: c, Now: time.Now(), Location: time.UTC, Env: &fakeEnv{}, Quiet: quiet}
			exec := s.Executor()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if r, _ := exec(ctx); r.Port != "no" {
					b.Fatal(r)
				}
			}
		})
	}
}
