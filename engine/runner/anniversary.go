package runner

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// anniversaryTrigger is one date-anniversary start of a published flow.
type anniversaryTrigger struct {
	flow   *compiled
	node   *flow.Node
	field  string
	offset int
	hour   int
	minute int
	loc    *time.Location
}

func (r *Runner) anniversaryTriggers() []anniversaryTrigger {
	r.mu.Lock()
	pub := r.published
	r.mu.Unlock()
	var out []anniversaryTrigger
	for _, fl := range pub {
		for _, t := range fl.triggers {
			if t.Type != "trigger.date_anniversary" {
				continue
			}
			cfg := nodes.ConfigOf(t, fl.specs[t.ID])
			off, _ := cfg.Number("offset_days")
			a := anniversaryTrigger{flow: fl, node: t, field: cfg.String("field"), offset: int(off), hour: 9, loc: time.UTC}
			fmt.Sscanf(cfg.String("at_time"), "%d:%d", &a.hour, &a.minute)
			if tz := fl.f.Settings.Timezone; tz != "" {
				if l, err := time.LoadLocation(tz); err == nil {
					a.loc = l
				}
			}
			out = append(out, a)
		}
	}
	return out
}

func (a anniversaryTrigger) key() string { return "anniversary/" + a.flow.f.ID + "/" + a.node.ID }

// lastDay returns the last day swept for a trigger; a new trigger starts
// with the day before its publication, so it fires from today on.
func (r *Runner) lastDay(ctx context.Context, q store.Querier, a anniversaryTrigger, now time.Time) (time.Time, error) {
	var v string
	err := store.With(q).QueryRow(ctx, "get-setting", a.key()).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		lt := now.In(a.loc)
		return time.Date(lt.Year(), lt.Month(), lt.Day()-1, 0, 0, 0, 0, a.loc), nil
	}
	if err != nil {
		return time.Time{}, err
	}
	d, err := time.ParseInLocation("2006-01-02", v, a.loc)
	return d, err
}

func (a anniversaryTrigger) fireAt(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), a.hour, a.minute, 0, 0, a.loc)
}

// sweepAnniversaries emits an "anniversary" event for every contact whose
// date field falls on each day whose firing time has passed.
func (r *Runner) sweepAnniversaries(ctx context.Context) (int, error) {
	trigs := r.anniversaryTriggers()
	if len(trigs) == 0 {
		return 0, nil
	}
	now := r.clk.Now()
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	n := 0
	for _, a := range trigs {
		last, err := r.lastDay(ctx, tx, a, now)
		if err != nil {
			return 0, err
		}
		for day := last.AddDate(0, 0, 1); !now.Before(a.fireAt(day)); day = day.AddDate(0, 0, 1) {
			md := day.AddDate(0, 0, -a.offset).Format("01-02")
			col := "json_extract(fields, '$.' || ?)"
			args := []any{a.field, md}
			if contact.IsIdentity(a.field) {
				col, args = a.field+" || ''", []any{md}
				if a.field == "email" {
					break
				}
			}
			rows, err := tx.QueryContext(ctx, `SELECT id FROM contacts WHERE substr(`+col+`, 6, 5) = ?`, args...)
			if err != nil {
				return 0, err
			}
			var ids []int64
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				ids = append(ids, id)
			}
			rows.Close()
			for _, id := range ids {
				ev := &contact.Event{ContactID: id, Type: "anniversary", At: a.fireAt(day),
					Props: map[string]any{"field": a.field, "offset_days": strconv.Itoa(a.offset), "date": day.Format("2006-01-02")}}
				if _, err := store.InsertEvent(ctx, tx, ev, now, "anniversary"); err != nil {
					return 0, err
				}
				n++
			}
			if _, err := tx.Exec(ctx, "set-setting", a.key(), day.Format("2006-01-02")); err != nil {
				return 0, err
			}
		}
	}
	return n, tx.Commit()
}

// nextAnniversary returns the next firing time of any anniversary trigger.
func (r *Runner) nextAnniversary(ctx context.Context) (time.Time, bool) {
	var best time.Time
	now := r.clk.Now()
	for _, a := range r.anniversaryTriggers() {
		last, err := r.lastDay(ctx, r.st, a, now)
		if err != nil {
			continue
		}
		at := a.fireAt(last.AddDate(0, 0, 1))
		if best.IsZero() || at.Before(best) {
			best = at
		}
	}
	return best, !best.IsZero()
}
