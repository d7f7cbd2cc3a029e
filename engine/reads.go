package engine

// What the command line reads back without opening the database by hand:
// where each contact is in each funnel, the journal of steps, the outbox
// and contacts filtered by field. The statements are in
// store/queries/reads.sql; the JSON names are the CLI's documented shapes
// (README, "Reading a workspace"), so they only ever gain fields.

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/runner"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// Journey is one contact's journey through one funnel: where it is now and
// since when.
type Journey struct {
	ID        int64     `json:"id"`
	Flow      string    `json:"flow"`
	Version   int       `json:"version"`
	ContactID int64     `json:"contact_id"`
	Email     string    `json:"email"`
	Node      string    `json:"node"`   // the step it is at (or ended at)
	Status    string    `json:"status"` // active, waiting, done, exited, error
	EnteredAt time.Time `json:"entered_at"`
	// Since is when it reached Node (its last move).
	Since time.Time `json:"since"`
	// WakeAt is when a wait runs out; WaitingFor the event it waits for.
	WakeAt     *time.Time `json:"wake_at,omitempty"`
	WaitingFor string     `json:"waiting_for,omitempty"`
	// Error is what stopped a journey in error, in plain words (the
	// funnel's and step's ids the engine wraps it in taken off); Code and
	// Params say it language-neutrally: step.error {error}.
	Error  string            `json:"error,omitempty"`
	Code   string            `json:"code,omitempty"`
	Params map[string]string `json:"params,omitempty"`
}

// JourneyQuery picks journeys by funnel, by contact, or both; zero values
// mean any.
type JourneyQuery struct {
	Flow      string
	ContactID int64
}

