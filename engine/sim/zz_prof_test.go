package sim_test

import (
	"context"
	"testing"

	"flightplan/engine/sim"
)

func TestProf(t *testing.T) {
	for i := 0; i < 4; i++ {
		cfg := benchConfig(t, 100000, false)
		cfg.Workers = 1
		if _, err := sim.Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
	}
}
