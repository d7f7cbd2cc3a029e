package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"sort"
	"sync"
	"time"

	"flightplan/engine/script"
)

// A script that keeps running out of time or memory is switched off.
//
// Each such failure fails its step with the reason (the sandbox stops the
// script within its deadline and memory budget, so the app survives it).
// But a rule that fails this way on every contact would fail every step it
// guards, and burn its full budget each time; after SwitchOffAfter limit
// failures in a row (or TimeoutsBeforeSwitchOff timeouts) it is switched off: its steps then fail at once with a message
// that says so and how to switch it back on (save it again, or the button in
// Scripts). The switched-off scripts are kept in the workspace's settings,
// so the notice survives a restart, and the app always opens: nothing runs
// a script at start-up before the window is up.

// SwitchOffAfter is how many failures in a row on a sandbox limit (memory,
// string length, stacks) switch a script off.
const SwitchOffAfter = 5

// TimeoutsBeforeSwitchOff is how many timeouts in a row switch a script off.
// More are needed than for limits: a deadline can also pass because the
// machine or the workspace is slow for a while (a big import), and a
// working rule must not be switched off for that.
const TimeoutsBeforeSwitchOff = 20

// switchOffWeight is the streak weight that switches a script off: a limit
// failure weighs TimeoutsBeforeSwitchOff/SwitchOffAfter, a timeout 1.
const switchOffWeight = TimeoutsBeforeSwitchOff

// switchOffSetting is the settings key holding the switched-off scripts, a
// JSON object by script name.
const switchOffSetting = "scripts.switched_off"

// ScriptSwitchOff says why and when a script was switched off.
type ScriptSwitchOff struct {
	// Reason is the last failure's message, as the step showed it.
	Reason string `json:"reason"`
	// Failures is how many failures in a row switched it off.
	Failures int       `json:"failures"`
	At       time.Time `json:"at"`
}

// scriptGuard counts each script's failures and remembers the switched-off
// ones. It is safe for concurrent use.
type scriptGuard struct {
	mu     sync.Mutex
	loaded bool
	off    map[string]ScriptSwitchOff
	streak map[string]streak

	saving sync.Mutex // serializes writes of the setting
}

// load reads the switched-off scripts once, from the reader pool (scripts
// run inside the runner's write transaction, which holds the writer).
func (l *Lua) loadGuard() {
	g := &l.guard
	if g.loaded {
		return
	}
	g.loaded = true
	g.off = map[string]ScriptSwitchOff{}
	g.streak = map[string]streak{}
	raw, err := l.st.Setting(switchOffSetting)
	if err != nil || raw == "" {
		return
	}
	if err := json.Unmarshal([]byte(raw), &g.off); err != nil {
		log.Printf("scripts: ignoring unreadable setting %s: %v", switchOffSetting, err)
		g.off = map[string]ScriptSwitchOff{}
	}
}

// switchedOffError is a switched-off script's step failure.
func switchedOffError(name string, off ScriptSwitchOff) error {
	return fmt.Errorf("script %q is switched off: it failed %d times in a row (last: %s). Fix it and save it, or switch it back on, in Scripts",
		name, off.Failures, off.Reason)
}

// check returns the error for a switched-off script, or nil.
func (l *Lua) checkSwitchedOff(name string) error {
	g := &l.guard
	g.mu.Lock()
	defer g.mu.Unlock()
	l.loadGuard()
	if off, ok := g.off[name]; ok {
		return switchedOffError(name, off)
	}
	return nil
}

// streak is a script's failures in a row: how many, and their weight.
type streak struct{ failures, weight int }

// record counts an evaluation's outcome. Failures that count are the
// sandbox's limits and deadlines (not a caller that gave up, nor a script
// error that depends on the contact's data); a success starts over.
func (l *Lua) record(name string, err error, now time.Time) {
	weight := 0
	if se, ok := script.AsError(err); ok && !errors.Is(err, context.Canceled) {
		switch se.Kind {
		case script.KindLimit:
			weight = switchOffWeight / SwitchOffAfter
		case script.KindTimeout:
			weight = switchOffWeight / TimeoutsBeforeSwitchOff
		}
	}
	g := &l.guard
	g.mu.Lock()
	l.loadGuard()
	if weight == 0 {
		if err == nil {
			delete(g.streak, name)
		}
		g.mu.Unlock()
		return
	}
	s := g.streak[name]
	s.failures++
	s.weight += weight
	g.streak[name] = s
	n := s.failures
	if s.weight < switchOffWeight {
		g.mu.Unlock()
		return
	}
	delete(g.streak, name)
	if now.IsZero() {
		now = time.Now()
	}
	g.off[name] = ScriptSwitchOff{Reason: err.Error(), Failures: n, At: now.UTC()}
	g.mu.Unlock()
	log.Printf("scripts: %s switched off after %d failures in a row: %v", name, n, err)
	// Written from another goroutine: this one may be inside the runner's
	// write transaction, which holds the only writer connection.
	go func() {
		if err := l.saveGuard(); err != nil {
			log.Printf("scripts: could not save that %s is switched off: %v", name, err)
		}
	}()
}

// saveGuard writes the current switched-off set to the settings.
func (l *Lua) saveGuard() error {
	g := &l.guard
	g.saving.Lock()
	defer g.saving.Unlock()
	g.mu.Lock()
	raw, err := json.Marshal(g.off)
	g.mu.Unlock()
	if err != nil {
		return err
	}
	return l.st.SetSetting(switchOffSetting, string(raw))
}

// SwitchedOff returns the switched-off scripts by name.
func (l *Lua) SwitchedOff() map[string]ScriptSwitchOff {
	g := &l.guard
	g.mu.Lock()
	defer g.mu.Unlock()
	l.loadGuard()
	out := make(map[string]ScriptSwitchOff, len(g.off))
	for k, v := range g.off {
		out[k] = v
	}
	return out
}

// SwitchedOffNames lists the switched-off scripts, sorted.
func (l *Lua) SwitchedOffNames() []string {
	m := l.SwitchedOff()
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// SwitchOn switches a script back on (the user fixed it, or wants another
// try): its failures are counted from zero again.
func (l *Lua) SwitchOn(name string) error {
	g := &l.guard
	g.mu.Lock()
	l.loadGuard()
	_, was := g.off[name]
	delete(g.off, name)
	delete(g.streak, name)
	g.mu.Unlock()
	if !was {
		return nil
	}
	return l.saveGuard()
}
