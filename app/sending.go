package app

import (
	"context"
	"time"

	"flightplan/engine"
	"flightplan/engine/delivery"
	"flightplan/engine/mail"
)

// Sending is the window's service for the sending rules, the relay and
// the live engine's state.
type Sending struct{ *window }

// GetSendingSettings reads the sending rules.
func (s *Sending) GetSendingSettings() (delivery.SendingSettings, error) {
	return s.eng.SendingSettings(s.ctx)
}

// SetSendingSettings stores the sending rules, with the checks of every
// other way of changing settings; a changed relay applies at once. A
// refusal names the setting by its label in the window's language.
func (s *Sending) SetSendingSettings(ss delivery.SendingSettings) error {
	return plainSettingError(s.eng.Store, s.eng.SetSendingSettings(ss))
}

// TestRelay checks an SMTP relay profile and says exactly which stage
// failed (DNS, connect, TLS, auth, sender).
func (s *Sending) TestRelay(p mail.Profile) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return mail.TestConnection(ctx, p)
}

// GetEngineStatus reports the local servers and the outbox, or why the
// engine is not running.
func (s *Sending) GetEngineStatus() (engine.LiveStatus, error) { return s.eng.LiveStatus(s.ctx) }
