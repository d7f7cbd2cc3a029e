package script

import (
	"context"
	"testing"
	"time"
)

// typicalScore is a typical lead-scoring rule: a few fields, a tag, the
// temperature, a text helper.
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
			Fields: map[string]any{"company_size": 120.0, "job_title": "Director of Marketing", "country": "FR", "plan": "trial"},
			Tags:   []string{"newsletter", "trial"}, Lists: []string{"customers"},
			CreatedAt: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		},
		Now:    time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
		Params: map[string]any{"threshold": 50.0},
		Flow:   "nurture", Node: "score",
	}
}

func BenchmarkScoreTypical(b *testing.B) {
	e := New(Options{PoolSize: 1})
	s, err := e.Compile("typical", typicalScore)
	if err != nil {
		b.Fatal(err)
	}
	env := typicalEnv()
	ctx := context.Background()
	if got, _, err := e.Score(ctx, s, env); err != nil || got != 35 {
		b.Fatalf("score = %v, %v; want 35", got, err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := e.Score(ctx, s, env); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	created := e.Stats().StatesCreated
	b.ReportMetric(float64(created), "states")
	if created > int64(e.Options().PoolSize) {
		b.Fatalf("created %d states, pool size %d", created, e.Options().PoolSize)
	}
}

func BenchmarkScoreReturnConstant(b *testing.B) {
	e := New(Options{PoolSize: 1})
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
