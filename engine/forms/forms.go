// Package forms holds the workspace's sign-up forms: their definition
// (fields mapped to contact fields, lists to join, tags to add, texts in the
// form's language), the checks a submission goes through field by field, the
// HTML a page shows (the hosted page, the embed snippets), and what a
// submission does to the workspace (the contact created or merged, lists,
// tags and the catalogue's form_submitted event, in one transaction).
//
// The HTTP side — routes, honeypot, rate limit, time to fill — is in
// engine/track (forms.go); the engine's server calls in here through
// delivery.
package forms

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"flightplan/engine/contacts"
)

// Form is one sign-up form.
type Form struct {
	// Key is the form's public id in its URLs (/f/{key}); made at the
	// first save, never shown in the app.
	Key string `json:"key"`
	// Name is what the marketer calls it ("White paper"); the
	// form_submitted event carries it as "form", so a funnel starts on it.
	Name string `json:"name"`
	// Lang is the language the page speaks: "en" or "fr". Labels, the
	// button, the error messages and the success message are in it.
	Lang string `json:"lang"`
	// Title and Intro head the hosted page (optional).
	Title string `json:"title"`
	Intro string `json:"intro"`
	// Submit is the button's label ("" = "Send" / "Envoyer").
	Submit string `json:"submit"`
	// Fields are the inputs, in order. One of them is "email", required.
	Fields []Field `json:"fields"`
	// Lists the contact joins and Tags it gets.
	Lists []string `json:"lists"`
	Tags  []string `json:"tags"`
	// DoubleOptIn sends a confirmation email first; the contact is
	// written only once its link is followed.
	DoubleOptIn bool `json:"double_opt_in"`
	// ConfirmEmail is the workspace email (its id) a double opt-in form
	// sends to confirm the address, with its merge fields filled from the
	// form's values and {{ confirm_url }} the signed link; "" sends the
	// built-in plain email in the form's language.
	ConfirmEmail string `json:"confirm_email,omitempty"`
	// Success is the message shown after sending ("" = a plain thank you);
	// Redirect, when set, sends the browser there instead.
	Success  string `json:"success"`
	Redirect string `json:"redirect"`
	// Submissions and Spam count what the server received (read only).
	Submissions int64 `json:"submissions"`
	Spam        int64 `json:"spam"`
}

// Field is one input of a form, mapped to a contact field.
type Field struct {
	// Name is the contact field's name (an identity field or a custom one).
	Name string `json:"name"`
	// Label is shown above the input ("" = the field's own label).
	Label    string `json:"label"`
	Required bool   `json:"required"`
}

// Problem is what is wrong with a form's definition, in a way the app can
// say in its language: Code names the problem, Field or Index where.
type Problem struct {
	Code  string `json:"code"`
	Field string `json:"field,omitempty"`
	Index int    `json:"index"`
}

// ProblemError lists a definition's problems; Error() is plain English for
// logs and the command line.
type ProblemError struct{ Problems []Problem }

func (e *ProblemError) Error() string {
	var parts []string
	for _, p := range e.Problems {
		s := p.Code
		if p.Field != "" {
			s += fmt.Sprintf(" (field %q, position %d)", p.Field, p.Index+1)
		}
		parts = append(parts, s)
	}
	return "form: " + strings.Join(parts, "; ")
}

// Problem codes of Check.
const (
	ProbNoName        = "no_name"
	ProbNameTaken     = "name_taken"
	ProbNoEmail       = "no_email_field"
	ProbUnknownField  = "unknown_field"
	ProbDuplicate     = "duplicate_field"
	ProbBadRedirect   = "bad_redirect"
	ProbBadLanguage   = "bad_language"
	ProbEmptyListName = "empty_list"
	ProbEmptyTagName  = "empty_tag"
)

