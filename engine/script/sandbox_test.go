package script

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
)

// healthy is run after every escape attempt on the same single state: the
// sandbox must still work, and see none of what the attempt tried to leave
// behind.
const healthy = `
assert(string.upper("ok") == "OK", "string.upper was changed")
assert(text.lower("OK") == "ok", "text.lower was changed")
assert(contact.fields.plan == "pro", "contact.fields was changed")
assert(contact.score == 10, "contact.score was changed")
assert(leak == nil, "a global leaked from the previous evaluation")
assert(getmetatable("").__index == nil, "the string metatable is reachable")
assert(("abc"):upper() == "ABC", "string methods were changed")
assert(os.time() == now, "os.time was changed")
assert(math.floor(1.5) == 1, "math.floor was changed")
assert(#contact.tags == 1 and contact.tags[1] == "trial", "contact.tags was changed")
assert(type(pairs) == "function" and type(setmetatable) == "function", "base functions were changed")
local n = 0
for _ in pairs(contact.fields) do n = n + 1 end
assert(n == 1, "contact.fields gained keys")
return true
`

func sandboxEnv() Env {
	return Env{
		Contact: Contact{ID: 1, Email: "ada@example.com", Score: 10, Fields: map[string]any{"plan": "pro"}, Tags: []string{"trial"}},
		Now:     time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
	}
}

