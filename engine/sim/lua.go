package sim

import (
	"context"
	"fmt"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/nodes"
	"flightplan/engine/script"
	"flightplan/scripts"
)

// Lua is a ScriptRunner over the Lua sandbox (engine/script): the scripts
// given by name first, else the shipped library's. Scripts read the
// simulated contact and its simulated history, on the virtual clock. It is
// safe for concurrent use.
type Lua struct {
	Engine *script.Engine
	// scripts is filled once by NewLua and only read afterwards, so that
	// concurrent workers share it without a lock.
	scripts map[string]luaScript
}

type luaScript struct {
	s        *script.Script
	err      error
	defaults map[string]any
}

// Instructions is the Lua instruction budget of one script call in a
// simulation. The live engine stops a call at a wall-clock deadline (50ms)
// so that it never stalls the intake; a simulation cannot: on a busy
// machine an ordinary call now and then passes the deadline, and the same
// Config and Seed would give a different Result. A count of instructions
// stops a runaway script at the same line on every machine. The shipped
// library's rules run at most about 160 instructions each
// (TestLibraryRulesStayFarBelowTheInstructionBudget); an infinite loop
// spends this many in about as long as the live deadline: some 20 ms for
// a bare loop, 40-50 ms for one that writes tables or formats strings.
const Instructions = 600_000

// Backstop is the wall-clock deadline of a simulated script call: a safety
// net far above what Instructions takes, for time spent where nothing
// counts, never what decides in practice.
const Backstop = 2 * time.Second

// NewLua returns a runner with the given scripts by name, on top of the
// shipped library, over a new engine with e's options (nil: the defaults)
// except its time limit: calls are stopped after Instructions Lua
// instructions, with Backstop as the wall-clock safety net (see
// Instructions). Every script is compiled here; one that does not compile
// fails the nodes that use it, with its line.
func NewLua(e *script.Engine, sources map[string]string) *Lua {
	var opts script.Options
	if e != nil {
		opts = e.Options()
	}
	opts.Instructions, opts.Timeout = Instructions, Backstop
	e = script.New(opts)
	l := &Lua{Engine: e, scripts: map[string]luaScript{}}
	add := func(name, src string, defaults map[string]any) {
		s, err := e.Compile(name, src)
		l.scripts[name] = luaScript{s: s, err: err, defaults: defaults}
	}
	for _, s := range scripts.All() {
		if _, own := sources[s.Name]; !own {
			add(s.Name, s.Source, s.Defaults())
		}
	}
	for name, src := range sources {
		var defaults map[string]any
		// A script written with the library's header gets its defaults too.
		if p, err := scripts.Parse(name, src); err == nil {
			defaults = p.Defaults()
		}
		add(name, src, defaults)
	}
	return l
}

func (l *Lua) compiled(name string) (*script.Script, map[string]any, error) {
	ls, ok := l.scripts[name]
	if !ok {
		return nil, nil, fmt.Errorf("script %q does not exist", name)
	}
	return ls.s, ls.defaults, ls.err
}

// Run implements ScriptRunner.
func (l *Lua) Run(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	s, defaults, err := l.compiled(name)
	if err != nil {
		return nil, err
	}
	// The sandbox only reads params: a map is merged only when both sides have keys.
	merged := params
	switch {
	case len(defaults) > 0 && len(params) == 0:
		merged = defaults
	case len(defaults) > 0:
		merged = make(map[string]any, len(defaults)+len(params))
		for k, v := range defaults {
			merged[k] = v
		}
		for k, v := range params {
			merged[k] = v
		}
	}
	env := script.Env{Now: c.Now, Params: merged, Flow: c.Flow.ID, Node: c.Node.ID, EnteredAt: c.EnteredAt}
	w, sim := c.Env.(*worker)
	if sim {
		env.Contact = w.scriptContact()
		env.Events = w
	} else {
		env.Contact = scriptContactOf(c.Contact)
		env.Events, _ = c.Env.(script.EventSource)
	}
	if c.Event != nil {
		if sim {
			// The worker's scratch event: the sandbox copies what it reads.
			w.scEvent = script.Event{Type: c.Event.Type, Time: c.Event.At, Props: c.Event.Props}
			env.Event = &w.scEvent
		} else {
			env.Event = &script.Event{Type: c.Event.Type, Time: c.Event.At, Props: c.Event.Props}
		}
	}
	v, _, err := l.Engine.Run(ctx, kind, s, env)
	return v, err
}

func scriptContactOf(c *contact.Contact) script.Contact {
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
