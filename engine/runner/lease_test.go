package runner

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

// keyDeliverer "sends" by counting each message's key; hold, when set, is
// closed to let the sends go on (each send waits for it).
type keyDeliverer struct {
	mu   sync.Mutex
	sent map[string]int
	hold chan struct{}
}

func (d *keyDeliverer) Deliver(ctx context.Context, m *Message) DeliveryResult {
	if d.hold != nil {
		<-d.hold
	}
	d.mu.Lock()
	d.sent[m.Key]++
	d.mu.Unlock()
	return DeliveryResult{Status: Sent, MessageID: m.Key}
}

func (d *keyDeliverer) count() (keys, sends int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, n := range d.sent {
		sends += n
	}
	return len(d.sent), sends
}

// leaseWorkspace is a PostgreSQL workspace where n contacts joined the
// newsletter and have their welcome email queued.
func leaseWorkspace(t *testing.T, n int) (url string, h *harness) {
	t.Helper()
	url = pgtest.Database(t)
	h = newHarnessOn(t, url, "welcome")
	for i := 0; i < n; i++ {
		h.contact(fmt.Sprintf("p%d@example.com", i), "newsletter")
	}
	if _, err := h.r.RunOnce(h.ctx); err != nil {
		t.Fatal(err)
	}
	var queued int
	h.st.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status='pending'`).Scan(&queued)
	if queued != n {
		t.Fatalf("%d messages queued, want %d", queued, n)
	}
	return url, h
}

// A second engine on the same PostgreSQL workspace: its own store (its
// own connections) and runner.
func secondRunner(t *testing.T, url string, clk clock.Clock, lease time.Duration) *Runner {
	t.Helper()
	st, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return New(st, nodes.MustRegistry(), Options{Clock: clk, SendingLease: lease})
}

// An engine claims messages and dies before sending them (its connections
// close, it never renews their lease): another engine sharing the
// workspace leaves them alone while the lease runs, then sends each once.
func TestExpiredLeaseIsTakenUpByAnotherEngine(t *testing.T) {
	const n = 30
	url, h := leaseWorkspace(t, n)
	clk := clock.NewVirtual(t0)
	dead := secondRunner(t, url, clk, time.Minute)
	claimed, _, err := dead.claim(h.ctx, 1000)
	if err != nil || len(claimed) != n {
		t.Fatalf("claimed %d, %v; want %d", len(claimed), err, n)
	}
	dead.st.Close() // killed: nothing of it is left on the server

	live := secondRunner(t, url, clk, time.Minute)
	d := &keyDeliverer{sent: map[string]int{}}
	clk.Set(t0.Add(59 * time.Second))
	if got, err := live.Deliver(h.ctx, d, 1000); err != nil || got != 0 {
		t.Fatalf("within the lease the other engine handled %d messages (%v), want 0", got, err)
	}
	// Expired leases are looked for every quarter of a lease.
	clk.Set(t0.Add(59*time.Second + time.Minute/4))
	got, err := live.Deliver(h.ctx, d, 1000)
	if err != nil || got != n {
		t.Fatalf("after the lease the other engine handled %d messages (%v), want %d", got, err, n)
	}
	if keys, sends := d.count(); keys != n || sends != n {
		t.Errorf("%d messages sent %d times, want %d once each", keys, sends, n)
	}
	var sent, leased int
	h.st.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status='sent' AND attempts=1`).Scan(&sent)
	h.st.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status='sending'`).Scan(&leased)
	if sent != n || leased != 0 {
		t.Errorf("outbox: %d sent on their first attempt and %d still sending, want %d and 0", sent, leased, n)
	}
}

// An engine still alive keeps its messages past the first lease: it
// renews them while it works, and another engine delivering meanwhile
// never takes them up.
func TestLiveEngineKeepsItsLease(t *testing.T) {
	const n, lease = 20, time.Second
	url, h := leaseWorkspace(t, n)
	slow := secondRunner(t, url, clock.Real{}, lease)
	other := secondRunner(t, url, clock.Real{}, lease)
	d := &keyDeliverer{sent: map[string]int{}, hold: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		got, err := slow.Deliver(h.ctx, d, 1000)
		if err == nil && got != n {
			err = fmt.Errorf("handled %d, want %d", got, n)
		}
		done <- err
	}()
	// Wait until the slow engine holds every message, then let three
	// leases go by while the other engine keeps looking for work.
	for {
		var sending int
		h.st.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status='sending'`).Scan(&sending)
		if sending == n {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	od := &keyDeliverer{sent: map[string]int{}}
	for end := time.Now().Add(3 * lease); time.Now().Before(end); time.Sleep(lease / 10) {
		if _, err := other.Deliver(h.ctx, od, 1000); err != nil {
			t.Fatal(err)
		}
	}
	close(d.hold)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if keys, sends := od.count(); sends != 0 {
		t.Errorf("the other engine sent %d messages (%d distinct) leased to a live engine", sends, keys)
	}
	if keys, sends := d.count(); keys != n || sends != n {
		t.Errorf("the engine holding them sent %d messages %d times, want %d once each", keys, sends, n)
	}
}
