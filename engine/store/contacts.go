package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"flightplan/engine/contact"
)

const contactCols = `id, email, first_name, last_name, company, job_title, phone, country, city, timezone, language, birth_date, owner, fields, score, temperature, stage, unsubscribed, bounced, created_at`

// identityCols are the identity columns in contactCols order (after email).
var identityCols = []string{"first_name", "last_name", "company", "job_title", "phone", "country", "city", "timezone", "language", "birth_date", "owner"}

func scanContact(sc interface{ Scan(...any) error }) (*contact.Contact, error) {
	c := &contact.Contact{Identity: map[string]string{}}
	vals := make([]string, len(identityCols))
	ptrs := []any{&c.ID, &c.Email}
	for i := range vals {
		ptrs = append(ptrs, &vals[i])
	}
	var fields string
	var created int64
	ptrs = append(ptrs, &fields, &c.Score, &c.Temperature, &c.Stage, &c.Unsubscribed, &c.Bounced, &created)
	if err := sc.Scan(ptrs...); err != nil {
		return nil, err
	}
	for i, col := range identityCols {
		if vals[i] != "" {
			c.Identity[col] = vals[i]
		}
	}
	c.Fields = map[string]any{}
	if fields != "" && fields != "{}" {
		if err := json.Unmarshal([]byte(fields), &c.Fields); err != nil {
			return nil, fmt.Errorf("contact %d: custom fields damaged: %w", c.ID, err)
		}
	}
	c.CreatedAt = fromMS(created)
	return c, nil
}

