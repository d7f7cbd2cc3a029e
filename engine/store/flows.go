package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"flightplan/engine/flow"
)

// FlowInfo describes a stored flow for the flow list.
type FlowInfo struct {
	ID               string    `json:"id"`
	Name             string    `json:"name"`
	PublishedVersion int       `json:"published_version"`
	Enabled          bool      `json:"enabled"`
	UpdatedAt        time.Time `json:"updated_at"`
	// DraftVersion counts the saves of the draft; DraftBy names who made
	// the last one ("" when not known: the command line, an import).
	DraftVersion int    `json:"draft_version,omitempty"`
	DraftBy      string `json:"draft_by,omitempty"`
	// Error is set when the stored record cannot be read; the other flows still open.
	Error string `json:"error,omitempty"`
}

// ErrNotFound is returned for a missing record.
var ErrNotFound = errors.New("not found")

// ListFlows lists every flow, each checked on its own: a corrupt record shows
// its error and does not hide the others.
func (s *Store) ListFlows() ([]FlowInfo, error) {
	rows, err := s.Query(context.Background(), "list-flows")
	if err != nil {
		return nil, fmt.Errorf("listing flows: %w", err)
	}
	defer rows.Close()
	out := []FlowInfo{}
	for rows.Next() {
		var fi FlowInfo
		var draft string
		var upd int64
		if err := rows.Scan(&fi.ID, &fi.Name, &draft, &fi.PublishedVersion, &fi.Enabled, &upd, &fi.DraftVersion, &fi.DraftBy); err != nil {
			return nil, err
		}
		fi.UpdatedAt = fromMS(upd)
		if _, err := flow.Parse("flow "+fi.ID, []byte(draft)); err != nil {
			fi.Error = err.Error()
		}
		out = append(out, fi)
	}
	return out, rows.Err()
}

