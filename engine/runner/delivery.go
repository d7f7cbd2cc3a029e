package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/journey"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// Message is one outbox row handed to a Deliverer.
type Message struct {
	ID           int64
	Key          string // idempotency key; also the Message-ID's local part
	Kind         string // email | notify | webhook
	EnrollmentID int64
	Node         string
	Contact      *contact.Contact
	Payload      OutboxPayload
	Attempt      int
	// LastError is the previous attempt's error ("" when none): a message
	// that was in trouble and goes out after all is journaled.
	LastError string

	ready func() error // see Ready
}

// Delivery statuses.
const (
	Sent   = journey.Sent
	Retry  = journey.Retry   // temporary failure (4xx, network): try again later
	Bounce = journey.Refused // permanent refusal (5xx): the contact is suppressed
	Failed = journey.Broken  // cannot be sent (missing template…): not retried
)

// DeliveryResult is what a Deliverer reports for one message.
type DeliveryResult struct {
	Status    string
	MessageID string
	Error     string
}

// Deliverer sends messages: the mail package for email, HTTP for webhooks.
type Deliverer interface {
	Deliver(ctx context.Context, m *Message) DeliveryResult
}

// Parallel is a Deliverer that can carry several messages at once, one per
// connection: Deliver is then called from that many goroutines, and it must
// call Message.Ready right before each message can reach its recipient
// (before SMTP DATA, before an HTTP request), so that the work before that
// point overlaps the settlement of the message before it.
type Parallel interface {
	Deliverer
	// Connections is how many messages may be in flight at once.
	Connections() int
}

// Ready blocks until m may reach its recipient: until the message handed
// to the same connection before it is settled in the database. An error
// means m must not be sent (delivery is stopping).
func (m *Message) Ready() error {
	if m.ready == nil {
		return nil
	}
	return m.ready()
}

// stopGrace is how long messages already handed to the server may take to
// finish after the caller's context ends: cutting one off after its data
// went out would leave the server's answer unknown, and the message would
// be sent again later.
const stopGrace = 5 * time.Second

// RecoverOutbox returns messages left in "sending" by a crash to the queue.
// They are sent again with the same key and Message-ID. Each message is
// settled right after the server's "250 OK", before its connection sends the
// next one's data, so a crash can duplicate at most the message in flight on
// each connection; the repeated Message-ID lets the capture mailbox (and
// most mailbox providers) drop the duplicate.
func (r *Runner) RecoverOutbox(ctx context.Context) (int, error) {
	res, err := r.st.Exec(ctx, "recover-outbox")
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Deliver sends up to limit due messages and returns how many it handled.
//
// The due messages are claimed ("sending") in one transaction and shared
// among d's connections (see Parallel). Each message's result is committed
// as soon as its send ends, and the connection that carried it does not
// send the next message's data before that commit: at any moment each
// connection has at most one message the server may have accepted that the
// database does not yet call sent, and that is all a crash can send twice.
// Commits of different connections that finish together share one
// transaction, and a connection prepares its next message (render, build,
// MAIL FROM, RCPT TO) while its last one is being committed.
func (r *Runner) Deliver(ctx context.Context, d Deliverer, limit int) (int, error) {
	msgs, skipped, err := r.claim(ctx, limit)
	if err != nil || len(msgs) == 0 {
		return skipped, err
	}
	// The claim's lease is renewed until every message is settled or
	// released (lease.go).
	renewStop := make(chan struct{})
	var renewWG sync.WaitGroup
	renewWG.Add(1)
	go r.renewLeases(ctx, msgs, renewStop, &renewWG)
	defer func() { close(renewStop); renewWG.Wait() }()
	workers, pipelined := 1, false
	if p, ok := d.(Parallel); ok {
		workers, pipelined = max(1, p.Connections()), true
	}
	workers = min(workers, len(msgs))

	// Sends and settlements outlive a cancelled ctx for a short grace:
	// a message already on the wire finishes and is recorded.
	sendCtx, cancelSend := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSend()
	stopAfter := context.AfterFunc(ctx, func() { time.AfterFunc(stopGrace, cancelSend) })
	defer stopAfter()

	work := make(chan *Message)
	settles := make(chan settlement, workers)
	settled := make(chan struct{})
	go func() {
		r.settleLoop(sendCtx, settles, workers)
		close(settled)
	}()
	var (
		mu       sync.Mutex
		firstErr error
		handled  = skipped
		unsent   []*Message // taken by a connection, never sent
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return firstErr != nil }
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// prev is the commit of this connection's last message.
			var prev chan error
			var prevErr error
			waitPrev := func() error {
				if prev != nil {
					if prevErr = <-prev; prevErr != nil {
						fail(prevErr)
					} else {
						mu.Lock()
						handled++
						mu.Unlock()
					}
					prev = nil
				}
				return prevErr
			}
			for m := range work {
				if failed() || (!pipelined && waitPrev() != nil) {
					mu.Lock()
					unsent = append(unsent, m)
					mu.Unlock()
					continue
				}
				if pipelined {
					m.ready = waitPrev
				}
				out := d.Deliver(sendCtx, m)
				if waitPrev() != nil {
					// Ready said no: the message did not go out.
					mu.Lock()
					unsent = append(unsent, m)
					mu.Unlock()
					continue
				}
				prev = make(chan error, 1)
				settles <- settlement{m: m, out: out, done: prev}
			}
			waitPrev()
		}()
	}
	next := 0