// TestSandboxEscapes tries what a curious or hostile script would try. Each
// attempt must fail with a clear error (asserted by kind and message), and
// the state must be unharmed for the next evaluation.
func TestSandboxEscapes(t *testing.T) {
	cases := []struct {
		name, src string
		kinds     []string // acceptable kinds
		msg       string   // substring of the message
	}{
		{"os.execute", `os.execute("touch /tmp/pwned")`, []string{KindRuntime}, "`os.execute` is not available"},
		{"os.exit", `os.exit(1)`, []string{KindRuntime}, "`os.exit` is not available"},
		{"os.getenv", `return os.getenv("HOME")`, []string{KindRuntime}, "`os.getenv` is not available"},
		{"io.open", `local f = io.open("/etc/passwd") return f:read("*a")`, []string{KindRuntime}, "`io` is not available"},
		{"io.popen", `io.popen("id")`, []string{KindRuntime}, "`io` is not available"},
		{"require", `local os2 = require("os") return os2.execute("id")`, []string{KindRuntime}, "`require` is not available"},
		{"package.loadlib", `package.loadlib("libc.so.6", "system")`, []string{KindRuntime}, "`package` is not available"},
		{"loadstring source", `local f = loadstring("return os") return f()`, []string{KindRuntime}, "`loadstring` is not available"},
		{"load with a reader", `local f = load(function() return nil end) return f()`, []string{KindRuntime}, "`load` is not available"},
		{"load bytecode from string.dump", `local f = loadstring(string.dump(function() return 1 end))`, []string{KindRuntime}, "not available"},
		{"string.dump", `return string.dump(print)`, []string{KindRuntime}, "`string.dump` is not available"},
		{"dofile", `dofile("/etc/passwd")`, []string{KindRuntime}, "`dofile` is not available"},
		{"debug.getregistry", `local r = debug.getregistry() return r`, []string{KindRuntime}, "`debug` is not available"},
		{"debug.setmetatable", `debug.setmetatable(1, {__index = function() return 1 end})`, []string{KindRuntime}, "`debug` is not available"},
		{"getfenv", `local g = getfenv(0) g.leak = true`, []string{KindRuntime}, "`getfenv` is not available"},
		{"setfenv", `setfenv(1, {})`, []string{KindRuntime}, "`setfenv` is not available"},
		{"_G", `_G.leak = "yes"`, []string{KindRuntime}, "`_G` is not available"},
		{"rawset on contact", `rawset(contact.fields, "plan", "free")`, []string{KindRuntime}, "`rawset` is not available"},
		{"collectgarbage", `collectgarbage("stop")`, []string{KindRuntime}, "`collectgarbage` is not available"},
		{"newproxy", `local u = newproxy(true)`, []string{KindRuntime}, "`newproxy` is not available"},
		{"coroutine", `local co = coroutine.create(function() end)`, []string{KindRuntime}, "`coroutine` is not available"},
		{"write contact.fields", `contact.fields.plan = "free" return true`, []string{KindRuntime}, "contact.fields is read-only"},
		{"add a field", `contact.fields.hacked = true return true`, []string{KindRuntime}, "contact.fields is read-only"},
		{"write contact", `contact.score = 1000 return true`, []string{KindRuntime}, "contact is read-only"},
		{"table.insert into tags", `table.insert(contact.tags, "vip") return true`, []string{KindRuntime}, "table.insert: the table is read-only"},
		{"table.sort of tags", `table.sort(contact.tags) return true`, []string{KindRuntime}, "read-only"},
		{"replace a library function", `string.upper = function() return "pwned" end`, []string{KindRuntime}, "string is read-only"},
		{"replace a helper", `text.lower = nil`, []string{KindRuntime}, "text is read-only"},
		{"getmetatable(contact).__index", `getmetatable(contact).__index = {score = 1}`, []string{KindRuntime}, "attempt to index"},
		{"setmetatable on contact", `setmetatable(contact, {})`, []string{KindRuntime}, "cannot change a protected metatable"},
		{"setmetatable on a module", `setmetatable(string, {__index = function() return print end})`, []string{KindRuntime}, "cannot change a protected metatable"},
		{"string metatable", `getmetatable("").__index.upper = function() return "pwned" end`, []string{KindRuntime}, "attempt to index"},
		{"metatable of numbers", `setmetatable(0, {__index = function() return "leak" end})`, []string{KindRuntime}, "table expected, got number"},
		{"metatable of functions", `setmetatable(print, {__call = 1})`, []string{KindRuntime}, "table expected, got function"},
		{"string.rep bomb", `local s = ("x"):rep(2^30) return #s > 0`, []string{KindRuntime}, "`:rep` is not available"},
		{"format width bomb", `return string.format("%999999999d", 1)`, []string{KindRuntime}, "invalid format"},
		{"error object with a looping __tostring", `error(setmetatable({}, {__tostring = function() while true do end end}))`, []string{KindRuntime}, "error object is a table value"},
		{"deep recursion", `local function f(n) return f(n + 1) + 1 end return f(1)`, []string{KindLimit}, "call stack overflow"},
		{"mutual recursion through pcall", `local function f() return pcall(f) end f() local function g() return g() + 1 end return g()`, []string{KindLimit}, "call stack overflow"},
		{"huge unpack", `local t = {} for i = 1, 70000 do t[i] = i end return select("#", unpack(t))`, []string{KindLimit}, "value stack overflow"},
	}
	e := New(Options{PoolSize: 1, Timeout: testTimeout}) // generous: CI machines stall
	env := sandboxEnv()
	ok, err := e.Compile("healthy", healthy)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := e.Compile(c.name, c.src)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			res, _, err := e.Condition(ctx, s, env)
			se, isScriptErr := AsError(err)
			switch {
			case err == nil:
				t.Fatalf("escape attempt succeeded and returned %v", res)
			case !isScriptErr:
				t.Fatalf("error is not a *script.Error: %v", err)
			case !contains(c.kinds, se.Kind):
				t.Errorf("kind %q, want one of %v: %v", se.Kind, c.kinds, err)
			case !strings.Contains(se.Message, c.msg):
				t.Errorf("message %q does not say %q", se.Message, c.msg)
			case se.Script != c.name:
				t.Errorf("error names script %q, want %q", se.Script, c.name)
			}
			if got, _, err := e.Condition(ctx, ok, env); err != nil || !got {
				t.Fatalf("state damaged after %q: %v", c.name, err)
			}
		})
	}
	if n := e.Stats().StatesCreated; n != 1 {
		t.Errorf("%d states created for a pool of 1 (a state was discarded?)", n)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestForbiddenGlobalsAreNil checks the allowlist from inside Lua.
func TestForbiddenGlobalsAreNil(t *testing.T) {
	src := `
local present = {}
local env = {io = io, debug = debug, package = package, require = require, module = module, load = load,
  loadstring = loadstring, loadfile = loadfile, dofile = dofile, collectgarbage = collectgarbage,
  setfenv = setfenv, getfenv = getfenv, rawget = rawget, rawset = rawset, newproxy = newproxy,
  coroutine = coroutine, _G = _G, gcinfo = gcinfo, channel = channel,
  ["os.execute"] = os.execute, ["os.exit"] = os.exit, ["os.getenv"] = os.getenv, ["os.remove"] = os.remove,
  ["os.rename"] = os.rename, ["os.tmpname"] = os.tmpname, ["os.setenv"] = os.setenv,
  ["string.rep"] = string.rep, ["string.dump"] = string.dump, ["string.gfind"] = string.gfind,
  ["math.randomseed"] = math.randomseed}
for name, v in pairs(env) do present[#present + 1] = name end
table.sort(present)
print(table.concat(present, ","))
return #present == 0`
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s, err := e.Compile("forbidden", src)
	if err != nil {
		t.Fatal(err)
	}
	got, out, err := e.Condition(context.Background(), s, sandboxEnv())
	if err != nil || !got {
		t.Fatalf("forbidden names are reachable: %v %v", out.Printed, err)
	}
	// And the allowed ones are there.
	s, _ = e.Compile("allowed", `
for _, f in ipairs({assert, error, ipairs, next, pairs, pcall, print, select, tonumber, tostring, type, unpack,
  xpcall, getmetatable, setmetatable, rawequal, string.format, string.gsub, table.sort, table.concat,
  math.floor, math.random, os.time, os.date, os.clock, events.count, events.last, events.exists,
  dates.parse, dates.days_between, dates.hour_in, dates.weekday_in, text.lower, text.trim,
  text.starts_with, text.contains, text.email_domain, text.is_free_mail}) do
  assert(type(f) == "function")
end
return _VERSION == "Lua 5.1"`)
	if got, _, err := e.Condition(context.Background(), s, sandboxEnv()); err != nil || !got {
		t.Fatalf("an allowed name is missing: %v", err)
	}
}

// TestNoLeakBetweenEvaluations writes everywhere a script can write, then
// checks a second evaluation on the same state sees none of it.
func TestNoLeakBetweenEvaluations(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	writer, _ := e.Compile("writer", `
leak = "yes"
function helper() return "leaked" end
local ok = pcall(function() contact.fields.plan = "free" end)
pcall(function() string.upper = nil end)
pcall(function() table.insert(contact.tags, "vip") end)
pcall(setmetatable, 0, {__index = function() return "leak" end})
return true`)
	reader, _ := e.Compile("reader", healthy)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, _, err := e.Condition(ctx, writer, sandboxEnv()); err != nil {
			t.Fatal(err)
		}
		if got, _, err := e.Condition(ctx, reader, sandboxEnv()); err != nil || !got {
			t.Fatalf("round %d: %v", i, err)
		}
	}
	// A script that assigns globals sees its own writes within a call.
	s, _ := e.Compile("globals", `count = (count or 0) + 1 return count == 1`)
	for i := 0; i < 3; i++ {
		if got, _, err := e.Condition(ctx, s, sandboxEnv()); err != nil || !got {
			t.Fatalf("round %d: a global survived the evaluation (%v)", i, err)
		}
	}
}

