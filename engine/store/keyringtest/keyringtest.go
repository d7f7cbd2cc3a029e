// Package keyringtest runs a real system keyring for tests: a private
// D-Bus session bus and GNOME Keyring's Secret Service on it, unlocked,
// with the test process pointed at that bus. Tests that keep secrets in
// the keyring use it instead of the user's own keyring (or a mock).
package keyringtest

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// Start runs a private D-Bus session bus and GNOME Keyring's Secret
// Service on it (Debian's dbus-daemon and gnome-keyring, installed by
// build/setup.sh test), and points this process at that bus. A missing tool
// fails the test: the keyring path must not pass untested.
func Start(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"dbus-daemon", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: run build/setup.sh test", tool)
		}
	}
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	os.Mkdir(run, 0o700)
	env := append(os.Environ(), "XDG_RUNTIME_DIR="+run, "XDG_DATA_HOME="+filepath.Join(dir, "data"), "HOME="+dir)
	// A bus of our own with no service files: nothing is started on demand
	// (the system's D-Bus activation of a second keyring daemon, racing
	// ours, would hold a locked keyring).
	conf := filepath.Join(dir, "bus.conf")
	os.WriteFile(conf, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=`+dir+`</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`), 0o600)
	bus := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--nopidfile", "--print-address=1")
	bus.Env = env
	out, _ := bus.StdoutPipe()
	if err := bus.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bus.Process.Kill(); bus.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon: %v", err)
	}
	addr = strings.TrimSpace(addr)
	kr := exec.Command("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
	kr.Env = append(env, "DBUS_SESSION_BUS_ADDRESS="+addr)
	kr.Stdin = strings.NewReader("test-login-password")
	krLog := &lockedBuffer{}
	kr.Stdout, kr.Stderr = krLog, krLog
	if err := kr.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kr.Process.Kill(); kr.Wait() })
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	t.Setenv("FLIGHTPLAN_KEYRING", "")
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := keyring.Get("Flightplan", "probe")
		if err == nil || errors.Is(err, keyring.ErrNotFound) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the Secret Service did not come up: %v\n%s", err, krLog.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// lockedBuffer collects a process's output while the test may read it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
