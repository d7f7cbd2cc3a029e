package app

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"flightplan/engine"
	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/mail"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/store"
	"flightplan/engine/templates"
)

// startLive runs the engine while the window is open. The default ports may
// be taken (another Flightplan, a test): then any free loopback port does.
//
// A person who opened the window from a menu sees no log: why the engine
// did not start (a locked keyring, say) is kept for the settings screen
// (GetEngineStatus), which would otherwise only say "stopped".
func (a *App) startLive() {
	err := a.eng.Start(engine.StartOptions{})
	if err != nil {
		slog.Warn("live engine on default ports", "err", err)
		if err = a.eng.Start(engine.StartOptions{Delivery: delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0"}}); err != nil {
			slog.Error("live engine", "err", err)
		}
	}
	a.liveMu.Lock()
	a.liveErr = err
	a.liveMu.Unlock()
}

// Gallery lists the ready funnels in the UI language.
func (a *App) Gallery() ([]templates.Template, error) {
	s, err := a.GetSettings()
	if err != nil {
		return nil, err
	}
	return templates.AllIn(s.Language)
}

// CreateFromTemplate copies a gallery funnel (and its emails, when the
// workspace does not have them yet) into a new draft, written in the UI
// language of the moment: a French workspace gets French names, step
// labels, lists, tags and emails.
func (a *App) CreateFromTemplate(id string) (FlowDoc, error) {
	s, err := a.GetSettings()
	if err != nil {
		return FlowDoc{}, err
	}
	t, err := templates.GetIn(id, s.Language)
	if err != nil {
		return FlowDoc{}, err
	}
	doc, err := a.CreateFlow(t.Name)
	if err != nil {
		return FlowDoc{}, err
	}
	f := *t.Flow
	f.ID = doc.Flow.ID
	now := a.eng.Clock.Now()
	for _, e := range t.Emails {
		if _, err := a.eng.Store.Template(e.ID); err == nil {
			continue
		}
		body, _ := json.Marshal(e.Mail())
		if err := a.eng.Store.SaveTemplate(e.ID, e.Name, string(body), now); err != nil {
			return FlowDoc{}, err
		}
	}
	if err := a.createNamedThings(&f); err != nil {
		return FlowDoc{}, err
	}
	return a.SaveFlow(f)
}

// createNamedThings makes the lists a gallery funnel names and declares
// its own event types, so the funnel opens ready to publish, as it does
// with its emails.
func (a *App) createNamedThings(f *flow.Flow) error {
	for i := range f.Nodes {
		n := &f.Nodes[i]
		s, ok := a.eng.Registry.Lookup(n.Type)
		if !ok {
			continue
		}
		for _, fd := range s.Fields {
			v, _ := n.Config[fd.Name].(string)
			if strings.TrimSpace(v) == "" {
				continue
			}
			var err error
			switch fd.Type {
			case nodes.FList:
				_, err = a.CreateList(v)
			case nodes.FEventType:
				if !nodes.IsSystemEvent(v) {
					_, err = a.DeclareEventType(v)
				}
			}
			if err != nil {
				return fmt.Errorf("step %q: %w", n.ID, err)
			}
		}
	}
	return nil
}

// ExportFlow returns a flow as its .flow.json text.
func (a *App) ExportFlow(id string) (string, error) {
	f, _, err := a.eng.Store.Flow(id)
	if err != nil {
		return "", err
	}
	b, err := flow.Marshal(f)
	return string(b), err
}

// ImportFlow reads a .flow.json text (a syntax error says line and column)
// and stores it as a draft, renaming it if the id is taken.
func (a *App) ImportFlow(name, text string) (FlowDoc, error) {
	f, err := flow.Parse(name, []byte(text))
	if err != nil {
		return FlowDoc{}, err
	}
	if flow.CheckID(f.ID) != nil {
		// An id that is not a plain name ("../../etc/passwd", one with a
		// space from an older version) is replaced by one made from it, as
		// a taken id is: the person importing cannot edit the file here.
		base := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(f.ID), "-"), "-")
		if base == "" || flow.CheckID(base) != nil {
			base = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(f.Name), "-"), "-")
		}
		if base == "" || flow.CheckID(base) != nil {
			base = "funnel"
		}
		f.ID = base
	}
	if _, _, err := a.eng.Store.Flow(f.ID); err == nil {
		base := f.ID
		for i := 2; ; i++ {
			f.ID = fmt.Sprintf("%s-%d", base, i)
			if _, _, err := a.eng.Store.Flow(f.ID); err != nil {
				break
			}
		}
	}
	flow.Layout(f)
	return a.SaveFlow(*f)
}

// Versions lists a flow's published versions.
func (a *App) Versions(id string) ([]store.Version, error) { return a.eng.Store.Versions(id) }

// RestoreVersion makes a published version the current draft again.
func (a *App) RestoreVersion(id string, version int) (FlowDoc, error) {
	f, err := a.eng.Store.FlowVersion(id, version)
	if err != nil {
		return FlowDoc{}, err
	}
	return a.SaveFlow(*f)
}

// LiveImpact says what publishing would do to contacts inside the flow.
type LiveImpact struct {
	Active           int `json:"active"`
	PublishedVersion int `json:"published_version"`
}

