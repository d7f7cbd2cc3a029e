package store

// A team workspace's changes announced to the windows open on it, at once:
// a save of a funnel's draft (and its publishing or deletion) sends a
// NOTIFY on the workspace's channel in its own transaction, so a window
// hears of it when it is committed and readable, and a window's Listener
// keeps one dedicated connection LISTENing on that channel. Engines'
// writes (events, journeys, step totals) never notify: a transaction that
// NOTIFYs takes a server-wide lock at commit, which would queue the
// engines' commits behind one another.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

// Change is a change to a team workspace announced to its windows.
type Change struct {
	// Kind is "draft" (a save of a funnel's draft, or a new funnel),
	// "published", "deleted", or "resync": the listening connection came
	// back after a break, and changes made meanwhile were not heard (look
	// again at what is shown).
	Kind string `json:"kind"`
	// Flow is the funnel's id ("" for resync).
	Flow string `json:"flow,omitempty"`
	// By is who saved the draft ("" when not known).
	By string `json:"by,omitempty"`
}

// changeChannel is the channel a workspace's changes are sent on: one per
// workspace, that is per database and schema (NOTIFY reaches the sessions
// of one database; the schema tells apart workspaces kept side by side in
// one database with search_path). The same expression is evaluated by the
// sender and the listener, on the server.
const changeChannel = `'flightplan:' || current_schema()`

// notifyChange sends a change on the workspace's channel inside tx, so it
// is delivered when, and only if, tx commits. On SQLite (one person per
// file) it does nothing.
func notifyChange(ctx context.Context, tx *Tx, c Change) error {
	if tx.dialect != Postgres {
		return nil
	}
	payload, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `SELECT pg_notify(`+changeChannel+`, ?)`, string(payload))
	return err
}

// Listener hears a team workspace's changes on a connection of its own,
// and reconnects (waiting longer after each failure, up to
// ListenMaxBackoff) when the connection drops.
type Listener struct {
	cancel context.CancelFunc
	done   chan struct{}

	mu   sync.Mutex
	up   bool
	conn *pgx.Conn // the connection listening now, for Backend
}

// Listening delays: a quiet connection is pinged every listenPing (a
// network that dropped silently is noticed then), and a failed connection
// is tried again after ListenMinBackoff, doubling up to ListenMaxBackoff.
var (
	listenPing       = 30 * time.Second
	ListenMinBackoff = 250 * time.Millisecond
	ListenMaxBackoff = 15 * time.Second
)

// Listen starts listening to the workspace's changes: onChange is called
// for each one heard (one at a time, in order), and onState each time the
// listening connection goes up or down (up first when it connects; after
// a break, up is followed by a "resync" change). It returns nil for a
// SQLite workspace, which has nothing to listen to. Close stops it.
func (s *Store) Listen(onChange func(Change), onState func(up bool)) *Listener {
	if s.dialect != Postgres {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	l := &Listener{cancel: cancel, done: make(chan struct{})}
	go l.run(ctx, s.Path, onChange, onState)
	return l
}

// Close stops listening and waits for the connection to close.
func (l *Listener) Close() {
	if l == nil {
		return
	}
	l.cancel()
	<-l.done
}

// Up tells whether the listening connection is up now.
func (l *Listener) Up() bool {
	if l == nil {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.up
}

// Backend is the server process id of the listening connection (0 when
// down): a test ends it with pg_terminate_backend.
func (l *Listener) Backend() uint32 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return 0
	}
	return l.conn.PgConn().PID()
}

func (l *Listener) run(ctx context.Context, workspace string, onChange func(Change), onState func(up bool)) {
	defer close(l.done)
	wait, broke := ListenMinBackoff, false
	for {
		conn, err := listenConn(ctx, workspace)
		if err == nil {
			l.setUp(conn, onState)
			wait = ListenMinBackoff
			if broke {
				onChange(Change{Kind: "resync"})
			}
			err = receive(ctx, conn, onChange)
			conn.Close(context.Background())
			l.setDown(onState)
		}
		if ctx.Err() != nil {
			return
		}
		broke = true
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, ListenMaxBackoff)
	}
}

func (l *Listener) setUp(conn *pgx.Conn, onState func(bool)) {
	l.mu.Lock()
	l.up, l.conn = true, conn
	l.mu.Unlock()
	onState(true)
}

func (l *Listener) setDown(onState func(bool)) {
	l.mu.Lock()
	was := l.up
	l.up, l.conn = false, nil
	l.mu.Unlock()
	if was {
		onState(false)
	}
}

// listenConn opens the listening connection and LISTENs on the
// workspace's channel.
func listenConn(ctx context.Context, workspace string) (*pgx.Conn, error) {
	dsn, err := pgDSN(workspace)
	if err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.RuntimeParams["application_name"] = "flightplan window"
	// A wait that times out (to ping) only sets a deadline on the socket;
	// the default would also open a connection to send a cancel request.
	cfg.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: pc.Conn()}
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(cctx, cfg)
	if err != nil {
		return nil, err
	}
	var channel string
	if err := conn.QueryRow(cctx, `SELECT `+changeChannel).Scan(&channel); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	if _, err := conn.Exec(cctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

// receive hands on the notifications conn hears until it fails or ctx
// ends, pinging it when it stays quiet.
func receive(ctx context.Context, conn *pgx.Conn, onChange func(Change)) error {
	for {
		wctx, cancel := context.WithTimeout(ctx, listenPing)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			var c Change
			if json.Unmarshal([]byte(n.Payload), &c) == nil && c.Kind != "" {
				onChange(c)
			}
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed():
			pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err = conn.Ping(pctx)
			cancel()
			if err != nil {
				return fmt.Errorf("listening: %w", err)
			}
		default:
			return fmt.Errorf("listening: %w", err)
		}
	}
}
