package engine

// The funnel documents the window edits: drafts with their problems,
// creating, importing, publishing and restoring them.

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/engine/templates"
)

// FlowDoc is a flow with its state and problems, as the canvas needs it.
type FlowDoc struct {
	Flow   *flow.Flow     `json:"flow"`
	Info   store.FlowInfo `json:"info"`
	Issues []flow.Issue   `json:"issues"`
}

// FlowDoc opens a flow's draft with its problems.
func (e *Engine) FlowDoc(id string) (FlowDoc, error) {
	f, info, err := e.Store.Flow(id)
	if err != nil {
		return FlowDoc{}, err
	}
	return FlowDoc{Flow: f, Info: info, Issues: e.FlowIssues(f)}, nil
}

// FlowIssues is ValidateFlow for a screen: a workspace that cannot be read
// still gets the flow's own problems, with a warning that references were
// not checked, and never a nil list.
func (e *Engine) FlowIssues(f *flow.Flow) []flow.Issue {
	// Every other flow is read and parsed once per validation, and the
	// names of the workspace's emails, lists, segments, scripts, fields and
	// events are read so each reference is checked.
	issues, err := e.ValidateFlow(f)
	if err != nil {
		issues = nodes.Validate(f, e.Registry, map[string]*flow.Flow{})
		issues = append(issues, flow.Issue{Severity: flow.Warning, Code: "workspace_unread", Message: "the workspace could not be read, references were not checked: " + err.Error()})
	}
	if issues == nil {
		issues = []flow.Issue{}
	}
	return issues
}

// SaveDraft stores a draft and returns it with its problems. Saving never
// refuses a draft with problems: only publishing does.
func (e *Engine) SaveDraft(f flow.Flow) (FlowDoc, error) {
	if strings.TrimSpace(f.ID) == "" {
		return FlowDoc{}, fmt.Errorf("the funnel has no id")
	}
	f.Format = flow.Format
	if err := e.Store.SaveFlow(&f, e.Clock.Now()); err != nil {
		return FlowDoc{}, err
	}
	return e.FlowDoc(f.ID)
}

// DraftSave is what saving a draft on the version loaded did: saved (Doc
// is the funnel as stored now), or refused because someone saved since
// (Conflict says who and when; nothing was written).
type DraftSave struct {
	Doc      FlowDoc           `json:"doc"`
	Conflict *store.DraftStamp `json:"conflict,omitempty"`
}

// SaveDraftOn saves a funnel's draft as a save by `by` on version base of
// it (see store.SaveFlowOn; a base below 0 replaces whatever is stored).
func (e *Engine) SaveDraftOn(f flow.Flow, base int, by string) (DraftSave, error) {
	if strings.TrimSpace(f.ID) == "" {
		return DraftSave{}, fmt.Errorf("the funnel has no id")
	}
	f.Format = flow.Format
	conflict, err := e.Store.SaveFlowOn(&f, e.Clock.Now(), base, by)
	if err != nil {
		return DraftSave{}, err
	}
	if conflict != nil {
		return DraftSave{Conflict: conflict}, nil
	}
	doc, err := e.FlowDoc(f.ID)
	return DraftSave{Doc: doc}, err
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug turns a name into an id's letters: lower case, accents dropped
// ("Séquence de bienvenue" → sequence-de-bienvenue), dashes between words.
func slug(name string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(contacts.Deaccent(name)), "-"), "-")
}

// CreateFlow makes an empty flow with an id derived from its name.
func (e *Engine) CreateFlow(name string) (FlowDoc, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return FlowDoc{}, fmt.Errorf("give the funnel a name")
	}
	base := slug(name)
	if base == "" {
		base = "funnel"
	}
	id := base
	for i := 2; ; i++ {
		if _, _, err := e.Store.Flow(id); err != nil {
			break
		}
		id = fmt.Sprintf("%s-%d", base, i)
	}
	f := flow.New(id, name)
	if err := e.Store.SaveFlow(f, e.Clock.Now()); err != nil {
		return FlowDoc{}, err
	}
	return e.FlowDoc(id)
}

