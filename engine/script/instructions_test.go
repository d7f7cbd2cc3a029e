package script

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/scripts"
)

// libraryCeiling is what every case of the shipped library must stay under,
// in Lua instructions: the simulator's budget (sim.Instructions, 600,000)
// is sixty times more, so a normal rule never nears it.
const libraryCeiling = 10_000

// TestLibraryRulesStayFarBelowTheInstructionBudget counts the instructions
// every fixture case of the shipped library runs.
func TestLibraryRulesStayFarBelowTheInstructionBudget(t *testing.T) {
	lib, err := scripts.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := New(Options{Timeout: testTimeout, PoolSize: 1})
	var most uint64
	var mostName string
	for _, ls := range lib {
		s, err := e.Compile(ls.Name, ls.Source)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(libraryDir, ls.Name+"_test.json"))
		if err != nil {
			t.Fatal(err)
		}
		var ff fixtureFile
		if err := json.Unmarshal(b, &ff); err != nil {
			t.Fatalf("%s_test.json: %v", ls.Name, err)
		}
		for _, c := range ff.Cases {
			if _, _, _, err := outcome(e, s, ls.Kind, c.env(t, ff.Now)); err != nil {
				t.Fatalf("%s: %s: %v", ls.Name, c.Name, err)
			}
			st := e.idle.Load() // the pool's only state, just released
			if st == nil {
				t.Fatal("the pool's state is not in its slot")
			}
			if n := st.dl.ticks; n > most {
				most, mostName = n, ls.Name+": "+c.Name
			}
		}
	}
	t.Logf("the library's costliest case runs %d instructions (%s)", most, mostName)
	if most == 0 || most > libraryCeiling {
		t.Fatalf("the library's costliest case runs %d instructions (%s), want between 1 and %d", most, mostName, libraryCeiling)
	}
}

// TestInstructionBudgetIsDeterministic runs a runaway loop under an
// instruction budget on a machine made slow (every look at the clock
// sleeps): the count decides, so the error is the same, at the same line,
// as on an idle machine, and with the same count of instructions; the
// wall-clock timeout, far above, never fires.
func TestInstructionBudgetIsDeterministic(t *testing.T) {
	const src = "local n = 0\nwhile true do\n  n = n + 1\n  if n % 7 == 0 then n = n + 2 end\nend\n"
	run := func(slow bool) (*Error, uint64) {
		t.Helper()
		e := New(Options{Instructions: 50_000, Timeout: 5 * time.Second, PoolSize: 1})
		s, err := e.Compile("runaway", src)
		if err != nil {
			t.Fatal(err)
		}
		if slow {
			testSlowCheck = func() { time.Sleep(50 * time.Microsecond) }
			defer func() { testSlowCheck = nil }()
		}
		_, _, err = e.Condition(context.Background(), s, Env{})
		se, ok := AsError(err)
		if !ok {
			t.Fatalf("slow=%v: got %v, want a script error", slow, err)
		}
		return se, e.idle.Load().dl.ticks
	}
	fast, fastTicks := run(false)
	slow, slowTicks := run(true)
	if fast.Kind != KindTimeout || fast.Line == 0 || !strings.Contains(fast.Message, "ran too long") ||
		!strings.Contains(fast.Message, "50176 Lua instructions") {
		t.Fatalf("got %v (kind %q, line %d), want a timeout that names its line and the instruction budget", fast, fast.Kind, fast.Line)
	}
	if !errors.Is(fast, context.DeadlineExceeded) {
		t.Errorf("%v does not unwrap to context.DeadlineExceeded as a wall-clock timeout does", fast)
	}
	if *fast != *slow || fastTicks != slowTicks {
		t.Fatalf("idle machine: %v after %d instructions; slow machine: %v after %d", fast, fastTicks, slow, slowTicks)
	}
}
