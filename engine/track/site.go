package track

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Site is a website the workspace declared in Settings → Website.
type Site struct {
	ID int64 `json:"id"`
	// Origin is scheme://host[:port], lower case: the only origin whose
	// pages may send events with Key.
	Origin string `json:"origin"`
	// Name is what the marketer calls it.
	Name string `json:"name"`
	// Key is the public site key pasted in the snippet. It can only send
	// WebsiteEvents, from Origin.
	Key string `json:"key"`
	// RequireConsent: nothing is recorded until the page calls
	// flightplan('consent', true).
	RequireConsent bool `json:"require_consent"`
	// HonourDNT: a browser that sends "DNT: 1" or "Sec-GPC: 1" is not
	// recorded (the workspace's setting, copied here by SiteIntake).
	HonourDNT bool `json:"-"`
}

// SiteEvent is one event the snippet sends.
type SiteEvent struct {
	Type  string         `json:"t"`
	Props map[string]any `json:"d,omitempty"`
}

// SiteIntake is what the website routes need from the workspace.
type SiteIntake interface {
	// SiteByKey returns the declared site with this public key; ok is false
	// when there is none.
	SiteByKey(ctx context.Context, key string) (s Site, ok bool, err error)
	// SiteByOrigin returns the declared site of an origin, so a click
	// redirect knows whether to name the contact to the page (fp_c).
	SiteByOrigin(ctx context.Context, origin string) (s Site, ok bool, err error)
	// Hit stores a visitor's events, received now: under the contact the
	// visitor joined, or kept anonymous until it joins one.
	Hit(ctx context.Context, site Site, visitorID string, evs []SiteEvent, at time.Time) (int, error)
	// Identify joins a visitor to a contact (here: from a tracked email
	// link's fp_c) and moves its anonymous history to the contact.
	Identify(ctx context.Context, visitorID string, contactID int64) (int, error)
}

// WebsiteEvents is the set of events a site key may send: page views, time
// on page, tracked links and downloads. Anything else (email_opened, a
// purchase) needs the secret intake token.
var WebsiteEvents = map[string]bool{
	"page_visited":    true,
	"page_left":       true,
	"link_clicked":    true,
	"file_downloaded": true,
}

// SiteLimits are the token buckets of the website route: per visitor and per
// origin, each a rate per second and a burst.
type SiteLimits struct {
	VisitorRate, VisitorBurst float64
	OriginRate, OriginBurst   float64
}

// DefaultSiteLimits let a visitor click through pages quickly (a burst of
// 30 requests, then one a second) and a site take a busy day on a laptop
// (200 requests a second, bursts of 2,000).
var DefaultSiteLimits = SiteLimits{VisitorRate: 1, VisitorBurst: 30, OriginRate: 200, OriginBurst: 2000}

// MaxSiteBody bounds one request of the snippet: a handful of events.
const MaxSiteBody = 16 << 10

// maxSiteEvents bounds the events of one request.
const maxSiteEvents = 20

//go:embed fp.js
var snippetJS []byte

// snippetGz is the script compressed once, served to browsers that take gzip.
var snippetGz = func() []byte {
	var b bytes.Buffer
	z, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	z.Write(snippetJS)
	z.Close()
	return b.Bytes()
}()

// SnippetSize returns the tracking script's size, plain and gzip-compressed.
func SnippetSize() (plain, gz int) { return len(snippetJS), len(snippetGz) }

var visitorIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// siteRoutes registers the website routes on h's mux.
func (h *Handler) siteRoutes() {
	h.limits = newBuckets()
	h.mux.HandleFunc("GET /t/fp.js", h.snippet)
	h.mux.HandleFunc("POST /t/e", h.siteEvents)
	h.mux.HandleFunc("OPTIONS /t/e", h.sitePreflight)
}

