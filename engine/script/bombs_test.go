package script

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Memory bombs: scripts that used to end in Go's unrecoverable "out of
// memory", killing the app (issue #16). Each one runs in a child process
// (this test binary, re-executed) whose address space is capped, so a
// regression fails this test instead of killing the test run or the machine.

// big is a 4 MiB string handed to the script as a param (half
// MaxStringLen): a contact field or an event property can be that long, and
// the bomb then goes off in the script's first microseconds, before any
// guard that waits for a slow evaluation.
const big = `local big = params.big
`

// bombs maps a name to a kind of script and its source.
var bombs = map[string]struct{ kind, src string }{
	// string.format had no output limit: 200 "%s" of a 4 MiB string.
	"format": {"condition", big + `local f, args = {}, {}
for i = 1, 200 do f[i] = "%s" args[i] = big end
return #string.format(table.concat(f), unpack(args)) > 0`},
	// gsub checked its size only after each match was written: one match
	// of 4 MiB with a replacement of a thousand "%0".
	"gsub": {"condition", big + `local r = {} for i = 1, 1000 do r[i] = "%0" end
return #big:gsub(".+", table.concat(r)) > 0`},
	"gsub function": {"condition", big + `return #string.gsub(string.sub(big, 1, 1000), ".", function() return big end) > 0`},
	// A wide concatenation is one VM instruction: 150 operands of 4 MiB.
	"wide concat": {"condition", big + "return #(" + strings.TrimSuffix(strings.Repeat("big .. ", 150), " .. ") + ") > 0"},
	// An action's table converted after the deadline was disarmed: a table
	// that repeats itself is 8^15 tables once copied.
	"action result": {"action", `local t = {1}
for i = 1, 15 do local u = {} for j = 1, 8 do u[j] = t end t = u end
return {fields = {x = t}}`},
	// text.split of a million parts ran 636 ms in one Go call.
	"text.split": {"condition", `return #text.split(params.commas) > 0`},
	// table.concat counted the items but not the separator.
	"table.concat separator": {"condition", big + `local t = {} for i = 1, 1000 do t[i] = i end
return #table.concat(t, big) > 0`},
	// Growing a table without end.
	"table growth": {"condition", `local t = {} for i = 1, 1e9 do t[i] = {i} end return true`},
	// pcall must not swallow a spent budget and carry on.
	"pcall swallow": {"condition", big + `for i = 1, 1000 do pcall(function() local s = big .. big end) end
local t = {} for i = 1, 1e9 do pcall(function() t[i] = big .. i end) end return true`},
	// os.date expands every directive.
	"os.date": {"condition", `local f = "%c" for i = 1, 22 do f = f .. f end return #os.date(f) > 0`},
	// The doubling loop.
	"doubling": {"condition", `local s = "x" while true do s = s .. s end`},
}

// bombOutcome is what the child reports on stdout.
type bombOutcome struct {
	Kind    string
	Message string
	TookMS  int64
	PeakMiB int64
}

const bombEnv = "FLIGHTPLAN_LUA_BOMB"

// bombAddressSpace is the child's address-space cap above what it has
// mapped at start: far below what any of the bombs used to reach (1.4 GB
// and more), far above what a stopped bomb needs.
const bombAddressSpace = 1 << 30

// maxBombPeakMiB bounds the child's peak RSS: the test binary itself (18
// MiB), the 12 MiB of params, the 64 MiB budget and the garbage collector's
// slack; the bombs now peak at 18 to 70 MiB. Before the fix text.split
// peaked at 420 MiB, os.date at 396 MiB, the wide concatenation at 619 MiB,
// and the others died at the address-space cap.
const maxBombPeakMiB = 160

// TestBombsFailTheirStep runs every bomb in a capped child and checks that
// the child survives, the script fails with a "limit" or "timeout" error
// saying why, and peak memory stayed small.
func TestBombsFailTheirStep(t *testing.T) {
	if name := os.Getenv(bombEnv); name != "" {
		runBombChild(t, name)
		return
	}
	names := make([]string, 0, len(bombs))
	for name := range bombs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBombsFailTheirStep$", "-test.count=1")
			cmd.Env = append(os.Environ(), bombEnv+"="+name, "GOMAXPROCS=2")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var out bombOutcome
			line := ""
			for _, l := range strings.Split(stdout.String(), "\n") {
				if rest, ok := strings.CutPrefix(l, "BOMB "); ok {
					line = rest
				}
			}
			if err != nil || line == "" {
				t.Fatalf("the child died (%v): %s\n%s", err, tail(stdout.String()), tail(stderr.String()))
			}
			if err := json.Unmarshal([]byte(line), &out); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s error after %d ms, peak RSS %d MiB: %s", out.Kind, out.TookMS, out.PeakMiB, out.Message)
			if out.Kind != KindLimit && out.Kind != KindTimeout {
				t.Errorf("want a limit or timeout error, got %q: %s", out.Kind, out.Message)
			}
			if out.Message == "" {
				t.Error("no reason given")
			}
			if out.PeakMiB > maxBombPeakMiB {
				t.Errorf("peak RSS %d MiB", out.PeakMiB)
			}
		})
	}
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

// runBombChild is the child side: cap the address space, run the bomb with
// the default options, report.
func runBombChild(t *testing.T, name string) {
	b, ok := bombs[name]
	if !ok {
		t.Fatalf("no bomb %q", name)
	}
	var lim syscall.Rlimit
	lim.Cur = uint64(vmSize()) + bombAddressSpace
	lim.Max = lim.Cur
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		t.Fatalf("setrlimit: %v", err)
	}
	e := New(Options{PoolSize: 1})
	s, err := e.Compile(name, b.src)
	if err != nil {
		t.Fatal(err)
	}
	env := sandboxEnv()
	env.Params = map[string]any{
		"big":    strings.Repeat("x", 4<<20),
		"commas": strings.Repeat("a,", 4<<20),
	}
	start := time.Now()
	_, _, err = e.Run(context.Background(), b.kind, s, env)
	out := bombOutcome{TookMS: time.Since(start).Milliseconds()}
	if se, ok := AsError(err); ok {
		out.Kind, out.Message = se.Kind, se.Error()
	} else if err != nil {
		out.Message = err.Error()
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	out.PeakMiB = ru.Maxrss >> 10
	j, _ := json.Marshal(out)
	fmt.Printf("BOMB %s\n", j)
	runtime.KeepAlive(e)
}

// vmSize is the process's mapped address space in bytes, from
// /proc/self/status.
func vmSize() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmSize:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}
