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
	// Frames group steps into named boxes on the canvas; the engine ignores them.
	Frames []Frame `json:"frames,omitempty"`
	// Direction is how the canvas lays the funnel out: DirectionDown (the
	// default, written as nothing) or DirectionRight. It lives in the file,
	// not in the viewer's preferences, because the positions saved beside it
	// were laid out for it: a colleague who imports the file gets the links
	// leaving the sides the steps were placed for.
	Direction string `json:"direction,omitempty"`
}

// Layout directions of a funnel on the canvas.
const (
	DirectionDown  = "down"  // top-down: links leave a step's bottom edge (the default)
	DirectionRight = "right" // left-to-right: links leave a step's right edge
)

// Frame is a named box drawn behind a group of steps ("Lesson 1–5"). A
// collapsed frame is drawn as one card in their place. The engine ignores it.
type Frame struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Nodes     []string `json:"nodes"`
	Collapsed bool     `json:"collapsed,omitempty"`
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
	if err := f.checkCanvas(name, data); err != nil {
		return nil, err
	}
	return &f, nil
}

// checkCanvas refuses a direction that is not one of the two, and a frame
// without an id, with an id used twice, naming a step the flow does not
// have or a step another frame already holds, each at its place in the file.
func (f *Flow) checkCanvas(name string, data []byte) error {
	if f.Direction != "" && f.Direction != DirectionDown && f.Direction != DirectionRight {
		return f.errAt(name, data, `"direction"`, 0, fmt.Sprintf("direction %q: expected %q or %q", f.Direction, DirectionDown, DirectionRight))
	}
	steps := make(map[string]bool, len(f.Nodes))
	for _, n := range f.Nodes {
		steps[n.ID] = true
	}
	frameIDs := map[string]bool{}
	holder := map[string]string{}
	// Each frame's and each member's place is searched from the previous
	// one onwards, so a repeated id points at the right occurrence.
	from := bytes.Index(data, []byte(`"frames"`))
	for i, fr := range f.Frames {
		at := from
		if fr.ID == "" {
			return f.errAt(name, data, `"id"`, at, fmt.Sprintf("frames[%d]: a frame needs an id", i))
		}
		if k := indexFrom(data, jsonString(fr.ID), from); k >= 0 {
			at = k
			from = k
		}
		if frameIDs[fr.ID] {
			return f.errAt(name, data, jsonString(fr.ID), at, fmt.Sprintf("frame %q: the id is used by another frame", fr.ID))
		}
		frameIDs[fr.ID] = true
		for _, id := range fr.Nodes {
			if k := indexFrom(data, jsonString(id), from); k >= 0 {
				from = k
			}
			if !steps[id] {
				return f.errAt(name, data, jsonString(id), from, fmt.Sprintf("frame %q: there is no step %q in this flow", fr.ID, id))
			}
			if other, ok := holder[id]; ok {
				return f.errAt(name, data, jsonString(id), from, fmt.Sprintf("frame %q: step %q is already in frame %q", fr.ID, id, other))
			}
			holder[id] = fr.ID
		}
	}
	return nil
}

// errAt is a SyntaxError at the first occurrence of needle at or after from
// (the start of the file when it is not found there).
func (f *Flow) errAt(name string, data []byte, needle string, from int, msg string) error {
	off := indexFrom(data, needle, max(from, 0))
	if off < 0 {
		off = 0
	}
	l, c := lineCol(data, off)
	return &SyntaxError{File: name, Line: l, Column: c, Msg: msg}
}

func indexFrom(data []byte, needle string, from int) int {
	if from < 0 || from > len(data) {
		return -1
	}
	k := bytes.Index(data[from:], []byte(needle))
	if k < 0 {
		return -1
	}
	return from + k
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
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
	if f.Direction == DirectionDown {
		f.Direction = ""
	}
	for i := range f.Frames {
		if f.Frames[i].Nodes == nil {
			f.Frames[i].Nodes = []string{}
		}
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
	c.Frames = keptFrames(c.Frames, c.Nodes)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return nil, fmt.Errorf("flow %q: %w", f.ID, err)
	}
	return buf.Bytes(), nil
}

// keptFrames is the frames as a file keeps them: a step deleted since is
// dropped from its frame, a frame left with no step goes, and a step or
// frame id met a second time is dropped, so a saved draft always reads back
// (Parse refuses those in a file written by hand).
func keptFrames(frames []Frame, nodes []Node) []Frame {
	if len(frames) == 0 {
		return frames
	}
	steps := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		steps[n.ID] = true
	}
	held := map[string]bool{}
	ids := map[string]bool{}
	var out []Frame
	for _, fr := range frames {
		if fr.ID == "" || ids[fr.ID] {
			continue
		}
		members := []string{}
		for _, id := range fr.Nodes {
			if steps[id] && !held[id] {
				held[id] = true
				members = append(members, id)
			}
		}
		if len(members) == 0 {
			continue
		}
		ids[fr.ID] = true
		fr.Nodes = members
		out = append(out, fr)
	}
	return out
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
