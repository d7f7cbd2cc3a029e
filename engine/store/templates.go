package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TemplateRecord is a stored email template; Body is the mail package's JSON.
type TemplateRecord struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Body      string    `json:"body"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SaveTemplate creates or replaces an email template.
func (s *Store) SaveTemplate(id, name, body string, now time.Time) error {
	_, err := s.Exec(context.Background(), "save-template", id, name, body, ms(now))
	s.templateGen.Add(1)
	if err != nil {
		return fmt.Errorf("template %q: %w", id, err)
	}
	return nil
}

// TemplatesVersion changes whenever this Store saves or deletes a template,
// so a cache of templates can tell it is stale without a query. Only the
// process holding the workspace lock writes templates.
func (s *Store) TemplatesVersion() uint64 { return s.templateGen.Load() }

// Template reads an email template.
func (s *Store) Template(id string) (TemplateRecord, error) {
	var t TemplateRecord
	var upd int64
	err := s.QueryRow(context.Background(), "get-template", id).Scan(&t.ID, &t.Name, &t.Body, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("email template %q: %w", id, ErrNotFound)
	}
	t.UpdatedAt = fromMS(upd)
	return t, err
}

// Templates lists every email template.
func (s *Store) Templates() ([]TemplateRecord, error) {
	rows, err := s.Query(context.Background(), "list-templates")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []TemplateRecord{}
	for rows.Next() {
		var t TemplateRecord
		var upd int64
		if err := rows.Scan(&t.ID, &t.Name, &t.Body, &upd); err != nil {
			return nil, err
		}
		t.UpdatedAt = fromMS(upd)
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeleteTemplate removes an email template.
func (s *Store) DeleteTemplate(id string) error {
	_, err := s.Exec(context.Background(), "delete-template", id)
	s.templateGen.Add(1)
	return err
}

// MailboxMessage is one message captured by the local mailbox.
type MailboxMessage struct {
	ID         int64     `json:"id"`
	From       string    `json:"from"`
	To         string    `json:"to"`
	Subject    string    `json:"subject"`
	ReceivedAt time.Time `json:"received_at"`
	Raw        []byte    `json:"-"`
}

// StoreCaptured keeps a captured message. A message whose Message-ID is
// already in the mailbox is not stored twice (a retry after a crash sends
// the same id): stored is false then.
func (s *Store) StoreCaptured(from, to, subject, messageID string, raw []byte, at time.Time) (stored bool, err error) {
	// The check and the insert share one transaction: two deliveries of
	// the same message at once store it once.
	ctx := context.Background()
	err = s.RunInTransaction(ctx, func(tx *Tx) error {
		if messageID != "" {
			var n int
			if err := tx.QueryRow(ctx, "count-captured-with-message-id", messageID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
		}
		if _, err := tx.Exec(ctx, "insert-captured", from, to, subject, raw, ms(at), messageID); err != nil {
			return err
		}
		stored = true
		return nil
	})
	return stored, err
}

// Mailbox lists captured messages, newest first.
func (s *Store) Mailbox(limit int) ([]MailboxMessage, error) {
	rows, err := s.Query(context.Background(), "list-captured", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []MailboxMessage{}
	for rows.Next() {
		var m MailboxMessage
		var at int64
		if err := rows.Scan(&m.ID, &m.From, &m.To, &m.Subject, &at); err != nil {
			return nil, err
		}
		m.ReceivedAt = fromMS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// MailboxRaw returns one captured message's bytes.
func (s *Store) MailboxRaw(id int64) (MailboxMessage, error) {
	var m MailboxMessage
	var at int64
	err := s.QueryRow(context.Background(), "get-captured", id).Scan(&m.ID, &m.From, &m.To, &m.Subject, &at, &m.Raw)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("message %d: %w", id, ErrNotFound)
	}
	m.ReceivedAt = fromMS(at)
	return m, err
}
