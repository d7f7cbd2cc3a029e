package cli

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine"
	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/store"
)

// flightplan settings lists, reads and changes settings in a real
// workspace file; a bad value is refused naming the setting and why, and
// secrets never appear in clear.
func TestSettingsCommand(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	ws := filepath.Join(t.TempDir(), "ws.flightplan")

	code, out, errs := runCLI("settings", "--workspace", ws)
	if code != 0 {
		t.Fatalf("list: %d %s", code, errs)
	}
	for _, want := range []string{"Contacts\n", "stage_backwards", "false", "Let a contact’s stage go back", "(default)", "cap_per_day", "Tracking and local servers\n", "http_addr", "127.0.0.1:47800"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := runCLI("settings", "get", "stage_backwards", "--workspace", ws); code != 0 || out != "false\n" {
		t.Errorf("get default: %d %q", code, out)
	}

	// A contact's stage cannot go back until the setting allows it.
	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	ctx, now := context.Background(), time.Now()
	id, err := store.InsertContact(ctx, eng.Store.DB(), &contact.Contact{Email: "ana@example.com", Stage: "customer"}, now)
	if err != nil {
		t.Fatal(err)
	}
	err = contacts.SetStage(ctx, eng.Store.DB(), id, "lead", now)
	if !errors.Is(err, contacts.ErrStageBackwards) || !strings.Contains(err.Error(), "flightplan settings set stage_backwards true") {
		t.Fatalf("by default a stage goes back: %v", err)
	}
	eng.Close()

	code, out, errs = runCLI("settings", "set", "stage_backwards", "yes", "cap_per_day", "3", "--workspace", ws)
	if code != 0 || out != "cap_per_day = 3\nstage_backwards = true\n" {
		t.Fatalf("set: %d %q %s", code, out, errs)
	}
	eng, err = engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	if err := contacts.SetStage(ctx, eng.Store.DB(), id, "lead", now); err != nil {
		t.Errorf("after settings set stage_backwards: %v", err)
	}
	eng.Close()

	// Refusals say which setting and why, and store nothing.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"set", "cap_per_week", "--", "-2"}, "setting cap_per_week: -2 is below 0"},
		{[]string{"set", "cap_per_week", "1.5"}, `setting cap_per_week: "1.5" is not a whole number`},
		{[]string{"set", "stage_backwards", "perhaps"}, `setting stage_backwards: "perhaps" is not true or false`},
		{[]string{"set", "temperature_warm", "80"}, "the warm score (80) must be below the hot one"},
		{[]string{"set", "quiet_from", "22:00"}, "quiet hours need both a start and an end"},
		{[]string{"set", "tracking_key", "abc"}, "setting tracking_key: cannot be changed"},
		{[]string{"set", "colour", "red"}, `no such setting "colour"`},
		{[]string{"get", "colour"}, `no such setting "colour"`},
		{[]string{"set", "cap_per_week"}, "usage: settings"},
		{[]string{"frob"}, `"frob" is not list, get or set`},
	} {
		code, _, errs := runCLI(append(append([]string{"settings"}, c.args...), "--workspace", ws)...)
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("settings %v: %d %q, want %q", c.args, code, errs, c.want)
		}
	}
	if _, out, _ := runCLI("settings", "get", "cap_per_week", "--workspace", ws); out != "0\n" {
		t.Errorf("a refused value was stored: %q", out)
	}

	// Secrets: set in clear, never printed in clear.
	relay := `{"name":"Acme","host":"smtp.acme.io","port":587,"username":"me","password":"s3cret-pass"}`
	if code, out, errs := runCLI("settings", "set", "smtp_relay", relay, "intake_token", "tok-0123456789abcdef", "--workspace", ws); code != 0 || strings.Contains(out, "s3cret") || strings.Contains(out, "tok-0123") {
		t.Errorf("set secrets: %d %q %s", code, out, errs)
	}
	code, out, _ = runCLI("settings", "--json", "--workspace", ws)
	if code != 0 || strings.Contains(out, "s3cret") || strings.Contains(out, "tok-0123") {
		t.Fatalf("a secret in clear in the list: %s", out)
	}
	var list struct {
		Settings []struct {
			Key       string            `json:"key"`
			Group     string            `json:"group"`
			Value     string            `json:"value"`
			Default   string            `json:"default"`
			IsDefault bool              `json:"is_default"`
			Secret    bool              `json:"secret"`
			Label     map[string]string `json:"label"`
		} `json:"settings"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range list.Settings {
		got[s.Key] = s.Value
		if s.Label["en"] == "" || s.Label["fr"] == "" {
			t.Errorf("%s: label %v", s.Key, s.Label)
		}
	}
	if got["stage_backwards"] != "true" || got["cap_per_day"] != "3" || got["intake_token"] != "••••••••" || !strings.Contains(got["smtp_relay"], `"host":"smtp.acme.io"`) {
		t.Errorf("json list: %v", got)
	}
	// The token command, made to print the token, still does.
	if code, out, _ := runCLI("token", "--workspace", ws); code != 0 || out != "tok-0123456789abcdef\n" {
		t.Errorf("token: %d %q", code, out)
	}
	code, out, _ = runCLI("settings", "get", "stage_backwards", "--json", "--workspace", ws)
	var one struct {
		Key   string `json:"key"`
		Value string `json:"value"`
		Where struct{ En, Fr string }
	}
	if err := json.Unmarshal([]byte(out), &one); code != 0 || err != nil || one.Value != "true" || one.Where.En != "Settings → Contacts" {
		t.Errorf("get --json: %d %v %+v", code, err, one)
	}
	code, out, _ = runCLI("settings", "set", "cap_per_week", "4", "--json", "--workspace", ws)
	var set struct {
		Changed []struct {
			Key       string `json:"key"`
			Value     string `json:"value"`
			IsDefault bool   `json:"is_default"`
		} `json:"changed"`
	}
	if err := json.Unmarshal([]byte(out), &set); code != 0 || err != nil || len(set.Changed) != 1 || set.Changed[0].Key != "cap_per_week" || set.Changed[0].Value != "4" || set.Changed[0].IsDefault {
		t.Errorf("set --json: %d %v %s", code, err, out)
	}
	// Back to the default with an empty value.
	if code, out, _ := runCLI("settings", "set", "stage_backwards", "", "--workspace", ws); code != 0 || out != "stage_backwards = false\n" {
		t.Errorf("reset: %d %q", code, out)
	}
}
