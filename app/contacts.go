package app

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"flightplan/engine"
	"flightplan/engine/contact"
	"flightplan/engine/contacts"
)

// Contacts is the window's contacts service: the table, a contact and its
// history, CSV import and export, fields and segments.
type Contacts struct{ *window }

// ListContacts pages through contacts with search and filters.
func (c *Contacts) ListContacts(q contacts.ListQuery) (engine.ContactPage, error) {
	return c.eng.ListContacts(c.ctx, q)
}

// GetContact returns one contact.
func (c *Contacts) GetContact(id int64) (*contact.Contact, error) {
	return c.eng.Store.Contact(c.ctx, id)
}

// ContactByEmail finds a contact's id from their email address (any case).
func (c *Contacts) ContactByEmail(email string) (int64, error) {
	return c.eng.ContactByEmail(c.ctx, email)
}

// ContactTimeline returns a contact's history: events, flow steps, emails, score changes.
func (c *Contacts) ContactTimeline(id int64) ([]contacts.TimelineItem, error) {
	return c.eng.ContactTimeline(c.ctx, id)
}

// AddContact creates a contact from field values (validated), with the
// sign-up and list events so flows start.
func (c *Contacts) AddContact(values map[string]string, lists []string) (int64, error) {
	return c.eng.AddContact(c.ctx, values, lists)
}

// SetContactStage moves a contact's lifecycle stage (forward only unless allowed).
func (c *Contacts) SetContactStage(id int64, stage string) error {
	return c.eng.SetContactStage(c.ctx, id, stage)
}

// ForgetContact erases a contact and everything about them: history,
// journeys, queued messages, their emails in the test mailbox and their
// website visitor ids. It cannot be undone.
func (c *Contacts) ForgetContact(id int64) error {
	_, err := c.eng.Store.ForgetContact(c.ctx, id)
	return err
}

// SniffCSV reads the start of a CSV file and proposes a column mapping.
func (c *Contacts) SniffCSV(content string) (*contacts.FileInfo, error) {
	return c.eng.SniffCSV(c.ctx, strings.NewReader(content))
}

// ImportCSV imports contacts; progress goes to the window as
// "import:progress" events ({done, total}).
func (c *Contacts) ImportCSV(content string, opts contacts.ImportOptions) (*contacts.ImportResult, error) {
	opts.Progress = c.importProgress
	return c.eng.ImportCSV(c.ctx, strings.NewReader(content), opts)
}

func (c *Contacts) importProgress(done, total int) {
	c.emit("import:progress", map[string]int{"done": done, "total": total})
}

// The contacts screen reads CSV files in the browser as bytes and sends
// them base64-encoded: the engine detects the encoding (UTF-8, UTF-16,
// Windows-1252 line by line) from the bytes, which a browser's text
// decoding would already have mangled (a Latin-1 "é" read as UTF-8 is
// "\uFFFD" before Go ever sees it).

// decodeFile turns a base64 file body into its bytes, naming the problem
// in words a marketer can act on.
func decodeFile(b64 string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return nil, fmt.Errorf("import: the file could not be read (%v)", err)
	}
	return b, nil
}

// SniffCSVBytes is SniffCSV for a file sent as base64 bytes.
func (c *Contacts) SniffCSVBytes(b64 string) (*contacts.FileInfo, error) {
	b, err := decodeFile(b64)
	if err != nil {
		return nil, err
	}
	return c.eng.SniffCSV(c.ctx, bytes.NewReader(b))
}

// ImportCSVBytes is ImportCSV for a file sent as base64 bytes; progress
// goes to the window as "import:progress" events ({done, total}).
func (c *Contacts) ImportCSVBytes(b64 string, opts contacts.ImportOptions) (*contacts.ImportResult, error) {
	b, err := decodeFile(b64)
	if err != nil {
		return nil, err
	}
	opts.Progress = c.importProgress
	return c.eng.ImportCSV(c.ctx, bytes.NewReader(b), opts)
}

// RejectsCSV returns the rejected rows of an import as a CSV to fix.
func (c *Contacts) RejectsCSV(res contacts.ImportResult) (string, error) {
	var buf bytes.Buffer
	err := contacts.WriteRejects(&buf, &res)
	return buf.String(), err
}

// ExportContactsCSV exports the contacts matching a filter.
func (c *Contacts) ExportContactsCSV(q contacts.ListQuery) (string, error) {
	var buf bytes.Buffer
	err := c.eng.ExportContactsCSV(c.ctx, &buf, q)
	return buf.String(), err
}

// Fields lists the contact fields (identity and custom) with their types.
func (c *Contacts) Fields() ([]contacts.FieldDef, error) { return c.eng.Fields(c.ctx) }

// DefineField creates or changes a custom field.
func (c *Contacts) DefineField(def contacts.FieldDef) error { return c.eng.DefineField(c.ctx, def) }

// Segments lists the saved segments.
func (c *Contacts) Segments() ([]contacts.Segment, error) { return c.eng.Segments(c.ctx) }

// CountSegment counts a segment (saved or not) and previews 20 contacts.
func (c *Contacts) CountSegment(seg contacts.Segment) (engine.SegmentCount, error) {
	return c.eng.CountSegment(c.ctx, seg)
}

// SaveSegment stores a segment.
func (c *Contacts) SaveSegment(seg contacts.Segment) (contacts.Segment, error) {
	return c.eng.SaveSegment(c.ctx, seg)
}

// DeleteSegment removes a segment.
func (c *Contacts) DeleteSegment(id string) error { return c.eng.DeleteSegment(c.ctx, id) }

// SegmentOperators lists the operators of a rule kind and field type.
func (c *Contacts) SegmentOperators(kind contacts.RuleKind, t contacts.FieldType) []string {
	return contacts.OperatorsFor(kind, t)
}

// SaveTextFile asks where to save a text file (an export, the rejected
// rows of an import) and writes it there. The desktop window ignores the
// download attribute of links, so files are saved from Go. It returns the
// path written, or "" when the user cancelled.
func (c *Contacts) SaveTextFile(defaultName, content string) (string, error) {
	path, err := runtime.SaveFileDialog(c.ctx, runtime.SaveDialogOptions{
		DefaultFilename: fileNameOnly(defaultName, "contacts.csv"),
		Filters:         []runtime.FileFilter{{DisplayName: "CSV (*.csv)", Pattern: "*.csv"}},
	})
	if err != nil || path == "" {
		return "", err
	}
	// Contacts are personal data: the file is the user's only.
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		return "", fmt.Errorf("saving %s: %w", path, err)
	}
	return path, nil
}
