package app

import (
	"flightplan/engine"
	"flightplan/engine/forms"
)

// Forms is the window's service for sign-up forms: the form builder and
// its embed dialog.
type Forms struct{ *window }

// ListForms lists the workspace's forms, by name, with their counts.
func (f *Forms) ListForms() ([]forms.Form, error) { return f.eng.Forms(f.ctx) }

// SaveForm stores a form (a new one gets its key), or says what stops it.
func (f *Forms) SaveForm(form forms.Form) (engine.FormSave, error) {
	return f.eng.SaveFormChecked(f.ctx, form)
}

// DeleteForm removes a form; its page stops answering.
func (f *Forms) DeleteForm(key string) error { return f.eng.DeleteForm(f.ctx, key) }

// FormSnippets returns a form's embed snippets and hosted page address.
func (f *Forms) FormSnippets(key string) (forms.Snippets, error) {
	return f.eng.FormSnippets(f.ctx, key)
}
