package settings_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"flightplan/engine/settings"
	"flightplan/engine/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "w.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Every setting speaks both languages, is in a known group, and its
// default passes its own check.
func TestRegistry(t *testing.T) {
	groups := map[settings.Group]bool{}
	for _, g := range settings.Groups {
		groups[g] = true
	}
	seen := map[string]bool{}
	all := settings.All()
	if len(all) < 17 {
		t.Fatalf("%d settings, want every one of them", len(all))
	}
	for _, s := range all {
		if seen[s.Key] {
			t.Errorf("%s: listed twice", s.Key)
		}
		seen[s.Key] = true
		for name, txt := range map[string]settings.Text{"label": s.Label, "help": s.Help, "where": s.Where} {
			if strings.TrimSpace(txt.En) == "" || strings.TrimSpace(txt.Fr) == "" {
				t.Errorf("%s: %s needs English and French (%q / %q)", s.Key, name, txt.En, txt.Fr)
			}
			if txt.En == txt.Fr && name != "where" {
				t.Errorf("%s: %s is not translated: %q", s.Key, name, txt.En)
			}
			if strings.Contains(s.Key, "_") && (strings.Contains(txt.Fr, s.Key) || strings.Contains(txt.En, s.Key)) {
				t.Errorf("%s: %s shows the key to the user: %q", s.Key, name, txt.En)
			}
		}
		if (s.ReadOnly.En == "") != (s.ReadOnly.Fr == "") {
			t.Errorf("%s: read-only reason needs both languages", s.Key)
		}
		if !groups[s.Group] || s.Group.Title().En == "" || s.Group.Title().Fr == "" {
			t.Errorf("%s: unknown group %q", s.Key, s.Group)
		}
		if s.Kind == settings.KindChoice && len(s.Choices) == 0 {
			t.Errorf("%s: a choice without choices", s.Key)
		}
		if s.Default != "" && s.ReadOnly.En == "" {
			v, err := settings.Check(s.Key, s.Default)
			if err != nil || v != s.Default {
				t.Errorf("%s: default %q does not pass its check: %q, %v", s.Key, s.Default, v, err)
			}
		}
	}
	// Grouped in display order.
	rank := map[settings.Group]int{}
	for i, g := range settings.Groups {
		rank[g] = i
	}
	for i := 1; i < len(all); i++ {
		if rank[all[i].Group] < rank[all[i-1].Group] {
			t.Errorf("%s (%s) listed after %s (%s)", all[i].Key, all[i].Group, all[i-1].Key, all[i-1].Group)
		}
	}
	sec := settings.SecretFields()
	if len(sec) != 3 || sec[settings.Relay] != "password" || sec[settings.IntakeToken] != "" {
		t.Errorf("secrets: %v", sec)
	}
}

