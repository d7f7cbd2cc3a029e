package track

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"flightplan/engine/contact"
)

// Recorder stores what a tracking request tells: an open, a click or an
// unsubscribe. The runner implements it (store the event, resume journeys);
// kind is KindOpen, KindClick or KindUnsub, and meta holds request details
// such as "url", "user_agent" and, for unsubscribes, "method".
type Recorder interface {
	Record(ctx context.Context, c Claim, kind string, meta map[string]string) error
}

// IntakeEvent is one event posted to /events by a website or a form.
type IntakeEvent struct {
	// ID is the sender's own id for the event, used to drop duplicates when
	// a client retries a POST: an id received again from the same Source
	// within 8 days is not stored twice.
	ID string `json:"id,omitempty"`
	// Source names the sender (a shop, a form) when several share the
	// intake, so their ids need only be unique each; stored with the event
	// as "intake:<source>".
	Source string `json:"source,omitempty"`
	// Type is the event name, such as "page_visited" or "form_submitted".
	Type string `json:"type"`
	// ContactID names the contact; Email may do instead (at least one is
	// required).
	ContactID int64 `json:"contact_id,omitempty"`
	// Email names the contact by address.
	Email string `json:"email,omitempty"`
	// At is when it happened; zero means "when received".
	At time.Time `json:"at,omitzero"`
	// Data holds the event's properties (url, seconds_on_page, …).
	Data map[string]any `json:"data,omitempty"`
}

// Intake takes validated events. errs, when not nil, is index-aligned with
// events: errs[i] non-nil means events[i] was refused (a shorter slice means
// the rest were fine), or, when errors.Is(errs[i], ErrDuplicate), that it
// was already received (a retry: counted, not an error). accepted counts the
// events stored. It returns once they are stored: the 200 that follows
// promises it.
type Intake interface {
	Ingest(ctx context.Context, events []IntakeEvent) (accepted int, errs []error)
}

// Limits of the intake API: an event batch is a page's worth of activity,
// not a data import (the CLI import command is for that). Each event's
// "data" is held to contact.MaxPropsDepth, MaxPropsKeys and MaxPropsBytes.
const (
	MaxIntakeBody   = 1 << 20
	MaxIntakeEvents = 1000
)

// ErrDuplicate marks an event whose id was already received: the sender
// retried. The handler counts it as "duplicates", not as an error.
var ErrDuplicate = errors.New("duplicate event id")

// HandlerOptions configures NewHandler.
type HandlerOptions struct {
	// Signer verifies the tokens in tracking URLs. Required.
	Signer *Signer
	// Recorder stores opens, clicks and unsubscribes. Required.
	Recorder Recorder
	// Intake receives /events; nil disables the route (404).
	Intake Intake
	// IntakeToken is the bearer token /events requires. Empty disables
	// /events (503): an intake without a secret would let any page on the
	// machine inject events.
	IntakeToken string
	// Log receives errors that cannot be shown to the requester (a failed
	// Record behind a pixel). Nil means slog.Default().
	Log *slog.Logger
	// PublicHosts are host names, besides loopback ones, that requests may
	// name in their Host header (a tunnel or proxy in front of the server).
	// Any other Host is refused: a web page whose domain resolves to
	// 127.0.0.1 (DNS rebinding) must not reach the server as same-origin.
	PublicHosts []string
	// Site serves the website snippet and its events (/t/…); nil disables
	// those routes (404). See site.go.
	Site SiteIntake
	// SiteLimits are the website route's rate limits; zero means
	// DefaultSiteLimits.
	SiteLimits SiteLimits
	// Forms serves the sign-up forms under /f/ (engine/forms's handler,
	// behind this one's Host check); nil disables them.
	Forms http.Handler
}

