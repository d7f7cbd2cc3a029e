package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"flightplan/engine"
	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/forms"
	"flightplan/engine/mail"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/sim"
	"flightplan/engine/store"
	"flightplan/engine/templates"
	"flightplan/engine/words"
	"flightplan/scripts"
)

// shape is one Go struct written as a TypeScript interface.
type shape struct {
	name string // the TypeScript name
	typ  reflect.Type
	doc  string
}

// union is a Go string type written as a union of its values.
type union struct {
	name   string
	values []string
	doc    string
	// list names a readonly array of the values, in order, when the frontend needs one.
	list string
}

func strs[T ~string](xs ...T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func typeOf[T any]() reflect.Type { return reflect.TypeOf((*T)(nil)).Elem() }

// The tables below are the whole of what is generated: a Go type missing
// here is written by hand in src/api/ (and reviewed as such).
var (
	unions = []union{
		{name: "Kind", values: strs(nodes.Kinds...), doc: "Kind is the role a node type plays in a flow (nodes.Kind)."},
		{name: "Category", values: strs(nodes.Categories...), list: "CATEGORIES", doc: "Category groups node types in the palette, in palette order (nodes.Category)."},
		{name: "Severity", values: strs(flow.Error, flow.Warning), doc: "Severity of an issue: errors block publishing, warnings do not (flow.Severity)."},
		{name: "Reentry", values: []string{flow.ReentryOnce, flow.ReentryAlways, flow.ReentryPerPeriod}, doc: "Reentry is how often one contact may enter the same flow (flow.Reentry*)."},
		{name: "Security", values: strs(mail.SecurityNone, mail.SecurityStartTLS, mail.SecurityTLS), doc: "Security is how the connection to an SMTP relay is protected (mail.Security)."},
		{name: "AuthMethod", values: strs("", mail.AuthPlain, mail.AuthLogin), doc: "AuthMethod is the SASL mechanism used to log in; empty means PLAIN if offered, else LOGIN (mail.AuthMethod)."},
		{name: "ContactFieldType", values: append(strs(contacts.FieldTypes...), string(contacts.TypeDateTime)), doc: "ContactFieldType is the type of a contact field; datetime is built in only (contacts.FieldType)."},
		{name: "RuleKind", values: strs(contacts.KindField, contacts.KindList, contacts.KindTag, contacts.KindScore, contacts.KindStage, contacts.KindTemperature, contacts.KindEvent), doc: "RuleKind is what a segment rule looks at (contacts.RuleKind)."},
		{name: "BlockType", values: strs(mail.BlockTypes...), list: "BLOCK_TYPES", doc: "BlockType names a kind of block in the block editor, in palette order (mail.BlockType)."},
	}
	shapes = []shape{
		{"Text", typeOf[nodes.Text](), "Text is a string the user reads, in every UI language (nodes.Text)."},
		{"FieldOption", typeOf[nodes.Option](), "FieldOption is one choice of an enum field (nodes.Option)."},
		{"ShowIf", typeOf[nodes.ShowIf](), "ShowIf shows a field only when another field holds one of the values (nodes.ShowIf)."},
		{"FieldSpec", typeOf[nodes.Field](), "FieldSpec is one typed config field of a node type (nodes.Field)."},
		{"PortSpec", typeOf[nodes.Port](), "PortSpec is one named output of a node (nodes.Port)."},
		{"NodeSpec", typeOf[nodes.Spec](), "NodeSpec declares a node type, link rules included (nodes.Spec)."},
		{"Position", typeOf[flow.Position](), "Position is where a node sits on the canvas (flow.Position)."},
		{"FlowNode", typeOf[flow.Node](), "FlowNode is one step of the engine's flow format (flow.Node)."},
		{"FlowEdge", typeOf[flow.Edge](), "FlowEdge joins output `port` of `from` to `to`; no port is the default \"next\" (flow.Edge)."},
		{"FlowNote", typeOf[flow.Note](), "FlowNote is a sticky note; the engine ignores it (flow.Note)."},
		{"FlowFrame", typeOf[flow.Frame](), "FlowFrame is a named box around steps on the canvas, collapsible; the engine ignores it (flow.Frame)."},
		{"FlowSettings", typeOf[flow.Settings](), "FlowSettings are a flow's rules: re-entry, time zone, exit events (flow.Settings)."},
		{"Flow", typeOf[flow.Flow](), "Flow is the engine-owned flow format, flightplan.flow/v1 (flow.Flow)."},
		{"Issue", typeOf[flow.Issue](), "Issue is one validation problem, as data (flow.Issue)."},
		{"FlowInfo", typeOf[store.FlowInfo](), "FlowInfo describes a stored flow for the flow list; error is set when it cannot be read (store.FlowInfo)."},
		{"FlowDoc", typeOf[engine.FlowDoc](), "FlowDoc is a flow with its state and problems (engine.FlowDoc)."},
		{"DraftStamp", typeOf[store.DraftStamp](), "DraftStamp says which save of a funnel's draft is stored: its number, who made it (\"\" when not known) and when (store.DraftStamp)."},
		{"DraftSave", typeOf[engine.DraftSave](), "DraftSave is a draft saved on the version loaded, or the save someone made since, which refused it (engine.DraftSave)."},
		{"Settings", typeOf[engine.Preferences](), "Settings are the window's preferences (engine.Preferences)."},
		{"Lookups", typeOf[engine.Lookups](), "Lookups are the names the inspector's pickers offer (engine.Lookups)."},

		// The funnel builder beyond the editor (app.Funnels).
		{"Block", typeOf[mail.Block](), "Block is one element of block-editor content; text fields may hold Liquid (mail.Block)."},
		{"GalleryText", typeOf[templates.Text](), "GalleryText is a gallery funnel's name and description in one language (templates.Text)."},
		{"GalleryEmail", typeOf[templates.Email](), "GalleryEmail is a ready email that comes with a gallery funnel (templates.Email)."},
		{"GalleryTemplate", typeOf[templates.Template](), "GalleryTemplate is one ready funnel of the gallery; texts holds its name and description by language (templates.Template)."},
		{"NodeCount", typeOf[runner.NodeCount](), "NodeCount is how many journeys reached a step, where they are now, and what is in trouble there (runner.NodeCount)."},
		{"EdgeCount", typeOf[runner.EdgeCount](), "EdgeCount is how many journeys left a step through one of its outputs (runner.EdgeCount)."},
		{"FlowCounts", typeOf[runner.FlowCounts](), "FlowCounts are a published funnel's live numbers (runner.FlowCounts)."},
		{"EngineText", typeOf[words.Text](), "EngineText is one thing the engine tells the user (a journal reason, a history line), in every language the window has: show the one of its language (words.Text)."},
		{"PathStep", typeOf[runner.Step](), "PathStep is one entry of a contact's journal in a funnel, oldest first; at is RFC 3339 (runner.Step)."},
		{"Version", typeOf[store.Version](), "Version is one published version of a funnel (store.Version)."},
		{"LiveImpact", typeOf[engine.LiveImpact](), "LiveImpact says what publishing would do to the contacts inside a funnel (engine.LiveImpact)."},
		{"FlowLink", typeOf[engine.FlowLink](), "FlowLink is a \"Go to another funnel\" step: funnel `from` sends contacts to `to` (engine.FlowLink)."},

		// Emails, the offline mailbox and the sending settings (app.Emails, app.Mailbox, app.Sending).
		{"EmailTemplate", typeOf[mail.Template](), "EmailTemplate is an email as the user edits it; html is the body when there are no blocks, an empty text is made from the HTML (mail.Template)."},
		{"EmailProblem", typeOf[mail.Problem](), "EmailProblem is one finding of the engine's template check; line is 1-based within the part, for blocks the block's position, 0 for the whole part (mail.Problem)."},
		{"EmailPreview", typeOf[engine.EmailPreview](), "EmailPreview is a template rendered for one contact (engine.EmailPreview)."},
		{"MailboxItem", typeOf[store.MailboxMessage](), "MailboxItem is one message of the offline mailbox list (store.MailboxMessage)."},
		{"MailView", typeOf[engine.MailView](), "MailView is one captured message, taken apart (engine.MailView)."},
		{"MailLink", typeOf[engine.MailLink](), "MailLink says what following a mailbox link did (engine.MailLink)."},
		{"RelayProfile", typeOf[mail.Profile](), "RelayProfile is an SMTP relay; port 0 means the usual one for the security mode, from is the envelope sender (mail.Profile)."},
		{"SendingSettings", typeOf[delivery.SendingSettings](), "SendingSettings are the workspace's email rules and relay; no relay means the offline mailbox (delivery.SendingSettings)."},
		{"EngineStatus", typeOf[engine.LiveStatus](), "EngineStatus describes the local servers and the outbox; problem says why the engine is not running (engine.LiveStatus)."},
		{"TestResult", typeOf[delivery.TestResult](), "TestResult is what happened to a test send (delivery.TestResult)."},

		// Sign-up forms (app.Forms).
		{"SignupFormField", typeOf[forms.Field](), "SignupFormField is one input of a sign-up form, mapped to a contact field (forms.Field)."},
		{"SignupForm", typeOf[forms.Form](), "SignupForm is a sign-up form; key is its public id in its URLs, never shown (forms.Form)."},
		{"FormProblem", typeOf[forms.Problem](), "FormProblem is what stops a form from being saved: a code, and where (forms.Problem)."},
		{"FormSave", typeOf[engine.FormSave](), "FormSave is a saved form, or the problems that stopped it (engine.FormSave)."},
		{"FormSnippets", typeOf[forms.Snippets](), "FormSnippets are a form's embed code and hosted page address (forms.Snippets)."},

		// The simulation (app.Simulation).
		{"SimRequest", typeOf[engine.SimRequest](), "SimRequest asks for a simulation of a funnel (engine.SimRequest)."},
		{"PersonaVisits", typeOf[engine.PersonaVisits](), "PersonaVisits is how one persona visits the website: visits a week, pages a visit, seconds read on a page (engine.PersonaVisits)."},
		{"SimNode", typeOf[sim.NodeResult](), "SimNode is a step's numbers in a simulation (sim.NodeResult)."},
		{"SimEdge", typeOf[sim.EdgeResult](), "SimEdge is how many simulated journeys took a link (sim.EdgeResult)."},
		{"SimGoal", typeOf[sim.GoalResult](), "SimGoal is how many simulated contacts reached a goal, and how fast (sim.GoalResult)."},
		{"SimDropOff", typeOf[sim.DropOff](), "SimDropOff is where simulated journeys stopped (sim.DropOff)."},
		{"SimFlow", typeOf[sim.FlowResult](), "SimFlow is one funnel's simulated numbers (sim.FlowResult)."},
		{"SimEmail", typeOf[sim.EmailResult](), "SimEmail is one email step's simulated numbers (sim.EmailResult)."},
		{"SimDay", typeOf[sim.Day](), "SimDay is one simulated day (sim.Day)."},
		{"SimPersona", typeOf[sim.PersonaResult](), "SimPersona is one persona's simulated numbers (sim.PersonaResult)."},
		{"SimTotals", typeOf[sim.Totals](), "SimTotals are a simulation's totals (sim.Totals)."},
		{"JourneyStep", typeOf[sim.Step](), "JourneyStep is one step of a simulated journey (sim.Step)."},
		{"Journey", typeOf[sim.Journey](), "Journey is one simulated contact's path (sim.Journey)."},
		{"SimResult", typeOf[sim.Result](), "SimResult is what a simulation gives back (sim.Result)."},
		{"SimFlowDiff", typeOf[sim.FlowDiff](), "SimFlowDiff compares one funnel between two simulations (sim.FlowDiff)."},
		{"SimFigure", typeOf[sim.Figure](), "SimFigure is one number of two variants and how they differ over the seeds (sim.Figure)."},
		{"Comparison", typeOf[sim.Comparison](), "Comparison is two simulations side by side (sim.Comparison)."},
		{"VersionComparison", typeOf[engine.VersionComparison](), "VersionComparison is a published version (A) compared with the current draft (B), with both funnels (engine.VersionComparison)."},

		// Workspaces and packaged funnels (app.Workspace).
		{"RecentWorkspace", typeOf[engine.RecentWorkspace](), "RecentWorkspace is a workspace opened before; missing when its file is gone (engine.RecentWorkspace)."},
		{"WorkspaceInfo", typeOf[engine.WorkspaceInfo](), "WorkspaceInfo is the open workspace and the recent ones (engine.WorkspaceInfo)."},
		{"TeamAddress", typeOf[engine.TeamAddress](), "TeamAddress is a team workspace's address: a pasted postgres:// address, or its parts, and the password (engine.TeamAddress)."},
		{"TeamCheck", typeOf[engine.TeamCheck](), "TeamCheck is what a team workspace's address leads to: state ready, empty, other, too-new, unreachable, password, no-database, address (field says which part) or failed (engine.TeamCheck)."},
		{"TeamOpened", typeOf[engine.TeamOpened](), "TeamOpened is what opening a team workspace did; keyring says why the system keyring was not used: missing, not-remembered or refused (engine.TeamOpened)."},
		{"PackageItem", typeOf[engine.PackageItem](), "PackageItem is one thing a packaged funnel brought, or one it names that the workspace lacks (engine.PackageItem)."},
		{"PackageReport", typeOf[engine.PackageReport](), "PackageReport is what importing a packaged funnel did (engine.PackageReport)."},

		// Scripts (app.Scripts). The test panel's input stays hand-written:
		// it sends a partial event (contact.Event without id or contact).
		{"ScriptParam", typeOf[scripts.Param](), "ScriptParam is a parameter a script reads from `params`, from its header; Type is number, string, boolean or list (scripts.Param)."},
		{"ScriptSwitchOff", typeOf[engine.ScriptSwitchOffInfo](), "ScriptSwitchOff says why and when (RFC 3339) a script was switched off (engine.ScriptSwitchOffInfo)."},
		{"ScriptInfo", typeOf[engine.ScriptInfo](), "ScriptInfo is one script of the workspace or the shipped library; library is true for a shipped script the workspace has not changed, switched_off is set when it kept running out of time or memory (engine.ScriptInfo)."},
		{"ScriptDiagnostic", typeOf[engine.ScriptDiagnostic](), "ScriptDiagnostic is a compile problem at a line (engine.ScriptDiagnostic)."},
		{"ScriptTestResult", typeOf[engine.ScriptTestResult](), "ScriptTestResult is what a test run gives back; error is empty when the script ran, line is where it failed (0: unknown) (engine.ScriptTestResult)."},

		// Contacts, fields and segments (app.Contacts).
		{"ListQuery", typeOf[contacts.ListQuery](), "ListQuery asks for a page of contacts; segment is a saved segment's id, limit 0 means 100 (contacts.ListQuery)."},
		{"ContactRow", typeOf[contacts.Row](), "ContactRow is one contact of the list (contacts.Row)."},
		{"ContactPage", typeOf[engine.ContactPage](), "ContactPage is a page of the contact list and the count of all that match (engine.ContactPage)."},
		{"Contact", typeOf[contact.Contact](), "Contact is one contact in full; identity holds the identity fields other than email (contact.Contact)."},
		{"TimelineItem", typeOf[contacts.TimelineItem](), "TimelineItem is one entry of a contact's history: an event, a step, a message or a score change (contacts.TimelineItem)."},
		{"FieldDef", typeOf[contacts.FieldDef](), "FieldDef defines a contact field; options are a choice's values in display order, identity fields are built in (contacts.FieldDef)."},
		{"PropFilter", typeOf[contacts.PropFilter](), "PropFilter narrows an event rule by one of the event's properties (contacts.PropFilter)."},
		{"Rule", typeOf[contacts.Rule](), "Rule is one condition of a segment (contacts.Rule)."},
		{"Segment", typeOf[contacts.Segment](), "Segment is a saved set of rules; match is all or any, groups are nested segments (contacts.Segment)."},
		{"SegmentCount", typeOf[engine.SegmentCount](), "SegmentCount is how many contacts a segment holds, with a few of them (engine.SegmentCount)."},
		{"Reject", typeOf[contacts.Reject](), "Reject is a CSV row an import refused, as read, for the rejects file (contacts.Reject)."},
		{"RowNote", typeOf[contacts.RowNote](), "RowNote is a CSV row an import skipped or merged, and why (contacts.RowNote)."},
		{"Conflict", typeOf[contacts.Conflict](), "Conflict is a field two rows of one contact fill differently, with the value kept (contacts.Conflict)."},

		// Lead scoring (app.Scoring).
		{"ScoringRule", typeOf[contacts.ScoringRule](), "ScoringRule gives points for an event, optionally narrowed by its properties (contacts.ScoringRule)."},
		{"Decay", typeOf[contacts.Decay](), "Decay is how scores fade with time (contacts.Decay)."},
		{"ScoringConfig", typeOf[contacts.ScoringConfig](), "ScoringConfig is the workspace's scoring rules and decay (contacts.ScoringConfig)."},
		{"RescoreResult", typeOf[contacts.RescoreResult](), "RescoreResult says what scoring again changed (contacts.RescoreResult)."},
		{"Thresholds", typeOf[engine.Thresholds](), "Thresholds are the scores from which a contact is warm, then hot (engine.Thresholds)."},
		{"ScoringPreview", typeOf[engine.ScoringPreview](), "ScoringPreview is how many contacts the rules would make warm and hot, day by day (engine.ScoringPreview)."},
		{"HotLeadRecipe", typeOf[engine.HotLeadRecipe](), "HotLeadRecipe is what the hot-lead funnel should do (engine.HotLeadRecipe)."},
		{"HotLeadFunnel", typeOf[engine.HotLeadFunnel](), "HotLeadFunnel is a funnel that reacts to hot leads (engine.HotLeadFunnel)."},

		// Failures at run time (app.Failures).
		{"StepFailure", typeOf[runner.StepFailure](), "StepFailure is what is in trouble at one step of a funnel: failed messages given up, retrying ones waiting for their next try, stopped journeys (runner.StepFailure)."},
		{"FailureReport", typeOf[engine.FailureReport](), "FailureReport is a funnel's failures, and the journeys still on an older version (engine.FailureReport)."},
		{"RetryResult", typeOf[runner.RetryResult](), "RetryResult says what a retry put back to work (runner.RetryResult)."},
		{"FailureTotal", typeOf[runner.FailureTotal](), "FailureTotal is how much is in trouble across the workspace; by_flow counts each funnel's (runner.FailureTotal)."},

		// The things steps point at (app.References).
		{"EventTypeEntry", typeOf[nodes.EventType](), "EventTypeEntry is one event of the catalogue, named in each language (nodes.EventType)."},
		{"Reference", typeOf[engine.Reference](), "Reference is one thing a step can point at: key is what the flow stores (never shown), name what the user reads, detail a hint, count the contacts it holds (engine.Reference)."},
		{"References", typeOf[engine.References](), "References are the choices of every reference field, by kind; teammates: key the id, name the person, detail the address (engine.References)."},
	}
	// nulls names the shapes whose fields Go sends as null when empty (a
	// nil slice or map, a nil pointer, without omitempty): they are written
	// `T | null`, as the screens reading them handle the null.
	nulls = map[string]bool{"ScoringRule": true, "ScoringConfig": true, "FieldDef": true, "ScriptParam": true, "ScriptSwitchOff": true, "ScriptInfo": true, "ScriptDiagnostic": true, "ScriptTestResult": true}
	// named gives the TypeScript name of Go named types used as field types;
	// filled from the tables, plus the field type union that
	// scripts/update-fixture.mjs generates in fieldTypes.ts.
	named = map[reflect.Type]string{
		typeOf[nodes.Kind]():         "Kind",
		typeOf[nodes.Category]():     "Category",
		typeOf[flow.Severity]():      "Severity",
		typeOf[nodes.FieldType]():    "FieldType",
		typeOf[mail.BlockType]():     "BlockType",
		typeOf[mail.Security]():      "Security",
		typeOf[contacts.FieldType](): "ContactFieldType",
		typeOf[contacts.RuleKind]():  "RuleKind",
		typeOf[mail.AuthMethod]():    "AuthMethod",
		// The template check's severities are the flow check's words.
		typeOf[mail.Severity](): "Severity",
	}
)

// Generate returns the contents of types.gen.ts.
func Generate() ([]byte, error) {
	for _, s := range shapes {
		named[s.typ] = s.name
	}
	var b bytes.Buffer
	b.WriteString(`// Generated by build/tsgen from the Go types named beside each shape: do
// not edit. Run ` + "`make bindings`" + ` (or ` + "`go run ./build/tsgen`" + `) after changing them;
// build/tsgen's test fails while this file is stale.
import type { FieldType } from './fieldTypes';

`)
	fmt.Fprintf(&b, "/** FLOW_FORMAT is the format of every flow file (flow.Format). */\nexport const FLOW_FORMAT = '%s';\n", flow.Format)
	for _, u := range unions {
		quoted := make([]string, len(u.values))
		for i, v := range u.values {
			quoted[i] = "'" + v + "'"
		}
		fmt.Fprintf(&b, "\n/** %s */\nexport type %s = %s;\n", u.doc, u.name, strings.Join(quoted, " | "))
		if u.list != "" {
			fmt.Fprintf(&b, "\n/** %s lists every %s, in order. */\nexport const %s: readonly %s[] = [%s];\n", u.list, u.name, u.list, u.name, strings.Join(quoted, ", "))
		}
	}
	for _, s := range shapes {
		if s.typ.Kind() != reflect.Struct {
			return nil, fmt.Errorf("%s: %s is not a struct", s.name, s.typ)
		}
		fmt.Fprintf(&b, "\n/** %s */\nexport interface %s {\n", s.doc, s.name)
		for i := 0; i < s.typ.NumField(); i++ {
			f := s.typ.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" && f.Anonymous {
				return nil, fmt.Errorf("%s.%s (%s): an embedded struct without a json name is flattened: list its fields' struct instead", s.name, f.Name, s.typ)
			}
			if name == "" {
				name = f.Name // encoding/json's key for an untagged field
			}
			ts, err := tsType(f.Type)
			if err != nil {
				return nil, fmt.Errorf("%s.%s (%s): %w", s.name, f.Name, s.typ, err)
			}
			// omitempty, and a nil pointer, leave the key out or null: the
			// frontend treats the field as optional.
			opt := ""
			omit := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
			switch k := f.Type.Kind(); {
			case nulls[s.name] && !omit && (k == reflect.Pointer || k == reflect.Slice || k == reflect.Map):
				ts += " | null"
			case omit || k == reflect.Pointer:
				opt = "?"
			}
			fmt.Fprintf(&b, "  %s%s: %s;\n", name, opt, ts)
		}
		b.WriteString("}\n")
	}
	return b.Bytes(), nil
}