func (h *Handler) snippet(w http.ResponseWriter, r *http.Request) {
	// The same for every site (the key is in the tag): any page may load
	// it, and caches may keep it an hour.
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Vary", "Accept-Encoding")
	body := snippetJS
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		body = snippetGz
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// siteRequest is the body the snippet posts (as text/plain, so a beacon
// needs no CORS preflight).
type siteRequest struct {
	Key     string      `json:"k"`
	Visitor string      `json:"v"`
	Consent bool        `json:"cn,omitempty"`
	Contact string      `json:"c,omitempty"` // an fp_c token from an email link
	Events  []SiteEvent `json:"e"`
}

// SiteResponse is what POST /t/e answers.
type SiteResponse struct {
	// Recorded counts the events stored.
	Recorded int `json:"recorded"`
	// Skipped says why nothing was recorded: "consent" or "dnt".
	Skipped string `json:"skipped,omitempty"`
}

func (h *Handler) sitePreflight(w http.ResponseWriter, r *http.Request) {
	origin := normOrigin(r.Header.Get("Origin"))
	if _, ok, _ := h.opt.Site.SiteByOrigin(r.Context(), origin); ok {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Allow-Methods", "POST")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.Header().Set("Access-Control-Max-Age", "86400")
	}
	w.Header().Set("Vary", "Origin")
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) siteEvents(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Vary", "Origin")
	origin := normOrigin(r.Header.Get("Origin"))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxSiteBody))
	if err != nil {
		jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", MaxSiteBody))
		return
	}
	var req siteRequest
	if err := json.Unmarshal(body, &req); err != nil {
		jsonError(w, http.StatusBadRequest, "body is not the snippet's JSON: "+strings.TrimPrefix(err.Error(), "json: "))
		return
	}
	site, ok, err := h.opt.Site.SiteByKey(r.Context(), req.Key)
	if err != nil {
		h.log.Error("track: site key lookup", "err", err)
		jsonError(w, http.StatusInternalServerError, "site lookup failed")
		return
	}
	if !ok {
		jsonError(w, http.StatusForbidden, fmt.Sprintf("unknown site key %q: copy the snippet again from Settings → Website", req.Key))
		return
	}
	// The browser sends Origin with every cross-origin POST; a request
	// without one is not from a page of the site.
	if origin == "" || origin != site.Origin {
		jsonError(w, http.StatusForbidden, fmt.Sprintf("origin %q is not the site's declared origin %q", origin, site.Origin))
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", origin)
	if !visitorIDRe.MatchString(req.Visitor) {
		jsonError(w, http.StatusBadRequest, `"v" (the visitor id) must be 16 to 64 letters, digits, - or _`)
		return
	}
	if len(req.Events) > maxSiteEvents {
		jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("%d events in one request, at most %d", len(req.Events), maxSiteEvents))
		return
	}
	for i, e := range req.Events {
		if !WebsiteEvents[e.Type] {
			jsonError(w, http.StatusForbidden, fmt.Sprintf("event %d: %q cannot be sent with a site key (only page_visited, page_left, link_clicked, file_downloaded); other events need the intake token", i, e.Type))
			return
		}
	}
	if site.RequireConsent && !req.Consent {
		writeJSON(w, http.StatusOK, SiteResponse{Skipped: "consent"})
		return
	}
	if site.HonourDNT && (r.Header.Get("DNT") == "1" || r.Header.Get("Sec-GPC") == "1") {
		writeJSON(w, http.StatusOK, SiteResponse{Skipped: "dnt"})
		return
	}
	now := time.Now()
	if wait := h.limits.take(now, "o:"+origin, h.opt.SiteLimits.OriginRate, h.opt.SiteLimits.OriginBurst); wait > 0 {
		tooMany(w, wait, "this site")
		return
	}
	if wait := h.limits.take(now, "v:"+req.Visitor, h.opt.SiteLimits.VisitorRate, h.opt.SiteLimits.VisitorBurst); wait > 0 {
		tooMany(w, wait, "this visitor")
		return
	}
	if req.Contact != "" {
		// A link from an email named the contact: the visitor is them.
		// A bad token is ignored, not refused: the page view still counts.
		if c, err := h.opt.Signer.Verify(req.Contact); err == nil && c.Kind == KindVisitor && c.ContactID > 0 {
			if _, err := h.opt.Site.Identify(r.Context(), req.Visitor, c.ContactID); err != nil {
				h.log.Error("track: identify visitor from email link", "contact", c.ContactID, "err", err)
			}
		}
	}
	evs := make([]SiteEvent, 0, len(req.Events))
	for _, e := range req.Events {
		evs = append(evs, SiteEvent{Type: e.Type, Props: cleanProps(e.Props, site.Origin)})
	}
	n, err := h.opt.Site.Hit(r.Context(), site, req.Visitor, evs, now)
	if err != nil {
		h.log.Error("track: website hit", "site", site.Origin, "err", err)
		jsonError(w, http.StatusInternalServerError, "could not store the events, retry later")
		return
	}
	writeJSON(w, http.StatusOK, SiteResponse{Recorded: n})
}

func tooMany(w http.ResponseWriter, wait time.Duration, who string) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	jsonError(w, http.StatusTooManyRequests, "too many events from "+who+"; retry after "+strconv.Itoa(int(math.Ceil(wait.Seconds())))+" s")
}

// siteProps are the properties a website event keeps; anything else the
// page sends is dropped, so a site cannot store personal data under an
// anonymous visitor.
var siteProps = map[string]int{"url": 2000, "path": 1000, "title": 300, "referrer": 2000, "seconds": 0, "href": 2000, "file": 500, "visit": 0}

