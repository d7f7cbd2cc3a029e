// Package nodes declares every node type once, in Go: its spec (what the
// canvas, inspector and validator read) and its executor (what the runner
// calls). RegisterAll lists them all in one place.
package nodes

import (
	"fmt"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"regexp"
	"slices"
	"sort"
)

// Kind is the role a node type plays in a flow.
type Kind string

// Kinds.
const (
	KindTrigger   Kind = "trigger"
	KindCondition Kind = "condition"
	KindSplit     Kind = "split"
	KindWait      Kind = "wait"
	KindAction    Kind = "action"
	KindGoal      Kind = "goal"
	KindExit      Kind = "exit"
)

// Kinds lists every kind (NewRegistry refuses any other; the frontend's
// Kind type is generated from it).
var Kinds = []Kind{KindTrigger, KindCondition, KindSplit, KindWait, KindAction, KindGoal, KindExit}

// Category groups node types in the palette, in plain words.
type Category string

// Palette categories, in palette order.
const (
	CatStart  Category = "start"
	CatCheck  Category = "check"
	CatWait   Category = "wait"
	CatDo     Category = "do"
	CatFinish Category = "finish"
)

// Categories lists every category in palette order (NewRegistry sorts by
// it; the frontend's Category type and CATEGORIES are generated from it).
var Categories = []Category{CatStart, CatCheck, CatWait, CatDo, CatFinish}

// Text is a string the user reads, in every UI language.
type Text struct {
	En string `json:"en"`
	Fr string `json:"fr"`
}

// T builds a Text.
func T(en, fr string) Text { return Text{En: en, Fr: fr} }

// FieldType says how a config field is edited and checked. The frontend has
// one renderer per type; a new type here fails its build until it has one.
type FieldType string

// Field types.
const (
	FString    FieldType = "string"
	FText      FieldType = "text"
	FNumber    FieldType = "number"
	FBool      FieldType = "bool"
	FDuration  FieldType = "duration" // "2d", "4h"
	FEnum      FieldType = "enum"     // one of Options
	FList      FieldType = "list"     // a contact list name
	FTag       FieldType = "tag"      // a tag name
	FField     FieldType = "field"    // a contact field name
	FTemplate  FieldType = "template" // an email template id
	FScript    FieldType = "script"   // a Lua script name
	FFlow      FieldType = "flow"     // another flow id
	FNode      FieldType = "node"     // a node of this flow (of NodeType)
	FSegment   FieldType = "segment"  // a saved segment
	FEventType FieldType = "event_type"
	FFilter    FieldType = "filter"   // property filter: map key -> value
	FTime      FieldType = "time"     // "09:30"
	FDate      FieldType = "date"     // "2026-12-24"
	FWeekdays  FieldType = "weekdays" // ["mon","tue",...]
	FBranches  FieldType = "branches" // [{id,label,percent}] for random splits
	FCases     FieldType = "cases"    // ["FR","US",...] one port per value
	FParams    FieldType = "params"   // script parameters: map key -> value
	FStage     FieldType = "stage"
	FURL       FieldType = "url"
	// FTeammate is a teammate of the workspace (stored by id), the word
	// "owner" (the contact's owner), or a plain email address.
	FTeammate FieldType = "teammate"
	// FForm is a sign-up form of the workspace, stored by its name (the
	// name its form_submitted events carry).
	FForm FieldType = "form"
)

// FieldTypes lists every field type, for the frontend's exhaustiveness check.
var FieldTypes = []FieldType{FString, FText, FNumber, FBool, FDuration, FEnum, FList, FTag, FField, FTemplate,
	FScript, FFlow, FNode, FSegment, FEventType, FFilter, FTime, FDate, FWeekdays, FBranches, FCases, FParams, FStage, FURL, FTeammate, FForm}

// Option is one choice of an enum field.
type Option struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// ShowIf makes a field visible (and required-checked) only when another
// field holds one of the given values.
type ShowIf struct {
	Field  string   `json:"field"`
	Values []string `json:"values"`
}

