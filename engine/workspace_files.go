package engine

// What `flightplan export workspace` and `import workspace` need beyond the
// other domains' methods: the gallery's provenance of each funnel, the
// teammates as stored, and every contact whole.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/store"
)

// galleryKey is the setting that remembers which gallery funnel each
// funnel was made from (a funnel's file says nothing of it).
const galleryKey = "gallery_provenance"

// Provenance is the gallery funnel a funnel was made from, in which language.
type Provenance struct {
	Template string `json:"template"`
	Language string `json:"language"`
}

// GalleryProvenance returns the gallery funnel each funnel was made from,
// by funnel id (funnels made otherwise are absent).
func (e *Engine) GalleryProvenance() (map[string]Provenance, error) {
	out := map[string]Provenance{}
	raw, err := e.Store.Setting(galleryKey)
	if err != nil || raw == "" {
		return out, err
	}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, fmt.Errorf("setting %s: %w", galleryKey, err)
	}
	return out, nil
}

// SetGalleryProvenance records where funnels came from, adding to (or
// replacing in) what is recorded.
func (e *Engine) SetGalleryProvenance(p map[string]Provenance) error {
	all, err := e.GalleryProvenance()
	if err != nil {
		return err
	}
	for id, v := range p {
		if strings.TrimSpace(v.Template) == "" {
			return fmt.Errorf("funnel %q: the gallery funnel it came from has no name", id)
		}
		all[id] = v
	}
	b, _ := json.Marshal(all)
	return e.Store.SetSetting(galleryKey, string(b))
}

// Teammates returns the workspace's teammates as stored (their ids are
// what funnels' alert steps name).
func (e *Engine) Teammates() ([]store.Teammate, error) { return e.Store.Teammates() }

// SetTeammates replaces the workspace's teammates, ids kept; each needs an
// id, a name and an email address.
func (e *Engine) SetTeammates(ts []store.Teammate) error {
	seen := map[string]bool{}
	for i, t := range ts {
		switch {
		case strings.TrimSpace(t.ID) == "" || strings.TrimSpace(t.Name) == "":
			return fmt.Errorf("teammate %d: an id and a name are needed", i+1)
		case seen[t.ID]:
			return fmt.Errorf("teammate %d: the id %q is another teammate's", i+1, t.ID)
		}
		if _, err := contacts.CleanEmail(t.Email); err != nil {
			return fmt.Errorf("teammate %d (%s): %w", i+1, t.Name, err)
		}
		seen[t.ID] = true
	}
	b, _ := json.Marshal(ts)
	return e.Store.SetSetting(store.TeammatesKey, string(b))
}

// AllContacts loads every contact with their lists and tags, by email.
func (e *Engine) AllContacts(ctx context.Context) ([]*contact.Contact, error) {
	ids, err := e.Store.ContactIDs(ctx)
	if err != nil {
		return nil, err
	}
	byID, err := store.LoadContacts(ctx, e.Store, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*contact.Contact, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Email < out[j].Email })
	return out, nil
}

// RestoredContact is a contact as a workspace's files keep it: field values
// as text (checked as the contact editor checks them), lists, tags, stage,
// consent and creation time.
type RestoredContact struct {
	Values       map[string]string
	Lists, Tags  []string
	Stage        string
	Unsubscribed bool
	Bounced      bool
	CreatedAt    string // RFC 3339; "" is now
}

// RestoreError is a contact RestoreContacts refused: Index is its place
// in the slice given (from 0).
type RestoreError struct {
	Index int
	Err   error
}

func (e *RestoreError) Error() string { return fmt.Sprintf("contact %d: %v", e.Index+1, e.Err) }

func (e *RestoreError) Unwrap() error { return e.Err }

// RestoreContacts adds contacts brought back from a workspace's files, in
// one transaction: all of them or, on a bad one, none (a *RestoreError
// says which). A contact the workspace has already (same email)
// is left as it is and counted in kept. No event is recorded: a contact
// moved between workspaces did not just sign up, and no funnel should
// greet them again.
func (e *Engine) RestoreContacts(ctx context.Context, rs []RestoredContact) (added, kept int, err error) {
	now := e.Clock.Now()
	err = e.Store.RunInTransaction(ctx, func(tx *store.Tx) error {
		vc, err := contacts.NewValueChecker(ctx, tx)
		if err != nil {
			return err
		}
		for i, r := range rs {
			c, err := vc.NewContact(r.Values)
			if err != nil {
				return &RestoreError{i, err}
			}
			if _, err := store.ContactIDByEmail(ctx, tx, c.Email); err == nil {
				kept++
				continue
			}
			if err := restoreOne(ctx, tx, c, r, now); err != nil {
				return &RestoreError{i, err}
			}
			added++
		}
		return nil
	})
	if err != nil {
		added, kept = 0, 0
	}
	return added, kept, err
}

func restoreOne(ctx context.Context, tx *store.Tx, c *contact.Contact, r RestoredContact, now time.Time) error {
	c.Stage, c.Unsubscribed, c.Bounced = r.Stage, r.Unsubscribed, r.Bounced
	if r.Stage != "" && contact.StageRank(r.Stage) < 0 {
		return fmt.Errorf("%s: stage %q is not one of %s", c.Email, r.Stage, strings.Join(contact.Stages, ", "))
	}
	if r.CreatedAt != "" {
		t, err := time.Parse(time.RFC3339, r.CreatedAt)
		if err != nil {
			return fmt.Errorf("%s: created_at %q: %w", c.Email, r.CreatedAt, err)
		}
		c.CreatedAt = t
	}
	id, err := store.InsertContact(ctx, tx, c, now)
	if err != nil {
		return err
	}
	for _, l := range r.Lists {
		if _, err := store.AddToList(ctx, tx, id, l, now); err != nil {
			return fmt.Errorf("%s: list %q: %w", c.Email, l, err)
		}
	}
	for _, t := range r.Tags {
		if _, err := store.AddTag(ctx, tx, id, t, now); err != nil {
			return fmt.Errorf("%s: tag %q: %w", c.Email, t, err)
		}
	}
	return nil
}
