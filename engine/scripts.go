package engine

// The Scripts screen: the workspace's Lua scripts beside the shipped
// library, checked as typed and tried on a contact.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/script"
	"flightplan/engine/words"
	"flightplan/scripts"
)

// ScriptInfo is one Lua script the user can pick or edit.
type ScriptInfo struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	// TitleFr and SummaryFr are the header's French ones ("" when it has
	// none): the window shows them in French.
	TitleFr   string          `json:"title_fr,omitempty"`
	SummaryFr string          `json:"summary_fr,omitempty"`
	Source    string          `json:"source"`
	Params    []scripts.Param `json:"params"`
	// Library is true for a shipped script the workspace has not changed.
	Library bool `json:"library"`
	// SwitchedOff is set when the script kept running out of time or memory
	// and was switched off: its steps fail at once until it is saved again
	// or switched back on (SwitchScriptOn).
	SwitchedOff *ScriptSwitchOffInfo `json:"switched_off"`
}

// ruleTitle is a workspace rule's title in English and French, from its
// header: its key when the header has no title, the English one when it
// has no French one.
func ruleTitle(name, source string) [2]string {
	p, _ := scripts.Parse(name, source)
	t := [2]string{p.Title, p.TitleFr}
	if t[0] == "" {
		t[0] = name
	}
	if t[1] == "" {
		t[1] = t[0]
	}
	return t
}

// ScriptSwitchOffInfo says why a script was switched off, for the notice
// in Scripts.
type ScriptSwitchOffInfo struct {
	Reason string `json:"reason"`
	// Text is Reason in every UI language.
	Text     words.Text `json:"text,omitzero"`
	Failures int        `json:"failures"`
	// At is when, in RFC 3339.
	At string `json:"at"`
}

// Scripts lists the workspace's scripts and the shipped library.
func (e *Engine) Scripts(ctx context.Context) ([]ScriptInfo, error) {
	recs, err := e.Store.Scripts(ctx)
	if err != nil {
		return nil, err
	}
	out := []ScriptInfo{}
	own := map[string]bool{}
	for _, r := range recs {
		si := ScriptInfo{Name: r.Name, Kind: r.Kind, Source: r.Source}
		if p, err := scripts.Parse(si.Name, si.Source); err == nil {
			si.Title, si.Summary, si.TitleFr, si.SummaryFr, si.Params = p.Title, p.Summary, p.TitleFr, p.SummaryFr, p.Params
		} else {
			// A header still being written (no summary yet) has its title.
			si.Title, si.TitleFr = p.Title, p.TitleFr
		}
		own[si.Name] = true
		out = append(out, si)
	}
	for _, lib := range scripts.All() {
		if !own[lib.Name] {
			out = append(out, ScriptInfo{Name: lib.Name, Kind: lib.Kind, Title: lib.Title, Summary: lib.Summary, TitleFr: lib.TitleFr, SummaryFr: lib.SummaryFr, Source: lib.Source, Params: lib.Params, Library: true})
		}
	}
	off := e.Lua.SwitchedOff()
	for i := range out {
		if o, ok := off[out[i].Name]; ok {
			out[i].SwitchedOff = &ScriptSwitchOffInfo{Reason: o.Reason, Text: words.ErrorTexts(o.Reason), Failures: o.Failures, At: o.At.Format(time.RFC3339)}
		}
	}
	return out, nil
}

// SwitchScriptOn switches a script back on after it was switched off for
// failing again and again: its steps run it again.
func (e *Engine) SwitchScriptOn(name string) error {
	return e.Lua.SwitchOn(strings.TrimSpace(name))
}

// ScriptDiagnostic is a compile problem at a line, for the editor.
type ScriptDiagnostic struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
	// Text is Message in every UI language.
	Text words.Text `json:"text,omitzero"`
}

// CheckScript compiles a script as the user types.
func (e *Engine) CheckScript(name, source string) []ScriptDiagnostic {
	out := []ScriptDiagnostic{}
	for _, e := range e.Lua.Engine.Check(name, source) {
		out = append(out, ScriptDiagnostic{Line: e.Line, Message: e.Message, Text: words.ErrorTexts(e.Message)})
	}
	return out
}

// SaveScript stores a workspace script (a library script saved under its
// name becomes the workspace's own version).
func (e *Engine) SaveScript(ctx context.Context, name, kind, source string) ([]ScriptDiagnostic, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("the script needs a name")
	}
	if kind != "condition" && kind != "score" && kind != "action" {
		return nil, fmt.Errorf("script kind %q must be condition, score or action", kind)
	}
	if err := e.Store.SaveScript(ctx, name, kind, source, e.Clock.Now()); err != nil {
		return nil, err
	}
	// A saved script is a new try: if it had been switched off, it is on again.
	if err := e.Lua.SwitchOn(name); err != nil {
		return nil, err
	}
	return e.CheckScript(name, source), nil
}

