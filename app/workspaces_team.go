package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"flightplan/engine"
	"flightplan/engine/store"
)

// CheckTeam says what a team workspace's address leads to (the dialog's
// Test button): ready, empty (it can be set up), or what failed.
func (w *Workspace) CheckTeam(a engine.TeamAddress) engine.TeamCheck {
	return engine.CheckTeam(context.Background(), a)
}

// TeamAddressOf gives the dialog's parts of a team workspace's address
// (from the recent list), its password left out.
func (w *Workspace) TeamAddressOf(address string) engine.TeamAddress {
	return engine.TeamAddressOf(address)
}

// OpenTeam opens a team workspace in place of this one. It is checked
// first: anything but a Flightplan workspace, or an empty database when
// setUp is false, leaves everything as it was and says why. remember
// keeps the password in the system keyring (and forgets one kept there
// when false); a keyring that cannot keep it does not stop the opening,
// it is said (Keyring).
func (w *Workspace) OpenTeam(a engine.TeamAddress, remember, setUp bool) (engine.TeamOpened, error) {
	ws, err := a.Workspace()
	if err != nil {
		a.Password = ""
		return engine.TeamOpened{Check: engine.CheckTeam(context.Background(), a), Address: a}, nil
	}
	keep := forgetPassword
	if remember {
		keep = rememberPassword
	}
	return w.openTeam(ws, setUp, keep)
}

// OpenRecentTeam opens a team workspace of the recent list with the
// password the keyring remembers. When the keyring cannot be asked or
// holds none, or the server refuses it, nothing is opened: the answer says
// why, for the window to ask for the password.
func (w *Workspace) OpenRecentTeam(address string) (engine.TeamOpened, error) {
	pw, err := store.TeamPassword(address)
	why := ""
	switch {
	case errors.Is(err, store.ErrNotRemembered):
		why = "not-remembered" // a server that trusts its users needs none: try
	case err != nil:
		why = "missing"
	}
	ws := store.WithPassword(address, pw)
	res, err := w.openTeam(ws, false, leavePassword)
	if !res.Opened && res.Check.State == store.PGPassword && why == "" {
		why = "refused"
	}
	if !res.Opened && why != "" {
		res.Keyring = why
	}
	return res, err
}

// What opening a team workspace does with its password in the keyring.
type passwordKeeping int

const (
	leavePassword passwordKeeping = iota
	rememberPassword
	forgetPassword
)

// openTeam checks ws, opens it, and keeps or forgets its password.
func (w *Workspace) openTeam(ws string, setUp bool, keep passwordKeeping) (engine.TeamOpened, error) {
	res := engine.TeamOpened{Address: engine.TeamAddressOf(ws)}
	res.Check = engine.CheckWorkspaceURL(context.Background(), ws)
	switch res.Check.State {
	case store.PGReady:
	case store.PGEmpty:
		if !setUp {
			return res, nil
		}
	default:
		return res, nil
	}
	info, err := w.switchTo(ws, false)
	if err != nil {
		return res, err
	}
	res.Opened, res.Info = true, info
	pw := store.URLPassword(ws)
	switch {
	case keep == rememberPassword && pw != "":
		if err := store.RememberTeamPassword(ws, pw); err != nil {
			res.Keyring = "missing"
		} else {
			res.Remembered = true
		}
	case keep == forgetPassword:
		_ = store.ForgetTeamPassword(ws)
	}
	return res, nil
}

// TeamWatch says whether the window hears others' changes of its team
// workspace at once: Listening is true on a team workspace, Up while its
// listening connection is connected. While it is down the window asks for
// the draft's stamp every few seconds instead (and after DownSince has
// lasted a while, it says so).
type TeamWatch struct {
	Listening bool `json:"listening"`
	Up        bool `json:"up"`
	// DownSince is when the connection dropped (Unix ms; 0 when up or not
	// listening).
	DownSince int64 `json:"down_since"`
}

// teamWatch is the window's listener on its team workspace's changes
// (store.Listen): each change and each connection state is sent to the
// window as an event ("team:change", "team:watch").
type teamWatch struct {
	mu        sync.Mutex
	l         *store.Listener
	downSince time.Time
	// gen tells the callbacks of a listener already replaced to stay quiet.
	gen int
	// ask is the team workspace to ask the password for at start-up.
	ask *engine.StartAsk
}

// TeamWatch says whether others' changes are heard at once (see TeamWatch).
func (w *Workspace) TeamWatch() TeamWatch { return w.team.state() }

func (t *teamWatch) state() TeamWatch {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := TeamWatch{Listening: t.l != nil, Up: t.l.Up()}
	if s.Listening && !s.Up && !t.downSince.IsZero() {
		s.DownSince = t.downSince.UnixMilli()
	}
	return s
}

// watchTeam listens to the open workspace's changes in place of the
// previous workspace's (nothing for a workspace file).
func (w *window) watchTeam() {
	t := &w.team
	t.mu.Lock()
	old := t.l
	t.gen++
	gen := t.gen
	t.l, t.downSince = nil, time.Now()
	t.mu.Unlock()
	old.Close()
	l := w.eng.Store.Listen(func(c store.Change) {
		if w.teamGen(gen) && w.hasWindow() {
			runtime.EventsEmit(w.ctx, "team:change", c)
		}
	}, func(up bool) {
		t.mu.Lock()
		if t.gen != gen {
			t.mu.Unlock()
			return
		}
		if up {
			t.downSince = time.Time{}
		} else if t.downSince.IsZero() {
			t.downSince = time.Now()
		}
		t.mu.Unlock()
		if w.hasWindow() {
			runtime.EventsEmit(w.ctx, "team:watch", t.state())
		}
	})
	t.mu.Lock()
	if t.gen == gen {
		t.l = l
	} else {
		defer l.Close()
	}
	t.mu.Unlock()
	if w.hasWindow() {
		runtime.EventsEmit(w.ctx, "team:watch", t.state())
	}
}

// teamGen tells whether gen is the listener in use.
func (w *window) teamGen(gen int) bool {
	w.team.mu.Lock()
	defer w.team.mu.Unlock()
	return w.team.gen == gen
}

// stopTeamWatch stops listening (the window closes).
func (w *window) stopTeamWatch() {
	t := &w.team
	t.mu.Lock()
	l := t.l
	t.l = nil
	t.gen++
	t.mu.Unlock()
	l.Close()
}

// AskAtStart notes the team workspace the window could not open at
// start-up (see engine.ChooseStart): the window asks for its password as
// soon as it shows (StartAsk).
func (s *Services) AskAtStart(ask *engine.StartAsk) {
	s.w.team.mu.Lock()
	defer s.w.team.mu.Unlock()
	s.w.team.ask = ask
}

// StartAsk is, once, the team workspace the window could not open at
// start-up, as the recent list gives one it cannot open: not opened, why
// (Keyring), and its address's parts without the password, to ask for
// it. Keyring is "" when there is none (and on every later call).
func (w *Workspace) StartAsk() engine.TeamOpened {
	w.team.mu.Lock()
	ask := w.team.ask
	w.team.ask = nil
	w.team.mu.Unlock()
	if ask == nil {
		return engine.TeamOpened{}
	}
	// Nothing was asked of the server: the check holds only the names.
	parts := engine.TeamAddressOf(ask.Workspace)
	c := engine.TeamCheck{Address: ask.Workspace, Name: engine.WorkspaceName(ask.Workspace), Host: parts.Host, Database: parts.Database}
	return engine.TeamOpened{Check: c, Keyring: ask.Keyring, Address: parts}
}
