package engine

// Writes the command line offers beyond the window's screens: renaming and
// deleting lists and tags, changing a contact's lists and tags with the
// events funnels react to, deleting a contact or a custom field.

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

func cleanName(what, name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "", fmt.Errorf("give the %s a name", what)
	}
	return name, nil
}

// RenameList gives a list a new name; its members stay. Funnels and
// segments that name the old list are not changed: the references check
// (validate, publish) points at them.
func (e *Engine) RenameList(ctx context.Context, old, name string) error {
	name, err := cleanName("list", name)
	if err != nil {
		return err
	}
	sizes, err := e.Store.ListSizes(ctx)
	if err != nil {
		return err
	}
	for _, l := range sizes {
		if strings.EqualFold(l.Name, name) && !strings.EqualFold(l.Name, old) {
			return fmt.Errorf("list %q: the name %q is another list's", old, l.Name)
		}
	}
	if err := e.Store.RenameList(ctx, old, name); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("list %q: no list of this name", old)
		}
		return err
	}
	return nil
}

// DeleteList removes a list; its contacts stay. It returns how many
// contacts were in it.
func (e *Engine) DeleteList(ctx context.Context, name string) (int, error) {
	n, err := e.Store.DeleteList(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return 0, fmt.Errorf("list %q: no list of this name", name)
	}
	return n, err
}

// RenameTag renames a tag on every contact that carries it and returns how
// many did (none is an error: the tag does not exist).
func (e *Engine) RenameTag(ctx context.Context, old, name string) (int, error) {
	name, err := cleanName("tag", name)
	if err != nil {
		return 0, err
	}
	n, err := e.Store.RenameTag(ctx, old, name)
	if err == nil && n == 0 {
		err = fmt.Errorf("tag %q: no contact carries it", old)
	}
	return n, err
}

// DeleteTag takes a tag off every contact and returns how many carried it.
func (e *Engine) DeleteTag(ctx context.Context, name string) (int, error) {
	n, err := e.Store.DeleteTag(ctx, name)
	if err == nil && n == 0 {
		err = fmt.Errorf("tag %q: no contact carries it", name)
	}
	return n, err
}

// DeleteField removes a custom field's definition; the values stay in the
// contacts (a deletion by mistake loses nothing) but are no longer shown.
func (e *Engine) DeleteField(ctx context.Context, name string) error {
	if contact.IsIdentity(name) {
		return fmt.Errorf("field %q: built-in field, it cannot be deleted", name)
	}
	err := contacts.DeleteField(ctx, e.Store, name)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("field %q: no custom field of this name", name)
	}
	return err
}

// ContactEdit is a change to one contact: field values (name → text, ""
// clears it, validated as the contact editor does) and lists and tags to
// join or leave.
type ContactEdit struct {
	Values      map[string]string `json:"values"`
	AddLists    []string          `json:"add_lists"`
	RemoveLists []string          `json:"remove_lists"`
	AddTags     []string          `json:"add_tags"`
	RemoveTags  []string          `json:"remove_tags"`
}

// ContactChange says what an edit changed: field names, lists joined and
// left, tags added and removed (what was already so is left out).
type ContactChange struct {
	ID          int64    `json:"id"`
	Fields      []string `json:"fields"`
	JoinedLists []string `json:"joined_lists"`
	LeftLists   []string `json:"left_lists"`
	AddedTags   []string `json:"added_tags"`
	RemovedTags []string `json:"removed_tags"`
}

