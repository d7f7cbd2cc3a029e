package track

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The snippet stays within the budget (5 KB compressed) and is
// served compressed and cacheable to any page.
func TestSnippetIsSmallAndCacheable(t *testing.T) {
	plain, gz := SnippetSize()
	if gz > 5*1024 || gz == 0 || plain <= gz {
		t.Fatalf("snippet %d bytes, %d gzip: want ≤ 5120 gzip", plain, gz)
	}
	s, _ := NewSigner([]byte("0123456789abcdef-test"))
	h, err := NewHandler(HandlerOptions{Signer: s, Recorder: nopRec{}, Site: nopSite{}})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "http://127.0.0.1/t/fp.js", nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" || w.Body.Len() != gz ||
		!strings.Contains(w.Header().Get("Cache-Control"), "max-age") || w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("GET /t/fp.js: %d %v (%d bytes)", w.Code, w.Header(), w.Body.Len())
	}
}

// A bucket gives its burst, then one token per 1/rate; keys are apart.
func TestBucketsRateLimit(t *testing.T) {
	b := newBuckets()
	now := time.Unix(1000, 0)
	for i := range 3 {
		if wait := b.take(now, "o:a", 2, 3); wait != 0 {
			t.Fatalf("take %d: wait %v within the burst", i+1, wait)
		}
	}
	wait := b.take(now, "o:a", 2, 3)
	if wait <= 0 || wait > 500*time.Millisecond {
		t.Fatalf("past the burst: wait %v, want (0, 500ms]", wait)
	}
	if w := b.take(now, "o:b", 2, 3); w != 0 {
		t.Fatalf("another key waited %v", w)
	}
	if w := b.take(now.Add(500*time.Millisecond), "o:a", 2, 3); w != 0 {
		t.Fatalf("after 500 ms at 2/s: wait %v, want a token", w)
	}
}

// What a page sends is cut to the website properties: the query string
// (which can hold an email address) goes, the path is filled in.
func TestCleanProps(t *testing.T) {
	p := cleanProps(map[string]any{"url": "https://a.example/pricing?email=ana@example.com#x", "email": "ana@example.com",
		"seconds": 12.6, "title": strings.Repeat("t", 400), "referrer": "https://google.example/?q=ana", "visit": true}, "https://a.example")
	if p["url"] != "https://a.example/pricing" || p["path"] != "/pricing" || p["seconds"] != 13.0 || p["referrer"] != "https://google.example/" {
		t.Fatalf("props %v", p)
	}
	if _, ok := p["email"]; ok || len(p["title"].(string)) != 300 || p["visit"] != true {
		t.Fatalf("props %v: want no email and the title cut to 300", p)
	}
}

// Origins are written as browsers send them.
func TestNormalizeOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"https://Client.Example/":    "https://client.example",
		"https://client.example:443": "https://client.example",
		"http://127.0.0.1:8080":      "http://127.0.0.1:8080",
		"http://localhost:80/":       "http://localhost",
	} {
		if got, err := NormalizeOrigin(in); err != nil || got != want {
			t.Errorf("NormalizeOrigin(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "client.example", "ftp://client.example", "https://client.example/pricing", "https://u:p@client.example"} {
		if got, err := NormalizeOrigin(in); err == nil {
			t.Errorf("NormalizeOrigin(%q) = %q, want an error", in, got)
		}
	}
}

type nopRec struct{}

func (nopRec) Record(_ context.Context, _ Claim, _ string, _ map[string]string) error { return nil }

type nopSite struct{}

func (nopSite) SiteByKey(context.Context, string) (Site, bool, error)    { return Site{}, false, nil }
func (nopSite) SiteByOrigin(context.Context, string) (Site, bool, error) { return Site{}, false, nil }
func (nopSite) Hit(context.Context, Site, string, []SiteEvent, time.Time) (int, error) {
	return 0, nil
}
func (nopSite) Identify(context.Context, string, int64) (int, error) { return 0, nil }

var _ http.Handler = (*Handler)(nil)
