package script

import (
	"context"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// Engine compiles and runs scripts. It is safe for concurrent use: compiled
// scripts are shared, and each evaluation borrows one of at most PoolSize
// Lua states.
type Engine struct {
	opts    Options
	pool    chan *state
	idle    atomic.Pointer[state] // a free state, taken before the channel (see acquire)
	waiting atomic.Int32          // acquirers waiting on the channel

	live          atomic.Int64 // states alive (pooled or in use)
	statesCreated atomic.Int64
	evaluations   atomic.Int64
	errs          atomic.Int64
	timeouts      atomic.Int64
	hits, misses  atomic.Int64

	mu    sync.RWMutex
	cache map[cacheKey]*Script
	seed  maphash.Seed

	locations sync.Map // time zone name -> *time.Location

	// steps is Options.Instructions rounded up to a multiple of checkEvery
	// (0: no instruction budget), which the deadline's checks land on
	// exactly whatever its mode.
	steps uint64

	// freshEnv gives every evaluation a new environment table, the textbook
	// way to isolate globals; only BenchmarkScoreTypicalFreshEnv sets it, to
	// measure what the bytecode scan (Script.writesGlobals) saves.
	freshEnv bool
}

// Script is a compiled script. The prototype is shared by every state; it
// is immutable once compiled.
type Script struct {
	name   string
	source string
	proto  *lua.FunctionProto

	// writesGlobals is true when the bytecode assigns a global anywhere.
	// Scripts that do not (most of them) run with the sandbox table itself
	// as their environment, saving a metatable hop on every global read;
	// the others get a scratch environment that is thrown away after use.
	writesGlobals bool

	// allocates is true when the bytecode has instructions that allocate
	// (concatenation, tables, closures): only then does the deadline charge
	// each instruction to the memory budget (budget.go).
	allocates bool

	lintOnce sync.Once // lint findings, computed on the first runtime error
	lint     []*Error
}

// Name is the script's name, used in every error about it.
func (s *Script) Name() string { return s.name }

// Source is the script's Lua source.
func (s *Script) Source() string { return s.source }

type cacheKey struct {
	name string
	hash uint64
}

// maxCachedScripts bounds the compile cache: the editor compiles on every
// keystroke, and old versions must not pile up.
const maxCachedScripts = 1024

// New returns an engine; Lua states are created on first use, up to
// PoolSize.
func New(opts Options) *Engine {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.CallStackSize <= 0 {
		opts.CallStackSize = DefaultCallStackSize
	}
	if opts.RegistrySize <= 0 {
		opts.RegistrySize = DefaultRegistrySize
	}
	if opts.RegistryMax <= 0 {
		opts.RegistryMax = DefaultRegistryMax
	}
	if opts.RegistryMax < opts.RegistrySize {
		opts.RegistryMax = opts.RegistrySize
	}
	if opts.MemoryBudget <= 0 {
		opts.MemoryBudget = DefaultMemoryBudget
	}
	if opts.PoolSize <= 0 {
		opts.PoolSize = runtime.GOMAXPROCS(0)
	}
	var steps uint64
	if opts.Instructions > 0 {
		steps = (uint64(opts.Instructions) + checkEvery - 1) / checkEvery * checkEvery
	}
	return &Engine{
		steps: steps,
		opts:  opts,
		pool:  make(chan *state, opts.PoolSize),
		cache: make(map[cacheKey]*Script),
		seed:  maphash.MakeSeed(),
	}
}

// Options returns the engine's options with defaults filled in.
func (e *Engine) Options() Options { return e.opts }

// Stats returns the engine's counters.
func (e *Engine) Stats() Stats {
	return Stats{
		StatesCreated: e.statesCreated.Load(),
		Evaluations:   e.evaluations.Load(),
		Errors:        e.errs.Load(),
		Timeouts:      e.timeouts.Load(),
		CacheHits:     e.hits.Load(),
		CacheMisses:   e.misses.Load(),
	}
}

// Compile parses and compiles src once; later calls with the same name and
// source return the same *Script. A failure is an *Error of kind "compile"
// with the line.
func (e *Engine) Compile(name, src string) (*Script, error) {
	key := cacheKey{name, maphash.String(e.seed, src)}
	e.mu.RLock()
	s, ok := e.cache[key]
	e.mu.RUnlock()
	if ok && s.source == src {
		e.hits.Add(1)
		return s, nil
	}
	e.misses.Add(1)
	chunk, err := parse.Parse(strings.NewReader(src), name)
	if err != nil {
		return nil, compileError(name, src, err)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, compileError(name, src, err)
	}
	// gopher-lua compiles the main chunk as a Lua 5.0-style vararg function
	// that builds an `arg` table on every call, which nothing can read (the
	// chunk has no local of that name, as in Lua 5.1). Building it was the
	// largest single cost of a typical evaluation.
	proto.IsVarArg &^= lua.VarArgNeedsArg
	s = &Script{name: name, source: src, proto: proto, writesGlobals: writesGlobals(proto), allocates: allocates(proto)}
	e.mu.Lock()
	if len(e.cache) >= maxCachedScripts {
		for k := range e.cache { // evict an arbitrary entry
			delete(e.cache, k)
			break
		}
	}
	e.cache[key] = s
	e.mu.Unlock()
	return s, nil
}

// writesGlobals reports whether proto or a function nested in it assigns a
// global. In the sandbox this is the only way a script can write to its
// environment: setfenv, getfenv, rawset and _G are not there.
func writesGlobals(proto *lua.FunctionProto) bool {
	for _, inst := range proto.Code {
		if int(inst>>26) == lua.OP_SETGLOBAL {
			return true
		}
	}
	for _, p := range proto.FunctionPrototypes {
		if writesGlobals(p) {
			return true
		}
	}
	return false
}

// Check returns the editor's diagnostics for src: the syntax or compile
// error if any, otherwise lint findings (names the sandbox does not have,
// a script that never returns). An empty result means the script compiles
// and nothing looks wrong.
func (e *Engine) Check(name, src string) []*Error {
	chunk, err := parse.Parse(strings.NewReader(src), name)
	if err != nil {
		return []*Error{compileError(name, src, err)}
	}
	if _, err := lua.Compile(chunk, name); err != nil {
		return []*Error{compileError(name, src, err)}
	}
	st, err := e.acquire(context.Background())
	if err != nil {
		return nil
	}
	defer e.release(st)
	return lint(name, chunk, st.globalNames())
}

// Condition runs a condition script: it must return true or false. Any
// other result (nil included) is an error of kind "result", so a script bug
// never reads as a silent "no".
func (e *Engine) Condition(ctx context.Context, s *Script, env Env) (bool, Output, error) {
	st, ret, out, err := e.eval(ctx, s, &env)
	if err != nil {
		return false, out, err
	}
	defer e.release(st)
	b, ok := ret.(lua.LBool)
	if !ok {
		return false, out, e.fail(resultError(s.name, "a condition must return true or false, got %s", describe(ret)))
	}
	return bool(b), out, nil
}

// Score runs a scoring script: it must return a finite number (points,
// positive or negative).
func (e *Engine) Score(ctx context.Context, s *Script, env Env) (float64, Output, error) {
	st, ret, out, err := e.eval(ctx, s, &env)
	if err != nil {
		return 0, out, err
	}
	defer e.release(st)
	n, ok := ret.(lua.LNumber)
	if !ok {
		return 0, out, e.fail(resultError(s.name, "a scoring script must return a number, got %s", describe(ret)))
	}
	if f := float64(n); math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, out, e.fail(resultError(s.name, "a scoring script must return a finite number, got %s", formatNumber(f)))
	}
	return float64(n), out, nil
}

