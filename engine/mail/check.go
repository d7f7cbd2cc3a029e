package mail

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/osteele/liquid"
)

// Severity says whether a Problem stops the template (error) or only
// deserves a look (warning).
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is one finding of Check, shown in the template editor at its line.
type Problem struct {
	// Part is subject, preheader, html, text or blocks.
	Part string `json:"part"`
	// Line is 1-based within the part; for blocks it is the block's
	// position (1-based); 0 when it concerns the whole part.
	Line int `json:"line"`
	// Message says what is wrong, for the user.
	Message string `json:"message"`
	// Severity is error or warning.
	Severity Severity `json:"severity"`
	// Code names the problem for the window, which says it in the UI
	// language (emails.problem.<code>, with Params); Message is the same
	// problem in English, for the command line and the logs.
	Code string `json:"code"`
	// Params are the code's parameters, by name: {source} the Liquid
	// that cannot be read, {tag}, {name}, {field}, {url}, {type},
	// {count}; {suggest} the closest known name ("did you mean"), when
	// one is near; for a block inside columns, {block} is the top-level
	// block's position and {column} and {inner} say where inside it.
	Params map[string]string `json:"params,omitempty"`
}

// Problem codes the window translates (emails.problem.<code>).
const (
	CodeSubjectEmpty  = "subject_empty"
	CodeBodyEmpty     = "body_empty"
	CodeNoUnsubscribe = "no_unsubscribe"
	// CodeNoConfirmLink: a sign-up form ({form}) sends the email to
	// confirm addresses, and it has no {{ confirm_url }} link.
	CodeNoConfirmLink = "no_confirm_link"

	// Liquid that cannot be read: {source} is the tag or object.
	CodeLiquidUnclosed   = "liquid_unclosed"    // {tag} {source}: a block tag with no end tag
	CodeLiquidStray      = "liquid_stray"       // {tag} {source}: an end or else tag with no block open
	CodeLiquidUnknownTag = "liquid_unknown_tag" // {tag} {source}
	CodeLiquidSyntax     = "liquid_syntax"      // {source}
	CodeLiquidOther      = "liquid_other"       // a parser error of another kind (Message has its words)
	CodeNoInclude        = "no_include"

	// Names the template reads that do not exist; {suggest} when a close one does.
	CodeUnknownFilter   = "unknown_filter"   // {name}
	CodeUnknownVariable = "unknown_variable" // {name}
	CodeUnknownField    = "unknown_field"    // {field}

	// The block editor's blocks.
	CodeBlockEmpty       = "block_empty"
	CodeButtonNoLink     = "button_no_link"
	CodeButtonBadLink    = "button_bad_link" // {url}
	CodeButtonNoLabel    = "button_no_label"
	CodeImageNoSrc       = "image_no_src"
	CodeImageNoAlt       = "image_no_alt"
	CodeColumnsCount     = "columns_count"      // {count}
	CodeBlockUnknownType = "block_unknown_type" // {type}
)

// Roots a template may read, besides its own assigned variables.
var knownRoots = []string{"contact", "event", "extra", "unsubscribe_url", "confirm_url", "forloop", "tablerowloop"}

// StandardContactFields are the fields every contact has; Check adds them to
// the caller's custom fields.
var StandardContactFields = []string{"id", "email", "first_name", "last_name", "name", "phone", "fields",
	"lists", "tags", "score", "stage", "timezone", "language", "created_at", "updated_at"}

var liquidKeywords = map[string]bool{
	"and": true, "or": true, "not": true, "contains": true, "in": true, "reversed": true, "limit": true,
	"offset": true, "cols": true, "with": true, "by": true, "as": true, "true": true, "false": true,
	"nil": true, "null": true, "empty": true, "blank": true,
}

// Built-in properties Liquid gives every map and array.
var liquidProps = map[string]bool{"size": true, "first": true, "last": true}

var standardFilters = []string{"default", "json", "compact", "concat", "join", "map", "reverse", "sort",
	"first", "last", "uniq", "date", "abs", "ceil", "floor", "modulo", "minus", "plus", "times",
	"divided_by", "round", "size", "append", "capitalize", "downcase", "escape", "escape_once",
	"newline_to_br", "prepend", "remove", "remove_first", "replace", "replace_first", "sort_natural",
	"slice", "split", "strip_html", "strip_newlines", "strip", "lstrip", "rstrip", "truncate",
	"truncatewords", "upcase", "url_encode", "url_decode", "inspect", "type", "raw"}

