package sim_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"flightplan/engine/sim"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestTiming(t *testing.T) {
	for _, journal := range []bool{false, true} {
		best := time.Hour
		for i := 0; i < 5; i++ {
			cfg := benchConfig(t, 100000, journal)
			c0 := cpu()
			if _, err := sim.Run(context.Background(), cfg); err != nil {
				t.Fatal(err)
			}
			best = min(best, cpu()-c0)
		}
		fmt.Printf("journal=%v min-cpu=%v\n", journal, best)
	}
}
