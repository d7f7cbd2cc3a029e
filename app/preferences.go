package app

import (
	"flightplan/engine"
	"flightplan/engine/words"
)

// Preferences is the window's app-wide preferences (the UI language).
type Preferences struct{ *window }

// GetSettings returns the preferences; the language follows the system
// locale until the user picks one, and a workspace with no language yet
// takes the window's (its steps' default texts are written in it).
func (p *Preferences) GetSettings() (engine.Preferences, error) {
	prefs, err := p.eng.Preferences(SystemLanguage())
	if err != nil {
		return prefs, err
	}
	return prefs, p.eng.AdoptLanguage(words.Lang(prefs.Language))
}

// SetLanguage stores the UI language ("en" or "fr").
func (p *Preferences) SetLanguage(lang string) error { return p.eng.SetLanguage(lang) }
