package script

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Read-only views.
//
// Everything a script sees of the outside world (contact, fields, tags,
// event, params, library modules) is a view: an empty Lua table whose
// metatable answers reads (__index), refuses writes (__newindex raises an
// error), gives its length (__len) and hides itself (__metatable). Because the
// proxy table stays empty, a write can never land in it, so nothing one
// evaluation does can be seen by the next; and because the metatable is
// locked, getmetatable/setmetatable tricks only return the string
// "read-only".
//
// Lua 5.1's pairs, ipairs, next and unpack, and table.concat, read tables
// raw and would see an empty table; the sandbox replaces them with versions
// that ask the view for a plain copy (see sandbox.go). table.insert, remove
// and sort refuse views.

// view is the Go side of a read-only proxy.
type view interface {
	// index answers proxy[key] (nil when absent).
	index(L *lua.LState, key lua.LValue) lua.LValue
	// length answers #proxy.
	length() int
	// copyTable returns a fresh plain table with the same contents, for
	// iteration. It is only called by pairs/ipairs/next/unpack/concat.
	copyTable(L *lua.LState) *lua.LTable
	// what names the view in error messages ("contact.fields").
	what() string
}

const (
	viewKey       = "__view"    // metatable slot holding the view as userdata; unreachable from Lua
	metatableLock = "read-only" // what getmetatable returns for any view
)

// newProxy makes the Lua side of a view with a metatable of its own, for
// the few views built once per state (contact.fields, params, event...);
// views made during an evaluation go through dynViews. The index function is
// a Go closure, so a read costs one Go call and nothing is converted before
// the script asks for it.
func newProxy(L *lua.LState, v view, what string) *lua.LTable {
	mt := L.CreateTable(0, 5)
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		L.Push(v.index(L, L.Get(2)))
		return 1
	}))
	setLocks(L, mt, v, what)
	p := L.CreateTable(0, 0)
	p.Metatable = mt
	return p
}

// newTableProxy makes a read-only view over an existing table, read through
// the cheap __index-table path with no Go call: library modules and the
// static parts of the contact use it.
func newTableProxy(L *lua.LState, backing *lua.LTable, v view, what string) *lua.LTable {
	mt := L.CreateTable(0, 5)
	mt.RawSetString("__index", backing)
	if v == nil {
		v = tableView{backing}
	}
	setLocks(L, mt, v, what)
	p := L.CreateTable(0, 0)
	p.Metatable = mt
	return p
}

func setLocks(L *lua.LState, mt *lua.LTable, v view, what string) {
	msg := what + " is read-only"
	mt.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("%s", msg)
		return 0
	}))
	mt.RawSetString("__len", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LNumber(v.length()))
		return 1
	}))
	mt.RawSetString("__metatable", lua.LString(metatableLock))
	ud := L.NewUserData()
	ud.Value = v
	mt.RawSetString(viewKey, ud)
}

// viewOf returns the view behind a proxy, if lv is one.
func viewOf(lv lua.LValue) (view, bool) {
	t, ok := lv.(*lua.LTable)
	if !ok {
		return nil, false
	}
	mt, ok := t.Metatable.(*lua.LTable)
	if !ok {
		return nil, false
	}
	ud, ok := mt.RawGetString(viewKey).(*lua.LUserData)
	if !ok {
		return nil, false
	}
	switch x := ud.Value.(type) {
	case view:
		return x, true
	case *dynViews:
		v, ok := x.m[t]
		return v, ok
	}
	return nil, false
}

// dynViews holds the views made during one evaluation (events returned by
// the events helpers, nested maps and lists inside fields, params and
// props). They share one metatable per state, whose functions find the view
// by the proxy's address: a metatable of their own would cost a dozen
// allocations per event. The registry is cleared after each evaluation;
// nothing a script makes outlives it.
type dynViews struct {
	meta *lua.LTable
	m    map[*lua.LTable]view
}

func newDynViews(L *lua.LState) *dynViews {
	d := &dynViews{m: make(map[*lua.LTable]view)}
	get := func(L *lua.LState) view {
		t, _ := L.Get(1).(*lua.LTable)
		return d.m[t]
	}
	mt := L.CreateTable(0, 5)
	mt.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		if v := get(L); v != nil {
			L.Push(v.index(L, L.Get(2)))
		} else {
			L.Push(lua.LNil)
		}
		return 1
	}))
	mt.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		what := "this table"
		if v := get(L); v != nil {
			what = v.what()
		}
		L.RaiseError("%s is read-only", what)
		return 0
	}))
	mt.RawSetString("__len", L.NewFunction(func(L *lua.LState) int {
		n := 0
		if v := get(L); v != nil {
			n = v.length()
		}
		L.Push(lua.LNumber(n))
		return 1
	}))
	mt.RawSetString("__metatable", lua.LString(metatableLock))
	ud := L.NewUserData()
	ud.Value = d
	mt.RawSetString(viewKey, ud)
	d.meta = mt
	return d
}

