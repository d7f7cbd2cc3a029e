package runner

import (
	"context"
	"time"

	"flightplan/engine/store"
)

// NodeCount is how many journeys reached a node, and where they are now.
type NodeCount struct {
	Node    string `json:"node"`
	Entered int    `json:"entered"` // times journeys reached it (a wait once, not once parked and once resumed)
	Waiting int    `json:"waiting"` // waiting there now
	Errors  int    `json:"errors"`
	Skipped int    `json:"skipped"`
	// Failed is what is in trouble at this step now: messages it queued
	// that could not be sent (given up or waiting to be tried again) and
	// journeys it stopped with an error; FailReason is the latest error.
	// Both go back to nothing once retried successfully.
	Failed     int    `json:"failed"`
	FailReason string `json:"fail_reason,omitempty"`
}

// EdgeCount is how many journeys left a node through a port.
type EdgeCount struct {
	Node  string `json:"node"`
	Port  string `json:"port"`
	Count int    `json:"count"`
}

// FlowCounts are the numbers drawn on the canvas.
type FlowCounts struct {
	Nodes []NodeCount `json:"nodes"`
	Edges []EdgeCount `json:"edges"`
	// Enrolled, Active and Done count journeys (all versions).
	Enrolled int `json:"enrolled"`
	Active   int `json:"active"`
	Done     int `json:"done"`
	Goals    int `json:"goals"`
}

// Counts reads a flow's per-node and per-edge counts from the journal.
func (r *Runner) Counts(ctx context.Context, flowID string) (FlowCounts, error) {
	db := r.st.ReadDB()
	fc := FlowCounts{Nodes: []NodeCount{}, Edges: []EdgeCount{}}
	// Running totals kept with the journal (see migration 005).
	rows, err := db.QueryContext(ctx, `SELECT v.node, v.n,
		coalesce((SELECT sum(n) FROM step_counts c WHERE c.flow_id=v.flow_id AND c.node=v.node AND c.outcome='error'),0),
		coalesce((SELECT sum(n) FROM step_counts c WHERE c.flow_id=v.flow_id AND c.node=v.node AND c.outcome='skipped'),0)
		FROM node_visits v WHERE v.flow_id=? ORDER BY v.node`, flowID)
	if err != nil {
		return fc, err
	}
	idx := map[string]int{}
	for rows.Next() {
		var n NodeCount
		if err := rows.Scan(&n.Node, &n.Entered, &n.Errors, &n.Skipped); err != nil {
			rows.Close()
			return fc, err
		}
		idx[n.Node] = len(fc.Nodes)
		fc.Nodes = append(fc.Nodes, n)
	}
	rows.Close()
	fails, err := r.Failures(ctx, flowID)
	if err != nil {
		return fc, err
	}
	for _, f := range fails {
		i, ok := idx[f.Node]
		if !ok {
			idx[f.Node] = len(fc.Nodes)
			i = len(fc.Nodes)
			fc.Nodes = append(fc.Nodes, NodeCount{Node: f.Node})
		}
		fc.Nodes[i].Failed, fc.Nodes[i].FailReason = f.Count(), f.Reason
	}
	rows, err = db.QueryContext(ctx, `SELECT node, count(*) FROM enrollments WHERE flow_id=? AND status='waiting' GROUP BY node`, flowID)
	if err != nil {
		return fc, err
	}
	for rows.Next() {
		var node string
		var n int
		if err := rows.Scan(&node, &n); err != nil {
			rows.Close()
			return fc, err
		}
		if i, ok := idx[node]; ok {
			fc.Nodes[i].Waiting = n
		}
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT node, port, sum(n) FROM step_counts WHERE flow_id=? AND port<>'' GROUP BY node, port ORDER BY node, port`, flowID)
	if err != nil {
		return fc, err
	}
	for rows.Next() {
		var e EdgeCount
		if err := rows.Scan(&e.Node, &e.Port, &e.Count); err != nil {
			rows.Close()
			return fc, err
		}
		fc.Edges = append(fc.Edges, e)
	}
	rows.Close()
	err = db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(status IN ('active','waiting')),0), coalesce(sum(status='done'),0) FROM enrollments WHERE flow_id=?`, flowID).Scan(&fc.Enrolled, &fc.Active, &fc.Done)
	if err != nil {
		return fc, err
	}
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE type='goal_reached' AND json_extract(`+validProps+`,'$.flow')=?`, flowID).Scan(&fc.Goals)
	return fc, err
}

// Step is one journal entry of a contact's path.
type Step struct {
	EnrollmentID int64     `json:"enrollment_id"`
	FlowID       string    `json:"flow_id"`
	Version      int       `json:"version"`
	Node         string    `json:"node"`
	Port         string    `json:"port"`
	Reason       string    `json:"reason"`
	Outcome      string    `json:"outcome"`
	At           time.Time `json:"at"`
}

// Path returns a contact's journal, oldest first ("why did this contact go this way").
func (r *Runner) Path(ctx context.Context, contactID int64, flowID string) ([]Step, error) {
	q := `SELECT enrollment_id, flow_id, version, node, port, reason, outcome, at FROM steps WHERE contact_id=?`
	args := []any{contactID}
	if flowID != "" {
		q += ` AND flow_id=?`
		args = append(args, flowID)
	}
	rows, err := r.st.ReadDB().QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Step{}
	for rows.Next() {
		var s Step
		var at int64
		if err := rows.Scan(&s.EnrollmentID, &s.FlowID, &s.Version, &s.Node, &s.Port, &s.Reason, &s.Outcome, &at); err != nil {
			return nil, err
		}
		s.At = store.FromMS(at)
		out = append(out, s)
	}
	return out, rows.Err()
}
