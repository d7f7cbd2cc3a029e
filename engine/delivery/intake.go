package delivery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/runner"
	"flightplan/engine/settings"
	"flightplan/engine/store"
	"flightplan/engine/track"
)

// Ingest implements track.Intake: website and form events. The whole
// request goes to the runner at once and shares a commit with concurrent
// requests; an event for an unknown email creates the contact (a sign-up
// form), in the same transaction and only if the event is accepted.
func (s *Service) Ingest(ctx context.Context, evs []track.IntakeEvent) (int, []error) {
	in := make([]runner.EventInput, len(evs))
	for i, e := range evs {
		in[i] = runner.EventInput{ContactID: e.ContactID, Email: e.Email, Type: e.Type, Props: e.Data, At: e.At, ID: e.ID, Source: e.Source}
		if e.ContactID == 0 && e.Email != "" {
			in[i].CreateContact = true
			in[i].Identity = map[string]string{}
			for _, f := range contact.IdentityFields {
				if v, ok := e.Data[f].(string); ok && f != "email" {
					in[i].Identity[f] = v
				}
			}
		}
	}
	errs := make([]error, len(evs))
	ids, rej, err := s.run.IngestShared(ctx, in, "intake")
	if err != nil {
		for i := range errs {
			errs[i] = err
		}
		return 0, errs
	}
	for _, r := range rej {
		errs[r.Index] = r.Err
		if errors.Is(r.Err, runner.ErrDuplicate) {
			errs[r.Index] = fmt.Errorf("%w: %w", track.ErrDuplicate, r.Err)
		}
	}
	if len(ids) > 0 {
		s.poke()
	}
	return len(ids), errs
}

// poke tells the scheduler new events are stored.
func (s *Service) poke() {
	if s.onEvents != nil {
		s.onEvents()
	}
}

// newHTTPServer bounds every phase of a request: a client that opens a
// connection and sends nothing, or sends a body a byte a minute, cannot hold
// a connection (and its goroutine) for ever.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second, // a 1 MB event batch, slowly
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// publicHosts reads settings.PublicHost: host names, besides loopback ones,
// the tracking server answers to.
func publicHosts(st *store.Store) []string {
	var out []string
	for _, h := range strings.Split(setting(st, settings.PublicHost), ",") {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}
