// Package track makes and checks the signed ids that tracking links, open
// pixels and unsubscribe links carry, and serves those links over HTTP.
//
// A token is the base64url encoding of a small binary payload followed by a
// truncated HMAC-SHA256 of it. It is unguessable (128-bit tag) and
// self-describing, so the HTTP server needs no lookup table to know which
// message, contact and link a request is about: a captured email keeps
// working even after its outbox row is gone, and the server stays stateless.
//
// Click tokens carry the destination URL inside the signed payload instead of
// a link index into a server-side table. The price is length: a token is
// about 4/3 × (URL + message id + 22) characters, so a 150-character URL
// gives a 240-character token. That stays well inside what mail clients and
// browsers accept (2,000+), and it means a click can never redirect anywhere
// the sender did not sign — the redirect is not an open redirect.
package track

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"strings"
	"sync"
)

// The kinds of token. Each HTTP route accepts only its own kind, so an open
// pixel token cannot be replayed to unsubscribe someone.
const (
	KindOpen  = "open"
	KindClick = "click"
	KindUnsub = "unsub"
	// KindVisitor names a contact to the website snippet: the click
	// redirect appends it as fp_c to a declared site's link, and the
	// snippet sends it back so the visitor's history joins the contact.
	KindVisitor = "visitor"
	// KindForm stamps the time a form's page was made (time to fill):
	// its message id is the form's key, its contact the Unix milliseconds.
	KindForm = "form"
	// KindConfirm is a double opt-in link: message id the form's key,
	// extra the submission (JSON).
	KindConfirm = "confirm"
	// KindDownload is a tracked download or link: message id "file" or
	// "link", extra the destination URL.
	KindDownload = "download"
)

// MinKeyLen is the shortest secret NewSigner accepts: below 128 bits an
// offline search for the key becomes thinkable.
const MinKeyLen = 16

// MaxTokenLen bounds what Verify will even decode, so a hostile request
// cannot make the server allocate for a megabyte-long "token".
const MaxTokenLen = 8192

const (
	version1 = 1
	tagLen   = 16 // bytes of HMAC-SHA256 kept: 128 bits is plenty against forgery
	// minRaw is version + kind + 1-byte varint + 1-byte length + tag.
	minRaw = 4 + tagLen
)

// Errors returned by Verify, wrapped with detail; test with errors.Is.
var (
	// ErrMalformed means the token is not a token at all: bad characters,
	// wrong length or a payload that does not parse.
	ErrMalformed = errors.New("malformed token")
	// ErrBadSignature means the token decodes but was not made with this
	// key: forged, tampered with, or signed by another workspace.
	ErrBadSignature = errors.New("bad signature (forged or tampered token)")
)

var kindCodes = map[string]byte{KindOpen: 'o', KindClick: 'c', KindUnsub: 'u', KindVisitor: 'v', KindForm: 'f', KindConfirm: 'k', KindDownload: 'd'}

func kindName(b byte) (string, bool) {
	switch b {
	case 'o':
		return KindOpen, true
	case 'c':
		return KindClick, true
	case 'u':
		return KindUnsub, true
	case 'v':
		return KindVisitor, true
	case 'f':
		return KindForm, true
	case 'k':
		return KindConfirm, true
	case 'd':
		return KindDownload, true
	}
	return "", false
}

// b64 is strict so that each token has exactly one spelling: a changed
// trailing character that only flips padding bits is rejected instead of
// decoding to the same bytes.
var b64 = base64.RawURLEncoding.Strict()

// Claim is what a verified token says.
type Claim struct {
	// Kind is KindOpen, KindClick or KindUnsub.
	Kind string `json:"kind"`
	// MessageID is the sender's id for the message (the outbox key).
	MessageID string `json:"message_id"`
	// ContactID is the contact the message went to.
	ContactID int64 `json:"contact_id"`
	// Extra is the destination URL for a click, and empty otherwise unless
	// the caller chose to put something there.
	Extra string `json:"extra,omitempty"`
}

// Signer signs and verifies tokens with one secret key. It is safe for
// concurrent use.
type Signer struct {
	macs sync.Pool // of hash.Hash keyed with the derived MAC key
}

// NewSigner returns a Signer for key, which must be at least MinKeyLen
// bytes of secret randomness (the workspace stores it). The MAC key is
// derived from key with a fixed label, so the same secret reused for
// something else never yields a MAC that is valid here.
func NewSigner(key []byte) (*Signer, error) {
	if len(key) < MinKeyLen {
		return nil, fmt.Errorf("track: signing key is %d bytes, need at least %d", len(key), MinKeyLen)
	}
	d := hmac.New(sha256.New, key)
	d.Write([]byte("flightplan/track/v1"))
	macKey := d.Sum(nil)
	s := &Signer{}
	s.macs.New = func() any { return hmac.New(sha256.New, macKey) }
	return s, nil
}

