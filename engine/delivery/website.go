package delivery

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/runner"
	"flightplan/engine/settings"
	"flightplan/engine/store"
	"flightplan/engine/track"
	"flightplan/engine/website"
)

// The website side of the tracking server (track.SiteIntake): the
// snippet's events, and visitors who become contacts.

// websiteSource is the batch source of website events in the runner; the
// joined history's ids are "v:<visitor>:<visitor_events.id>" under it, so
// a merge that is retried after a crash stores each event once.
const websiteSource = "website"

// SiteByKey implements track.SiteIntake.
func (s *Service) SiteByKey(ctx context.Context, key string) (track.Site, bool, error) {
	site, ok, err := website.ByKey(ctx, s.st, key)
	if ok {
		site.HonourDNT = setting(s.st, settings.HonourDNT) != "false"
	}
	return site, ok, err
}

// SiteByOrigin implements track.SiteIntake.
func (s *Service) SiteByOrigin(ctx context.Context, origin string) (track.Site, bool, error) {
	return website.ByOrigin(ctx, s.st, origin)
}

// Hit implements track.SiteIntake: a known visitor's events go to their
// contact at once (scoring, funnels); an anonymous visitor's wait in
// visitor_events.
func (s *Service) Hit(ctx context.Context, site track.Site, visitorID string, evs []track.SiteEvent, at time.Time) (int, error) {
	var contactID sql.NullInt64
	now := store.MS(at)
	err := s.st.RunInTransaction(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO visitors (id, site_id, first_seen, last_seen) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, site_id = excluded.site_id`, visitorID, site.ID, now, now); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT contact_id FROM visitors WHERE id = ?", visitorID).Scan(&contactID); err != nil {
			return err
		}
		if contactID.Valid {
			return nil
		}
		// In the same transaction as the check: an Identify that commits
		// in between would otherwise leave this event behind.
		for _, e := range evs {
			props, err := json.Marshal(e.Props)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO visitor_events (visitor_id, type, props, at) VALUES (?, ?, ?, ?)",
				visitorID, e.Type, string(props), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || !contactID.Valid {
		return len(evs), err
	}
	in := make([]runner.EventInput, len(evs))
	for i, e := range evs {
		in[i] = runner.EventInput{ContactID: contactID.Int64, Type: e.Type, Props: e.Props, At: at}
	}
	ids, rej, err := s.run.IngestShared(ctx, in, websiteSource)
	if err == nil && len(rej) > 0 {
		err = rej[0]
	}
	if len(ids) > 0 {
		s.poke()
	}
	return len(ids), err
}

// Identify joins a website visitor to a contact: from now on the visitor's
// events are the contact's, and what the visitor did before (anonymously)
// joins the contact's history with its original times, so "visited
// /pricing 3 times in 7 days" counts visits made before the sign-up. It
// returns how many earlier events joined; a second call for the same
// visitor joins nothing. A visitor id the tracking server has not seen yet
// (a form on a page loaded before consent) is remembered for its next
// visit. When the visitor was another contact's (a shared computer), it is
// this contact's from now on; what already joined the other stays theirs.
func (s *Service) Identify(ctx context.Context, visitorID string, contactID int64) (int, error) {
	if visitorID == "" || contactID <= 0 {
		return 0, fmt.Errorf("identify: visitor %q and contact %d: both are required", visitorID, contactID)
	}
	type pending struct {
		id    int64
		typ   string
		props string
		at    int64
	}
	var evs []pending
	err := s.st.RunInTransaction(ctx, func(tx *store.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM contacts WHERE id = ?", contactID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return fmt.Errorf("identify: contact %d does not exist", contactID)
		}
		now := store.MS(time.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO visitors (id, site_id, contact_id, first_seen, last_seen) VALUES (?, 0, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET contact_id = excluded.contact_id`, visitorID, contactID, now, now); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT id, type, props, at FROM visitor_events WHERE visitor_id = ? ORDER BY id", visitorID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p pending
			if err := rows.Scan(&p.id, &p.typ, &p.props, &p.at); err != nil {
				return err
			}
			evs = append(evs, p)
		}
		return rows.Err()
	})
	if err != nil || len(evs) == 0 {
		return 0, err
	}
	in := make([]runner.EventInput, 0, len(evs)+1)
	visits := 0
	for _, p := range evs {
		var props map[string]any
		if err := json.Unmarshal([]byte(p.props), &props); err != nil {
			return 0, fmt.Errorf("identify: visitor event %d: %w", p.id, err)
		}
		if p.typ == contact.EventPageVisited {
			visits++
		}
		in = append(in, runner.EventInput{ContactID: contactID, Type: p.typ, Props: props, At: store.FromMS(p.at),
			ID: "v:" + visitorID + ":" + strconv.FormatInt(p.id, 10)})
	}
	// One line in the contact's history says where those visits came from.
	in = append(in, runner.EventInput{ContactID: contactID, Type: contact.EventVisitsJoined,
		Props: map[string]any{"visits": visits, "events": len(evs)}, ID: "j:" + visitorID + ":" + strconv.FormatInt(evs[0].id, 10)})
	_, rej, err := s.run.Ingest(ctx, in, websiteSource)
	if err != nil {
		return 0, err
	}
	for _, r := range rej {
		if !errors.Is(r.Err, runner.ErrDuplicate) {
			return 0, fmt.Errorf("identify: %w", r)
		}
	}
	// Stored (or already stored by an earlier try): the anonymous copies go.
	ids := make([]any, len(evs))
	q := "DELETE FROM visitor_events WHERE id IN ("
	for i, p := range evs {
		ids[i] = p.id
		if i > 0 {
			q += ","
		}
		q += "?"
	}
	if _, err := s.st.ExecContext(ctx, q+")", ids...); err != nil {
		return 0, err
	}
	s.poke()
	return len(evs), nil
}
