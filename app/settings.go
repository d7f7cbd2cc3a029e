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

// NewSettingsService binds the settings of a's workspace; a's live engine
// follows what is saved.
func NewSettingsService(a *App) *SettingsService {
	return &SettingsService{eng: a.eng, saved: a.settingsSaved}
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
// in place of its key.
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
	return errors.New(def.Label.In(lang) + ": " + se.Err.Error())
}

// settingsSaved applies saved settings to the live engine: a new relay or
// sender restarts delivery, and an engine that could not start (a bad
// sender address, say) is tried again with what was just saved, without
// relaunching the app.
func (a *App) settingsSaved(keys []string) {
	delivery := false
	for _, k := range keys {
		delivery = delivery || k == settings.Relay || k == settings.From
	}
	a.liveMu.Lock()
	failed := a.liveErr != nil
	a.liveMu.Unlock()
	if (delivery && a.eng.Delivery != nil) || (failed && a.eng.Delivery == nil) {
		a.eng.Stop()
		a.startLive()
		return
	}
	a.eng.Poke()
}
