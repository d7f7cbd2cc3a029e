package delivery_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/mail"
	"flightplan/engine/store"
)

func messageIDOf(t testing.TB, raw []byte) string {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Errorf("server received an unreadable message: %v", err)
		return ""
	}
	return strings.Trim(msg.Header.Get("Message-Id"), "<> ")
}

// TestOutboxSettlesBeforeNextData checks the promise that bounds what a
// crash can send twice: when a message's data reaches the server, every
// message the server accepted before it is already settled as sent,
// except at most one per other connection. The server checks it in the
// database itself, before each 250, while another writer keeps taking
// the database's write lock (as the runner's batches do), so settlements
// are slow to get in.
func TestOutboxSettlesBeforeNextData(t *testing.T) {
	const n, conns = 150, 3
	var (
		st          *store.Store
		mu          sync.Mutex
		unconfirmed []string // accepted by the server, not yet seen as sent
		maxSeen     int
	)
	check := func(c mail.Captured) error {
		id := messageIDOf(t, c.Raw)
		mu.Lock()
		defer mu.Unlock()
		still := unconfirmed[:0]
		for _, u := range unconfirmed {
			var sent int
			if err := st.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status='sent' AND message_id=?`, u).Scan(&sent); err != nil {
				t.Error(err)
			}
			if sent == 0 {
				still = append(still, u)
			}
		}
		unconfirmed = still
		if len(unconfirmed) > maxSeen {
			maxSeen = len(unconfirmed)
		}
		if len(unconfirmed) > conns-1 {
			t.Errorf("data of %s arrived while %d accepted messages were unsettled (%v); at most %d may be", id, len(unconfirmed), unconfirmed, conns-1)
		}
		unconfirmed = append(unconfirmed, id)
		return nil
	}
	f := newOutboxFixture(t, n, conns, check)
	st = f.st

	// Another writer holds the write lock 2 ms at a time, with 1 ms gaps.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			tx, err := st.DB().Begin()
			if err != nil {
				t.Error(err)
				return
			}
			tx.Exec(`INSERT INTO settings(key, value) VALUES('busy', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value`, fmt.Sprint(i))
			time.Sleep(2 * time.Millisecond)
			if err := tx.Commit(); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	got := f.drain(t)
	close(stop)
	wg.Wait()

	if got != n || f.sink.n.Load() != n {
		t.Fatalf("delivered %d, server received %d, want %d", got, f.sink.n.Load(), n)
	}
	var sent, events int
	st.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status='sent' AND attempts=1`).Scan(&sent)
	st.ReadDB().QueryRow(`SELECT count(*) FROM events WHERE type=?`, contact.EventEmailSent).Scan(&events)
	if sent != n || events != n {
		t.Errorf("%d messages settled as sent on their first attempt and %d email_sent events, want %d", sent, events, n)
	}
	// The connections did overlap: otherwise the check above proves nothing.
	if maxSeen == 0 {
		t.Errorf("no message ever reached the server while another was unsettled: the %d connections never overlapped", conns)
	}
	t.Logf("at most %d other accepted messages unsettled at a message's data (limit %d)", maxSeen, conns-1)
}

// TestOutboxStopsCleanly cancels delivery midway: messages already on the
// wire finish and are recorded, the rest go back to the queue, and nothing
// is left claimed or sent without being recorded.
func TestOutboxStopsCleanly(t *testing.T) {
	const n, conns = 1500, 2
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	received := map[string]int{}
	f := newOutboxFixture(t, n, conns, func(c mail.Captured) error {
		id := messageIDOf(t, c.Raw)
		mu.Lock()
		defer mu.Unlock()
		received[id]++
		if len(received) == 300 {
			cancel()
		}
		return nil
	})
	var err error
	for err == nil {
		_, err = f.run.Deliver(ctx, f.svc, 200)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Deliver after cancel: %v, want context.Canceled", err)
	}
	counts := map[string]int{}
	rows, qerr := f.st.ReadDB().Query(`SELECT status, count(*) FROM outbox GROUP BY status`)
	if qerr != nil {
		t.Fatal(qerr)
	}
	for rows.Next() {
		var s string
		var c int
		rows.Scan(&s, &c)
		counts[s] = c
	}
	rows.Close()
	mu.Lock()
	defer mu.Unlock()
	for id, c := range received {
		if c != 1 {
			t.Errorf("%s received %d times", id, c)
		}
		var status string
		f.st.ReadDB().QueryRow(`SELECT status FROM outbox WHERE message_id=?`, id).Scan(&status)
		if status != "sent" {
			t.Errorf("%s reached the server but is %q in the outbox", id, status)
		}
	}
	if counts["sending"] != 0 || counts["sent"] != len(received) || counts["sent"]+counts["pending"] != n || counts["pending"] == 0 {
		t.Errorf("after the stop: outbox %v, server received %d of %d", counts, len(received), n)
	}
}

// TestOutboxSuppression: marketing email to a contact who unsubscribed
// after it was queued is skipped at send time, as is a message whose
// contact was deleted; neither reaches the server nor stops the others.
func TestOutboxSuppression(t *testing.T) {
	f := newOutboxFixture(t, 3, 2, nil)
	if _, err := f.st.DB().Exec(`UPDATE contacts SET unsubscribed=1 WHERE id=1`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB().Exec(`DELETE FROM contacts WHERE id=2`); err != nil {
		t.Fatal(err)
	}
	if got := f.drain(t); got != 3 {
		t.Errorf("handled %d messages, want 3", got)
	}
	want := map[int]string{1: "skipped: the contact unsubscribed or their address was refused since it was queued", 2: "skipped: the contact was deleted since it was queued", 3: "sent: "}
	for id, w := range want {
		var status, last string
		f.st.ReadDB().QueryRow(`SELECT status, last_error FROM outbox WHERE contact_id=?`, id).Scan(&status, &last)
		if got := status + ": " + last; got != w {
			t.Errorf("contact %d: outbox %q, want %q", id, got, w)
		}
	}
	if got := f.sink.n.Load(); got != 1 {
		t.Errorf("server received %d messages, want 1", got)
	}
}

// TestOutboxTemplateEdit: delivery keeps decoded templates between
// messages, and an edit reaches the very next message.
func TestOutboxTemplateEdit(t *testing.T) {
	var mu sync.Mutex
	var subjects []string
	f := newOutboxFixture(t, 3, 1, func(c mail.Captured) error {
		mu.Lock()
		subjects = append(subjects, c.Subject)
		mu.Unlock()
		return nil
	})
	for i, subject := range []string{"Hello {{ contact.first_name }}", "Hello {{ contact.first_name }}", "Bye {{ contact.first_name }}"} {
		if i > 0 {
			body := strings.Replace(benchTemplate, "Hello {{ contact.first_name }}", subject, 1)
			if err := f.st.SaveTemplate("t1", "t1", body, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := f.run.Deliver(context.Background(), f.svc, 1); n != 1 || err != nil {
			t.Fatalf("Deliver: %d, %v", n, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(subjects, " | "); got != "Hello Ana | Hello Ana | Bye Ana" {
		t.Errorf("subjects %q", got)
	}
}