// Handler serves the tracking routes:
//
//	GET  /o/{token}.gif  1×1 GIF, records an open
//	GET  /c/{token}      302 to the signed URL, records a click
//	GET  /u/{token}      EN/FR confirmation page with a button
//	POST /u/{token}      unsubscribes (the page's button, and RFC 8058 one-click)
//	POST /events         event intake (Authorization: Bearer <token>)
//	GET  /t/fp.js        the website snippet; POST /t/e its events (site.go)
//	GET  /d/{token}      302 to the signed URL, records a download or link (download.go)
//	     /f/...          sign-up forms, when HandlerOptions.Forms is set (engine/forms)
//
// Every route answers 421 to a Host header that is neither a loopback name
// nor one of HandlerOptions.PublicHosts.
type Handler struct {
	opt       HandlerOptions
	tokenHash [sha256.Size]byte
	mux       *http.ServeMux
	log       *slog.Logger
	limits    *buckets // of the website route
}

// NewHandler returns the tracking HTTP handler.
func NewHandler(o HandlerOptions) (*Handler, error) {
	if o.Signer == nil || o.Recorder == nil {
		return nil, errors.New("track: handler: Signer and Recorder are required")
	}
	h := &Handler{opt: o, mux: http.NewServeMux(), log: o.Log}
	if h.log == nil {
		h.log = slog.Default()
	}
	// Compare hashes, not the tokens, so the comparison time does not even
	// depend on the configured token's length.
	h.tokenHash = sha256.Sum256([]byte(o.IntakeToken))
	h.mux.HandleFunc("GET /o/{file}", h.open)
	h.mux.HandleFunc("GET /c/{token}", h.click)
	h.mux.HandleFunc("GET /u/{token}", h.unsubPage)
	h.mux.HandleFunc("POST /u/{token}", h.unsubPost)
	if o.Intake != nil {
		h.mux.HandleFunc("POST /events", h.events)
	}
	if o.Site != nil {
		if h.opt.SiteLimits == (SiteLimits{}) {
			h.opt.SiteLimits = DefaultSiteLimits
		}
		h.siteRoutes()
	}
	h.mux.HandleFunc("GET /d/{token}", h.download)
	if o.Forms != nil {
		h.mux.Handle("/f/", o.Forms)
	}
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.hostAllowed(r.Host) {
		http.Error(w, "unknown host", http.StatusMisdirectedRequest)
		return
	}
	h.mux.ServeHTTP(w, r)
}

// hostAllowed accepts loopback names (localhost, *.localhost, loopback IPs)
// and the configured public hosts, with or without a port.
func (h *Handler) hostAllowed(host string) bool {
	if hh, _, err := net.SplitHostPort(host); err == nil {
		host = hh
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, p := range h.opt.PublicHosts {
		if strings.EqualFold(host, p) {
			return true
		}
	}
	return false
}

// pixel is the smallest transparent 1×1 GIF (43 bytes).
var pixel = []byte{
	0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
}

func noStore(w http.ResponseWriter) {
	// Every fetch must reach us to count; proxies and mail clients must not
	// answer from a cache.
	w.Header().Set("Cache-Control", "no-store, no-cache, must-revalidate, private")
	w.Header().Set("Referrer-Policy", "no-referrer")
}

// claim verifies the token and its kind; on failure it answers 404, which
// tells a prober nothing about why.
func (h *Handler) claim(w http.ResponseWriter, token, kind string) (Claim, bool) {
	c, err := h.opt.Signer.Verify(token)
	if err == nil && c.Kind != kind {
		err = fmt.Errorf("track: %s token used on the %s route", c.Kind, kind)
	}
	if err != nil {
		noStore(w)
		http.Error(w, "not found", http.StatusNotFound)
		return Claim{}, false
	}
	return c, true
}

func (h *Handler) open(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".gif")
	if !ok {
		http.NotFound(w, r)
		return
	}
	c, ok := h.claim(w, token, KindOpen)
	if !ok {
		return
	}
	// HEAD comes from link checkers, not readers: answer, do not count.
	if r.Method != http.MethodHead {
		if err := h.opt.Recorder.Record(r.Context(), c, KindOpen, map[string]string{"user_agent": r.UserAgent()}); err != nil {
			// The reader sees an image either way; a broken image icon
			// would help nobody.
			h.log.Error("track: record open", "message", c.MessageID, "contact", c.ContactID, "err", err)
		}
	}
	noStore(w)
	w.Header().Set("Content-Type", "image/gif")
	w.Header().Set("Content-Length", fmt.Sprint(len(pixel)))
	w.Write(pixel)
}

