// Package engine wires the workspace, the node catalogue, the runner and the
// delivery side into one value the app and the command line use. It never
// imports Wails. What the window's screens ask of a workspace is decided
// here, as Engine methods grouped by domain in their own files (funnels.go,
// references.go, contacts_service.go, scoring.go, emails.go, scripts.go,
// simulation.go, failure_report.go, live.go, preferences.go): the window's
// services in app/ only translate to and from them.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/delivery"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/store"
)

// Options configure an Engine.
type Options struct {
	// Workspace is the SQLite file; empty means DefaultWorkspace().
	Workspace string
	// Clock drives time; nil means the real clock.
	Clock clock.Clock
	// Lock, when set, takes the workspace's write lock for this engine and
	// names it in the message another engine gets ("window",
	// "flightplan run"). The window and every command that writes set it;
	// read-only commands and tests leave it empty.
	Lock string
	// Keyring keeps the workspace's secrets (relay password, intake token,
	// tracking key) in the system keyring when one is reachable. The window
	// and the command line set it; tests leave it off so they never write
	// into their user's keyring.
	Keyring bool
}

// Engine is one open workspace with everything that runs on it.
type Engine struct {
	Store    *store.Store
	Registry *nodes.Registry
	Clock    clock.Clock
	Runner   *runner.Runner
	Lua      *Lua
	// Delivery is set while Start runs the local servers.
	Delivery *delivery.Service

	lock *store.Lock
	opts Options
	poke chan struct{}
	stop func()
	seen seenEvents
	live liveState
	sims simulations
	// drafts keeps the other funnels parsed for validation (refs.go).
	drafts parsedDrafts
	wg     sync.WaitGroup
}

// New opens the workspace and builds the engine.
func New(opts Options) (*Engine, error) {
	path := opts.Workspace
	if path == "" {
		path = DefaultWorkspace()
	}
	reg, err := nodes.RegisterAll()
	if err != nil {
		return nil, fmt.Errorf("node catalogue: %w", err)
	}
	var lock *store.Lock
	if opts.Lock != "" {
		// Before the store opens: a second engine must not even migrate.
		if lock, err = store.LockWorkspace(path, opts.Lock); err != nil {
			return nil, err
		}
	}
	st, err := store.Open(path)
	if err != nil {
		lock.Release()
		return nil, err
	}
	if opts.Keyring {
		st.UseKeyring()
	}
	clk := opts.Clock
	if clk == nil {
		clk = clock.Real{}
	}
	e := &Engine{Store: st, Registry: reg, Clock: clk, poke: make(chan struct{}, 1), lock: lock, opts: opts}
	e.Lua = NewLua(st)
	e.Runner = runner.New(st, reg, runner.Options{Clock: clk, Scripts: e.Lua, Segments: segmentChecker(), Scoring: scoring})
	return e, nil
}

// StartOptions configure the live side of the engine.
type StartOptions struct {
	Delivery delivery.Options
	// Poll is how often the scheduler looks for work when nothing pokes it.
	Poll time.Duration
	Log  *slog.Logger
	// SendingLease is how long a message being sent stays this engine's
	// without a renewal, before another engine sharing the workspace
	// takes it up (runner.Options.SendingLease); 0: the default.
	SendingLease time.Duration
}

// Start runs the engine live: the local HTTP and capture servers, the
// scheduler (events, wake-ups) and the delivery worker, until Stop.
func (e *Engine) Start(o StartOptions) error {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Poll <= 0 {
		o.Poll = 500 * time.Millisecond
	}
	e.Runner.SetSendingLease(o.SendingLease)
	if _, err := e.Runner.RecoverOutbox(context.Background()); err != nil {
		return fmt.Errorf("outbox recovery: %w", err)
	}
	o.Delivery.Log = o.Log
	if o.Delivery.OnEvents == nil {
		o.Delivery.OnEvents = e.Poke // intake and tracking events run at once
	}
	svc, err := delivery.Start(e.Store, e.Runner, o.Delivery)
	if err != nil {
		return err
	}
	e.Delivery = svc
	ctx, cancel := context.WithCancel(context.Background())
	e.stop = cancel
	e.wg.Add(2)
	go func() {
		defer e.wg.Done()
		e.Runner.Serve(ctx, e.poke, o.Poll, func(err error) { o.Log.Error("scheduler", "err", err) })
	}()
	go func() {
		defer e.wg.Done()
		for ctx.Err() == nil {
			n, err := e.Runner.Deliver(ctx, svc, 200)
			if err != nil && ctx.Err() == nil {
				o.Log.Error("delivery", "err", err)
			}
			if n == 0 || err != nil {
				select {
				case <-ctx.Done():
				case <-time.After(o.Poll / 2):
				}
			}
		}
	}()
	return nil
}

// Poke wakes the scheduler now (new events arrived).
func (e *Engine) Poke() {
	select {
	case e.poke <- struct{}{}:
	default:
	}
}

// Stop ends the live side; in-flight work finishes its transaction first.
func (e *Engine) Stop() {
	if e.stop == nil {
		return
	}
	e.stop()
	e.wg.Wait()
	e.stop = nil
	if e.Delivery != nil {
		e.Delivery.Close()
		e.Delivery = nil
	}
}

// Close releases the workspace, and its lock once everything is written.
func (e *Engine) Close() error {
	e.Stop()
	err := e.Store.Close()
	return errors.Join(err, e.lock.Release())
}

// DefaultWorkspace is the workspace opened when none is named:
// $FLIGHTPLAN_WORKSPACE, else $XDG_DATA_HOME/flightplan/default.flightplan
// (~/.local/share/flightplan/default.flightplan).
func DefaultWorkspace() string {
	if p := os.Getenv("FLIGHTPLAN_WORKSPACE"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "flightplan", "default.flightplan")
}
