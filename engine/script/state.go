package script

import (
	"context"
	"errors"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// state is one pooled Lua interpreter with its sandbox. It is not
// goroutine-safe: the engine hands it to one evaluation at a time.
type state struct {
	e  *Engine
	L  *lua.LState
	dl *deadline

	// g holds the sandbox globals. Scripts never write to it: a script that
	// assigns globals runs with scratch as its environment, an empty table
	// that reads through to g, so `x = 1` lands in scratch, which is thrown
	// away after any evaluation that wrote to it. Other scripts read g
	// directly (see Script.writesGlobals).
	g, scratch, scratchMeta *lua.LTable

	fns   map[*Script]*prepared // each script's function and learned views in this state, built once
	lastS *Script               // the last script run and its entry in fns: rules often run in a row
	lastP *prepared
	dv    *dynViews // read-only views made during the current evaluation

	watchedLess *lua.LFunction // table.sort's default order, watching the deadline (sandbox.go)
	sortSteps   int

	env     Env      // the current evaluation's input (copied, so the caller keeps theirs)
	printed []string // print() output of the current evaluation

	// Views re-pointed at each evaluation's data, built once per state.
	contact          *lua.LTable
	fields, params   *learnedMap
	scalars          learnedScalars
	tags, lists      *stringsView
	event            *lua.LTable
	eventV           *eventView
	eventProps       *mapView
	lastFlow, lastNd string
	lastNow          int64
	eventSet         bool
}

// newState builds a sandboxed interpreter. This is the expensive step (tens
// of microseconds) that pooling amortises.
func (e *Engine) newState() *state {
	L := lua.NewState(lua.Options{
		SkipOpenLibs:    true,
		CallStackSize:   e.opts.CallStackSize,
		RegistrySize:    e.opts.RegistrySize,
		RegistryMaxSize: e.opts.RegistryMax,
		// gopher-lua grows the value stack linearly by this step; the default
		// of 32 makes a large unpack() quadratic, so it would hit the
		// deadline long before the RegistryMax cap gave its clear error.
		RegistryGrowStep: max(e.opts.RegistrySize, 1024),
	})
	st := &state{e: e, L: L, dl: newDeadline(L), fns: make(map[*Script]*prepared)}
	st.buildSandbox()
	st.scratchMeta = L.CreateTable(0, 2)
	st.scratchMeta.RawSetString("__index", st.g)
	st.scratchMeta.RawSetString("__metatable", lua.LString(metatableLock))
	st.newScratch()
	e.statesCreated.Add(1)
	return st
}

func (st *state) newScratch() {
	st.scratch = st.L.CreateTable(0, 0)
	st.scratch.Metatable = st.scratchMeta
}

// buildBindings creates the per-state views behind contact, event and params.
func (st *state) buildBindings(g *lua.LTable) {
	L := st.L
	st.dv = newDynViews(L)
	st.fields = newLearnedMap(L, &mapView{name: "contact.fields", dv: st.dv})
	st.params = newLearnedMap(L, &mapView{name: "params", dv: st.dv})
	st.tags = &stringsView{name: "contact.tags"}
	st.lists = &stringsView{name: "contact.lists"}

	// contact reads through two tables: a static one holding the views and
	// methods (no Go call to reach contact.fields or contact:has_tag), whose
	// own __index is a Go function for the scalars, converted only when read
	// and then held in the static table while they stay the same (see
	// learnedScalars).
	static := L.CreateTable(0, 16)
	st.scalars.static = static
	static.RawSetString("fields", st.fields.proxy(L))
	static.RawSetString("tags", newProxy(L, st.tags, "contact.tags"))
	static.RawSetString("lists", newProxy(L, st.lists, "contact.lists"))
	static.RawSetString("has_tag", L.NewFunction(st.method("has_tag", func() []string { return st.env.Contact.Tags })))
	static.RawSetString("in_list", L.NewFunction(st.method("in_list", func() []string { return st.env.Contact.Lists })))
	smt := L.CreateTable(0, 1)
	smt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		k, _ := L.Get(2).(lua.LString)
		v := st.contactScalar(k)
		st.scalars.learn(k, v)
		L.Push(v)
		return 1
	}))
	static.Metatable = smt
	st.contact = newTableProxy(L, static, contactView{st}, "contact")
	g.RawSetString("contact", st.contact)

	g.RawSetString("params", st.params.proxy(L))

	st.eventProps = &mapView{name: "event.data", dv: st.dv}
	st.eventV = &eventView{pv: st.eventProps, dv: st.dv}
	st.eventV.props = newProxy(L, st.eventProps, "event.data")
	st.event = newProxy(L, st.eventV, "event")
	g.RawSetString("event", lua.LNil)
	g.RawSetString("now", lua.LNumber(0))
	g.RawSetString("flow", lua.LString(""))
	g.RawSetString("node", lua.LString(""))
}

