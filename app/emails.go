package app

import (
	"flightplan/engine"
	"flightplan/engine/delivery"
	"flightplan/engine/mail"
)

// Emails is the window's email service: templates, their problems and
// preview, the block editor's HTML, and a test sent to the user.
type Emails struct{ *window }

// EmailTemplates lists the workspace's email templates.
func (e *Emails) EmailTemplates() ([]mail.Template, error) { return e.eng.EmailTemplates() }

// SaveEmailTemplate stores a template and returns its problems (a syntax
// error at its line; an unknown field as a warning). It is saved even with
// problems, so no work is lost.
func (e *Emails) SaveEmailTemplate(t mail.Template) ([]mail.Problem, error) {
	return e.eng.SaveEmailTemplate(t)
}

// CheckEmailTemplate finds a template's problems without saving it.
func (e *Emails) CheckEmailTemplate(t mail.Template) ([]mail.Problem, error) {
	return e.eng.CheckEmailTemplate(t)
}

// DeleteEmailTemplate removes an email template. Funnels that still name it
// report it as a problem; nothing else is touched.
func (e *Emails) DeleteEmailTemplate(id string) error { return e.eng.DeleteEmailTemplate(id) }

// PreviewEmail renders a template for a contact (0: a sample contact).
func (e *Emails) PreviewEmail(t mail.Template, contactID int64) (engine.EmailPreview, error) {
	return e.eng.PreviewEmail(e.ctx, t, contactID)
}

// RenderEmailBlocks returns the HTML the block editor's content becomes, so
// a power user can carry on from it in the raw HTML mode.
func (e *Emails) RenderEmailBlocks(blocks []mail.Block) string { return mail.RenderBlocks(blocks) }

// EmailBlockLines returns, for each top-level block of t, the line of the
// HTML part where the block starts, so the editor can show a problem on
// the block it comes from.
func (e *Emails) EmailBlockLines(t mail.Template) []int { return engine.EmailBlockLines(t) }

// MyEmail is the user's own address ("" until given once).
func (e *Emails) MyEmail() string { return e.eng.MyEmail() }

// SendTestEmail renders an email for a contact (0: a sample contact) and
// sends it to the user's own address, which is remembered for next time.
// The result says sent, or why not, in plain words; the error is for a
// request that cannot be tried at all.
func (e *Emails) SendTestEmail(t mail.Template, contactID int64, to string) (delivery.TestResult, error) {
	return e.eng.SendTestEmail(e.ctx, t, contactID, to)
}