// proxy makes a read-only table for v, valid until reset.
func (d *dynViews) proxy(L *lua.LState, v view) *lua.LTable {
	p := L.CreateTable(0, 0)
	p.Metatable = d.meta
	d.m[p] = v
	return p
}

func (d *dynViews) reset() {
	if len(d.m) > 0 {
		clear(d.m)
	}
}

// tableView is a view over a fixed Lua table (library modules).
type tableView struct{ t *lua.LTable }

func (v tableView) index(_ *lua.LState, key lua.LValue) lua.LValue { return v.t.RawGet(key) }
func (v tableView) length() int                                    { return v.t.Len() }
func (v tableView) what() string                                   { return "this table" }
func (v tableView) copyTable(L *lua.LState) *lua.LTable {
	out := L.CreateTable(v.t.Len(), 0)
	v.t.ForEach(func(k, val lua.LValue) { out.RawSet(k, val) })
	return out
}

// mapView is a view over a Go map: contact.fields, params, event.data and
// nested maps inside them. It is re-pointed at each call's map (set), so the
// proxy itself is built once per state.
type mapView struct {
	m    map[string]any
	name string
	dv   *dynViews
}

func (v *mapView) what() string { return v.name }

func (v *mapView) index(L *lua.LState, key lua.LValue) lua.LValue {
	k, ok := key.(lua.LString)
	if !ok || v.m == nil {
		return lua.LNil
	}
	val, ok := v.m[string(k)]
	if !ok {
		return lua.LNil
	}
	return toLua(L, v.dv, val, v.name)
}

func (v *mapView) length() int { return 0 } // a map has no array part, as in Lua

func (v *mapView) copyTable(L *lua.LState) *lua.LTable {
	out := L.CreateTable(0, len(v.m))
	for _, k := range sortedKeys(v.m) {
		out.RawSetString(k, toLua(L, v.dv, v.m[k], v.name))
	}
	return out
}

// stringsView is a view over a []string: contact.tags and contact.lists.
type stringsView struct {
	s    []string
	name string
}

func (v *stringsView) what() string { return v.name }

func (v *stringsView) index(_ *lua.LState, key lua.LValue) lua.LValue {
	n, ok := key.(lua.LNumber)
	if !ok {
		return lua.LNil
	}
	i := int(n)
	if float64(i) != float64(n) || i < 1 || i > len(v.s) {
		return lua.LNil
	}
	return lua.LString(v.s[i-1])
}

func (v *stringsView) length() int { return len(v.s) }

func (v *stringsView) copyTable(L *lua.LState) *lua.LTable {
	out := L.CreateTable(len(v.s), 0)
	for _, s := range v.s {
		out.Append(lua.LString(s))
	}
	return out
}

// anysView is a view over a []any found inside fields, params or props.
type anysView struct {
	s    []any
	name string
	dv   *dynViews
}

func (v *anysView) what() string { return v.name }

func (v *anysView) index(L *lua.LState, key lua.LValue) lua.LValue {
	n, ok := key.(lua.LNumber)
	if !ok {
		return lua.LNil
	}
	i := int(n)
	if float64(i) != float64(n) || i < 1 || i > len(v.s) {
		return lua.LNil
	}
	return toLua(L, v.dv, v.s[i-1], v.name)
}

func (v *anysView) length() int { return len(v.s) }

func (v *anysView) copyTable(L *lua.LState) *lua.LTable {
	out := L.CreateTable(len(v.s), 0)
	for _, x := range v.s {
		out.Append(toLua(L, v.dv, x, v.name))
	}
	return out
}

// smallInts holds boxed integers so the common small counts and scores cost
// no allocation when handed to Lua (boxing a float64 in an interface
// allocates 8 bytes otherwise).
var smallInts = func() (a [256]lua.LValue) {
	for i := range a {
		a[i] = lua.LNumber(i)
	}
	return a
}()