func (h *Handler) click(w http.ResponseWriter, r *http.Request) {
	c, ok := h.claim(w, r.PathValue("token"), KindClick)
	if !ok {
		return
	}
	u, err := url.Parse(c.Extra)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		// Signed by us, so this is a bug upstream, not an attack; still
		// refuse anything but a web address.
		h.log.Error("track: click token holds a non-web URL", "url", c.Extra, "message", c.MessageID)
		http.Error(w, "bad link", http.StatusBadRequest)
		return
	}
	if r.Method != http.MethodHead { // a link checker sees where it goes; not a click
		if err := h.opt.Recorder.Record(r.Context(), c, KindClick, map[string]string{"url": c.Extra, "user_agent": r.UserAgent()}); err != nil {
			// Redirect anyway: losing a click count is better than a dead
			// link.
			h.log.Error("track: record click", "message", c.MessageID, "contact", c.ContactID, "err", err)
		}
	}
	noStore(w)
	http.Redirect(w, r, h.contactLink(r.Context(), c.Extra, c.ContactID), http.StatusFound)
}

// The unsubscribe page shows both languages; the one the browser prefers
// comes first. A GET never unsubscribes: mail scanners and link previewers
// fetch every link, so only the button's POST (or a one-click POST) does.
var unsubTmpl = template.Must(template.New("unsub").Parse(`<!DOCTYPE html>
<html lang="{{(index .Langs 0).Code}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{{(index .Langs 0).Title}}</title>
<style>body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
section{margin-bottom:2rem}h1{font-size:1.4rem}button{font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:.3rem;background:#c0392b;color:#fff;cursor:pointer}
hr{border:0;border-top:1px solid #d9e2ec;margin:2rem 0}</style></head><body>
{{range $i, $l := .Langs}}{{if $i}}<hr>{{end}}<section lang="{{$l.Code}}">
<h1>{{if $.Done}}{{$l.DoneTitle}}{{else}}{{$l.Title}}{{end}}</h1>
<p>{{if $.Done}}{{$l.DoneText}}{{else}}{{$l.Text}}{{end}}</p>
{{if not $.Done}}<form method="post"><button type="submit">{{$l.Button}}</button></form>{{end}}
</section>{{end}}
</body></html>`))

type unsubLang struct {
	Code, Title, Text, Button, DoneTitle, DoneText string
}

var (
	unsubEN = unsubLang{"en", "Unsubscribe", "Click the button to stop receiving these emails.", "Unsubscribe",
		"You are unsubscribed", "You will not receive these emails any more."}
	unsubFR = unsubLang{"fr", "Se désabonner", "Cliquez sur le bouton pour ne plus recevoir ces courriels.", "Me désabonner",
		"Vous êtes désabonné·e", "Vous ne recevrez plus ces courriels."}
)

// langs orders the two languages by the Accept-Language header: French first
// when French is listed before English.
func langs(r *http.Request) []unsubLang {
	al := strings.ToLower(r.Header.Get("Accept-Language"))
	fr, en := strings.Index(al, "fr"), strings.Index(al, "en")
	if fr >= 0 && (en < 0 || fr < en) {
		return []unsubLang{unsubFR, unsubEN}
	}
	return []unsubLang{unsubEN, unsubFR}
}

func (h *Handler) page(w http.ResponseWriter, r *http.Request, status int, done bool) {
	noStore(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// Never inside a frame: a page that framed it could trick a reader
	// into clicking the button (clickjacking).
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	w.Header().Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	unsubTmpl.Execute(w, struct {
		Langs []unsubLang
		Done  bool
	}{langs(r), done})
}

func (h *Handler) unsubPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.claim(w, r.PathValue("token"), KindUnsub); !ok {
		return
	}
	h.page(w, r, http.StatusOK, false)
}

