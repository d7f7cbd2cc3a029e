package sim

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// Run simulates cfg.N contacts over cfg.Days with the flows' own node
// executors and the live runner's rules, in memory, and returns what it
// measured. The same Config and Seed give the same Result. Run stops with
// ctx's error when ctx ends.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	m, err := compile(&cfg)
	if err != nil {
		return nil, err
	}
	n := m.n
	if t := cfg.tape; t != nil && !m.scripted {
		m.tape = t
		if t.record {
			t.contacts = make([]contactTape, n)
		} else if len(t.contacts) != n {
			return nil, errors.New("sim: the tape was recorded for another number of contacts")
		}
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, (n+chunk-1)/chunk), 1)
	var journeys []Journey
	if cfg.Journal {
		k := n
		if cfg.JournalLimit > 0 && cfg.JournalLimit < k {
			k = cfg.JournalLimit
		}
		journeys = make([]Journey, k)
	}
	shards := make([]*shard, workers)
	errs := make([]error, workers)
	var next, done atomic.Int64
	var pmu sync.Mutex
	lastPct := -1
	report := func() {
		d := done.Load()
		pct := int(d * 100 / int64(n))
		pmu.Lock()
		defer pmu.Unlock()
		if pct > lastPct {
			lastPct = pct
			cfg.Progress(float64(d) / float64(n))
		}
	}
	var wg sync.WaitGroup
	for i := range workers {
		shards[i] = m.newShard()
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(m, ctx, shards[i])
			w.journeys = journeys
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= n {
					return
				}
				end := min(start+chunk, n)
				for idx := start; idx < end; idx++ {
					if err := ctx.Err(); err != nil {
						errs[i] = err
						return
					}
					w.simulate(idx)
				}
				done.Add(int64(end - start))
				if cfg.Progress != nil {
					report()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	total := shards[0]
	for _, s := range shards[1:] {
		total.merge(s)
	}
	return m.result(total, journeys), nil
}

// chunk is how many contacts a worker takes at a time: small enough to
// share the work evenly, large enough that taking it costs nothing.
const chunk = 256
