package track_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"flightplan/engine"
	"flightplan/engine/delivery"
	"flightplan/engine/track"
	"flightplan/engine/website"
)

// BenchmarkSiteHits measures the website snippet's side of the tracking
// server on loopback: the script's size (plain and gzip, the limit
// is 5 KB compressed), and page views per second posted to /t/e by 20
// clients (each request one page view of a new or returning anonymous
// visitor, as the snippet sends them) — beside, in the same run and on the
// same server, single events posted to /events with the intake token (its
// floor: the intake's shared commits). Each phase runs FP_SITE_BENCH_SECONDS
// (default 5). The rate limits are lifted for the run; every accepted page
// view must be in the workspace afterwards.
func BenchmarkSiteHits(b *testing.B) {
	plain, gz := track.SnippetSize()
	d := 5 * time.Second
	if s, err := strconv.Atoi(os.Getenv("FP_SITE_BENCH_SECONDS")); err == nil && s > 0 {
		d = time.Duration(min(s, 60)) * time.Second
	}
	e, err := engine.New(engine.Options{Workspace: filepath.Join(b.TempDir(), "bench.flightplan")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	if _, err := e.Store.DB().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<10000)
		INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM n`); err != nil {
		b.Fatal(err)
	}
	lifted := track.SiteLimits{VisitorRate: 1e9, VisitorBurst: 1e9, OriginRate: 1e9, OriginBurst: 1e9}
	if err := e.Start(engine.StartOptions{Poll: time.Hour, Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0",
		OnEvents: func() {}, SiteLimits: lifted}}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.Stop)
	const origin = "https://client.example"
	site, err := website.Add(b.Context(), e.Store, origin, "bench")
	if err != nil {
		b.Fatal(err)
	}
	base := "http://" + e.Delivery.HTTPAddr()
	tok := e.Delivery.IntakeToken()
	tr := &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}
	b.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	const clients = 20
	run := func(req func(c, n int) *http.Request) (ok int64, perSec float64) {
		var okN, bad atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		deadline := start.Add(d)
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := 0; time.Now().Before(deadline); n++ {
					resp, err := client.Do(req(c, n))
					if err != nil {
						bad.Add(1)
						continue
					}
					resp.Body.Close()
					if resp.StatusCode == 200 {
						okN.Add(1)
					} else {
						bad.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		if bad.Load() > 0 {
			b.Fatalf("%d requests failed", bad.Load())
		}
		return okN.Load(), float64(okN.Load()) / time.Since(start).Seconds()
	}
	hits, hitRate := run(func(c, n int) *http.Request {
		// Five page views per visitor: new visitors keep arriving.
		body := fmt.Sprintf(`{"k":%q,"v":"bench-visitor-%04d-%07d","e":[{"t":"page_visited","d":{"url":"%s/p/%d","title":"Page %d","referrer":""}}]}`,
			site.Key, c, n/5, origin, n%50, n%50)
		r, _ := http.NewRequest("POST", base+"/t/e", bytes.NewReader([]byte(body)))
		r.Header.Set("Content-Type", "text/plain")
		r.Header.Set("Origin", origin)
		return r
	})
	events, intakeRate := run(func(c, n int) *http.Request {
		body := fmt.Sprintf(`{"type":"page_visited","contact_id":%d,"data":{"url":"%s/p/%d","title":"Page %d"}}`, 1+(c*7919+n)%10000, origin, n%50, n%50)
		r, _ := http.NewRequest("POST", base+"/events", bytes.NewReader([]byte(body)))
		r.Header.Set("Authorization", "Bearer "+tok)
		return r
	})
	var stored, intakeStored int64
	e.Store.DB().QueryRow("SELECT count(*) FROM visitor_events").Scan(&stored)
	e.Store.DB().QueryRow("SELECT count(*) FROM events WHERE type = 'page_visited'").Scan(&intakeStored)
	if stored != hits || intakeStored != events {
		b.Fatalf("stored %d page views of %d accepted, %d intake events of %d", stored, hits, intakeStored, events)
	}
	b.ReportMetric(float64(plain), "snippet-bytes")
	b.ReportMetric(float64(gz), "snippet-gz-bytes")
	b.ReportMetric(hitRate, "pageviews/s")
	b.ReportMetric(intakeRate, "intake-events/s")
	b.ReportMetric(hitRate/intakeRate, "ratio")
}
