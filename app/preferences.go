package app

import "flightplan/engine"

// Preferences is the window's app-wide preferences (the UI language).
type Preferences struct{ *window }

// GetSettings returns the preferences; the language follows the system
// locale until the user picks one.
func (p *Preferences) GetSettings() (engine.Preferences, error) {
	return p.eng.Preferences(SystemLanguage())
}

// SetLanguage stores the UI language ("en" or "fr").
func (p *Preferences) SetLanguage(lang string) error { return p.eng.SetLanguage(lang) }