// method makes contact:has_tag / contact:in_list. Matching ignores case:
// "VIP" and "vip" are the same tag to a marketer.
func (st *state) method(name string, get func() []string) lua.LGFunction {
	usage := "call it with a colon: contact:" + name + "(\"name\")"
	return func(L *lua.LState) int {
		if L.Get(1) != st.contact {
			L.RaiseError("contact.%s: %s", name, usage)
		}
		want := L.CheckString(2)
		for _, s := range get() {
			if strings.EqualFold(s, want) {
				L.Push(lua.LTrue)
				return 1
			}
		}
		L.Push(lua.LFalse)
		return 1
	}
}

func (st *state) contactScalar(k lua.LString) lua.LValue {
	c := &st.env.Contact
	switch k {
	case "id":
		return number(float64(c.ID))
	case "email":
		return lua.LString(c.Email)
	case "score":
		return number(c.Score)
	case "temperature":
		return lua.LString(c.Temperature)
	case "stage":
		return lua.LString(c.Stage)
	case "timezone":
		return lua.LString(c.Timezone)
	case "created_at":
		if c.CreatedAt.IsZero() {
			return lua.LNil
		}
		return number(float64(c.CreatedAt.Unix()))
	}
	return lua.LNil
}

// contactView lets pairs(contact) list everything a script can read.
type contactView struct{ st *state }

func (v contactView) index(L *lua.LState, key lua.LValue) lua.LValue {
	return L.GetField(v.st.contact, lua.LVAsString(key))
}
func (v contactView) length() int  { return 0 }
func (v contactView) what() string { return "contact" }
func (v contactView) copyTable(L *lua.LState) *lua.LTable {
	t := L.CreateTable(0, 10)
	for _, k := range contactScalars {
		t.RawSetString(k, v.st.contactScalar(lua.LString(k)))
	}
	for _, k := range []string{"fields", "tags", "lists"} {
		t.RawSetString(k, L.GetField(v.st.contact, k))
	}
	return t
}

// bind points the state at one evaluation's input, read through p's
// learned views.
func (st *state) bind(env *Env, p *prepared) {
	st.env = *env
	if st.env.Now.IsZero() {
		st.env.Now = time.Now()
	}
	c := &st.env.Contact
	st.fields.bind(p.fields, c.Fields)
	st.scalars.bind(st)
	st.tags.s = c.Tags
	st.lists.s = c.Lists
	st.params.bind(p.params, st.env.Params)
	// Globals are only written when they change: each RawSetString costs a
	// map write and an allocation in gopher-lua.
	g := st.g
	if ev := st.env.Event; ev != nil {
		st.eventV.ev = *ev
		st.eventProps.m = ev.Props
		if !st.eventSet {
			g.RawSetString("event", st.event)
			st.eventSet = true
		}
	} else if st.eventSet {
		g.RawSetString("event", lua.LNil)
		st.eventSet = false
	}
	if now := st.env.Now.Unix(); now != st.lastNow {
		st.lastNow = now
		g.RawSetString("now", number(float64(now)))
	}
	if st.env.Flow != st.lastFlow {
		st.lastFlow = st.env.Flow
		g.RawSetString("flow", lua.LString(st.env.Flow))
	}
	if st.env.Node != st.lastNd {
		st.lastNd = st.env.Node
		g.RawSetString("node", lua.LString(st.env.Node))
	}
}

// unbind drops references to the caller's data so a pooled state does not
// keep contacts or event sources alive (only the few scalar values scripts
// have read stay, see learned.go).
func (st *state) unbind() {
	st.env = Env{}
	st.fields.v.m, st.params.v.m, st.eventProps.m = nil, nil, nil
	st.tags.s, st.lists.s = nil, nil
	st.eventV.ev = Event{}
	st.printed = nil
	st.dv.reset()
}

// prepared is what a state keeps for each script it has run.
type prepared struct {
	fn             *lua.LFunction
	fields, params *learnedSet
}

