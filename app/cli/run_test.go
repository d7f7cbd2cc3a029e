package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// With --relay there is no capture mailbox: the banner names the relay
// the emails go through instead of an empty mailbox address.
func TestRunBannerNamesTheRelay(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.flightplan")
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- Main([]string{"run", "--workspace", ws, "--http", "127.0.0.1:0", "--relay", "127.0.0.1:1"}, &out, &errb)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "tracking and intake") {
		if time.Now().After(deadline) {
			t.Fatalf("run did not start: %s %s", out.String(), errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT) // run stops on it, as on Ctrl-C
	if code := <-done; code != 0 {
		t.Errorf("run: exit %d", code)
	}
	if b := out.String(); !strings.Contains(b, "sending through the relay 127.0.0.1:1\n") || strings.Contains(b, "capture mailbox") {
		t.Fatalf("banner:\n%s", b)
	}
}