// Check finds what would go wrong with t before anything is sent: Liquid
// syntax errors and unknown filters (errors, at their line), references to
// contact fields that are neither standard nor in knownFields, unknown
// variables, block-editor mistakes and a missing unsubscribe link
// (warnings). It never fails itself: problems are data.
func Check(t Template, knownFields []string) []Problem {
	text, htmlEng := newEngines()
	ck := checker{
		fields:  map[string]bool{},
		filters: map[string]bool{},
		eng:     text,
	}
	for _, f := range StandardContactFields {
		ck.fields[f] = true
	}
	for _, f := range knownFields {
		ck.fields[f] = true
	}
	if strings.TrimSpace(t.Subject) == "" {
		ck.addCode(PartSubject, SeverityWarning, CodeSubjectEmpty, "the subject is empty")
	}
	ck.part(text, PartSubject, t.Subject)
	ck.part(text, PartPreheader, t.Preheader)
	if len(t.Blocks) > 0 {
		ck.blocks(t.Blocks, nil)
	}
	body := htmlSource(&Template{HTML: t.HTML, Blocks: t.Blocks})
	if strings.TrimSpace(body) == "" {
		ck.addCode(PartHTML, SeverityError, CodeBodyEmpty, "the body is empty")
	}
	ck.part(htmlEng, PartHTML, body)
	ck.part(text, PartText, t.Text)
	const noUnsub = "no {{ unsubscribe_url }} link: marketing email must let the contact unsubscribe"
	if !strings.Contains(body, "unsubscribe_url") {
		ck.addCode(PartHTML, SeverityWarning, CodeNoUnsubscribe, noUnsub)
	}
	if t.Text != "" && !strings.Contains(t.Text, "unsubscribe_url") {
		ck.addCode(PartText, SeverityWarning, CodeNoUnsubscribe, noUnsub)
	}
	sort.SliceStable(ck.out, func(i, j int) bool {
		a, b := ck.out[i], ck.out[j]
		if a.Part != b.Part {
			return partOrder(a.Part) < partOrder(b.Part)
		}
		return a.Line < b.Line
	})
	return ck.out
}

// CheckConfirmation warns when t, which the sign-up form named form sends
// to confirm addresses, has no {{ confirm_url }}: nobody could confirm.
func CheckConfirmation(t Template, form string) []Problem {
	body := htmlSource(&Template{HTML: t.HTML, Blocks: t.Blocks})
	if strings.Contains(body, "confirm_url") || strings.Contains(t.Text, "confirm_url") {
		return nil
	}
	return []Problem{{Part: PartHTML, Severity: SeverityWarning, Code: CodeNoConfirmLink, Params: map[string]string{"form": form},
		Message: fmt.Sprintf("no {{ confirm_url }} link: the form %q sends this email to confirm addresses, and nobody could confirm", form)}}
}

func partOrder(p string) int {
	return slices.Index([]string{PartSubject, PartPreheader, PartBlocks, PartHTML, PartText}, p)
}

type checker struct {
	out     []Problem
	fields  map[string]bool
	filters map[string]bool // probed filter name → exists
	eng     *liquid.Engine
}

// add adds a problem at line of part, by its code and parameters
// (name, value pairs) and its English message.
func (c *checker) add(part string, line int, sev Severity, code string, params []string, format string, a ...any) {
	p := Problem{Part: part, Line: line, Message: fmt.Sprintf(format, a...), Severity: sev, Code: code}
	for i := 0; i+1 < len(params); i += 2 {
		if params[i+1] == "" {
			continue
		}
		if p.Params == nil {
			p.Params = map[string]string{}
		}
		p.Params[params[i]] = params[i+1]
	}
	c.out = append(c.out, p)
}

// addCode adds a problem of the whole part that the window says by its code.
func (c *checker) addCode(part string, sev Severity, code, msg string) {
	c.out = append(c.out, Problem{Part: part, Message: msg, Severity: sev, Code: code})
}

// filterExists asks the engine itself, so filters added later are known.
func (c *checker) filterExists(name string) bool {
	if ok, seen := c.filters[name]; seen {
		return ok
	}
	_, err := c.eng.ParseAndRenderString("{{ 1 | "+name+" }}", nil)
	ok := err == nil || !strings.Contains(err.Error(), "undefined filter")
	c.filters[name] = ok
	return ok
}

