package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/store"
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
}

// Delivery statuses.
const (
	Sent   = "sent"
	Retry  = "retry"  // temporary failure (4xx, network): try again later
	Bounce = "bounce" // permanent refusal (5xx): the contact is suppressed
	Failed = "failed" // cannot be sent (missing template…): not retried
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

// MaxAttempts is how many times a temporary failure is retried before the
// message is marked failed.
const MaxAttempts = 8

// Backoff is the wait before retry n (1-based): 1 min, 5 min, 30 min, 2 h, then 6 h.
func Backoff(n int) time.Duration {
	steps := []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour}
	if n-1 < len(steps) && n >= 1 {
		return steps[n-1]
	}
	return 6 * time.Hour
}

// RecoverOutbox returns messages left in "sending" by a crash to the queue.
// They are sent again with the same key and Message-ID: the only window in
// which a message can reach a server twice is between the server's "250 OK"
// and the commit that follows it, and the repeated Message-ID lets the
// capture mailbox (and most mailbox providers) drop the duplicate.
func (r *Runner) RecoverOutbox(ctx context.Context) (int, error) {
	res, err := r.st.DB().ExecContext(ctx, `UPDATE outbox SET status='pending' WHERE status='sending'`)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Deliver sends up to limit due messages and returns how many it handled.
// Each message is claimed ("sending") before it is handed to d, and its
// result is committed right after, one row at a time, so a crash leaves at
// most the message in flight uncertain.
func (r *Runner) Deliver(ctx context.Context, d Deliverer, limit int) (int, error) {
	now := r.clk.Now()
	db := r.st.DB()
	rows, err := db.QueryContext(ctx, `SELECT id, key, kind, contact_id, enrollment_id, node, payload, attempts, last_error FROM outbox WHERE status='pending' AND next_at<=? ORDER BY next_at, id LIMIT ?`, store.MS(now), limit)
	if err != nil {
		return 0, err
	}
	var msgs []*Message
	var cids []int64
	for rows.Next() {
		m := &Message{}
		var cid int64
		var payload string
		if err := rows.Scan(&m.ID, &m.Key, &m.Kind, &cid, &m.EnrollmentID, &m.Node, &payload, &m.Attempt, &m.LastError); err != nil {
			rows.Close()
			return 0, err
		}
		if err := json.Unmarshal([]byte(payload), &m.Payload); err != nil {
			rows.Close()
			return 0, fmt.Errorf("outbox %s: payload damaged: %w", m.Key, err)
		}
		m.Attempt++
		msgs = append(msgs, m)
		cids = append(cids, cid)
	}
	rows.Close()
	for i, m := range msgs {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		c, err := store.LoadContact(ctx, db, cids[i])
		if err != nil {
			return i, err
		}
		m.Contact = c
		// Suppression is checked again at send time: the contact may have
		// unsubscribed while the message waited for quiet hours to end.
		if m.Kind == "email" && m.Payload.Marketing && (c.Unsubscribed || c.Bounced) {
			if err := r.skip(ctx, m, "the contact unsubscribed or their address was refused since it was queued"); err != nil {
				return i, err
			}
			continue
		}
		res, err := db.ExecContext(ctx, `UPDATE outbox SET status='sending', attempts=? WHERE id=? AND status='pending'`, m.Attempt, m.ID)
		if err != nil {
			return i, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // another worker took it
		}
		out := d.Deliver(ctx, m)
		if err := r.settle(ctx, m, out); err != nil {
			return i, err
		}
	}
	return len(msgs), nil
}

// skip drops a message that must not go any more: not a failure to fix,
// so it is journaled as skipped, not failed.
func (r *Runner) skip(ctx context.Context, m *Message, why string) error {
	tx, err := r.st.DB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status='skipped', last_error=? WHERE id=?`, why, m.ID); err != nil {
		return err
	}
	if err := journalDelivery(ctx, tx, m, "did not send "+what(m)+": "+why, "skipped", r.clk.Now()); err != nil {
		return err
	}
	return tx.Commit()
}

// settle records a delivery result, with its events, in one transaction.
func (r *Runner) settle(ctx context.Context, m *Message, out DeliveryResult) error {
	now := r.clk.Now()
	tx, err := r.st.DB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	props := map[string]any{"enrollment_id": m.EnrollmentID, "node": m.Node, "key": m.Key, "flow": m.Payload.FlowID}
	if m.Payload.Template != "" {
		props["template"] = m.Payload.Template
	}
	switch out.Status {
	case Sent:
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status='sent', sent_at=?, message_id=?, last_error='' WHERE id=?`, store.MS(now), out.MessageID, m.ID); err != nil {
			return err
		}
		if m.LastError != "" {
			if err := journalDelivery(ctx, tx, m, "sent "+what(m)+" after all", OutcomeSent, now); err != nil {
				return err
			}
		}
		if m.Kind == "email" {
			if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: m.Contact.ID, Type: contact.EventEmailSent, Props: props, At: now}, now, "delivery"); err != nil {
				return err
			}
		}
	case Retry:
		status := "pending"
		if m.Attempt >= MaxAttempts {
			status = "failed"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status=?, next_at=?, last_error=? WHERE id=?`, status, store.MS(now.Add(Backoff(m.Attempt))), out.Error, m.ID); err != nil {
			return err
		}
		// Journaled when the trouble starts and when it is given up, not
		// at every try in between.
		switch {
		case status == "failed":
			err = journalDelivery(ctx, tx, m, "could not send "+what(m)+": "+out.Error+fmt.Sprintf(" (gave up after %d tries)", m.Attempt), OutcomeFailed, now)
		case m.LastError == "":
			err = journalDelivery(ctx, tx, m, "could not send "+what(m)+" yet: "+out.Error+" (trying again at "+now.Add(Backoff(m.Attempt)).Format("15:04 MST")+")", OutcomeFailed, now)
		}
		if err != nil {
			return err
		}
	case Bounce:
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status='bounced', last_error=? WHERE id=?`, out.Error, m.ID); err != nil {
			return err
		}
		if err := journalDelivery(ctx, tx, m, "could not send "+what(m)+": the address was refused: "+out.Error, OutcomeFailed, now); err != nil {
			return err
		}
		if m.Kind == "email" {
			if _, err := tx.ExecContext(ctx, `UPDATE contacts SET bounced=1, updated_at=? WHERE id=?`, store.MS(now), m.Contact.ID); err != nil {
				return err
			}
			props["error"] = out.Error
			if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: m.Contact.ID, Type: contact.EventBounced, Props: props, At: now}, now, "delivery"); err != nil {
				return err
			}
		}
	default:
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status='failed', last_error=? WHERE id=?`, out.Error, m.ID); err != nil {
			return err
		}
		if err := journalDelivery(ctx, tx, m, "could not send "+what(m)+": "+out.Error, OutcomeFailed, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// OutboxStats counts messages by status.
func (r *Runner) OutboxStats(ctx context.Context) (map[string]int, error) {
	rows, err := r.st.ReadDB().QueryContext(ctx, `SELECT status, count(*) FROM outbox GROUP BY status`)
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
