package store

// The statements the window's services ran themselves before they went
// through the engine: each picks its connection (the reader pool for reads,
// the writer for writes) so no caller outside the store does.

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
	rows, err := s.ReadDB().QueryContext(ctx, `SELECT name, kind, source FROM scripts ORDER BY name`)
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
	_, err := s.DB().ExecContext(ctx, `INSERT INTO scripts(name, kind, source, updated_at) VALUES(?,?,?,?)
		ON CONFLICT(name) DO UPDATE SET kind=excluded.kind, source=excluded.source, updated_at=excluded.updated_at`, name, kind, source, MS(now))
	return err
}

// DeleteScript removes a workspace script; it says false when there was
// none of that name.
func (s *Store) DeleteScript(ctx context.Context, name string) (bool, error) {
	res, err := s.DB().ExecContext(ctx, `DELETE FROM scripts WHERE name=?`, name)
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
	err := s.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM enrollments WHERE flow_id=? AND status IN ('active','waiting')`, flowID).Scan(&n)
	return n, err
}

// PublishedVersion is a flow's published version (0: never published).
func (s *Store) PublishedVersion(ctx context.Context, flowID string) (int, error) {
	var v int
	err := s.ReadDB().QueryRowContext(ctx, `SELECT coalesce(published_version,0) FROM flows WHERE id=?`, flowID).Scan(&v)
	return v, err
}

// OnOtherVersions counts the journeys of a flow still in it (active,
// waiting or failed) on another version than version.
func (s *Store) OnOtherVersions(ctx context.Context, flowID string, version int) (int, error) {
	var n int
	err := s.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM enrollments WHERE flow_id=? AND version<>? AND status IN ('active','waiting','error')`, flowID, version).Scan(&n)
	return n, err
}

// FirstContacts loads the workspace's first n contacts (by id).
func (s *Store) FirstContacts(ctx context.Context, n int) ([]*contact.Contact, error) {
	db := s.ReadDB()
	rows, err := db.QueryContext(ctx, `SELECT id FROM contacts ORDER BY id LIMIT ?`, n)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byID, err := LoadContacts(ctx, db, ids)
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
	return LoadContact(ctx, s.ReadDB(), id)
}

// ErrNoContact is returned by ContactIDByEmail when nobody has the address.
var ErrNoContact = errors.New("no such contact")

// ContactIDByEmail finds a contact's id from their address, in any case.
func (s *Store) ContactIDByEmail(ctx context.Context, email string) (int64, error) {
	var id int64
	err := s.ReadDB().QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = ? COLLATE NOCASE`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNoContact
	}
	return id, err
}

// CreateList makes an empty contact list unless one of that name exists,
// and returns its name as stored.
func (s *Store) CreateList(ctx context.Context, name string) (string, error) {
	db := s.DB()
	if _, err := db.ExecContext(ctx, `INSERT INTO lists(name) VALUES(?) ON CONFLICT(name) DO NOTHING`, name); err != nil {
		return "", err
	}
	var stored string
	err := db.QueryRowContext(ctx, `SELECT name FROM lists WHERE name = ?`, name).Scan(&stored)
	return stored, err
}

// NameCount is a name with how many contacts it holds.
type NameCount struct {
	Name  string
	Count int
}

// ListSizes lists the contact lists with their member counts, by name.
func (s *Store) ListSizes(ctx context.Context) ([]NameCount, error) {
	return s.nameCounts(ctx, `SELECT l.name, (SELECT count(*) FROM list_members m WHERE m.list_id = l.id) FROM lists l ORDER BY l.name COLLATE NOCASE`)
}

// TagSizes lists the tags in use with how many contacts carry each, by name.
func (s *Store) TagSizes(ctx context.Context) ([]NameCount, error) {
	return s.nameCounts(ctx, `SELECT tag, count(*) FROM contact_tags GROUP BY tag ORDER BY tag COLLATE NOCASE`)
}

func (s *Store) nameCounts(ctx context.Context, query string) ([]NameCount, error) {
	rows, err := s.ReadDB().QueryContext(ctx, query)
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
	rows, err := s.ReadDB().QueryContext(ctx, `SELECT id, name, body FROM templates ORDER BY name COLLATE NOCASE, id`)
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
