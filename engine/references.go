package engine

// The names a step can point at, as the inspector's pickers offer them.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/forms"
	"flightplan/engine/mail"
	"flightplan/engine/nodes"
	"flightplan/scripts"
)

// Lookups are the names the inspector's pickers offer.
type Lookups struct {
	Lists      []string `json:"lists"`
	Tags       []string `json:"tags"`
	Fields     []string `json:"fields"`
	Templates  []string `json:"templates"`
	Scripts    []string `json:"scripts"`
	Segments   []string `json:"segments"`
	Flows      []string `json:"flows"`
	EventTypes []string `json:"event_types"`
}

// Lookups returns the pickers' choices.
func (e *Engine) Lookups() (Lookups, error) {
	l, err := e.Store.Names()
	if err != nil {
		return Lookups{}, err
	}
	// Event types: the one catalogue (system events, then the workspace's
	// own, declared or received), as the funnel inspector offers them.
	seen, err := e.EventTypesSeen()
	if err != nil {
		return Lookups{}, err
	}
	out := Lookups{Lists: l.Lists, Tags: l.Tags, Templates: l.Templates, Scripts: l.Scripts, Segments: l.Segments, Flows: l.Flows, EventTypes: []string{}}
	for _, ev := range nodes.EventCatalogue(seen) {
		out.EventTypes = append(out.EventTypes, ev.Type)
	}
	out.Fields = append(append([]string{}, contact.IdentityFields...), l.Fields...)
	sort.Strings(out.Fields)
	return out, nil
}

// Reference is one thing a step can point at: Key is what the flow stores
// (an email's id, a list's name…), never shown; Name is what the user
// reads, Detail a short hint beside it (an email's subject, a script's
// kind), Count how many contacts it holds when that means something.
type Reference struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// NameFr is the name in French, when the thing has its own (a rule's
	// header title in French).
	NameFr string `json:"name_fr,omitempty"`
	Detail string `json:"detail,omitempty"`
	Count  *int   `json:"count,omitempty"`
}

// References are the choices of every reference field, by kind.
type References struct {
	Emails     []Reference       `json:"emails"`
	Lists      []Reference       `json:"lists"`
	Tags       []Reference       `json:"tags"`
	Segments   []Reference       `json:"segments"`
	Fields     []Reference       `json:"fields"`
	Scripts    []Reference       `json:"scripts"`
	Flows      []Reference       `json:"flows"`
	Teammates  []Reference       `json:"teammates"`
	EventTypes []nodes.EventType `json:"event_types"`
	// Forms are the sign-up forms, by name (a "Sends a form" start).
	Forms []Reference `json:"forms"`
}

// References returns every named thing a step can point at, as it is now:
// the inspector's choosers ask again each time they open, so a new email or
// list shows without a restart.
func (e *Engine) References(ctx context.Context) (References, error) {
	r := References{Emails: []Reference{}, Lists: []Reference{}, Tags: []Reference{}, Segments: []Reference{},
		Fields: []Reference{}, Scripts: []Reference{}, Flows: []Reference{}, Teammates: []Reference{}, Forms: []Reference{}}
	fms, err := forms.List(ctx, e.Store)
	if err != nil {
		return r, err
	}
	for _, f := range fms {
		r.Forms = append(r.Forms, Reference{Key: f.Name, Name: f.Name})
	}
	tpls, err := e.Store.TemplatesByName(ctx)
	if err != nil {
		return r, err
	}
	for _, rec := range tpls {
		var t mail.Template
		_ = json.Unmarshal([]byte(rec.Body), &t)
		name := rec.Name
		if strings.TrimSpace(name) == "" {
			name = rec.ID
		}
		r.Emails = append(r.Emails, Reference{Key: rec.ID, Name: name, Detail: t.Subject})
	}
	lists, err := e.Store.ListSizes(ctx)
	if err != nil {
		return r, err
	}
	for _, l := range lists {
		n := l.Count
		r.Lists = append(r.Lists, Reference{Key: l.Name, Name: l.Name, Count: &n})
	}
	tags, err := e.Store.TagSizes(ctx)
	if err != nil {
		return r, err
	}
	for _, t := range tags {
		n := t.Count
		r.Tags = append(r.Tags, Reference{Key: t.Name, Name: t.Name, Count: &n})
	}
	db := e.Store
	segs, err := contacts.ListSegments(ctx, db)
	if err != nil {
		return r, err
	}
	for _, s := range segs {
		name := s.Name
		if strings.TrimSpace(name) == "" {
			name = s.ID
		}
		r.Segments = append(r.Segments, Reference{Key: s.ID, Name: name})
	}
	fields, err := contacts.RuleFields(ctx, db)
	if err != nil {
		return r, err
	}
	for _, f := range fields {
		name := f.Label
		if name == "" {
			name = f.Name
		}
		r.Fields = append(r.Fields, Reference{Key: f.Name, Name: name, Detail: string(f.Type)})
	}
	own := map[string]bool{}
	scs, err := e.Store.Scripts(ctx)
	if err != nil {
		return r, err
	}
	// A rule is named by its title, as the Rules screen shows it; its key
	// is for the script's editor only.
	for _, s := range scs {
		own[s.Name] = true
		t := ruleTitle(s.Name, s.Source)
		r.Scripts = append(r.Scripts, Reference{Key: s.Name, Name: t[0], NameFr: t[1], Detail: s.Kind})
	}
	for _, lib := range scripts.All() {
		if !own[lib.Name] {
			r.Scripts = append(r.Scripts, Reference{Key: lib.Name, Name: lib.Title, NameFr: lib.TitleFr, Detail: lib.Kind})
		}
	}
	flows, err := e.Store.ListFlows()
	if err != nil {
		return r, err
	}
	for _, f := range flows {
		name := f.Name
		if strings.TrimSpace(name) == "" {
			name = f.ID
		}
		r.Flows = append(r.Flows, Reference{Key: f.ID, Name: name})
	}
	mates, err := e.Store.Teammates()
	if err != nil {
		return r, err
	}
	for _, t := range mates {
		r.Teammates = append(r.Teammates, Reference{Key: t.ID, Name: t.Name, Detail: t.Email})
	}
	seen, err := e.EventTypesSeen()
	if err != nil {
		return r, err
	}
	r.EventTypes = nodes.EventCatalogue(seen)
	return r, nil
}

// CreateList makes an empty contact list (nothing happens if it exists)
// and returns its name as stored; spaces inside the name are made single.
func (e *Engine) CreateList(ctx context.Context, name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "", fmt.Errorf("give the list a name")
	}
	stored, err := e.Store.CreateList(ctx, name)
	if err != nil {
		return "", fmt.Errorf("list %q: %w", name, err)
	}
	return stored, nil
}
