package runner

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"

	"flightplan/engine/journey"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// Outcomes of the journal rows written by delivery, after the step itself.
const (
	// OutcomeFailed: the step's message could not be sent (yet).
	OutcomeFailed = "failed"
	// OutcomeSent: a message that had failed went out after all.
	OutcomeSent = "sent"
)

// troubleSQL selects the outbox rows in trouble: given up, or waiting to be
// tried again after an error. It is the exact condition of the partial
// index outbox_trouble (migration 008), so SQLite uses that index; the
// named queries of engine/store/queries/outbox.sql spell it out, and the
// failures benchmark's floor uses it.
const troubleSQL = `(status = 'failed' OR (status = 'pending' AND last_error <> ''))`

// StepFailure is what went wrong at one step of a funnel and is not
// resolved: messages it queued that could not be sent, and journeys it
// stopped with an error.
type StepFailure struct {
	FlowID string `json:"flow_id"`
	Node   string `json:"node"`
	// Messages that could not be sent: Failed were given up, Retrying wait
	// for their next automatic try.
	Failed   int `json:"failed"`
	Retrying int `json:"retrying"`
	// Journeys stopped at this step by an error (a script error, a bad
	// setting); they are retried from this step.
	Stopped int `json:"stopped"`
	// Reason is the most recent error, in plain words; Text is it in
	// every language (a relay's refusal and a deleted email said the
	// engine/words way; what a server answered stays as it said it).
	Reason string      `json:"reason"`
	Text   *words.Text `json:"text,omitempty"`
	At     time.Time   `json:"at"`
}

// Count is how many things at this step are in trouble.
func (f StepFailure) Count() int { return f.Failed + f.Retrying + f.Stopped }

// Failures lists a funnel's unresolved failures by step (every funnel's
// when flowID is empty), most recent first.
func (r *Runner) Failures(ctx context.Context, flowID string) ([]StepFailure, error) {
	byKey := map[[2]string]*StepFailure{}
	get := func(flow, node string) *StepFailure {
		k := [2]string{flow, node}
		if f := byKey[k]; f != nil {
			return f
		}
		f := &StepFailure{FlowID: flow, Node: node}
		byKey[k] = f
		return f
	}
	var rows *sql.Rows
	var err error
	if flowID != "" {
		rows, err = r.st.Query(ctx, "failed-messages-by-step-of-flow", flowID)
	} else {
		rows, err = r.st.Query(ctx, "failed-messages-by-step")
	}
	if err != nil {
		return nil, err
	}
	latest := map[[2]string]int64{}
	for rows.Next() {
		var flow sql.NullString
		var node string
		var n, pending int
		var last int64
		if err := rows.Scan(&flow, &node, &n, &pending, &last); err != nil {
			rows.Close()
			return nil, err
		}
		f := get(flow.String, node)
		f.Failed, f.Retrying = n-pending, pending
		latest[[2]string{flow.String, node}] = last
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k, id := range latest {
		var msg string
		var created int64
		if err := r.st.QueryRow(ctx, "message-error", id).Scan(&msg, &created); err != nil {
			return nil, err
		}
		f := byKey[k]
		f.Reason, f.At = msg, store.FromMS(created)
	}

	if flowID != "" {
		rows, err = r.st.Query(ctx, "stopped-journeys-by-step-of-flow", flowID)
	} else {
		rows, err = r.st.Query(ctx, "stopped-journeys-by-step")
	}
	if err != nil {
		return nil, err
	}
	stopped := map[[2]string]int64{}
	for rows.Next() {
		var flow, node string
		var n int
		var last int64
		if err := rows.Scan(&flow, &node, &n, &last); err != nil {
			rows.Close()
			return nil, err
		}
		get(flow, node).Stopped = n
		stopped[[2]string{flow, node}] = last
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k, id := range stopped {
		var msg string
		var upd int64
		if err := r.st.QueryRow(ctx, "journey-error", id).Scan(&msg, &upd); err != nil {
			return nil, err
		}
		if f := byKey[k]; f.Reason == "" || store.FromMS(upd).After(f.At) {
			f.Reason, f.At = PlainError(msg), store.FromMS(upd)
		}
	}
	out := make([]StepFailure, 0, len(byKey))
	for _, f := range byKey {
		t := words.ErrorTexts(f.Reason)
		f.Text = &t
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return out[i].FlowID+"\x00"+out[i].Node < out[j].FlowID+"\x00"+out[j].Node
	})
	return out, nil
}

// RetryResult says what a retry put back to work.
type RetryResult struct {
	// Messages queued again (sent by the delivery worker right away).
	Messages int `json:"messages"`
	// Journeys run again from the step that stopped them.
	Journeys int `json:"journeys"`
	// Version is the funnel version the retried work now follows.
	Version int `json:"version"`
}

// RetryFailed puts a step's failed work back to work, against the funnel
// as it is now: messages that could not be sent are queued again at once
// (an email step's message takes the email the step names in the latest
// published version, so a step pointed at another email sends that one),
// and journeys stopped by an error move to the latest version, when it
// still has the step, and run again from it. node "" retries every step of
// the funnel. A message is only ever queued again, never copied: it keeps
// its key and Message-ID, so it cannot reach anyone twice.
func (r *Runner) RetryFailed(ctx context.Context, flowID, node string) (RetryResult, error) {
	var res RetryResult
	var latest int
	if err := r.st.QueryRow(ctx, "flow-published-version", flowID).Scan(&latest); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return res, fmt.Errorf("funnel %q does not exist", flowID)
		}
		return res, err
	}
	var target *compiled
	if latest > 0 {
		var err error
		if target, err = r.flowVersion(flowID, latest); err != nil {
			return res, err
		}
	}
	res.Version = latest
	n, err := r.requeue(ctx, flowID, node, target)
	if err != nil {
		return res, err
	}
	res.Messages = n
	res.Journeys, err = r.rerun(ctx, flowID, node, target)
	if err == nil {
		err = r.drainParked(ctx) // journeys at a script step go on (park.go)
	}
	return res, err
}

