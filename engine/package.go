package engine

// A packaged funnel: one file holding a funnel with the emails, scripts,
// segments, lists, tags and custom fields it names, so that it imports
// complete into another workspace, and an import that says what it
// brought and what it could not.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/scripts"
)

// PackageFormat names a packaged funnel's format.
const PackageFormat = "flightplan.package/v1"

// PackageExt is a packaged funnel's file extension.
const PackageExt = ".flightplan-funnel"

// Package is a funnel with what it needs from its workspace. Tags need
// nothing created: they are listed so the import can say they are used.
type Package struct {
	Format   string              `json:"format"`
	Flow     json.RawMessage     `json:"flow"`
	Emails   []PackagedEmail     `json:"emails"`
	Scripts  []PackagedScript    `json:"scripts"`
	Segments []contacts.Segment  `json:"segments"`
	Lists    []string            `json:"lists"`
	Tags     []string            `json:"tags"`
	Fields   []contacts.FieldDef `json:"fields"`
}

// PackagedEmail is an email as the workspace stores it: its body is the
// template JSON (subject, blocks or HTML…).
type PackagedEmail struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	Body json.RawMessage `json:"body"`
}

// PackagedScript is one of the workspace's own Lua scripts (the shipped
// library's are in every workspace and are not packaged).
type PackagedScript struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Source string `json:"source"`
}

// Kinds of the things a package brings (PackageItem.Kind).
const (
	ItemEmail   = "email"
	ItemScript  = "script"
	ItemSegment = "segment"
	ItemList    = "list"
	ItemTag     = "tag"
	ItemField   = "field"
	ItemFunnel  = "funnel"
)

// PackageItem is one thing a package brought, or one the funnel names
// that neither the package nor the workspace has.
type PackageItem struct {
	Kind string `json:"kind"`
	// Name is what the user calls it (an email's name, a list's name).
	Name string `json:"name"`
	// Note says what the import did: "new", "same" (the workspace had it
	// already, identical), or "renamed" (the workspace had another one
	// under that id: the package's came in as ID and the funnel uses it).
	Note string `json:"note,omitempty"`
	ID   string `json:"id,omitempty"`
}

// PackageReport is what an import did.
type PackageReport struct {
	Flow FlowDoc `json:"flow"`
	// Brought lists what the package brought; Missing what the funnel
	// names and the workspace still lacks after the import.
	Brought []PackageItem `json:"brought"`
	Missing []PackageItem `json:"missing"`
	// OK is true when the funnel has no error: it can be published.
	OK bool `json:"ok"`
}

// refs are the names a flow's steps give, by kind.
type refs map[nodes.FieldType]map[string]bool

