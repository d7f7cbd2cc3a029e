package forms

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"flightplan/engine/contacts"
	"flightplan/engine/track"
)

// Service is what the form routes need from the workspace. delivery
// implements it.
type Service interface {
	// Form reads a form by its public key and the workspace's fields.
	Form(ctx context.Context, key string) (Form, map[string]contacts.FieldDef, error)
	// Submit writes a valid submission (or, for a double opt-in form,
	// sends the confirmation email). It returns ErrInvalidSubmission
	// wrapped when the workspace refuses a value.
	Submit(ctx context.Context, f Form, s Submission) error
	// Spam counts a refused bot submission.
	Spam(ctx context.Context, key string)
	// Confirm writes the submission a double opt-in link carries.
	Confirm(ctx context.Context, c track.Claim) (Form, error)
	// SiteDeclared reports whether pages of a web origin
	// ("https://client.example") may post forms: a declared site.
	SiteDeclared(ctx context.Context, origin string) bool
}

// Limits tunes the spam checks; zero values take the defaults.
type Limits struct {
	// MinFill is the shortest time between the page being made and the
	// form being sent (default 2 s): people do not fill a form faster.
	MinFill time.Duration
	// MaxAge is how long a page's time stamp stays good (default 7 days).
	MaxAge time.Duration
	// Burst and Every make the per-IP token bucket: Burst sends at once,
	// then one more every Every (defaults 5 and 20 s).
	Burst int
	Every time.Duration
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

func (l *Limits) defaults() {
	if l.MinFill == 0 {
		l.MinFill = 2 * time.Second
	}
	if l.MaxAge == 0 {
		l.MaxAge = 7 * 24 * time.Hour
	}
	if l.Burst == 0 {
		l.Burst = 5
	}
	if l.Every == 0 {
		l.Every = 20 * time.Second
	}
	if l.Now == nil {
		l.Now = time.Now
	}
}

// buckets is a token bucket per client IP. Entries full again are dropped
// when the map grows, so a flood of addresses cannot grow it for ever.
type buckets struct {
	mu sync.Mutex
	m  map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// take spends one token of ip's bucket; when it is empty it returns how long
// until the next one (0 when a token was spent).
func (b *buckets) take(ip string, l *Limits) time.Duration {
	now := l.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[string]*bucket{}
	}
	refill := func(k *bucket) {
		k.tokens += float64(now.Sub(k.at)) / float64(l.Every)
		if k.tokens > float64(l.Burst) {
			k.tokens = float64(l.Burst)
		}
		k.at = now
	}
	if len(b.m) > 10000 {
		for ip, k := range b.m {
			if refill(k); k.tokens >= float64(l.Burst) {
				delete(b.m, ip)
			}
		}
	}
	k := b.m[ip]
	if k == nil {
		k = &bucket{tokens: float64(l.Burst), at: now}
		b.m[ip] = k
	}
	refill(k)
	if k.tokens < 1 {
		return time.Duration((1 - k.tokens) * float64(l.Every))
	}
	k.tokens--
	return 0
}

// Options configures NewHandler.
type Options struct {
	// Signer signs the pages' time stamps and checks double opt-in links.
	Signer *track.Signer
	// Service reads forms and writes submissions.
	Service Service
	// Limits tunes the spam checks (defaults when zero).
	Limits Limits
	// Log receives what cannot be shown to the visitor.
	Log *slog.Logger
	// TrustedProxies, behind a reverse proxy (run --behind-proxy), are
	// where it connects from: the per-IP limit then counts the client
	// X-Forwarded-For names (track.ClientIP). None: the connection's peer.
	TrustedProxies []netip.Prefix
}

// formRoutes serves a workspace's forms:
//
//	GET  /f/{key}                  the hosted page (?embed=1 inside an iframe)
//	GET  /f/{key}/t                a fresh signed time stamp (the embed snippet's script)
//	POST /f/{key}                  a submission
//	GET  /f/{key}/confirm/{token}  the double opt-in page, with its button
//	POST /f/{key}/confirm/{token}  confirms the address
//	GET  /f/{key}/unsubscribe      a confirmation email's unsubscribe link
type formRoutes struct {
	opt     Options
	forms   Service
	limits  Limits
	buckets buckets
	log     *slog.Logger
}

// NewHandler returns the form routes, to be mounted at /f/ on the engine's
// server (track.HandlerOptions.Forms), behind its Host check.
func NewHandler(o Options) http.Handler {
	o.Limits.defaults()
	r := &formRoutes{opt: o, forms: o.Service, limits: o.Limits, log: o.Log}
	if r.log == nil {
		r.log = slog.Default()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /f/{key}", r.page)
	mux.HandleFunc("GET /f/{key}/t", r.stamp)
	mux.HandleFunc("POST /f/{key}", r.post)
	mux.HandleFunc("GET /f/{key}/confirm/{token}", r.confirmPage)
	mux.HandleFunc("POST /f/{key}/confirm/{token}", r.confirm)
	mux.HandleFunc("GET /f/{key}/unsubscribe", r.unsubscribe)
	return mux
}

// Stamp signs the time a page was made. The token is a track.KindForm claim
// whose message id is the form's key and whose "contact" number is the
// Unix time in milliseconds.
func (r *formRoutes) newStamp(key string) string {
	return r.opt.Signer.Sign(track.KindForm, key, r.limits.Now().UnixMilli(), "")
}

// checkStamp reports whether a stamp is ours, for this form, and old enough.
func (r *formRoutes) checkStamp(key, stamp string) bool {
	c, err := r.opt.Signer.Verify(stamp)
	if err != nil || c.Kind != track.KindForm || c.MessageID != key {
		return false
	}
	age := r.limits.Now().Sub(time.UnixMilli(c.ContactID))
	return age >= r.limits.MinFill && age <= r.limits.MaxAge
}

func (r *formRoutes) load(w http.ResponseWriter, req *http.Request) (Form, map[string]contacts.FieldDef, bool) {
	f, defs, err := r.forms.Form(req.Context(), req.PathValue("key"))
	if err != nil {
		noStore(w)
		http.Error(w, "not found", http.StatusNotFound)
		return f, nil, false
	}
	return f, defs, true
}

func (r *formRoutes) write(w http.ResponseWriter, status int, f *Form, defs map[string]contacts.FieldDef, st State) {
	noStore(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// Framing is allowed (the iframe snippet); scripts are not needed. The
	// confirmation button posts only back here and is never framed.
	csp := "default-src 'none'; style-src 'unsafe-inline'; form-action *"
	if st.Button != "" {
		csp = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
	}
	w.Header().Set("Content-Security-Policy", csp)
	w.WriteHeader(status)
	w.Write(Page(f, defs, st))
}

func (r *formRoutes) page(w http.ResponseWriter, req *http.Request) {
	f, defs, ok := r.load(w, req)
	if !ok {
		return
	}
	vals := map[string]string{VisitorField: req.URL.Query().Get("vid"), PageField: req.Referer()}
	r.write(w, http.StatusOK, &f, defs, State{Action: "/f/" + f.Key, Stamp: r.newStamp(f.Key),
		Values: vals, Embedded: req.URL.Query().Get("embed") == "1"})
}

func (r *formRoutes) stamp(w http.ResponseWriter, req *http.Request) {
	if _, _, ok := r.load(w, req); !ok {
		return
	}
	noStore(w)
	// Any page may read a stamp: it is no secret, only a time.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(r.newStamp(req.PathValue("key"))))
}

// originAllowed accepts a post with no Origin (an old browser, a tool), one
// from the server itself, from a loopback page (a consultant's local copy
// of the site) or from a declared site.
func (r *formRoutes) originAllowed(req *http.Request) bool {
	o := req.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, req.Host) {
		return true
	}
	host := u.Hostname()
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	return r.forms.SiteDeclared(req.Context(), strings.ToLower(u.Scheme+"://"+u.Host))
}

func (r *formRoutes) post(w http.ResponseWriter, req *http.Request) {
	f, defs, ok := r.load(w, req)
	if !ok {
		return
	}
	t := TextsFor(f.Lang)
	if !r.originAllowed(req) {
		noStore(w)
		http.Error(w, fmt.Sprintf("form %q: posts from %s are not accepted: declare the site in Settings → Website", f.Name, req.Header.Get("Origin")), http.StatusForbidden)
		return
	}
	if wait := r.buckets.take(track.ClientIP(req, r.opt.TrustedProxies), &r.limits); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		r.write(w, http.StatusTooManyRequests, &f, defs, State{Done: true, DoneTitle: t.Check, DoneText: t.Busy})
		return
	}
	req.Body = http.MaxBytesReader(w, req.Body, 64<<10)
	if err := req.ParseForm(); err != nil {
		noStore(w)
		http.Error(w, "form body unreadable or larger than 64 KB", http.StatusBadRequest)
		return
	}
	vals := map[string]string{}
	for k := range req.PostForm {
		vals[k] = req.PostForm.Get(k)
	}
	if vals[PageField] == "" {
		vals[PageField] = req.Referer()
	}
	done := func() {
		if f.Redirect != "" {
			noStore(w)
			http.Redirect(w, req, f.Redirect, http.StatusSeeOther)
			return
		}
		st := State{Done: true}
		if f.DoubleOptIn {
			st.DoneTitle, st.DoneText = t.Confirm, t.ConfirmText
		}
		r.write(w, http.StatusOK, &f, defs, st)
	}
	// A bot that filled the honeypot is told it worked, so it does not
	// try again differently; nothing is written but the count.
	if vals[HoneypotField] != "" {
		r.forms.Spam(req.Context(), f.Key)
		done()
		return
	}
	again := State{Action: "/f/" + f.Key, Stamp: r.newStamp(f.Key), Values: vals}
	clean, errs := Validate(&f, defs, vals)
	if len(errs) > 0 {
		again.Errors, again.Message = errs, t.Check
		r.write(w, http.StatusUnprocessableEntity, &f, defs, again)
		return
	}
	// Sent faster than a person types, or with no stamp at all (the
	// snippet's script did not run): the page comes back with the values
	// kept and a fresh stamp, so a person sends it again with one click.
	if !r.checkStamp(f.Key, vals[StampField]) {
		r.forms.Spam(req.Context(), f.Key)
		again.Message = t.TooFast
		r.write(w, http.StatusUnprocessableEntity, &f, defs, again)
		return
	}
	err := r.forms.Submit(req.Context(), f, Submission{Values: clean, Page: vals[PageField], Visitor: vals[VisitorField]})
	if errors.Is(err, ErrInvalidSubmission) {
		again.Message = t.Check
		again.Errors = FieldErrors{"email": ErrInvalid}
		r.write(w, http.StatusUnprocessableEntity, &f, defs, again)
		return
	}
	if err != nil {
		r.log.Error("track: form submission", "form", f.Name, "err", err)
		noStore(w)
		http.Error(w, "the form could not be saved, please try again", http.StatusInternalServerError)
		return
	}
	done()
}

func (r *formRoutes) confirmClaim(w http.ResponseWriter, req *http.Request) (Form, map[string]contacts.FieldDef, track.Claim, bool) {
	f, defs, ok := r.load(w, req)
	if !ok {
		return f, defs, track.Claim{}, false
	}
	c, err := r.opt.Signer.Verify(req.PathValue("token"))
	if err != nil || c.Kind != track.KindConfirm || c.MessageID != f.Key {
		t := TextsFor(f.Lang)
		r.write(w, http.StatusNotFound, &f, defs, State{Done: true, DoneTitle: t.Check, DoneText: t.Expired})
		return f, defs, c, false
	}
	return f, defs, c, true
}

// confirmPage shows a button: a GET never confirms, since mail scanners
// fetch every link of a message.
func (r *formRoutes) confirmPage(w http.ResponseWriter, req *http.Request) {
	f, defs, _, ok := r.confirmClaim(w, req)
	if !ok {
		return
	}
	r.write(w, http.StatusOK, &f, defs, State{Button: TextsFor(f.Lang).ConfirmButton})
}

func (r *formRoutes) confirm(w http.ResponseWriter, req *http.Request) {
	f, defs, c, ok := r.confirmClaim(w, req)
	if !ok {
		return
	}
	t := TextsFor(f.Lang)
	if _, err := r.forms.Confirm(req.Context(), c); err != nil {
		r.log.Error("track: form confirmation", "form", f.Name, "err", err)
		r.write(w, http.StatusUnprocessableEntity, &f, defs, State{Done: true, DoneTitle: t.Check, DoneText: t.Expired})
		return
	}
	if f.Redirect != "" {
		noStore(w)
		http.Redirect(w, req, f.Redirect, http.StatusSeeOther)
		return
	}
	r.write(w, http.StatusOK, &f, defs, State{Done: true, DoneTitle: t.Confirmed, DoneText: t.ConfirmedText})
}

// unsubscribe answers a confirmation email's unsubscribe link: the address
// is kept only once confirmed, so there is nothing to remove.
func (r *formRoutes) unsubscribe(w http.ResponseWriter, req *http.Request) {
	f, defs, ok := r.load(w, req)
	if !ok {
		return
	}
	t := TextsFor(f.Lang)
	r.write(w, http.StatusOK, &f, defs, State{Done: true, DoneTitle: t.NotKept, DoneText: t.NotKeptText})
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func noStore(w http.ResponseWriter) {
	// A form's page holds a fresh time stamp and maybe the values typed:
	// never from a cache.
	w.Header().Set("Cache-Control", "no-store, no-cache, must-revalidate, private")
	w.Header().Set("Referrer-Policy", "no-referrer")
}