// requeue queues a funnel's failed messages again.
func (r *Runner) requeue(ctx context.Context, flowID, node string, target *compiled) (int, error) {
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var rows *sql.Rows
	if node != "" {
		rows, err = tx.Query(ctx, "failed-messages-of-step", flowID, node)
	} else {
		rows, err = tx.Query(ctx, "failed-messages-of-flow", flowID)
	}
	if err != nil {
		return 0, err
	}
	type msg struct {
		id            int64
		node, payload string
	}
	var msgs []msg
	for rows.Next() {
		var m msg
		if err := rows.Scan(&m.id, &m.node, &m.payload); err != nil {
			rows.Close()
			return 0, err
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	now := store.MS(r.clk.Now())
	for _, m := range msgs {
		payload := m.payload
		if t := currentTemplate(target, m.node); t != "" {
			var p OutboxPayload
			if err := json.Unmarshal([]byte(payload), &p); err == nil && p.Template != "" && p.Template != t {
				p.Template = t
				b, _ := json.Marshal(p)
				payload = string(b)
			}
		}
		// last_error stays until the message goes out: it is still not
		// sent, and delivery journals "sent after all" when it was in trouble.
		if _, err := tx.Exec(ctx, "requeue-message", now, payload, m.id); err != nil {
			return 0, err
		}
	}
	return len(msgs), tx.Commit()
}

// currentTemplate is the email a send step names in the given version ("" when
// there is none, or the step is gone or is not an email step).
func currentTemplate(target *compiled, node string) string {
	if target == nil {
		return ""
	}
	n := target.f.Node(node)
	spec := target.specs[node]
	if n == nil || spec == nil || n.Type != "action.send_email" {
		return ""
	}
	return nodes.ConfigOf(n, spec).String("template")
}

// rerun runs a funnel's journeys stopped by an error again from their step,
// on the latest version when it still has the step.
func (r *Runner) rerun(ctx context.Context, flowID, node string, target *compiled) (int, error) {
	total := 0
	var after int64 // a journey that fails again is not taken twice
	for {
		b, err := r.begin(ctx)
		if err != nil {
			return total, err
		}
		q := `status='error' AND flow_id=? AND id>?`
		args := []any{flowID, after}
		if node != "" {
			q += ` AND node=?`
			args = append(args, node)
		}
		stuck, err := b.queryEnrollments(q+` ORDER BY id LIMIT ?`, append(args, r.opts.BatchSize)...)
		if err != nil {
			b.rollback()
			return total, err
		}
		if len(stuck) == 0 {
			b.rollback()
			return total, nil
		}
		for _, e := range stuck {
			after = e.ID
			if target != nil && target.f.Node(e.Node) != nil {
				e.Version = target.version
			}
			fl, err := r.flowVersion(e.FlowID, e.Version)
			if err != nil {
				b.rollback()
				return total, err
			}
			c, err := b.contact(e.ContactID)
			if err != nil {
				b.rollback()
				return total, err
			}
			e.Error = ""
			if err := b.advance(fl, e, c, nil, nil); err != nil {
				b.rollback()
				return total, err
			}
		}
		if err := b.commit(); err != nil {
			return total, err
		}
		total += len(stuck)
	}
}

// FailureTotal is how much is in trouble across the workspace, for the
// notification when failures start.
type FailureTotal struct {
	Count int `json:"count"`
	// Flows names the funnels concerned, most recent trouble first, and
	// ByFlow counts each one's (the window notifies when a funnel starts
	// failing, even while another one already is).
	Flows  []string       `json:"flows"`
	ByFlow map[string]int `json:"by_flow"`
}

// FailureTotals counts every unresolved failure of the workspace.
func (r *Runner) FailureTotals(ctx context.Context) (FailureTotal, error) {
	fs, err := r.Failures(ctx, "")
	if err != nil {
		return FailureTotal{}, err
	}
	t := FailureTotal{Flows: []string{}, ByFlow: map[string]int{}}
	for _, f := range fs {
		t.Count += f.Count()
		if _, seen := t.ByFlow[f.FlowID]; !seen {
			t.Flows = append(t.Flows, f.FlowID)
		}
		t.ByFlow[f.FlowID] += f.Count()
	}
	return t, nil
}

// journalDelivery writes a journal row for what delivery found out about a
// step's message, after the step: its journey's contact history and the
// step's counts say it. Called inside settle's transaction.
func journalDelivery(ctx context.Context, tx *store.Tx, m *Message, reason words.Reason, outcome string, at time.Time) error {
	var version int64
	err := tx.QueryRow(ctx, "journey-version", m.EnrollmentID).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // a message with no journey (a test send): nothing to journal
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "journal-delivery-step", m.EnrollmentID, m.Payload.FlowID, version, m.Contact.ID, m.Node, "", "", string(reason.Code), reason.ParamsJSON(), outcome, store.MS(at)); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "count-delivery-step", m.Payload.FlowID, m.Node, outcome)
	return err
}

// what names a message in a journal reason (journey.What).
func what(m *Message) []string {
	switch m.Kind {
	case "email":
		return journey.What(m.Kind, m.Payload.Template)
	case "notify":
		return journey.What(m.Kind, m.Payload.To)
	}
	return journey.What(m.Kind, m.Payload.URL)
}

// tzOf is the timezone name of a message's contact, for the times its
// journal lines give.
func tzOf(m *Message) string {
	if m.Contact != nil {
		if tz := m.Contact.Identity["timezone"]; tz != "" {
			return tz
		}
	}
	return "UTC"
}

// idsPrefix is how a journey's error starts: the funnel, the step and its
// type by id (and the setting), for whoever reads the file. The step's
// failure is shown on that step already: what went wrong is the rest.
var idsPrefix = regexp.MustCompile(`^flow "[^"]*": node "[^"]*" \([^)]*\): (?:field "[^"]*": )?`)

// PlainError is a journey's error without the ids it starts with.
func PlainError(msg string) string {
	for {
		m := idsPrefix.FindStringIndex(msg)
		if m == nil {
			return msg
		}
		msg = msg[m[1]:] // an error wrapped twice says the ids twice
	}
}
