package engine

import (
	"fmt"

	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// Preferences are the app-wide preferences the window reads.
type Preferences struct {
	Language  string `json:"language"`
	Workspace string `json:"workspace"`
	// MenuLanguage is the language of the window's File menu, built once
	// at start ("" where there is no menu, as in a browser): the window
	// says when a switch of language reaches the menu only at the next
	// start.
	MenuLanguage string `json:"menu_language,omitempty"`
}

// Preferences returns the preferences; the language is systemLang until
// the user picks one.
func (e *Engine) Preferences(systemLang string) (Preferences, error) {
	lang, err := e.Store.Setting(settings.Language)
	if err != nil {
		return Preferences{}, err
	}
	if lang == "" {
		lang = systemLang
	}
	return Preferences{Language: lang, Workspace: store.StripPassword(e.Store.Path)}, nil
}

// AdoptLanguage makes lang ("en" or "fr") the workspace's language when
// it has none yet: a workspace first opened in a French window, or made by
// the command line with --lang fr, writes its steps' default texts (the
// alert's subject) in French. Any other lang leaves it unset.
func (e *Engine) AdoptLanguage(lang string) error {
	if lang != "en" && lang != "fr" {
		return nil
	}
	cur, err := e.Store.Setting(settings.Language)
	if err != nil || cur != "" {
		return err
	}
	return e.SetLanguage(lang)
}

// SetLanguage stores the UI language ("en" or "fr").
func (e *Engine) SetLanguage(lang string) error {
	if lang != "en" && lang != "fr" {
		return fmt.Errorf("language %q is not available (en, fr)", lang)
	}
	return settings.Set(e.Store, map[string]string{settings.Language: lang})
}
