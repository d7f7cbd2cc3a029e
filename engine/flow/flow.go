// Package flow holds the funnel model — nodes, edges, settings — and its
// readable JSON file format (flightplan.flow/v1). The format is owned by the
// engine; the canvas converts to and from it.
package flow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Format is the value of the "format" key of every flow file this version reads and writes.
const Format = "flightplan.flow/v1"

// Re-entry rules: how often one contact may enter the same flow.
const (
	ReentryOnce      = "once"       // once ever, even after signing up again (welcome series)
	ReentryAlways    = "always"     // every time the trigger fires
	ReentryPerPeriod = "per_period" // at most once per Settings.ReentryPeriod
)

// Flow is one funnel: a graph of typed nodes joined by edges leaving named ports.
type Flow struct {
	Format      string   `json:"format"`
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Settings    Settings `json:"settings"`
	Nodes       []Node   `json:"nodes"`
	Edges       []Edge   `json:"edges"`
	Notes       []Note   `json:"notes,omitempty"`
}

// Settings are flow-wide rules.
type Settings struct {
	// Reentry is one of ReentryOnce, ReentryAlways, ReentryPerPeriod.
	Reentry string `json:"reentry"`
	// ReentryPeriod is a duration ("30d") used with ReentryPerPeriod.
	ReentryPeriod string `json:"reentry_period,omitempty"`
	// Timezone is the default for contacts without one (IANA name).
	Timezone string `json:"timezone,omitempty"`
	// ExitOn lists event types that remove a contact from the flow wherever it is
	// (e.g. "purchase" for an abandoned-cart funnel).
	ExitOn []string `json:"exit_on,omitempty"`
}

// Node is one step on the canvas. Config keys are the field names of the node
// type's spec.
type Node struct {
	ID       string         `json:"id"`
	Type     string         `json:"type"`
	Label    string         `json:"label,omitempty"`
	Config   map[string]any `json:"config,omitempty"`
	Position *Position      `json:"position,omitempty"`
}

// Position is where a node sits on the canvas.
type Position struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Edge joins the output port Port of node From to node To. An empty Port is the
// node's single default output ("next").
type Edge struct {
	From string `json:"from"`
	Port string `json:"port,omitempty"`
	To   string `json:"to"`
}

// Note is a sticky note on the canvas; the engine ignores it.
type Note struct {
	ID       string    `json:"id"`
	Text     string    `json:"text"`
	Position *Position `json:"position,omitempty"`
	Color    string    `json:"color,omitempty"`
}

// DefaultPort is the port name of a node's single output.
const DefaultPort = "next"

// PortOf returns the edge's port with the empty value read as DefaultPort.
func (e Edge) PortOf() string {
	if e.Port == "" {
		return DefaultPort
	}
	return e.Port
}

// Node returns the node with the given id, or nil.
func (f *Flow) Node(id string) *Node {
	for i := range f.Nodes {
		if f.Nodes[i].ID == id {
			return &f.Nodes[i]
		}
	}
	return nil
}

// Next returns the node id reached from node id through port, or "".
func (f *Flow) Next(id, port string) string {
	for _, e := range f.Edges {
		if e.From == id && e.PortOf() == port {
			return e.To
		}
	}
	return ""
}

// SyntaxError is a malformed flow file, with the position of the problem.
type SyntaxError struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	name := e.File
	if name == "" {
		name = "flow"
	}
	return fmt.Sprintf("%s:%d:%d: %s", name, e.Line, e.Column, e.Msg)
}

// Parse reads a flow file. Syntax and type errors carry the line and column;
// unknown top-level keys are refused so a typo is not silently lost.
func Parse(name string, data []byte) (*Flow, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f Flow
	if err := dec.Decode(&f); err != nil {
		return nil, positioned(name, data, err)
	}
	if dec.More() {
		off := int(dec.InputOffset())
		l, c := lineCol(data, off)
		return nil, &SyntaxError{File: name, Line: l, Column: c, Msg: "unexpected data after the flow object"}
	}
	if f.Format == "" {
		return nil, &SyntaxError{File: name, Line: 1, Column: 1, Msg: fmt.Sprintf("missing \"format\": expected %q", Format)}
	}
	if f.Format != Format {
		return nil, &SyntaxError{File: name, Line: 1, Column: 1, Msg: fmt.Sprintf("format %q is not supported by this version (expected %q)", f.Format, Format)}
	}
	f.normalize()
	return &f, nil
}

func (f *Flow) normalize() {
	if f.Nodes == nil {
		f.Nodes = []Node{}
	}
	if f.Edges == nil {
		f.Edges = []Edge{}
	}
	if f.Settings.Reentry == "" {
		f.Settings.Reentry = ReentryOnce
	}
	for i := range f.Edges {
		if f.Edges[i].Port == DefaultPort {
			f.Edges[i].Port = ""
		}
	}
	for i := range f.Nodes {
		upgradeScoreCheck(&f.Nodes[i])
	}
}

// upgradeScoreCheck reads a score check written before temperature and
// stage had fields of their own ("metric": "temperature", "value": "hot"):
// the wanted temperature or stage moves to its field, where the inspector
// shows it as a choice.
func upgradeScoreCheck(n *Node) {
	if n.Type != "condition.score" || n.Config == nil {
		return
	}
	m, _ := n.Config["metric"].(string)
	if m != "temperature" && m != "stage" {
		return
	}
	if v, ok := n.Config["value"]; ok {
		if _, has := n.Config[m]; !has {
			n.Config[m] = v
		}
		delete(n.Config, "value")
	}
}

// Marshal writes the flow in its canonical, diff-friendly form: two-space
// indent, keys in a fixed order, a trailing newline. Parse(Marshal(f)) == f.
func Marshal(f *Flow) ([]byte, error) {
	c := *f
	c.Format = Format
	c.normalize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return nil, fmt.Errorf("flow %q: %w", f.ID, err)
	}
	return buf.Bytes(), nil
}

// New returns an empty flow with default settings.
func New(id, name string) *Flow {
	f := &Flow{Format: Format, ID: id, Name: name}
	f.normalize()
	return f
}

func positioned(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		l, c := lineCol(data, int(se.Offset))
		return &SyntaxError{File: name, Line: l, Column: c, Msg: se.Error()}
	case errors.As(err, &te):
		l, c := lineCol(data, int(te.Offset))
		return &SyntaxError{File: name, Line: l, Column: c, Msg: fmt.Sprintf("%s: expected %s, found JSON %s", te.Field, te.Type, te.Value)}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || strings.Contains(err.Error(), "unexpected EOF"):
		l, c := lineCol(data, len(data))
		return &SyntaxError{File: name, Line: l, Column: c, Msg: "the file ends before the flow is complete"}
	default:
		// DisallowUnknownFields reports `json: unknown field "x"` with no offset: find it.
		msg := err.Error()
		if i := strings.Index(msg, "unknown field "); i >= 0 {
			field := strings.Trim(msg[i+len("unknown field "):], `"`)
			off := bytes.Index(data, []byte(`"`+field+`"`))
			l, c := lineCol(data, max(off, 0))
			return &SyntaxError{File: name, Line: l, Column: c, Msg: fmt.Sprintf("unknown key %q", field)}
		}
		return &SyntaxError{File: name, Line: 1, Column: 1, Msg: msg}
	}
}

func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
