package nodes

import (
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

// Config reads a node's config values with the spec's defaults applied.
type Config struct {
	raw  map[string]any
	spec *Spec
	lang string
}

// ConfigOf wraps a node's config.
func ConfigOf(n *flow.Node, s *Spec) Config { return Config{raw: n.Config, spec: s} }

// In reads the defaults written in lang ("fr": Field.DefaultFr where a
// field has one).
func (c Config) In(lang string) Config { c.lang = lang; return c }

func (c Config) get(name string) (any, bool) {
	if v, ok := c.raw[name]; ok && v != nil {
		if s, isStr := v.(string); !isStr || s != "" {
			return v, true
		}
	}
	if c.spec != nil {
		if f := c.spec.Field(name); f != nil && f.Default != nil {
			if c.lang == "fr" && f.DefaultFr != nil {
				return f.DefaultFr, true
			}
			return f.Default, true
		}
	}
	return nil, false
}

// Has reports whether a value (or a default) is set.
func (c Config) Has(name string) bool { _, ok := c.get(name); return ok }

// String returns a string value ("" when unset).
func (c Config) String(name string) string {
	v, _ := c.get(name)
	return contact.ToString(v)
}

// Number returns a numeric value; ok is false when unset or not a number.
func (c Config) Number(name string) (float64, bool) {
	v, ok := c.get(name)
	if !ok {
		return 0, false
	}
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// Bool returns a boolean value.
func (c Config) Bool(name string) bool {
	v, _ := c.get(name)
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true" || x == "yes"
	}
	return false
}

// Duration returns a duration value.
func (c Config) Duration(name string) (time.Duration, error) {
	return flow.ParseDuration(c.String(name))
}

// Strings returns a list value.
func (c Config) Strings(name string) []string {
	v, _ := c.get(name)
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, contact.ToString(e))
		}
		return out
	case string:
		var out []string
		for _, p := range strings.Split(x, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return nil
}

// Map returns an object value as strings (filters).
func (c Config) Map(name string) map[string]string {
	v, _ := c.get(name)
	out := map[string]string{}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out[k] = contact.ToString(e)
		}
	case map[string]string:
		for k, e := range x {
			out[k] = e
		}
	}
	return out
}

// Any returns the raw value.
func (c Config) Any(name string) any { v, _ := c.get(name); return v }

// Branch is one arm of a random split.
type Branch struct {
	ID      string  `json:"id"`
	Label   string  `json:"label"`
	Percent float64 `json:"percent"`
}

// Branches reads a FBranches field.
func (c Config) Branches(name string) []Branch {
	v, _ := c.get(name)
	arr, _ := v.([]any)
	out := make([]Branch, 0, len(arr))
	for _, e := range arr {
		m, _ := e.(map[string]any)
		if m == nil {
			continue
		}
		b := Branch{ID: contact.ToString(m["id"]), Label: contact.ToString(m["label"])}
		switch p := m["percent"].(type) {
		case float64:
			b.Percent = p
		case string:
			b.Percent, _ = strconv.ParseFloat(p, 64)
		}
		out = append(out, b)
	}
	return out
}

// PortsOf returns every output port of a node: the spec's fixed ports plus
// one per branch or case when the spec derives ports from config.
func PortsOf(s *Spec, n *flow.Node) []Port {
	ports := append([]Port(nil), s.Ports...)
	if s.PortsFrom == "" {
		return ports
	}
	cfg := ConfigOf(n, s)
	f := s.Field(s.PortsFrom)
	switch f.Type {
	case FBranches:
		for _, b := range cfg.Branches(s.PortsFrom) {
			label := b.Label
			if label == "" {
				label = b.ID
			}
			l := Stepf("%s (%g%%)", label, b.Percent)
			ports = append(ports, Port{ID: b.ID, Label: T(l, l)})
		}
	case FCases:
		for _, v := range cfg.Strings(s.PortsFrom) {
			ports = append(ports, Port{ID: CasePort(v), Label: T(v, v)})
		}
	}
	return ports
}

// CasePort turns a case value into its port id.
func CasePort(v string) string {
	var b strings.Builder
	b.WriteString("case_")
	for _, r := range strings.ToLower(v) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
