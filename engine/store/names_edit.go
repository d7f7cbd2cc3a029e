package store

import (
	"context"
	"fmt"
)

// RenameList gives a list a new name; its members stay. It fails with
// ErrNotFound when no list has the old name, and when the new name is
// another list's.
func (s *Store) RenameList(ctx context.Context, old, name string) error {
	res, err := s.Exec(ctx, "rename-list", name, old)
	if err != nil {
		return fmt.Errorf("list %q: %w", old, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("list %q: %w", old, ErrNotFound)
	}
	return nil
}

// DeleteList removes a list and its memberships (the contacts stay); it
// returns how many contacts were in it, or ErrNotFound.
func (s *Store) DeleteList(ctx context.Context, name string) (members int, err error) {
	err = s.RunInTransaction(ctx, func(tx *Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, "list-id-by-name", name).Scan(&id); err != nil {
			return fmt.Errorf("list %q: %w", name, ErrNotFound)
		}
		if err := tx.QueryRow(ctx, "count-list-members", id).Scan(&members); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "delete-list", name)
		return err
	})
	return members, err
}

// RenameTag renames a tag on every contact carrying it (a contact that
// already has the new tag keeps one); it returns how many contacts carried
// the old one.
func (s *Store) RenameTag(ctx context.Context, old, name string) (int, error) {
	var n int
	err := s.RunInTransaction(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(ctx, "count-tag", old).Scan(&n); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "rename-tag-where-free", name, old, name); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "delete-tag", old)
		return err
	})
	return n, err
}

// DeleteTag takes a tag off every contact; it returns how many carried it.
func (s *Store) DeleteTag(ctx context.Context, name string) (int, error) {
	res, err := s.Exec(ctx, "delete-tag", name)
	if err != nil {
		return 0, fmt.Errorf("tag %q: %w", name, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeleteContact removes a contact and everything that is theirs: lists,
// tags, events, score history, journeys and their journal, messages not
// yet sent. The funnels' running totals keep counting them (they are
// totals, not people). ErrNotFound when there is no such contact.
func DeleteContact(ctx context.Context, tx *Tx, id int64) error {
	res, err := tx.Exec(ctx, "delete-contact", id)
	if err != nil {
		return fmt.Errorf("contact %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("contact %d: %w", id, ErrNotFound)
	}
	for _, q := range []string{"delete-contact-events", "delete-contact-scores", "delete-contact-steps", "delete-contact-journeys", "delete-contact-outbox", "delete-contact-segments"} {
		if _, err := tx.Exec(ctx, q, id); err != nil {
			return fmt.Errorf("contact %d: %w", id, err)
		}
	}
	return lowerEventsMark(ctx, tx)
}