func (h *Handler) unsubPost(w http.ResponseWriter, r *http.Request) {
	c, ok := h.claim(w, r.PathValue("token"), KindUnsub)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	method := "page"
	// RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click" as a
	// form (urlencoded or multipart) and reads only the status code.
	// ParseMultipartForm parses an urlencoded body too before it reports
	// ErrNotMultipart; a body that parses as neither is the page's button.
	r.ParseMultipartForm(64 << 10)
	if r.PostFormValue("List-Unsubscribe") == "One-Click" {
		method = "one-click"
	}
	if err := h.opt.Recorder.Record(r.Context(), c, KindUnsub, map[string]string{"method": method, "user_agent": r.UserAgent()}); err != nil {
		// Never claim success for an unsubscribe that was not stored.
		h.log.Error("track: record unsubscribe", "message", c.MessageID, "contact", c.ContactID, "err", err)
		if method == "one-click" {
			http.Error(w, "unsubscribe failed, please retry", http.StatusInternalServerError)
			return
		}
		h.page(w, r, http.StatusInternalServerError, false)
		return
	}
	if method == "one-click" {
		noStore(w)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "unsubscribed\n")
		return
	}
	h.page(w, r, http.StatusOK, true)
}

// ItemError is one refused event in an /events response.
type ItemError struct {
	// Index is the event's position in the request, from 0.
	Index int `json:"index"`
	// Error says what is wrong with it.
	Error string `json:"error"`
}

// IntakeResponse is the JSON body /events answers with once it has read the
// batch.
type IntakeResponse struct {
	// Accepted counts the events stored.
	Accepted int `json:"accepted"`
	// Duplicates counts events whose id was already received (a retry);
	// they were stored the first time.
	Duplicates int `json:"duplicates,omitempty"`
	// Errors lists the refused events, in request order.
	Errors []ItemError `json:"errors,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

var eventType = regexp.MustCompile(`^[a-z][a-z0-9_.:-]{0,63}$`)

// validate checks one event; the message names the field so a developer
// wiring a form can fix it without reading our source.
func validate(e *IntakeEvent) error {
	switch {
	case e.Type == "":
		return errors.New(`"type" is required`)
	case !eventType.MatchString(e.Type):
		return fmt.Errorf(`"type" %q must be lower case letters, digits and _ . : - (at most 64)`, e.Type)
	case e.ContactID == 0 && e.Email == "":
		return errors.New(`one of "contact_id" or "email" is required`)
	case e.ContactID < 0:
		return fmt.Errorf(`"contact_id" %d must be positive`, e.ContactID)
	}
	if len(e.Email) > 254 { // RFC 5321's longest path
		return errors.New(`"email" is longer than 254 characters`)
	}
	if e.Email != "" {
		a, err := mail.ParseAddress(e.Email)
		if err != nil || a.Name != "" || a.Address != e.Email {
			return fmt.Errorf(`"email" %q is not an email address`, e.Email)
		}
	}
	if len(e.ID) > 200 {
		return errors.New(`"id" is longer than 200 characters`)
	}
	if e.Source != "" && !eventType.MatchString(e.Source) {
		return fmt.Errorf(`"source" %q must be lower case letters, digits and _ . : - (at most 64)`, e.Source)
	}
	if contact.IsSystemEvent(e.Type) {
		return fmt.Errorf(`"type" %q is recorded by Flightplan itself and cannot be sent to the intake`, e.Type)
	}
	if len(e.Data) > 0 {
		if err := contact.CheckProps(e.Data); err != nil {
			return err
		}
	}
	return nil
}

func (h *Handler) authorized(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	return subtle.ConstantTimeCompare(got[:], h.tokenHash[:]) == 1
}

func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	if h.opt.IntakeToken == "" {
		jsonError(w, http.StatusServiceUnavailable, "event intake is disabled: no intake token is configured")
		return
	}
	if !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="flightplan events"`)
		jsonError(w, http.StatusUnauthorized, "missing or wrong bearer token (Authorization: Bearer <token>)")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxIntakeBody))
	if err != nil {
		jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", MaxIntakeBody))
		return
	}
	decoded, ok := decodeAll(body)
	var items []json.RawMessage
	if !ok {
		// Something in the batch is wrong: split it and decode each event
		// on its own, so each gets its own error and the others are kept.
		if items, err = splitBatch(body); err != nil {
			jsonError(w, http.StatusBadRequest, err.Error())
			return
		}
		decoded = make([]IntakeEvent, len(items))
	}
	if len(decoded) > MaxIntakeEvents {
		jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("%d events in one request, at most %d", len(decoded), MaxIntakeEvents))
		return
	}
	var (
		resp  IntakeResponse
		valid []IntakeEvent
		index []int // index[i] is the position in the request of valid[i]
	)
	for i := range decoded {
		e := &decoded[i]
		if items != nil {
			dec := json.NewDecoder(bytes.NewReader(items[i]))
			dec.DisallowUnknownFields() // a typo such as "emial" should say so
			if err := dec.Decode(e); err != nil {
				resp.Errors = append(resp.Errors, ItemError{i, "invalid event: " + strings.TrimPrefix(err.Error(), "json: ")})
				continue
			}
		}
		if err := validate(e); err != nil {
			resp.Errors = append(resp.Errors, ItemError{i, err.Error()})
			continue
		}
		valid = append(valid, *e)
		index = append(index, i)
	}
	if len(valid) > 0 {
		n, errs := h.opt.Intake.Ingest(r.Context(), valid)
		resp.Accepted = n
		for j, err := range errs {
			switch {
			case err == nil || j >= len(index):
			case errors.Is(err, ErrDuplicate):
				resp.Duplicates++
			default:
				resp.Errors = append(resp.Errors, ItemError{index[j], err.Error()})
			}
		}
	}
	slices.SortStableFunc(resp.Errors, func(a, b ItemError) int { return a.Index - b.Index })
	status := http.StatusOK
	if resp.Accepted == 0 && resp.Duplicates == 0 && len(resp.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, resp)
}

