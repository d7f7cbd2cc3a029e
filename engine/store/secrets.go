package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"flightplan/engine/settings"
)

// Secret settings: the intake token, the tracking key and the SMTP relay's
// password. With UseKeyring and a reachable system keyring (the Secret
// Service over D-Bus: GNOME Keyring, KWallet), their values live there and
// the settings table only holds InKeyring in their place; without one they
// stay in the workspace file, which is its owner's only (0600). Either way
// Setting and SetSetting read and write them like any other setting.
//
// The value of secretSettings is the JSON field that is secret when the
// setting is a JSON object ("" when the whole value is); the settings
// registry says which settings are secret.
var secretSettings = settings.SecretFields()

// InKeyring stands in the settings table for a secret kept in the keyring.
const InKeyring = "(kept in the system keyring)"

// keyringService names Flightplan's entries in the keyring; each entry's
// user is "<workspace id>/<setting>", the id being random and kept in the
// workspace (meta.workspace_id), so a renamed or moved file keeps its
// secrets on this machine.
const keyringService = "Flightplan"

// ErrKeyringUnreachable is returned for a secret that was put in the
// system keyring when the keyring cannot be reached now (locked, or the
// workspace was copied from another machine).
var ErrKeyringUnreachable = errors.New("the system keyring is locked or not reachable")

// keyringProbeTimeout bounds the first call to the keyring: a keyring that
// does not answer (a prompt nobody sees, a dead daemon) must not stop the
// workspace from opening.
const keyringProbeTimeout = 3 * time.Second

type secrets struct {
	once sync.Once
	on   bool // UseKeyring was called
	ok   bool // the keyring answered the probe
	mu   sync.Mutex
	id   string
}

// UseKeyring makes the store keep secret settings in the system keyring
// when one is reachable. The window and the command line call it; tests
// and tools that open throwaway workspaces do not, so they never write
// into their user's keyring.
func (s *Store) UseKeyring() { s.sec.on = true }

// KeyringInUse reports whether secret settings go to the system keyring.
func (s *Store) KeyringInUse() bool { return s.keyring() }

// keyring says, probing once, whether the keyring is to be used.
func (s *Store) keyring() bool {
	if !s.sec.on {
		return false
	}
	s.sec.once.Do(func() {
		if os.Getenv("FLIGHTPLAN_KEYRING") == "off" || !sessionBus() {
			return
		}
		done := make(chan error, 1)
		go func() {
			_, err := keyring.Get(keyringService, "probe")
			done <- err
		}()
		select {
		case err := <-done:
			s.sec.ok = err == nil || errors.Is(err, keyring.ErrNotFound)
		case <-time.After(keyringProbeTimeout):
		}
	})
	return s.sec.ok
}

// sessionBus reports whether a D-Bus session bus is announced. Without
// one, the D-Bus library would try to start one (dbus-launch): no keyring
// is better than a stray daemon.
func sessionBus() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return true
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return true
		}
	}
	return false
}

// keyringUser is the keyring entry of a setting of this workspace.
func (s *Store) keyringUser(key string) (string, error) {
	s.sec.mu.Lock()
	defer s.sec.mu.Unlock()
	if s.sec.id == "" {
		var id string
		ctx := context.Background()
		err := s.QueryRow(ctx, "get-meta", "workspace_id").Scan(&id)
		if err != nil || id == "" {
			b := make([]byte, 12)
			rand.Read(b)
			id = hex.EncodeToString(b)
			if _, err := s.Exec(ctx, "add-meta", "workspace_id", id); err != nil {
				return "", err
			}
			if err := s.QueryRow(ctx, "get-meta", "workspace_id").Scan(&id); err != nil {
				return "", err
			}
		}
		s.sec.id = id
	}
	return s.sec.id + "/" + key, nil
}

func unreachable(key string) error {
	return fmt.Errorf("setting %s: %w: unlock it, or on another machine enter the secret again (Settings)", key, ErrKeyringUnreachable)
}

