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
// The menu follows.
func (p *Preferences) SetLanguage(lang string) error {
	if err := p.eng.SetLanguage(lang); err != nil {
		return err
	}
	p.menuChanged()
	return nil
}