func TestCheck(t *testing.T) {
	for _, c := range []struct{ key, in, want, err string }{
		{settings.StageBackwards, "yes", "true", ""},
		{settings.StageBackwards, " Off ", "false", ""},
		{settings.StageBackwards, "maybe", "", `setting stage_backwards: "maybe" is not true or false`},
		{settings.CapPerDay, "3", "3", ""},
		{settings.CapPerDay, "2.5", "", `setting cap_per_day: "2.5" is not a whole number`},
		{settings.CapPerDay, "-1", "", "setting cap_per_day: -1 is below 0"},
		{settings.TemperatureHot, "72.50", "72.5", ""},
		{settings.TemperatureWarm, "lots", "", `setting temperature_warm: "lots" is not a number`},
		{settings.QuietFrom, "9:05", "09:05", ""},
		{settings.QuietFrom, "25:00", "", `setting quiet_from: "25:00" is not a time like 21:00`},
		{settings.Language, "FR", "fr", ""},
		{settings.Language, "de", "", `setting language: "de" is not one of en, fr`},
		{settings.From, "Acme <hi@acme.com>", "Acme <hi@acme.com>", ""},
		{settings.From, "acme", "", `setting from_address: "acme" is not an email address`},
		{settings.MyEmail, "Me <me@x.fr>", "me@x.fr", ""},
		{settings.HTTPAddr, "127.0.0.1:8080", "127.0.0.1:8080", ""},
		{settings.HTTPAddr, "0.0.0.0:8080", "", "setting http_addr: 0.0.0.0:8080 is not a loopback address"},
		{settings.PublicHost, " Track.Example.com, ,b.io", "track.example.com,b.io", ""},
		{settings.PublicHost, "https://x.io", "", `setting public_host: "https://x.io" is not a host name`},
		{settings.Relay, `{"host":"smtp.x.io","port":587}`, `{"host":"smtp.x.io","port":587}`, ""},
		{settings.Relay, `{"hots":"smtp.x.io"}`, "", `setting smtp_relay: not an SMTP relay: json: unknown field "hots"`},
		{settings.Relay, `{"port":587}`, "", "setting smtp_relay: the relay needs a host"},
		{settings.ScoreDecay, `{"percent":10,"every_days":30}`, `{"percent":10,"every_days":30}`, ""},
		{settings.ScoreDecay, `{"percent":10}`, "", "setting score_decay: decay: say every how many days"},
		{settings.IntakeToken, "short", "", "setting intake_token: a key needs at least 16 characters"},
		{settings.TrackingKey, "00112233445566778899aabbccddeeff", "", "setting tracking_key: cannot be changed: it signs the links"},
		{settings.CapPerWeek, "", "", ""},
		{"cap_per_month", "1", "", `no such setting "cap_per_month"`},
	} {
		got, err := settings.Check(c.key, c.in)
		if c.err == "" && (err != nil || got != c.want) {
			t.Errorf("%s=%q: got %q, %v; want %q", c.key, c.in, got, err, c.want)
		}
		if c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s=%q: error %v, want one with %q", c.key, c.in, err, c.err)
		}
	}
	if _, err := settings.Check("nope", "1"); !errors.Is(err, settings.ErrUnknown) {
		t.Errorf("unknown key: %v", err)
	}
	var se *settings.Error
	if _, err := settings.Check(settings.CapPerDay, "x"); !errors.As(err, &se) || se.Key != settings.CapPerDay || se.In("en") != `"x" is not a number` || se.In("fr") != "« x » n’est pas un nombre" {
		t.Errorf("a refusal names its setting apart, in both languages: %#v", err)
	}
	if _, err := settings.Check(settings.TrackingKey, "x"); !errors.Is(err, settings.ErrReadOnly) || !errors.As(err, &se) || !strings.HasPrefix(se.In("fr"), "ne peut pas être changé : elle signe") {
		t.Errorf("read-only: %v", err)
	}
	// Every refusal of every kind has its French.
	for key, bad := range map[string]string{settings.StageBackwards: "x", settings.CapPerDay: "1.5", settings.QuietFrom: "x", settings.Language: "x", settings.From: "x",
		settings.HTTPAddr: "x", settings.PublicHost: "a/b", settings.Relay: "{}", settings.ScoreDecay: `{"percent":-1}`, settings.IntakeToken: "x", settings.TemperatureHot: "-1"} {
		_, err := settings.Check(key, bad)
		if !errors.As(err, &se) || se.In("fr") == se.In("en") {
			t.Errorf("%s=%q: no French for %v", key, bad, err)
		}
	}
}