func (c *checker) part(eng *liquid.Engine, part, src string) {
	if strings.TrimSpace(src) == "" {
		return
	}
	if _, err := parseLiquid(eng, src, 1); err != nil {
		line, msg := liquidError(err)
		code, params := liquidCode(err, msg)
		c.add(part, line, SeverityError, code, params, "%s", msg)
		return
	}
	ss := spans(src)
	locals := map[string]bool{}
	for _, s := range ss {
		if s.inRaw {
			continue
		}
		switch s.tag {
		case "assign":
			if name, _, ok := strings.Cut(s.args, "="); ok {
				locals[strings.TrimSpace(name)] = true
			}
		case "capture", "increment", "decrement":
			locals[strings.TrimSpace(s.args)] = true
		case "for", "tablerow":
			if f := strings.Fields(s.args); len(f) > 0 {
				locals[f[0]] = true
			}
		}
	}
	line, pos := 1, 0
	for _, s := range ss {
		if s.inRaw {
			continue
		}
		line += strings.Count(src[pos:s.start], "\n")
		pos = s.start
		var expr string
		switch s.tag {
		case "":
			expr = s.expr
		case "assign":
			_, expr, _ = strings.Cut(s.args, "=")
		case "for", "tablerow":
			if _, rest, ok := strings.Cut(s.args, " in "); ok {
				expr = rest
			}
		case "if", "elsif", "unless", "case", "when", "cycle":
			expr = s.args
		case "include":
			c.add(part, line, SeverityError, CodeNoInclude, nil, "%s", errNoInclude)
			continue
		default:
			continue
		}
		c.expr(part, line, expr, locals)
	}
}

type ref struct {
	root string
	path []string // property names, literal ones only
}

// expr scans a Liquid expression for variable references and filter names.
// It is a lexer, not a parser: it needs only names and what follows them.
func (c *checker) expr(part string, line int, s string, locals map[string]bool) {
	afterPipe := false
	for i := 0; i < len(s); {
		ch := s[i]
		switch {
		case ch == '"' || ch == '\'':
			j := strings.IndexByte(s[i+1:], ch)
			if j < 0 {
				return
			}
			i += j + 2
		case ch == '|':
			afterPipe = true
			i++
		case isIdentStart(ch):
			j := i + 1
			for j < len(s) && isIdentChar(s[j]) {
				j++
			}
			name := s[i:j]
			prevDot := i > 0 && s[i-1] == '.'
			switch {
			case afterPipe:
				afterPipe = false
				if !c.filterExists(name) {
					near := closest(name, standardFilters)
					c.add(part, line, SeverityError, CodeUnknownFilter, []string{"name", name, "suggest", near}, "unknown filter %q%s", name, didYouMean(near))
				}
				i = j
				continue
			case prevDot || liquidKeywords[name]:
				i = j
				continue
			}
			r, end := readPath(s, name, j)
			c.ref(part, line, r, locals)
			i = end
		case ch >= '0' && ch <= '9':
			for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
				i++
			}
		default:
			i++
		}
	}
}

func isIdentStart(ch byte) bool {
	return ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z'
}

func isIdentChar(ch byte) bool {
	return isIdentStart(ch) || ch >= '0' && ch <= '9' || ch == '-' || ch == '?'
}

// readPath reads .name and ["name"] after a root name.
func readPath(s, root string, i int) (ref, int) {
	r := ref{root: root}
	for i < len(s) {
		switch {
		case s[i] == '.' && i+1 < len(s) && isIdentStart(s[i+1]):
			j := i + 2
			for j < len(s) && isIdentChar(s[j]) {
				j++
			}
			r.path = append(r.path, s[i+1:j])
			i = j
		case s[i] == '[' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\''):
			q := s[i+1]
			j := strings.IndexByte(s[i+2:], q)
			if j < 0 || i+2+j+1 >= len(s) || s[i+2+j+1] != ']' {
				return r, len(s)
			}
			r.path = append(r.path, s[i+2:i+2+j])
			i = i + 2 + j + 2
		default:
			return r, i
		}
	}
	return r, i
}

func (c *checker) ref(part string, line int, r ref, locals map[string]bool) {
	if locals[r.root] {
		return
	}
	if !slices.Contains(knownRoots, r.root) {
		near := closest(r.root, knownRoots)
		c.add(part, line, SeverityWarning, CodeUnknownVariable, []string{"name", r.root, "suggest", near},
			"unknown variable %q%s: a template reads contact, event, extra, unsubscribe_url and confirm_url", r.root, didYouMean(near))
		return
	}
	if r.root != "contact" || len(r.path) == 0 {
		return
	}
	field := r.path[0]
	if field == "fields" {
		if len(r.path) < 2 {
			return
		}
		field = r.path[1]
	}
	if liquidProps[field] || c.fields[field] {
		return
	}
	known := make([]string, 0, len(c.fields))
	for f := range c.fields {
		known = append(known, f)
	}
	sort.Strings(known)
	near := closest(field, known)
	c.add(part, line, SeverityWarning, CodeUnknownField, []string{"field", field, "suggest", near},
		"unknown contact field %q%s: it will render empty unless a default is given", field, didYouMean(near))
}

