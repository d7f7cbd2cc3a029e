package track

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// DefaultTrustedProxies are where a reverse proxy in front of the engine
// is taken to be when none is named: this machine and private networks
// (a proxy on the same host, or on the data centre's LAN).
var DefaultTrustedProxies = []netip.Prefix{
	netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128"),
	netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("fc00::/7"), netip.MustParsePrefix("169.254.0.0/16"), netip.MustParsePrefix("fe80::/10"),
}

// ParseTrustedProxies reads a comma-separated list of addresses and
// networks (10.0.0.5, 10.0.0.0/8, 2001:db8::/32); an error names the entry.
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for i, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %d (%q): not an address or a network like 10.0.0.0/8", i+1, s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// ClientIP is the address a request comes from. With no trusted proxies
// (the engine on loopback, or serving the Internet itself) it is the
// connection's peer, and X-Forwarded-For is ignored: anyone can write it.
// Behind trusted proxies, when the peer is one of them, it is the
// right-most X-Forwarded-For address that is not a trusted proxy — each
// proxy appends the address it received from, so what the client wrote
// itself sits to the left and cannot hide it.
func ClientIP(req *http.Request, trusted []netip.Prefix) string {
	peer := req.RemoteAddr
	if h, _, err := net.SplitHostPort(peer); err == nil {
		peer = h
	}
	if len(trusted) == 0 {
		return peer
	}
	isTrusted := func(a netip.Addr) bool {
		a = a.Unmap()
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	a, err := netip.ParseAddr(peer)
	if err != nil || !isTrusted(a) {
		return peer
	}
	var hops []string
	for _, v := range req.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := a.Unmap().String()
	for i := len(hops) - 1; i >= 0; i-- {
		h, err := parseHop(hops[i])
		if err != nil {
			// A trusted proxy passed on what it received unreadable: the
			// last address known is as far as the chain can be followed.
			return client
		}
		client = h.String()
		if !isTrusted(h) {
			return client
		}
	}
	return client
}

// parseHop reads one X-Forwarded-For entry: an address, maybe with a port
// or in brackets.
func parseHop(s string) (netip.Addr, error) {
	s = strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), nil
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	return a.Unmap(), err
}