// PublishDraft makes a flow's draft live as a new version; it is refused
// while errors remain, naming how many and the first one.
func (e *Engine) PublishDraft(id string) (FlowDoc, error) {
	f, _, err := e.Store.Flow(id)
	if err != nil {
		return FlowDoc{}, err
	}
	issues := e.FlowIssues(f)
	if flow.HasErrors(issues) {
		n := 0
		for _, i := range issues {
			if i.Severity == flow.Error {
				n++
			}
		}
		return FlowDoc{}, fmt.Errorf("funnel %q cannot be published: %d problem(s) to fix first, starting with %s", f.Name, n, firstError(issues))
	}
	if _, err := e.Store.Publish(f, "", e.Clock.Now()); err != nil {
		return FlowDoc{}, err
	}
	return e.FlowDoc(id)
}

// firstError names the first error of issues with its step and field.
func firstError(issues []flow.Issue) string {
	for _, i := range issues {
		if i.Severity == flow.Error {
			return i.String()
		}
	}
	return ""
}

// Gallery lists the ready funnels in the UI language (systemLang until the
// user picks one).
func (e *Engine) Gallery(systemLang string) ([]templates.Template, error) {
	p, err := e.Preferences(systemLang)
	if err != nil {
		return nil, err
	}
	return templates.AllIn(p.Language)
}

// CreateFromTemplate copies a gallery funnel (and its emails, when the
// workspace does not have them yet) into a new draft, written in the UI
// language of the moment (systemLang until the user picks one): a French
// workspace gets French names, step labels, lists, tags and emails.
func (e *Engine) CreateFromTemplate(ctx context.Context, id, systemLang string) (FlowDoc, error) {
	p, err := e.Preferences(systemLang)
	if err != nil {
		return FlowDoc{}, err
	}
	t, err := templates.GetIn(id, p.Language)
	if err != nil {
		return FlowDoc{}, err
	}
	doc, err := e.CreateFlow(t.Name)
	if err != nil {
		return FlowDoc{}, err
	}
	f := *t.Flow
	f.ID = doc.Flow.ID
	now := e.Clock.Now()
	rename := map[string]string{}
	for _, em := range t.Emails {
		// The workspace's email under this id is reused when it is this
		// email in this language (perhaps edited since). Another language's
		// copy, or an email of the user's own that happens to have the id,
		// is not what this funnel means to send: it gets its own copy under
		// the id with the language after it (cart-reminder-fr).
		want := em.ID
		reuse := false
		for i := 1; ; i++ {
			stored, err := e.Store.Template(em.ID)
			if err != nil {
				break
			}
			if stored.Name == em.Name {
				reuse = true
				break
			}
			em.ID = want + "-" + p.Language
			if i > 1 {
				em.ID = fmt.Sprintf("%s-%s-%d", want, p.Language, i)
			}
		}
		if em.ID != want {
			rename[want] = em.ID
		}
		if reuse {
			continue
		}
		body, _ := json.Marshal(em.Mail())
		if err := e.Store.SaveTemplate(em.ID, em.Name, string(body), now); err != nil {
			return FlowDoc{}, err
		}
	}
	for i := range f.Nodes {
		if to, ok := rename[fmt.Sprint(f.Nodes[i].Config["template"])]; ok {
			f.Nodes[i].Config["template"] = to
		}
	}
	if err := e.createNamedThings(ctx, &f); err != nil {
		return FlowDoc{}, err
	}
	saved, err := e.SaveDraft(f)
	if err != nil {
		return saved, err
	}
	// Remembered for the workspace's plain files (export workspace): which
	// gallery funnel this one is, in which language.
	return saved, e.SetGalleryProvenance(map[string]Provenance{f.ID: {Template: id, Language: p.Language}})
}

