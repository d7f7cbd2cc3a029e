package runner

import (
	"context"
	"fmt"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// env is the batch seen as the executors' environment: reads go through the
// batch's transaction, so a step sees what earlier steps of the batch wrote.
type env batch

var _ nodes.Env = (*env)(nil)
var _ nodes.TeammateFinder = (*env)(nil)

// TeammateEmail reads the teammate's address in the batch's transaction.
func (v *env) TeammateEmail(ctx context.Context, id string) (string, bool, error) {
	return store.TeammateEmail(ctx, v.tx, id)
}

func (v *env) CountEvents(ctx context.Context, contactID int64, typ string, filter map[string]string, since time.Time) (int, error) {
	if err := (*batch)(v).flush(); err != nil {
		return 0, err
	}
	rows, err := store.With(v.tx).Query(ctx, "contact-events-of-type-since", contactID, typ, store.MS(since))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		ev, err := store.ScanEvent(rows)
		if err != nil {
			return 0, err
		}
		if ev.Matches(filter) {
			n++
		}
	}
	return n, rows.Err()
}

func (v *env) EmailEngagement(ctx context.Context, enrollmentID int64, nodeID, engagement string) (bool, bool, error) {
	if err := (*batch)(v).flush(); err != nil {
		return false, false, err
	}
	var sent int
	if err := store.With(v.tx).QueryRow(ctx, "emails-sent-by-step", enrollmentID, nodeID).Scan(&sent); err != nil {
		return false, false, err
	}
	if sent == 0 {
		return false, false, nil
	}
	types := []any{contact.EventEmailClicked}
	if engagement != "clicked" {
		types = append(types, contact.EventEmailOpened) // a click implies the email was opened
	}
	var n int
	query := "step-email-events"
	if len(types) == 2 {
		query = "step-email-events-of-two-types"
	}
	args := append(types, enrollmentID, nodeID)
	if err := store.With(v.tx).QueryRow(ctx, query, args...).Scan(&n); err != nil {
		return true, false, err
	}
	return true, n > 0, nil
}

func (v *env) InSegment(ctx context.Context, c *contact.Contact, segment string) (bool, error) {
	if v.r.opts.Segments == nil {
		return false, fmt.Errorf("segments are not available in this engine")
	}
	if err := (*batch)(v).flush(); err != nil {
		return false, err
	}
	return v.r.opts.Segments.InSegment(ctx, v.tx, c, segment, v.now)
}

func (v *env) Script(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	if v.r.opts.Scripts == nil {
		return nil, fmt.Errorf("Lua scripts are not available in this engine")
	}
	// Never run inside the batch's transaction: see park.go.
	return (*batch)(v).script(kind, name, params, c)
}

func (v *env) BestHour(ctx context.Context, contactID int64) (int, bool, error) {
	c, err := (*batch)(v).contact(contactID)
	if err != nil {
		return 0, false, err
	}
	if err := (*batch)(v).flush(); err != nil {
		return 0, false, err
	}
	rows, err := store.With(v.tx).Query(ctx, "recent-opens", contactID, contact.EventEmailOpened)
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	var hist [24]int
	total := 0
	loc := c.Location(nil)
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			return 0, false, err
		}
		hist[store.FromMS(at).In(loc).Hour()]++
		total++
	}
	if total < 3 { // too little history to learn from
		return 0, false, rows.Err()
	}
	best := 0
	for h := range hist {
		if hist[h] > hist[best] {
			best = h
		}
	}
	return best, true, rows.Err()
}

func (v *env) FlowExists(ctx context.Context, id string) bool {
	_, _, err := v.r.st.Flow(id)
	return err == nil
}
