package script

import (
	"context"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// The VM's allocating instructions are charged: a loop making small tables
// spends a small budget long before its deadline, pcall cannot catch it,
// and the next evaluation on the same state starts with a fresh budget.
func TestMemoryBudgetChargesTheVM(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: 10 * time.Second, MemoryBudget: 1 << 20})
	for name, src := range map[string]string{
		"tables":        `local keep = {} for i = 1, 1e7 do keep[i % 10] = {} end return true`,
		"closures":      `for i = 1, 1e7 do local f = function() return i end end return true`,
		"concatenation": `local s for i = 1, 1e7 do s = "item " .. i end return true`,
		"inside pcall":  `for i = 1, 1e7 do pcall(function() local t = {i} end) end return true`,
	} {
		s := mustCompile(t, e, name, src)
		_, _, err := e.Condition(context.Background(), s, sandboxEnv())
		se, ok := AsError(err)
		if !ok || se.Kind != KindLimit || !strings.Contains(se.Message, "allocated more than 1 MiB") {
			t.Errorf("%s: want a memory limit error, got %v", name, err)
		}
	}
	ok := mustCompile(t, e, "ok", `local t = {} for i = 1, 100 do t[i] = "x" .. i end return #table.concat(t, ",") > 0`)
	for i := 0; i < 3; i++ {
		if v, _, err := e.Condition(context.Background(), ok, sandboxEnv()); err != nil || !v {
			t.Fatalf("a small script after a spent budget: %v %v", v, err)
		}
	}
}

// Library functions charge what they build.
func TestMemoryBudgetChargesLibraries(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: 10 * time.Second, MemoryBudget: 4 << 20})
	env := sandboxEnv()
	env.Params = map[string]any{"s": strings.Repeat("ab,", 100<<10)} // 300 KiB
	for name, src := range map[string]string{
		"upper":        `for i = 1, 100 do local u = string.upper(params.s) end return true`,
		"format":       `for i = 1, 100 do local u = string.format("%s!", params.s) end return true`,
		"gsub":         `for i = 1, 100 do local u = params.s:gsub("a", "b") end return true`,
		"table.concat": `local t = {params.s, params.s} for i = 1, 100 do local u = table.concat(t) end return true`,
		"text.split":   `for i = 1, 100 do local u = text.split(params.s) end return true`,
		"text.lower":   `for i = 1, 100 do local u = text.lower(params.s .. i) end return true`,
	} {
		s := mustCompile(t, e, name, src)
		_, _, err := e.Condition(context.Background(), s, env)
		if se, ok := AsError(err); !ok || se.Kind != KindLimit || !strings.Contains(se.Message, "memory budget exceeded") {
			t.Errorf("%s: want a memory limit error, got %v", name, err)
		}
	}
}

// Error messages carry no megabytes into the journal.
func TestHugeErrorMessagesAreCut(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	env := sandboxEnv()
	env.Params = map[string]any{"big": strings.Repeat("é", 1<<20)}
	for _, c := range []struct{ kind, src string }{
		{"condition", `error(params.big)`},
		{"action", `return {[params.big] = 1}`},
		{"score", `assert(false, params.big)`},
	} {
		s := mustCompile(t, e, "huge-"+c.kind, c.src)
		_, _, err := e.Run(context.Background(), c.kind, s, env)
		if err == nil || len(err.Error()) > maxErrorMessage+200 || !strings.Contains(err.Error(), "…") {
			t.Errorf("%s: error of %d bytes", c.src, len(err.Error()))
		}
	}
}

// A big table.sort without a comparator watches the deadline, and still
// sorts as Lua's < does.
func TestBigSortWatchesTheDeadline(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s := mustCompile(t, e, "sort", `local t = {} for i = 1, 5000 do t[i] = (i * 7919) % 5003 end
table.sort(t) for i = 2, #t do if t[i - 1] > t[i] then return false end end
local w = {} for i = 1, 3000 do w[i] = "k" .. ((i * 31) % 3001) end table.sort(w)
for i = 2, #w do if w[i - 1] > w[i] then return false end end
return pcall(table.sort, {1, "a", 2, 3, unpack(t)}) == false`)
	if ok, _, err := e.Condition(context.Background(), s, sandboxEnv()); err != nil || !ok {
		t.Fatalf("sorted: %v %v", ok, err)
	}
	// The watched comparator did the sorting, and it stops a sort once the
	// evaluation must stop (here: its deadline has passed).
	st, _ := e.acquire(context.Background())
	defer e.release(st)
	if st.sortSteps == 0 {
		t.Fatal("the big sorts did not use the watched comparator")
	}
	if err := st.dl.arm(context.Background(), monoNow()-time.Second, time.Millisecond); err != nil {
		t.Fatal(err)
	}
	st.sortSteps = 4095
	err := st.L.CallByParam(lua.P{Fn: st.watchedLess, NRet: 1, Protect: true}, lua.LNumber(1), lua.LNumber(2))
	if err == nil || !strings.Contains(err.Error(), "deadline") {
		t.Fatalf("want the comparator to stop at the deadline, got %v", err)
	}
}