// EditContact applies an edit in one transaction: nothing is written when a
// value is wrong. Each change records its event (field_changed,
// list_joined, list_left, tag_added, tag_removed), unprocessed, so funnels
// react as they do to the window's edits.
func (e *Engine) EditContact(ctx context.Context, id int64, ed ContactEdit) (ContactChange, error) {
	ch := ContactChange{ID: id, Fields: []string{}, JoinedLists: []string{}, LeftLists: []string{}, AddedTags: []string{}, RemovedTags: []string{}}
	now := e.Clock.Now()
	err := e.Store.RunInTransaction(ctx, func(tx *store.Tx) error {
		if len(ed.Values) > 0 {
			f, err := contacts.UpdateFields(ctx, tx, id, ed.Values, now)
			if err != nil {
				return err
			}
			ch.Fields = f
		} else if _, err := store.LoadContact(ctx, tx, id); err != nil {
			return err
		}
		event := func(typ, key, val string) error {
			_, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: typ, Props: map[string]any{key: val}}, now, "app")
			return err
		}
		for _, l := range ed.AddLists {
			l, err := cleanName("list", l)
			if err != nil {
				return err
			}
			if ok, err := store.AddToList(ctx, tx, id, l, now); err != nil {
				return fmt.Errorf("list %q: %w", l, err)
			} else if ok {
				ch.JoinedLists = append(ch.JoinedLists, l)
				if err := event(contact.EventListJoined, "list", l); err != nil {
					return err
				}
			}
		}
		for _, l := range ed.RemoveLists {
			if ok, err := store.RemoveFromList(ctx, tx, id, l); err != nil {
				return fmt.Errorf("list %q: %w", l, err)
			} else if ok {
				ch.LeftLists = append(ch.LeftLists, l)
				if err := event(contact.EventListLeft, "list", l); err != nil {
					return err
				}
			}
		}
		for _, t := range ed.AddTags {
			t, err := cleanName("tag", t)
			if err != nil {
				return err
			}
			if ok, err := store.AddTag(ctx, tx, id, t, now); err != nil {
				return fmt.Errorf("tag %q: %w", t, err)
			} else if ok {
				ch.AddedTags = append(ch.AddedTags, t)
				if err := event(contact.EventTagAdded, "tag", t); err != nil {
					return err
				}
			}
		}
		for _, t := range ed.RemoveTags {
			if ok, err := store.RemoveTag(ctx, tx, id, t); err != nil {
				return fmt.Errorf("tag %q: %w", t, err)
			} else if ok {
				ch.RemovedTags = append(ch.RemovedTags, t)
				if err := event(contact.EventTagRemoved, "tag", t); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return ch, err
	}
	e.Poke()
	return ch, nil
}

// DeleteContact removes a contact and everything that is theirs (lists,
// tags, events, journeys, unsent messages): the right to be forgotten.
func (e *Engine) DeleteContact(ctx context.Context, id int64) error {
	return e.Store.RunInTransaction(ctx, func(tx *store.Tx) error {
		return store.DeleteContact(ctx, tx, id)
	})
}

// NameUser is a funnel's step (from its draft) or a segment that names a
// list or a tag.
type NameUser struct {
	// Funnel and Step (the step's label, else its id) for a step;
	// Segment for a segment.
	Funnel, Step, Segment string
}

// NameUsers lists what names a list or a tag (kind "list" or "tag"): the
// funnels' steps and the segments' rules, so a rename or a deletion can
// say what still names the old one.
func (e *Engine) NameUsers(ctx context.Context, kind, name string) ([]NameUser, error) {
	want := nodes.FList
	ruleKind := contacts.KindList
	if kind == "tag" {
		want, ruleKind = nodes.FTag, contacts.KindTag
	}
	var out []NameUser
	infos, err := e.Store.ListFlows()
	if err != nil {
		return nil, err
	}
	for _, fi := range infos {
		f, _, err := e.Store.Flow(fi.ID)
		if err != nil {
			continue // a damaged flow names nothing anyone can run
		}
		for _, n := range f.Nodes {
			s, ok := e.Registry.Lookup(n.Type)
			if !ok {
				continue
			}
			for _, fd := range s.Fields {
				if v, _ := n.Config[fd.Name].(string); fd.Type == want && strings.EqualFold(strings.TrimSpace(v), name) {
					label := n.Label
					if label == "" {
						label = n.ID
					}
					out = append(out, NameUser{Funnel: f.Name, Step: label})
				}
			}
		}
	}
	segs, err := contacts.ListSegments(ctx, e.Store)
	if err != nil {
		return nil, err
	}
	var walk func(g contacts.Segment) bool
	walk = func(g contacts.Segment) bool {
		for _, r := range g.Rules {
			if r.Kind == ruleKind && strings.EqualFold(strings.TrimSpace(r.Value), name) {
				return true
			}
		}
		for _, sub := range g.Groups {
			if walk(sub) {
				return true
			}
		}
		return false
	}
	for _, s := range segs {
		if walk(s) {
			out = append(out, NameUser{Segment: s.Name})
		}
	}
	return out, nil
}
