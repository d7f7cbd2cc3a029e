// Command pgserve runs a throwaway PostgreSQL (see pgtest) for tests that
// are not Go tests: the browser end-to-end suite. It prints one line of
// JSON once the server accepts connections, then keeps it running until
// its standard input closes or it is told to stop (SIGTERM, SIGINT), and
// removes it.
//
//	{"port":N,"user":"flightplan","password_user":"team_pw","password":"…",
//	 "databases":{"empty":"e2e_empty","other":"e2e_other"}}
//
// The server trusts "user" and asks "password_user" for its password; the
// "empty" database holds nothing, "other" holds another program's table.
// When PostgreSQL cannot start it prints {"error":"…"} and exits 1, so
// the suite fails saying why.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"flightplan/engine/store/pgtest"
)

func main() {
	out := json.NewEncoder(os.Stdout)
	fail := func(err error) {
		out.Encode(map[string]string{"error": err.Error()})
		os.Exit(1)
	}
	s, err := pgtest.Start()
	if err != nil {
		fail(err)
	}
	defer s.Stop()
	user, pw, err := s.PasswordRole()
	if err != nil {
		s.Stop()
		fail(err)
	}
	for _, stmt := range []string{
		"CREATE DATABASE e2e_empty",
		"CREATE DATABASE e2e_other",
	} {
		if err := s.ExecIn("postgres", stmt); err != nil {
			s.Stop()
			fail(fmt.Errorf("%s: %w", stmt, err))
		}
	}
	if err := s.ExecIn("e2e_other", "CREATE TABLE invoices (id int)"); err != nil {
		s.Stop()
		fail(err)
	}
	out.Encode(map[string]any{
		"port": s.Port(), "user": "flightplan", "password_user": user, "password": pw,
		"databases": map[string]string{"empty": "e2e_empty", "other": "e2e_other"},
	})
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(done) }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-done:
	case <-sig:
	}
}
