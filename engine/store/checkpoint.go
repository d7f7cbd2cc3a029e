package store

import (
	"database/sql"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The writer connection never checkpoints the WAL itself: with SQLite's
// automatic checkpoint, every few commits one of them copies the log back
// into the database file and syncs it, several milliseconds on the writer's
// critical path (a third of the time of a wake-up batch). A background
// checkpointer on its own connection does that work in PASSIVE mode, which
// never blocks the writer, so commits only append to the log.
const writerDriver = "sqlite3_flightplan_writer"

func init() {
	sql.Register(writerDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec("PRAGMA wal_autocheckpoint=0", nil)
			return err
		},
	})
}

// checkpointEvery is how often the checkpointer looks at the log.
const checkpointEvery = 200 * time.Millisecond

// checkpointer runs PASSIVE checkpoints until stopped.
type checkpointer struct {
	db   *sql.DB
	stop chan struct{}
	done sync.WaitGroup
	once sync.Once
	err  error
}

func startCheckpointer(dsn string) (*checkpointer, error) {
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	cp := &checkpointer{db: db, stop: make(chan struct{})}
	cp.done.Add(1)
	go cp.loop()
	return cp, nil
}

func (cp *checkpointer) loop() {
	defer cp.done.Done()
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-cp.stop:
			return
		case <-t.C:
			// Errors are not fatal: a checkpoint that could not run (the
			// file is busy) runs at the next tick; the log only grows.
			_, _ = cp.db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// close stops the checkpointer; the last connection to close (the writer)
// checkpoints what is left.
func (cp *checkpointer) close() error {
	cp.once.Do(func() {
		close(cp.stop)
		cp.done.Wait()
		cp.err = cp.db.Close()
	})
	return cp.err
}
