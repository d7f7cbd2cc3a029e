package mail

import (
	"errors"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/osteele/liquid"
	"github.com/osteele/liquid/render"
)

// spanRE finds Liquid objects ({{ … }}) and tags ({% name … %}) exactly as
// the osteele/liquid scanner does with its default delimiters, so that our
// source rewriting and the parser agree on what is Liquid and what is text.
// Submatches: 1 object expression; 2 tag name; 3 tag arguments.
var spanRE = regexp.MustCompile(`{{-?\s*(.+?)\s*-?}}|{%-?\s*(\w+)(?:\s+((?:[^%]|%[^}])+?))?\s*-?%}`)

// span is one Liquid object or tag in a template source.
type span struct {
	start, end int    // byte offsets of the whole span
	expr       string // object expression ("" for a tag)
	exprEnd    int    // offset just after the expression, for an object
	tag        string // tag name ("" for an object)
	args       string // tag arguments
	inRaw      bool   // inside {% raw %} or {% comment %}: not Liquid to the parser
}

func (s span) isObject() bool { return s.tag == "" }

// spans lists the Liquid spans of src in order, marking those inside raw
// blocks (output verbatim) and comments (ignored), which the parser does
// not read as Liquid.
func spans(src string) []span {
	ms := spanRE.FindAllStringSubmatchIndex(src, -1)
	if len(ms) == 0 {
		return nil
	}
	out := make([]span, 0, len(ms))
	inert := "" // the end tag that closes the current raw or comment block
	for _, m := range ms {
		s := span{start: m[0], end: m[1]}
		if m[2] >= 0 {
			s.expr, s.exprEnd = src[m[2]:m[3]], m[3]
		} else {
			s.tag = src[m[4]:m[5]]
			if m[6] >= 0 {
				s.args = strings.TrimSpace(src[m[6]:m[7]])
			}
		}
		switch {
		case inert != "" && s.tag == inert:
			inert = ""
		case inert != "":
			s.inRaw = true
		case s.tag == "raw" || s.tag == "comment":
			inert = "end" + s.tag
		}
		out = append(out, s)
	}
	return out
}

// Names of the filters the HTML pass adds. They are ordinary filters, so a
// template may use them too.
const (
	filterAutoEscape = "html_autoescape"
	filterSafe       = "html_safe"
)

var captureVarRE = regexp.MustCompile(`^[A-Za-z_][\w-]*$`)

// autoEscapeSource rewrites an HTML template so that every {{ output }} is
// HTML-escaped after its filters ran, the way html/template works: values stay
// raw for comparisons, `size`, `truncate` and `default`, and only the text
// written into the page is escaped. `| raw` (and `escape`, and a capture,
// whose content is already escaped) produce a safe value that is not escaped
// twice. Line numbers do not change: nothing is inserted but filters and tags
// on the same line.
func autoEscapeSource(src string) string {
	ss := spans(src)
	if len(ss) == 0 {
		return src
	}
	var b strings.Builder
	b.Grow(len(src) + len(ss)*len(" | "+filterAutoEscape))
	last := 0
	var captures []string
	for _, s := range ss {
		if s.inRaw {
			continue
		}
		switch {
		case s.isObject() && booleanExprRE.MatchString(stringLitRE.ReplaceAllString(s.expr, `""`)):
			// A comparison writes true or false, nothing to escape; and a
			// filter after one is a syntax error to Liquid.
		case s.isObject():
			b.WriteString(src[last:s.exprEnd])
			b.WriteString(" | " + filterAutoEscape)
			last = s.exprEnd
		case s.tag == "capture":
			captures = append(captures, s.args)
		case s.tag == "endcapture" && len(captures) > 0:
			name := captures[len(captures)-1]
			captures = captures[:len(captures)-1]
			if captureVarRE.MatchString(name) {
				b.WriteString(src[last:s.end])
				fmt.Fprintf(&b, "{%% assign %s = %s | %s %%}", name, name, filterSafe)
				last = s.end
			}
		}
	}
	b.WriteString(src[last:])
	return b.String()
}

