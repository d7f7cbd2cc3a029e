package script

import (
	"context"
	"strings"
	"testing"
	"time"

	"flightplan/scripts"
)

// FuzzScript runs arbitrary Lua through the sandbox as a condition, a
// scoring rule or an action. Whatever the source, an evaluation must end
// (within the deadline) with a result or an *Error of a known kind that
// says something; never a panic, a hang, or memory running out. The seeds
// are the memory bombs of bombs_test.go, the shipped library and the corpus
// in testdata/fuzz/FuzzScript.
//
// The budget is smaller than the default so each input stays fast; a bomb
// that escapes it still crashes the fuzzing process, which is the failure
// this target looks for.
func FuzzScript(f *testing.F) {
	for _, b := range bombs {
		f.Add(b.src)
	}
	for _, s := range scripts.All() {
		f.Add(s.Source)
	}
	f.Add(typicalScore)
	f.Add(`return {tags_add = {"hot"}, fields = {plan = "pro", n = 3}, score = 5, stage = "MQL"}`)
	f.Add(`return events.count("page_visit", {within_days = 7, where = {path = "/pricing"}}) > 1`)
	f.Add(`return ("a,b, c"):gsub("%s*,%s*", ";") .. string.format("%5.2f|%-3s|%q", 1/3, "x", "y\n")`)

	e := New(Options{PoolSize: 1, Timeout: 5 * time.Millisecond, MemoryBudget: 8 << 20})
	env := sandboxEnv()
	env.Params = map[string]any{
		"big":    strings.Repeat("x", 1<<20),
		"commas": strings.Repeat("a,", 1<<18),
	}
	env.Events = SliceEvents{
		{Type: "page_visit", Time: env.Now.Add(-time.Hour), Props: map[string]any{"path": "/pricing"}},
		{Type: "purchase", Time: env.Now.Add(-48 * time.Hour), Props: map[string]any{"amount": 40.0}},
	}
	env.Event = &Event{Type: "page_visit", Time: env.Now, Props: map[string]any{"path": "/pricing", "tags": []any{"a", 1.0}}}
	kinds := []string{"condition", "score", "action"}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<14 {
			return // the editor's scripts are short; long inputs only slow the search
		}
		s, err := e.Compile("fuzz", src)
		if err != nil {
			if se, ok := AsError(err); !ok || se.Kind != KindCompile || se.Message == "" {
				t.Fatalf("compile failed without a compile error: %v", err)
			}
			return
		}
		kind := kinds[len(src)%len(kinds)]
		_, _, err = e.Run(context.Background(), kind, s, env)
		if err == nil {
			return
		}
		se, ok := AsError(err)
		if !ok {
			t.Fatalf("%s: not a script error: %v", kind, err)
		}
		switch se.Kind {
		case KindRuntime, KindTimeout, KindLimit, KindResult:
		default:
			t.Fatalf("%s: unexpected kind %q: %v", kind, se.Kind, err)
		}
		if strings.TrimSpace(se.Message) == "" || len(se.Message) > 2*maxErrorMessage {
			t.Fatalf("%s: error message of %d bytes: %q", kind, len(se.Message), truncateUTF8(se.Message, 200))
		}
	})
}
