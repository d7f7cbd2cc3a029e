// Package engine wires the workspace, the node catalogue, the runner and the
// delivery side into one value the app and the command line use. It never
// imports Wails.
package engine

import (
	"fmt"
	"os"
	"path/filepath"

	"flightplan/engine/clock"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// Options configure an Engine.
type Options struct {
	// Workspace is the SQLite file; empty means DefaultWorkspace().
	Workspace string
	// Clock drives time; nil means the real clock.
	Clock clock.Clock
}

// Engine is one open workspace with everything that runs on it.
type Engine struct {
	Store    *store.Store
	Registry *nodes.Registry
	Clock    clock.Clock
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
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	clk := opts.Clock
	if clk == nil {
		clk = clock.Real{}
	}
	return &Engine{Store: st, Registry: reg, Clock: clk}, nil
}

// Close releases the workspace.
func (e *Engine) Close() error { return e.Store.Close() }

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
