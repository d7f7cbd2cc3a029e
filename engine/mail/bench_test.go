package mail

import (
	"context"
	"net"
	netmail "net/mail"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkRender renders the personalised welcome template (subject,
// preheader, HTML with escaping, derived text) for a different contact each
// time. Besides the mean, it reports the median, the figure the ≤ 20 µs
// target is about.
func BenchmarkRender(b *testing.B) {
	r := NewRenderer()
	data := make([]Data, 64)
	for i := range data {
		data[i] = welcomeData(i)
		data[i].Contact["first_name"] = "Contact " + strconv.Itoa(i)
	}
	if _, err := r.Render(welcome, data[0]); err != nil {
		b.Fatal(err)
	}
	durs := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if _, err := r.Render(welcome, data[i%len(data)]); err != nil {
			b.Fatal(err)
		}
		if len(durs) < cap(durs) {
			durs = append(durs, time.Since(t0))
		}
	}
	b.StopTimer()
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)/2].Nanoseconds()), "median-ns/op")
}

// BenchmarkRenderBlocks renders a block-editor template (the block HTML is
// generated once, at compile time, then cached).
func BenchmarkRenderBlocks(b *testing.B) {
	r := NewRenderer()
	tpl := Template{ID: "blocks", Subject: "Hi {{ contact.first_name }}", Blocks: []Block{
		{Type: BlockHeading, Text: `Hello {{ contact.first_name | default: "there" }}`},
		{Type: BlockText, Text: "Thanks for joining {{ contact.company }}.\n\nHere is what happens next."},
		{Type: BlockButton, Text: "Get started", URL: "https://app.example.com/start?c={{ contact.id }}"},
		{Type: BlockColumns, Columns: [][]Block{{{Type: BlockText, Text: "Left"}}, {{Type: BlockText, Text: "Right"}}}},
		{Type: BlockText, Text: `<a href="{{ unsubscribe_url }}">Unsubscribe</a>`},
	}}
	d := welcomeData(1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(tpl, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrack(b *testing.B) {
	out, _ := NewRenderer().Render(welcome, welcomeData(1))
	tr := Tracking{Links: testURLs(b, "http://127.0.0.1:8787"), MessageID: "out-000123", ContactID: 123}
	b.ReportAllocs()
	for b.Loop() {
		Track(out.HTML, tr)
	}
}

func BenchmarkBuild(b *testing.B) {
	out, _ := NewRenderer().Render(welcome, welcomeData(1))
	m := Outgoing{From: addr(welcome.FromName, welcome.FromEmail), To: []netmail.Address{addr("Ana", "ana@example.com")},
		Subject: out.Subject, HTML: out.HTML, Text: out.Text, Key: "out-1", Marketing: true, UnsubscribeURL: "https://t.example.com/u/x"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(m); err != nil {
			b.Fatal(err)
		}
	}
}

// countSink counts messages and keeps their arrival times when asked.
type countSink struct {
	n     atomic.Int64
	mu    sync.Mutex
	times []time.Time
	keep  bool
}

func (c *countSink) Store(_ context.Context, m Captured) error {
	c.n.Add(1)
	if c.keep {
		c.mu.Lock()
		c.times = append(c.times, m.At)
		c.mu.Unlock()
	}
	return nil
}

func loopbackProfile(b *testing.B, srv *CaptureServer) Profile {
	host, port, _ := net.SplitHostPort(srv.Addr())
	pn, _ := strconv.Atoi(port)
	return Profile{Name: "bench", Host: host, Port: pn, Security: SecurityNone, From: "bounces@flightplan.test"}
}

// BenchmarkDeliver is the whole path for one message — render, track,
// build, send over a kept-open SMTP connection — into the loopback capture
// server (a go-smtp server, in the same process, so it shares the CPU).
func BenchmarkDeliver(b *testing.B) {
	for _, conns := range []int{1, 4} {
		b.Run("conns="+strconv.Itoa(conns), func(b *testing.B) {
			sink := &countSink{}
			srv, _ := startCapture(b, CaptureOptions{Sink: sink})
			p := loopbackProfile(b, srv)
			p.Connections = conns
			s := newSender(b, p)
			r := NewRenderer()
			urls := testURLs(b, "http://127.0.0.1:8787")
			var seq atomic.Int64
			b.SetParallelism((conns + 1) / 2)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := seq.Add(1)
					key := "out-" + strconv.FormatInt(i, 10)
					d := welcomeData(int(i))
					unsub := urls.Unsubscribe(key, i)
					d.Extra = map[string]any{"unsubscribe_url": unsub}
					out, err := r.Render(welcome, d)
					if err != nil {
						b.Error(err)
						return
					}
					tr := Tracking{Links: urls, MessageID: key, ContactID: i}
					raw, err := Build(Outgoing{From: addr(welcome.FromName, welcome.FromEmail), To: []netmail.Address{addr("Ana", "ana@example.com")},
						Subject: out.Subject, HTML: Track(out.HTML, tr), Text: TrackText(out.Text, tr), Key: key, Marketing: true, UnsubscribeURL: unsub})
					if err != nil {
						b.Error(err)
						return
					}
					if res := s.Send(context.Background(), Envelope{From: p.From, To: []string{"ana@example.com"}}, raw); res.Status != StatusSent {
						b.Errorf("send: %+v", res)
						return
					}
				}
			})
			b.StopTimer()
			if got := sink.n.Load(); got != int64(b.N) {
				b.Fatalf("sink received %d of %d", got, b.N)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

// BenchmarkRateLimit measures how closely the Sender holds PerSecond over a
// 2-second run, from arrival times at the capture server: 4,001 messages at
// 2,000/s on 4 connections. It reports the achieved rate and the error in
// percent of the configured one.
func BenchmarkRateLimit(b *testing.B) {
	const rate, n, workers = 2000, 4001, 4
	raw, env := testMessage(b, 1)
	var achieved, errPct float64
	for b.Loop() {
		sink := &countSink{keep: true}
		srv, _ := startCapture(b, CaptureOptions{Sink: sink})
		p := loopbackProfile(b, srv)
		p.Connections, p.PerSecond = workers, rate
		s := newSender(b, p)
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= n {
					if res := s.Send(context.Background(), env, raw); res.Status != StatusSent {
						b.Errorf("send: %+v", res)
						return
					}
				}
			}()
		}
		wg.Wait()
		s.Close()
		srv.Close()
		ts := sink.times
		if len(ts) != n {
			b.Fatalf("received %d, want %d", len(ts), n)
		}
		slices.SortFunc(ts, func(x, y time.Time) int { return x.Compare(y) })
		span := ts[len(ts)-1].Sub(ts[0])
		achieved = float64(n-1) / span.Seconds()
		errPct = (achieved - rate) / rate * 100
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(rate, "configured/s")
	b.ReportMetric(achieved, "achieved/s")
	b.ReportMetric(errPct, "%err")
}
