package engine

// The live engine while a window is open: started on the default ports or
// any free ones, restarted when the relay changes, and why it is stopped
// kept for the settings screen.

import (
	"context"
	"log/slog"
	"sync"

	"flightplan/engine/delivery"
	"flightplan/engine/settings"
)

// liveState remembers why StartLive failed.
type liveState struct {
	mu  sync.Mutex
	err error // nil while the live engine runs (or was never started)
}

// StartLive runs the engine as the window does. The default ports may be
// taken (another Flightplan, a test): then any free loopback port does.
//
// A person who opened the window from a menu sees no log: why the engine
// did not start (a locked keyring, say) is kept for LiveStatus, which
// would otherwise only say "stopped".
func (e *Engine) StartLive() {
	err := e.Start(StartOptions{})
	if err != nil {
		slog.Warn("live engine on default ports", "err", err)
		if err = e.Start(StartOptions{Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0"}}); err != nil {
			slog.Error("live engine", "err", err)
		}
	}
	e.live.mu.Lock()
	e.live.err = err
	e.live.mu.Unlock()
}

func (e *Engine) liveErr() error {
	e.live.mu.Lock()
	defer e.live.mu.Unlock()
	return e.live.err
}

// LiveStatus describes the live engine for the settings screen.
type LiveStatus struct {
	Running     bool           `json:"running"`
	HTTPAddr    string         `json:"http_addr"`
	CaptureAddr string         `json:"capture_addr"`
	IntakeToken string         `json:"intake_token"`
	Outbox      map[string]int `json:"outbox"`
	// Problem says why the engine is not running ("" when it runs, or
	// when it was never started).
	Problem string `json:"problem,omitempty"`
}

// LiveStatus reports the local servers and the outbox.
func (e *Engine) LiveStatus(ctx context.Context) (LiveStatus, error) {
	st := LiveStatus{}
	if d := e.Delivery; d != nil {
		st.Running, st.HTTPAddr, st.CaptureAddr, st.IntakeToken = true, d.HTTPAddr(), d.CaptureAddr(), d.IntakeToken()
	} else if err := e.liveErr(); err != nil {
		st.Problem = err.Error()
	}
	var err error
	st.Outbox, err = e.Runner.OutboxStats(ctx)
	return st, err
}

// SendingSettings reads the sending rules (delivery.LoadSending).
func (e *Engine) SendingSettings(ctx context.Context) (delivery.SendingSettings, error) {
	return delivery.LoadSending(ctx, e.Store)
}

// SetSendingSettings stores the sending rules. A changed relay applies at
// once: the live engine restarts its delivery side, so the user who fixed
// the relay can retry what it refused without relaunching the app.
//
// A refused value is a *settings.Error naming the setting.
func (e *Engine) SetSendingSettings(s delivery.SendingSettings) error {
	changed, err := delivery.SaveSending(e.Store, s)
	if err != nil {
		return err
	}
	e.SettingsSaved(changed)
	return nil
}

// SettingsSaved applies saved settings (their keys) to the live engine: a
// new relay or sender restarts delivery, and an engine that could not
// start (a bad sender address, say) is tried again with what was just
// saved, without relaunching the app; otherwise the scheduler wakes so
// funnels see the new rules at once.
func (e *Engine) SettingsSaved(keys []string) {
	restart := false
	for _, k := range keys {
		restart = restart || k == settings.Relay || k == settings.From
	}
	failed := e.liveErr() != nil
	if (restart && e.Delivery != nil) || (failed && e.Delivery == nil) {
		e.Stop()
		e.StartLive()
		return
	}
	e.Poke()
}
