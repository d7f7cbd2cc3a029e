package nodes

import (
	"fmt"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

// Workspace is what a flow's references are checked against: the things
// that exist in the workspace, by the key a flow stores (an email's id, a
// list's name, a segment's id, a script's name, a custom field's name). A
// nil set is not checked (a flow file validated alone); an empty one means
// the workspace has none, so every reference to it is missing.
type Workspace struct {
	// Flows are the workspace's other flows by id (go-to-flow links and
	// cross-funnel loops).
	Flows map[string]*flow.Flow
	// Names shown in messages: Templates maps an email's id to its name.
	Templates map[string]string
	// Lists are keyed in lower case: list names ignore case.
	Lists    map[string]bool
	Segments map[string]bool
	Scripts  map[string]bool
	// Fields are the custom fields; identity fields always exist.
	Fields map[string]bool
	// EventTypes are the workspace's own event types (declared, or seen
	// at the intake); system events always exist. Nil: not checked.
	EventTypes map[string]bool
	// Teammates are the workspace's teammates by id. Nil: not checked.
	Teammates map[string]bool
}

// refKind names what a reference field points at, in the message.
var refKind = map[FieldType]string{
	FTemplate: "email", FList: "list", FSegment: "segment", FScript: "script", FField: "field", FFlow: "funnel", FTeammate: "teammate",
}

// reference checks one reference field of node n against the workspace.
// A missing email, list, segment, script, field or funnel is an error
// (unknown_reference) naming the step and the field; an event type nobody
// declared or sent is a warning that lists the known ones.
func (v *validator) reference(n *flow.Node, s *Spec, fd *Field, value string) {
	ws := v.ws
	if ws == nil || value == "" {
		return
	}
	missing := false
	switch fd.Type {
	case FTemplate:
		if ws.Templates != nil {
			_, ok := ws.Templates[value]
			missing = !ok
		}
	case FList:
		// Adding to a list creates it; a list some step of the workspace
		// adds contacts to exists as soon as that step runs.
		if ws.Lists != nil && n.Type != "action.list_add" {
			missing = !ws.Lists[strings.ToLower(value)] && !v.listAdded(value)
		}
	case FSegment:
		missing = ws.Segments != nil && !ws.Segments[value]
	case FScript:
		missing = ws.Scripts != nil && !ws.Scripts[value]
	case FField:
		// Setting a field writes it; reading one nobody declared is never true.
		missing = ws.Fields != nil && n.Type != "action.set_field" && !contact.IsIdentity(value) && !builtinField(value) && !ws.Fields[value]
	case FTeammate:
		// "owner" and a plain address (older flows) need no teammate.
		missing = ws.Teammates != nil && value != "owner" && !strings.Contains(value, "@") && !ws.Teammates[value]
	case FEventType:
		if ws.EventTypes == nil || IsSystemEvent(value) || ws.EventTypes[value] {
			return
		}
		cat := v.eventCatalogue()
		msg := fmt.Sprintf("step %q, %s: nobody has declared or sent the event %q", v.stepName(n, s), fd.Label.En, value)
		if e, ok := ResolveEventType(value, cat); ok {
			msg += fmt.Sprintf(" — did you mean %q (%s)?", e.Type, e.Name.En)
		}
		known := make([]string, len(cat))
		for i, e := range cat {
			known[i] = e.Type
		}
		msg += "; known events: " + strings.Join(known, ", ")
		v.issues = append(v.issues, flow.Issue{NodeID: n.ID, Field: fd.Name, Severity: flow.Warning, Code: "unknown_event_type", Message: msg})
		return
	default:
		return
	}
	if missing && fd.Type == FTeammate {
		// A teammate's id means nothing to the reader: say what is gone.
		v.add(flow.Error, n.ID, fd.Name, "unknown_reference", "step %q, %s: the teammate it alerts is no longer in the workspace (pick another, or type an address)", v.stepName(n, s), fd.Label.En)
		return
	}
	if missing {
		v.add(flow.Error, n.ID, fd.Name, "unknown_reference", "step %q, %s: there is no %s %q in the workspace", v.stepName(n, s), fd.Label.En, refKind[fd.Type], value)
	}
}

// builtinField reports whether name is a field every contact has besides
// the identity fields (score, stage…), as conditions read them.
func builtinField(name string) bool {
	switch name {
	case "score", "stage", "temperature":
		return true
	}
	return false
}

// stepName is how a message names a step: its label, else its type's title.
func (v *validator) stepName(n *flow.Node, s *Spec) string {
	if l := strings.TrimSpace(n.Label); l != "" {
		return l
	}
	return s.Title.En + " (" + n.ID + ")"
}

// listAdded reports whether a step of this flow or of another adds
// contacts to the named list (computed once per validation).
func (v *validator) listAdded(name string) bool {
	if v.addedLists == nil {
		v.addedLists = map[string]bool{}
		scan := func(f *flow.Flow) {
			for i := range f.Nodes {
				if f.Nodes[i].Type == "action.list_add" {
					if l, _ := f.Nodes[i].Config["list"].(string); l != "" {
						v.addedLists[strings.ToLower(l)] = true
					}
				}
			}
		}
		scan(v.f)
		if v.ws != nil {
			for _, o := range v.ws.Flows {
				scan(o)
			}
		}
	}
	return v.addedLists[strings.ToLower(name)]
}

func (v *validator) eventCatalogue() []EventType {
	if v.events == nil {
		var own []string
		for t := range v.ws.EventTypes {
			own = append(own, t)
		}
		v.events = EventCatalogue(own)
	}
	return v.events
}
