package script

import (
	lua "github.com/yuin/gopher-lua"
)

// Learned views: the state-level views a script reads most (contact.fields,
// params and the contact's scalars) are read through plain Lua tables that
// remember, from one evaluation to the next, the values scripts have read.
//
// Why: a read through a Go __index function is a full Go call from the VM
// (a call frame, the key boxed into an interface, the result converted and
// boxed again), several times the cost of a table lookup, and a typical
// scoring rule does little else. Filling a table with every field before
// each evaluation would cost a table write per field whether the script
// reads it or not.
//
// How: the proxy's __index is a backing table, whose own __index is the Go
// function (the miss path). A miss converts the value as before and, if it
// is a scalar (string, number, boolean), stores it in the backing table, so
// the next read of that key, in this evaluation or a later one, is a table
// lookup. Before each evaluation, bind checks every learned key against the
// new input: a value that is the same (same string, same number) stays with
// no write and no allocation, which is the common case when rules are run
// again on the same contact or on contacts that share values; a changed
// value is converted and rewritten; a key that is gone, or no longer a
// scalar, is deleted. So the backing table never holds anything but the
// current input's values, and what scripts see is unchanged: maps, lists
// and times still go through the Go function each time. The proxy stays
// empty with its locked metatable, so writes still reach __newindex and are
// refused, and no script can reach the backing table.
//
// Each script has its own backing tables in each state (a learnedSet, kept
// with its function), so an evaluation checks only the keys that its own
// script has read, however many other scripts share the state; switching
// scripts re-points the proxy's __index, one table write.
//
// A pooled state keeps the learned values (at most maxLearnedKeys scalars
// per script and view, strings up to maxLearnedString bytes) of the last
// input between evaluations; never the contact, its maps or its lists.

const (
	maxLearnedKeys   = 32   // per script and view: a script reading more keys reads the rest through the miss path
	maxLearnedString = 1024 // longer strings are not kept between evaluations
)

// learnedMap is a mapView read through the current script's backing table.
type learnedMap struct {
	v      *mapView
	mt     *lua.LTable // the proxy's metatable: its __index is cur.backing
	missMT *lua.LTable // every backing table's metatable: __index is the miss path
	cur    *learnedSet
}

// learnedSet is one script's backing table for one learnedMap.
type learnedSet struct {
	backing *lua.LTable
	keys    []string
	vals    []lua.LValue // vals[i] is what backing holds for keys[i]
}

func newLearnedMap(L *lua.LState, v *mapView) *learnedMap {
	lm := &learnedMap{v: v}
	lm.missMT = L.CreateTable(0, 1)
	lm.missMT.RawSetString("__index", L.NewFunction(lm.miss))
	lm.cur = lm.newSet(L)
	return lm
}

// newSet makes an empty backing table for one script.
func (lm *learnedMap) newSet(L *lua.LState) *learnedSet {
	b := L.CreateTable(0, 4)
	b.Metatable = lm.missMT
	return &learnedSet{backing: b}
}

// proxy makes the read-only table scripts see; it is made once per state.
func (lm *learnedMap) proxy(L *lua.LState) *lua.LTable {
	p := newTableProxy(L, lm.cur.backing, lm.v, lm.v.name)
	lm.mt = p.Metatable.(*lua.LTable)
	return p
}

// miss answers a key the backing table does not hold, and learns it.
func (lm *learnedMap) miss(L *lua.LState) int {
	k, ok := L.Get(2).(lua.LString)
	if !ok || lm.v.m == nil {
		L.Push(lua.LNil)
		return 1
	}
	raw, ok := lm.v.m[string(k)]
	if !ok {
		L.Push(lua.LNil)
		return 1
	}
	if lv, ok := learnable(raw); ok {
		if set := lm.cur; len(set.keys) < maxLearnedKeys {
			set.backing.RawSetString(string(k), lv)
			set.keys = append(set.keys, string(k))
			set.vals = append(set.vals, lv)
		}
		L.Push(lv)
		return 1
	}
	L.Push(toLua(L, lm.v.dv, raw, lm.v.name))
	return 1
}

