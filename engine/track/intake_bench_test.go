package track_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"flightplan/engine"
	"flightplan/engine/delivery"
	"flightplan/engine/runner"
	"flightplan/engine/track"
)

// The HTTP load run: the real engine (workspace, runner, tracking server on
// loopback) and a bounded load generator in this process — 50 clients with
// keep-alive connections, for FP_HTTP_BENCH_SECONDS (default 30) or at most
// httpBenchMaxEvents events. Each run counts the events in the workspace
// afterwards: every accepted event stored once (lost = dup = 0). Two floors
// are measured in the same run: Runner.Ingest in process with batches of
// 1,000 on the same workspace (what storing costs without HTTP), and the
// same load against the same handler with an intake that stores nothing
// (what HTTP and JSON cost without storing).
const (
	httpBenchClients   = 50
	httpBenchContacts  = 10_000
	httpBenchMaxEvents = 3_000_000
)

func httpBenchDuration() time.Duration {
	if s, err := strconv.Atoi(os.Getenv("FP_HTTP_BENCH_SECONDS")); err == nil && s > 0 {
		return time.Duration(min(s, 120)) * time.Second
	}
	return 30 * time.Second
}

type httpBench struct {
	e      *engine.Engine
	url    string
	tok    string
	client *http.Client
}

// nopIntake accepts every event and stores nothing: the HTTP floor.
type nopIntake struct{}

func (nopIntake) Ingest(_ context.Context, evs []track.IntakeEvent) (int, []error) {
	return len(evs), nil
}

// nopServer is the tracking handler with nopIntake, on loopback.
func nopServer(b *testing.B, client *http.Client) *httpBench {
	b.Helper()
	s, err := track.NewSigner([]byte("0123456789abcdef-bench-key"))
	if err != nil {
		b.Fatal(err)
	}
	h, err := track.NewHandler(track.HandlerOptions{Signer: s, Recorder: nopRecorder{}, Intake: nopIntake{}, IntakeToken: "bench-token"})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return &httpBench{url: srv.URL + "/events", tok: "bench-token", client: client}
}

type nopRecorder struct{}

func (nopRecorder) Record(context.Context, track.Claim, string, map[string]string) error { return nil }

func startHTTPBench(b *testing.B) *httpBench {
	b.Helper()
	e, err := engine.New(engine.Options{Workspace: filepath.Join(b.TempDir(), "bench.flightplan")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	if _, err := e.Store.DB().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<?)
		INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM n`, httpBenchContacts); err != nil {
		b.Fatal(err)
	}
	// The scheduler sleeps (no poll, no poke during the run): this
	// measures storing, as the in-process figure does.
	if err := e.Start(engine.StartOptions{Poll: time.Hour, Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0",
		OnEvents: func() {}}}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.Stop)
	tr := &http.Transport{MaxIdleConns: httpBenchClients * 2, MaxIdleConnsPerHost: httpBenchClients * 2, DisableCompression: true}
	b.Cleanup(tr.CloseIdleConnections)
	return &httpBench{e: e, url: "http://" + e.Delivery.HTTPAddr() + "/events", tok: e.Delivery.IntakeToken(),
		client: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// loadResult is what the clients saw.
type loadResult struct {
	sent, accepted, failed int64
	lat                    []time.Duration
	elapsed                time.Duration
	cpu                    time.Duration // this process's CPU time (server and clients)
}

// cpuTime is the CPU time this process has used. On a machine shared with
// other work, CPU per event is the figure that does not depend on how much
// of the machine the run got.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (r loadResult) cpuPerEvent() float64 {
	return float64(r.cpu.Nanoseconds()) / 1000 / float64(max(r.accepted, 1))
}

// run sends batches of size events from 50 clients for d. With rate > 0
// (events/s in all), each client paces its requests; otherwise each sends
// as fast as the server answers.
func (h *httpBench) run(b *testing.B, tag string, size int, rate float64, d time.Duration, ids bool) loadResult {
	var (
		res      loadResult
		mu       sync.Mutex
		wg       sync.WaitGroup
		budget   atomic.Int64
		accepted atomic.Int64
		failed   atomic.Int64
	)
	budget.Store(httpBenchMaxEvents)
	cpu0 := cpuTime()
	start := time.Now()
	deadline := start.Add(d)
	var every time.Duration
	if rate > 0 {
		every = time.Duration(float64(time.Second) * float64(size) * httpBenchClients / rate)
	}
	for c := range httpBenchClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var buf bytes.Buffer
			next := time.Now().Add(time.Duration(c) * every / httpBenchClients) // spread the clients' phases
			for seq := 0; ; seq++ {
				if rate > 0 {
					if w := time.Until(next); w > 0 {
						time.Sleep(w)
					}
					next = next.Add(every)
				}
				if time.Now().After(deadline) || budget.Add(-int64(size)) < 0 {
					break
				}
				buf.Reset()
				buf.WriteByte('[')
				for i := range size {
					if i > 0 {
						buf.WriteByte(',')
					}
					// Appended by hand: the generator shares the two cores
					// with the server, so it should cost little.
					n := seq*size + i
					b := buf.AvailableBuffer()
					if ids {
						b = append(b, `{"id":"`...)
						b = append(b, tag...)
						b = append(b, '-')
						b = strconv.AppendInt(b, int64(c), 10)
						b = append(b, '-')
						b = strconv.AppendInt(b, int64(n), 10)
						b = append(b, `",`...)
					} else {
						b = append(b, '{')
					}
					b = append(b, `"type":"page_visited","contact_id":`...)
					b = strconv.AppendInt(b, int64(1+(c*7919+n)%httpBenchContacts), 10)
					b = append(b, `,"data":{"url":"https://example.com/p/`...)
					b = strconv.AppendInt(b, int64(n%50), 10)
					b = append(b, `","n":"`...) // unique: duplicates show without ids too
					b = append(b, tag...)
					b = append(b, '-')
					b = strconv.AppendInt(b, int64(c), 10)
					b = append(b, '-')
					b = strconv.AppendInt(b, int64(n), 10)
					b = append(b, `","seconds":`...)
					b = strconv.AppendInt(b, int64(n%300), 10)
					b = append(b, "}}"...)
					buf.Write(b)
				}
				buf.WriteByte(']')
				req, _ := http.NewRequest("POST", h.url, bytes.NewReader(buf.Bytes()))
				req.Header.Set("Authorization", "Bearer "+h.tok)
				req.Header.Set("Content-Type", "application/json")
				t0 := time.Now()
				resp, err := h.client.Do(req)
				if err != nil {
					failed.Add(int64(size))
					continue
				}
				var r track.IntakeResponse
				err = json.NewDecoder(resp.Body).Decode(&r)
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat = append(lat, time.Since(t0))
				if err != nil || resp.StatusCode != 200 || r.Accepted != size {
					failed.Add(int64(size - r.Accepted))
				}
				accepted.Add(int64(r.Accepted))
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.cpu = cpuTime() - cpu0
	res.accepted, res.failed = accepted.Load(), failed.Load()
	slices.Sort(res.lat)
	return res
}

