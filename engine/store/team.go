package store

// A team workspace seen from the window before it is opened: what a
// database server answers to its address (reachable, the password, the
// database, a Flightplan workspace or an empty one), and the password
// remembered for it in the system keyring.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/zalando/go-keyring"
)

// PGState is what a PostgreSQL address holds, as far as Flightplan is
// concerned.
type PGState string

// The answers of ProbePG. The window says each in words (and offers to
// set up an empty database).
const (
	PGReady       PGState = "ready"       // a Flightplan workspace this version opens
	PGEmpty       PGState = "empty"       // a database with no tables: set up on open
	PGOther       PGState = "other"       // tables of another program
	PGTooNew      PGState = "too-new"     // a workspace of a newer Flightplan
	PGUnreachable PGState = "unreachable" // no server answers at that host and port
	PGPassword    PGState = "password"    // the server refused the user or password
	PGNoDatabase  PGState = "no-database" // the server has no database of that name
	PGAddress     PGState = "address"     // the address itself is not valid
	PGFailed      PGState = "failed"      // anything else: the detail says it
)

// probeTimeout bounds a probe: a server that does not answer is said to
// be unreachable within it, rather than leaving the dialog waiting.
const probeTimeout = 8 * time.Second

// ProbePG connects to a workspace URL and says what it holds without
// changing anything (no migration, no set-up). The detail is the server's
// or the network's own message (password removed), for the curious.
func ProbePG(ctx context.Context, workspace string) (state PGState, schema int, detail string) {
	dsn, err := pgDSN(workspace)
	if err != nil {
		return PGAddress, 0, err.Error()
	}
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	db, err := sql.Open(pgDriverName, dsn+"&connect_timeout=6")
	if err != nil {
		return PGAddress, 0, err.Error()
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		return ClassifyPGError(err), 0, err.Error()
	}
	q := With(db)
	var tables, hasMeta int
	if err := q.QueryRow(ctx, "count-tables").Scan(&tables); err != nil {
		return ClassifyPGError(err), 0, err.Error()
	}
	if tables == 0 {
		return PGEmpty, 0, ""
	}
	if err := q.QueryRow(ctx, "has-meta").Scan(&hasMeta); err != nil {
		return ClassifyPGError(err), 0, err.Error()
	}
	var app, ver string
	if hasMeta == 0 || q.QueryRow(ctx, "get-meta", "app").Scan(&app) != nil || app != AppID {
		return PGOther, 0, fmt.Sprintf("%d tables, none of them a Flightplan workspace's", tables)
	}
	_ = q.QueryRow(ctx, "get-meta", "schema_version").Scan(&ver)
	schema, _ = strconv.Atoi(ver)
	if schema > len(pgMigrationNames()) {
		return PGTooNew, schema, fmt.Sprintf("schema %d, this version knows %d", schema, len(pgMigrationNames()))
	}
	return PGReady, schema, ""
}

// ClassifyPGError tells from an error of connecting or querying which of
// the probe's answers it is.
func ClassifyPGError(err error) PGState {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return PGPassword
		case "3D000": // invalid_catalog_name
			return PGNoDatabase
		}
		return PGFailed
	}
	var dns *net.DNSError
	var op *net.OpError
	if errors.As(err, &dns) || errors.As(err, &op) || errors.Is(err, context.DeadlineExceeded) {
		return PGUnreachable
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		// pgx words a missing password before any packet is exchanged.
		return PGPassword
	}
	return PGFailed
}

// teamKeyringService names the keyring entries holding team workspaces'
// passwords; each entry's user is the address without its password.
const teamKeyringService = "Flightplan team workspaces"

// ErrNotRemembered is returned for a team workspace whose password the
// keyring does not hold.
var ErrNotRemembered = errors.New("no password remembered for this workspace")

// StripPassword returns a workspace URL without its password (a file path
// unchanged): the form kept in the recent list, shown, and used as the
// password's name in the keyring.
func StripPassword(workspace string) string {
	if !IsURL(workspace) {
		return workspace
	}
	u, err := url.Parse(workspace)
	if err != nil || u.User == nil {
		return workspace
	}
	if _, has := u.User.Password(); !has {
		return workspace
	}
	u.User = url.User(u.User.Username())
	return u.String()
}

// URLPassword returns the password a workspace URL holds ("" for none).
func URLPassword(workspace string) string {
	u, err := url.Parse(workspace)
	if err != nil || u.User == nil {
		return ""
	}
	pw, _ := u.User.Password()
	return pw
}

// WithPassword puts password into a workspace URL (replacing any).
func WithPassword(workspace, password string) string {
	u, err := url.Parse(workspace)
	if err != nil || !IsURL(workspace) || password == "" {
		return workspace
	}
	name := ""
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = url.UserPassword(name, password)
	return u.String()
}

// teamKeyring says whether the system keyring can be asked now; when it
// cannot, why (in English, for the log; the window words it itself).
func teamKeyring() error {
	if os.Getenv("FLIGHTPLAN_KEYRING") == "off" {
		return fmt.Errorf("%w (turned off by FLIGHTPLAN_KEYRING=off)", ErrKeyringUnreachable)
	}
	if !sessionBus() {
		return fmt.Errorf("%w (no session bus: no Secret Service on this desktop)", ErrKeyringUnreachable)
	}
	return nil
}

// keyringCall runs a keyring call with the probe's time limit: a keyring
// that shows a prompt nobody sees must not hang the window.
func keyringCall(f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(keyringProbeTimeout):
		return fmt.Errorf("%w (it did not answer within %s)", ErrKeyringUnreachable, keyringProbeTimeout)
	}
}

// TeamPassword returns the password the keyring holds for a team
// workspace (its address, with or without a password): ErrNotRemembered
// when it holds none, ErrKeyringUnreachable (wrapped) when it cannot be
// asked.
func TeamPassword(workspace string) (string, error) {
	if err := teamKeyring(); err != nil {
		return "", err
	}
	var pw string
	err := keyringCall(func() error {
		var err error
		pw, err = keyring.Get(teamKeyringService, StripPassword(workspace))
		return err
	})
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return "", ErrNotRemembered
	case errors.Is(err, ErrKeyringUnreachable):
		return "", err
	case err != nil:
		return "", fmt.Errorf("%w (%v)", ErrKeyringUnreachable, err)
	}
	return pw, nil
}

// RememberTeamPassword keeps a team workspace's password in the system
// keyring, never in a file.
func RememberTeamPassword(workspace, password string) error {
	if err := teamKeyring(); err != nil {
		return err
	}
	err := keyringCall(func() error { return keyring.Set(teamKeyringService, StripPassword(workspace), password) })
	if err != nil && !errors.Is(err, ErrKeyringUnreachable) {
		return fmt.Errorf("%w (%v)", ErrKeyringUnreachable, err)
	}
	return err
}

// ForgetTeamPassword removes a team workspace's password from the keyring
// (nothing to do when it holds none or cannot be asked).
func ForgetTeamPassword(workspace string) error {
	if teamKeyring() != nil {
		return nil
	}
	err := keyringCall(func() error { return keyring.Delete(teamKeyringService, StripPassword(workspace)) })
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return nil
}