// Action runs an action script: it must return a table of changes such as
// {tags_add={"hot"}, fields={plan="pro"}, score=5, stage="MQL"}. Unknown keys
// are errors, so a typo is not silently ignored.
func (e *Engine) Action(ctx context.Context, s *Script, env Env) (Changes, Output, error) {
	st, ret, out, err := e.eval(ctx, s, &env)
	if err != nil {
		return Changes{}, out, err
	}
	defer e.release(st)
	ch, rerr := parseChanges(&converter{L: st.L, dl: st.dl}, s.name, ret)
	if rerr != nil {
		return Changes{}, out, e.fail(rerr)
	}
	return ch, out, nil
}

// eval borrows a state and runs s. On success the caller owns the state
// until it has converted the result, and must release it.
func (e *Engine) eval(ctx context.Context, s *Script, env *Env) (*state, lua.LValue, Output, error) {
	if s == nil {
		return nil, nil, Output{}, &Error{Script: "", Kind: KindCompile, Message: "no script"}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	e.evaluations.Add(1)
	st, err := e.acquire(ctx)
	if err != nil {
		return nil, nil, Output{}, e.fail(&Error{Script: s.name, Kind: KindTimeout, cause: err,
			Message: fmt.Sprintf("waited for a free script state until the caller's context ended (%d states, all busy): %v", e.opts.PoolSize, err)})
	}
	ret, out, err := st.call(ctx, s, env)
	if err != nil {
		if se, ok := err.(*Error); ok && se.hostPanic {
			e.discard(st) // a Go panic may have left the state inconsistent
		} else {
			e.release(st)
		}
		return nil, nil, out, e.fail(err)
	}
	return st, ret, out, nil
}

func (e *Engine) fail(err error) error {
	e.errs.Add(1)
	if se, ok := err.(*Error); ok && se.Kind == KindTimeout {
		e.timeouts.Add(1)
	}
	return err
}

// acquire takes a pooled state, creates one if fewer than PoolSize exist, or
// waits for one to be released.
//
// The pool is a channel plus one slot (idle) that release fills when nobody
// waits: a channel receive and send take the channel's lock, a visible
// share of a sub-microsecond evaluation, where the slot is one atomic swap.
// A waiter registers in waiting before its last look at the slot, and
// release looks at waiting again after filling the slot, so a state is
// never left in the slot while someone waits on the channel.
func (e *Engine) acquire(ctx context.Context) (*state, error) {
	if st := e.idle.Swap(nil); st != nil {
		return st, nil
	}
	select {
	case st := <-e.pool:
		return st, nil
	default:
	}
	if e.live.Add(1) <= int64(e.opts.PoolSize) {
		return e.newState(), nil
	}
	e.live.Add(-1)
	e.waiting.Add(1)
	defer e.waiting.Add(-1)
	if st := e.idle.Swap(nil); st != nil {
		return st, nil
	}
	select {
	case st := <-e.pool:
		return st, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (e *Engine) release(st *state) {
	st.dl.disarm()
	st.unbind()
	e.put(st)
}

// put returns a state to the pool. The channel never blocks: at most
// PoolSize states exist.
func (e *Engine) put(st *state) {
	if e.waiting.Load() == 0 && e.idle.CompareAndSwap(nil, st) {
		if e.waiting.Load() == 0 {
			return
		}
		// Someone started waiting meanwhile and may have missed the slot.
		if st = e.idle.Swap(nil); st == nil {
			return // taken after all
		}
	}
	e.pool <- st
}

// discard replaces a state that cannot be trusted any more, keeping the
// pool full so that waiters are not starved.
func (e *Engine) discard(st *state) {
	st.dl.close()
	st.L.Close()
	e.put(e.newState())
}

// describe names a wrong result for an error message: `number (1)`,
// `string ("yes")`, `nil`.
func describe(lv lua.LValue) string {
	switch v := lv.(type) {
	case lua.LNumber:
		return "number (" + formatNumber(float64(v)) + ")"
	case lua.LString:
		s := string(v)
		if len(s) > 40 {
			s = truncateUTF8(s, 40) + "…"
		}
		return "string (" + quoteLua(s) + ")"
	case nil:
		return "nil"
	default:
		if lv == lua.LNil {
			return "nil (did the script forget `return`?)"
		}
		return lv.Type().String()
	}
}
