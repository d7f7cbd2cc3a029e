// Package scripts is the library of Lua rules that ships with Flightplan:
// conditions, scoring rules and actions that users pick from, copy and adapt
// in the script editor. The files live next to this one; README.md is the
// reference of the Lua API they use (engine/script implements it).
//
// Each file starts with a comment header that this package parses:
//
//	-- Title: Hot lead: visited the pricing page
//	-- Kind: condition
//	-- Summary: Yes when the contact visited the pricing page ...
//	--   (continued on indented lines)
//	-- Params:
//	--   min_visits (number, default 2): visits needed
//	--   path (string, default /pricing): the page path prefix
//
// Param types are number, string, boolean and list (comma-separated in the
// header); a default of "none" means no default.
//
// The title, the summary and the params' help may follow in French, which
// the window shows when its language is French:
//
//	-- Title (fr): Prospect chaud : a visité la page des prix
//	-- Summary (fr): Oui quand le contact a visité la page des prix ...
//	-- Params (fr):
//	--   min_visits: visites nécessaires
package scripts

import (
	"embed"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

//go:embed *.lua README.md
var files embed.FS

// Script is one library rule.
type Script struct {
	Name    string // file name without .lua, e.g. "hot_lead_pricing"
	Kind    string // condition, score or action
	Title   string // short title for the palette
	Summary string // what it does, in plain words
	// TitleFr and SummaryFr are the same in French ("" when the header
	// has none: the window then shows the English ones).
	TitleFr   string
	SummaryFr string
	Params    []Param // in header order
	Source    string  // the Lua source, header included
}

// Param is a node parameter a script reads from `params`.
type Param struct {
	Name        string
	Type        string // number, string, boolean, list
	Default     any    // float64, string, bool, []any of strings, or nil
	Description string
	// DescriptionFr is Description in French, or "".
	DescriptionFr string `json:",omitempty"`
}

// Defaults returns the params' defaults, for a node that has not set them.
func (s Script) Defaults() map[string]any {
	out := map[string]any{}
	for _, p := range s.Params {
		if p.Default != nil {
			out[p.Name] = p.Default
		}
	}
	return out
}

// Kinds a library script may have.
var Kinds = []string{"condition", "score", "action"}

// All returns every library script, sorted by name. A file with a broken
// header panics: the library is compiled in, and its test keeps it valid.
func All() []Script {
	out, err := Load()
	if err != nil {
		panic(err)
	}
	return out
}

// Load is All with the error returned instead of a panic.
func Load() ([]Script, error) {
	entries, err := files.ReadDir(".")
	if err != nil {
		return nil, err
	}
	var out []Script
	for _, e := range entries {
		if path.Ext(e.Name()) != ".lua" {
			continue
		}
		b, err := files.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		s, err := Parse(strings.TrimSuffix(e.Name(), ".lua"), string(b))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// README returns the Lua API reference.
func README() string {
	b, _ := files.ReadFile("README.md")
	return string(b)
}

var (
	keyLine     = regexp.MustCompile(`^--\s?([A-Z][a-z]+)( \(fr\))?:\s*(.*)$`)
	paramLine   = regexp.MustCompile(`^--\s+([a-z_][a-z0-9_]*)\s+\((number|string|boolean|list),\s*default\s+(.*?)\):\s*(.+)$`)
	paramFrLine = regexp.MustCompile(`^--\s+([a-z_][a-z0-9_]*):\s*(.+)$`)
)

// Parse reads a script's header. Exported so the editor can show the same
// header for a user's own scripts.
func Parse(name, src string) (Script, error) {
	s := Script{Name: name, Source: src}
	section := ""
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, "--") {
			break // the header is the leading comment block
		}
		if m := keyLine.FindStringSubmatch(line); m != nil {
			section = m[1] + m[2]
			switch section {
			case "Title":
				s.Title = m[3]
			case "Title (fr)":
				s.TitleFr = m[3]
			case "Kind":
				s.Kind = m[3]
			case "Summary":
				s.Summary = m[3]
			case "Summary (fr)":
				s.SummaryFr = m[3]
			case "Params", "Params (fr)":
				if v := strings.TrimSpace(m[3]); v != "" && v != "none" {
					return s, fmt.Errorf("%s.lua:%d: params go on the lines below `-- %s:`", name, i+1, section)
				}
			}
			continue
		}
		switch section {
		case "Summary":
			if t := strings.TrimSpace(strings.TrimPrefix(line, "--")); t != "" {
				s.Summary += " " + t
			}
		case "Summary (fr)":
			if t := strings.TrimSpace(strings.TrimPrefix(line, "--")); t != "" {
				s.SummaryFr += " " + t
			}
		case "Params (fr)":
			if strings.TrimSpace(strings.TrimPrefix(line, "--")) == "" {
				continue
			}
			m := paramFrLine.FindStringSubmatch(line)
			if m == nil {
				return s, fmt.Errorf("%s.lua:%d: a French param line must read `--   name: description`", name, i+1)
			}
			j := slices.IndexFunc(s.Params, func(p Param) bool { return p.Name == m[1] })
			if j < 0 {
				return s, fmt.Errorf("%s.lua:%d: param %s is not in `-- Params:` above", name, i+1, m[1])
			}
			s.Params[j].DescriptionFr = m[2]
		case "Params":
			if strings.TrimSpace(strings.TrimPrefix(line, "--")) == "" {
				continue
			}
			m := paramLine.FindStringSubmatch(line)
			if m == nil {
				return s, fmt.Errorf("%s.lua:%d: param line must read `--   name (type, default value): description`", name, i+1)
			}
			p := Param{Name: m[1], Type: m[2], Description: m[4]}
			var err error
			if p.Default, err = parseDefault(m[2], strings.TrimSpace(m[3])); err != nil {
				return s, fmt.Errorf("%s.lua:%d: param %s: %v", name, i+1, p.Name, err)
			}
			s.Params = append(s.Params, p)
		}
	}
	switch {
	case s.Title == "":
		return s, fmt.Errorf("%s.lua: header has no `-- Title:`", name)
	case s.Summary == "":
		return s, fmt.Errorf("%s.lua: header has no `-- Summary:`", name)
	case !validKind(s.Kind):
		return s, fmt.Errorf("%s.lua: kind %q is not one of %s", name, s.Kind, strings.Join(Kinds, ", "))
	}
	return s, nil
}

func parseDefault(typ, v string) (any, error) {
	if v == "none" {
		return nil, nil
	}
	switch typ {
	case "number":
		return strconv.ParseFloat(v, 64)
	case "boolean":
		return strconv.ParseBool(v)
	case "list":
		var out []any
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
		return out, nil
	default:
		return v, nil
	}
}

func validKind(k string) bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}