// readSecret turns the stored form of a secret setting into its value,
// moving a secret still in the file into the keyring when it can.
func (s *Store) readSecret(key, field, stored string) (string, error) {
	if field == "" {
		if stored != InKeyring {
			if stored != "" && s.keyring() {
				_ = s.writeSecret(key, field, stored) // moved on next read if this fails
			}
			return stored, nil
		}
		if !s.keyring() {
			return "", unreachable(key)
		}
		user, err := s.keyringUser(key)
		if err != nil {
			return "", err
		}
		v, err := keyring.Get(keyringService, user)
		if errors.Is(err, keyring.ErrNotFound) {
			return "", nil // removed from the keyring by hand: as if never set
		}
		if err != nil {
			return "", fmt.Errorf("setting %s: %w (%v)", key, ErrKeyringUnreachable, err)
		}
		return v, nil
	}
	obj, ok := jsonObject(stored)
	if !ok {
		return stored, nil
	}
	var cur string
	_ = json.Unmarshal(obj[field], &cur)
	if cur == "" {
		return stored, nil
	}
	if cur != InKeyring {
		if s.keyring() {
			_ = s.writeSecret(key, field, stored)
		}
		return stored, nil
	}
	v, err := s.readSecret(key+"."+field, "", InKeyring)
	if err != nil {
		return "", err
	}
	obj[field], _ = json.Marshal(v)
	b, err := json.Marshal(obj)
	return string(b), err
}

// writeSecret stores a secret setting: in the keyring when it is in use,
// else in the table (refusing to replace a secret the keyring holds).
func (s *Store) writeSecret(key, field, value string) error {
	if field == "" {
		stored, _ := s.plainSetting(key)
		if !s.keyring() {
			if stored == InKeyring {
				return unreachable(key)
			}
			return s.setPlain(key, value)
		}
		user, err := s.keyringUser(key)
		if err != nil {
			return err
		}
		if value == "" {
			if err := keyring.Delete(keyringService, user); err != nil && !errors.Is(err, keyring.ErrNotFound) {
				return fmt.Errorf("setting %s: %w (%v)", key, ErrKeyringUnreachable, err)
			}
			return s.setPlain(key, "")
		}
		if err := keyring.Set(keyringService, user, value); err != nil {
			return fmt.Errorf("setting %s: %w (%v)", key, ErrKeyringUnreachable, err)
		}
		return s.scrub(key, InKeyring)
	}
	obj, ok := jsonObject(value)
	if !ok {
		return s.setPlain(key, value)
	}
	var secret string
	_ = json.Unmarshal(obj[field], &secret)
	if secret == "" || secret == InKeyring || !s.keyring() {
		if secret == InKeyring && !s.keyring() {
			return unreachable(key)
		}
		if secret == "" {
			// No password any more: forget the one in the keyring.
			_ = s.writeSecret(key+"."+field, "", "")
		}
		return s.setPlain(key, value)
	}
	if err := s.writeSecret(key+"."+field, "", secret); err != nil {
		return err
	}
	obj[field], _ = json.Marshal(InKeyring)
	b, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	return s.scrub(key, string(b))
}

// scrub replaces a setting with SQLite's secure_delete on, so the bytes of
// the secret it held are overwritten with zeros in the page instead of
// lingering in its free space (and so in the file after the next
// checkpoint).
func (s *Store) scrub(key, value string) error {
	ctx := context.Background()
	c, err := s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `PRAGMA secure_delete=ON`); err != nil {
		return err
	}
	defer c.ExecContext(ctx, `PRAGMA secure_delete=OFF`)
	// secure_delete is a setting of the connection: the statement runs on
	// the one the pragma was set on.
	_, err = With(c).Exec(ctx, "set-setting", key, value)
	return err
}

// jsonObject decodes a JSON object keeping each value's text as is.
func jsonObject(v string) (map[string]json.RawMessage, bool) {
	if !bytes.HasPrefix(bytes.TrimSpace([]byte(v)), []byte("{")) {
		return nil, false
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v), &obj); err != nil {
		return nil, false
	}
	return obj, true
}
