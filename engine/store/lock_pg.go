package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// lockKey is the advisory lock a Flightplan engine holds on its workspace's
// database (advisory locks are per database): "Flig".
const lockKey = 0x466c6967

// SharedCommands are the commands that may hold a PostgreSQL workspace
// together: several `flightplan run` engines share its due work.
var SharedCommands = map[string]bool{"flightplan run": true}

// pgLock is a held advisory lock and the connection that holds it.
type pgLock struct {
	db   *sql.DB
	conn *sql.Conn
}

// lockPG takes a PostgreSQL workspace's lock on a connection of its own,
// whose application_name says who holds it ("flightplan <pid> <host>
// <command>"): a second engine reads it from pg_stat_activity for its
// message. The lock dies with the connection, so a crashed engine never
// leaves the workspace locked.
func lockPG(workspace, command string) (*Lock, error) {
	shown := Redact(workspace)
	u, err := url.Parse(workspace)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: not a valid postgres:// URL: %w", shown, err)
	}
	host, _ := os.Hostname()
	name := fmt.Sprintf("flightplan %d %s %s", os.Getpid(), host, command)
	if len(name) > 63 { // PostgreSQL keeps 63 bytes of it
		name = name[:63]
	}
	q := u.Query()
	q.Set("application_name", name)
	// pgx reads "+" literally: spaces go as %20.
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	db, err := sql.Open(pgDriverName, u.String())
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	// Engines serving the workspace share it (their due work is claimed
	// row by row, see runner); anything else has it alone.
	try := `SELECT pg_try_advisory_lock($1)`
	if SharedCommands[command] {
		try = `SELECT pg_try_advisory_lock_shared($1)`
	}
	var held bool
	if err := conn.QueryRowContext(ctx, try, lockKey).Scan(&held); err != nil {
		conn.Close()
		db.Close()
		return nil, fmt.Errorf("workspace %s: lock: %w", shown, err)
	}
	if held {
		return &Lock{pg: &pgLock{db: db, conn: conn}}, nil
	}
	var h Holder
	var app string
	var since time.Time
	err = conn.QueryRowContext(ctx, `SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		ORDER BY a.backend_start LIMIT 1`, lockKey).Scan(&app, &since)
	if err == nil {
		h = parseHolder(app, since)
	}
	conn.Close()
	db.Close()
	return nil, &LockedError{Path: shown, Holder: h}
}

// parseHolder reads the application_name lockPG gives its connection.
func parseHolder(app string, since time.Time) Holder {
	f := strings.SplitN(app, " ", 4)
	if len(f) < 4 || f[0] != "flightplan" {
		return Holder{}
	}
	pid, _ := strconv.Atoi(f[1])
	return Holder{PID: pid, Host: f[2], Command: f[3], Since: since.UTC().Truncate(time.Second)}
}

func (l *pgLock) release() error {
	// Closing the connection ends its session and every lock it held,
	// exclusive or shared.
	_, err := l.conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock_all()`)
	return errors.Join(err, l.conn.Close(), l.db.Close())
}
