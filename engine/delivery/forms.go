package delivery

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	netmail "net/mail"
	"regexp"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/forms"
	"flightplan/engine/mail"
	"flightplan/engine/store"
	"flightplan/engine/track"
)

// Form implements track.Forms.
func (s *Service) Form(ctx context.Context, key string) (forms.Form, map[string]contacts.FieldDef, error) {
	f, err := forms.Get(ctx, s.st, key)
	if err != nil {
		return f, nil, err
	}
	defs, err := forms.Defs(ctx, s.st)
	return f, defs, err
}

// Submit implements track.Forms: a double opt-in form sends its
// confirmation email and writes nothing else; any other writes the
// submission and wakes the scheduler, so a funnel on the form starts now.
func (s *Service) Submit(ctx context.Context, f forms.Form, sub forms.Submission) error {
	if f.DoubleOptIn {
		return s.sendConfirmation(ctx, f, sub)
	}
	return s.writeSubmission(ctx, f, sub)
}

func (s *Service) writeSubmission(ctx context.Context, f forms.Form, sub forms.Submission) error {
	if !visitorID.MatchString(sub.Visitor) {
		sub.Visitor = "" // not the snippet's: nothing to join
	}
	var res forms.Result
	err := s.st.RunInTransaction(ctx, func(tx *store.Tx) (err error) {
		res, err = forms.Submit(ctx, tx, f, sub, s.run.Clock().Now())
		return err
	})
	if errors.Is(err, contacts.ErrInvalidValue) {
		return fmt.Errorf("%w: %w", forms.ErrInvalidSubmission, err)
	}
	if err != nil {
		return err
	}
	// The page carried the website visitor id: what the visitor did before
	// signing up joins the contact. The submission is stored either way.
	if sub.Visitor != "" {
		if _, err := s.Identify(ctx, sub.Visitor, res.ContactID); err != nil {
			s.log.Error("forms: join the visitor's history", "form", f.Name, "contact", res.ContactID, "err", err)
		}
	}
	s.poke()
	return nil
}

// Spam implements track.Forms.
func (s *Service) Spam(ctx context.Context, key string) {
	if err := forms.CountSpam(ctx, s.st, key); err != nil {
		s.log.Error("forms: count spam", "form", key, "err", err)
	}
}

// SiteDeclared implements track.Forms: the sites of Settings → Website.
func (s *Service) SiteDeclared(ctx context.Context, origin string) bool {
	_, ok, err := s.SiteByOrigin(ctx, origin)
	if err != nil {
		s.log.Error("forms: declared sites", "origin", origin, "err", err)
	}
	return ok
}

// visitorID is the website snippet's visitor id (track.site.go's rule).
var visitorID = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// sendConfirmation mails the address a link that carries the submission,
// signed: nothing is stored until it is followed, so an address typed by
// someone else never becomes a contact.
func (s *Service) sendConfirmation(ctx context.Context, f forms.Form, sub forms.Submission) error {
	body, err := json.Marshal(sub)
	if err != nil {
		return err
	}
	link := s.urls.Base + "/f/" + f.Key + "/confirm/" + s.signer.Sign(track.KindConfirm, f.Key, 0, string(body))
	to, err := netmail.ParseAddress(sub.Values["email"])
	if err != nil {
		return fmt.Errorf("%w: %v", forms.ErrInvalidSubmission, err)
	}
	n := make([]byte, 8)
	rand.Read(n)
	id := "form." + f.Key + "." + hex.EncodeToString(n) + "@flightplan.localhost"
	raw, from, err := s.confirmationEmail(f, sub, to, link, id)
	if err != nil {
		return err
	}
	res := s.sender.Send(ctx, mail.Envelope{From: from, To: []string{to.Address}}, raw)
	if res.Status != mail.StatusSent {
		return fmt.Errorf("form %q: confirmation email to %s: %s", f.Name, to.Address, res.Message)
	}
	return nil
}

// confirmationEmail builds the confirmation message: the form's picked
// email, its merge fields filled from what the form received (no contact
// exists yet) and {{ confirm_url }} the link; or, with none picked, the
// built-in plain one in the form's language. Links are not tracked: there
// is no contact to record them for.
func (s *Service) confirmationEmail(f forms.Form, sub forms.Submission, to *netmail.Address, link, id string) ([]byte, string, error) {
	if f.ConfirmEmail == "" {
		t := forms.TextsFor(f.Lang)
		text := fmt.Sprintf(t.ConfirmBody, f.Name) + "\n\n" + link + "\n"
		raw, err := mail.Build(mail.Outgoing{From: s.from, To: []netmail.Address{*to}, Subject: t.ConfirmSubject, Text: text, MessageID: id})
		return raw, s.from.Address, err
	}
	t, err := s.template(f.ConfirmEmail)
	if errors.Is(err, store.ErrNotFound) {
		return nil, "", fmt.Errorf("form %q: its confirmation email was deleted; pick another in the form", f.Name)
	}
	if err != nil {
		return nil, "", fmt.Errorf("form %q: confirmation email: %w", f.Name, err)
	}
	c := contact.Contact{Email: to.Address, Identity: map[string]string{}, Fields: map[string]any{}, Stage: "subscriber"}
	for k, v := range sub.Values {
		if k == "email" {
			continue
		}
		if contact.IsIdentity(k) {
			c.Identity[k] = v
		} else {
			c.Fields[k] = v
		}
	}
	// An address not yet confirmed is on no list and not kept: the
	// unsubscribe link's page says so.
	out, err := s.renderer.Render(t, mail.Data{Contact: c.Map(), Extra: map[string]any{"confirm_url": link, "unsubscribe_url": s.urls.Base + "/f/" + f.Key + "/unsubscribe"}})
	if err != nil {
		return nil, "", fmt.Errorf("form %q: confirmation email %q: %w", f.Name, t.Name, err)
	}
	from := s.from
	if t.FromEmail != "" {
		from = netmail.Address{Name: t.FromName, Address: t.FromEmail}
	}
	addr := *to
	addr.Name = strings.TrimSpace(c.Identity["first_name"] + " " + c.Identity["last_name"])
	raw, err := mail.Build(mail.Outgoing{From: from, To: []netmail.Address{addr}, Subject: out.Subject, HTML: out.HTML, Text: out.Text, MessageID: id})
	return raw, from.Address, err
}

// Confirm implements track.Forms: the submission a double opt-in link
// carries is written (a second click merges the same values again, which
// changes nothing but adds a form_submitted event).
func (s *Service) Confirm(ctx context.Context, c track.Claim) (forms.Form, error) {
	f, err := forms.Get(ctx, s.st, c.MessageID)
	if err != nil {
		return f, err
	}
	var sub forms.Submission
	if err := json.Unmarshal([]byte(c.Extra), &sub); err != nil {
		return f, fmt.Errorf("form %q: confirmation link: %w", f.Name, err)
	}
	return f, s.writeSubmission(ctx, f, sub)
}

// FormSnippets returns the embed snippets of a form served by this engine.
func (s *Service) FormSnippets(ctx context.Context, f forms.Form) (forms.Snippets, error) {
	defs, err := forms.Defs(ctx, s.st)
	if err != nil {
		return forms.Snippets{}, err
	}
	return forms.Embed(&f, defs, s.urls.Base), nil
}

// DownloadURL wraps a link for a known contact: following it records
// file_downloaded (what = "file") or link_clicked (what = "link").
func (s *Service) DownloadURL(what string, contactID int64, target string) string {
	return s.urls.Download(what, contactID, target)
}
