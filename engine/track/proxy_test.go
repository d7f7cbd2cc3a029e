package track

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

// ClientIP believes X-Forwarded-For only from a trusted proxy, and then
// only up to the first address that is not one.
func TestClientIP(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		trusted := DefaultTrustedProxies
		if r.URL.Query().Get("trust") == "none" {
			trusted = nil
		} else if r.URL.Query().Get("trust") == "other" {
			trusted = []netip.Prefix{netip.MustParsePrefix("10.9.0.0/16")}
		}
		got = ClientIP(r, trusted)
	}))
	defer srv.Close()
	for _, c := range []struct{ query, xff, want string }{
		{"trust=none", "203.0.113.5", "127.0.0.1"},       // the default: the header is anyone's
		{"", "", "127.0.0.1"},                            // no header: the proxy itself
		{"", "203.0.113.5", "203.0.113.5"},               // one proxy
		{"", "198.51.100.1, 203.0.113.5", "203.0.113.5"}, // what the client wrote is to the left
		{"", "203.0.113.5, 10.0.0.7", "203.0.113.5"},     // two proxies, the inner one private
		{"", "[2001:db8::1]:4711", "2001:db8::1"},        // IPv6 with a port
		{"", "203.0.113.5, nonsense", "127.0.0.1"},       // unreadable: stop at the last known
		{"trust=other", "203.0.113.5", "127.0.0.1"},      // the peer is not a trusted proxy
		{"", "::ffff:203.0.113.9", "203.0.113.9"},        // a mapped IPv4 reads as IPv4
	} {
		req, _ := http.NewRequest("GET", srv.URL+"/?"+c.query, nil)
		if c.xff != "" {
			req.Header.Set("X-Forwarded-For", c.xff)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got != c.want {
			t.Errorf("%s X-Forwarded-For %q: client %s, want %s", c.query, c.xff, got, c.want)
		}
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.7,2001:db8::/32"); err != nil {
		t.Error(err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8, proxy.local"); err == nil || err.Error() != `trusted proxy 2 ("proxy.local"): not an address or a network like 10.0.0.0/8` {
		t.Errorf("bad entry: %v", err)
	}
}
