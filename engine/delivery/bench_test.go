package delivery_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"flightplan/engine/delivery"
	"flightplan/engine/mail"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/store"
)

// countSink counts what the loopback SMTP server received.
type countSink struct{ n atomic.Int64 }

func (c *countSink) Store(context.Context, mail.Captured) error { c.n.Add(1); return nil }

// checkSink is called by the loopback SMTP server for each message, before
// it answers 250: an error becomes a 451.
type checkSink func(c mail.Captured) error

// outboxFixture is a workspace with n due emails and a running delivery
// service that sends them over conns connections to a loopback SMTP server.
type outboxFixture struct {
	st   *store.Store
	run  *runner.Runner
	svc  *delivery.Service
	sink *countSink
	prof mail.Profile
}

const benchTemplate = `{"subject":"Hello {{ contact.first_name }}","html":"<p>Hi {{ contact.first_name }}, here is <a href=\"https://example.com/guide\">the guide</a>.</p>"}`

func newOutboxFixture(tb testing.TB, n, conns int, check checkSink) *outboxFixture {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "bench.flightplan"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	reg, err := nodes.RegisterAll()
	if err != nil {
		tb.Fatal(err)
	}
	f := &outboxFixture{st: st, run: runner.New(st, reg, runner.Options{}), sink: &countSink{}}
	if err := st.SaveTemplate("t1", "t1", benchTemplate, time.Now()); err != nil {
		tb.Fatal(err)
	}
	payload, _ := json.Marshal(runner.OutboxPayload{FlowID: "bench", Node: "send", Template: "t1", Marketing: true})
	tx, err := st.DB().Begin()
	if err != nil {
		tb.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if _, err := tx.Exec(`INSERT INTO contacts(id, email, first_name, created_at, updated_at) VALUES(?,?,?,0,0)`, i, fmt.Sprintf("c%d@example.com", i), "Ana"); err != nil {
			tb.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO outbox(key, kind, contact_id, enrollment_id, node, payload, next_at, created_at) VALUES(?,?,?,?,?,?,0,0)`,
			fmt.Sprintf("%d/send/1", i), "email", i, i, "send", string(payload)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	var sink mail.Sink = f.sink
	if check != nil {
		sink = sinkFunc(func(c mail.Captured) error {
			f.sink.n.Add(1)
			return check(c)
		})
	}
	srv, err := mail.NewCaptureServer(mail.CaptureOptions{Sink: sink})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(srv.Addr())
	pn, _ := strconv.Atoi(port)
	f.prof = mail.Profile{Name: "bench", Host: host, Port: pn, Security: mail.SecurityNone, From: "bounces@flightplan.test", Connections: conns}
	prof := f.prof
	f.svc, err = delivery.Start(st, f.run, delivery.Options{HTTPAddr: "127.0.0.1:0", Relay: &prof})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.svc.Close() })
	return f
}

type sinkFunc func(c mail.Captured) error

func (f sinkFunc) Store(_ context.Context, c mail.Captured) error { return f(c) }

// drain delivers until the outbox has nothing due.
func (f *outboxFixture) drain(tb testing.TB) int {
	total := 0
	for {
		n, err := f.run.Deliver(context.Background(), f.svc, 200)
		if err != nil {
			tb.Fatal(err)
		}
		if n == 0 {
			return total
		}
		total += n
	}
}

// rawSends is the floor: the same number of prebuilt messages sent over the
// same number of connections to the same kind of server, with no database
// work and no rendering.
func rawSends(tb testing.TB, p mail.Profile, n int) time.Duration {
	sink := &countSink{}
	srv, err := mail.NewCaptureServer(mail.CaptureOptions{Sink: sink})
	if err != nil {
		tb.Fatal(err)
	}
	defer srv.Close()
	host, port, _ := net.SplitHostPort(srv.Addr())
	p.Host = host
	p.Port, _ = strconv.Atoi(port)
	s, err := mail.NewSender(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	raw := []byte("From: <hello@flightplan.test>\r\nTo: <ana@example.com>\r\nSubject: Hello Ana\r\nMessage-ID: <x@flightplan.localhost>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi Ana, here is <a href=\"https://example.com/guide\">the guide</a>.</p>\r\n")
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < p.Connections; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if res := s.Send(context.Background(), mail.Envelope{To: []string{"ana@example.com"}}, raw); res.Status != mail.StatusSent {
					tb.Errorf("send: %+v", res)
					return
				}
			}
		}()
	}
	wg.Wait()
	d := time.Since(start)
	if got := sink.n.Load(); got != int64(n) {
		tb.Fatalf("floor: server received %d of %d", got, n)
	}
	return d
}

// cpuTime is the CPU this process has used so far (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkOutbox is the whole delivery path from the outbox — claim,
// load the contact, render, track, build, send over kept-open connections,
// and settle each message in the database right after the server's 250 —
// to a loopback go-smtp server in the same process. Beside it, measured in
// the same run, the floor: raw SMTP sends of a prebuilt message over the
// same number of connections, with no database work. Each iteration
// measures both; the best rate of each is reported (the machine is
// shared), with the CPU time per message of the process (client and
// server), which other work on the machine disturbs less.
func BenchmarkOutbox(b *testing.B) {
	const n = 4000
	for _, conns := range []int{1, 2, 4} {
		b.Run("conns="+strconv.Itoa(conns), func(b *testing.B) {
			var rate, floor, cpu, floorCPU float64
			for b.Loop() {
				b.StopTimer()
				f := newOutboxFixture(b, n, conns, nil)
				b.StartTimer()
				start, cpu0 := time.Now(), cpuTime()
				if got := f.drain(b); got != n {
					b.Fatalf("delivered %d of %d", got, n)
				}
				d, c := time.Since(start), cpuTime()-cpu0
				b.StopTimer()
				if got := f.sink.n.Load(); got != n {
					b.Fatalf("server received %d of %d", got, n)
				}
				var sent int
				f.st.DB().QueryRow(`SELECT count(*) FROM outbox WHERE status='sent'`).Scan(&sent)
				if sent != n {
					b.Fatalf("%d of %d settled as sent", sent, n)
				}
				if r := n / d.Seconds(); r > rate {
					rate, cpu = r, float64(c.Microseconds())/n
				}
				cpu0 = cpuTime()
				fd := rawSends(b, f.prof, n)
				if r := n / fd.Seconds(); r > floor {
					floor, floorCPU = r, float64((cpuTime()-cpu0).Microseconds())/n
				}
				b.StartTimer()
			}
			b.ReportMetric(rate, "msgs/s")
			b.ReportMetric(floor, "floor-msgs/s")
			b.ReportMetric(100*rate/floor, "%floor")
			b.ReportMetric(cpu, "cpu-µs/msg")
			b.ReportMetric(floorCPU, "floor-cpu-µs/msg")
		})
	}
}
