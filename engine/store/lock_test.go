package store

import (
	"flightplan/engine/store/pgtest"

	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lockHelperEnv makes the test binary a second process that holds a
// workspace lock until it is killed (see TestMain).
const lockHelperEnv = "FLIGHTPLAN_TEST_HOLD_LOCK"

func TestMain(m *testing.M) {
	if ws := os.Getenv(lockHelperEnv); ws != "" {
		if _, err := LockWorkspace(ws, "flightplan run"); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute) // killed by the test long before
		os.Exit(0)
	}
	os.Exit(pgtest.Main(m))
}

// A second engine on a workspace is refused with a message naming the
// first (what, pid, since when); the lock dies with its process, so a
// killed engine never leaves the workspace locked.
func TestWorkspaceLockAcrossProcesses(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "Client #1.flightplan")
	before := time.Now()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+ws)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "locked" {
		t.Fatalf("helper: %q", line)
	}

	_, err := LockWorkspace(ws, "window")
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v, want a LockedError", err)
	}
	// The time shown is the holder's, not the clock's now (which may have
	// passed an hour or midnight since): "since 15:04", or "since Jan 2
	// 15:04" on another day.
	since := le.Holder.Since
	if since.Before(before.Add(-time.Second)) || since.After(time.Now()) {
		t.Errorf("holder since %v, want between %v and now", since, before)
	}
	msg := err.Error()
	for _, want := range []string{"this workspace is open in Flightplan", "flightplan run", fmt.Sprintf("pid %d", cmd.Process.Pid), "since ", since.Local().Format("15:04")} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if st, _ := os.Stat(LockPath(ws)); st == nil || st.Mode().Perm() != 0o600 {
		t.Errorf("lock file: %v", st)
	}

	cmd.Process.Kill() // a crash: no Release
	cmd.Wait()
	l, err := LockWorkspace(ws, "window")
	if err != nil {
		t.Fatalf("after the holder died: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(LockPath(ws)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left after release: %v", err)
	}
}

// Within one process too (the window and a second engine), and release
// frees the workspace for the next one.
func TestWorkspaceLockInProcess(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.flightplan")
	a, err := LockWorkspace(ws, "window")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockWorkspace(ws, "flightplan import"); err == nil || !strings.Contains(err.Error(), "(window, pid") {
		t.Fatalf("second lock in-process: %v", err)
	}
	// The same file through a symbolic link is the same workspace.
	link := filepath.Join(t.TempDir(), "link.flightplan")
	os.WriteFile(ws, nil, 0o600)
	if err := os.Symlink(ws, link); err != nil {
		t.Fatal(err)
	}
	if _, err := LockWorkspace(link, "flightplan run"); !errors.Is(err, ErrLocked) {
		t.Errorf("through a symbolic link: %v, want ErrLocked", err)
	}
	a.Release()
	b, err := LockWorkspace(ws, "flightplan import")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	b.Release()
}