// prepare returns s's function in this state, with its environment for
// this evaluation, and its learned views. Functions are cached per state:
// the prototype is shared by all states, but a function value belongs to
// one.
func (st *state) prepare(s *Script) *prepared {
	p, ok := st.lastP, s == st.lastS
	if !ok {
		p, ok = st.fns[s]
	}
	if !ok {
		if len(st.fns) >= maxFunctionsPerState {
			clear(st.fns) // scripts edited many times: drop stale entries
			st.lastS, st.lastP = nil, nil
		}
		p = &prepared{
			fn:     st.L.NewFunctionFromProto(s.proto),
			fields: st.fields.newSet(st.L),
			params: st.params.newSet(st.L),
		}
		st.fns[s] = p
	}
	st.lastS, st.lastP = s, p
	fn := p.fn
	switch {
	case st.e.freshEnv:
		env := st.L.CreateTable(0, 0)
		env.Metatable = st.scratchMeta
		fn.Env = env
	case s.writesGlobals:
		fn.Env = st.scratch
	default:
		fn.Env = st.g
	}
	return p
}

const maxFunctionsPerState = 512

// call runs s once and returns what it returned. The caller converts the
// result before the state goes back to the pool (tables in it may be views
// that are only valid until then), under the evaluation's deadline and
// budget, which release disarms.
func (st *state) call(parent context.Context, s *Script, env *Env) (lua.LValue, Output, error) {
	start := monoNow()
	p := st.prepare(s)
	st.bind(env, p)
	fn := p.fn
	L := st.L
	if err := st.dl.arm(parent, start, st.e.opts.Timeout); err != nil {
		return nil, Output{}, &Error{Script: s.name, Kind: KindTimeout, cause: err,
			Message: "not started: the caller's context had already ended (" + err.Error() + ")"}
	}
	st.dl.limit = st.e.opts.MemoryBudget
	st.dl.steps = st.e.steps
	st.dl.charging = s.allocates
	L.SetContext(st.dl)
	L.Push(fn)
	err := L.PCall(0, 1, nil)
	L.RemoveContext()
	// On success the deadline and the budget stay armed while the caller
	// converts the result (release disarms them): converting a huge or
	// self-repeating table is work the script asked for.
	var fired bool
	var cause error
	if err != nil {
		fired, cause = st.dl.disarm()
	}

	// Global writes landed in scratch: start the next evaluation with a
	// clean one. An empty table costs one cheap Next call to check.
	if s.writesGlobals {
		if k, _ := st.scratch.Next(lua.LNil); k != lua.LNil {
			st.newScratch()
		}
	}
	out := Output{Printed: st.printed, Took: monoNow() - start}
	st.printed = nil
	if err != nil {
		if fired {
			line := runtimeError(s.name, err).Line
			if errors.Is(cause, errStringTooLong) || errors.Is(cause, errMemory) {
				return nil, out, &Error{Script: s.name, Line: line, Kind: KindLimit, Message: cause.Error()}
			}
			if errors.Is(cause, errInstructions) {
				return nil, out, &Error{Script: s.name, Line: line, Kind: KindTimeout, Message: strings.TrimPrefix(cause.Error(), errInstructions.Error()+": "), cause: context.DeadlineExceeded}
			}
			e := timeoutError(s.name, cause, st.dl.budget.String())
			e.Line = line
			return nil, out, e
		}
		e := runtimeError(s.name, err)
		st.explain(s, e)
		return nil, out, e
	}
	ret := L.Get(-1)
	L.Pop(1)
	return ret, out, nil
}

// explain adds the linter's finding for the failing line to a runtime
// error: gopher-lua says "attempt to call a non-function object" where the
// user needs to read "`os.execute` is not available".
func (st *state) explain(s *Script, e *Error) {
	if e.Kind != KindRuntime || e.Line == 0 ||
		!(strings.Contains(e.Message, "non-function") || strings.Contains(e.Message, "non-table object(nil)")) {
		return
	}
	s.lintOnce.Do(func() {
		if chunk, err := parse.Parse(strings.NewReader(s.source), s.name); err == nil {
			s.lint = lint(s.name, chunk, st.globalNames())
		}
	})
	for _, d := range s.lint {
		if d.Line == e.Line && d.Kind == KindCompile {
			e.Message += " (" + d.Message + ")"
			return
		}
	}
}
