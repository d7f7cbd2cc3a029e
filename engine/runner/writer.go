package runner

import (
	"context"
	"database/sql"
	"sync"

	"flightplan/engine/store"
)

// writeTx is a batch's transaction with a background writer. Buffered rows
// are written by their own goroutine while the batch goes on executing
// steps, so on two cores the engine's Go work and SQLite's work overlap.
// Every other statement on the transaction first waits for the writer to
// finish what it was given: a read always sees every row written before it,
// exactly as if the writes had been made in line.
type writeTx struct {
	tx   *store.Tx
	ctx  context.Context
	jobs chan writeJob
	wg   sync.WaitGroup
	err  error // the first failed write; read only after wg.Wait
}

type writeJob struct {
	query string
	args  []any
}

func newWriteTx(ctx context.Context, tx *store.Tx) *writeTx {
	w := &writeTx{tx: tx, ctx: ctx, jobs: make(chan writeJob, 16)}
	go w.loop()
	return w
}

func (w *writeTx) loop() {
	for j := range w.jobs {
		if w.err == nil {
			if _, err := w.tx.ExecContext(w.ctx, j.query, j.args...); err != nil {
				w.err = err
			}
		}
		w.wg.Done()
	}
}

// submit queues a write; its error, if any, comes back from the next
// statement, Wait or Commit. args must not be reused by the caller.
func (w *writeTx) submit(query string, args []any) {
	w.wg.Add(1)
	w.jobs <- writeJob{query, args}
}

// Wait blocks until every queued write is done and returns the first error.
func (w *writeTx) Wait() error {
	w.wg.Wait()
	return w.err
}

// Dialect is the workspace's database, for SQL built at run time.
func (w *writeTx) Dialect() store.Dialect { return w.tx.Dialect() }

// ExecContext runs a statement after the queued writes.
func (w *writeTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := w.Wait(); err != nil {
		return nil, err
	}
	return w.tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a query after the queued writes.
func (w *writeTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := w.Wait(); err != nil {
		return nil, err
	}
	return w.tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a query after the queued writes. A failed write
// cannot be reported through *sql.Row; it is returned by Commit, which
// then rolls back, so nothing built on the query's answer is kept.
func (w *writeTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	_ = w.Wait()
	return w.tx.QueryRowContext(ctx, query, args...)
}

// Commit waits for the queued writes and commits, or rolls back if one failed.
func (w *writeTx) Commit() error {
	err := w.Wait()
	close(w.jobs)
	if err != nil {
		_ = w.tx.Rollback()
		return err
	}
	return w.tx.Commit()
}

// Rollback waits for the writer to stop and rolls back.
func (w *writeTx) Rollback() error {
	_ = w.Wait()
	close(w.jobs)
	return w.tx.Rollback()
}