// decodeAll decodes a batch whose every event is well-formed in one pass
// (the common case: half the work of splitting first). ok is false when
// anything is off — malformed JSON, a wrong type, an unknown field — and
// the caller then decodes event by event to say which one.
func decodeAll(body []byte) (evs []IntakeEvent, ok bool) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	switch body[0] {
	case '[':
		err := dec.Decode(&evs)
		return evs, err == nil && evs != nil && dec.InputOffset() == int64(len(body))
	case '{':
		// One event, or {"events": [...]}: the field set tells them apart.
		if bytes.Contains(body, []byte(`"events"`)) {
			var wrap struct {
				Events *[]IntakeEvent `json:"events"`
			}
			if err := dec.Decode(&wrap); err != nil || wrap.Events == nil || *wrap.Events == nil || dec.InputOffset() != int64(len(body)) {
				return nil, false
			}
			return *wrap.Events, true
		}
		var e IntakeEvent
		err := dec.Decode(&e)
		return []IntakeEvent{e}, err == nil && dec.InputOffset() == int64(len(body))
	}
	return nil, false
}

// splitBatch accepts a JSON array of events, {"events": [...]}, or a single
// event object, and returns each event's raw JSON.
func splitBatch(body []byte) ([]json.RawMessage, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, errors.New("empty body: send a JSON array of events")
	}
	switch body[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(body, &items); err != nil {
			return nil, fmt.Errorf("body is not a JSON array of events: %v", err)
		}
		return items, nil
	case '{':
		var wrap struct {
			Events *[]json.RawMessage `json:"events"`
		}
		if err := json.Unmarshal(body, &wrap); err != nil {
			return nil, fmt.Errorf("body is not valid JSON: %v", err)
		}
		if wrap.Events != nil {
			return *wrap.Events, nil
		}
		return []json.RawMessage{body}, nil
	}
	return nil, errors.New("body must be a JSON array of events, {\"events\": [...]} or one event object")
}
