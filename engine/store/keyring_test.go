package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"flightplan/engine/store/keyringtest"
)

// startKeyring runs a private Secret Service for the test (see keyringtest).
func startKeyring(t *testing.T) { keyringtest.Start(t) }

// fileHolds reports whether the workspace's files (database and log) hold s.
func fileHolds(t *testing.T, path, s string) bool {
	for _, p := range []string{path, path + "-wal"} {
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// With a system keyring, the relay password, the intake token and the
// tracking key are kept there: the workspace file holds a placeholder, the
// engine reads them back as usual, secrets from an older workspace move in
// on first use, and a workspace whose keyring is out of reach says so
// instead of making new secrets.
func TestSecretsLiveInTheSystemKeyring(t *testing.T) {
	startKeyring(t)
	path := filepath.Join(t.TempDir(), "ws.flightplan")

	// A workspace from before: its token is in the file.
	old, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	old.SetSetting("tracking_key", "old-tracking-key-0123")
	old.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.UseKeyring()
	if !s.KeyringInUse() {
		t.Fatal("the keyring is reachable but not used")
	}
	relay := `{"name":"relay","host":"smtp.example.com","port":587,"username":"ana","password":"p@ss-W0rd-9"}`
	for k, v := range map[string]string{"intake_token": "tok-5e3c7a1b9d", "smtp_relay": relay, "language": "fr"} {
		if err := s.SetSetting(k, v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
	if v, err := s.Setting("tracking_key"); err != nil || v != "old-tracking-key-0123" {
		t.Fatalf("tracking key from before: %q %v", v, err)
	}
	if v, _ := s.Setting("intake_token"); v != "tok-5e3c7a1b9d" {
		t.Errorf("intake token %q", v)
	}
	if v, _ := s.Setting("smtp_relay"); !strings.Contains(v, `"password":"p@ss-W0rd-9"`) || !strings.Contains(v, `"host":"smtp.example.com"`) || !strings.Contains(v, `"port":587`) {
		t.Errorf("relay %s", v)
	}
	for k, want := range map[string]string{"intake_token": InKeyring, "tracking_key": InKeyring, "language": "fr"} {
		if v, _ := s.plainSetting(k); v != want {
			t.Errorf("settings table %s = %q, want %q", k, v, want)
		}
	}
	if v, _ := s.plainSetting("smtp_relay"); strings.Contains(v, "p@ss") || !strings.Contains(v, InKeyring) || !strings.Contains(v, "smtp.example.com") {
		t.Errorf("settings table relay = %s", v)
	}
	user, _ := s.keyringUser("intake_token")
	if v, err := keyring.Get(keyringService, user); err != nil || v != "tok-5e3c7a1b9d" {
		t.Errorf("the keyring holds %q (%v)", v, err)
	}
	s.Close()
	for _, secret := range []string{"tok-5e3c7a1b9d", "p@ss-W0rd-9", "old-tracking-key-0123"} {
		if fileHolds(t, path, secret) {
			t.Errorf("the workspace file holds %q", secret)
		}
	}

	// The same file where the keyring cannot be reached.
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.UseKeyring()
	if _, err := s.Setting("intake_token"); !errors.Is(err, ErrKeyringUnreachable) {
		t.Errorf("token without the keyring: %v", err)
	}
	if err := s.SetSetting("intake_token", "new"); !errors.Is(err, ErrKeyringUnreachable) {
		t.Errorf("replacing a secret the keyring holds: %v", err)
	}
}

// Without a keyring the secrets stay in the workspace file, which only its
// owner can read.
func TestSecretsWithoutKeyringStayInThePrivateFile(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	s, path := open(t)
	s.UseKeyring()
	if s.KeyringInUse() {
		t.Fatal("keyring in use with FLIGHTPLAN_KEYRING=off")
	}
	if err := s.SetSetting("intake_token", "tok-plain"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting("intake_token"); v != "tok-plain" {
		t.Errorf("token %q", v)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
}
