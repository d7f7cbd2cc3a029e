package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ForgetContact erases one contact and everything about them: their
// events, score history, list and segment memberships, tags, journeys and
// their steps, queued messages, the messages the capture mailbox holds for
// their address, and their website visitor ids with any visits not yet
// joined (a browser that comes back is a new, anonymous visitor). It
// returns the address forgotten. Funnels' counts of visits to a step stay:
// they name nobody.
func (s *Store) ForgetContact(ctx context.Context, id int64) (string, error) {
	tables, err := s.contactTables(ctx)
	if err != nil {
		return "", err
	}
	var email string
	err = s.RunInTransaction(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT email FROM contacts WHERE id = ?", id).Scan(&email); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("contact %d does not exist", id)
			}
			return err
		}
		// Visits of the contact's visitor ids that did not join yet go
		// first: they are found through the visitors rows.
		if _, err := tx.ExecContext(ctx, "DELETE FROM visitor_events WHERE visitor_id IN (SELECT id FROM visitors WHERE contact_id = ?)", id); err != nil {
			return fmt.Errorf("forgetting contact %d: visitor_events: %w", id, err)
		}
		for _, t := range tables {
			if _, err := tx.ExecContext(ctx, `DELETE FROM "`+strings.ReplaceAll(t, `"`, `""`)+`" WHERE contact_id = ?`, id); err != nil {
				return fmt.Errorf("forgetting contact %d: %s: %w", id, t, err)
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM mailbox WHERE lower(rcpt) = lower(?)", email); err != nil {
			return fmt.Errorf("forgetting contact %d: mailbox: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM contacts WHERE id = ?", id); err != nil {
			return err
		}
		return lowerEventsMark(ctx, tx)
	})
	return email, err
}

// lowerEventsMark brings the runner's events mark (every event at or
// below it is handled) down to the highest event left, after events were
// deleted. Without it, when the newest events were the deleted contact's,
// new events take the freed ids (max+1) at or below the mark, and the
// runner never sees them: every funnel stops starting. Every id at or
// below the new mark was at or below the old one, so handled already.
func lowerEventsMark(ctx context.Context, tx *Tx) error {
	if tx.dialect == Postgres {
		// New events take ids from the sequence, never below one given,
		// and the mark is (xid, id) there (see events.go).
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE settings SET value = CAST((SELECT coalesce(max(id), 0) FROM events) AS TEXT)
		WHERE key = 'events_mark' AND CAST(value AS BIGINT) > (SELECT coalesce(max(id), 0) FROM events)`)
	if err != nil {
		return fmt.Errorf("events mark: %w", err)
	}
	return nil
}

// contactTables lists the tables, other than contacts, with a contact_id
// column: a table a later migration adds is forgotten too.
func (s *Store) contactTables(ctx context.Context) ([]string, error) {
	q := `SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND p.name = 'contact_id' AND m.name <> 'contacts' ORDER BY m.name`
	if s.dialect == Postgres {
		q = `SELECT table_name FROM information_schema.columns
			WHERE column_name = 'contact_id' AND table_schema = current_schema() AND table_name <> 'contacts' ORDER BY table_name`
	}
	rows, err := s.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
