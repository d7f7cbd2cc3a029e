package mail_test

// Closing right after starting must not hang (Serve may not have run yet).

import (
	"context"
	"testing"
	"time"

	"flightplan/engine/mail"
)

type sink struct{}

func (sink) Store(context.Context, mail.Captured) error { return nil }

func TestCloseRightAway(t *testing.T) {
	for i := 0; i < 200; i++ {
		s, err := mail.NewCaptureServer(mail.CaptureOptions{Sink: sink{}})
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { s.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second): // generous: a loaded CI machine
			t.Fatalf("Close hangs at iteration %d", i)
		}
	}
}