// flowRefs collects what a flow's steps name, by the type of the field.
func (e *Engine) flowRefs(f *flow.Flow) refs {
	out := refs{}
	for i := range f.Nodes {
		n := &f.Nodes[i]
		s, ok := e.Registry.Lookup(n.Type)
		if !ok {
			continue
		}
		cfg := nodes.ConfigOf(n, s)
		for _, fd := range s.Fields {
			switch fd.Type {
			case nodes.FTemplate, nodes.FList, nodes.FTag, nodes.FSegment, nodes.FScript, nodes.FField, nodes.FFlow:
			default:
				continue
			}
			if out[fd.Type] == nil {
				out[fd.Type] = map[string]bool{}
			}
			if v := strings.TrimSpace(cfg.String(fd.Name)); v != "" {
				out[fd.Type][v] = true
			}
			for _, v := range cfg.Strings(fd.Name) {
				if v = strings.TrimSpace(v); v != "" {
					out[fd.Type][v] = true
				}
			}
		}
	}
	return out
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PackageFunnel writes a funnel's draft with the emails, scripts,
// segments, lists, tags and custom fields its steps name, as one JSON
// file. Something a step names that the workspace does not have is an
// error naming the step's reference: a package that would import
// incomplete is not written.
func (e *Engine) PackageFunnel(ctx context.Context, id string) ([]byte, error) {
	f, _, err := e.Store.Flow(id)
	if err != nil {
		return nil, err
	}
	text, err := flow.Marshal(f)
	if err != nil {
		return nil, err
	}
	p := Package{Format: PackageFormat, Flow: text, Emails: []PackagedEmail{}, Scripts: []PackagedScript{},
		Segments: []contacts.Segment{}, Lists: []string{}, Tags: []string{}, Fields: []contacts.FieldDef{}}
	r := e.flowRefs(f)
	var lacking []string
	for _, tid := range sorted(r[nodes.FTemplate]) {
		t, err := e.Store.Template(tid)
		if err != nil {
			lacking = append(lacking, fmt.Sprintf("email %q", tid))
			continue
		}
		p.Emails = append(p.Emails, PackagedEmail{ID: t.ID, Name: t.Name, Body: json.RawMessage(t.Body)})
	}
	own, err := e.Store.Scripts(ctx)
	if err != nil {
		return nil, err
	}
	for _, name := range sorted(r[nodes.FScript]) {
		found := false
		for _, s := range own {
			if s.Name == name {
				p.Scripts, found = append(p.Scripts, PackagedScript{Name: s.Name, Kind: s.Kind, Source: s.Source}), true
			}
		}
		if !found && !libraryScript(name) {
			lacking = append(lacking, fmt.Sprintf("script %q", name))
		}
	}
	fields := map[string]bool{}
	for k := range r[nodes.FField] {
		fields[k] = true
	}
	for _, sid := range sorted(r[nodes.FSegment]) {
		seg, err := contacts.LoadSegment(ctx, e.Store, sid)
		if err != nil {
			lacking = append(lacking, fmt.Sprintf("segment %q", sid))
			continue
		}
		segmentFields(*seg, fields)
		p.Segments = append(p.Segments, *seg)
	}
	p.Lists, p.Tags = sorted(r[nodes.FList]), sorted(r[nodes.FTag])
	defs, err := contacts.Fields(ctx, e.Store)
	if err != nil {
		return nil, err
	}
	for _, d := range defs {
		if fields[d.Name] && !d.Identity {
			p.Fields = append(p.Fields, d)
		}
	}
	if len(lacking) > 0 {
		return nil, fmt.Errorf("funnel %q names what this workspace does not have: %s; fix the funnel before packaging it", f.Name, strings.Join(lacking, ", "))
	}
	return json.MarshalIndent(p, "", "  ")
}

func libraryScript(name string) bool {
	for _, s := range scripts.All() {
		if s.Name == name {
			return true
		}
	}
	return false
}

// segmentFields adds the fields a segment's rules read.
func segmentFields(s contacts.Segment, into map[string]bool) {
	for _, r := range s.Rules {
		if r.Field != "" {
			into[r.Field] = true
		}
	}
	for _, g := range s.Groups {
		segmentFields(g, into)
	}
}

// IsPackage reports whether a file's text is a packaged funnel (and not a
// bare .flow.json).
func IsPackage(text string) bool {
	var head struct {
		Format string `json:"format"`
	}
	return json.Unmarshal([]byte(text), &head) == nil && head.Format == PackageFormat
}

// ImportPackage reads a packaged funnel into the workspace: its emails,
// scripts and segments (one the workspace holds under the same id but
// different is brought under a new id, and the funnel's steps follow it),
// its lists and custom fields, then the funnel as a new draft (renamed if
// its id is taken). The report lists what came in, and what the funnel
// still names that the workspace lacks, so that a package missing an email
// never reads as complete; the funnel's problems are in Flow.Issues.
func (e *Engine) ImportPackage(ctx context.Context, name, text string) (PackageReport, error) {
	var p Package
	if err := json.Unmarshal([]byte(text), &p); err != nil {
		return PackageReport{}, fmt.Errorf("%s: not a packaged funnel: %w", name, err)
	}
	if p.Format != PackageFormat {
		return PackageReport{}, fmt.Errorf("%s: format %q, want %q", name, p.Format, PackageFormat)
	}
	f, err := flow.Parse(name, p.Flow)
	if err != nil {
		return PackageReport{}, err
	}
	rep := PackageReport{Brought: []PackageItem{}, Missing: []PackageItem{}}
	now := e.Clock.Now()
	renamed := map[nodes.FieldType]map[string]string{}
	rename := func(t nodes.FieldType, from, to string) {
		if renamed[t] == nil {
			renamed[t] = map[string]string{}
		}
		renamed[t][from] = to
	}
	for _, m := range p.Emails {
		if m.ID == "" {
			return rep, fmt.Errorf("%s: an email has no id", name)
		}
		body := string(m.Body)
		id, note := m.ID, "new"
		if cur, err := e.Store.Template(m.ID); err == nil {
			if sameJSON(cur.Body, body) {
				note = "same"
			} else {
				id, note = e.freeID(m.ID, func(id string) bool { _, err := e.Store.Template(id); return err == nil }), "renamed"
				rename(nodes.FTemplate, m.ID, id)
			}
		}
		if note != "same" {
			if err := e.Store.SaveTemplate(id, m.Name, body, now); err != nil {
				return rep, fmt.Errorf("email %q: %w", m.Name, err)
			}
		}
		rep.Brought = append(rep.Brought, PackageItem{Kind: ItemEmail, Name: m.Name, Note: note, ID: id})
	}
	own, err := e.Store.Scripts(ctx)
	if err != nil {
		return rep, err
	}
	ownSrc := map[string]string{}
	for _, s := range own {
		ownSrc[s.Name] = s.Source
	}
	for _, s := range p.Scripts {
		id, note := s.Name, "new"
		if cur, ok := ownSrc[s.Name]; ok {
			if cur == s.Source {
				note = "same"
			} else {
				id, note = e.freeID(s.Name, func(id string) bool { _, ok := ownSrc[id]; return ok || libraryScript(id) }), "renamed"
				rename(nodes.FScript, s.Name, id)
			}
		}
		if note != "same" {
			if err := e.Store.SaveScript(ctx, id, s.Kind, s.Source, now); err != nil {
				return rep, fmt.Errorf("script %q: %w", s.Name, err)
			}
		}
		rep.Brought = append(rep.Brought, PackageItem{Kind: ItemScript, Name: s.Name, Note: note, ID: id})
	}
	// Fields before segments: a segment's rules are checked against them.
	for _, d := range p.Fields {
		note := "new"
		if cur, err := contacts.Fields(ctx, e.Store); err == nil {
			for _, c := range cur {
				if strings.EqualFold(c.Name, d.Name) {
					note = "same"
				}
			}
		}
		if note == "new" {
			if err := contacts.DefineField(ctx, e.Store, contacts.FieldDef{Name: d.Name, Type: d.Type, Label: d.Label, Options: d.Options}); err != nil {
				return rep, fmt.Errorf("field %q: %w", d.Name, err)
			}
		}
		rep.Brought = append(rep.Brought, PackageItem{Kind: ItemField, Name: d.Name, Note: note})
	}
	for _, s := range p.Segments {
		id, note := s.ID, "new"
		if cur, err := contacts.LoadSegment(ctx, e.Store, s.ID); err == nil && cur.ID == s.ID {
			a, _ := json.Marshal(segmentBody(*cur))
			b, _ := json.Marshal(segmentBody(s))
			if string(a) == string(b) {
				note = "same"
			} else {
				id, note = e.freeID(s.ID, func(id string) bool {
					c, err := contacts.LoadSegment(ctx, e.Store, id)
					return err == nil && c.ID == id
				}), "renamed"
				rename(nodes.FSegment, s.ID, id)
			}
		}
		if note != "same" {
			seg := s
			seg.ID = id
			if _, err := contacts.SaveSegment(ctx, e.Store, seg, now); err != nil {
				return rep, fmt.Errorf("segment %q: %w", s.Name, err)
			}
		}
		rep.Brought = append(rep.Brought, PackageItem{Kind: ItemSegment, Name: s.Name, Note: note, ID: id})
	}
	lists, err := e.Lookups()
	if err != nil {
		return rep, err
	}
	have := map[string]bool{}
	for _, l := range lists.Lists {
		have[strings.ToLower(l)] = true
	}
	for _, l := range p.Lists {
		note := "same"
		if !have[strings.ToLower(l)] {
			if _, err := e.Store.CreateList(ctx, l); err != nil {
				return rep, fmt.Errorf("list %q: %w", l, err)
			}
			note = "new"
		}
		rep.Brought = append(rep.Brought, PackageItem{Kind: ItemList, Name: l, Note: note})
	}
	for _, t := range p.Tags {
		rep.Brought = append(rep.Brought, PackageItem{Kind: ItemTag, Name: t, Note: "new"})
	}
	e.renameRefs(f, renamed)
	text2, err := flow.Marshal(f)
	if err != nil {
		return rep, err
	}
	doc, err := e.ImportFlow(name, string(text2))
	if err != nil {
		return rep, err
	}
	rep.Flow = doc
	rep.Missing, err = e.missingRefs(doc.Flow)
	if err != nil {
		return rep, err
	}
	rep.OK = !flow.HasErrors(doc.Issues) && len(rep.Missing) == 0
	return rep, nil
}

// segmentBody is a segment without what differs between workspaces.
func segmentBody(s contacts.Segment) contacts.Segment {
	s.ID, s.UpdatedAt = "", contacts.Segment{}.UpdatedAt
	return s
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

// freeID is id with the first "-N" suffix taken returns false for.
func (e *Engine) freeID(id string, taken func(string) bool) string {
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s-%d", id, i)
		if !taken(c) {
			return c
		}
	}
}

// renameRefs points the flow's steps at the ids their emails, scripts and
// segments came in under.
func (e *Engine) renameRefs(f *flow.Flow, renamed map[nodes.FieldType]map[string]string) {
	if len(renamed) == 0 {
		return
	}
	for i := range f.Nodes {
		n := &f.Nodes[i]
		s, ok := e.Registry.Lookup(n.Type)
		if !ok {
			continue
		}
		for _, fd := range s.Fields {
			m := renamed[fd.Type]
			if m == nil {
				continue
			}
			if v, ok := n.Config[fd.Name].(string); ok {
				if to, ok := m[v]; ok {
					n.Config[fd.Name] = to
				}
			}
		}
	}
}

// missingRefs lists what a flow's steps name that the workspace lacks:
// emails, scripts, segments, custom fields and other funnels (lists are
// made by the steps that add to them, tags by the steps that set them).
func (e *Engine) missingRefs(f *flow.Flow) ([]PackageItem, error) {
	ws, err := e.Workspace(f.ID)
	if err != nil {
		return nil, err
	}
	out := []PackageItem{}
	r := e.flowRefs(f)
	for _, id := range sorted(r[nodes.FTemplate]) {
		if _, ok := ws.Templates[id]; !ok {
			out = append(out, PackageItem{Kind: ItemEmail, Name: id, ID: id})
		}
	}
	for _, id := range sorted(r[nodes.FScript]) {
		if !ws.Scripts[id] {
			out = append(out, PackageItem{Kind: ItemScript, Name: id, ID: id})
		}
	}
	for _, id := range sorted(r[nodes.FSegment]) {
		if !ws.Segments[id] {
			out = append(out, PackageItem{Kind: ItemSegment, Name: id, ID: id})
		}
	}
	for _, id := range sorted(r[nodes.FField]) {
		if !ws.Fields[id] && !contact.IsIdentity(id) && id != "score" && id != "stage" && id != "temperature" {
			out = append(out, PackageItem{Kind: ItemField, Name: id, ID: id})
		}
	}
	for _, id := range sorted(r[nodes.FFlow]) {
		if ws.Flows[id] == nil {
			out = append(out, PackageItem{Kind: ItemFunnel, Name: id, ID: id})
		}
	}
	return out, nil
}
