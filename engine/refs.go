package engine

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/scripts"
)

// declaredEventsKey is the setting that holds the event types the user
// declared by name (before any was sent), as a JSON array.
const declaredEventsKey = "declared_event_types"

// seenEvents remembers the event types seen in the events table, read
// incrementally: only rows after the last one read are scanned, so the
// catalogue stays cheap with millions of events. "After" is the runner's
// order (store.EventsMark): on PostgreSQL engines write events at once,
// and an event can commit below an id already read.
type seenEvents struct {
	mu    sync.Mutex
	mark  store.EventsMark
	types map[string]bool
}

// EventTypesSeen returns the event types the workspace declared or received.
func (e *Engine) EventTypesSeen() ([]string, error) {
	se := &e.seen
	se.mu.Lock()
	defer se.mu.Unlock()
	ctx := context.Background()
	// Up to the last event of a transaction older than any still running
	// (everything in a workspace file): none can appear below it later.
	var horizon int64
	if err := e.Store.QueryRow(ctx, "events-horizon").Scan(&horizon); err != nil {
		return nil, fmt.Errorf("event types: %w", err)
	}
	var top store.EventsMark
	if err := e.Store.QueryRow(ctx, "last-event-below", horizon).Scan(&top.Xid, &top.ID); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("event types: %w", err)
	}
	if se.types == nil || se.mark.After(top) { // first read, or the events table was emptied
		se.mark, se.types = store.EventsMark{}, map[string]bool{}
	}
	if top.After(se.mark) {
		rows, err := e.Store.Query(ctx, "event-types-between", se.mark.Xid, se.mark.ID, top.Xid, top.ID)
		if err != nil {
			return nil, fmt.Errorf("event types: %w", err)
		}
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return nil, err
			}
			se.types[t] = true
		}
		rows.Close()
		se.mark = top
	}
	out := make([]string, 0, len(se.types))
	for t := range se.types {
		out = append(out, t)
	}
	declared, err := e.DeclaredEventTypes()
	if err != nil {
		return nil, err
	}
	for _, t := range declared {
		if !se.types[t] {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out, nil
}

// DeclaredEventTypes returns the event types the user declared by name.
func (e *Engine) DeclaredEventTypes() ([]string, error) {
	raw, err := e.Store.Setting(declaredEventsKey)
	if err != nil || raw == "" {
		return nil, err
	}
	var out []string
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, fmt.Errorf("setting %s: %w", declaredEventsKey, err)
	}
	return out, nil
}

// DeclareEventType adds an event type of the workspace's own (a name in
// lower case with underscores, such as demo_booked) so funnels can wait for
// it before the first one arrives. It returns the stored name.
func (e *Engine) DeclareEventType(name string) (string, error) {
	t := EventTypeName(name)
	if t == "" {
		return "", fmt.Errorf("event name %q: use letters, digits and spaces", name)
	}
	if nodes.IsSystemEvent(t) {
		return t, nil
	}
	declared, err := e.DeclaredEventTypes()
	if err != nil {
		return "", err
	}
	for _, d := range declared {
		if d == t {
			return t, nil
		}
	}
	b, _ := json.Marshal(append(declared, t))
	return t, e.Store.SetSetting(declaredEventsKey, string(b))
}

// EventTypeName turns what a user typed into an event type name:
// "Demo booked" → "demo_booked".
func EventTypeName(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep = false
			b.WriteRune(r)
		} else {
			sep = true
		}
	}
	return b.String()
}

// Workspace gathers what flows may refer to (emails, lists, segments,
// scripts, custom fields, event types, and every flow but exclude), for
// nodes.ValidateIn: the app, `flightplan validate --workspace` and
// `flightplan publish` check references against the same sets.
func (e *Engine) Workspace(exclude string) (*nodes.Workspace, error) {
	flows, err := e.drafts.others(e.Store, exclude)
	if err != nil {
		return nil, err
	}
	ws := &nodes.Workspace{Flows: flows, Templates: map[string]string{}, Lists: map[string]bool{},
		Segments: map[string]bool{}, Scripts: map[string]bool{}, Fields: map[string]bool{}, EventTypes: map[string]bool{}}
	for _, q := range []struct {
		query string
		put   func(k, v string)
	}{
		{"workspace-templates", func(k, v string) { ws.Templates[k] = v }},
		{"workspace-lists", func(k, _ string) { ws.Lists[strings.ToLower(k)] = true }},
		{"workspace-segments", func(k, _ string) { ws.Segments[k] = true }},
		{"workspace-scripts", func(k, _ string) { ws.Scripts[k] = true }},
		{"workspace-fields", func(k, _ string) { ws.Fields[k] = true }},
	} {
		rows, err := e.Store.Query(context.Background(), q.query)
		if err != nil {
			return nil, fmt.Errorf("workspace: %w", err)
		}
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return nil, err
			}
			q.put(k, v)
		}
		rows.Close()
	}
	for _, lib := range scripts.All() {
		ws.Scripts[lib.Name] = true
	}
	seen, err := e.EventTypesSeen()
	if err != nil {
		return nil, err
	}
	for _, t := range seen {
		ws.EventTypes[t] = true
	}
	mates, err := e.Store.Teammates()
	if err != nil {
		return nil, err
	}
	ws.Teammates = make(map[string]bool, len(mates))
	for _, t := range mates {
		ws.Teammates[t.ID] = true
	}
	return ws, nil
}

// ValidateFlow checks a flow against the workspace it lives in: the same
// problems in the window, `flightplan validate --workspace` and publish.
func (e *Engine) ValidateFlow(f *flow.Flow) ([]flow.Issue, error) {
	ws, err := e.Workspace(f.ID)
	if err != nil {
		return nil, err
	}
	return nodes.ValidateIn(f, e.Registry, ws), nil
}

// parsedDrafts keeps each funnel's draft parsed while its stored text is
// the same: validating one funnel (each time it is opened or saved) checks
// its references against every other funnel, and parsing them all again
// was most of the time a 200-step funnel took to open beside a 1,000-step
// one (BenchmarkFlowDoc). The flows it hands out are shared between
// validations, which only read them.
type parsedDrafts struct {
	mu   sync.Mutex
	byID map[string]parsedDraft
}

type parsedDraft struct {
	text string
	flow *flow.Flow
}

// others returns every stored funnel but exclude, parsed; a draft that does
// not parse is left out, as Store.Drafts does.
func (p *parsedDrafts) others(s *store.Store, exclude string) (map[string]*flow.Flow, error) {
	rows, err := s.Query(context.Background(), "flow-drafts")
	if err != nil {
		return nil, fmt.Errorf("reading flows: %w", err)
	}
	defer rows.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	seen := make(map[string]parsedDraft, len(p.byID))
	out := map[string]*flow.Flow{}
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, err
		}
		if id == exclude {
			if old, ok := p.byID[id]; ok {
				seen[id] = old
			}
			continue
		}
		d, ok := p.byID[id]
		if !ok || d.text != text {
			f, err := flow.Parse("flow "+id, []byte(text))
			if err != nil {
				continue
			}
			d = parsedDraft{text: text, flow: f}
		}
		seen[id] = d
		out[id] = d.flow
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	p.byID = seen
	return out, nil
}
