package runner

import (
	"context"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// feedChunk is how many contacts the feed reads per query: small enough
// that the first chunk arrives quickly, large enough to keep queries few.
const feedChunk = 100

// contactFeed reads a batch's contacts on a reader connection, chunk by
// chunk, while the batch executes the journeys of the chunks before: on two
// cores reading contacts then overlaps with stepping and writing.
//
// A reader sees what the batch's transaction saw when it began: the batch
// holds the write lock from its first statement (BEGIN IMMEDIATE), so no
// other commit lands in between, and the batch's own writes are invisible
// to readers. Contacts the batch has touched already are the exception;
// they live in b.contacts, which always wins over the feed's copy.
type contactFeed struct {
	ids    []int64
	chunks chan feedResult
	ctx    context.Context
	cancel context.CancelFunc
	upTo   int // ids[:upTo] are merged into the batch
}

type feedResult struct {
	contacts map[int64]*contact.Contact
	err      error
}

// feedContacts starts reading the contacts with the given ids, in order.
func (b *batch) feedContacts(ids []int64) *contactFeed {
	ctx, cancel := context.WithCancel(b.ctx)
	// The feed reads at most two chunks ahead of the batch: a batch that
	// stops at its lock budget has not read contacts it will not step.
	f := &contactFeed{ids: ids, ctx: ctx, cancel: cancel, chunks: make(chan feedResult, 1)}
	st := b.r.st
	go func() {
		for start := 0; start < len(ids); start += feedChunk {
			got, err := store.LoadContacts(ctx, st, ids[start:min(start+feedChunk, len(ids))])
			select {
			case f.chunks <- feedResult{got, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return f
}

// upto makes sure the contact ids[i] has been read and merged into the
// batch, waiting for the feed if need be.
func (f *contactFeed) upto(b *batch, i int) error {
	for i >= f.upTo {
		var res feedResult
		select {
		case res = <-f.chunks:
		case <-f.ctx.Done():
			return f.ctx.Err()
		}
		if res.err != nil {
			return res.err
		}
		for id, c := range res.contacts {
			if b.contacts[id] == nil {
				b.contacts[id] = c
			}
		}
		f.upTo = min(f.upTo+feedChunk, len(f.ids))
	}
	return nil
}

// stop abandons what the feed has not read yet.
func (f *contactFeed) stop() { f.cancel() }