// stringLitRE finds Liquid string literals, and booleanExprRE an operator
// outside them (words only between spaces: contact.terms-and-more is a
// field): an output with one renders true or false.
var (
	stringLitRE   = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	booleanExprRE = regexp.MustCompile(`[<>=!]|(?:^|\s)(?:contains|and|or)(?:\s|$)`)
)

// safeHTML is a value the HTML pass must not escape again.
type safeHTML string

// liquidString formats a value the way Liquid writes it into output, so
// escaping a value does not change how it reads.
func liquidString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case safeHTML:
		return string(v)
	case time.Time:
		return v.Format("2006-01-02 15:04:05 -0700")
	case []byte:
		return string(v)
	case fmt.Stringer:
		return v.String()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Slice:
		var b strings.Builder
		for i := 0; i < rv.Len(); i++ {
			b.WriteString(liquidString(rv.Index(i).Interface()))
		}
		return b.String()
	case reflect.Pointer:
		if rv.IsNil() {
			return ""
		}
		return liquidString(rv.Elem().Interface())
	}
	return fmt.Sprint(v)
}

func escapeValue(v any) any {
	if s, ok := v.(safeHTML); ok {
		return string(s)
	}
	return html.EscapeString(liquidString(v))
}

// newEngines returns the Liquid engine for subjects and text parts (values
// written as they are) and the one for HTML parts (with the escaping filters
// and an `escape` that marks its result safe).
func newEngines() (text, htmlEng *liquid.Engine) {
	defer func() {
		// Liquid's include reads any file on this machine (paths are
		// relative to the working directory, ".." allowed): an imported
		// template could mail out a private file, or hang on /dev/zero.
		noInclude := func(render.Context) (string, error) { return "", errNoInclude }
		text.RegisterTag("include", noInclude)
		htmlEng.RegisterTag("include", noInclude)
	}()
	text = liquid.NewEngine()
	text.RegisterFilter("raw", func(v any) any { return v })
	text.RegisterFilter(filterSafe, func(v any) any { return v })

	htmlEng = liquid.NewEngine()
	htmlEng.RegisterFilter(filterAutoEscape, escapeValue)
	htmlEng.RegisterFilter("raw", func(v any) safeHTML { return safeHTML(liquidString(v)) })
	htmlEng.RegisterFilter(filterSafe, func(v any) safeHTML { return safeHTML(liquidString(v)) })
	htmlEng.RegisterFilter("escape", func(v any) safeHTML { return safeHTML(html.EscapeString(liquidString(v))) })
	htmlEng.RegisterFilter("escape_once", func(v any) safeHTML {
		return safeHTML(html.EscapeString(html.UnescapeString(liquidString(v))))
	})
	return text, htmlEng
}

// parseLiquid parses a template source whose first line is line. The
// library panics on some inputs (an integer literal too large for 64 bits):
// that becomes an error too, so one template cannot stop delivery.
func parseLiquid(eng *liquid.Engine, src string, line int) (tpl *liquid.Template, err error) {
	defer func() {
		if p := recover(); p != nil {
			tpl, err = nil, fmt.Errorf("Liquid cannot read this template: %v", p)
		}
	}()
	t, serr := eng.ParseTemplateLocation([]byte(src), "", line)
	if serr != nil {
		return nil, serr
	}
	return t, nil
}

// safeRender runs render, turning a panic of the library into an error.
func safeRender(render func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("Liquid failed on this template: %v", p)
		}
	}()
	return render()
}

// errNoInclude is the error of {% include %}, which email templates do not have.
var errNoInclude = errors.New("include is not available in email templates: paste the content, or use a block")

// liquidError splits a Liquid error into its line (relative to the part)
// and a message without the library's "Liquid error (line N):" prefix.
func liquidError(err error) (int, string) {
	line := 0
	if se, ok := err.(interface{ LineNumber() int }); ok {
		line = se.LineNumber()
	}
	msg := err.Error()
	if i := strings.Index(msg, "): "); strings.HasPrefix(msg, "Liquid error") && i > 0 {
		msg = msg[i+3:]
	} else {
		msg = strings.TrimPrefix(msg, "Liquid error: ")
	}
	// Our own filter is an implementation detail; do not show it.
	msg = strings.ReplaceAll(msg, " | "+filterAutoEscape, "")
	return line, msg
}