// number boxes f, without allocating for small non-negative integers.
func number(f float64) lua.LValue {
	if f >= 0 && f < float64(len(smallInts)) {
		if i := int(f); float64(i) == f {
			return smallInts[i]
		}
	}
	return lua.LNumber(f)
}

// toLua converts a Go value from the runner (JSON-like data) to Lua. Maps and
// slices become read-only views, so a script cannot change a contact by
// writing into what it reads; times become unix seconds, like `now`.
func toLua(L *lua.LState, dv *dynViews, v any, name string) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case string:
		return lua.LString(x)
	case bool:
		return lua.LBool(x)
	case float64:
		return number(x)
	case int:
		return number(float64(x))
	case int64:
		return number(float64(x))
	case int32:
		return number(float64(x))
	case uint:
		return number(float64(x))
	case uint64:
		return number(float64(x))
	case uint32:
		return number(float64(x))
	case float32:
		return number(float64(x))
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return number(f)
		}
		return lua.LString(x)
	case time.Time:
		if x.IsZero() {
			return lua.LNil
		}
		return number(float64(x.Unix()))
	case []string:
		return dv.proxy(L, &stringsView{s: x, name: name})
	case []any:
		return dv.proxy(L, &anysView{s: x, name: name, dv: dv})
	case map[string]any:
		return dv.proxy(L, &mapView{m: x, name: name, dv: dv})
	case map[string]string:
		m := make(map[string]any, len(x))
		for k, s := range x {
			m[k] = s
		}
		return dv.proxy(L, &mapView{m: m, name: name, dv: dv})
	case lua.LValue:
		return x
	case fmt.Stringer:
		return lua.LString(x.String())
	default:
		return lua.LString(fmt.Sprint(x))
	}
}

// converter turns what a script returned into Go values, still under the
// evaluation's deadline and memory budget: a table that repeats itself
// ({t, t, t...} nested sixteen deep) is billions of values once copied, so
// every value is charged and the clock is read every few thousand.
type converter struct {
	L     *lua.LState
	dl    *deadline
	steps int
}

// errConvertDeadline is returned when converting a result outlives the
// evaluation's deadline.
var errConvertDeadline = errors.New("converting the result ran past the deadline")

// step charges one converted value of about cost bytes.
func (c *converter) step(cost int64) error {
	if c.dl == nil {
		return nil
	}
	if err := c.dl.alloc(cost); err != nil {
		return err
	}
	c.steps++
	if c.steps%1024 == 0 && c.dl.poll() {
		if err := c.dl.stopCause(); errors.Is(err, errMemory) {
			return err
		}
		return errConvertDeadline
	}
	return nil
}

// fromLua converts a value a script returned (inside an action's changes) to
// plain Go: strings, float64, bool, []any for arrays, map[string]any for
// records. Tables are read raw: metamethods are not run once the protected
// call is over. depth guards against self-referencing tables.
func (c *converter) fromLua(lv lua.LValue, depth int) (any, error) {
	if depth > 16 {
		return nil, fmt.Errorf("table nested too deeply (or refers to itself)")
	}
	if err := c.step(costBox); err != nil {
		return nil, err
	}
	switch x := lv.(type) {
	case lua.LString:
		return string(x), nil
	case lua.LNumber:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("number %v is not finite", f)
		}
		return f, nil
	case lua.LBool:
		return bool(x), nil
	case *lua.LTable:
		if v, ok := viewOf(x); ok {
			// A view returned as-is (e.g. fields={address=contact.fields.address}).
			return c.fromLua(v.copyTable(c.L), depth+1)
		}
		n := x.Len()
		count := 0
		x.ForEach(func(lua.LValue, lua.LValue) { count++ })
		if err := c.step(costTable + int64(count)*costSlot); err != nil {
			return nil, err
		}
		if n > 0 && n == count {
			arr := make([]any, 0, n)
			for i := 1; i <= n; i++ {
				v, err := c.fromLua(x.RawGetInt(i), depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			return arr, nil
		}
		m := make(map[string]any, count)
		var err error
		x.ForEach(func(k, v lua.LValue) {
			if err != nil {
				return
			}
			ks, ok := k.(lua.LString)
			if !ok {
				err = fmt.Errorf("table key %s is not a string", k.String())
				return
			}
			m[string(ks)], err = c.fromLua(v, depth+1)
		})
		return m, err
	default:
		if lv == lua.LNil {
			return nil, nil
		}
		return nil, fmt.Errorf("a %s value cannot leave the script", lv.Type().String())
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
