package engine

import (
	"context"
	"errors"
	"fmt"

	"flightplan/engine/forms"
	"flightplan/engine/settings"
)

// Forms lists the workspace's sign-up forms, by name.
func (e *Engine) Forms(ctx context.Context) ([]forms.Form, error) {
	return forms.List(ctx, e.Store)
}

// SaveForm checks and stores a form (a new one gets its key); a problem
// comes back as *forms.ProblemError naming the field.
func (e *Engine) SaveForm(ctx context.Context, f forms.Form) (forms.Form, error) {
	return forms.Save(ctx, e.Store, f, e.Clock.Now())
}

// DeleteForm removes a form; its page and snippets stop answering.
func (e *Engine) DeleteForm(ctx context.Context, key string) error {
	return forms.Delete(ctx, e.Store, key)
}

// FormSnippets returns a form's embed snippets and hosted page address,
// on the engine's server (its configured address while it is stopped).
func (e *Engine) FormSnippets(ctx context.Context, key string) (forms.Snippets, error) {
	f, err := forms.Get(ctx, e.Store, key)
	if err != nil {
		return forms.Snippets{}, err
	}
	if d := e.Delivery; d != nil {
		return d.FormSnippets(ctx, f)
	}
	addr, err := settings.Get(e.Store, settings.HTTPAddr)
	if err != nil {
		return forms.Snippets{}, fmt.Errorf("form %q: the server's address: %w", f.Name, err)
	}
	if addr == "" {
		return forms.Snippets{}, errors.New("the engine's server has no address (Settings)")
	}
	defs, err := forms.Defs(ctx, e.Store)
	if err != nil {
		return forms.Snippets{}, err
	}
	return forms.Embed(&f, defs, "http://"+addr), nil
}

// FormSave is what saving a form gives the window: the form as stored, or
// the problems that stopped it (codes the window says in its language).
type FormSave struct {
	Form     forms.Form      `json:"form"`
	Problems []forms.Problem `json:"problems"`
}

// SaveFormChecked is SaveForm with the definition's problems as data.
func (e *Engine) SaveFormChecked(ctx context.Context, f forms.Form) (FormSave, error) {
	saved, err := e.SaveForm(ctx, f)
	var pe *forms.ProblemError
	if errors.As(err, &pe) {
		return FormSave{Form: f, Problems: pe.Problems}, nil
	}
	if err != nil {
		return FormSave{}, err
	}
	return FormSave{Form: saved, Problems: []forms.Problem{}}, nil
}
