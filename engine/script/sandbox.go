package script

import (
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// The sandbox is built from an allowlist: gopher-lua is started with
// SkipOpenLibs, only base, string, table, math and os are opened, and only the
// names below are copied into the table scripts see. Everything else
// (io, debug, package, require, load*, dofile, collectgarbage, setfenv,
// getfenv, rawget, rawset, newproxy, module, os.execute, string.rep,
// string.dump...) is simply never there, and the state's own global table is
// replaced by the sandbox table so nothing falls back to it.

// allowedBase are the base-library globals scripts keep. print, tostring,
// pairs, ipairs, next, unpack and setmetatable are replaced by sandbox
// versions (captured output, Lua 5.1 number format, read-only views, tables
// only).
var allowedBase = []string{
	"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print",
	"rawequal", "select", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall",
	"_VERSION",
}

// allowedString are the string functions kept: no rep (memory bombs), no
// dump (bytecode), no gfind (Lua 5.0 leftover).
var allowedString = []string{
	"byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "reverse", "sub", "upper",
}

// allowedTable are the table functions kept.
var allowedTable = []string{"concat", "getn", "insert", "maxn", "remove", "sort"}

// allowedMath are the math functions kept: randomseed would reseed a
// process-wide generator (and is a no-op in current Go), so it is left out.
var allowedMath = []string{
	"abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh", "deg", "exp", "floor", "fmod",
	"frexp", "huge", "ldexp", "log", "log10", "max", "min", "mod", "modf", "pi", "pow", "rad",
	"random", "sin", "sinh", "sqrt", "tan", "tanh",
}

// allowedOs are the os functions kept: clock and time arithmetic only. time
// and date read the evaluation's clock (virtual in simulations).
var allowedOs = []string{"clock", "date", "difftime", "time"}

// perCallGlobals are set for each evaluation.
var perCallGlobals = []string{"contact", "event", "params", "now", "flow", "node"}

// helperModules are Flightplan's own modules.
var helperModules = []string{"events", "dates", "text"}

// forbiddenHints explain, in the editor, why a familiar name is missing.
var forbiddenHints = map[string]string{
	"io":              "scripts cannot read or write files",
	"debug":           "the debug library is not available in scripts",
	"package":         "scripts cannot load modules",
	"require":         "scripts cannot load modules",
	"module":          "scripts cannot load modules",
	"load":            "scripts cannot compile code at run time",
	"loadstring":      "scripts cannot compile code at run time",
	"loadfile":        "scripts cannot read files",
	"dofile":          "scripts cannot read files",
	"collectgarbage":  "memory is managed by Flightplan",
	"setfenv":         "function environments are fixed in scripts",
	"getfenv":         "function environments are fixed in scripts",
	"rawget":          "raw access is not available in scripts",
	"rawset":          "raw access is not available in scripts",
	"newproxy":        "userdata is not available in scripts",
	"coroutine":       "coroutines are not available in scripts",
	"_G":              "the global table is not reachable; use local variables",
	"os.execute":      "scripts cannot run programs (os has only time, date, clock, difftime)",
	"os.exit":         "scripts cannot stop the app (os has only time, date, clock, difftime)",
	"os.getenv":       "scripts cannot read the environment (os has only time, date, clock, difftime)",
	"os.remove":       "scripts cannot touch files (os has only time, date, clock, difftime)",
	"os.rename":       "scripts cannot touch files (os has only time, date, clock, difftime)",
	"os.tmpname":      "scripts cannot touch files (os has only time, date, clock, difftime)",
	"os.setenv":       "scripts cannot change the environment (os has only time, date, clock, difftime)",
	"string.rep":      "string.rep is removed (memory bombs); build strings with table.concat",
	"string.dump":     "string.dump is removed (bytecode)",
	"math.randomseed": "math.randomseed is removed: the generator is shared",
}

// lib opens one gopher-lua library into L's own globals.
func openLib(L *lua.LState, name string, fn lua.LGFunction) {
	L.Push(L.NewFunction(fn))
	L.Push(lua.LString(name))
	L.Call(1, 0)
}

// buildSandbox fills st.g, the table behind every script's globals.
func (st *state) buildSandbox() {
	L := st.L
	openLib(L, lua.BaseLibName, lua.OpenBase)
	openLib(L, lua.StringLibName, lua.OpenString)
	openLib(L, lua.TabLibName, lua.OpenTable)
	openLib(L, lua.MathLibName, lua.OpenMath)
	openLib(L, lua.OsLibName, lua.OpenOs)
	raw := L.G.Global

	g := L.CreateTable(0, 48)
	for _, name := range allowedBase {
		g.RawSetString(name, raw.RawGetString(name))
	}
	origNext := raw.RawGetString("next").(*lua.LFunction)
	origUnpack := raw.RawGetString("unpack").(*lua.LFunction).GFunction
	origSetmt := raw.RawGetString("setmetatable").(*lua.LFunction).GFunction

	// pairs/ipairs/next/unpack see through read-only views.
	g.RawSetString("pairs", L.NewFunction(func(L *lua.LState) int {
		t := plainArg(L, 1, "pairs")
		L.Push(origNext)
		L.Push(t)
		L.Push(lua.LNil)
		return 3
	}))
	ipairsIter := L.NewFunction(func(L *lua.LState) int {
		t := L.CheckTable(1)
		i := L.CheckInt(2) + 1
		v := t.RawGetInt(i)
		if v == lua.LNil {
			return 0
		}
		L.Push(lua.LNumber(i))
		L.Push(v)
		return 2
	})
	g.RawSetString("ipairs", L.NewFunction(func(L *lua.LState) int {
		t := plainArg(L, 1, "ipairs")
		L.Push(ipairsIter)
		L.Push(t)
		L.Push(lua.LNumber(0))
		return 3
	}))
	g.RawSetString("next", L.NewFunction(func(L *lua.LState) int {
		plainArg(L, 1, "next")
		return origNext.GFunction(L)
	}))
	g.RawSetString("unpack", L.NewFunction(func(L *lua.LState) int {
		plainArg(L, 1, "unpack")
		return origUnpack(L)
	}))
	// setmetatable works on tables only, as in Lua 5.1: gopher-lua would
	// otherwise let a script set the shared metatable of all numbers or all
	// functions, which outlives the evaluation.
	g.RawSetString("setmetatable", L.NewFunction(func(L *lua.LState) int {
		L.CheckTable(1)
		return origSetmt(L)
	}))
	g.RawSetString("tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(st.toString(L.CheckAny(1))))
		return 1
	}))
	g.RawSetString("print", L.NewFunction(st.print))
	g.RawSetString("tonumber", L.NewFunction(toNumber))

	// string: the real table backs both the global (through a read-only
	// view) and the methods of every string value (through a metatable whose
	// __metatable hides it), so neither `string.upper = f` nor
	// `getmetatable("").__index.upper = f` can change it.
	strmod := raw.RawGetString(lua.StringLibName).(*lua.LTable)
	strs := L.CreateTable(0, len(allowedString))
	for _, name := range allowedString {
		strs.RawSetString(name, strmod.RawGetString(name))
	}
	st.watchedLess = L.NewFunction(st.lessWatched)
	strs.RawSetString("format", L.NewFunction(st.strFormat))
	// upper, lower and reverse copy their argument: charged to the budget.
	for _, name := range []string{"upper", "lower", "reverse"} {
		orig := strmod.RawGetString(name).(*lua.LFunction).GFunction
		strs.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			st.charge(L, len(L.CheckString(1)))
			return orig(L)
		}))
	}
	strs.RawSetString("find", L.NewFunction(func(L *lua.LState) int { return st.strFind(L, true) }))
	strs.RawSetString("match", L.NewFunction(func(L *lua.LState) int { return st.strFind(L, false) }))
	strs.RawSetString("gmatch", L.NewFunction(st.strGmatch))
	strs.RawSetString("gsub", L.NewFunction(st.strGsub))
	smt := L.CreateTable(0, 2)
	smt.RawSetString("__index", strs)
	smt.RawSetString("__metatable", lua.LString(metatableLock))
	L.SetMetatable(lua.LString(""), smt)
	g.RawSetString("string", newTableProxy(L, strs, nil, "string"))

	// table: views are refused by the functions that write, and copied by
	// those that read.
	tabmod := raw.RawGetString(lua.TabLibName).(*lua.LTable)
	tab := L.CreateTable(0, len(allowedTable))
	for _, name := range allowedTable {
		orig := tabmod.RawGetString(name).(*lua.LFunction).GFunction
		qualified := "table." + name
		switch name {
		case "insert", "remove", "sort":
			sorting := name == "sort"
			tab.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
				if _, ok := viewOf(L.Get(1)); ok {
					L.RaiseError("%s: the table is read-only", qualified)
				}
				// A big sort without a comparator runs as one Go call that
				// never looks at the clock: it gets a Go comparator that
				// does (a Lua comparator runs in the VM, which does).
				if sorting && L.GetTop() == 1 {
					if t, ok := L.Get(1).(*lua.LTable); ok && t.Len() > sortWatchFrom {
						L.Push(st.watchedLess)
					}
				}
				return orig(L)
			}))
		case "concat":
			tab.RawSetString(name, L.NewFunction(st.tableConcat))
		default:
			tab.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
				plainArg(L, 1, qualified)
				return orig(L)
			}))
		}
	}
	g.RawSetString("table", newTableProxy(L, tab, nil, "table"))

	mathmod := raw.RawGetString(lua.MathLibName).(*lua.LTable)
	mth := L.CreateTable(0, len(allowedMath))
	for _, name := range allowedMath {
		if v := mathmod.RawGetString(name); v != lua.LNil {
			mth.RawSetString(name, v)
		}
	}
	// Lua 5.1 defines math.huge as infinity; gopher-lua uses MaxFloat64.
	mth.RawSetString("huge", lua.LNumber(math.Inf(1)))
	g.RawSetString("math", newTableProxy(L, mth, nil, "math"))

	osmod := raw.RawGetString(lua.OsLibName).(*lua.LTable)
	osT := L.CreateTable(0, len(allowedOs))
	for _, name := range allowedOs {
		osT.RawSetString(name, osmod.RawGetString(name))
	}
	origTime := osmod.RawGetString("time").(*lua.LFunction).GFunction
	origDate := osmod.RawGetString("date").(*lua.LFunction).GFunction
	osT.RawSetString("time", L.NewFunction(func(L *lua.LState) int {
		if L.GetTop() == 0 || L.Get(1) == lua.LNil {
			L.Push(number(float64(st.env.Now.Unix())))
			return 1
		}
		return origTime(L)
	}))
	osT.RawSetString("date", L.NewFunction(func(L *lua.LState) int {
		// A directive expands to at most a few dozen bytes ("%c" to 24):
		// a long run of them multiplies the format's length, so the worst
		// case is what is checked and charged.
		if f, ok := L.Get(1).(lua.LString); ok {
			worst := len(f) * maxDateExpansion
			checkLen(L, worst)
			st.charge(L, worst)
		}
		switch L.GetTop() {
		case 0:
			L.Push(lua.LString("%c"))
			fallthrough
		case 1:
			L.Push(lua.LNumber(st.env.Now.Unix()))
		}
		return origDate(L)
	}))
	g.RawSetString("os", newTableProxy(L, osT, nil, "os"))

	g.RawSetString("events", newTableProxy(L, st.eventsModule(), nil, "events"))
	g.RawSetString("dates", newTableProxy(L, st.datesModule(), nil, "dates"))
	g.RawSetString("text", newTableProxy(L, st.textModule(), nil, "text"))

	st.buildBindings(g)

	// Nothing may fall back to gopher-lua's full global table or its loaded
	// modules: the state's globals become the sandbox table itself.
	L.G.Global = g
	L.Env = g
	L.G.Registry.RawSetString("_LOADED", lua.LNil)
	st.g = g
}

