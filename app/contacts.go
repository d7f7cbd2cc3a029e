package app

import (
	"bytes"
	"fmt"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/store"
)

// ContactPage is one page of the contacts table.
type ContactPage struct {
	Rows  []contacts.Row `json:"rows"`
	Total int            `json:"total"`
}

// ListContacts pages through contacts with search and filters.
func (a *App) ListContacts(q contacts.ListQuery) (ContactPage, error) {
	rows, total, err := contacts.List(a.ctx, a.eng.Store.ReadDB(), q)
	if rows == nil {
		rows = []contacts.Row{}
	}
	return ContactPage{Rows: rows, Total: total}, err
}

// GetContact returns one contact.
func (a *App) GetContact(id int64) (*contact.Contact, error) {
	return store.LoadContact(a.ctx, a.eng.Store.ReadDB(), id)
}

// ContactTimeline returns a contact's history: events, flow steps, emails, score changes.
func (a *App) ContactTimeline(id int64) ([]contacts.TimelineItem, error) {
	items, err := contacts.Timeline(a.ctx, a.eng.Store.ReadDB(), id)
	if items == nil {
		items = []contacts.TimelineItem{}
	}
	return items, err
}

// AddContact creates a contact from field values (validated), with the
// sign-up and list events so flows start.
func (a *App) AddContact(values map[string]string, lists []string) (int64, error) {
	c, err := contacts.NewContact(a.ctx, a.eng.Store.ReadDB(), values)
	if err != nil {
		return 0, err
	}
	id, err := a.eng.Runner.CreateContact(a.ctx, c, lists)
	a.eng.Poke()
	return id, err
}

// SniffCSV reads the start of a CSV file and proposes a column mapping.
func (a *App) SniffCSV(content string) (*contacts.FileInfo, error) {
	return contacts.Sniff(a.ctx, a.eng.Store.ReadDB(), strings.NewReader(content), contacts.ImportOptions{})
}

// ImportCSV imports contacts; progress goes to the window as
// "import:progress" events ({done, total}).
func (a *App) ImportCSV(content string, opts contacts.ImportOptions) (*contacts.ImportResult, error) {
	opts.Progress = func(done, total int) { a.emit("import:progress", map[string]int{"done": done, "total": total}) }
	res, err := contacts.Import(a.ctx, a.eng.Store, strings.NewReader(content), opts)
	a.eng.Poke()
	return res, err
}

// RejectsCSV returns the rejected rows of an import as a CSV to fix.
func (a *App) RejectsCSV(res contacts.ImportResult) (string, error) {
	var buf bytes.Buffer
	err := contacts.WriteRejects(&buf, &res)
	return buf.String(), err
}

// ExportContactsCSV exports the contacts matching a filter.
func (a *App) ExportContactsCSV(q contacts.ListQuery) (string, error) {
	var buf bytes.Buffer
	_, err := contacts.ExportCSV(a.ctx, a.eng.Store, &buf, q)
	return buf.String(), err
}

// Fields lists the contact fields (identity and custom) with their types.
func (a *App) Fields() ([]contacts.FieldDef, error) {
	return contacts.RuleFields(a.ctx, a.eng.Store.ReadDB())
}

// DefineField creates or changes a custom field.
func (a *App) DefineField(def contacts.FieldDef) error {
	return contacts.DefineField(a.ctx, a.eng.Store.DB(), def)
}

// Segments lists the saved segments.
func (a *App) Segments() ([]contacts.Segment, error) {
	s, err := contacts.ListSegments(a.ctx, a.eng.Store.ReadDB())
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
func (a *App) CountSegment(seg contacts.Segment) (SegmentCount, error) {
	now := a.eng.Clock.Now()
	if err := contacts.ValidateSegment(a.ctx, a.eng.Store.ReadDB(), &seg, now); err != nil {
		return SegmentCount{}, err
	}
	n, err := contacts.Count(a.ctx, a.eng.Store.ReadDB(), &seg, now)
	if err != nil {
		return SegmentCount{}, err
	}
	p, err := contacts.Preview(a.ctx, a.eng.Store.ReadDB(), &seg, now, 20)
	if p == nil {
		p = []*contact.Contact{}
	}
	return SegmentCount{Count: n, Preview: p}, err
}

// SaveSegment stores a segment.
func (a *App) SaveSegment(seg contacts.Segment) (contacts.Segment, error) {
	return contacts.SaveSegment(a.ctx, a.eng.Store.DB(), seg, a.eng.Clock.Now())
}

// DeleteSegment removes a segment.
func (a *App) DeleteSegment(id string) error {
	return contacts.DeleteSegment(a.ctx, a.eng.Store.DB(), id)
}

// SegmentOperators lists the operators of a rule kind and field type.
func (a *App) SegmentOperators(kind contacts.RuleKind, t contacts.FieldType) []string {
	return contacts.OperatorsFor(kind, t)
}

// Scoring returns the scoring rules and decay.
func (a *App) Scoring() (contacts.ScoringConfig, error) {
	return contacts.LoadScoring(a.ctx, a.eng.Store.ReadDB())
}

// SaveScoring stores the scoring rules and recomputes every score.
func (a *App) SaveScoring(cfg contacts.ScoringConfig) (*contacts.RescoreResult, error) {
	if err := contacts.SaveScoring(a.ctx, a.eng.Store, cfg, a.eng.Clock.Now()); err != nil {
		return nil, err
	}
	return contacts.Rescore(a.ctx, a.eng.Store, a.eng.Clock.Now())
}

// SetContactStage moves a contact's lifecycle stage (forward only unless allowed).
func (a *App) SetContactStage(id int64, stage string) error {
	if err := contacts.SetStage(a.ctx, a.eng.Store.DB(), id, stage, a.eng.Clock.Now()); err != nil {
		return fmt.Errorf("contact %d: %w", id, err)
	}
	a.eng.Poke()
	return nil
}
