package engine

import (
	"errors"
	"net/smtp"
	"strings"
	"testing"

	"flightplan/engine/delivery"
	"flightplan/engine/store"
)

// The running engine's capture mailbox takes mail from the engine only: any
// other local process is refused before it can send a byte of message, and
// nothing lands in the workspace.
func TestCaptureMailboxRefusesOtherLocalClients(t *testing.T) {
	e, err := New(Options{Workspace: testWorkspace(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.Start(StartOptions{Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0"}}); err != nil {
		t.Fatal(err)
	}
	err = smtp.SendMail(e.Delivery.CaptureAddr(), nil, "intruder@example.com", []string{"ana@example.com"},
		[]byte("Subject: dropped in\r\n\r\nhello\r\n"))
	if err == nil || !strings.Contains(err.Error(), "530") {
		t.Fatalf("a local client without the engine's password: %v, want 530", err)
	}
	if box, err := e.Store.Mailbox(10); err != nil || len(box) != 0 {
		t.Fatalf("mailbox holds %d messages (%v), want none", len(box), err)
	}
}

// A relay whose password is in a keyring that cannot be reached stops the
// engine with a message; it never falls back to the capture mailbox, where
// the emails would silently stay on this computer.
func TestRelayWithUnreachablePasswordDoesNotFallBack(t *testing.T) {
	e, err := New(Options{Workspace: testWorkspace(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// As the keyring left it: the password stands for an entry this
	// process cannot read (no UseKeyring here, as on a machine without one).
	if _, err := e.Store.DB().Exec(`INSERT INTO settings(key,value) VALUES('smtp_relay', ?)`,
		`{"name":"relay","host":"smtp.example.com","port":587,"security":"starttls","username":"ana","password":"`+store.InKeyring+`"}`); err != nil {
		t.Fatal(err)
	}
	err = e.Start(StartOptions{Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0"}})
	if !errors.Is(err, store.ErrKeyringUnreachable) {
		t.Fatalf("start: %v, want the keyring error", err)
	}
	if e.Delivery != nil && e.Delivery.CaptureAddr() != "" {
		t.Error("the capture mailbox took the relay's place")
	}
}
