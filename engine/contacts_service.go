package engine

// The contacts screen's operations on the workspace: each reads through
// the reader pool or writes through the writer, and wakes the scheduler
// when contacts changed in a way funnels react to.

import (
	"context"
	"fmt"
	"io"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// ContactPage is one page of the contacts table.
type ContactPage struct {
	Rows  []contacts.Row `json:"rows"`
	Total int            `json:"total"`
}

// ListContacts pages through contacts with search and filters.
func (e *Engine) ListContacts(ctx context.Context, q contacts.ListQuery) (ContactPage, error) {
	rows, total, err := contacts.List(ctx, e.Store, q)
	if rows == nil {
		rows = []contacts.Row{}
	}
	return ContactPage{Rows: rows, Total: total}, err
}

// ContactTimeline returns a contact's history: events, flow steps, emails,
// score changes.
func (e *Engine) ContactTimeline(ctx context.Context, id int64) ([]contacts.TimelineItem, error) {
	items, err := contacts.Timeline(ctx, e.Store, id)
	if items == nil {
		items = []contacts.TimelineItem{}
	}
	e.NameTimeline(items, e.Names())
	return items, err
}

// NameTimeline writes what a history's items say in every language, and
// names their funnels, steps and emails, with n: the window and the
// command line show these, never the ids.
func (e *Engine) NameTimeline(items []contacts.TimelineItem, n *Names) {
	for i := range items {
		it := &items[i]
		if len(it.Why) > 0 {
			var t words.Text
			for k, r := range it.Why {
				x := words.All(r, it.FlowID, n)
				if k > 0 {
					t.En, t.Fr, t.Pseudo = t.En+" · ", t.Fr+" · ", t.Pseudo+" · "
				}
				t.En, t.Fr, t.Pseudo = t.En+x.En, t.Fr+x.Fr, t.Pseudo+x.Pseudo
			}
			it.Text = &t
		}
		if it.FlowID != "" {
			it.FlowName = n.Funnel(it.FlowID)
			if it.Node != "" {
				st := words.Text{En: n.Step(it.FlowID, it.Node, "en"), Fr: n.Step(it.FlowID, it.Node, "fr")}
				st.Pseudo = "⟦" + st.En + "⟧"
				it.StepName = &st
			}
		}
		if it.Kind == "message" && it.Name != "" {
			it.Name = n.Email(it.Name) // "" for a deleted email: never its id
		}
	}
}

// AddContact creates a contact from field values (validated), with the
// sign-up and list events so flows start.
func (e *Engine) AddContact(ctx context.Context, values map[string]string, lists []string) (int64, error) {
	c, err := contacts.NewContact(ctx, e.Store, values)
	if err != nil {
		return 0, err
	}
	id, err := e.Runner.CreateContact(ctx, c, lists)
	e.Poke()
	return id, err
}

// SniffCSV reads the start of a CSV file and proposes a column mapping.
func (e *Engine) SniffCSV(ctx context.Context, r io.Reader) (*contacts.FileInfo, error) {
	return contacts.Sniff(ctx, e.Store, r, contacts.ImportOptions{})
}

// ImportCSV imports contacts and wakes the scheduler for the funnels they
// start.
func (e *Engine) ImportCSV(ctx context.Context, r io.Reader, opts contacts.ImportOptions) (*contacts.ImportResult, error) {
	res, err := contacts.Import(ctx, e.Store, r, opts)
	e.Poke()
	return res, err
}

// ExportContactsCSV writes the contacts matching a filter as CSV.
func (e *Engine) ExportContactsCSV(ctx context.Context, w io.Writer, q contacts.ListQuery) error {
	_, err := contacts.ExportCSV(ctx, e.Store, w, q)
	return err
}

// Fields lists the contact fields (identity and custom) with their types.
func (e *Engine) Fields(ctx context.Context) ([]contacts.FieldDef, error) {
	return contacts.RuleFields(ctx, e.Store)
}

// DefineField creates or changes a custom field.
func (e *Engine) DefineField(ctx context.Context, def contacts.FieldDef) error {
	return contacts.DefineField(ctx, e.Store, def)
}

// Segments lists the saved segments.
func (e *Engine) Segments(ctx context.Context) ([]contacts.Segment, error) {
	s, err := contacts.ListSegments(ctx, e.Store)
	if s == nil {
		s = []contacts.Segment{}
	}
	return s, err
}

// SegmentCount is a segment's live count and a preview of its contacts.
type SegmentCount struct {
	Count   int                `json:"count"`
	Preview []*contact.Contact `json:"preview"`
}

// CountSegment counts a segment (saved or not) and previews 20 contacts.
func (e *Engine) CountSegment(ctx context.Context, seg contacts.Segment) (SegmentCount, error) {
	now := e.Clock.Now()
	db := e.Store
	if err := contacts.ValidateSegment(ctx, db, &seg, now); err != nil {
		return SegmentCount{}, err
	}
	n, err := contacts.Count(ctx, db, &seg, now)
	if err != nil {
		return SegmentCount{}, err
	}
	p, err := contacts.Preview(ctx, db, &seg, now, 20)
	if p == nil {
		p = []*contact.Contact{}
	}
	return SegmentCount{Count: n, Preview: p}, err
}

// SaveSegment stores a segment.
func (e *Engine) SaveSegment(ctx context.Context, seg contacts.Segment) (contacts.Segment, error) {
	return contacts.SaveSegment(ctx, e.Store, seg, e.Clock.Now())
}

// DeleteSegment removes a segment.
func (e *Engine) DeleteSegment(ctx context.Context, id string) error {
	return contacts.DeleteSegment(ctx, e.Store, id)
}

// SetContactStage moves a contact's lifecycle stage (forward only unless
// allowed) and wakes the scheduler.
func (e *Engine) SetContactStage(ctx context.Context, id int64, stage string) error {
	if err := contacts.SetStage(ctx, e.Store, id, stage, e.Clock.Now()); err != nil {
		return fmt.Errorf("contact %d: %w", id, err)
	}
	e.Poke()
	return nil
}

// ContactByEmail finds a contact's id from their email address (any case),
// so the canvas can explain a contact's path from the address a marketer
// knows rather than an internal number.
func (e *Engine) ContactByEmail(ctx context.Context, email string) (int64, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return 0, fmt.Errorf("type an email address")
	}
	id, err := e.Store.ContactIDByEmail(ctx, email)
	if err == store.ErrNoContact {
		return 0, fmt.Errorf("no contact has the email %q", email)
	}
	return id, err
}
