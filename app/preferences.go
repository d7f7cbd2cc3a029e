package app

import (
	"flightplan/engine"
	"flightplan/engine/words"
)

// Preferences is the window's app-wide preferences (the UI language).
type Preferences struct{ *window }

// GetSettings returns the preferences; the language follows the system
// locale until the user picks one, and a workspace with no language yet
// takes the window's (its steps' default texts are written in it): the
// one the window already shows when another workspace is opened or made
// in its place, else the system's.
func (p *Preferences) GetSettings() (engine.Preferences, error) {
	prefs, err := p.eng.Preferences(p.fallbackLang())
	if err != nil {
		return prefs, err
	}
	p.shown.Store(prefs.Language)
	prefs.MenuLanguage, _ = p.menuLang.Load().(string)
	return prefs, p.eng.AdoptLanguage(words.Lang(prefs.Language))
}

// SetLanguage stores the UI language ("en" or "fr").
func (p *Preferences) SetLanguage(lang string) error {
	if err := p.eng.SetLanguage(lang); err != nil {
		return err
	}
	p.shown.Store(lang)
	return nil
}

// fallbackLang is the language of a workspace that has none: the one the
// window shows, or the system's before the window has shown any.
func (w *window) fallbackLang() string {
	if l, _ := w.shown.Load().(string); l != "" {
		return l
	}
	return SystemLanguage()
}