// bind points the view at m, read through set, and brings set's learned
// keys up to date.
func (lm *learnedMap) bind(set *learnedSet, m map[string]any) {
	lm.v.m = m
	if lm.cur != set {
		lm.mt.RawSetString("__index", set.backing)
		lm.cur = set
	}
	n := 0
	for i, k := range set.keys {
		old := set.vals[i]
		raw, ok := m[k]
		if ok && sameScalar(old, raw) {
			set.keys[n], set.vals[n] = k, old
			n++
			continue
		}
		if lv, learn := learnable(raw); ok && learn {
			set.backing.RawSetString(k, lv)
			set.keys[n], set.vals[n] = k, lv
			n++
			continue
		}
		set.backing.RawSetString(k, lua.LNil) // deletes
	}
	clear(set.keys[n:])
	clear(set.vals[n:])
	set.keys, set.vals = set.keys[:n], set.vals[:n]
}

// learnable converts a scalar the way toLua does; ok is false for anything
// that must go through toLua on every read (maps and lists become fresh
// views, times and other types are converted), for nil, and for long
// strings.
func learnable(raw any) (lua.LValue, bool) {
	switch x := raw.(type) {
	case string:
		if len(x) > maxLearnedString {
			return nil, false
		}
		return lua.LString(x), true
	case float64:
		return number(x), true
	case bool:
		return lua.LBool(x), true
	case int:
		return number(float64(x)), true
	case int64:
		return number(float64(x)), true
	}
	return nil, false
}

// sameScalar reports whether old, a learned value, is what learnable(raw)
// would return now.
func sameScalar(old lua.LValue, raw any) bool {
	switch x := raw.(type) {
	case string:
		s, ok := old.(lua.LString)
		return ok && string(s) == x
	case float64:
		n, ok := old.(lua.LNumber)
		return ok && float64(n) == x
	case bool:
		b, ok := old.(lua.LBool)
		return ok && bool(b) == x
	case int:
		n, ok := old.(lua.LNumber)
		return ok && float64(n) == float64(x)
	case int64:
		n, ok := old.(lua.LNumber)
		return ok && float64(n) == float64(x)
	}
	return false
}

// contactScalars are the contact's plain values. The static contact table
// holds those that scripts have read (learnedScalars), and a Go __index
// function behind it answers the others.
var contactScalars = [...]string{
	scID: "id", scEmail: "email", scScore: "score", scTemperature: "temperature",
	scStage: "stage", scTimezone: "timezone", scCreatedAt: "created_at",
}

const (
	scID = iota
	scEmail
	scScore
	scTemperature
	scStage
	scTimezone
	scCreatedAt
)

// learnedScalars are the contact scalars held in the static contact table.
// They are shared by every script of the state: there are only seven, and
// checking one is a comparison, with no map lookup.
type learnedScalars struct {
	static *lua.LTable
	held   [len(contactScalars)]lua.LValue // what static holds, by index in contactScalars; nil when nothing
}

// bind brings the held scalars up to date with the state's contact.
func (ls *learnedScalars) bind(st *state) {
	for i, old := range ls.held {
		if old == nil || st.sameContactScalar(i, old) {
			continue
		}
		name := contactScalars[i]
		nv := st.contactScalar(lua.LString(name))
		if !learnableScalar(nv) {
			ls.static.RawSetString(name, lua.LNil) // deletes
			ls.held[i] = nil
			continue
		}
		ls.static.RawSetString(name, nv)
		ls.held[i] = nv
	}
}

// learnableScalar reports whether a contact scalar may be held: not nil
// (a zero created_at), not a long string.
func learnableScalar(v lua.LValue) bool {
	if s, ok := v.(lua.LString); ok {
		return len(s) <= maxLearnedString
	}
	return v != lua.LNil
}

// learn stores the value of scalar k in the static table.
func (ls *learnedScalars) learn(k lua.LString, v lua.LValue) {
	if !learnableScalar(v) {
		return
	}
	for i, name := range contactScalars {
		if name == string(k) {
			ls.static.RawSetString(name, v)
			ls.held[i] = v
			return
		}
	}
}

// sameContactScalar reports whether old is the current value of scalar i.
func (st *state) sameContactScalar(i int, old lua.LValue) bool {
	c := &st.env.Contact
	var s string
	switch i {
	case scID:
		n, ok := old.(lua.LNumber)
		return ok && float64(n) == float64(c.ID)
	case scScore:
		n, ok := old.(lua.LNumber)
		return ok && float64(n) == c.Score
	case scCreatedAt:
		n, ok := old.(lua.LNumber)
		return ok && !c.CreatedAt.IsZero() && float64(n) == float64(c.CreatedAt.Unix())
	case scEmail:
		s = c.Email
	case scTemperature:
		s = c.Temperature
	case scStage:
		s = c.Stage
	case scTimezone:
		s = c.Timezone
	}
	ls, ok := old.(lua.LString)
	return ok && string(ls) == s
}
