package runner

import (
	"strings"

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
			if err := b.tx.QueryRowContext(b.ctx, `SELECT count(*) FROM segment_members WHERE segment=? AND contact_id=?`, seg, id).Scan(&was); err != nil {
				return err
			}
			switch {
			case in && was == 0:
				if _, err := b.tx.ExecContext(b.ctx, `INSERT INTO segment_members(segment, contact_id, since) VALUES(?,?,?)`, seg, id, store.MS(b.now)); err != nil {
					return err
				}
				if err := b.emit(id, "segment_entered", map[string]any{"segment": seg}); err != nil {
					return err
				}
			case !in && was > 0:
				if _, err := b.tx.ExecContext(b.ctx, `DELETE FROM segment_members WHERE segment=? AND contact_id=?`, seg, id); err != nil {
					return err
				}
				if err := b.emit(id, "segment_left", map[string]any{"segment": seg}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
