package delivery

import (
	"errors"
	"path/filepath"
	"testing"

	"flightplan/engine/settings"
	"flightplan/engine/store"

	"github.com/zalando/go-keyring"
)

// A tracking key kept in a keyring that refuses to hand it over (locked,
// its prompt dismissed) stops the service with the keyring's error; it is
// never replaced by a new key, which would break every link already sent.
// (Before, the read's error was dropped and a new key written in its place:
// refused by this mock, which fails writes too, but taken by a keyring that
// refuses one item and accepts a new one.)
func TestSecretInUnreadableKeyringIsNotReplaced(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "")
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent") // the mock answers instead
	keyring.MockInit()
	t.Cleanup(keyring.MockInit)
	st, err := store.Open(filepath.Join(t.TempDir(), "w.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.UseKeyring()
	const key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
	if err := st.SetSetting(settings.TrackingKey, key); err != nil {
		t.Fatal(err)
	}
	if !st.KeyringInUse() {
		t.Fatal("the mock keyring was not taken into use")
	}
	keyring.MockInitWithError(errors.New("prompt dismissed"))
	got, err := secret(st, settings.TrackingKey, 32)
	if !errors.Is(err, store.ErrKeyringUnreachable) {
		t.Fatalf("secret = %x, %v; want the keyring's error", got, err)
	}
	keyring.MockInit()
	var stored string
	if err := st.ReadDB().QueryRow(`SELECT value FROM settings WHERE key=?`, settings.TrackingKey).Scan(&stored); err != nil || stored != store.InKeyring {
		t.Fatalf("workspace holds %q (%v) for the tracking key, want the keyring placeholder", stored, err)
	}
}
