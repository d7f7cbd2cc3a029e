package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"flightplan/engine/mail"
	"flightplan/engine/settings"
)

// SendingSettings are the workspace's email rules and relay.
type SendingSettings struct {
	// Relay is nil for the offline capture mailbox.
	Relay      *mail.Profile `json:"relay"`
	From       string        `json:"from"`
	CapPerDay  int           `json:"cap_per_day"`
	CapPerWeek int           `json:"cap_per_week"`
	QuietFrom  string        `json:"quiet_from"`
	QuietTo    string        `json:"quiet_to"`
	Warm       float64       `json:"temperature_warm"`
	Hot        float64       `json:"temperature_hot"`
}

func (a *App) setting(key string) string { v, _ := a.eng.Store.Setting(key); return v }

// GetSendingSettings reads the sending rules.
func (a *App) GetSendingSettings() (SendingSettings, error) {
	v, err := settings.Load(a.ctx, a.eng.Store)
	if err != nil {
		return SendingSettings{}, err
	}
	s := SendingSettings{From: v.From(), CapPerDay: v.CapPerDay(), CapPerWeek: v.CapPerWeek(), Warm: settings.DefaultWarm, Hot: settings.DefaultHot}
	s.QuietFrom, s.QuietTo = v.QuietHours()
	if warm, hot, err := v.BandsStrict(); err == nil {
		s.Warm, s.Hot = warm, hot
	}
	raw, err := a.eng.Store.Setting(settings.Relay)
	if err != nil {
		return s, fmt.Errorf("the SMTP relay's password: %w", err)
	}
	if raw != "" {
		var p mail.Profile
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			return s, fmt.Errorf("the saved SMTP relay is damaged: %w", err)
		}
		s.Relay = &p
	}
	return s, nil
}

// SetSendingSettings stores the sending rules. A changed relay applies at
// once: the live engine restarts its delivery side, so the user who fixed
// the relay can retry what it refused without relaunching the app.
func (a *App) SetSendingSettings(s SendingSettings) error {
	relay := ""
	if s.Relay != nil {
		b, err := json.Marshal(s.Relay)
		if err != nil {
			return err
		}
		relay = string(b)
	}
	before := a.setting(settings.Relay) + "\x00" + a.setting(settings.From)
	// The same checks as every other way of changing settings (the
	// registry's), all or nothing.
	err := settings.Set(a.eng.Store, map[string]string{
		settings.Relay: relay, settings.From: s.From,
		settings.CapPerDay: strconv.Itoa(s.CapPerDay), settings.CapPerWeek: strconv.Itoa(s.CapPerWeek),
		settings.QuietFrom: s.QuietFrom, settings.QuietTo: s.QuietTo,
		settings.TemperatureWarm: strconv.FormatFloat(s.Warm, 'f', -1, 64), settings.TemperatureHot: strconv.FormatFloat(s.Hot, 'f', -1, 64),
	})
	if err != nil {
		return plainSettingError(a.eng.Store, err)
	}
	var changed []string
	if relay+"\x00"+s.From != before {
		changed = []string{settings.Relay, settings.From}
	}
	a.settingsSaved(changed)
	return nil
}

// TestRelay checks an SMTP relay profile and says exactly which stage
// failed (DNS, connect, TLS, auth, sender).
func (a *App) TestRelay(p mail.Profile) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return mail.TestConnection(ctx, p)
}
