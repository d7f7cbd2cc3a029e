package store

// What the window's services ran themselves before they went through the
// engine; the statements are in queries/window.sql.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"flightplan/engine/contact"
)

// ScriptRecord is one workspace script as stored.
type ScriptRecord struct {
	Name   string
	Kind   string
	Source string
}

// Scripts lists the workspace's own scripts, by name.
func (s *Store) Scripts(ctx context.Context) ([]ScriptRecord, error) {
	rows, err := s.Query(ctx, "list-scripts")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ScriptRecord
	for rows.Next() {
		var r ScriptRecord
		if err := rows.Scan(&r.Name, &r.Kind, &r.Source); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveScript stores a workspace script, replacing the one of that name.
func (s *Store) SaveScript(ctx context.Context, name, kind, source string, now time.Time) error {
	_, err := s.Exec(ctx, "save-script", name, kind, source, MS(now))
	return err
}

// DeleteScript removes a workspace script; it says false when there was
// none of that name.
func (s *Store) DeleteScript(ctx context.Context, name string) (bool, error) {
	res, err := s.Exec(ctx, "delete-script", name)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// ActiveEnrollments counts the contacts inside a flow now (active or
// waiting), on any version.
func (s *Store) ActiveEnrollments(ctx context.Context, flowID string) (int, error) {
	var n int
	err := s.QueryRow(ctx, "count-journeys-in-flow", flowID).Scan(&n)
	return n, err
}

// PublishedVersion is a flow's published version (0: never published).
func (s *Store) PublishedVersion(ctx context.Context, flowID string) (int, error) {
	var v int
	err := s.QueryRow(ctx, "flow-published-version", flowID).Scan(&v)
	return v, err
}

// OnOtherVersions counts the journeys of a flow still in it (active,
// waiting or failed) on another version than version.
func (s *Store) OnOtherVersions(ctx context.Context, flowID string, version int) (int, error) {
	var n int
	err := s.QueryRow(ctx, "count-journeys-on-other-versions", flowID, version).Scan(&n)
	return n, err
}

// FirstContacts loads the workspace's first n contacts (by id).
func (s *Store) FirstContacts(ctx context.Context, n int) ([]*contact.Contact, error) {
	ids, err := s.ids(ctx, "first-contact-ids", n)
	if err != nil {
		return nil, err
	}
	byID, err := LoadContacts(ctx, s, ids)
	if err != nil {
		return nil, err
	}
	cs := make([]*contact.Contact, 0, len(ids))
	for _, id := range ids {
		if c := byID[id]; c != nil {
			cs = append(cs, c)
		}
	}
	return cs, nil
}

// Contact loads one contact.
func (s *Store) Contact(ctx context.Context, id int64) (*contact.Contact, error) {
	return LoadContact(ctx, s, id)
}

// ErrNoContact is returned by ContactIDByEmail when nobody has the address.
var ErrNoContact = errors.New("no such contact")

// ContactIDByEmail finds a contact's id from their address, in any case.
func (s *Store) ContactIDByEmail(ctx context.Context, email string) (int64, error) {
	var id int64
	err := s.QueryRow(ctx, "contact-id-by-email-any-case", email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNoContact
	}
	return id, err
}

// CreateList makes an empty contact list unless one of that name exists,
// and returns its name as stored.
func (s *Store) CreateList(ctx context.Context, name string) (string, error) {
	var stored string
	err := s.RunInTransaction(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "add-list", name); err != nil {
			return err
		}
		return tx.QueryRow(ctx, "list-name", name).Scan(&stored)
	})
	return stored, err
}

// NameCount is a name with how many contacts it holds.
type NameCount struct {
	Name  string
	Count int
}

// ListSizes lists the contact lists with their member counts, by name.
func (s *Store) ListSizes(ctx context.Context) ([]NameCount, error) {
	return s.nameCounts(ctx, "list-sizes")
}

// TagSizes lists the tags in use with how many contacts carry each, by name.
func (s *Store) TagSizes(ctx context.Context) ([]NameCount, error) {
	return s.nameCounts(ctx, "tag-sizes")
}

func (s *Store) nameCounts(ctx context.Context, query string) ([]NameCount, error) {
	rows, err := s.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NameCount
	for rows.Next() {
		var nc NameCount
		if err := rows.Scan(&nc.Name, &nc.Count); err != nil {
			return nil, err
		}
		out = append(out, nc)
	}
	return out, rows.Err()
}

// TemplatesByName lists the email templates by name (then id), as the
// pickers show them.
func (s *Store) TemplatesByName(ctx context.Context) ([]TemplateRecord, error) {
	rows, err := s.Query(ctx, "templates-by-name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TemplateRecord
	for rows.Next() {
		var r TemplateRecord
		if err := rows.Scan(&r.ID, &r.Name, &r.Body); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ContactIDs lists every contact's id, in order.
func (s *Store) ContactIDs(ctx context.Context) ([]int64, error) {
	return s.ids(ctx, "all-contact-ids")
}

// ids runs a named query that selects one integer column.
func (s *Store) ids(ctx context.Context, name string, args ...any) ([]int64, error) {
	rows, err := s.Query(ctx, name, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