// Field is one typed config field of a node type.
type Field struct {
	Name     string    `json:"name"`
	Type     FieldType `json:"type"`
	Label    Text      `json:"label"`
	Help     Text      `json:"help,omitempty"`
	Required bool      `json:"required,omitempty"`
	Default  any       `json:"default,omitempty"`
	// DefaultFr is Default written in French, for a default that is a
	// sentence (the alert's subject): the inspector shows it and a step
	// uses it in a French workspace (Ctx.Lang).
	DefaultFr any      `json:"default_fr,omitempty"`
	Options   []Option `json:"options,omitempty"`
	Min       *float64 `json:"min,omitempty"`
	Max       *float64 `json:"max,omitempty"`
	// NodeType restricts an FNode field to nodes of this type.
	NodeType string  `json:"node_type,omitempty"`
	ShowIf   *ShowIf `json:"show_if,omitempty"`
	// Ordered says the Options are a ladder, lowest first (temperatures,
	// stages): comparisons such as "is at least" follow their order.
	Ordered bool `json:"ordered,omitempty"`
}

// Port is one named output of a node.
type Port struct {
	ID    string `json:"id"`
	Label Text   `json:"label"`
}

// Spec declares a node type.
type Spec struct {
	Type     string   `json:"type"`
	Kind     Kind     `json:"kind"`
	Category Category `json:"category"`
	Title    Text     `json:"title"`
	Help     Text     `json:"help"`
	// Summary is the one line written on the node; {field} is replaced by the
	// field's value.
	Summary Text `json:"summary"`
	// Icon is a short name the canvas maps to a glyph.
	Icon string `json:"icon"`
	// The link rules: the validator checks a flow's links against them and
	// the canvas refuses a link they forbid while it is drawn, so both read
	// them from here.

	// Input is false for triggers: nothing leads into them.
	Input bool `json:"input"`
	// SelfLink lets an output of the step lead back into the step itself.
	// No type allows it: such a loop would run with no wait between turns.
	SelfLink bool `json:"self_link"`
	// LinksPerOutput is how many links may leave each output. NewRegistry
	// makes 0 into 1 and accepts nothing else: a contact follows one way out
	// of a step, and the runner takes the one link of the output chosen.
	LinksPerOutput int `json:"links_per_output"`
	// Ports are the fixed outputs. Empty means none (exit).
	Ports []Port `json:"ports"`
	// PortsFrom names a FBranches or FCases field whose entries each add a port.
	PortsFrom string `json:"ports_from,omitempty"`
	// OptionalOutput lets the node end the journey with its output unconnected
	// (goals, actions at the end of a flow).
	OptionalOutput bool    `json:"optional_output,omitempty"`
	Fields         []Field `json:"fields"`
	// Marketing marks nodes that send marketing email (suppression applies).
	Marketing bool `json:"marketing,omitempty"`

	exec  Executor
	match Matcher
}

// Matcher decides whether an event enrolls a contact through a trigger.
type Matcher func(cfg Config, ev *contact.Event, c *contact.Contact) bool

// Matches reports whether the trigger node n fires on ev. Non-triggers never do.
func (s *Spec) Matches(n *flow.Node, ev *contact.Event, c *contact.Contact) bool {
	if s.match == nil {
		return false
	}
	return s.match(ConfigOf(n, s), ev, c)
}

// Executor returns the executor of the node type.
func (s *Spec) Executor() Executor { return s.exec }

// Field returns the named field spec, or nil.
func (s *Spec) Field(name string) *Field {
	for i := range s.Fields {
		if s.Fields[i].Name == name {
			return &s.Fields[i]
		}
	}
	return nil
}

// Registry is the catalogue of node types.
type Registry struct {
	byType map[string]*Spec
	sorted []*Spec
}

