// Package app is the only code that knows about Wails: it binds the engine's
// services to the window and forwards engine events to the UI. Methods
// return (T, error); Wails turns the error into a rejected promise that the
// frontend shows as a message.
package app

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"flightplan/engine"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// App is bound to the window.
type App struct {
	ctx context.Context
	eng *engine.Engine

	liveMu  sync.Mutex
	liveErr error // why the live engine did not start (startLive), nil when it runs
}

// New binds an engine.
func New(eng *engine.Engine) *App { return &App{eng: eng, ctx: context.Background()} }

// Startup is called by Wails when the window is ready.
func (a *App) Startup(ctx context.Context) {
	a.ctx = ctx
	a.startLive()
}

// Shutdown is called by Wails when the window closes.
func (a *App) Shutdown(ctx context.Context) { _ = a.eng.Close() }

// Catalogue returns every node type's spec, in palette order.
func (a *App) Catalogue() []nodes.Spec { return a.eng.Registry.Catalogue() }

// FieldTypes lists every config field type the inspector must render.
func (a *App) FieldTypes() []nodes.FieldType { return nodes.FieldTypes }

// FlowDoc is a flow with its state and problems, as the canvas needs it.
type FlowDoc struct {
	Flow   *flow.Flow     `json:"flow"`
	Info   store.FlowInfo `json:"info"`
	Issues []flow.Issue   `json:"issues"`
}

// ListFlows lists the workspace's flows; damaged ones carry their error.
func (a *App) ListFlows() ([]store.FlowInfo, error) { return a.eng.Store.ListFlows() }

// GetFlow opens a flow's draft with its problems.
func (a *App) GetFlow(id string) (FlowDoc, error) {
	f, info, err := a.eng.Store.Flow(id)
	if err != nil {
		return FlowDoc{}, err
	}
	return FlowDoc{Flow: f, Info: info, Issues: a.validate(f)}, nil
}

func (a *App) validate(f *flow.Flow) []flow.Issue {
	// Every other flow is read and parsed once per validation, and the
	// names of the workspace's emails, lists, segments, scripts, fields and
	// events are read so each reference is checked.
	issues, err := a.eng.ValidateFlow(f)
	if err != nil {
		issues = nodes.Validate(f, a.eng.Registry, map[string]*flow.Flow{})
		issues = append(issues, flow.Issue{Severity: flow.Warning, Code: "workspace_unread", Message: "the workspace could not be read, references were not checked: " + err.Error()})
	}
	if issues == nil {
		issues = []flow.Issue{}
	}
	return issues
}

// ValidateFlow checks a flow without saving it.
func (a *App) ValidateFlow(f flow.Flow) []flow.Issue { return a.validate(&f) }

// SaveFlow stores a draft and returns it with its problems. Saving never
// refuses a draft with problems: only publishing does.
func (a *App) SaveFlow(f flow.Flow) (FlowDoc, error) {
	if strings.TrimSpace(f.ID) == "" {
		return FlowDoc{}, fmt.Errorf("the funnel has no id")
	}
	f.Format = flow.Format
	if err := a.eng.Store.SaveFlow(&f, a.eng.Clock.Now()); err != nil {
		return FlowDoc{}, err
	}
	return a.GetFlow(f.ID)
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// CreateFlow makes an empty flow with an id derived from its name.
func (a *App) CreateFlow(name string) (FlowDoc, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return FlowDoc{}, fmt.Errorf("give the funnel a name")
	}
	base := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if base == "" {
		base = "funnel"
	}
	id := base
	for i := 2; ; i++ {
		if _, _, err := a.eng.Store.Flow(id); err != nil {
			break
		}
		id = fmt.Sprintf("%s-%d", base, i)
	}
	f := flow.New(id, name)
	if err := a.eng.Store.SaveFlow(f, a.eng.Clock.Now()); err != nil {
		return FlowDoc{}, err
	}
	return a.GetFlow(id)
}

// DeleteFlow removes a flow.
func (a *App) DeleteFlow(id string) error { return a.eng.Store.DeleteFlow(id) }

// PublishFlow makes the draft live as a new version; refused while errors remain.
func (a *App) PublishFlow(id string) (FlowDoc, error) {
	f, _, err := a.eng.Store.Flow(id)
	if err != nil {
		return FlowDoc{}, err
	}
	issues := a.validate(f)
	if flow.HasErrors(issues) {
		n := 0
		for _, i := range issues {
			if i.Severity == flow.Error {
				n++
			}
		}
		return FlowDoc{}, fmt.Errorf("funnel %q cannot be published: %d problem(s) to fix first, starting with %s", f.Name, n, firstError(issues))
	}
	if _, err := a.eng.Store.Publish(f, "", a.eng.Clock.Now()); err != nil {
		return FlowDoc{}, err
	}
	return a.GetFlow(id)
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

// Settings are the app-wide preferences the UI reads.
type Settings struct {
	Language  string `json:"language"`
	Workspace string `json:"workspace"`
}

// GetSettings returns the preferences; the language follows the system
// locale until the user picks one.
func (a *App) GetSettings() (Settings, error) {
	lang, err := a.eng.Store.Setting(settings.Language)
	if err != nil {
		return Settings{}, err
	}
	if lang == "" {
		lang = SystemLanguage()
	}
	return Settings{Language: lang, Workspace: a.eng.Store.Path}, nil
}

// SetLanguage stores the UI language ("en" or "fr").
func (a *App) SetLanguage(lang string) error {
	if lang != "en" && lang != "fr" {
		return fmt.Errorf("language %q is not available (en, fr)", lang)
	}
	return settings.Set(a.eng.Store, map[string]string{settings.Language: lang})
}

// SystemLanguage reads the locale from the environment: "fr" for a French
// locale, else "en".
func SystemLanguage() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return "fr"
			}
			return "en"
		}
	}
	return "en"
}

// Lookups are the names the inspector's pickers offer.
type Lookups struct {
	Lists      []string `json:"lists"`
	Tags       []string `json:"tags"`
	Fields     []string `json:"fields"`
	Templates  []string `json:"templates"`
	Scripts    []string `json:"scripts"`
	Segments   []string `json:"segments"`
	Flows      []string `json:"flows"`
	EventTypes []string `json:"event_types"`
}

// GetLookups returns the pickers' choices.
func (a *App) GetLookups() (Lookups, error) {
	l, err := a.eng.Store.Names()
	if err != nil {
		return Lookups{}, err
	}
	// Event types: the one catalogue (system events, then the workspace's
	// own, declared or received), as the funnel inspector offers them.
	seen, err := a.eng.EventTypesSeen()
	if err != nil {
		return Lookups{}, err
	}
	out := Lookups{Lists: l.Lists, Tags: l.Tags, Templates: l.Templates, Scripts: l.Scripts, Segments: l.Segments, Flows: l.Flows, EventTypes: []string{}}
	for _, e := range nodes.EventCatalogue(seen) {
		out.EventTypes = append(out.EventTypes, e.Type)
	}
	out.Fields = append(append([]string{}, contact.IdentityFields...), l.Fields...)
	sort.Strings(out.Fields)
	return out, nil
}