// sortWatchFrom is the length from which table.sort without a comparator
// gets one that reads the clock (below it a sort takes microseconds).
const sortWatchFrom = 1000

// lessWatched is table.sort's default order (Lua's <, metamethods
// included) that also stops the sort at the evaluation's deadline.
func (st *state) lessWatched(L *lua.LState) int {
	st.sortSteps++
	if st.sortSteps%4096 == 0 && st.dl.poll() {
		L.RaiseError("%s", st.dl.stopCause().Error())
	}
	L.Push(lua.LBool(L.LessThan(L.Get(1), L.Get(2))))
	return 1
}

// maxDateExpansion is the most bytes os.date writes per byte of its format
// ("%c", two bytes, becomes "Sun Dec  6 17:07:14 2026").
const maxDateExpansion = 16

// tableConcat is table.concat(t [, sep [, i [, j]]]) as in Lua 5.1, with
// the result's length worked out before anything is copied: the separator
// counts too (a 1 MiB separator between a thousand items is a gigabyte),
// and the clock is read as it goes, so a huge list ends at the deadline.
func (st *state) tableConcat(L *lua.LState) int {
	t := plainArg(L, 1, "table.concat")
	sep := L.OptString(2, "")
	i := L.OptInt(3, 1)
	j := t.Len()
	if L.GetTop() >= 4 && L.Get(4) != lua.LNil {
		j = L.CheckInt(4)
	}
	total := 0
	parts := make([]string, 0, min(max(j-i+1, 0), 1024))
	for k := i; k <= j; k++ {
		var s string
		switch v := t.RawGetInt(k).(type) {
		case lua.LString:
			s = string(v)
		case lua.LNumber:
			s = formatNumber(float64(v))
		default:
			L.RaiseError("invalid value (%s) at index %d in table for 'concat'", v.Type().String(), k)
		}
		total += len(s)
		if k < j {
			total += len(sep)
		}
		checkLen(L, total)
		if len(parts)%1024 == 1023 {
			st.charge(L, 1024*costBox)
			if st.dl.poll() {
				L.RaiseError("%s", st.dl.stopCause().Error())
			}
		}
		parts = append(parts, s)
	}
	st.charge(L, total)
	L.Push(lua.LString(strings.Join(parts, sep)))
	return 1
}

