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
	s := SendingSettings{From: a.setting(settings.From), QuietFrom: a.setting(settings.QuietFrom), QuietTo: a.setting(settings.QuietTo), Warm: 30, Hot: 60}
	if s.From == "" {
		s.From = settings.DefaultFrom
	}
	s.CapPerDay, _ = strconv.Atoi(a.setting(settings.CapPerDay))
	s.CapPerWeek, _ = strconv.Atoi(a.setting(settings.CapPerWeek))
	if v, err := strconv.ParseFloat(a.setting(settings.TemperatureWarm), 64); err == nil {
		s.Warm = v
	}
	if v, err := strconv.ParseFloat(a.setting(settings.TemperatureHot), 64); err == nil {
		s.Hot = v
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
	if s.Warm >= s.Hot {
		return fmt.Errorf("the warm threshold (%g) must be below the hot one (%g)", s.Warm, s.Hot)
	}
	if s.CapPerDay < 0 || s.CapPerWeek < 0 {
		return fmt.Errorf("frequency caps cannot be negative")
	}
	if (s.QuietFrom == "") != (s.QuietTo == "") {
		return fmt.Errorf("quiet hours need both a start and an end")
	}
	for _, t := range []string{s.QuietFrom, s.QuietTo} {
		if t != "" {
			if _, err := time.Parse("15:04", t); err != nil {
				return fmt.Errorf("quiet hours: %q is not a time like 21:00", t)
			}
		}
	}
	relay := ""
	if s.Relay != nil {
		b, err := json.Marshal(s.Relay)
		if err != nil {
			return err
		}
		relay = string(b)
	}
	before := a.setting(settings.Relay) + "\x00" + a.setting(settings.From)
	for k, v := range map[string]string{
		settings.Relay: relay, settings.From: s.From,
		settings.CapPerDay: strconv.Itoa(s.CapPerDay), settings.CapPerWeek: strconv.Itoa(s.CapPerWeek),
		settings.QuietFrom: s.QuietFrom, settings.QuietTo: s.QuietTo,
		settings.TemperatureWarm: strconv.FormatFloat(s.Warm, 'f', -1, 64), settings.TemperatureHot: strconv.FormatFloat(s.Hot, 'f', -1, 64),
	} {
		if err := a.eng.Store.SetSetting(k, v); err != nil {
			return err
		}
	}
	// A running engine restarts on a new relay or sender; one that could
	// not start (a bad sender address, say) is tried again with what was
	// just saved, without relaunching the app.
	a.liveMu.Lock()
	failed := a.liveErr != nil
	a.liveMu.Unlock()
	if (relay+"\x00"+s.From != before && a.eng.Delivery != nil) || (failed && a.eng.Delivery == nil) {
		a.eng.Stop()
		a.startLive()
	}
	return nil
}

// TestRelay checks an SMTP relay profile and says exactly which stage
// failed (DNS, connect, TLS, auth, sender).
func (a *App) TestRelay(p mail.Profile) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return mail.TestConnection(ctx, p)
}