// cleanProps keeps the known properties, cut to their length, fills path
// from url, keeps seconds as a whole non-negative number and visit only
// when true.
func cleanProps(in map[string]any, origin string) map[string]any {
	out := make(map[string]any, len(in)+1)
	for k, v := range in {
		limit, ok := siteProps[k]
		if !ok {
			continue
		}
		if k == "visit" {
			// The first page of a visit (30 minutes without a page before
			// it): "visits in 7 days" counts these.
			if b, ok := v.(bool); ok && b {
				out[k] = true
			}
			continue
		}
		if k == "seconds" {
			if f, ok := v.(float64); ok && f >= 0 && f < 1e7 {
				out[k] = math.Round(f)
			}
			continue
		}
		if s, ok := v.(string); ok && s != "" {
			if len(s) > limit {
				s = s[:limit]
			}
			out[k] = s
		}
	}
	if u, ok := out["url"].(string); ok {
		if pu, err := url.Parse(u); err == nil {
			if _, has := out["path"]; !has {
				out["path"] = pu.Path
			}
			// Query strings can carry personal data (an email in a
			// sign-up link, our own fp_c), so they are dropped.
			pu.RawQuery, pu.Fragment = "", ""
			out["url"] = pu.String()
		}
	}
	if ref, ok := out["referrer"].(string); ok {
		if pu, err := url.Parse(ref); err == nil {
			pu.RawQuery, pu.Fragment = "", ""
			out["referrer"] = pu.String()
		}
	}
	return out
}

// normOrigin lower-cases an Origin header; "null" (a sandboxed frame, a
// file:// page) is no origin.
func normOrigin(o string) string {
	o = strings.ToLower(strings.TrimRight(strings.TrimSpace(o), "/"))
	if o == "null" {
		return ""
	}
	return o
}

// NormalizeOrigin checks a site's origin as the marketer types it
// ("https://client.example", "http://127.0.0.1:8080/") and returns it as
// browsers send it: scheme://host[:port], lower case, no path.
func NormalizeOrigin(s string) (string, error) {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%q is not a web address: write it like https://www.example.com", s)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%q must start with https:// or http://", s)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%q must be the site's address only, without a page (https://%s)", s, u.Host)
	}
	host := strings.ToLower(u.Host)
	// Browsers leave the default port out of Origin.
	if (u.Scheme == "https" && strings.HasSuffix(host, ":443")) || (u.Scheme == "http" && strings.HasSuffix(host, ":80")) {
		host = host[:strings.LastIndexByte(host, ':')]
	}
	return u.Scheme + "://" + host, nil
}

// contactLink appends fp_c, a signed token naming the contact, to a link
// of a declared site, so the snippet on the page it opens joins the
// visitor to the contact. Other links are returned as they are.
func (h *Handler) contactLink(ctx context.Context, dest string, contactID int64) string {
	if h.opt.Site == nil || contactID <= 0 {
		return dest
	}
	u, err := url.Parse(dest)
	if err != nil {
		return dest
	}
	if _, ok, _ := h.opt.Site.SiteByOrigin(ctx, normOrigin(u.Scheme+"://"+u.Host)); !ok {
		return dest
	}
	q := u.Query()
	q.Set("fp_c", h.opt.Signer.Sign(KindVisitor, "", contactID, ""))
	u.RawQuery = q.Encode()
	return u.String()
}

// buckets are token buckets by key. A full bucket is the same as no
// bucket, so the map is pruned of them when it grows.
type buckets struct {
	mu sync.Mutex
	m  map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newBuckets() *buckets { return &buckets{m: map[string]*bucket{}} }

// take spends one token of key's bucket; when none is left it returns how
// long until one is.
func (b *buckets) take(now time.Time, key string, rate, burst float64) time.Duration {
	if rate <= 0 {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	k, ok := b.m[key]
	if !ok {
		if len(b.m) >= 100_000 {
			b.prune(now, rate, burst)
		}
		k = &bucket{tokens: burst, at: now}
		b.m[key] = k
	}
	k.tokens = math.Min(burst, k.tokens+now.Sub(k.at).Seconds()*rate)
	k.at = now
	if k.tokens < 1 {
		return time.Duration((1 - k.tokens) / rate * float64(time.Second))
	}
	k.tokens--
	return 0
}

// prune drops the buckets that have refilled.
func (b *buckets) prune(now time.Time, rate, burst float64) {
	for key, k := range b.m {
		if k.tokens+now.Sub(k.at).Seconds()*rate >= burst {
			delete(b.m, key)
		}
	}
}
