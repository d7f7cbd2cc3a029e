package sim_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
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
	n := 100000
	if s := os.Getenv("SIMN"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	for _, lua := range []bool{true, false} {
		best := time.Hour
		var steps int
		for i := 0; i < 5; i++ {
			cfg := benchConfig(t, n, false)
			cfg.Workers = 1
			if !lua {
				cfg.Scripts = fakeScripts{}
			}
			c0 := cpu()
			r, err := sim.Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			best = min(best, cpu()-c0)
			steps = r.Totals.Steps
		}
		fmt.Printf("lua=%v min-cpu=%v steps=%d\n", lua, best, steps)
	}
}
