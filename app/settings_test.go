package app

import (
	"errors"
	"strings"
	"testing"

	"flightplan/engine/contacts"
	"flightplan/engine/settings"
)

// The Settings screen's service on a real workspace: every setting listed
// in both languages, a change checked and stored, a refusal in plain words
// (the setting's label, never its key), secrets masked.
func TestSettingsService(t *testing.T) {
	a := newApp(t)
	s := NewSettingsService(a)
	list := s.List()
	if len(list) != len(settings.All()) {
		t.Fatalf("%d settings listed, want %d", len(list), len(settings.All()))
	}
	for _, e := range list {
		if e.Label.En == "" || e.Label.Fr == "" || e.Help.En == "" || e.Help.Fr == "" {
			t.Errorf("%s: text missing: %+v", e.Key, e)
		}
	}
	list, err := s.Set(map[string]string{settings.CapPerDay: "2", settings.IntakeToken: "a-new-key-0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.Key == settings.CapPerDay && (e.Value != "2" || e.IsDefault) {
			t.Errorf("cap after set: %+v", e)
		}
		if e.Key == settings.IntakeToken && e.Value != settings.Masked {
			t.Errorf("token listed in clear: %+v", e)
		}
	}
	if got, _ := a.Sending.GetSendingSettings(); got.CapPerDay != 2 {
		t.Errorf("the sending form reads %d", got.CapPerDay)
	}

	_, err = s.Set(map[string]string{settings.CapPerWeek: "many"})
	if err == nil || err.Error() != `Marketing emails per contact, at most per week: "many" is not a number` {
		t.Errorf("refusal: %v", err)
	}
	if err := a.Preferences.SetLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Set(map[string]string{settings.TemperatureWarm: "90"})
	if err == nil || err.Error() != "Tiède à partir de (points) : le seuil tiède (90) doit être plus bas que le seuil chaud (60)" {
		t.Errorf("refusal in French: %v", err)
	}
	// The sending form goes through the same checks.
	form, _ := a.Sending.GetSendingSettings()
	form.QuietFrom = "22:00"
	if err := a.Sending.SetSendingSettings(form); err == nil || err.Error() != "Fin des heures calmes : les heures calmes demandent un début et une fin" {
		t.Errorf("sending form with half quiet hours: %v", err)
	}
}

// A contact's stage cannot go back by default; the refusal says where to
// allow it, and once allowed in Settings it goes back.
func TestStageBackwardsAllowedInSettings(t *testing.T) {
	a := newApp(t)
	id, err := a.Contacts.AddContact(map[string]string{"email": "ana@example.com"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Contacts.SetContactStage(id, "customer"); err != nil {
		t.Fatal(err)
	}
	err = a.Contacts.SetContactStage(id, "lead")
	if !errors.Is(err, contacts.ErrStageBackwards) || !strings.Contains(err.Error(), "Settings → Contacts") {
		t.Fatalf("by default: %v", err)
	}
	if _, err := NewSettingsService(a).Set(map[string]string{settings.StageBackwards: "true"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Contacts.SetContactStage(id, "lead"); err != nil {
		t.Errorf("after allowing it in Settings: %v", err)
	}
}
