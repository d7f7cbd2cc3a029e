package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"flightplan/engine"
	"flightplan/engine/flow"
)

// While the window has the workspace open, commands that write are refused
// with a message naming it; reading commands still work; once the window
// closes, the same command goes through.
func TestWritingCommandsRefusedWhileWorkspaceOpen(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.flightplan")
	win, err := engine.New(engine.Options{Workspace: ws, Lock: "window"})
	if err != nil {
		t.Fatal(err)
	}
	defer win.Close()
	if err := win.Store.SaveFlow(flow.New("welcome", "Welcome"), time.Now()); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "other.flow.json")
	body, _ := flow.Marshal(flow.New("other", "Other"))
	os.WriteFile(file, body, 0o600)

	for _, args := range [][]string{{"import", "flow", file}, {"publish", "welcome"}, {"enroll", "welcome"}, {"run", "--http", "127.0.0.1:0", "--capture", "127.0.0.1:0"}} {
		var out, errb bytes.Buffer
		code := Main(append(args, "--workspace", ws), &out, &errb)
		if code == 0 || !strings.Contains(errb.String(), "this workspace is open in Flightplan (window, pid") {
			t.Errorf("%v while the window is open: exit %d, %q", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := Main([]string{"export", "flow", "welcome", "--workspace", ws}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"welcome"`) {
		t.Errorf("export (read-only) while the window is open: exit %d, %s", code, errb.String())
	}

	win.Close()
	out.Reset()
	errb.Reset()
	if code := Main([]string{"import", "flow", file, "--workspace", ws}, &out, &errb); code != 0 {
		t.Errorf("import after the window closed: exit %d, %s", code, errb.String())
	}
}

// syncBuffer is written by the command's goroutine and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// `flightplan run` never prints the intake token (terminals and service
// logs keep it); it says how to get it, and `flightplan token` prints it,
// beside the running engine.
func TestRunDoesNotPrintTheToken(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.flightplan")
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- Main([]string{"run", "--workspace", ws, "--http", "127.0.0.1:0", "--capture", "127.0.0.1:0"}, &out, &errb)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "capture mailbox") {
		if time.Now().After(deadline) {
			t.Fatalf("run did not start: %s %s", out.String(), errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	var tok, terr bytes.Buffer
	if code := Main([]string{"token", "--workspace", ws}, &tok, &terr); code != 0 {
		t.Fatalf("token: exit %d, %s", code, terr.String())
	}
	token := strings.TrimSpace(tok.String())
	if len(token) < 32 {
		t.Fatalf("token %q", token)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	if code := <-done; code != 0 {
		t.Errorf("run: exit %d", code)
	}
	all := out.String() + errb.String()
	if strings.Contains(all, token) {
		t.Errorf("run printed the intake token:\n%s", all)
	}
	if !strings.Contains(all, "flightplan token") {
		t.Errorf("run does not say how to get the token:\n%s", all)
	}
}

// `import flow` refuses an id that is a path, naming the file.
func TestImportRefusesPathLikeFlowID(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "evil.flow.json")
	body, _ := flow.Marshal(flow.New("../../etc/passwd", "Evil"))
	os.WriteFile(file, body, 0o600)
	var out, errb bytes.Buffer
	code := Main([]string{"import", "flow", file, "--workspace", filepath.Join(dir, "ws.flightplan")}, &out, &errb)
	if code == 0 || !strings.Contains(errb.String(), file+": flow id \"../../etc/passwd\"") {
		t.Errorf("exit %d, %q", code, errb.String())
	}
}
