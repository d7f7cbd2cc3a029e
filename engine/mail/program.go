package mail

import (
	"bytes"
	"html"
	"reflect"
	"regexp"
	"strings"

	"github.com/osteele/liquid"
)

// A program is a compiled template split into literal text, simple outputs
// ({{ contact.first_name }}, optionally `| default: "text"`) that Go
// evaluates directly, and Liquid sections (a block tag with its body, or
// an output with other filters) that the Liquid engine renders.
//
// Why: osteele/liquid spends about 2 µs per output (a fresh context per
// evaluation, filters called through reflection), so a typical email with
// ten merge fields cost 50 µs to render. Most outputs are plain field
// look-ups; doing those in Go brings a render to a few microseconds while
// every construct Liquid owns still goes through Liquid. Templates whose
// parts share state or whitespace control across the split (assign,
// capture, increment, cycle, trim markers) are not split at all.
type program struct {
	segs []segment
}

type segKind uint8

const (
	segText segKind = iota
	segVar
	segLiquid
)

type segment struct {
	kind   segKind
	text   string   // segText
	path   []string // segVar
	def    string   // segVar: the default literal
	hasDef bool
	tpl    *liquid.Template // segLiquid; for segVar the fallback when Go cannot resolve the path
}

// simpleOutputRE matches a variable path with an optional string default.
var simpleOutputRE = regexp.MustCompile(`^([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)(?:\s*\|\s*default\s*:\s*(?:"([^"]*)"|'([^']*)'))?$`)

// Block tags whose body can be handed to Liquid as one section, and the
// clause tags allowed inside them.
var (
	sectionBlocks = map[string]bool{"if": true, "unless": true, "case": true, "for": true, "tablerow": true, "comment": true, "raw": true}
	sectionInner  = map[string]bool{"else": true, "elsif": true, "when": true, "break": true, "continue": true}
)

// compileProgram splits src. It returns nil when src must be rendered by
// Liquid as a whole. escape selects the HTML pass (outputs escaped).
func compileProgram(eng *liquid.Engine, src string, escape bool) (*program, error) {
	ss := spans(src)
	for _, s := range ss {
		if s.inRaw {
			continue
		}
		text := src[s.start:s.end]
		if strings.HasPrefix(text[2:], "-") || text[len(text)-3] == '-' {
			return nil, nil // whitespace control reaches across segments
		}
		if s.tag != "" && !sectionBlocks[s.tag] && !sectionInner[s.tag] &&
			!(strings.HasPrefix(s.tag, "end") && sectionBlocks[s.tag[3:]]) {
			return nil, nil // assign, capture, cycle…: state shared across the template
		}
	}
	p := &program{}
	last := 0
	depth, secStart := 0, 0
	addLiquid := func(start, end int) error {
		part := src[start:end]
		if escape {
			part = autoEscapeSource(part)
		}
		tpl, err := parseLiquid(eng, part, 1+strings.Count(src[:start], "\n"))
		if err != nil {
			return err
		}
		p.segs = append(p.segs, segment{kind: segLiquid, tpl: tpl})
		return nil
	}
	for _, s := range ss {
		if s.inRaw {
			continue
		}
		if depth > 0 {
			switch {
			case sectionBlocks[s.tag]:
				depth++
			case strings.HasPrefix(s.tag, "end") && sectionBlocks[s.tag[3:]]:
				depth--
			}
			if depth == 0 {
				if err := addLiquid(secStart, s.end); err != nil {
					return nil, err
				}
				last = s.end
			}
			continue
		}
		if s.start > last {
			p.segs = append(p.segs, segment{kind: segText, text: src[last:s.start]})
		}
		last = s.end
		switch {
		case sectionBlocks[s.tag]:
			depth, secStart = 1, s.start
		case s.tag != "":
			// A clause or end tag at the top level is a syntax error that
			// the whole-template parse has already reported.
			return nil, nil
		default:
			if seg, ok := simpleOutput(s.expr); ok {
				if err := addLiquid(s.start, s.end); err != nil {
					return nil, err
				}
				seg.tpl = p.segs[len(p.segs)-1].tpl
				p.segs[len(p.segs)-1] = seg
			} else if err := addLiquid(s.start, s.end); err != nil {
				return nil, err
			}
		}
	}
	if depth > 0 {
		return nil, nil
	}
	if last < len(src) {
		p.segs = append(p.segs, segment{kind: segText, text: src[last:]})
	}
	return p, nil
}

func simpleOutput(expr string) (segment, bool) {
	m := simpleOutputRE.FindStringSubmatch(strings.TrimSpace(expr))
	if m == nil {
		return segment{}, false
	}
	path := strings.Split(m[1], ".")
	if liquidKeywords[path[0]] {
		return segment{}, false // true, nil, empty… are literals
	}
	for _, p := range path[1:] {
		if liquidProps[p] {
			return segment{}, false // size, first, last are Liquid's own
		}
	}
	seg := segment{kind: segVar, path: path}
	if strings.Contains(m[0], "|") {
		seg.hasDef = true
		seg.def = m[2] + m[3]
	}
	return seg, true
}

// lookup resolves path in the bindings the way Liquid does for maps. ok is
// false when the path reaches something that is not a map[string]any (a
// struct, a drop…): Liquid then renders that output.
func lookup(b map[string]any, path []string) (v any, ok bool) {
	var cur any = b
	for _, key := range path {
		switch m := cur.(type) {
		case map[string]any:
			cur = m[key]
		case nil:
			return nil, true
		default:
			return nil, false
		}
	}
	if _, drop := cur.(interface{ ToLiquid() any }); drop {
		return nil, false
	}
	return cur, true
}

// isEmpty is Liquid's emptiness for the default filter.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case []string:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return r.Len() == 0
	}
	return false
}

func (p *program) render(buf *bytes.Buffer, b map[string]any, escape bool) error {
	for i := range p.segs {
		s := &p.segs[i]
		switch s.kind {
		case segText:
			buf.WriteString(s.text)
		case segVar:
			v, ok := lookup(b, s.path)
			if !ok {
				if err := s.tpl.FRender(buf, b); err != nil {
					return err
				}
				continue
			}
			var out string
			if s.hasDef && isEmpty(v) {
				out = s.def
			} else {
				out = liquidString(v)
			}
			if escape {
				out = html.EscapeString(out)
			}
			buf.WriteString(out)
		case segLiquid:
			if err := s.tpl.FRender(buf, b); err != nil {
				return err
			}
		}
	}
	return nil
}