// ScriptTestInput is the test panel's request.
type ScriptTestInput struct {
	Name      string         `json:"name"`
	Kind      string         `json:"kind"`
	Source    string         `json:"source"`
	ContactID int64          `json:"contact_id"` // 0: a sample contact
	Event     *contact.Event `json:"event"`
	Params    map[string]any `json:"params"`
}

// ScriptTestResult is what the test panel shows.
type ScriptTestResult struct {
	Result any    `json:"result"`
	Error  string `json:"error"`
	// ErrorText is Error in every UI language (empty when it worked).
	ErrorText words.Text `json:"error_text,omitzero"`
	Line      int        `json:"line"`
	TookUS    int64      `json:"took_us"`
	Printed   []string   `json:"printed"`
}

// TestScript runs a script against a contact (or a sample) and an event.
func (e *Engine) TestScript(ctx context.Context, in ScriptTestInput) (ScriptTestResult, error) {
	c := &contact.Contact{ID: 0, Email: "camille@example.com", Identity: map[string]string{"first_name": "Camille", "company": "Acme", "job_title": "Head of Marketing", "country": "France", "timezone": "Europe/Paris"},
		Fields: map[string]any{"company_size": 120.0}, Lists: []string{"newsletter"}, Tags: []string{"webinar"}, Score: 35, Temperature: "warm", Stage: "lead", CreatedAt: time.Now().AddDate(0, -2, 0)}
	if in.ContactID != 0 {
		var err error
		if c, err = e.Store.Contact(ctx, in.ContactID); err != nil {
			return ScriptTestResult{}, err
		}
	}
	s, err := e.Lua.Engine.Compile(in.Name, in.Source)
	if err != nil {
		return scriptFailure(err), nil
	}
	now := time.Now()
	env := script.Env{Contact: ScriptContact(c), Now: now, Params: in.Params, EnteredAt: now.Add(-24 * time.Hour)}
	if in.ContactID != 0 {
		env.Events = StoreEvents(e.Store)
	} else {
		env.Events = sampleHistory(now)
	}
	if in.Event != nil {
		env.Event = &script.Event{Type: in.Event.Type, Time: in.Event.At, Props: in.Event.Props}
	}
	run := context.Background()
	var res any
	var out script.Output
	switch in.Kind {
	case "score":
		res, out, err = e.Lua.Engine.Score(run, s, env)
	case "action":
		res, out, err = e.Lua.Engine.Action(run, s, env)
	default:
		res, out, err = e.Lua.Engine.Condition(run, s, env)
	}
	if err != nil {
		r := scriptFailure(err)
		r.Printed, r.TookUS = out.Printed, out.Took.Microseconds()
		return r, nil
	}
	return ScriptTestResult{Result: res, TookUS: out.Took.Microseconds(), Printed: out.Printed}, nil
}

func scriptFailure(err error) ScriptTestResult {
	r := ScriptTestResult{Error: err.Error(), ErrorText: words.ErrorTexts(err.Error())}
	if se, ok := script.AsError(err); ok {
		r.Line = se.Line
	}
	return r
}

// sampleHistory is the sample contact's past: a few weeks of typical
// activity, so the library rules that read events can be tried without a
// real contact.
func sampleHistory(now time.Time) script.SliceEvents {
	day := 24 * time.Hour
	ev := func(typ string, ago time.Duration, props map[string]any) script.Event {
		return script.Event{Type: typ, Time: now.Add(-ago), Props: props}
	}
	return script.SliceEvents{
		ev("email_opened", 20*day, map[string]any{"node": "hello"}),
		ev("email_clicked", 20*day, map[string]any{"url": "https://example.com/guide"}),
		ev("page_visited", 12*day, map[string]any{"url": "https://example.com/blog/automation", "path": "/blog/automation"}),
		ev("file_downloaded", 10*day, map[string]any{"asset": "whitepaper"}),
		ev("page_visited", 3*day, map[string]any{"url": "https://example.com/pricing", "path": "/pricing"}),
		ev("page_visited", 2*day, map[string]any{"url": "https://example.com/pricing", "path": "/pricing"}),
		ev("form_submitted", 2*day, map[string]any{"form": "demo"}),
		ev("cart_abandoned", 1*day, map[string]any{"value": 180.0, "amount": 180.0}),
		ev("purchase", 40*day, map[string]any{"amount": 320.0}),
		ev("email_opened", 6*time.Hour, map[string]any{"node": "news"}),
	}
}

// ScriptsReference returns the Lua API reference (scripts/README.md), for
// the script editor's side panel.
func ScriptsReference() string { return scripts.README() }

// DeleteScript removes a workspace script. A library script edited in the
// workspace goes back to the library's version.
func (e *Engine) DeleteScript(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("which script? the name is empty")
	}
	found, err := e.Store.DeleteScript(ctx, name)
	if err != nil {
		return fmt.Errorf("script %q: %w", name, err)
	}
	if !found {
		return fmt.Errorf("script %q: not in this workspace", name)
	}
	return nil
}
