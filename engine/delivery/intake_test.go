package delivery

import (
	"net/http"
	"testing"
	"time"
)

// Every phase of a request is bounded: a slow or silent client cannot hold
// a connection and its goroutine for ever.
func TestHTTPServerTimeouts(t *testing.T) {
	s := newHTTPServer(http.NotFoundHandler())
	for name, d := range map[string]time.Duration{"ReadHeaderTimeout": s.ReadHeaderTimeout, "ReadTimeout": s.ReadTimeout,
		"WriteTimeout": s.WriteTimeout, "IdleTimeout": s.IdleTimeout} {
		if d <= 0 || d > 2*time.Minute {
			t.Errorf("%s = %s, want set and at most 2 minutes", name, d)
		}
	}
}
