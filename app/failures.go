package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/delivery"
	fpmail "flightplan/engine/mail"
	"flightplan/engine/runner"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// FailureReport is what is in trouble in a funnel, for the canvas and the
// problems panel: the steps with failures, and how many journeys are still
// on an older version than the published one (they can be moved to it).
type FailureReport struct {
	Steps            []runner.StepFailure `json:"steps"`
	OnOlderVersions  int                  `json:"on_older_versions"`
	PublishedVersion int                  `json:"published_version"`
}

// FlowFailures reports a funnel's unresolved failures by step.
func (a *App) FlowFailures(id string) (FailureReport, error) {
	rep := FailureReport{}
	steps, err := a.eng.Runner.Failures(a.ctx, id)
	if err != nil {
		return rep, err
	}
	rep.Steps = steps
	db := a.eng.Store.ReadDB()
	if err := db.QueryRowContext(a.ctx, `SELECT coalesce(published_version,0) FROM flows WHERE id=?`, id).Scan(&rep.PublishedVersion); err != nil {
		return rep, fmt.Errorf("funnel %q: %w", id, err)
	}
	if rep.PublishedVersion > 0 {
		err = db.QueryRowContext(a.ctx, `SELECT count(*) FROM enrollments WHERE flow_id=? AND version<>? AND status IN ('active','waiting','error')`, id, rep.PublishedVersion).Scan(&rep.OnOlderVersions)
	}
	return rep, err
}

// RetryFailures puts a step's failed work back to work against the funnel
// as published now (node "" for every step) and wakes the engine.
func (a *App) RetryFailures(id, node string) (runner.RetryResult, error) {
	res, err := a.eng.Runner.RetryFailed(a.ctx, id, node)
	a.eng.Poke()
	return res, err
}

// FailureTotals counts what is in trouble across the workspace; the window
// asks every few seconds and tells the user when failures start.
func (a *App) FailureTotals() (runner.FailureTotal, error) {
	return a.eng.Runner.FailureTotals(a.ctx)
}

// MyEmail is the user's own address ("" until given once).
func (a *App) MyEmail() string { return a.setting(settings.MyEmail) }

// SendTestEmail renders an email for a contact (0: a sample contact) and
// sends it to the user's own address through the configured relay or the
// capture mailbox; the address is remembered for next time. The result
// says sent, or why not, in plain words; the error is for a request that
// cannot be tried at all.
func (a *App) SendTestEmail(t fpmail.Template, contactID int64, to string) (delivery.TestResult, error) {
	to = strings.TrimSpace(to)
	if to == "" {
		return delivery.TestResult{}, fmt.Errorf("give your own email address first: the test goes there")
	}
	addr, err := mail.ParseAddress(to)
	if err != nil {
		return delivery.TestResult{}, fmt.Errorf("%q is not an email address", to)
	}
	if err := settings.Set(a.eng.Store, map[string]string{settings.MyEmail: addr.Address}); err != nil {
		return delivery.TestResult{}, err
	}
	svc := a.eng.Delivery
	if svc == nil {
		return delivery.TestResult{To: addr.Address, Error: "the engine is not running, so nothing can be sent"}, nil
	}
	c := sampleContact()
	if contactID != 0 {
		if c, err = store.LoadContact(a.ctx, a.eng.Store.ReadDB(), contactID); err != nil {
			return delivery.TestResult{}, err
		}
	}
	if t.ID != "" && t.Subject == "" && t.HTML == "" && len(t.Blocks) == 0 {
		// Only the email's id (a send step): the saved email.
		rec, err := a.eng.Store.Template(t.ID)
		if err != nil {
			return delivery.TestResult{To: addr.Address, Error: fmt.Sprintf("the email %q does not exist", t.ID)}, nil
		}
		if err := json.Unmarshal([]byte(rec.Body), &t); err != nil {
			return delivery.TestResult{}, fmt.Errorf("email %q is damaged: %w", rec.Name, err)
		}
	}
	ctx, cancel := context.WithTimeout(a.ctx, 30*time.Second)
	defer cancel()
	return svc.SendTest(ctx, t, c, addr.Address), nil
}

// sampleContact is the contact a preview or test uses when none is chosen.
func sampleContact() *contact.Contact {
	return &contact.Contact{Email: "camille@example.com", Score: 42,
		Identity: map[string]string{"first_name": "Camille", "last_name": "Martin", "company": "Acme"}}
}
