package app

import (
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// throttle keeps window events to a few per second: progress of a long
// import or simulation is drawn, not flooded.
var throttle sync.Map

// emit sends an event to the window, at most every 200 ms per name (the
// final call of a run should pass through: callers send done == total).
func (a *App) emit(name string, payload any) {
	now := time.Now()
	if last, ok := throttle.Load(name); ok && now.Sub(last.(time.Time)) < 200*time.Millisecond {
		if m, ok := payload.(map[string]int); !ok || m["done"] != m["total"] {
			return
		}
	}
	throttle.Store(name, now)
	if a.ctx != nil && a.ctx.Value("events") != nil {
		runtime.EventsEmit(a.ctx, name, payload)
	}
}
