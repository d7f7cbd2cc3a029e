package sim

import (
	"context"
	"fmt"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/nodes"
	"flightplan/engine/script"
)

// The worker is the executors' environment over the simulated contact's
// memory, as the live runner's env is over its transaction: a step sees
// what earlier steps wrote.
var (
	_ nodes.Env          = (*worker)(nil)
	_ script.EventSource = (*worker)(nil)
)

func sinceMS(t time.Time) int64 {
	if t.IsZero() {
		return 0 // the store's unit keeps the zero time at 0
	}
	return t.UnixMilli()
}

// CountEvents counts the contact's events of a type matching filter at or after since.
func (w *worker) CountEvents(_ context.Context, contactID int64, typ string, filter map[string]string, since time.Time) (int, error) {
	if contactID != w.c.ID {
		return 0, nil
	}
	from := sinceMS(since)
	n := 0
	for i := range w.hist {
		r := &w.hist[i]
		if r.typ != typ || r.at < from {
			continue
		}
		if len(filter) > 0 && !w.materialize(int32(i), &w.evB, w.propsB).Matches(filter) {
			continue
		}
		n++
	}
	return n, nil
}

// recNode is an event's "node" property.
func (w *worker) recNode(r *evRec) string {
	if r.props != nil {
		return contact.ToString(r.props["node"])
	}
	if r.mail {
		m := &w.outbox[r.msg-1]
		return m.flow.nodes[m.node].n.ID
	}
	for _, p := range w.props(r) {
		if p.k == "node" {
			return contact.ToString(p.value())
		}
	}
	return ""
}

// EmailEngagement reports whether the email of node nodeID in the journey
// was sent (queued and neither failed nor bounced), and opened or clicked.
func (w *worker) EmailEngagement(_ context.Context, enrollmentID int64, nodeID, engagement string) (bool, bool, error) {
	sent := false
	for i := range w.outbox {
		m := &w.outbox[i]
		if m.enr == enrollmentID && m.status != msgFailed && m.status != msgBounced && m.flow.nodes[m.node].n.ID == nodeID {
			sent = true
			break
		}
	}
	if !sent {
		return false, false, nil
	}
	for i := range w.hist {
		r := &w.hist[i]
		// A click implies the email was opened.
		if (r.typ == contact.EventEmailClicked || engagement != "clicked" && r.typ == contact.EventEmailOpened) && r.enr == enrollmentID && w.recNode(r) == nodeID {
			return true, true, nil
		}
	}
	return true, false, nil
}

// InSegment answers from Config.Segments.
func (w *worker) InSegment(_ context.Context, c *contact.Contact, segment string) (bool, error) {
	segs := w.m.cfg.Segments
	if segs == nil {
		return false, fmt.Errorf("segments are not available in this simulation")
	}
	f := segs[segment]
	if f == nil {
		return false, fmt.Errorf("segment %q is not defined for this simulation", segment)
	}
	return f(c), nil
}

// Script runs Lua through Config.Scripts. The context handed on is the
// run's, not the step's: executors pass their Ctx as the context, and the
// worker reuses that Ctx for the next step, while a script engine may look
// at its context a moment after the call (engine/script's deadline timer
// does). The step's Ctx is valid during the call only.
func (w *worker) Script(_ context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	if w.m.cfg.Scripts == nil {
		return nil, fmt.Errorf("Lua scripts are not available in this simulation")
	}
	return w.m.cfg.Scripts.Run(w.ctx, kind, name, params, c)
}

// BestHour learns the contact's usual opening hour from its last 200 opens.
func (w *worker) BestHour(_ context.Context, contactID int64) (int, bool, error) {
	var hist [24]int
	total := 0
	for i := len(w.hist) - 1; i >= 0 && total < 200; i-- {
		r := &w.hist[i]
		if r.typ != contact.EventEmailOpened {
			continue
		}
		hist[msTime(r.at).In(w.cloc).Hour()]++
		total++
	}
	if total < 3 { // too little history to learn from
		return 0, false, nil
	}
	best := 0
	for h := range hist {
		if hist[h] > hist[best] {
			best = h
		}
	}
	return best, true, nil
}

// FlowExists reports whether a flow is part of the simulation.
func (w *worker) FlowExists(_ context.Context, id string) bool { return w.m.byID[id] != nil }

// Events implements script.EventSource over the contact's history.
func (w *worker) Events(contactID int64, typ string, since time.Time) ([]script.Event, error) {
	if contactID != w.c.ID {
		return nil, nil
	}
	from := sinceMS(since)
	var out []script.Event
	for i := range w.hist {
		r := &w.hist[i]
		if r.at < from || typ != "" && r.typ != typ {
			continue
		}
		props := r.props
		if props == nil {
			props = make(map[string]any, r.nkv+1)
			if r.enr != 0 {
				props["enrollment_id"] = r.enr
			}
			if r.mail {
				w.mailProps(r, props)
			}
			for _, p := range w.props(r) {
				props[p.k] = p.value()
			}
		}
		out = append(out, script.Event{Type: r.typ, Time: msTime(r.at), Props: props})
	}
	return out, nil
}

// scriptContact is what scripts see of the contact. Its fields map is the
// worker's, refilled only when the contact's fields changed: the sandbox
// reads it during the call and keeps nothing.
func (w *worker) scriptContact() script.Contact {
	c := &w.c
	if w.scFields == nil {
		w.scFields = map[string]any{}
	}
	if w.scVer != w.fver {
		clear(w.scFields)
		for k, v := range c.Fields {
			w.scFields[k] = v
		}
		for k, v := range c.Identity {
			w.scFields[k] = v
		}
		w.scVer = w.fver
	}
	return script.Contact{ID: c.ID, Email: c.Email, Fields: w.scFields, Lists: c.Lists, Tags: c.Tags, Score: c.Score,
		Temperature: c.Temperature, Stage: c.Stage, Timezone: c.Identity["timezone"], CreatedAt: c.CreatedAt}
}

var _ nodes.TeammateFinder = (*worker)(nil)

// TeammateEmail accepts every teammate: a simulation sends nothing and
// only counts the alerts, so whom one names does not change the count.
func (w *worker) TeammateEmail(_ context.Context, id string) (string, bool, error) {
	return id, true, nil
}
