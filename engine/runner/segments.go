package runner

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"

	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// watchedSegments are the segments named by "enters a segment" starts of
// published flows.
func (r *Runner) watchedSegments() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, fl := range r.published {
		for _, t := range fl.triggers {
			if t.Type != "trigger.segment_entered" {
				continue
			}
			s := nodes.ConfigOf(t, fl.specs[t.ID]).String("segment")
			if s != "" && !seen[strings.ToLower(s)] {
				seen[strings.ToLower(s)] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// segmentChanges checks the batch's contacts against the watched segments
// and emits segment_entered / segment_left events for those whose
// membership changed. It runs before the batch commits, on the contacts as
// the batch changed them.
func (b *batch) segmentChanges() error {
	segs := b.r.watchedSegments()
	if len(segs) == 0 || b.r.opts.Segments == nil {
		return nil
	}
	if err := b.flush(); err != nil {
		return err
	}
	for id, c := range b.contacts {
		for _, seg := range segs {
			in, err := b.r.opts.Segments.InSegment(b.ctx, b.tx, c, seg, b.now)
			if err != nil {
				return err
			}
			var was int
			if err := store.With(b.tx).QueryRow(b.ctx, "is-segment-member", seg, id).Scan(&was); err != nil {
				return err
			}
			switch {
			case in && was == 0:
				if _, err := store.With(b.tx).Exec(b.ctx, "add-segment-member", seg, id, store.MS(b.now)); err != nil {
					return err
				}
				if err := b.bufferEvent(id, "segment_entered", map[string]any{"segment": seg}); err != nil {
					return err
				}
			case !in && was > 0:
				if _, err := store.With(b.tx).Exec(b.ctx, "remove-segment-member", seg, id); err != nil {
					return err
				}
				if err := b.bufferEvent(id, "segment_left", map[string]any{"segment": seg}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// SegmentLister lists a segment's members at a time. When the
// SegmentChecker also lists, the runner notices contacts who enter or leave
// a watched segment as time passes ("no email opened in 60 days", "signed
// up more than a month ago"), not only after something happened to them.
type SegmentLister interface {
	Members(ctx context.Context, q store.Querier, segment string, now time.Time) ([]int64, error)
}

// SegmentSweepEvery is how often watched segments are re-read whole.
const SegmentSweepEvery = time.Hour

const settingSegmentsSwept = "segments_swept"

func segmentSeededKey(seg string) string { return "segment_seeded/" + strings.ToLower(seg) }

// lastSegmentSweep returns when watched segments were last read whole.
func lastSegmentSweep(ctx context.Context, q store.Querier) (time.Time, bool) {
	var v string
	if err := store.With(q).QueryRow(ctx, "get-setting", settingSegmentsSwept).Scan(&v); err != nil {
		return time.Time{}, false
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	return store.FromMS(ms), err == nil
}

// sweepSegments compares each watched segment's members now with the ones
// recorded, records the difference and emits segment_entered / segment_left
// events for it. The first sweep of a segment records its members without
// events: a funnel that starts when contacts enter a segment takes those
// who enter after it is published, not everyone already in.
func (r *Runner) sweepSegments(ctx context.Context) (int, error) {
	lister, ok := r.opts.Segments.(SegmentLister)
	segs := r.watchedSegments()
	if !ok || len(segs) == 0 {
		return 0, nil
	}
	now := r.clk.Now()
	if last, seen := lastSegmentSweep(ctx, r.st); seen && now.Before(last.Add(SegmentSweepEvery)) {
		return 0, nil
	}
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	emitted := 0
	for _, seg := range segs {
		ids, err := lister.Members(ctx, tx, seg, now)
		if err != nil {
			return 0, fmt.Errorf("segment %q: %w", seg, err)
		}
		members := make(map[int64]bool, len(ids))
		for _, id := range ids {
			members[id] = true
		}
		stored := map[int64]bool{}
		rows, err := tx.Query(ctx, "segment-members", seg)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return 0, err
			}
			stored[id] = true
		}
		rows.Close()
		var seeded int
		if err := tx.QueryRow(ctx, "count-settings-with-key", segmentSeededKey(seg)).Scan(&seeded); err != nil {
			return 0, err
		}
		change := func(id int64, entered bool) error {
			typ := "segment_left"
			var err error
			if entered {
				typ = "segment_entered"
				_, err = tx.Exec(ctx, "add-segment-member-if-absent", seg, id, store.MS(now))
			} else {
				_, err = tx.Exec(ctx, "remove-segment-member", seg, id)
			}
			if err != nil {
				return err
			}
			if seeded == 0 {
				return nil
			}
			emitted++
			_, err = store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: typ, At: now, Props: map[string]any{"segment": seg}}, now, "segments")
			return err
		}
		for _, id := range ids {
			if !stored[id] {
				if err := change(id, true); err != nil {
					return 0, err
				}
			}
		}
		for id := range stored {
			if !members[id] {
				if err := change(id, false); err != nil {
					return 0, err
				}
			}
		}
		if _, err := tx.Exec(ctx, "add-setting", segmentSeededKey(seg), "1"); err != nil {
			return 0, err
		}
	}
	if _, err := tx.Exec(ctx, "set-setting", settingSegmentsSwept, strconv.FormatInt(store.MS(now), 10)); err != nil {
		return 0, err
	}
	return emitted, tx.Commit()
}

// nextSegmentSweep is when watched segments are due to be read again.
func (r *Runner) nextSegmentSweep(ctx context.Context) (time.Time, bool) {
	if _, ok := r.opts.Segments.(SegmentLister); !ok || len(r.watchedSegments()) == 0 {
		return time.Time{}, false
	}
	last, seen := lastSegmentSweep(ctx, r.st)
	if !seen {
		return r.clk.Now(), true
	}
	return last.Add(SegmentSweepEvery), true
}
