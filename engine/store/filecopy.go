package store

// Copies of a workspace that leave it: a copy saved under another name,
// and a copy for a client, without secrets and, by choice, without
// contacts.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CopyTo writes a consistent copy of the open workspace to path, readable
// by its owner only, while the engine keeps running (SQLite's VACUUM INTO
// reads one snapshot). The copy keeps the workspace id, so it shares the
// keyring's secrets until NewIdentity is called on it. path must not exist
// yet: the caller decides whether to replace a file.
func (s *Store) CopyTo(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return errors.New("a PostgreSQL workspace is copied with the database's own tools (pg_dump)")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, folderMode); err != nil {
			return fmt.Errorf("copy to %s: %w", path, err)
		}
	}
	if _, err := s.w.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return fmt.Errorf("copy to %s: %w", path, err)
	}
	if err := os.Chmod(path, fileMode); err != nil {
		return fmt.Errorf("copy to %s: %w", path, err)
	}
	return nil
}

// NewIdentity gives the workspace a new id: its secrets in the system
// keyring are then its own, no longer the ones of the workspace it was
// copied from.
func (s *Store) NewIdentity(ctx context.Context) error {
	if _, err := s.ExecContext(ctx, "DELETE FROM meta WHERE key = 'workspace_id'"); err != nil {
		return fmt.Errorf("workspace id: %w", err)
	}
	s.sec.mu.Lock()
	s.sec.id = ""
	s.sec.mu.Unlock()
	return nil
}

// ForgetSecrets removes the secret settings (relay password, intake
// token, tracking key) from the file, whether they are in it or stand for
// keyring entries; the relay keeps its host, port and user. A workspace
// opened without them makes a new intake token and tracking key, and asks
// for the relay password.
func (s *Store) ForgetSecrets(ctx context.Context) error {
	for key, field := range secretSettings {
		if field == "" {
			if _, err := s.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", key); err != nil {
				return fmt.Errorf("setting %s: %w", key, err)
			}
			continue
		}
		v, err := s.plainSetting(key)
		if err != nil {
			return err
		}
		obj, ok := jsonObject(v)
		if !ok {
			continue
		}
		delete(obj, field)
		b, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		if err := s.setPlain(key, string(b)); err != nil {
			return fmt.Errorf("setting %s: %w", key, err)
		}
	}
	return nil
}

// ForgetContacts removes every contact and everything about them: lists'
// and segments' members, tags, events, scores, journeys and their steps,
// the outbox and the captured mailbox. Funnels, emails, scripts, lists,
// segments and settings stay.
func (s *Store) ForgetContacts(ctx context.Context) error {
	rows, err := With(s).Query(ctx, "list-tables")
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	rows.Close()
	// Whatever names a contact goes, then the tables of what happened to
	// them: a table a later migration adds with a contact_id goes too.
	var clear []string
	for _, t := range tables {
		has, err := s.hasColumn(ctx, t, "contact_id")
		if err != nil {
			return err
		}
		if has {
			clear = append(clear, t)
		}
	}
	// Anonymous website visitors go too: their ids and visits are about
	// people, even before a name joins them.
	clear = append(clear, "mailbox", "event_ids", "step_counts", "visitor_events", "visitors", "contacts")
	if s.dialect == Postgres {
		// One TRUNCATE empties tables that refer to each other at once.
		var quoted []string
		for _, t := range clear {
			if contains(tables, t) {
				quoted = append(quoted, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			}
		}
		return s.RunInTransaction(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, "TRUNCATE "+strings.Join(quoted, ", ")); err != nil {
				return err
			}
			return lowerEventsMark(ctx, tx)
		})
	}
	return s.RunInTransaction(ctx, func(tx *Tx) error {
		// Children and parents go in any order: the keys are checked
		// once, at commit, when all of them are gone.
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		for _, t := range clear {
			if !contains(tables, t) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM "`+strings.ReplaceAll(t, `"`, `""`)+`"`); err != nil {
				return fmt.Errorf("clearing %s: %w", t, err)
			}
		}
		return lowerEventsMark(ctx, tx)
	})
}

// Compact rewrites the file so that nothing deleted lingers in its free
// pages (VACUUM).
func (s *Store) Compact(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, "VACUUM")
	return err
}

func (s *Store) hasColumn(ctx context.Context, table, column string) (bool, error) {
	q := `SELECT name FROM pragma_table_info(?)`
	if s.dialect == Postgres {
		q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`
	}
	rows, err := s.w.QueryContext(ctx, q, table)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return false, err
		}
		if name == column {
			return true, nil
		}
	}
	return false, rows.Err()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