feed:
	for ; next < len(msgs); next++ {
		if ctx.Err() != nil || failed() {
			break
		}
		select {
		case work <- msgs[next]:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	close(settles)
	<-settled
	// Messages claimed but never sent go back to the queue now rather
	// than at the next start.
	if rest := append(unsent, msgs[next:]...); len(rest) > 0 {
		if err := r.release(sendCtx, rest); err != nil {
			fail(err)
		}
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return handled, firstErr
}

// claim reads up to limit due messages with their contacts, and in one
// transaction marks them "sending" — or skipped, for marketing email to a
// contact who can no longer receive it (suppression is checked again at
// send time: the contact may have unsubscribed while the message waited
// for quiet hours to end), or whose contact was deleted. skipped counts
// the skipped ones.
func (r *Runner) claim(ctx context.Context, limit int) (claimed []*Message, skipped int, err error) {
	now := r.clk.Now()
	if _, err := r.reclaimExpired(ctx, now); err != nil {
		return nil, 0, fmt.Errorf("reclaiming expired leases: %w", err)
	}
	rows, err := r.st.Query(ctx, "due-messages", store.MS(now), limit)
	if err != nil {
		return nil, 0, err
	}
	var msgs []*Message
	var cids []int64
	for rows.Next() {
		m := &Message{}
		var cid int64
		var payload string
		if err := rows.Scan(&m.ID, &m.Key, &m.Kind, &cid, &m.EnrollmentID, &m.Node, &payload, &m.Attempt, &m.LastError); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(payload), &m.Payload); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("outbox %s: payload damaged: %w", m.Key, err)
		}
		m.Attempt++
		m.Contact = &contact.Contact{ID: cid}
		msgs = append(msgs, m)
		cids = append(cids, cid)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(msgs) == 0 {
		return nil, 0, err
	}
	contacts, err := store.LoadContacts(ctx, r.st, cids)
	if err != nil {
		return nil, 0, err
	}
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	claimed = msgs[:0]
	for _, m := range msgs {
		c := contacts[m.Contact.ID]
		if why := journey.AtSend(c, m.Kind, m.Payload.Marketing); why != "" {
			if err := r.skip(ctx, tx, m, why); err != nil {
				return nil, 0, err
			}
			skipped++
			continue
		}
		m.Contact = c
		claimed = append(claimed, m)
	}
	if len(claimed) > 0 {
		// One statement claims them all; RETURNING says which were still
		// pending (another worker may have taken some).
		// Each message is leased to this runner (lease.go).
		ids := make([]any, len(claimed))
		for i, m := range claimed {
			ids[i] = m.ID
		}
		args := append([]any{store.MS(now.Add(r.lease()))}, ids...)
		rows, err := tx.QueryContext(ctx, `UPDATE outbox SET status='sending', sending_until=? WHERE status='pending' AND id IN (`+inList(len(ids))+`) RETURNING id`, args...)
		if err != nil {
			return nil, 0, err
		}
		got := make(map[int64]bool, len(ids))
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, 0, err
			}
			got[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, err
		}
		kept := claimed[:0]
		for _, m := range claimed {
			if got[m.ID] {
				kept = append(kept, m)
			}
		}
		claimed = kept
	}
	if err := tx.Commit(); err != nil {
		return nil, 0, err
	}
	return claimed, skipped, nil
}

// skipText is why a message was dropped, as the outbox keeps it.
var skipText = map[words.Code]string{
	words.SendDeleted:    "the contact was deleted since it was queued",
	words.SendSuppressed: "the contact unsubscribed or their address was refused since it was queued",
}