// runaway runs src under a short budget and checks it ends with a timeout
// well within 10 s. Slack is generous: this is about "it ends", not about
// scheduler precision on a loaded CI machine (2 cores running every
// package's tests at once).
func runaway(t *testing.T, name, src string) {
	t.Helper()
	const budget = 100 * time.Millisecond
	e := New(Options{PoolSize: 1, Timeout: budget})
	s, err := e.Compile(name, src)
	if err != nil {
		t.Fatal(err)
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, _, err = e.Condition(context.Background(), s, sandboxEnv())
	elapsed := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	se, ok := AsError(err)
	if !ok || se.Kind != KindTimeout {
		t.Fatalf("want a timeout, got %v", err)
	}
	if !strings.Contains(se.Error(), "deadline") || se.Line == 0 {
		t.Errorf("timeout error should say deadline and give the line: %v", se)
	}
	if elapsed > 10*time.Second {
		t.Errorf("took %v to stop, budget %v", elapsed, budget)
	}
	t.Logf("stopped after %v (budget %v), allocated %d MiB meanwhile", elapsed, budget, (after.TotalAlloc-before.TotalAlloc)>>20)
	// The state is reusable after a timeout.
	okScript, _ := e.Compile("ok", `return true`)
	if got, _, err := e.Condition(context.Background(), okScript, sandboxEnv()); err != nil || !got {
		t.Fatalf("state unusable after a timeout: %v", err)
	}
}

func TestInfiniteLoopStops(t *testing.T) {
	runaway(t, "loop", "local n = 0\nwhile true do\n  n = n + 1\nend")
}

func TestInfiniteLoopInsidePcallStops(t *testing.T) {
	runaway(t, "pcall-loop", `while true do pcall(function() while true do end end) end`)
}

// String bombs end with a "limit" error once a string passes MaxStringLen,
// long before the deadline and before memory runs away.
func TestStringBombsStop(t *testing.T) {
	for name, src := range map[string]string{
		"concat local":  `local s = "x" while true do s = s .. s end`,
		"concat global": `s = "x" while true do s = s .. s end`,
		"table field":   `local t = {s = "x"} while true do t.s = t.s .. t.s end`,
		"upvalue":       `local s = "x" local function grow() s = s .. s .. s end while true do grow() end`,
		"gsub":          `local s = "xy" while true do s = s:gsub(".", "%0%0") end`,
		"table.concat":  `local t = {"x"} while true do t[#t + 1] = table.concat(t) end`,
	} {
		t.Run(name, func(t *testing.T) {
			const budget = testTimeout // generous: CI machines stall
			e := New(Options{PoolSize: 1, Timeout: budget})
			s, err := e.Compile("bomb", src)
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, _, err = e.Condition(context.Background(), s, sandboxEnv())
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			se, ok := AsError(err)
			// gsub builds its result inside one Go call: on a slow machine
			// (or under -race) the deadline may stop it before the size
			// check does. Either way it stops, with memory bounded.
			limited := ok && se.Kind == KindLimit && strings.Contains(se.Message, "string too long")
			timedOut := ok && se.Kind == KindTimeout && name == "gsub"
			if !limited && !timedOut {
				t.Fatalf("want a string-size limit error, got %v", err)
			}
			allocated := (after.TotalAlloc - before.TotalAlloc) >> 20
			t.Logf("stopped after %v, %d MiB allocated: %v", elapsed, allocated, se)
			if allocated > 256 {
				t.Errorf("allocated %d MiB before stopping", allocated)
			}
		})
	}
}

func TestTableBombStops(t *testing.T) {
	runaway(t, "table-bomb", `local t, i = {}, 0 while true do i = i + 1 t[i] = {i} end`)
}

func TestEndlessComparatorStops(t *testing.T) {
	runaway(t, "sort-loop", `local t = {3, 1, 2} table.sort(t, function(a, b) while true do end end)`)
}

// A backtracking pattern runs inside one Go call: the matcher itself must
// watch the deadline, or the VM never gets to.
func TestPatternBacktrackingStops(t *testing.T) {
	runaway(t, "redos", `local t = {} for i = 1, 500 do t[i] = "0" end
local s = table.concat(t)
return string.find(s, "(.-)(.-)(.-)(.-)x") ~= nil`)
}

func TestPatternTooComplex(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	// Build a pattern with 300 optional items: each adds a level of recursion.
	s, err := e.Compile("deep-pattern", `local p, a = {}, {} for i = 1, 300 do p[i] = "a?" a[i] = "a" end
return string.find(table.concat(a), table.concat(p)) ~= nil`)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = e.Condition(context.Background(), s, sandboxEnv())
	if se, ok := AsError(err); !ok || se.Kind != KindLimit || !strings.Contains(se.Message, "pattern too complex") {
		t.Fatalf("want a limit error for a 300-item pattern, got %v", err)
	}
}
