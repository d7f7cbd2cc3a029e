package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/nodes"
	"flightplan/engine/script"
	"flightplan/engine/store"
	"flightplan/scripts"
)

// Lua runs the workspace's and the library's Lua scripts for nodes.
type Lua struct {
	Engine *script.Engine
	st     *store.Store
	guard  scriptGuard // failures in a row, and the scripts switched off for them (scriptguard.go)
}

// NewLua builds the script runner of a workspace.
func NewLua(st *store.Store) *Lua {
	return &Lua{Engine: script.New(script.Options{}), st: st}
}

// Source returns a script's source and kind: the workspace's own version
// first, else the shipped library's.
func (l *Lua) Source(name string) (src, kind string, defaults map[string]any, err error) {
	var s, k string
	err = l.st.QueryRow(context.Background(), "get-script-source", name).Scan(&s, &k)
	if err == nil {
		if lib, perr := scripts.Parse(name, s); perr == nil {
			defaults = lib.Defaults()
		}
		return s, k, defaults, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", "", nil, err
	}
	for _, lib := range scripts.All() {
		if lib.Name == name {
			return lib.Source, lib.Kind, lib.Defaults(), nil
		}
	}
	return "", "", nil, fmt.Errorf("script %q does not exist", name)
}

// StoreEvents answers the scripts' event helpers from the workspace: q is
// the Store (its reads go to the reader pool) or a transaction.
func StoreEvents(q store.Querier) script.EventSource { return storeEvents{store.With(q)} }

// storeEvents answers the scripts' event helpers from the workspace.
type storeEvents struct{ q store.Named }

func (s storeEvents) Events(contactID int64, typ string, since time.Time) ([]script.Event, error) {
	ctx := context.Background()
	var rows *sql.Rows
	var err error
	if typ != "" {
		rows, err = s.q.Query(ctx, "script-events-since-of-type", contactID, store.MS(since), typ)
	} else {
		rows, err = s.q.Query(ctx, "script-events-since", contactID, store.MS(since))
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []script.Event
	for rows.Next() {
		ev, err := store.ScanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, script.Event{Type: ev.Type, Time: ev.At, Props: ev.Props})
	}
	return out, rows.Err()
}

// ScriptContact converts a contact to what scripts see.
func ScriptContact(c *contact.Contact) script.Contact {
	fields := make(map[string]any, len(c.Fields)+len(c.Identity))
	for k, v := range c.Fields {
		fields[k] = v
	}
	for k, v := range c.Identity {
		fields[k] = v
	}
	return script.Contact{ID: c.ID, Email: c.Email, Fields: fields, Lists: c.Lists, Tags: c.Tags, Score: c.Score,
		Temperature: c.Temperature, Stage: c.Stage, Timezone: c.Identity["timezone"], CreatedAt: c.CreatedAt}
}

// Run implements runner.ScriptRunner.
func (l *Lua) Run(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	if err := l.checkSwitchedOff(name); err != nil {
		return nil, err
	}
	src, _, defaults, err := l.Source(name)
	if err != nil {
		return nil, err
	}
	s, err := l.Engine.Compile(name, src)
	if err != nil {
		return nil, err
	}
	merged := map[string]any{}
	for k, v := range defaults {
		merged[k] = v
	}
	for k, v := range params {
		merged[k] = v
	}
	env := script.Env{Contact: ScriptContact(c.Contact), Events: storeEvents{l.st}, Now: c.Now, Params: merged,
		Flow: c.Flow.ID, Node: c.Node.ID, EnteredAt: c.EnteredAt}
	if c.Event != nil {
		env.Event = &script.Event{Type: c.Event.Type, Time: c.Event.At, Props: c.Event.Props}
	}
	v, _, err := l.Engine.Run(ctx, kind, s, env)
	l.record(name, err, c.Now)
	return v, err
}
