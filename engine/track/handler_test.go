package track

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

type recorded struct {
	Claim Claim
	Kind  string
	Meta  map[string]string
}

type memRecorder struct {
	mu   sync.Mutex
	got  []recorded
	fail error
}

func (m *memRecorder) Record(_ context.Context, c Claim, kind string, meta map[string]string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.got = append(m.got, recorded{c, kind, meta})
	return nil
}

func (m *memRecorder) all() []recorded {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]recorded(nil), m.got...)
}

// memIntake refuses events whose type is "refuse_me", to exercise the
// index mapping of the Intake's own errors.
type memIntake struct {
	mu  sync.Mutex
	got []IntakeEvent
}

func (m *memIntake) Ingest(_ context.Context, ev []IntakeEvent) (int, []error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	errs := make([]error, len(ev))
	n := 0
	for i, e := range ev {
		if e.Type == "refuse_me" {
			errs[i] = errors.New("store refused it")
			continue
		}
		if e.Type == "seen_before" {
			errs[i] = fmt.Errorf("%w: id %q", ErrDuplicate, e.ID)
			continue
		}
		m.got = append(m.got, e)
		n++
	}
	return n, errs
}

const intakeToken = "s3cret-intake-token"

type fixture struct {
	srv    *httptest.Server
	urls   URLs
	rec    *memRecorder
	intake *memIntake
	client *http.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s := newSigner(t)
	f := &fixture{rec: &memRecorder{}, intake: &memIntake{}}
	h, err := NewHandler(HandlerOptions{Signer: s, Recorder: f.rec, Intake: f.intake, IntakeToken: intakeToken,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.srv.Close)
	f.urls = URLs{Base: f.srv.URL, Signer: s}
	f.client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return f
}

func (f *fixture) do(t *testing.T, method, u, ctype, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestOpenPixel(t *testing.T) {
	f := newFixture(t)
	resp, body := f.do(t, "GET", f.urls.Open("m1", 7), "", "", map[string]string{"User-Agent": "TestMail/1"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/gif" || !bytes.Equal([]byte(body), pixel) {
		t.Fatalf("open: status %d type %q len %d", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	if !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("open pixel is cacheable: %q", resp.Header.Get("Cache-Control"))
	}
	if resp, _ := f.do(t, "HEAD", f.urls.Open("m1", 7), "", "", nil); resp.StatusCode != 200 {
		t.Fatalf("HEAD pixel: %d", resp.StatusCode)
	}
	got := f.rec.all()
	if len(got) != 1 || got[0].Kind != KindOpen || got[0].Claim.MessageID != "m1" || got[0].Claim.ContactID != 7 || got[0].Meta["user_agent"] != "TestMail/1" {
		t.Fatalf("recorded %+v", got)
	}
}

func TestClickRedirect(t *testing.T) {
	f := newFixture(t)
	target := "https://shop.example.com/p/linen?utm_source=fp&x=été#top"
	resp, _ := f.do(t, "GET", f.urls.Click("m1", 7, target), "", "", nil)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("click: status %d, want 302", resp.StatusCode)
	}
	// http.Redirect percent-encodes non-ASCII; the URL must mean the same.
	loc := mustURL(t, resp.Header.Get("Location"))
	if loc.Host != "shop.example.com" || loc.Path != "/p/linen" || loc.Query().Get("x") != "été" || loc.Query().Get("utm_source") != "fp" || loc.Fragment != "top" {
		t.Fatalf("Location = %q, want %q", resp.Header.Get("Location"), target)
	}
	got := f.rec.all()
	if len(got) != 1 || got[0].Kind != KindClick || got[0].Meta["url"] != target {
		t.Fatalf("recorded %+v", got)
	}

	// The redirect works end to end with a following client.
	dest := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "landed on %s?%s", r.URL.Path, r.URL.RawQuery)
	}))
	defer dest.Close()
	r2, err := http.Get(f.urls.Click("m2", 8, dest.URL+"/welcome?a=1"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if string(b) != "landed on /welcome?a=1" {
		t.Fatalf("followed redirect got %q", b)
	}
}

func tamper(tok string) string {
	b := []byte(tok)
	if b[5] == 'A' {
		b[5] = 'B'
	} else {
		b[5] = 'A'
	}
	return string(b)
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestRejectsForgedAndWrongKind(t *testing.T) {
	f := newFixture(t)
	open := f.urls.Open("m1", 7)
	openTok := strings.TrimSuffix(strings.TrimPrefix(open, f.srv.URL+"/o/"), ".gif")
	clickTok := strings.TrimPrefix(f.urls.Click("m1", 7, "https://x.test/"), f.srv.URL+"/c/")
	for _, p := range []string{
		"/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.gif",
		"/o/" + openTok, // no .gif
		"/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"/c/" + openTok,           // open token on the click route
		"/u/" + clickTok,          // click token on the unsubscribe route
		"/o/" + clickTok + ".gif", // click token as a pixel
		"/c/" + tamper(clickTok),  // tampered
		"/u/" + strings.Repeat("x", 40),
	} {
		resp, _ := f.do(t, "GET", f.srv.URL+p, "", "", nil)
		if resp.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 404", p[:min(len(p), 30)], resp.StatusCode)
		}
	}
	if got := f.rec.all(); len(got) != 0 {
		t.Fatalf("forged requests recorded %+v", got)
	}
}

func TestUnsubscribePageAndPost(t *testing.T) {
	f := newFixture(t)
	u := f.urls.Unsubscribe("m1", 7)

	resp, body := f.do(t, "GET", u, "", "", map[string]string{"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
	if resp.StatusCode != 200 || !strings.Contains(body, "<form method=\"post\">") ||
		!strings.Contains(body, "Me désabonner") || !strings.Contains(body, ">Unsubscribe</button>") {
		t.Fatalf("GET page: %d\n%s", resp.StatusCode, body)
	}
	if strings.Index(body, "Se désabonner") > strings.Index(body, "Click the button") {
		t.Error("French-preferring browser should see French first")
	}
	if len(f.rec.all()) != 0 {
		t.Fatal("a GET must not unsubscribe (link scanners fetch every link)")
	}

	// The page's button.
	resp, body = f.do(t, "POST", u, "application/x-www-form-urlencoded", "", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "You are unsubscribed") || !strings.Contains(body, "Vous êtes désabonné") {
		t.Fatalf("POST page: %d\n%s", resp.StatusCode, body)
	}
	// RFC 8058 one-click, urlencoded and multipart.
	resp, _ = f.do(t, "POST", u, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("one-click: status %d", resp.StatusCode)
	}
	mp := "--XX\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XX--\r\n"
	resp, _ = f.do(t, "POST", u, "multipart/form-data; boundary=XX", mp, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("one-click multipart: status %d", resp.StatusCode)
	}
	got := f.rec.all()
	if len(got) != 3 {
		t.Fatalf("recorded %d, want 3: %+v", len(got), got)
	}
	for i, want := range []string{"page", "one-click", "one-click"} {
		if got[i].Kind != KindUnsub || got[i].Meta["method"] != want || got[i].Claim.ContactID != 7 {
			t.Errorf("record %d = %+v, want unsub via %s", i, got[i], want)
		}
	}

	// A failed store must not claim success.
	f.rec.fail = errors.New("disk full")
	resp, _ = f.do(t, "POST", u, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", nil)
	if resp.StatusCode != 500 {
		t.Fatalf("one-click with failing store: status %d, want 500", resp.StatusCode)
	}
}

func TestEventsIntake(t *testing.T) {
	f := newFixture(t)
	ev := f.srv.URL + "/events"
	good := `[{"type":"page_visited","email":"ana@example.com","data":{"url":"https://x.test/pricing"}}]`

	resp, body := f.do(t, "POST", ev, "application/json", good, nil)
	if resp.StatusCode != 401 || !strings.Contains(body, "bearer token") || resp.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("no token: %d %s", resp.StatusCode, body)
	}
	resp, _ = f.do(t, "POST", ev, "application/json", good, map[string]string{"Authorization": "Bearer wrong"})
	if resp.StatusCode != 401 {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
	resp, _ = f.do(t, "POST", ev, "application/json", good, map[string]string{"Authorization": intakeToken})
	if resp.StatusCode != 401 {
		t.Fatalf("token without Bearer: %d", resp.StatusCode)
	}
	if len(f.intake.got) != 0 {
		t.Fatal("unauthorised events reached the intake")
	}

	auth := map[string]string{"Authorization": "Bearer " + intakeToken}
	resp, body = f.do(t, "POST", ev, "application/json", good, auth)
	if resp.StatusCode != 200 || !strings.Contains(body, `"accepted":1`) {
		t.Fatalf("good: %d %s", resp.StatusCode, body)
	}

	mixed := `{"events":[
		{"type":"form_submitted","contact_id":12,"at":"2025-03-01T10:00:00Z"},
		{"type":"Bad Type","email":"a@b.c"},
		{"type":"page_visited"},
		{"type":"page_visited","emial":"typo@example.com"},
		{"type":"page_visited","email":"not an email"},
		{"type":"refuse_me","contact_id":3},
		{"type":"x","contact_id":"12"}
	]}`
	resp, body = f.do(t, "POST", ev, "application/json", mixed, auth)
	var r IntakeResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil || resp.StatusCode != 200 {
		t.Fatalf("mixed: %d %s (%v)", resp.StatusCode, body, err)
	}
	if r.Accepted != 1 {
		t.Errorf("accepted = %d, want 1", r.Accepted)
	}
	want := map[int]string{1: `"type"`, 2: `"contact_id" or "email"`, 3: `unknown field "emial"`, 4: `"email"`, 5: "store refused it", 6: "contact_id"}
	if len(r.Errors) != len(want) {
		t.Fatalf("errors = %+v, want %d", r.Errors, len(want))
	}
	for _, e := range r.Errors {
		if !strings.Contains(e.Error, want[e.Index]) {
			t.Errorf("error for item %d = %q, want it to mention %s", e.Index, e.Error, want[e.Index])
		}
	}

	resp, body = f.do(t, "POST", ev, "application/json", `{"type":"Nope"}`, auth)
	if resp.StatusCode != 422 {
		t.Errorf("all bad: %d %s, want 422", resp.StatusCode, body)
	}
	resp, body = f.do(t, "POST", ev, "application/json", `not json`, auth)
	if resp.StatusCode != 400 || !strings.Contains(body, `"error"`) {
		t.Errorf("not JSON: %d %s, want 400 with an error", resp.StatusCode, body)
	}
	resp, _ = f.do(t, "GET", ev, "", "", auth)
	if resp.StatusCode != 405 {
		t.Errorf("GET /events: %d, want 405", resp.StatusCode)
	}
}

func TestIntakeDisabledWithoutToken(t *testing.T) {
	s := newSigner(t)
	h, _ := NewHandler(HandlerOptions{Signer: s, Recorder: &memRecorder{}, Intake: &memIntake{}})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "http://127.0.0.1/events", strings.NewReader(`[]`)))
	if rec.Code != 503 {
		t.Fatalf("no token configured: %d, want 503", rec.Code)
	}
	// An empty bearer must not match an empty configured token either.
	rec = httptest.NewRecorder()
	req := httptest.NewRequest("POST", "http://127.0.0.1/events", strings.NewReader(`[]`))
	req.Header.Set("Authorization", "Bearer ")
	h.ServeHTTP(rec, req)
	if rec.Code != 503 {
		t.Fatalf("empty bearer: %d, want 503", rec.Code)
	}
}

// Data that would break SQLite's JSON functions (nesting 1,001 deep), too
// many keys, and event types only the engine records are refused before the
// intake sees them, each with its reason.
func TestEventsIntakeLimits(t *testing.T) {
	f := newFixture(t)
	auth := map[string]string{"Authorization": "Bearer " + intakeToken}
	deep := strings.Repeat(`{"a":`, 1001) + "1" + strings.Repeat("}", 1001)
	keys := make([]string, 1001)
	for i := range keys {
		keys[i] = fmt.Sprintf(`"k%d":%d`, i, i)
	}
	body := `[{"type":"page_visited","contact_id":1,"data":` + deep + `},
		{"type":"page_visited","contact_id":1,"data":{` + strings.Join(keys, ",") + `}},
		{"type":"email_opened","contact_id":1},
		{"type":"unsubscribed","contact_id":1},
		{"type":"page_visited","contact_id":1,"data":{"cart":{"items":[{"sku":"A1"}]}}},
		{"type":"page_visited","email":"` + strings.Repeat("a", 250) + `@example.com"},
		{"type":"page_visited","contact_id":1,"source":"My Shop"}]`
	resp, raw := f.do(t, "POST", f.srv.URL+"/events", "application/json", body, auth)
	var r IntakeResponse
	if err := json.Unmarshal([]byte(raw), &r); err != nil || resp.StatusCode != 200 || r.Accepted != 1 {
		t.Fatalf("%d %s, want 200 with 1 accepted", resp.StatusCode, raw)
	}
	want := map[int]string{0: "nested deeper than 16 levels", 1: "more than 1000 properties", 2: "recorded by Flightplan itself", 3: "recorded by Flightplan itself", 5: "longer than 254", 6: `"source"`}
	if len(r.Errors) != len(want) {
		t.Fatalf("errors %+v, want %d", r.Errors, len(want))
	}
	for _, e := range r.Errors {
		if !strings.Contains(e.Error, want[e.Index]) {
			t.Errorf("item %d: %q, want %q", e.Index, e.Error, want[e.Index])
		}
	}
	if len(f.intake.got) != 1 {
		t.Errorf("%d events reached the intake, want 1", len(f.intake.got))
	}
}

// A retry's events are counted as duplicates, not errors: the answer is 200
// even when nothing new was stored.
func TestEventsIntakeDuplicates(t *testing.T) {
	f := newFixture(t)
	auth := map[string]string{"Authorization": "Bearer " + intakeToken}
	resp, raw := f.do(t, "POST", f.srv.URL+"/events", "application/json", `[{"id":"e1","type":"seen_before","contact_id":1}]`, auth)
	var r IntakeResponse
	if err := json.Unmarshal([]byte(raw), &r); err != nil || resp.StatusCode != 200 || r.Duplicates != 1 || len(r.Errors) != 0 {
		t.Fatalf("%d %s, want 200 with 1 duplicate and no error", resp.StatusCode, raw)
	}
}

// Only loopback names and the configured public hosts may be named in the
// Host header: a page whose domain resolves to 127.0.0.1 (DNS rebinding)
// gets nothing.
func TestHostCheck(t *testing.T) {
	s := newSigner(t)
	h, _ := NewHandler(HandlerOptions{Signer: s, Recorder: &memRecorder{}, Intake: &memIntake{}, IntakeToken: intakeToken,
		PublicHosts: []string{"track.example.com"}})
	u := URLs{Base: "http://x", Signer: s}
	path := strings.TrimPrefix(u.Open("m1", 7), "http://x")
	for host, want := range map[string]int{
		"127.0.0.1:47800": 200, "localhost:47800": 200, "[::1]:47800": 200, "app.localhost": 200, "127.0.0.2": 200,
		"track.example.com": 200, "TRACK.example.com:443": 200,
		"attacker.example:47800": 421, "127.0.0.1.attacker.example": 421, "": 421, "localhost.attacker.example": 421,
	} {
		req := httptest.NewRequest("GET", "http://127.0.0.1"+path, nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: %d, want %d", host, rec.Code, want)
		}
	}
}

// The unsubscribe page refuses to be shown inside a frame (clickjacking:
// a page could lay it under a decoy and make the reader click the button).
func TestUnsubscribePageCannotBeFramed(t *testing.T) {
	f := newFixture(t)
	u := f.urls.Unsubscribe("m1", 7)
	for _, method := range []string{"GET", "POST"} {
		resp, _ := f.do(t, method, u, "", "", nil)
		if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s unsubscribe page: CSP %q, X-Frame-Options %q", method, resp.Header.Get("Content-Security-Policy"), resp.Header.Get("X-Frame-Options"))
		}
	}
}
