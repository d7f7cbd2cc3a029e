package mail

import (
	"context"
	"testing"
)

func BenchmarkScratchSend(b *testing.B) {
	sink := &countSink{}
	srv, _ := startCapture(b, CaptureOptions{Sink: sink})
	p := loopbackProfile(b, srv)
	p.Connections = 1
	s := newSender(b, p)
	raw, env := testMessage(b, 1)
	for b.Loop() {
		if r := s.Send(context.Background(), env, raw); r.Status != StatusSent {
			b.Fatal(r)
		}
	}
}