// Flow returns a flow's draft.
func (s *Store) Flow(id string) (*flow.Flow, FlowInfo, error) {
	var fi FlowInfo
	var draft string
	var upd int64
	err := s.QueryRow(context.Background(), "get-flow", id).
		Scan(&fi.ID, &fi.Name, &draft, &fi.PublishedVersion, &fi.Enabled, &upd, &fi.DraftVersion, &fi.DraftBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fi, fmt.Errorf("flow %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fi, fmt.Errorf("flow %q: %w", id, err)
	}
	fi.UpdatedAt = fromMS(upd)
	f, err := flow.Parse("flow "+id, []byte(draft))
	if err != nil {
		return nil, fi, fmt.Errorf("flow %q is damaged: %w", id, err)
	}
	return f, fi, nil
}

// SaveFlow stores a flow's draft (creating the flow if needed), whatever
// was saved before. A new flow's id must pass flow.CheckID.
func (s *Store) SaveFlow(f *flow.Flow, now time.Time) error {
	_, err := s.SaveFlowOn(f, now, -1, "")
	return err
}

// DraftStamp says which save of a flow's draft is stored: its number, who
// made it ("" when not known) and when.
type DraftStamp struct {
	Version int       `json:"version"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// SaveFlowOn stores a flow's draft as a save made by `by` on version base
// of the draft (the one the window loaded). When someone saved since
// (the stored version is not base), nothing is written and the stored
// save's stamp is returned: the window then says who saved, and offers to
// load theirs or to save again on it. A base below 0 saves whatever is
// stored; a flow not stored yet is created whatever base.
func (s *Store) SaveFlowOn(f *flow.Flow, now time.Time, base int, by string) (*DraftStamp, error) {
	if err := s.checkNewID(f.ID); err != nil {
		return nil, err
	}
	body, err := flow.Marshal(f)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	if base >= 0 {
		saved := false
		err := s.saveDraft(ctx, f.ID, by, func(q Named) (bool, error) {
			res, err := q.Exec(ctx, "save-flow-draft-if", f.Name, string(body), ms(now), by, f.ID, base)
			if err != nil {
				return false, err
			}
			n, _ := res.RowsAffected()
			saved = n == 1
			return saved, nil
		})
		if err != nil {
			return nil, fmt.Errorf("flow %q: saving: %w", f.ID, err)
		}
		if saved {
			return nil, nil
		}
		st, err := s.DraftStamp(f.ID)
		if err == nil {
			return &st, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		// Not stored (deleted meanwhile, or new): created below.
	}
	err = s.saveDraft(ctx, f.ID, by, func(q Named) (bool, error) {
		_, err := q.Exec(ctx, "save-flow-draft", f.ID, f.Name, string(body), ms(now), ms(now), by)
		return err == nil, err
	})
	if err != nil {
		return nil, fmt.Errorf("flow %q: saving: %w", f.ID, err)
	}
	return nil, nil
}

// saveDraft runs a draft's save; on a team workspace it runs in a
// transaction that also tells the other windows when save reports it
// wrote the draft (see listen_pg.go). A workspace file (one person) saves
// with the one statement, as before.
func (s *Store) saveDraft(ctx context.Context, id, by string, save func(q Named) (bool, error)) error {
	if s.dialect != Postgres {
		_, err := save(s)
		return err
	}
	return s.RunInTransaction(ctx, func(tx *Tx) error {
		saved, err := save(tx)
		if err != nil || !saved {
			return err
		}
		return notifyChange(ctx, tx, Change{Kind: "draft", Flow: id, By: by})
	})
}

// DraftStamp returns the stamp of a flow's stored draft.
func (s *Store) DraftStamp(id string) (DraftStamp, error) {
	var st DraftStamp
	var at int64
	err := s.QueryRow(context.Background(), "get-draft-stamp", id).Scan(&st.Version, &st.By, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("flow %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("flow %q: %w", id, err)
	}
	st.At = fromMS(at)
	return st, nil
}

// checkNewID refuses an id that flow.CheckID refuses, unless a flow is
// already stored under it (made by a version that checked less): that one
// keeps working.
func (s *Store) checkNewID(id string) error {
	err := flow.CheckID(id)
	if err == nil {
		return nil
	}
	var n int
	if qerr := s.QueryRow(context.Background(), "count-flows-with-id", id).Scan(&n); qerr == nil && n > 0 {
		return nil
	}
	return err
}

// PutRawFlow stores a draft body as is (used by tests and repair tools).
func (s *Store) PutRawFlow(id, name, body string, now time.Time) error {
	_, err := s.Exec(context.Background(), "put-raw-flow", id, name, body, ms(now), ms(now))
	return err
}

// DeleteFlow removes a flow, its versions, and ends its enrollments.
func (s *Store) DeleteFlow(id string) error {
	ctx := context.Background()
	return s.RunInTransaction(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "delete-flow", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("flow %q: %w", id, ErrNotFound)
		}
		if _, err := tx.Exec(ctx, "delete-flow-versions", id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "exit-enrollments-of-deleted-flow", id); err != nil {
			return err
		}
		return notifyChange(ctx, tx, Change{Kind: "deleted", Flow: id})
	})
}

// Publish stores the flow as a new published version, enables it, and
// returns the version number. Contacts inside keep their version.
func (s *Store) Publish(f *flow.Flow, note string, now time.Time) (int, error) {
	if err := s.checkNewID(f.ID); err != nil {
		return 0, err
	}
	body, err := flow.Marshal(f)
	if err != nil {
		return 0, err
	}
	ctx := context.Background()
	var v int
	err = s.RunInTransaction(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(ctx, "next-flow-version", f.ID).Scan(&v); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "insert-flow-version", f.ID, v, string(body), ms(now), note); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "publish-flow", f.ID, f.Name, string(body), v, ms(now), ms(now)); err != nil {
			return err
		}
		return notifyChange(ctx, tx, Change{Kind: "published", Flow: f.ID})
	})
	if err != nil {
		return 0, err
	}
	return v, nil
}

// SetEnabled pauses or resumes a published flow's triggers.
func (s *Store) SetEnabled(id string, on bool) error {
	_, err := s.Exec(context.Background(), "set-flow-enabled", on, id)
	return err
}

// Version is one published version of a flow.
type Version struct {
	Version     int       `json:"version"`
	PublishedAt time.Time `json:"published_at"`
	Note        string    `json:"note"`
}

// Versions lists a flow's published versions, newest first.
func (s *Store) Versions(id string) ([]Version, error) {
	rows, err := s.Query(context.Background(), "list-flow-versions", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Version{}
	for rows.Next() {
		var v Version
		var at int64
		if err := rows.Scan(&v.Version, &at, &v.Note); err != nil {
			return nil, err
		}
		v.PublishedAt = fromMS(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// FlowVersion returns one published version.
func (s *Store) FlowVersion(id string, version int) (*flow.Flow, error) {
	var body string
	err := s.QueryRow(context.Background(), "get-flow-version", id, version).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("flow %q version %d: %w", id, version, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return flow.Parse(fmt.Sprintf("flow %s v%d", id, version), []byte(body))
}

// Published returns every enabled flow at its published version.
func (s *Store) Published() (map[string]*flow.Flow, map[string]int, error) {
	rows, err := s.Query(context.Background(), "published-flows")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	flows, versions := map[string]*flow.Flow{}, map[string]int{}
	for rows.Next() {
		var id, body string
		var v int
		if err := rows.Scan(&id, &v, &body); err != nil {
			return nil, nil, err
		}
		f, err := flow.Parse("flow "+id, []byte(body))
		if err != nil {
			return nil, nil, fmt.Errorf("flow %q version %d: %w", id, v, err)
		}
		flows[id], versions[id] = f, v
	}
	return flows, versions, rows.Err()
}

// Drafts returns every flow's draft, read and parsed once; damaged records
// are left out (ListFlows reports them).
func (s *Store) Drafts() (map[string]*flow.Flow, error) {
	rows, err := s.Query(context.Background(), "flow-drafts")
	if err != nil {
		return nil, fmt.Errorf("reading flows: %w", err)
	}
	defer rows.Close()
	out := map[string]*flow.Flow{}
	for rows.Next() {
		var id, draft string
		if err := rows.Scan(&id, &draft); err != nil {
			return nil, err
		}
		if f, err := flow.Parse("flow "+id, []byte(draft)); err == nil {
			out[id] = f
		}
	}
	return out, rows.Err()
}
