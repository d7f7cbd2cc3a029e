package app

import (
	"errors"

	"flightplan/engine"
	"flightplan/engine/settings"
)

// SettingsService is the window's Settings: every workspace setting of
// engine/settings, listed with its value (secrets masked) and changed with
// the same checks as `flightplan settings set`. It is a thin translation:
// the registry, the checks and the storage are the engine's.
type SettingsService struct {
	eng *engine.Engine
	// saved runs after settings are stored, with their keys: the window
	// restarts its delivery side on a new relay or sender, and wakes the
	// engine so funnels see new rules at once.
	saved func(keys []string)
}

// NewSettingsService binds the settings of s's workspace; its live engine
// follows what is saved.
func NewSettingsService(s *Services) *SettingsService {
	return &SettingsService{eng: s.w.eng, saved: s.w.eng.SettingsSaved}
}

// List returns every workspace setting, grouped in display order, with its
// value, its default and its text in English and French. Secrets are
// masked.
func (s *SettingsService) List() []settings.Entry { return settings.List(s.eng.Store) }

// Set stores settings by key, all or none, and returns the list as saved.
// A refused value is reported with the setting's label in the window's
// language, never its key.
func (s *SettingsService) Set(values map[string]string) ([]settings.Entry, error) {
	if err := settings.Set(s.eng.Store, values); err != nil {
		return nil, plainSettingError(s.eng.Store, err)
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	if s.saved != nil {
		s.saved(keys)
	}
	return settings.List(s.eng.Store), nil
}

// plainSettingError puts the setting's label, in the window's language,
// in place of its key (nil and other errors pass as they are).
func plainSettingError(st settings.Store, err error) error {
	var se *settings.Error
	if !errors.As(err, &se) {
		return err
	}
	def, ok := settings.Lookup(se.Key)
	if !ok {
		return err
	}
	lang, _ := settings.Get(st, settings.Language)
	if lang == "" {
		lang = SystemLanguage()
	}
	sep := ": "
	if lang == "fr" {
		sep = " : "
	}
	return errors.New(def.Label.In(lang) + sep + se.In(lang))
}
