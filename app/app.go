// Package app is the only code that knows about Wails: it binds the
// engine's services to the window, one small service per domain (Funnels,
// Contacts, Emails…), and forwards engine events to the UI. Each service
// is a thin translation: the window's argument shapes in, one engine call,
// the result shapes out; what the window asks for is decided in the
// engine. Methods return (T, error); Wails turns the error into a rejected
// promise that the frontend shows as a message.
package app

import (
	"context"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"flightplan/engine"
)

// Services are the window's bound services, one per domain.
type Services struct {
	Funnels     *Funnels
	References  *References
	Contacts    *Contacts
	Scoring     *Scoring
	Emails      *Emails
	Mailbox     *Mailbox
	Forms       *Forms
	Sending     *Sending
	Failures    *Failures
	Scripts     *Scripts
	Simulation  *Simulation
	Preferences *Preferences
	Settings    *SettingsService
	Workspace   *Workspace
	Website     *Website

	w     *window
	hooks hooks
}

// window is what the services share: the engine, the window's context
// once it is ready, and the pace of the events sent to it.
type window struct {
	eng *engine.Engine
	ctx context.Context
	// live is set once the window started the engine live: a workspace
	// opened in place of this one starts live too. switchMu orders
	// switches.
	live     bool
	switchMu sync.Mutex

	emitMu   sync.Mutex
	lastEmit map[string]time.Time

	// shown is the language the window shows ("" before the first
	// GetSettings): a workspace opened or made in its place with no
	// language of its own takes it, so a French window stays French.
	shown atomic.Value // string
	// menuLang is the language the File menu was built in ("" without a
	// menu): Wails v2 cannot rebuild it while the window runs (menu.go).
	menuLang atomic.Value // string

	// team hears others' changes of a team workspace (workspaces_team.go).
	team teamWatch
}

// New builds the services of a window over an engine.
func New(eng *engine.Engine) *Services {
	w := &window{eng: eng, ctx: context.Background(), lastEmit: map[string]time.Time{}}
	s := &Services{
		Funnels: &Funnels{w}, References: &References{w}, Contacts: &Contacts{w}, Scoring: &Scoring{w},
		Emails: &Emails{w}, Mailbox: &Mailbox{w}, Forms: &Forms{w}, Sending: &Sending{w}, Failures: &Failures{w},
		Scripts: &Scripts{w}, Simulation: &Simulation{w}, Preferences: &Preferences{w}, Workspace: &Workspace{w},
		Website: &Website{w}, w: w, hooks: newHooks(),
	}
	s.Settings = NewSettingsService(s)
	return s
}

// Bind lists what the window binds: every service, and the benchmark and
// end-to-end probes in a build with the probe tag.
func (s *Services) Bind() []any {
	return append([]any{s.Funnels, s.References, s.Contacts, s.Scoring, s.Emails, s.Mailbox, s.Forms,
		s.Sending, s.Failures, s.Scripts, s.Simulation, s.Preferences, s.Settings, s.Workspace,
		s.Website}, s.hooks.services()...)
}

// Startup is called by Wails when the window is ready: the live engine
// starts with it.
func (s *Services) Startup(ctx context.Context) {
	s.w.ctx = ctx
	s.w.live = true
	s.w.eng.StartLive()
	s.w.setTitle()
	s.w.watchTeam()
}

// Shutdown is called by Wails when the window closes.
func (s *Services) Shutdown(ctx context.Context) {
	s.w.stopTeamWatch()
	_ = s.w.eng.Close()
}

// DomReady is called by Wails when the page has loaded; only the probe
// build does anything with it.
func (s *Services) DomReady(ctx context.Context) { s.hooks.domReady(ctx) }

// MarkStart records when main began, for the window benchmark (call it
// once the engine is open: that moment is kept too); only the probe build
// keeps it.
func (s *Services) MarkStart(t time.Time) { s.hooks.markStart(t) }

// emit sends an event to the window, at most every 200 ms per name (the
// final call of a run should pass through: callers send done == total):
// progress of a long import or simulation is drawn, not flooded.
func (w *window) emit(name string, payload any) {
	now := time.Now()
	w.emitMu.Lock()
	last, ok := w.lastEmit[name]
	if ok && now.Sub(last) < 200*time.Millisecond {
		if m, ok := payload.(map[string]int); !ok || m["done"] != m["total"] {
			w.emitMu.Unlock()
			return
		}
	}
	w.lastEmit[name] = now
	w.emitMu.Unlock()
	if w.hasWindow() {
		runtime.EventsEmit(w.ctx, name, payload)
	}
}

// progress reports a run's progress (0 to 1) as a window event of name,
// in per-mille ({done, total: 1000}).
func (w *window) progress(name string) func(done float64) {
	return func(done float64) { w.emit(name, map[string]int{"done": int(done * 1000), "total": 1000}) }
}

// SystemLanguage reads the locale from the environment: "fr" for a French
// locale, else "en".
func SystemLanguage() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return "fr"
			}
			return "en"
		}
	}
	return "en"
}