var typeName = regexp.MustCompile(`^[a-z]+(\.[a-z_]+)?$`)
var portName = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// NewRegistry checks and indexes specs: names well-formed and unique, ports
// and fields unique and well-formed, an executor present.
func NewRegistry(specs ...Spec) (*Registry, error) {
	r := &Registry{byType: map[string]*Spec{}}
	for i := range specs {
		s := specs[i]
		if err := check(&s); err != nil {
			return nil, fmt.Errorf("node type %q: %w", s.Type, err)
		}
		if _, dup := r.byType[s.Type]; dup {
			return nil, fmt.Errorf("node type %q: declared twice", s.Type)
		}
		r.byType[s.Type] = &s
		r.sorted = append(r.sorted, &s)
	}
	order := map[Category]int{}
	for i, c := range Categories {
		order[c] = i
	}
	sort.SliceStable(r.sorted, func(i, j int) bool {
		a, b := r.sorted[i], r.sorted[j]
		if order[a.Category] != order[b.Category] {
			return order[a.Category] < order[b.Category]
		}
		return a.Type < b.Type
	})
	return r, nil
}

func check(s *Spec) error {
	if !typeName.MatchString(s.Type) {
		return fmt.Errorf("type name must look like kind.name in lower case")
	}
	if !slices.Contains(Kinds, s.Kind) {
		return fmt.Errorf("unknown kind %q", s.Kind)
	}
	if !slices.Contains(Categories, s.Category) {
		return fmt.Errorf("unknown category %q", s.Category)
	}
	if s.Title.En == "" || s.Title.Fr == "" || s.Help.En == "" || s.Help.Fr == "" {
		return fmt.Errorf("title and help are required in English and French")
	}
	if s.exec == nil {
		return fmt.Errorf("no executor")
	}
	if s.Kind == KindTrigger && s.Input {
		return fmt.Errorf("a trigger has no input")
	}
	if s.LinksPerOutput == 0 {
		s.LinksPerOutput = 1
	}
	if s.LinksPerOutput != 1 {
		return fmt.Errorf("links_per_output %d: the runner follows one link per output, so it must be 1", s.LinksPerOutput)
	}
	seen := map[string]bool{}
	for _, p := range s.Ports {
		if !portName.MatchString(p.ID) || seen[p.ID] {
			return fmt.Errorf("port %q: bad or duplicate id", p.ID)
		}
		if p.Label.En == "" || p.Label.Fr == "" {
			return fmt.Errorf("port %q: label required in English and French", p.ID)
		}
		seen[p.ID] = true
	}
	fields := map[string]*Field{}
	for i := range s.Fields {
		f := &s.Fields[i]
		if !portName.MatchString(f.Name) || fields[f.Name] != nil {
			return fmt.Errorf("field %q: bad or duplicate name", f.Name)
		}
		known := false
		for _, t := range FieldTypes {
			known = known || t == f.Type
		}
		if !known {
			return fmt.Errorf("field %q: unknown type %q", f.Name, f.Type)
		}
		if f.Label.En == "" || f.Label.Fr == "" {
			return fmt.Errorf("field %q: label required in English and French", f.Name)
		}
		if f.Type == FEnum && len(f.Options) == 0 {
			return fmt.Errorf("field %q: enum without options", f.Name)
		}
		fields[f.Name] = f
	}
	for _, f := range s.Fields {
		if f.ShowIf != nil && fields[f.ShowIf.Field] == nil {
			return fmt.Errorf("field %q: show_if names unknown field %q", f.Name, f.ShowIf.Field)
		}
	}
	if s.PortsFrom != "" {
		pf := fields[s.PortsFrom]
		if pf == nil || (pf.Type != FBranches && pf.Type != FCases) {
			return fmt.Errorf("ports_from %q must name a branches or cases field", s.PortsFrom)
		}
	}
	return nil
}

// Lookup returns the spec of a node type.
func (r *Registry) Lookup(typ string) (*Spec, bool) {
	s, ok := r.byType[typ]
	return s, ok
}

// Specs returns the catalogue in palette order.
func (r *Registry) Specs() []*Spec { return r.sorted }

// Catalogue returns a copy of the specs for the UI.
func (r *Registry) Catalogue() []Spec {
	out := make([]Spec, len(r.sorted))
	for i, s := range r.sorted {
		out[i] = *s
		out[i].exec, out[i].match = nil, nil
		if out[i].Fields == nil {
			out[i].Fields = []Field{}
		}
		if out[i].Ports == nil {
			out[i].Ports = []Port{}
		}
	}
	return out
}
