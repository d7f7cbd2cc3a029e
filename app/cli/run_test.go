package cli

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// With --relay there is no capture mailbox: the banner names the relay
// the emails go through instead of an empty mailbox address.
func TestRunBannerNamesTheRelay(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.flightplan")
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- Main([]string{"run", "--workspace", ws, "--http", "127.0.0.1:0", "--relay", "127.0.0.1:1"}, &out, &errb)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "tracking and intake") {
		if time.Now().After(deadline) {
			t.Fatalf("run did not start: %s %s", out.String(), errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT) // run stops on it, as on Ctrl-C
	if code := <-done; code != 0 {
		t.Errorf("run: exit %d", code)
	}
	if b := out.String(); !strings.Contains(b, "sending through the relay 127.0.0.1:1\n") || strings.Contains(b, "capture mailbox") {
		t.Fatalf("banner:\n%s", b)
	}
}

// selfSigned writes a certificate pair for the given names.
func selfSigned(t *testing.T, dir string, names ...string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

// `run --http` on an address other machines reach is refused unless the
// traffic is encrypted (a certificate pair, or --behind-proxy) and
// --public-url says where people reach it. With a pair it serves HTTPS
// only, answers requests for the public host, and the links in emails
// name the public URL.
func TestRunServesBeyondLoopbackOnlyWithTLS(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.flightplan")
	cert, key := selfSigned(t, dir, "track.example.test")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--http", "0.0.0.0:0"}, "--tls-cert and --tls-key to serve HTTPS, or --behind-proxy"},
		{[]string{"--http", "0.0.0.0:0", "--tls-cert", cert}, "--tls-cert and --tls-key go together"},
		{[]string{"--http", "0.0.0.0:0", "--behind-proxy"}, "give --public-url"},
		{[]string{"--http", "0.0.0.0:0", "--tls-cert", cert, "--tls-key", cert, "--public-url", "https://track.example.test"}, "TLS certificate " + cert},
		{[]string{"--http", "0.0.0.0:0", "--behind-proxy", "--public-url", "track.example.test"}, "public URL \"track.example.test\""},
		{[]string{"--trusted-proxies", "10.0.0.0/8"}, "--trusted-proxies goes with --behind-proxy"},
		{[]string{"--behind-proxy", "--trusted-proxies", "10.0.0.0/8,proxy.local"}, `--trusted-proxies: trusted proxy 2 ("proxy.local")`},
	} {
		code, _, errs := runCLI(append([]string{"run", "--workspace", ws}, c.args...)...)
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("run %s: exit %d, %q; want an error saying %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}

	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- Main([]string{"run", "--workspace", ws, "--http", "0.0.0.0:0", "--capture", "127.0.0.1:0",
			"--tls-cert", cert, "--tls-key", key, "--public-url", "https://track.example.test/", "--json"}, &out, &errb)
	}()
	var info map[string]string
	for deadline := time.Now().Add(20 * time.Second); info == nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("run did not start: %s %s", out.String(), errb.String())
		}
		json.Unmarshal([]byte(out.String()), &info)
	}
	defer func() {
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		if code := <-done; code != 0 {
			t.Errorf("run: exit %d: %s", code, errb.String())
		}
	}()
	if info["url"] != "https://track.example.test" {
		t.Errorf("links name %q, want https://track.example.test", info["url"])
	}
	_, port, _ := net.SplitHostPort(info["http"])
	pool := x509.NewCertPool()
	pemBytes, _ := os.ReadFile(cert)
	pool.AppendCertsFromPEM(pemBytes)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "track.example.test"}}}
	get := func(c *http.Client, url, host string) (int, error) {
		req, _ := http.NewRequest("GET", url, nil)
		req.Host = host
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	// The public host is served (a bad pixel token: 404); another host is
	// refused (421); plain HTTP gets no answer from the HTTPS server.
	if code, err := get(client, "https://127.0.0.1:"+port+"/o/nothing.gif", "track.example.test"); err != nil || code != 404 {
		t.Errorf("HTTPS for the public host: %d %v, want 404", code, err)
	}
	if code, err := get(client, "https://127.0.0.1:"+port+"/o/nothing.gif", "elsewhere.example"); err != nil || code != 421 {
		t.Errorf("HTTPS for another host: %d %v, want 421", code, err)
	}
	if code, err := get(&http.Client{Timeout: 5 * time.Second}, "http://127.0.0.1:"+port+"/o/nothing.gif", "track.example.test"); err == nil && code != 400 {
		t.Errorf("plain HTTP to the HTTPS server: %d, want no answer or 400", code)
	}
}
