package track

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func newSigner(t testing.TB) *Signer {
	t.Helper()
	s, err := NewSigner([]byte("0123456789abcdef-test-key"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSignVerifyRoundTrip(t *testing.T) {
	s := newSigner(t)
	cases := []Claim{
		{KindOpen, "msg-1", 42, ""},
		{KindClick, "msg-1", 42, "https://example.com/a?b=c&d=é#frag"},
		{KindUnsub, "", 0, ""},
		{KindClick, "m", -7, strings.Repeat("x", 500)},
		{KindOpen, "🎉 ünïcode id", 1 << 62, "extra"},
	}
	for _, c := range cases {
		tok := s.Sign(c.Kind, c.MessageID, c.ContactID, c.Extra)
		if strings.ContainsAny(tok, "+/=?&#% ") {
			t.Errorf("token %q is not URL-safe", tok)
		}
		got, err := s.Verify(tok)
		if err != nil {
			t.Fatalf("Verify(%q): %v", tok, err)
		}
		if got != c {
			t.Errorf("round trip: got %+v, want %+v", got, c)
		}
	}
}

func TestTokenLength(t *testing.T) {
	s := newSigner(t)
	u := "https://shop.example.com/collections/spring-sale/products/linen-shirt?utm_source=flightplan&utm_medium=email&utm_campaign=welcome"
	tok := s.Sign(KindClick, "out-000123456", 123456, u)
	if len(tok) >= 300 {
		t.Errorf("click token for a %d-char URL is %d chars, want < 300", len(u), len(tok))
	}
	if open := s.Sign(KindOpen, "out-000123456", 123456, ""); len(open) > 64 {
		t.Errorf("open token is %d chars, want ≤ 64", len(open))
	}
}

// TestTamperEveryByte changes each character of a token to every other
// base64url character and checks that none verifies.
func TestTamperEveryByte(t *testing.T) {
	s := newSigner(t)
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for _, tok := range []string{
		s.Sign(KindOpen, "msg-1", 42, ""),
		s.Sign(KindClick, "msg-1", 42, "https://example.com/"),
	} {
		b := []byte(tok)
		for i := range b {
			orig := b[i]
			for j := 0; j < len(alphabet); j++ {
				if alphabet[j] == orig {
					continue
				}
				b[i] = alphabet[j]
				if c, err := s.Verify(string(b)); err == nil {
					t.Fatalf("tampered token (pos %d %q→%q) verified as %+v", i, orig, alphabet[j], c)
				}
			}
			b[i] = orig
		}
		// Truncations and extensions.
		for n := 0; n < len(tok); n++ {
			if _, err := s.Verify(tok[:n]); err == nil {
				t.Fatalf("truncated token (%d chars) verified", n)
			}
		}
		for _, suffix := range []string{"A", "AA", "AAA", "AAAA", ".gif", "=", "%00"} {
			if _, err := s.Verify(tok + suffix); err == nil {
				t.Fatalf("extended token (+%q) verified", suffix)
			}
		}
		// Flip every bit of the decoded bytes too: this reaches changes a
		// character substitution cannot express.
		raw, _ := base64.RawURLEncoding.DecodeString(tok)
		for i := range raw {
			for bit := 0; bit < 8; bit++ {
				raw[i] ^= 1 << bit
				if _, err := s.Verify(base64.RawURLEncoding.EncodeToString(raw)); !errors.Is(err, ErrBadSignature) {
					t.Fatalf("bit %d of byte %d flipped: err = %v, want ErrBadSignature", bit, i, err)
				}
				raw[i] ^= 1 << bit
			}
		}
	}
}

func TestRandomAndForeignTokensRejected(t *testing.T) {
	s := newSigner(t)
	for i := 0; i < 20000; i++ {
		n := 1 + i%300
		buf := make([]byte, n)
		rand.Read(buf)
		if c, err := s.Verify(base64.RawURLEncoding.EncodeToString(buf)); err == nil {
			t.Fatalf("random token verified as %+v", c)
		}
	}
	other, _ := NewSigner([]byte("another-workspace-key-0000"))
	tok := other.Sign(KindUnsub, "msg-1", 1, "")
	if _, err := s.Verify(tok); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("token from another key: err = %v, want ErrBadSignature", err)
	}
	for _, junk := range []string{"", "!!!!", "a b", "../../etc/passwd", strings.Repeat("A", MaxTokenLen+1)} {
		if _, err := s.Verify(junk); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify(%.20q): err = %v, want ErrMalformed", junk, err)
		}
	}
}

func TestSignerErrors(t *testing.T) {
	if _, err := NewSigner([]byte("short")); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("short key: err = %v", err)
	}
	s := newSigner(t)
	defer func() {
		if r := recover(); r == nil {
			t.Error("Sign with unknown kind did not panic")
		}
	}()
	s.Sign("bounce", "m", 1, "")
}

func TestURLs(t *testing.T) {
	s := newSigner(t)
	u := URLs{Base: "http://127.0.0.1:8787/", Signer: s}
	for _, tc := range []struct {
		url, prefix, suffix, kind string
	}{
		{u.Open("m1", 5), "http://127.0.0.1:8787/o/", ".gif", KindOpen},
		{u.Click("m1", 5, "https://x.test/"), "http://127.0.0.1:8787/c/", "", KindClick},
		{u.Unsubscribe("m1", 5), "http://127.0.0.1:8787/u/", "", KindUnsub},
	} {
		tok, ok := strings.CutPrefix(tc.url, tc.prefix)
		if !ok || !strings.HasSuffix(tok, tc.suffix) {
			t.Fatalf("URL %q: want prefix %q suffix %q", tc.url, tc.prefix, tc.suffix)
		}
		c, err := s.Verify(strings.TrimSuffix(tok, tc.suffix))
		if err != nil || c.Kind != tc.kind || c.MessageID != "m1" || c.ContactID != 5 {
			t.Fatalf("URL %q: claim %+v err %v", tc.url, c, err)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	s := newSigner(b)
	for b.Loop() {
		s.Sign(KindClick, "out-000123456", 123456, "https://shop.example.com/products/linen-shirt?utm_source=fp")
	}
}

func BenchmarkVerify(b *testing.B) {
	s := newSigner(b)
	tok := s.Sign(KindClick, "out-000123456", 123456, "https://shop.example.com/products/linen-shirt?utm_source=fp")
	for b.Loop() {
		if _, err := s.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}
