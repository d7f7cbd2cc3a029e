package engine

import (
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"flightplan/engine/store"
	"flightplan/engine/track"
	"flightplan/engine/website"
)

const testOrigin = "http://127.0.0.1:8123"

// hit posts the snippet's body to /t/e from origin, as a browser would.
func (l *liveIntake) hit(t *testing.T, origin string, body map[string]any, hdr ...string) (int, string, http.Header) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", l.base+"/t/e", strings.NewReader(string(raw)))
	req.Header.Set("Content-Type", "text/plain")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func pageView(key, visitor, path string) map[string]any {
	return map[string]any{"k": key, "v": visitor, "e": []map[string]any{{"t": "page_visited",
		"d": map[string]any{"url": testOrigin + path + "?email=ana@example.com", "title": "T", "referrer": ""}}}}
}

// A site key sends only website events, only from its declared origin;
// with consent required and not given, or Do Not Track, nothing is stored;
// nothing personal is kept for an anonymous visitor (the query string goes).
func TestSiteKeyIsLimitedToWebsiteEventsAndItsOrigin(t *testing.T) {
	l := startIntake(t)
	ctx := t.Context()
	site, err := website.Add(ctx, l.e.Store, testOrigin+"/", "Client")
	if err != nil {
		t.Fatal(err)
	}
	if site.Origin != testOrigin || !strings.HasPrefix(site.Key, "fps_") {
		t.Fatalf("site %+v", site)
	}
	if _, err := website.Add(ctx, l.e.Store, "ftp://x.example", ""); err == nil || !strings.Contains(err.Error(), "https://") {
		t.Fatalf("ftp origin: %v, want refused", err)
	}
	v := "visitor-0123456789abcdef"
	opened := map[string]any{"k": site.Key, "v": v, "e": []map[string]any{{"t": "email_opened"}}}
	if code, body, _ := l.hit(t, testOrigin, opened); code != 403 || !strings.Contains(body, `\"email_opened\" cannot be sent with a site key`) {
		t.Fatalf("email_opened: %d %s, want 403 naming it", code, body)
	}
	for _, o := range []string{"", "http://evil.example", "null"} {
		code, body, h := l.hit(t, o, pageView(site.Key, v, "/"))
		if code != 403 || !strings.Contains(body, "not the site's declared origin") || h.Get("Access-Control-Allow-Origin") != "" {
			t.Fatalf("origin %q: %d %s (ACAO %q), want 403 without CORS", o, code, body, h.Get("Access-Control-Allow-Origin"))
		}
	}
	if code, body, _ := l.hit(t, testOrigin, pageView("fps_nope", v, "/")); code != 403 || !strings.Contains(body, "unknown site key") {
		t.Fatalf("unknown key: %d %s", code, body)
	}
	if n := l.count(t, "SELECT count(*) FROM visitor_events"); n != 0 {
		t.Fatalf("%d events stored by refused requests", n)
	}
	code, body, h := l.hit(t, testOrigin, pageView(site.Key, v, "/pricing"))
	if code != 200 || !strings.Contains(body, `"recorded":1`) || h.Get("Access-Control-Allow-Origin") != testOrigin {
		t.Fatalf("page view: %d %s ACAO %q", code, body, h.Get("Access-Control-Allow-Origin"))
	}
	var props string
	l.e.Store.DB().QueryRow("SELECT props FROM visitor_events").Scan(&props)
	if !strings.Contains(props, `"path":"/pricing"`) || strings.Contains(props, "ana@") {
		t.Fatalf("stored props %s: want the path, and no query string", props)
	}
	// Do Not Track (the workspace honours it by default).
	if code, body, _ := l.hit(t, testOrigin, pageView(site.Key, v, "/"), "DNT", "1"); code != 200 || !strings.Contains(body, `"skipped":"dnt"`) {
		t.Fatalf("DNT: %d %s", code, body)
	}
	// Consent required: nothing without it, the view with it.
	if err := website.SetConsent(ctx, l.e.Store, site.ID, true); err != nil {
		t.Fatal(err)
	}
	if code, body, _ := l.hit(t, testOrigin, pageView(site.Key, v, "/")); code != 200 || !strings.Contains(body, `"skipped":"consent"`) {
		t.Fatalf("no consent: %d %s", code, body)
	}
	if n := l.count(t, "SELECT count(*) FROM visitor_events"); n != 1 {
		t.Fatalf("%d events after DNT and no consent, want still 1", n)
	}
	withConsent := pageView(site.Key, v, "/")
	withConsent["cn"] = true
	if code, body, _ := l.hit(t, testOrigin, withConsent); code != 200 || !strings.Contains(body, `"recorded":1`) {
		t.Fatalf("consent given: %d %s", code, body)
	}
	// A removed site's key stops working at once.
	if err := website.Remove(ctx, l.e.Store, site.ID); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := l.hit(t, testOrigin, withConsent); code != 403 {
		t.Fatalf("removed site: %d, want 403", code)
	}
}