// Journeys lists journeys by funnel then by start.
func (e *Engine) Journeys(ctx context.Context, q JourneyQuery) ([]Journey, error) {
	if err := e.checkFlow(ctx, q.Flow); err != nil {
		return nil, err
	}
	rows, err := e.Store.Query(ctx, "read-journeys", q.Flow, q.ContactID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Journey{}
	for rows.Next() {
		var j Journey
		var entered, updated int64
		var wake sql.NullInt64
		if err := rows.Scan(&j.ID, &j.Flow, &j.Version, &j.ContactID, &j.Email, &j.Node, &j.Status,
			&entered, &updated, &wake, &j.WaitingFor, &j.Error); err != nil {
			return nil, err
		}
		j.EnteredAt, j.Since = store.FromMS(entered), store.FromMS(updated)
		if wake.Valid && j.Status == "waiting" {
			t := store.FromMS(wake.Int64)
			j.WakeAt = &t
		}
		if j.Status != "waiting" {
			j.WaitingFor = ""
		}
		if j.Error != "" {
			j.Error = runner.PlainError(j.Error)
			j.Code, j.Params = string(words.StepFailed), map[string]string{"error": j.Error}
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// JournalStep is one step a contact took in a funnel.
type JournalStep struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	Flow      string    `json:"flow"`
	Version   int       `json:"version"`
	ContactID int64     `json:"contact_id"`
	Email     string    `json:"email"`
	Node      string    `json:"node"`
	Port      string    `json:"port,omitempty"` // the way out it took
	Outcome   string    `json:"outcome"`        // ok, wait, skipped, error, end
	// Reason is why, in English; Code and Params say it without a
	// language (engine/words: the codes are stable). Text is it in every
	// language, for the window.
	Reason string            `json:"reason,omitempty"`
	Code   string            `json:"code,omitempty"`
	Params map[string]string `json:"params,omitempty"`
	Text   *words.Text       `json:"text,omitempty"`
	// Why is the reason as stored, for a renderer in another language.
	Why words.Reason `json:"-"`
}

// JournalQuery picks steps by funnel, contact and time (Since included,
// Until excluded); zero values mean any.
type JournalQuery struct {
	Flow         string
	ContactID    int64
	Since, Until time.Time
}

// Journal lists steps in the order they were taken.
func (e *Engine) Journal(ctx context.Context, q JournalQuery) ([]JournalStep, error) {
	if err := e.checkFlow(ctx, q.Flow); err != nil {
		return nil, err
	}
	since, until := int64(math.MinInt64), int64(math.MaxInt64)
	if !q.Since.IsZero() {
		since = store.MS(q.Since)
	}
	if !q.Until.IsZero() {
		until = store.MS(q.Until)
	}
	rows, err := e.Store.Query(ctx, "read-journal", q.Flow, q.ContactID, since, until)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []JournalStep{}
	names := e.Names()
	for rows.Next() {
		var s JournalStep
		var at int64
		var text, code, params string
		if err := rows.Scan(&s.ID, &at, &s.Flow, &s.Version, &s.ContactID, &s.Email, &s.Node, &s.Port, &s.Outcome, &text, &code, &params); err != nil {
			return nil, err
		}
		s.At = store.FromMS(at)
		s.Why = runner.StoredReason(text, code, params)
		if !s.Why.IsZero() {
			t := words.All(s.Why, s.Flow, names)
			s.Code, s.Params, s.Reason, s.Text = string(s.Why.Code), s.Why.Map(), t.En, &t
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// OutboxItem is one message or call the funnels asked for.
type OutboxItem struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"` // email, notify, webhook
	Flow      string     `json:"flow"`
	Node      string     `json:"node"`
	ContactID int64      `json:"contact_id"`
	Email     string     `json:"email"`
	Status    string     `json:"status"` // pending, sending, sent, failed, bounced
	Attempts  int        `json:"attempts"`
	CreatedAt time.Time  `json:"created_at"`
	NextAt    *time.Time `json:"next_at,omitempty"` // pending: when it is tried
	SentAt    *time.Time `json:"sent_at,omitempty"`
	Error     string     `json:"error,omitempty"`
}

// OutboxQuery picks outbox items by status and funnel; zero values mean any.
type OutboxQuery struct {
	Status string
	Flow   string
}

// Outbox lists outbox items, oldest first.
func (e *Engine) Outbox(ctx context.Context, q OutboxQuery) ([]OutboxItem, error) {
	if err := e.checkFlow(ctx, q.Flow); err != nil {
		return nil, err
	}
	rows, err := e.Store.Query(ctx, "read-outbox", q.Status, q.Flow)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []OutboxItem{}
	for rows.Next() {
		var o OutboxItem
		var created, next int64
		var sent sql.NullInt64
		if err := rows.Scan(&o.ID, &o.Kind, &o.Flow, &o.Node, &o.ContactID, &o.Email, &o.Status, &o.Attempts,
			&created, &next, &sent, &o.Error); err != nil {
			return nil, err
		}
		o.CreatedAt = store.FromMS(created)
		if o.Status == "pending" {
			t := store.FromMS(next)
			o.NextAt = &t
		}
		if sent.Valid {
			t := store.FromMS(sent.Int64)
			o.SentAt = &t
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// checkFlow refuses a funnel id the workspace does not have, so that a
// typo reads as an error rather than as an empty answer.
func (e *Engine) checkFlow(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	var n int
	if err := e.Store.QueryRow(ctx, "read-flow-exists", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("flow %q: %w", id, store.ErrNotFound)
	}
	return nil
}

// ContactsWhere lists the contacts the query finds (every page of it)
// whose fields have the values given: a field is any name
// contact.Contact.Get knows (identity, custom, score, stage…), compared
// as text.
func (e *Engine) ContactsWhere(ctx context.Context, q contacts.ListQuery, fields map[string]string) ([]contacts.Row, error) {
	out := []contacts.Row{}
	q.Limit, q.Offset = 1000, 0
	for {
		page, err := e.ListContacts(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, r := range page.Rows {
			ok := true
			var c *contact.Contact // loaded only for a field the row lacks
			for name, want := range fields {
				v, set, inRow := rowField(r, name)
				if !inRow {
					if c == nil {
						if c, err = e.Store.Contact(ctx, r.ID); err != nil {
							return nil, err
						}
					}
					v, set = c.Get(name)
				}
				if !set || fmt.Sprint(v) != want {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, r)
			}
		}
		q.Offset += len(page.Rows)
		if len(page.Rows) == 0 || q.Offset >= page.Total {
			return out, nil
		}
	}
}

// rowField reads a field from a row of the contacts table, as
// contact.Contact.Get would; inRow is false for a field the row does not
// carry (then the contact is loaded).
func rowField(r contacts.Row, name string) (v any, set, inRow bool) {
	text := func(s string) (any, bool, bool) { return s, s != "", true }
	switch name {
	case "email":
		return text(r.Email)
	case "first_name":
		return text(r.FirstName)
	case "last_name":
		return text(r.LastName)
	case "company":
		return text(r.Company)
	case "country":
		return text(r.Country)
	case "city":
		return text(r.City)
	case "phone":
		return text(r.Phone)
	case "stage":
		return text(r.Stage)
	case "temperature":
		return text(r.Temperature)
	case "score":
		return r.Score, true, true
	}
	if contact.IsIdentity(name) {
		return nil, false, false
	}
	v, set = r.Fields[name]
	return v, set, true
}
