package settings_test

import (
	"context"
	"path/filepath"
	"testing"

	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// BenchmarkLoad is what reading the settings through the registry costs
// (the runner does it once per batch), beside its floor: the same query
// scanned raw, in the same run.
func BenchmarkLoad(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "w.flightplan"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := settings.Set(st, map[string]string{settings.CapPerDay: "2", settings.CapPerWeek: "5", settings.QuietFrom: "21:00", settings.QuietTo: "08:00",
		settings.TemperatureWarm: "20", settings.TemperatureHot: "50", settings.StageBackwards: "true", settings.MyEmail: "me@example.com"}); err != nil {
		b.Fatal(err)
	}
	for _, k := range []string{"events_mark", "scripts.switched_off", "teammates"} { // engine state in the same table
		if err := st.SetSetting(k, "1"); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	b.Run("registry", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			v, err := settings.Load(ctx, st)
			if err != nil || v.CapPerDay() != 2 {
				b.Fatal(err)
			}
			_, _ = v.Bands()
		}
	})
	b.Run("floor_raw_select", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rows, err := st.Query(ctx, "all-settings")
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					b.Fatal(err)
				}
				n++
			}
			rows.Close()
			if n == 0 {
				b.Fatal("no rows")
			}
		}
	})
}