func pct(lat []time.Duration, p float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds()) / 1000
}

// check counts what the workspace holds against what the clients were told.
func (h *httpBench) check(b *testing.B, res loadResult) (lost, dup int64) {
	var stored, distinct int64
	// Every event the clients sent carries a distinct "n".
	if err := h.e.Store.DB().QueryRow(`SELECT count(*), count(DISTINCT props->>'n') FROM events WHERE source='intake'`).Scan(&stored, &distinct); err != nil {
		b.Fatal(err)
	}
	return max(res.accepted-distinct, 0), stored - distinct + max(distinct-res.accepted, 0)
}

// floor stores n events in process (Runner.Ingest, batches of 1,000) on the
// same workspace, the same rows as the HTTP runs (with ids when they have
// them, so the dedupe table is written too): the figure the HTTP runs are
// compared with. It returns events/s and CPU µs per event.
func (h *httpBench) floor(b *testing.B, n int, ids bool) (float64, float64) {
	evs := make([]runner.EventInput, n)
	for i := range evs {
		evs[i] = runner.EventInput{ContactID: int64(1 + i%httpBenchContacts), Type: "page_visited",
			Props: map[string]any{"url": "https://example.com/p/" + strconv.Itoa(i%50), "seconds": i % 300, "n": "floor-" + strconv.Itoa(i)}}
		if ids {
			evs[i].ID = "floor-" + strconv.Itoa(i%50) + "-" + strconv.Itoa(i)
		}
	}
	cpu0 := cpuTime()
	start := time.Now()
	for j := 0; j < n; j += 1000 {
		if _, rej, err := h.e.Runner.Ingest(context.Background(), evs[j:min(j+1000, n)], "floor"); err != nil || len(rej) > 0 {
			b.Fatal(err, rej)
		}
	}
	return float64(n) / time.Since(start).Seconds(), float64((cpuTime() - cpu0).Nanoseconds()) / 1000 / float64(n)
}

// BenchmarkHTTPIntake: events/s through POST /events on loopback, 50
// clients, batches of 100 and single events, as fast as answered; then p99
// of a request at a paced 10,000 events/s (batches of 10, and single
// events). Beside each: the in-process floor and the ratio.
func BenchmarkHTTPIntake(b *testing.B) {
	d := httpBenchDuration()
	for _, c := range []struct {
		name string
		size int
		rate float64
		ids  bool
	}{
		{"batch100", 100, 0, true},
		{"single", 1, 0, true},
		{"single-noid", 1, 0, false}, // what the dedupe costs
		{"paced10k-batch10", 10, 10_000, true},
		{"paced10k-single", 1, 10_000, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				h := startHTTPBench(b)
				floor, floorCPU := h.floor(b, 100_000, c.ids)
				nop := nopServer(b, h.client).run(b, c.name, c.size, c.rate, min(d, 10*time.Second), c.ids)
				nopRate := float64(nop.accepted) / nop.elapsed.Seconds()
				res := h.run(b, c.name, c.size, c.rate, d, c.ids)
				lost, dup := h.check(b, res)
				rate := float64(res.accepted) / res.elapsed.Seconds()
				b.ReportMetric(rate, "events/s")
				b.ReportMetric(floor, "inproc-events/s")
				b.ReportMetric(rate/floor, "http/inproc")
				b.ReportMetric(nopRate, "nostore-events/s")
				b.ReportMetric(rate/nopRate, "http/nostore")
				b.ReportMetric(pct(nop.lat, 0.99), "nostore-p99-ms")
				// CPU per event (server and load generator; the floor has no
				// HTTP): independent of how much of the machine the run got.
				b.ReportMetric(res.cpuPerEvent(), "cpu-µs/event")
				b.ReportMetric(nop.cpuPerEvent(), "nostore-cpu-µs/event")
				b.ReportMetric(floorCPU, "inproc-cpu-µs/event")
				b.ReportMetric(pct(res.lat, 0.50), "p50-ms")
				b.ReportMetric(pct(res.lat, 0.99), "p99-ms")
				b.ReportMetric(float64(lost), "lost")
				b.ReportMetric(float64(dup), "dup")
				if res.failed > 0 || lost > 0 || dup > 0 {
					b.Fatalf("%d events refused or failed, %d lost, %d duplicated", res.failed, lost, dup)
				}
			}
		})
	}
}