// One visitor gets a burst, then 429 with Retry-After; another visitor of
// the same site is not held back by the first.
func TestSiteRateLimitPerVisitor(t *testing.T) {
	l := startIntake(t)
	site, err := website.Add(t.Context(), l.e.Store, testOrigin, "")
	if err != nil {
		t.Fatal(err)
	}
	burst := int(track.DefaultSiteLimits.VisitorBurst)
	var code int
	var h http.Header
	for i := 0; i <= burst; i++ {
		code, _, h = l.hit(t, testOrigin, pageView(site.Key, "busy-visitor-000000", "/"))
	}
	if code != 429 || h.Get("Retry-After") == "" {
		t.Fatalf("request %d: %d (Retry-After %q), want 429 with Retry-After", burst+1, code, h.Get("Retry-After"))
	}
	if code, body, _ := l.hit(t, testOrigin, pageView(site.Key, "calm-visitor-0000000", "/")); code != 200 {
		t.Fatalf("another visitor: %d %s", code, body)
	}
}

// A visitor's anonymous views join the contact with their own times, once;
// the click of a tracked email link to the site names the contact (fp_c),
// and the snippet's next event joins the visitor; later views go straight
// to the contact.
func TestVisitorJoinsContactOnce(t *testing.T) {
	l := startIntake(t)
	ctx := t.Context()
	site, err := website.Add(ctx, l.e.Store, testOrigin, "")
	if err != nil {
		t.Fatal(err)
	}
	v := "visitor-aaaaaaaaaaaaaaaa"
	for _, p := range []string{"/", "/pricing", "/pricing"} {
		if code, body, _ := l.hit(t, testOrigin, pageView(site.Key, v, p)); code != 200 {
			t.Fatalf("%s: %d %s", p, code, body)
		}
	}
	earlier := time.Now().Add(-3 * 24 * time.Hour).UnixMilli()
	l.e.Store.DB().Exec("UPDATE visitor_events SET at = ?", earlier)
	if code, _, body := l.post(t, `[{"type":"newsletter_signup","email":"ana@example.com"}]`); code != 200 {
		t.Fatal(body)
	}
	var cid int64
	l.e.Store.DB().QueryRow("SELECT id FROM contacts WHERE email = 'ana@example.com'").Scan(&cid)
	n, err := l.e.Delivery.Identify(ctx, v, cid)
	if err != nil || n != 3 {
		t.Fatalf("identify: %d %v, want 3 events joined", n, err)
	}
	if got := l.count(t, "SELECT count(*) FROM events WHERE contact_id = ? AND type = 'page_visited' AND at = ?", cid, earlier); got != 3 {
		t.Fatalf("%d page_visited events at their own time on the contact, want 3", got)
	}
	var props string
	l.e.Store.DB().QueryRow("SELECT props FROM events WHERE contact_id = ? AND type = 'visits_joined'", cid).Scan(&props)
	if !strings.Contains(props, `"visits":3`) {
		t.Fatalf("visits_joined props %q", props)
	}
	if n, err := l.e.Delivery.Identify(ctx, v, cid); err != nil || n != 0 {
		t.Fatalf("second identify: %d %v, want nothing joined", n, err)
	}
	if got := l.count(t, "SELECT count(*) FROM events WHERE contact_id = ? AND type IN ('page_visited','visits_joined')", cid); got != 4 {
		t.Fatalf("%d events after the second identify, want still 4", got)
	}
	if _, err := l.e.Delivery.Identify(ctx, v, 999999); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("unknown contact: %v", err)
	}
	// Now known: a view goes to the contact at once.
	l.hit(t, testOrigin, pageView(site.Key, v, "/contact"))
	if got := l.count(t, "SELECT count(*) FROM events WHERE contact_id = ? AND type = 'page_visited'", cid); got != 4 {
		t.Fatalf("%d page views on the contact after a known visit, want 4", got)
	}

	// The email link: the click redirect names the contact to the site.
	signer, _ := track.NewSigner(mustKey(t, l))
	urls := track.URLs{Base: l.base, Signer: signer}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(urls.Click("m1@flightplan.localhost", cid, testOrigin+"/offer?x=1"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	tok := loc.Query().Get("fp_c")
	if tok == "" || loc.Query().Get("x") != "1" {
		t.Fatalf("redirect %q: want fp_c added and the link's own query kept", resp.Header.Get("Location"))
	}
	resp, _ = noFollow.Get(urls.Click("m1@flightplan.localhost", cid, "https://elsewhere.example/"))
	resp.Body.Close()
	if strings.Contains(resp.Header.Get("Location"), "fp_c") {
		t.Fatalf("a link to an undeclared site got fp_c: %s", resp.Header.Get("Location"))
	}
	v2 := "visitor-bbbbbbbbbbbbbbbb"
	l.hit(t, testOrigin, pageView(site.Key, v2, "/"))
	body := pageView(site.Key, v2, "/offer")
	body["c"] = tok
	if code, b, _ := l.hit(t, testOrigin, body); code != 200 {
		t.Fatalf("hit with fp_c: %d %s", code, b)
	}
	if got := l.count(t, "SELECT count(*) FROM visitors WHERE id = ? AND contact_id = ?", v2, cid); got != 1 {
		t.Fatal("the fp_c visitor did not join the contact")
	}
	if got := l.count(t, "SELECT count(*) FROM events WHERE contact_id = ? AND type = 'page_visited'", cid); got != 6 {
		t.Fatalf("%d page views on the contact, want 6 (4 + the earlier one + the email link's)", got)
	}
	// A copy of the workspace without its contacts (SQLite files only:
	// ForgetContacts is the file copy's) forgets visitors and their
	// anonymous visits too.
	if l.e.Store.Dialect() != store.SQLite {
		return
	}
	l.hit(t, testOrigin, pageView(site.Key, "visitor-cccccccccccccccc", "/"))
	if err := l.e.Store.ForgetContacts(ctx); err != nil {
		t.Fatal(err)
	}
	if got := l.count(t, "SELECT (SELECT count(*) FROM visitors) + (SELECT count(*) FROM visitor_events)"); got != 0 {
		t.Fatalf("%d visitor rows left after forgetting contacts", got)
	}
}

func mustKey(t *testing.T, l *liveIntake) []byte {
	t.Helper()
	k, err := l.e.Store.Setting("tracking_key")
	if err != nil {
		t.Fatal(err)
	}
	b, err := hex.DecodeString(k)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Forgetting one contact erases their history and their website visitor
// ids (a browser that comes back is a new anonymous visitor); another
// contact and an anonymous visitor are untouched.
func TestForgetContactErasesVisitors(t *testing.T) {
	l := startIntake(t)
	ctx := t.Context()
	site, err := website.Add(ctx, l.e.Store, testOrigin, "")
	if err != nil {
		t.Fatal(err)
	}
	if code, _, body := l.post(t, `[{"type":"signup","email":"gone@example.com"},{"type":"signup","email":"kept@example.com"}]`); code != 200 {
		t.Fatal(body)
	}
	var gone, kept int64
	l.e.Store.DB().QueryRow("SELECT id FROM contacts WHERE email = 'gone@example.com'").Scan(&gone)
	l.e.Store.DB().QueryRow("SELECT id FROM contacts WHERE email = 'kept@example.com'").Scan(&kept)
	for _, v := range []string{"visitor-gone-000000001", "visitor-kept-000000001", "visitor-anon-000000001"} {
		l.hit(t, testOrigin, pageView(site.Key, v, "/pricing"))
	}
	if _, err := l.e.Delivery.Identify(ctx, "visitor-gone-000000001", gone); err != nil {
		t.Fatal(err)
	}
	if _, err := l.e.Delivery.Identify(ctx, "visitor-kept-000000001", kept); err != nil {
		t.Fatal(err)
	}
	email, err := l.e.Store.ForgetContact(ctx, gone)
	if err != nil || email != "gone@example.com" {
		t.Fatalf("forget: %q %v", email, err)
	}
	for q, want := range map[string]int{
		"SELECT count(*) FROM contacts WHERE id = ?":                                          0,
		"SELECT count(*) FROM events WHERE contact_id = ?":                                    0,
		"SELECT count(*) FROM visitors WHERE contact_id = ? OR id = 'visitor-gone-000000001'": 0,
	} {
		if got := l.count(t, strings.ReplaceAll(q, "?", strconv.FormatInt(gone, 10))); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
	if got := l.count(t, "SELECT count(*) FROM events WHERE contact_id = ?", kept); got == 0 {
		t.Error("the other contact's events went too")
	}
	if got := l.count(t, "SELECT count(*) FROM visitor_events WHERE visitor_id = 'visitor-anon-000000001'"); got != 1 {
		t.Errorf("the anonymous visitor's visit: %d, want 1", got)
	}
	if _, err := l.e.Store.ForgetContact(ctx, gone); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("forgetting twice: %v", err)
	}
}