// createNamedThings makes the lists a gallery funnel names and declares
// its own event types, so the funnel opens ready to publish, as it does
// with its emails.
func (e *Engine) createNamedThings(ctx context.Context, f *flow.Flow) error {
	for i := range f.Nodes {
		n := &f.Nodes[i]
		s, ok := e.Registry.Lookup(n.Type)
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
				_, err = e.CreateList(ctx, v)
			case nodes.FEventType:
				if !nodes.IsSystemEvent(v) {
					_, err = e.DeclareEventType(v)
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
func (e *Engine) ExportFlow(id string) (string, error) {
	f, _, err := e.Store.Flow(id)
	if err != nil {
		return "", err
	}
	b, err := flow.Marshal(f)
	return string(b), err
}

// ImportFlow reads a .flow.json text (a syntax error says line and column)
// and stores it as a draft, renaming it if the id is taken.
func (e *Engine) ImportFlow(name, text string) (FlowDoc, error) {
	f, err := flow.Parse(name, []byte(text))
	if err != nil {
		return FlowDoc{}, err
	}
	if flow.CheckID(f.ID) != nil {
		// An id that is not a plain name ("../../etc/passwd", one with a
		// space from an older version) is replaced by one made from it, as
		// a taken id is: the person importing cannot edit the file here.
		base := slug(f.ID)
		if base == "" || flow.CheckID(base) != nil {
			base = slug(f.Name)
		}
		if base == "" || flow.CheckID(base) != nil {
			base = "funnel"
		}
		f.ID = base
	}
	if _, _, err := e.Store.Flow(f.ID); err == nil {
		base := f.ID
		for i := 2; ; i++ {
			f.ID = fmt.Sprintf("%s-%d", base, i)
			if _, _, err := e.Store.Flow(f.ID); err != nil {
				break
			}
		}
	}
	flow.Layout(f)
	return e.SaveDraft(*f)
}

// RestoreVersion makes a published version the current draft again.
func (e *Engine) RestoreVersion(id string, version int) (FlowDoc, error) {
	f, err := e.Store.FlowVersion(id, version)
	if err != nil {
		return FlowDoc{}, err
	}
	return e.SaveDraft(*f)
}

// LiveImpact says what publishing would do to contacts inside the flow.
type LiveImpact struct {
	Active           int `json:"active"`
	PublishedVersion int `json:"published_version"`
}

// PublishImpact counts the contacts inside a flow now: they stay on their
// version when a new one is published.
func (e *Engine) PublishImpact(ctx context.Context, id string) (LiveImpact, error) {
	var li LiveImpact
	var err error
	if li.Active, err = e.Store.ActiveEnrollments(ctx, id); err != nil {
		return li, err
	}
	_, info, err := e.Store.Flow(id)
	li.PublishedVersion = info.PublishedVersion
	return li, err
}

// FlowLink is one "Go to another funnel" step: funnel From sends contacts
// to funnel To from its step Node.
type FlowLink struct {
	From string `json:"from"`
	Node string `json:"node"`
	To   string `json:"to"`
}

// FlowLinks lists every "Go to another funnel" step of the workspace's
// drafts, for the map of funnels. Damaged flows are skipped (the list shows
// their error).
func (e *Engine) FlowLinks() ([]FlowLink, error) {
	infos, err := e.Store.ListFlows()
	if err != nil {
		return nil, err
	}
	out := []FlowLink{}
	for _, fi := range infos {
		if fi.Error != "" {
			continue
		}
		f, _, err := e.Store.Flow(fi.ID)
		if err != nil {
			continue
		}
		for _, n := range f.Nodes {
			if n.Type != "action.goto_flow" {
				continue
			}
			if to, _ := n.Config["flow"].(string); to != "" {
				out = append(out, FlowLink{From: fi.ID, Node: n.ID, To: to})
			}
		}
	}
	return out, nil
}

// MoveToLatest moves the contacts inside a flow to its latest published
// version, at the same step, and wakes the scheduler; it returns how many
// moved.
func (e *Engine) MoveToLatest(ctx context.Context, id string) (int, error) {
	n, err := e.Runner.MoveToLatest(ctx, id)
	e.Poke()
	return n, err
}
