//go:build !probe

package app

import (
	"context"
	"time"
)

// hooks are empty in a build without the probe tag: the release window
// binds no benchmark or end-to-end probe (app/hooks_probe.go).
type hooks struct{}

func newHooks() hooks { return hooks{} }

func (hooks) services() []any { return nil }

func (hooks) domReady(context.Context) {}

func (hooks) markStart(time.Time) {}
