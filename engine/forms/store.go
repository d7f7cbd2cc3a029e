package forms

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/store"
)

// Defs reads the workspace's fields by name.
func Defs(ctx context.Context, q store.Querier) (map[string]contacts.FieldDef, error) {
	list, err := contacts.Fields(ctx, q)
	if err != nil {
		return nil, err
	}
	m := make(map[string]contacts.FieldDef, len(list))
	for _, d := range list {
		m[d.Name] = d
	}
	return m, nil
}

func scan(sc interface{ Scan(...any) error }) (Form, error) {
	var f Form
	var key, body string
	var subs, spam int64
	if err := sc.Scan(&key, &body, &subs, &spam); err != nil {
		return f, err
	}
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		return f, fmt.Errorf("form %q: damaged definition: %w", key, err)
	}
	f.Key, f.Submissions, f.Spam = key, subs, spam
	Normalize(&f)
	return f, nil
}

// Get reads a form by its key; store.ErrNotFound when there is none.
func Get(ctx context.Context, q store.Querier, key string) (Form, error) {
	f, err := scan(store.With(q).QueryRow(ctx, "get-form", key))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("form %q: %w", key, store.ErrNotFound)
	}
	return f, err
}

// List reads every form, by name.
func List(ctx context.Context, q store.Querier) ([]Form, error) {
	rows, err := store.With(q).Query(ctx, "list-forms")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Form{}
	for rows.Next() {
		f, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Save checks and stores a form, giving it a key when it has none; it
// returns the form as stored. Two forms cannot share a name (a funnel
// starts on the name).
func Save(ctx context.Context, q store.Querier, f Form, now time.Time) (Form, error) {
	Normalize(&f)
	defs, err := Defs(ctx, q)
	if err != nil {
		return f, err
	}
	if err := Check(&f, defs); err != nil {
		return f, err
	}
	if f.Key == "" {
		f.Key = NewKey()
	}
	var other string
	err = store.With(q).QueryRow(ctx, "form-key-by-name", f.Name).Scan(&other)
	if err == nil && other != f.Key {
		return f, &ProblemError{[]Problem{{Code: ProbNameTaken}}}
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return f, err
	}
	body := f
	body.Key, body.Submissions, body.Spam = "", 0, 0
	b, err := json.Marshal(body)
	if err != nil {
		return f, err
	}
	if _, err := store.With(q).Exec(ctx, "save-form", f.Key, f.Name, string(b), store.MS(now)); err != nil {
		return f, fmt.Errorf("form %q: %w", f.Name, err)
	}
	return Get(ctx, q, f.Key)
}

// Delete removes a form; its page stops answering. Contacts and events it
// made stay.
func Delete(ctx context.Context, q store.Querier, key string) error {
	_, err := store.With(q).Exec(ctx, "delete-form", key)
	return err
}

// CountSpam adds one to the form's spam count.
func CountSpam(ctx context.Context, q store.Querier, key string) error {
	_, err := store.With(q).Exec(ctx, "count-form-spam", key)
	return err
}

// Submission is a validated submission ready to be written.
type Submission struct {
	// Values are the form's fields as typed (Validate's output).
	Values map[string]string
	// Page is the address of the page the form was on, when the browser
	// said (kept on the event as "url").
	Page string
	// Visitor is the website's anonymous visitor id the page carried, if
	// any (kept on the event as "visitor_id" so the visits can be joined).
	Visitor string
}

// Result says what a submission did.
type Result struct {
	ContactID int64
	// Created is true when the submission made a new contact.
	Created bool
}

// Submit writes a submission in the caller's transaction: the contact is
// created, or merged when the address is known (the fields filled in
// replace the old values, empty ones leave them), joins the form's lists,
// gets its tags, and the catalogue's form_submitted event is stored with the
// form's name — every event unprocessed, so funnels start on it. The
// scheduler is poked by the caller after the commit.
func Submit(ctx context.Context, tx store.Querier, f Form, s Submission, now time.Time) (Result, error) {
	var res Result
	email := strings.ToLower(strings.TrimSpace(s.Values["email"]))
	id, err := store.ContactIDByEmail(ctx, tx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c, err := contacts.NewContact(ctx, tx, s.Values)
		if err != nil {
			return res, fmt.Errorf("form %q: %w", f.Name, err)
		}
		if id, err = store.InsertContact(ctx, tx, c, now); err != nil {
			return res, err
		}
		res.Created = true
		if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: contact.EventContactCreated, Props: map[string]any{"form": f.Name}}, now, "form"); err != nil {
			return res, err
		}
	case err != nil:
		return res, err
	default:
		vals := map[string]string{}
		for k, v := range s.Values {
			if k != "email" && v != "" {
				vals[k] = v
			}
		}
		if _, err := contacts.UpdateFields(ctx, tx, id, vals, now); err != nil {
			return res, fmt.Errorf("form %q: %w", f.Name, err)
		}
	}
	res.ContactID = id
	for _, l := range f.Lists {
		added, err := store.AddToList(ctx, tx, id, l, now)
		if err != nil {
			return res, fmt.Errorf("form %q: list %q: %w", f.Name, l, err)
		}
		if added {
			if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: contact.EventListJoined, Props: map[string]any{"list": l}}, now, "form"); err != nil {
				return res, err
			}
		}
	}
	for _, t := range f.Tags {
		added, err := store.AddTag(ctx, tx, id, t, now)
		if err != nil {
			return res, fmt.Errorf("form %q: tag %q: %w", f.Name, t, err)
		}
		if added {
			if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: contact.EventTagAdded, Props: map[string]any{"tag": t}}, now, "form"); err != nil {
				return res, err
			}
		}
	}
	props := map[string]any{"form": f.Name}
	if s.Page != "" {
		props["url"] = s.Page
	}
	if s.Visitor != "" {
		props["visitor_id"] = s.Visitor
	}
	if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: contact.EventFormSubmitted, Props: props}, now, "form"); err != nil {
		return res, err
	}
	if _, err := store.With(tx).Exec(ctx, "count-form-submission", f.Key); err != nil {
		return res, err
	}
	return res, nil
}