// LoadContact reads a contact with its lists and tags.
func LoadContact(ctx context.Context, q Querier, id int64) (*contact.Contact, error) {
	n := With(q)
	c, err := scanContact(n.QueryRow(ctx, "get-contact", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("contact %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	c.Lists, err = strs(ctx, n, "contact-list-names", id)
	if err != nil {
		return nil, err
	}
	c.Tags, err = strs(ctx, n, "contact-tag-names", id)
	return c, err
}

func strs(ctx context.Context, q Named, name string, args ...any) ([]string, error) {
	rows, err := q.Query(ctx, name, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ContactIDByEmail finds a contact by email (case-insensitive).
func ContactIDByEmail(ctx context.Context, q Querier, email string) (int64, error) {
	var id int64
	err := With(q).QueryRow(ctx, "contact-id-by-email", strings.TrimSpace(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("contact %q: %w", email, ErrNotFound)
	}
	return id, err
}

// InsertContact creates a contact and returns its id. Lists and tags are not
// written here: the caller records them as events so flows can react.
func InsertContact(ctx context.Context, q Querier, c *contact.Contact, now time.Time) (int64, error) {
	fields, err := json.Marshal(nonNil(c.Fields))
	if err != nil {
		return 0, err
	}
	args := []any{strings.ToLower(strings.TrimSpace(c.Email))}
	for _, col := range identityCols {
		args = append(args, c.Identity[col])
	}
	stage := c.Stage
	if stage == "" {
		stage = "subscriber"
	}
	temp := c.Temperature
	if temp == "" {
		temp = "cold"
	}
	created := c.CreatedAt
	if created.IsZero() {
		created = now
	}
	args = append(args, string(fields), c.Score, temp, stage, c.Unsubscribed, c.Bounced, ms(created), ms(now))
	var id int64
	if err := With(q).QueryRow(ctx, "insert-contact", args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("contact %q: %w", c.Email, err)
	}
	return id, nil
}

// UpdateContact writes a contact's identity, custom fields, score, stage and flags.
func UpdateContact(ctx context.Context, q Querier, c *contact.Contact, now time.Time) error {
	fields, err := json.Marshal(nonNil(c.Fields))
	if err != nil {
		return err
	}
	args := []any{c.Email}
	for _, col := range identityCols {
		args = append(args, c.Identity[col])
	}
	args = append(args, string(fields), c.Score, c.Temperature, c.Stage, c.Unsubscribed, c.Bounced, ms(now), c.ID)
	_, err = With(q).Exec(ctx, "update-contact", args...)
	return err
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// EnsureList returns a list's id, creating the list if needed.
func EnsureList(ctx context.Context, q Querier, name string) (int64, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return 0, fmt.Errorf("a list needs a name")
	}
	n := With(q)
	if _, err := n.Exec(ctx, "add-list", name); err != nil {
		return 0, err
	}
	var id int64
	err := n.QueryRow(ctx, "list-id-by-name", name).Scan(&id)
	return id, err
}

// AddToList adds a membership; added is false when it already existed.
func AddToList(ctx context.Context, q Querier, contactID int64, list string, now time.Time) (added bool, err error) {
	lid, err := EnsureList(ctx, q, list)
	if err != nil {
		return false, err
	}
	res, err := With(q).Exec(ctx, "add-list-member", lid, contactID, ms(now))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// RemoveFromList removes a membership; removed is false when there was none.
func RemoveFromList(ctx context.Context, q Querier, contactID int64, list string) (bool, error) {
	res, err := With(q).Exec(ctx, "remove-list-member", contactID, list)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// AddTag tags a contact; added is false when it already had the tag.
func AddTag(ctx context.Context, q Querier, contactID int64, tag string, now time.Time) (bool, error) {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return false, fmt.Errorf("a tag needs a name")
	}
	res, err := With(q).Exec(ctx, "add-contact-tag", contactID, tag, ms(now))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// RemoveTag untags a contact.
func RemoveTag(ctx context.Context, q Querier, contactID int64, tag string) (bool, error) {
	res, err := With(q).Exec(ctx, "remove-contact-tag", contactID, tag)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// InsertEvent stores an event, unprocessed, and returns its id.
func InsertEvent(ctx context.Context, q Querier, ev *contact.Event, now time.Time, source string) (int64, error) {
	props := "{}"
	if len(ev.Props) > 0 {
		b, err := json.Marshal(ev.Props)
		if err != nil {
			return 0, fmt.Errorf("event %s: properties: %w", ev.Type, err)
		}
		props = string(b)
	}
	at := ev.At
	if at.IsZero() {
		at = now
	}
	var id int64
	if err := With(q).QueryRow(ctx, "insert-event", ev.ContactID, ev.Type, props, ms(at), ms(now), source).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// ScanEvent reads an events row selected as id, contact_id, type, props, at.
func ScanEvent(sc interface{ Scan(...any) error }) (*contact.Event, error) {
	ev := &contact.Event{}
	var props string
	var at int64
	if err := sc.Scan(&ev.ID, &ev.ContactID, &ev.Type, &props, &at); err != nil {
		return nil, err
	}
	ev.At = fromMS(at)
	if props != "" && props != "{}" {
		// A row whose properties cannot be read (damaged, or stored by an
		// older version without the intake's limits) still counts as an
		// event of its type, with no properties: failing here would stop
		// the scheduler, and every query over the contact, on one row.
		if err := json.Unmarshal([]byte(props), &ev.Props); err != nil {
			ev.Props = nil
		}
	}
	return ev, nil
}

// MS converts a time to the store's unit (Unix milliseconds; zero stays 0).
func MS(t time.Time) int64 { return ms(t) }

// FromMS converts the store's unit back to a UTC time.
func FromMS(v int64) time.Time { return fromMS(v) }

// LoadContacts reads many contacts with their lists and tags in a few
// queries (a batch of steps loads its contacts at once, not one by one).
func LoadContacts(ctx context.Context, q Querier, ids []int64) (map[int64]*contact.Contact, error) {
	out := make(map[int64]*contact.Contact, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		in := "(" + placeholders(len(chunk)) + ")"
		rows, err := q.QueryContext(ctx, `SELECT `+contactCols+` FROM contacts WHERE id IN `+in, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			c, err := scanContact(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			c.Lists, c.Tags = []string{}, []string{}
			out[c.ID] = c
		}
		rows.Close()
		for _, sub := range []struct {
			sql  string
			list bool
		}{
			{`SELECT m.contact_id, l.name FROM list_members m JOIN lists l ON l.id=m.list_id WHERE m.contact_id IN ` + in + ` ORDER BY l.name`, true},
			{`SELECT contact_id, tag FROM contact_tags WHERE contact_id IN ` + in + ` ORDER BY tag`, false},
		} {
			rows, err := q.QueryContext(ctx, sub.sql, args...)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var id int64
				var name string
				if err := rows.Scan(&id, &name); err != nil {
					rows.Close()
					return nil, err
				}
				if c := out[id]; c != nil {
					if sub.list {
						c.Lists = append(c.Lists, name)
					} else {
						c.Tags = append(c.Tags, name)
					}
				}
			}
			rows.Close()
		}
	}
	return out, nil
}

// ContactRow returns the columns and values that UpsertContactsSQL writes
// for c, so callers can write many contacts in one multi-row statement.
func ContactRow(c *contact.Contact, now time.Time) ([]any, error) {
	fields, err := json.Marshal(nonNil(c.Fields))
	if err != nil {
		return nil, err
	}
	vals := []any{c.ID, c.Email}
	for _, col := range identityCols {
		vals = append(vals, c.Identity[col])
	}
	return append(vals, string(fields), c.Score, c.Temperature, c.Stage, c.Unsubscribed, c.Bounced, ms(c.CreatedAt), ms(now)), nil
}

// ContactColumns are the columns of ContactRow, in order.
func ContactColumns() []string {
	return append(append([]string{"id", "email"}, identityCols...), "fields", "score", "temperature", "stage", "unsubscribed", "bounced", "created_at", "updated_at")
}

// ContactUpsertTail is the ON CONFLICT clause that turns an insert of
// ContactRow values into an update of existing contacts.
func ContactUpsertTail() string {
	sets := []string{"email=excluded.email"}
	for _, col := range identityCols {
		sets = append(sets, col+"=excluded."+col)
	}
	sets = append(sets, "fields=excluded.fields", "score=excluded.score", "temperature=excluded.temperature", "stage=excluded.stage",
		"unsubscribed=excluded.unsubscribed", "bounced=excluded.bounced", "updated_at=excluded.updated_at")
	return "ON CONFLICT(id) DO UPDATE SET " + strings.Join(sets, ", ")
}