// Normalize trims the texts, drops empty list and tag names' spaces and
// makes the email field required (a form without an address makes nobody).
func Normalize(f *Form) {
	f.Name = strings.TrimSpace(f.Name)
	f.Redirect = strings.TrimSpace(f.Redirect)
	if f.Lang == "" {
		f.Lang = "en"
	}
	for i := range f.Fields {
		f.Fields[i].Name = strings.TrimSpace(f.Fields[i].Name)
		f.Fields[i].Label = strings.TrimSpace(f.Fields[i].Label)
		if f.Fields[i].Name == "email" {
			f.Fields[i].Required = true
		}
	}
	for i := range f.Lists {
		f.Lists[i] = strings.TrimSpace(f.Lists[i])
	}
	for i := range f.Tags {
		f.Tags[i] = strings.TrimSpace(f.Tags[i])
	}
	if f.Fields == nil {
		f.Fields = []Field{}
	}
	if f.Lists == nil {
		f.Lists = []string{}
	}
	if f.Tags == nil {
		f.Tags = []string{}
	}
}

// Check reports what is wrong with a normalized form, against the
// workspace's fields (defs by name).
func Check(f *Form, defs map[string]contacts.FieldDef) error {
	var ps []Problem
	if f.Name == "" {
		ps = append(ps, Problem{Code: ProbNoName})
	}
	if f.Lang != "en" && f.Lang != "fr" {
		ps = append(ps, Problem{Code: ProbBadLanguage})
	}
	seen := map[string]bool{}
	email := false
	for i, fl := range f.Fields {
		if _, ok := defs[fl.Name]; !ok {
			ps = append(ps, Problem{Code: ProbUnknownField, Field: fl.Name, Index: i})
			continue
		}
		if seen[fl.Name] {
			ps = append(ps, Problem{Code: ProbDuplicate, Field: fl.Name, Index: i})
		}
		seen[fl.Name] = true
		email = email || fl.Name == "email"
	}
	if !email {
		ps = append(ps, Problem{Code: ProbNoEmail})
	}
	if f.Redirect != "" {
		u, err := url.Parse(f.Redirect)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			ps = append(ps, Problem{Code: ProbBadRedirect})
		}
	}
	for i, l := range f.Lists {
		if l == "" {
			ps = append(ps, Problem{Code: ProbEmptyListName, Index: i})
		}
	}
	for i, t := range f.Tags {
		if t == "" {
			ps = append(ps, Problem{Code: ProbEmptyTagName, Index: i})
		}
	}
	if len(ps) > 0 {
		return &ProblemError{ps}
	}
	return nil
}

// NewKey returns a fresh public key: 16 random base32 characters (80 bits),
// lower case so it reads well in a URL.
func NewKey() string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// Error codes of Validate, one per field.
const (
	ErrRequired = "required"
	ErrInvalid  = "invalid"
)

// FieldErrors maps a field's name to its problem's code.
type FieldErrors map[string]string

// ErrInvalidSubmission is wrapped by Submit when values are refused.
var ErrInvalidSubmission = errors.New("form: submission refused")

// Validate checks submitted values (field name → text as typed) against the
// form and the fields' types. It returns the cleaned values of the form's
// fields that were filled, and one error code per field that is wrong.
// Values of names the form does not have are ignored: a page cannot write a
// field the marketer did not put on the form.
func Validate(f *Form, defs map[string]contacts.FieldDef, values map[string]string) (map[string]string, FieldErrors) {
	out := map[string]string{}
	errs := FieldErrors{}
	for _, fl := range f.Fields {
		raw := strings.TrimSpace(values[fl.Name])
		if raw == "" {
			if fl.Required {
				errs[fl.Name] = ErrRequired
			}
			continue
		}
		def, ok := defs[fl.Name]
		if !ok {
			errs[fl.Name] = ErrInvalid // deleted since the form was saved
			continue
		}
		if _, err := contacts.ValidateValue(def, raw); err != nil {
			errs[fl.Name] = ErrInvalid
			continue
		}
		out[fl.Name] = raw
	}
	if len(errs) == 0 {
		return out, nil
	}
	return out, errs
}
