package pgtest

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// DueJourney is a journey a benchmark floor claimed: its id, its contact
// and its steps so far.
type DueJourney struct{ ID, Contact, Seq int64 }

// ClaimDue is a floor's claim of due journeys, as an engine's batch makes
// it: up to limit journeys waiting with wake_at at or before now, in
// (wake_at, id) order, locked FOR UPDATE SKIP LOCKED until tx ends, every
// column the engine reads for a journey read and scanned (the floor pays
// for what the engine reads). The runner's PostgreSQL floors and the
// engine-process scaling benchmark's share it.
func ClaimDue(ctx context.Context, tx pgx.Tx, now int64, limit int) ([]DueJourney, error) {
	rows, err := tx.Query(ctx, `SELECT id, flow_id, version, contact_id, run, node, status, coalesce(wake_at,0), coalesce(wait_event,''), coalesce(wait_filter,''), coalesce(wait_start,0), coalesce(event_id,0), entered_at, seq
		FROM enrollments WHERE status='waiting' AND wake_at IS NOT NULL AND wake_at<=$1 ORDER BY wake_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`, now, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var due []DueJourney
	for rows.Next() {
		var r DueJourney
		var flowID, node, status, waitEvent, filter string
		var version, run, wake, waitStart, eventID, entered int64
		if err := rows.Scan(&r.ID, &flowID, &version, &r.Contact, &run, &node, &status, &wake, &waitEvent, &filter, &waitStart, &eventID, &entered, &r.Seq); err != nil {
			return nil, err
		}
		due = append(due, r)
	}
	return due, rows.Err()
}