// tsType is the TypeScript type of a Go field type.
func tsType(t reflect.Type) (string, error) {
	if n, ok := named[t]; ok {
		return n, nil
	}
	if t == typeOf[time.Time]() {
		return "string", nil // RFC 3339 text
	}
	// encoding/json writes a TextMarshaler as a JSON string (sim.Duration's
	// "3d4h"); a type with its own MarshalJSON could be anything, so it is
	// refused rather than guessed from its fields.
	if t.Kind() != reflect.Pointer {
		if t.Implements(typeOf[json.Marshaler]()) || reflect.PointerTo(t).Implements(typeOf[json.Marshaler]()) {
			return "", fmt.Errorf("type %s has its own MarshalJSON: give it a name in the tables of build/tsgen", t)
		}
		if t.Implements(typeOf[encoding.TextMarshaler]()) || reflect.PointerTo(t).Implements(typeOf[encoding.TextMarshaler]()) {
			return "string", nil
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return tsType(t.Elem())
	case reflect.String:
		return "string", nil
	case reflect.Bool:
		return "boolean", nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "number", nil
	case reflect.Interface:
		return "unknown", nil
	case reflect.Slice, reflect.Array:
		el, err := tsType(t.Elem())
		if err != nil {
			return "", err
		}
		return el + "[]", nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return "", fmt.Errorf("map key %s: only string keys become JSON objects", t.Key())
		}
		el, err := tsType(t.Elem())
		if err != nil {
			return "", err
		}
		return "Record<string, " + el + ">", nil
	}
	return "", fmt.Errorf("type %s has no TypeScript shape here: add it to the tables of build/tsgen", t)
}