// plainArg replaces a view argument by a plain copy, so library functions
// that read tables raw see its contents.
func plainArg(L *lua.LState, n int, fname string) *lua.LTable {
	lv := L.Get(n)
	if v, ok := viewOf(lv); ok {
		t := v.copyTable(L)
		L.Replace(n, t)
		return t
	}
	if t, ok := lv.(*lua.LTable); ok {
		return t
	}
	L.ArgError(n, "table expected, got "+lv.Type().String())
	return nil
}

// toString is tostring with Lua 5.1's number format (%.14g); gopher-lua
// prints numbers with Go's shortest representation (1e15 as
// 1000000000000000, 1/3 with 16 digits), which would surprise anyone testing
// a script against the reference interpreter.
func (st *state) toString(lv lua.LValue) string {
	if n, ok := lv.(lua.LNumber); ok {
		return formatNumber(float64(n))
	}
	return st.L.ToStringMeta(lv).String()
}

// formatNumber formats like Lua 5.1's LUA_NUMBER_FMT, "%.14g".
func formatNumber(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e14 && !(f == 0 && math.Signbit(f)) {
		return strconv.FormatInt(int64(f), 10) // the common case, without float formatting
	}
	return strconv.FormatFloat(f, 'g', 14, 64)
}

// print captures output for Output.Printed, capped in lines and line length
// so a chatty loop cannot fill memory.
func (st *state) print(L *lua.LState) int {
	if len(st.printed) > MaxPrintLines {
		return 0
	}
	if len(st.printed) == MaxPrintLines {
		st.printed = append(st.printed, "… (output truncated)")
		return 0
	}
	var b strings.Builder
	top := L.GetTop()
	for i := 1; i <= top; i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		// Only what can be shown is copied: printing an 8 MiB string costs
		// a line, not 8 MiB.
		b.WriteString(truncateUTF8(st.toString(L.Get(i)), MaxPrintLineSize+1))
		if b.Len() > MaxPrintLineSize {
			break
		}
	}
	line := b.String()
	if len(line) > MaxPrintLineSize {
		line = truncateUTF8(line, MaxPrintLineSize) + "…"
	}
	st.printed = append(st.printed, line)
	return 0
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// toNumber is tonumber as in Lua 5.1's lbaselib.c. gopher-lua's version
// rejects exponents without a dot ("1e3"), which its own arithmetic accepts.
func toNumber(L *lua.LState) int {
	base := L.OptInt(2, 10)
	if base == 10 {
		switch v := L.CheckAny(1).(type) {
		case lua.LNumber:
			L.Push(v)
			return 1
		case lua.LString:
			if f, ok := str2number(string(v)); ok {
				L.Push(lua.LNumber(f))
				return 1
			}
		}
		L.Push(lua.LNil)
		return 1
	}
	s := strings.TrimLeft(L.CheckString(1), " \t\n\v\f\r")
	if base < 2 || base > 36 {
		L.ArgError(2, "base out of range")
	}
	end := 0
	for end < len(s) && digitValue(s[end]) < base {
		end++
	}
	if end == 0 || strings.TrimRight(s[end:], " \t\n\v\f\r") != "" {
		L.Push(lua.LNil)
		return 1
	}
	n, err := strconv.ParseUint(s[:end], base, 64)
	if err != nil {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(n))
	return 1
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// str2number is luaO_str2d: a decimal number as strtod reads it, or a hex
// integer, with surrounding spaces.
func str2number(s string) (float64, bool) {
	t := strings.Trim(s, " \t\n\v\f\r")
	if t == "" || strings.ContainsRune(t, '_') {
		return 0, false
	}
	body, neg := t, false
	if body[0] == '-' || body[0] == '+' {
		neg, body = body[0] == '-', body[1:]
	}
	if len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		n, err := strconv.ParseUint(body[2:], 16, 64)
		if err != nil {
			return 0, false
		}
		if neg {
			return -float64(n), true
		}
		return float64(n), true
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	return f, true
}