// blocks checks the block editor's blocks; where says, for a block inside
// columns, the top-level block and its place in it (nil at the top level).
func (c *checker) blocks(bs []Block, where *nested) {
	for i, b := range bs {
		line := 0
		prefix := fmt.Sprintf("block %d", i+1)
		var at []string
		if where == nil {
			line = i + 1
		} else {
			prefix = fmt.Sprintf("block %d column %d, block %d", where.block, where.column, i+1)
			at = []string{"block", strconv.Itoa(where.block), "column", strconv.Itoa(where.column), "inner", strconv.Itoa(i + 1)}
		}
		add := func(sev Severity, code string, params []string, format string, a ...any) {
			c.add(PartBlocks, line, sev, code, append(params, at...), "%s "+format, append([]any{prefix}, a...)...)
		}
		switch b.Type {
		case BlockHeading, BlockText:
			if strings.TrimSpace(b.Text) == "" {
				add(SeverityWarning, CodeBlockEmpty, nil, "(%s) is empty", b.Type)
			}
		case BlockButton:
			if strings.TrimSpace(b.URL) == "" {
				add(SeverityError, CodeButtonNoLink, nil, "(button) has no link")
			} else if escapeURL(b.URL) == "#" && !strings.HasPrefix(strings.TrimSpace(b.URL), "#") {
				add(SeverityError, CodeButtonBadLink, []string{"url", b.URL}, "(button) link %q is not a web, mailto: or tel: address", b.URL)
			}
			if strings.TrimSpace(b.Text) == "" {
				add(SeverityWarning, CodeButtonNoLabel, nil, "(button) has no label")
			}
		case BlockImage:
			if strings.TrimSpace(b.Src) == "" {
				add(SeverityError, CodeImageNoSrc, nil, "(image) has no image address")
			}
			if strings.TrimSpace(b.Alt) == "" {
				add(SeverityWarning, CodeImageNoAlt, nil, "(image) has no alternative text: clients that block images show nothing")
			}
		case BlockDivider, BlockSpacer:
		case BlockColumns:
			if len(b.Columns) < 2 || len(b.Columns) > 4 {
				add(SeverityWarning, CodeColumnsCount, []string{"count", strconv.Itoa(len(b.Columns))}, "(columns) has %d columns, expected 2 to 4", len(b.Columns))
			}
			top := i + 1
			if where != nil {
				top = where.block
			}
			for j, col := range b.Columns {
				c.blocks(col, &nested{block: top, column: j + 1})
			}
		default:
			add(SeverityError, CodeBlockUnknownType, []string{"type", string(b.Type)}, "has unknown type %q (expected one of %v)", b.Type, BlockTypes)
		}
	}
}

// nested is where a block inside columns is: the top-level block holding
// the columns (1-based) and the column (1-based).
type nested struct{ block, column int }

// liquidCode names a Liquid parser error by its kind, with the tag or
// object it is about ({source}, cut to a readable length): the parser's
// own words are English, so the window says the kind in its language.
func liquidCode(err error, msg string) (string, []string) {
	if errors.Is(err, errNoInclude) || msg == errNoInclude.Error() {
		return CodeNoInclude, nil
	}
	source := ""
	if i := max(strings.LastIndex(msg, " in {{"), strings.LastIndex(msg, " in {%")); i >= 0 {
		source = shorten(msg[i+4:], 60)
		msg = msg[:i]
	}
	quoted := func() string {
		if a := strings.IndexByte(msg, '"'); a >= 0 {
			if b := strings.IndexByte(msg[a+1:], '"'); b >= 0 {
				return msg[a+1 : a+1+b]
			}
		}
		return ""
	}
	switch {
	case strings.HasPrefix(msg, "unterminated "):
		return CodeLiquidUnclosed, []string{"tag", quoted(), "source", source}
	case strings.Contains(msg, " not inside"):
		tag, _, _ := strings.Cut(msg, " ")
		return CodeLiquidStray, []string{"tag", tag, "source", source}
	case strings.HasPrefix(msg, "undefined tag "):
		return CodeLiquidUnknownTag, []string{"tag", quoted(), "source", source}
	case strings.HasPrefix(msg, "syntax error") && source != "":
		return CodeLiquidSyntax, []string{"source", source}
	}
	return CodeLiquidOther, []string{"source", source}
}

// shorten cuts s to n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// closest is the candidate within two edits of name ("did you mean"),
// or "".
func closest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == name {
		return ""
	}
	return best
}

// didYouMean is ` (did you mean "x"?)` for a suggestion x, or "".
func didYouMean(near string) string {
	if near == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", near)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