// Set stores checked values in a real workspace, all or nothing, and
// checks the settings that go together as they will be once saved.
func TestSetGetListOnAWorkspace(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	v, err := settings.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := v.Bands(); w != 30 || h != 60 || v.StageBackwards() || v.CapPerDay() != 0 || v.From() != settings.DefaultFrom {
		t.Fatalf("defaults: %v %v %v %v %q", w, h, v.StageBackwards(), v.CapPerDay(), v.From())
	}
	if err := settings.Set(st, map[string]string{settings.StageBackwards: "yes", settings.CapPerDay: "2", settings.QuietFrom: "21:00", settings.QuietTo: "8:00"}); err != nil {
		t.Fatal(err)
	}
	v, _ = settings.Load(ctx, st)
	if from, to := v.QuietHours(); !v.StageBackwards() || v.CapPerDay() != 2 || from != "21:00" || to != "08:00" {
		t.Errorf("after set: %v %d %s-%s", v.StageBackwards(), v.CapPerDay(), from, to)
	}

	// Together: warm must stay below hot, as saved.
	err = settings.Set(st, map[string]string{settings.TemperatureWarm: "70"})
	if err == nil || !strings.Contains(err.Error(), "setting temperature_warm: the warm score (70) must be below the hot one (60)") {
		t.Errorf("warm above hot: %v", err)
	}
	if err := settings.Set(st, map[string]string{settings.TemperatureWarm: "70", settings.TemperatureHot: "90"}); err != nil {
		t.Errorf("both moved: %v", err)
	}
	err = settings.Set(st, map[string]string{settings.QuietTo: ""})
	if err == nil || !strings.Contains(err.Error(), "quiet hours need both a start and an end") {
		t.Errorf("half quiet hours: %v", err)
	}
	// All or nothing: one bad value stores none of them.
	err = settings.Set(st, map[string]string{settings.CapPerWeek: "5", settings.Language: "klingon"})
	if err == nil || !strings.Contains(err.Error(), "language") {
		t.Errorf("bad language: %v", err)
	}
	if got, _ := settings.Get(st, settings.CapPerWeek); got != "0" {
		t.Errorf("cap_per_week stored despite the refusal: %q", got)
	}

	// Secrets are masked in the list, kept in clear for Get.
	if err := settings.Set(st, map[string]string{settings.Relay: `{"name":"Acme","host":"smtp.acme.io","username":"u","password":"hunter2hunter2"}`, settings.IntakeToken: "0123456789abcdef0123"}); err != nil {
		t.Fatal(err)
	}
	byKey := map[string]settings.Entry{}
	for _, e := range settings.List(st) {
		byKey[e.Key] = e
		if strings.Contains(e.Value, "hunter2") || strings.Contains(e.Value, "0123456789abcdef") {
			t.Errorf("%s: a secret in clear in the list: %s", e.Key, e.Value)
		}
	}
	if e := byKey[settings.Relay]; !strings.Contains(e.Value, `"host":"smtp.acme.io"`) || !strings.Contains(e.Value, settings.Masked) {
		t.Errorf("relay listed as %s", e.Value)
	}
	if e := byKey[settings.IntakeToken]; e.Value != settings.Masked || e.IsDefault {
		t.Errorf("token listed as %+v", e)
	}
	if e := byKey[settings.CapPerWeek]; e.Value != "0" || !e.IsDefault {
		t.Errorf("unset cap listed as %+v", e)
	}
	if e := byKey[settings.StageBackwards]; e.Value != "true" || e.IsDefault {
		t.Errorf("stage_backwards listed as %+v", e)
	}
	if tok, _ := settings.Get(st, settings.IntakeToken); tok != "0123456789abcdef0123" {
		t.Errorf("token read back as %q", tok)
	}
	// What the list shows can be given back: the masked password keeps
	// the stored one, a masked token is refused.
	masked := byKey[settings.Relay].Value
	if err := settings.Set(st, map[string]string{settings.Relay: strings.Replace(masked, "smtp.acme.io", "smtp2.acme.io", 1)}); err != nil {
		t.Fatal(err)
	}
	if relay, _ := settings.Get(st, settings.Relay); !strings.Contains(relay, `"password":"hunter2hunter2"`) || !strings.Contains(relay, "smtp2.acme.io") {
		t.Errorf("relay after giving back the list's value: %s", relay)
	}
	if err := settings.Set(st, map[string]string{settings.IntakeToken: settings.Masked}); err == nil || !strings.Contains(err.Error(), "setting intake_token: this is the hidden value") {
		t.Errorf("masked token: %v", err)
	}
	if tok, _ := settings.Get(st, settings.IntakeToken); tok != "0123456789abcdef0123" {
		t.Errorf("token after a refused masked value: %q", tok)
	}
	// Load leaves secrets out: the table may hold a keyring placeholder.
	v, _ = settings.Load(ctx, st)
	if v.String(settings.IntakeToken) != "" {
		t.Error("Load returned a secret")
	}
	// Back to the default with the empty value.
	if err := settings.Set(st, map[string]string{settings.StageBackwards: ""}); err != nil {
		t.Fatal(err)
	}
	if got, _ := settings.Get(st, settings.StageBackwards); got != "false" {
		t.Errorf("stage_backwards after reset: %q", got)
	}
}

// A stored value that is not a number: the runner reads 0 as it always
// has, the strict reader names the setting.
func TestValuesDamaged(t *testing.T) {
	v := settings.Of(map[string]string{settings.TemperatureWarm: "many", settings.CapPerDay: "x"})
	if w, h := v.Bands(); w != 0 || h != 60 || v.CapPerDay() != 0 {
		t.Errorf("lenient: %v %v %d", w, h, v.CapPerDay())
	}
	if _, _, err := v.BandsStrict(); err == nil || err.Error() != `setting temperature_warm: "many" is not a number` {
		t.Errorf("strict: %v", err)
	}
}