func (s *Signer) tag(payload []byte, dst []byte) []byte {
	m := s.macs.Get().(hash.Hash)
	m.Reset()
	m.Write(payload)
	var sum [sha256.Size]byte
	out := m.Sum(sum[:0])
	s.macs.Put(m)
	return append(dst, out[:tagLen]...)
}

// Sign returns a URL-safe token for kind (KindOpen, KindClick or KindUnsub),
// the message, the contact and extra (the destination URL for a click).
// Tokens are deterministic: the same inputs give the same token, which lets a
// retried send produce byte-identical links.
//
// Sign panics on an unknown kind: that is a programming error, not input.
func (s *Signer) Sign(kind, messageID string, contactID int64, extra string) string {
	code, ok := kindCodes[kind]
	if !ok {
		panic(fmt.Sprintf("track: Sign: unknown kind %q", kind))
	}
	buf := make([]byte, 0, 2+2*binary.MaxVarintLen64+len(messageID)+len(extra)+tagLen)
	buf = append(buf, version1, code)
	buf = binary.AppendVarint(buf, contactID)
	buf = binary.AppendUvarint(buf, uint64(len(messageID)))
	buf = append(buf, messageID...)
	buf = append(buf, extra...)
	buf = s.tag(buf, buf)
	return b64.EncodeToString(buf)
}

// Verify checks token and returns its claim. It authenticates the whole
// token before parsing any of it, so nothing an attacker controls is
// interpreted until the signature holds.
func (s *Signer) Verify(token string) (Claim, error) {
	if len(token) > MaxTokenLen {
		return Claim{}, fmt.Errorf("track: verify: %w: %d characters is too long", ErrMalformed, len(token))
	}
	raw, err := b64.DecodeString(token)
	if err != nil {
		return Claim{}, fmt.Errorf("track: verify: %w: not base64url", ErrMalformed)
	}
	if len(raw) < minRaw {
		return Claim{}, fmt.Errorf("track: verify: %w: %d bytes is too short", ErrMalformed, len(raw))
	}
	payload, tag := raw[:len(raw)-tagLen], raw[len(raw)-tagLen:]
	var want [tagLen]byte
	if !hmac.Equal(s.tag(payload, want[:0]), tag) {
		return Claim{}, fmt.Errorf("track: verify: %w", ErrBadSignature)
	}
	if payload[0] != version1 {
		return Claim{}, fmt.Errorf("track: verify: %w: unknown version %d", ErrMalformed, payload[0])
	}
	kind, ok := kindName(payload[1])
	if !ok {
		return Claim{}, fmt.Errorf("track: verify: %w: unknown kind %q", ErrMalformed, payload[1])
	}
	rest := payload[2:]
	contactID, n := binary.Varint(rest)
	if n <= 0 {
		return Claim{}, fmt.Errorf("track: verify: %w: bad contact id", ErrMalformed)
	}
	rest = rest[n:]
	idLen, n := binary.Uvarint(rest)
	if n <= 0 || idLen > uint64(len(rest)-n) {
		return Claim{}, fmt.Errorf("track: verify: %w: bad message id", ErrMalformed)
	}
	rest = rest[n:]
	return Claim{
		Kind:      kind,
		MessageID: string(rest[:idLen]),
		ContactID: contactID,
		Extra:     string(rest[idLen:]),
	}, nil
}

// URLs builds the public tracking URLs served by Handler under Base, the
// server's external address (for example "http://127.0.0.1:8787"). The mail
// package consumes it through a small interface, so the route layout lives
// only here, next to the handler that serves it.
type URLs struct {
	// Base is the scheme, host and optional path prefix; a trailing slash is
	// ignored.
	Base string
	// Signer signs the tokens.
	Signer *Signer
}

func (u URLs) base() string { return strings.TrimRight(u.Base, "/") }

// Open returns the URL of the 1×1 open pixel for a message and contact.
func (u URLs) Open(messageID string, contactID int64) string {
	return u.base() + "/o/" + u.Signer.Sign(KindOpen, messageID, contactID, "") + ".gif"
}

// Click returns a URL that records a click and redirects to target.
func (u URLs) Click(messageID string, contactID int64, target string) string {
	return u.base() + "/c/" + u.Signer.Sign(KindClick, messageID, contactID, target)
}

// Download returns a URL that records a file download (what = "file") or a
// link followed (what = "link") for a known contact, and redirects to
// target.
func (u URLs) Download(what string, contactID int64, target string) string {
	return u.base() + "/d/" + u.Signer.Sign(KindDownload, what, contactID, target)
}

// Unsubscribe returns the unsubscribe page URL, which is also the RFC 8058
// one-click POST target for the List-Unsubscribe header.
func (u URLs) Unsubscribe(messageID string, contactID int64) string {
	return u.base() + "/u/" + u.Signer.Sign(KindUnsub, messageID, contactID, "")
}
