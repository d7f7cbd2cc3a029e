package script

import (
	"context"
	"testing"
)

func BenchmarkMicro(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"const", "return 1"},
		{"local_arith", "local a = 1 local b = a + 2 local c = b * 3 return c"},
		{"global_now", "return now"},
		{"contact_score", "return contact.score"},
		{"fields_num", "return contact.fields.company_size"},
		{"text_lower", "return text.lower('X') and 1"},
		{"has_tag", "return contact:has_tag('trial') and 1"},
		{"math_floor", "return math.floor(1.5)"},
		{"params", "return params.threshold"},
		{"temperature", "return contact.temperature == 'hot' and 1 or 0"},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := New(Options{PoolSize: 1})
			s, err := e.Compile(c.name, c.src)
			if err != nil {
				b.Fatal(err)
			}
			env := typicalEnv()
			ctx := context.Background()
			if _, _, err := e.Score(ctx, s, env); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				e.Score(ctx, s, env)
			}
		})
	}
}
