package runner

import (
	"context"
	"database/sql"
	"time"

	"flightplan/engine/store"
	"flightplan/engine/words"
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
	fc := FlowCounts{Nodes: []NodeCount{}, Edges: []EdgeCount{}}
	// Running totals kept with the journal (see migration 005).
	rows, err := r.st.Query(ctx, "node-counts", flowID)
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
	rows, err = r.st.Query(ctx, "waiting-by-node", flowID)
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
	rows, err = r.st.Query(ctx, "edge-counts", flowID)
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
	err = r.st.QueryRow(ctx, "journey-totals", flowID).Scan(&fc.Enrolled, &fc.Active, &fc.Done)
	if err != nil {
		return fc, err
	}
	err = r.st.QueryRow(ctx, "goals-reached", flowID).Scan(&fc.Goals)
	return fc, err
}

// Step is one journal entry of a contact's path.
type Step struct {
	EnrollmentID int64  `json:"enrollment_id"`
	FlowID       string `json:"flow_id"`
	Version      int    `json:"version"`
	Node         string `json:"node"`
	Port         string `json:"port"`
	// Why is the reason as written (a code and its parameters, or an old
	// row's text); Code and Params are it for JSON readers; Reason is it
	// in English and Text in every language, once named (engine.Path).
	Why     words.Reason      `json:"-"`
	Code    string            `json:"code,omitempty"`
	Params  map[string]string `json:"params,omitempty"`
	Reason  string            `json:"reason"`
	Text    *words.Text       `json:"text,omitempty"`
	Outcome string            `json:"outcome"`
	At      time.Time         `json:"at"`
}

// StoredReason reads a journal row's reason: its code and parameters, or
// for a row written before reasons had codes, its text.
func StoredReason(text, code, params string) words.Reason {
	if code == "" {
		if text == "" {
			return words.Reason{}
		}
		return words.R(words.Text0, "text", text)
	}
	r, err := words.Parse(code, params)
	if err != nil {
		return words.R(words.Text0, "text", err.Error())
	}
	return r
}

// Path returns a contact's journal, oldest first ("why did this contact go this way").
func (r *Runner) Path(ctx context.Context, contactID int64, flowID string) ([]Step, error) {
	var rows *sql.Rows
	var err error
	if flowID != "" {
		rows, err = r.st.Query(ctx, "contact-path-in-flow", contactID, flowID)
	} else {
		rows, err = r.st.Query(ctx, "contact-path", contactID)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Step{}
	for rows.Next() {
		var s Step
		var at int64
		var text, code, params string
		if err := rows.Scan(&s.EnrollmentID, &s.FlowID, &s.Version, &s.Node, &s.Port, &text, &code, &params, &s.Outcome, &at); err != nil {
			return nil, err
		}
		s.At = store.FromMS(at)
		s.Why = StoredReason(text, code, params)
		s.Code, s.Params = string(s.Why.Code), s.Why.Map()
		out = append(out, s)
	}
	return out, rows.Err()
}