// PublishImpact counts the contacts inside a flow now: they stay on their
// version when a new one is published.
func (a *App) PublishImpact(id string) (LiveImpact, error) {
	var li LiveImpact
	err := a.eng.Store.ReadDB().QueryRow(`SELECT count(*) FROM enrollments WHERE flow_id=? AND status IN ('active','waiting')`, id).Scan(&li.Active)
	if err != nil {
		return li, err
	}
	_, info, err := a.eng.Store.Flow(id)
	li.PublishedVersion = info.PublishedVersion
	return li, err
}

// FlowCounts returns the live numbers of a flow for the canvas.
func (a *App) FlowCounts(id string) (runner.FlowCounts, error) {
	return a.eng.Runner.Counts(a.ctx, id)
}

// ContactPath explains a contact's way through a flow, step by step.
func (a *App) ContactPath(contactID int64, flowID string) ([]runner.Step, error) {
	return a.eng.Runner.Path(a.ctx, contactID, flowID)
}

// EmailTemplates lists the workspace's email templates.
func (a *App) EmailTemplates() ([]mail.Template, error) {
	recs, err := a.eng.Store.Templates()
	if err != nil {
		return nil, err
	}
	out := make([]mail.Template, 0, len(recs))
	for _, r := range recs {
		var t mail.Template
		if err := json.Unmarshal([]byte(r.Body), &t); err != nil {
			t = mail.Template{Name: r.Name + " (damaged: " + err.Error() + ")"}
		}
		t.ID = r.ID
		out = append(out, t)
	}
	return out, nil
}

// SaveEmailTemplate stores a template and returns its problems (a syntax
// error at its line; an unknown field as a warning). It is saved even with
// problems, so no work is lost.
func (a *App) SaveEmailTemplate(t mail.Template) ([]mail.Problem, error) {
	t.ID = strings.TrimSpace(t.ID)
	if t.ID == "" {
		return nil, fmt.Errorf("the email needs an id")
	}
	body, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	if err := a.eng.Store.SaveTemplate(t.ID, t.Name, string(body), a.eng.Clock.Now()); err != nil {
		return nil, err
	}
	lk, _ := a.GetLookups()
	probs := mail.Check(t, lk.Fields)
	if probs == nil {
		probs = []mail.Problem{}
	}
	return probs, nil
}

// EmailPreview is a template rendered for one contact.
type EmailPreview struct {
	Subject string `json:"subject"`
	HTML    string `json:"html"`
	Text    string `json:"text"`
}

// PreviewEmail renders a template for a contact (0: a sample contact).
func (a *App) PreviewEmail(t mail.Template, contactID int64) (EmailPreview, error) {
	data := map[string]any{"first_name": "Camille", "last_name": "Martin", "email": "camille@example.com", "company": "Acme", "score": 42.0}
	if contactID != 0 {
		c, err := store.LoadContact(a.ctx, a.eng.Store.ReadDB(), contactID)
		if err != nil {
			return EmailPreview{}, err
		}
		data = c.Map()
	}
	out, err := mail.NewRenderer().Render(t, mail.Data{Contact: data})
	if err != nil {
		return EmailPreview{}, err
	}
	return EmailPreview{Subject: out.Subject, HTML: out.HTML, Text: out.Text}, nil
}

// Mailbox lists the messages captured by the local mailbox.
func (a *App) Mailbox() ([]store.MailboxMessage, error) { return a.eng.Store.Mailbox(500) }

// MailView is one captured message, taken apart for display.
type MailView struct {
	ID      int64               `json:"id"`
	From    string              `json:"from"`
	To      string              `json:"to"`
	Subject string              `json:"subject"`
	HTML    string              `json:"html"`
	Text    string              `json:"text"`
	Headers map[string][]string `json:"headers"`
}

// MailboxMessage opens one captured message.
func (a *App) MailboxMessage(id int64) (MailView, error) {
	m, err := a.eng.Store.MailboxRaw(id)
	if err != nil {
		return MailView{}, err
	}
	p, err := mail.Parse(m.Raw)
	if err != nil {
		return MailView{}, fmt.Errorf("message %d: %w", id, err)
	}
	return MailView{ID: m.ID, From: m.From, To: m.To, Subject: p.Subject, HTML: p.HTML, Text: p.Text, Headers: p.Headers}, nil
}

// EngineStatus describes the live engine for the settings screen.
type EngineStatus struct {
	Running     bool           `json:"running"`
	HTTPAddr    string         `json:"http_addr"`
	CaptureAddr string         `json:"capture_addr"`
	IntakeToken string         `json:"intake_token"`
	Outbox      map[string]int `json:"outbox"`
	// Problem says why the engine is not running ("" when it runs, or
	// when it was never started).
	Problem string `json:"problem,omitempty"`
}

// GetEngineStatus reports the local servers and the outbox.
func (a *App) GetEngineStatus() (EngineStatus, error) {
	st := EngineStatus{}
	if d := a.eng.Delivery; d != nil {
		st.Running, st.HTTPAddr, st.CaptureAddr, st.IntakeToken = true, d.HTTPAddr(), d.CaptureAddr(), d.IntakeToken()
	} else {
		a.liveMu.Lock()
		if a.liveErr != nil {
			st.Problem = a.liveErr.Error()
		}
		a.liveMu.Unlock()
	}
	var err error
	st.Outbox, err = a.eng.Runner.OutboxStats(a.ctx)
	return st, err
}

// MoveContactsToLatest moves the contacts inside a flow to its latest
// published version, at the same step; it returns how many moved.
func (a *App) MoveContactsToLatest(id string) (int, error) {
	n, err := a.eng.Runner.MoveToLatest(a.ctx, id)
	a.eng.Poke()
	return n, err
}
