package delivery

// The workspace's sending rules as one value for the window's form: the
// relay and sender this package uses, and the caps, quiet hours and
// temperature thresholds the runner applies, read and saved through the
// settings registry (engine/settings), with its defaults and checks.

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"flightplan/engine/mail"
	"flightplan/engine/settings"
	"flightplan/engine/store"
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

// LoadSending reads the sending rules; what was never set has its
// registry default.
func LoadSending(ctx context.Context, st *store.Store) (SendingSettings, error) {
	v, err := settings.Load(ctx, st)
	if err != nil {
		return SendingSettings{}, err
	}
	s := SendingSettings{From: v.From(), CapPerDay: v.CapPerDay(), CapPerWeek: v.CapPerWeek(), Warm: settings.DefaultWarm, Hot: settings.DefaultHot}
	s.QuietFrom, s.QuietTo = v.QuietHours()
	if warm, hot, err := v.BandsStrict(); err == nil {
		s.Warm, s.Hot = warm, hot
	}
	raw, err := st.Setting(settings.Relay)
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

// SaveSending checks and stores the sending rules with the same checks as
// every other way of changing settings (the registry's), all or nothing;
// a refusal is a *settings.Error naming the setting. It returns the keys
// whose change a running delivery side must be restarted for (the relay
// and the sender), none when they did not change.
func SaveSending(st *store.Store, s SendingSettings) (restart []string, err error) {
	relay := ""
	if s.Relay != nil {
		b, err := json.Marshal(s.Relay)
		if err != nil {
			return nil, err
		}
		relay = string(b)
	}
	before := setting(st, settings.Relay) + "\x00" + setting(st, settings.From)
	err = settings.Set(st, map[string]string{
		settings.Relay: relay, settings.From: s.From,
		settings.CapPerDay: strconv.Itoa(s.CapPerDay), settings.CapPerWeek: strconv.Itoa(s.CapPerWeek),
		settings.QuietFrom: s.QuietFrom, settings.QuietTo: s.QuietTo,
		settings.TemperatureWarm: strconv.FormatFloat(s.Warm, 'f', -1, 64), settings.TemperatureHot: strconv.FormatFloat(s.Hot, 'f', -1, 64),
	})
	if err != nil {
		return nil, err
	}
	if relay+"\x00"+s.From != before {
		restart = []string{settings.Relay, settings.From}
	}
	return restart, nil
}