// skip drops a message that must not go any more: not a failure to fix,
// so it is journaled as skipped, not failed.
func (r *Runner) skip(ctx context.Context, tx *store.Tx, m *Message, why words.Code) error {
	// The outbox's last error is read by whoever inspects the outbox (the
	// CLI's outbox), in English like the relays' errors beside it.
	if _, err := tx.Exec(ctx, "skip-message", skipText[why], m.ID); err != nil {
		return err
	}
	return journalDelivery(ctx, tx, m, words.R(why, what(m)...), "skipped", r.clk.Now())
}

// release returns claimed messages that were never sent to the queue.
func (r *Runner) release(ctx context.Context, msgs []*Message) error {
	return r.st.RunInTransaction(ctx, func(tx *store.Tx) error {
		for _, m := range msgs {
			if _, err := tx.Exec(ctx, "release-message", m.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// settlement is one connection's finished send, waiting to be committed;
// the connection carries nothing else until done says it is.
type settlement struct {
	m    *Message
	out  DeliveryResult
	done chan error
}

// settleLoop commits settlements as they arrive. Whatever arrived while the
// previous commit ran — at most one per connection — shares the next
// transaction, so the cost of a commit is spread over the connections
// without any of them holding more than one unsettled message.
func (r *Runner) settleLoop(ctx context.Context, in <-chan settlement, max int) {
	group := make([]settlement, 0, max)
	for s := range in {
		group = append(group[:0], s)
	more:
		for len(group) < max {
			select {
			case s, ok := <-in:
				if !ok {
					break more
				}
				group = append(group, s)
			default:
				break more
			}
		}
		err := r.settleGroup(ctx, group)
		for _, s := range group {
			s.done <- err
		}
	}
}

// settleGroup records delivery results, with their events, in one transaction.
func (r *Runner) settleGroup(ctx context.Context, group []settlement) error {
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// An attempt counts when it is settled, not when it is claimed: a
	// crash would otherwise charge every claimed message with one.
	ids := make([]any, len(group))
	for i, s := range group {
		ids[i] = s.m.ID
	}
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts=attempts+1 WHERE id IN (`+inList(len(ids))+`)`, ids...); err != nil {
		return err
	}
	for _, s := range group {
		if err := r.settle(ctx, tx, s.m, s.out); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// settle records a delivery result, with its events, in tx.
func (r *Runner) settle(ctx context.Context, tx *store.Tx, m *Message, out DeliveryResult) error {
	now := r.clk.Now()
	props := map[string]any{"enrollment_id": m.EnrollmentID, "node": m.Node, "key": m.Key, "flow": m.Payload.FlowID}
	if m.Payload.Template != "" {
		props["template"] = m.Payload.Template
	}
	// What the result does is decided by the journey rules (journey.Settle),
	// the same for a simulated relay; this only writes it.
	set := journey.Settle(out.Status, out.Error, m.Kind, what(m), tzOf(m), m.Attempt, m.LastError, now)
	var err error
	switch set.Status {
	case "sent":
		_, err = tx.Exec(ctx, "message-sent", store.MS(now), out.MessageID, m.ID)
	case "pending":
		_, err = tx.Exec(ctx, "message-retry", set.Status, store.MS(set.Next), out.Error, m.ID)
	case "bounced":
		_, err = tx.Exec(ctx, "message-bounced", out.Error, m.ID)
	default:
		if out.Status == Retry {
			_, err = tx.Exec(ctx, "message-retry", set.Status, store.MS(set.Next), out.Error, m.ID)
		} else {
			_, err = tx.Exec(ctx, "message-failed", out.Error, m.ID)
		}
	}
	if err != nil {
		return err
	}
	if !set.Reason.IsZero() {
		if err := journalDelivery(ctx, tx, m, set.Reason, set.Outcome, now); err != nil {
			return err
		}
	}
	if set.Suppress {
		if _, err := tx.Exec(ctx, "contact-bounced", store.MS(now), m.Contact.ID); err != nil {
			return err
		}
		props["error"] = out.Error
		if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: m.Contact.ID, Type: contact.EventBounced, Props: props, At: now}, now, "delivery"); err != nil {
			return err
		}
	}
	if set.Status == "sent" && m.Kind == "email" {
		if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: m.Contact.ID, Type: contact.EventEmailSent, Props: props, At: now}, now, "delivery"); err != nil {
			return err
		}
	}
	return nil
}

// OutboxStats counts messages by status.
func (r *Runner) OutboxStats(ctx context.Context) (map[string]int, error) {
	rows, err := r.st.Query(ctx, "outbox-stats")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// inList is "?,?,…" for an IN list of n values.
func inList(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }
