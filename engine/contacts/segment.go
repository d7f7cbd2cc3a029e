package contacts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// Segment is a saved set of rules that selects contacts, built in the UI
// without code. Rules and nested groups of one level combine with Match:
// "all" (AND, the default) or "any" (OR). A segment with no rules at all
// matches everyone.
type Segment struct {
	ID     string    `json:"id,omitempty"`
	Name   string    `json:"name,omitempty"`
	Match  string    `json:"match"`
	Rules  []Rule    `json:"rules"`
	Groups []Segment `json:"groups,omitempty"`
	// UpdatedAt is set by LoadSegment and ListSegments.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// RuleKind is what a rule looks at.
type RuleKind string

// Rule kinds.
const (
	KindField       RuleKind = "field"       // an identity or custom field, created_at, unsubscribed, bounced
	KindList        RuleKind = "list"        // list membership: in, not_in
	KindTag         RuleKind = "tag"         // has, has_not
	KindScore       RuleKind = "score"       // the lead score
	KindStage       RuleKind = "stage"       // the lifecycle stage
	KindTemperature RuleKind = "temperature" // cold, warm, hot
	KindEvent       RuleKind = "event"       // behaviour: did, did_not
)

// Rule is one condition of a segment.
//
// Field rules compare Field with Op and Value (for within_last_days and
// more_than_days_ago, Value is the number of days). List and tag rules name
// the list or tag in Value. Event rules count events of type Event whose
// properties pass every filter: at least Times (1 when 0) within the last
// Days days (0: ever); did_not is the negation.
type Rule struct {
	Kind    RuleKind     `json:"kind"`
	Field   string       `json:"field,omitempty"`
	Op      string       `json:"op"`
	Value   string       `json:"value,omitempty"`
	Event   string       `json:"event,omitempty"`
	Filters []PropFilter `json:"filters,omitempty"`
	Times   int          `json:"times,omitempty"`
	Days    int          `json:"days,omitempty"`
}

// PropFilter tests one event property. Op is equals (the default),
// not_equals, contains, starts_with, matches (a pattern where * is any
// text: "*/pricing*"), gt, gte, lt, lte or exists. Text
// comparisons ignore case; equals also holds between numbers written
// differently ("10" and 10.0). Segments and the Scorer give the same answer.
type PropFilter struct {
	Key   string `json:"key"`
	Op    string `json:"op,omitempty"`
	Value string `json:"value,omitempty"`
}

// Operator sets by what they apply to. OperatorsFor returns them for the UI.
var (
	textOps     = []string{"equals", "not_equals", "contains", "not_contains", "starts_with", "in", "not_in", "is_empty", "not_empty"}
	numberOps   = []string{"equals", "not_equals", "gt", "gte", "lt", "lte", "is_empty", "not_empty"}
	dateOps     = []string{"equals", "not_equals", "before", "after", "gt", "gte", "lt", "lte", "within_last_days", "more_than_days_ago", "is_empty", "not_empty"}
	stampOps    = []string{"before", "after", "within_last_days", "more_than_days_ago"}
	boolOps     = []string{"equals", "not_equals", "is_empty", "not_empty"}
	scoreOps    = []string{"equals", "not_equals", "gt", "gte", "lt", "lte"}
	rankOps     = []string{"equals", "not_equals", "at_least", "at_most", "in", "not_in"}
	listOps     = []string{"in", "not_in"}
	tagOps      = []string{"has", "has_not"}
	eventOps    = []string{"did", "did_not"}
	propOps     = []string{"equals", "not_equals", "contains", "starts_with", "matches", "gt", "gte", "lt", "lte", "exists"}
	allOps      = map[string]bool{}
	temperature = []string{"cold", "warm", "hot"}
)

func init() {
	for _, set := range [][]string{textOps, numberOps, dateOps, stampOps, boolOps, scoreOps, rankOps, listOps, tagOps, eventOps} {
		for _, o := range set {
			allOps[o] = true
		}
	}
}

// OperatorsFor lists the operators of a rule kind; for field rules, of a
// field type (RuleFields gives each field's type).
func OperatorsFor(kind RuleKind, t FieldType) []string {
	switch kind {
	case KindField:
		switch t {
		case TypeNumber:
			return numberOps
		case TypeDate:
			return dateOps
		case TypeBoolean:
			return boolOps
		case TypeDateTime:
			return stampOps
		}
		return textOps
	case KindScore:
		return scoreOps
	case KindStage, KindTemperature:
		return rankOps
	case KindList:
		return listOps
	case KindTag:
		return tagOps
	case KindEvent:
		return eventOps
	}
	return nil
}

// PropOperators lists the operators of event property filters.
func PropOperators() []string { return propOps }

// maxDepth bounds group nesting: deeper trees are unreadable in the UI and
// only make the SQL slower.
const maxDepth = 6

// Compiled is a segment as one SQL condition over the contacts table
// (aliased contacts), with its parameters. Relative dates are fixed at the
// time it was compiled for.
type Compiled struct {
	Where string
	Args  []any
}

// segCompiler carries what rule compilation needs.
type segCompiler struct {
	defs map[string]FieldDef
	maps valueMaps
	now  time.Time
	pg   bool // writes PostgreSQL (see sqlb)
}

func (c *segCompiler) b() *sqlb { return &sqlb{pg: c.pg} }

// clause is a compiled rule or group; cost orders the clauses of a group so
// SQLite tests cheap column comparisons before it reaches event subqueries.
type clause struct {
	sql  string
	args []any
	cost int
}

// Compile turns a segment into SQL, checking every rule against the
// workspace's fields. Errors name the segment and the rule:
// `segment "vip": rule 2: unknown operator "bigger"`.
func Compile(ctx context.Context, q store.Querier, seg *Segment, now time.Time) (*Compiled, error) {
	defs, err := fieldMap(ctx, q)
	if err != nil {
		return nil, err
	}
	maps, err := loadValueMaps(ctx, q)
	if err != nil {
		return nil, err
	}
	c := &segCompiler{defs: defs, maps: maps, now: now, pg: store.DialectOf(q) == store.Postgres}
	cl, err := c.group(seg, "", 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", segLabel(seg), err)
	}
	return &Compiled{Where: cl.sql, Args: cl.args}, nil
}

func segLabel(seg *Segment) string {
	switch {
	case seg.ID != "":
		return fmt.Sprintf("segment %q", seg.ID)
	case seg.Name != "":
		return fmt.Sprintf("segment %q", seg.Name)
	}
	return "segment"
}

func (c *segCompiler) group(g *Segment, path string, depth int) (clause, error) {
	if depth > maxDepth {
		return clause{}, fmt.Errorf("%sgroups are nested more than %d deep", path, maxDepth)
	}
	join := " AND "
	switch strings.ToLower(g.Match) {
	case "", "all":
	case "any":
		join = " OR "
	default:
		return clause{}, fmt.Errorf("%smatch is %q: use \"all\" or \"any\"", path, g.Match)
	}
	if len(g.Rules)+len(g.Groups) == 0 {
		if depth > 0 {
			return clause{}, fmt.Errorf("%sthe group has no rules", path)
		}
		return clause{sql: "1=1"}, nil
	}
	var parts []clause
	for i := range g.Rules {
		cl, err := c.rule(&g.Rules[i])
		if err != nil {
			return clause{}, fmt.Errorf("%srule %d: %w", path, i+1, err)
		}
		parts = append(parts, cl)
	}
	for i := range g.Groups {
		cl, err := c.group(&g.Groups[i], fmt.Sprintf("%sgroup %d: ", path, i+1), depth+1)
		if err != nil {
			return clause{}, err
		}
		parts = append(parts, cl)
	}
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].cost < parts[j].cost })
	out := clause{}
	var sb strings.Builder
	sb.WriteByte('(')
	for i, p := range parts {
		if i > 0 {
			sb.WriteString(join)
		}
		sb.WriteString(p.sql)
		out.args = append(out.args, p.args...)
		out.cost = max(out.cost, p.cost)
	}
	sb.WriteByte(')')
	out.sql = sb.String()
	return out, nil
}

// sqlb builds one clause.
type sqlb struct {
	sb   strings.Builder
	args []any
	// pg writes PostgreSQL: no "+" before a column (SQLite's way of
	// keeping an index out), ILIKE for SQLite's case-blind LIKE,
	// case-blind equality spelled with lower().
	pg bool
}

func (b *sqlb) w(s ...string) {
	for _, x := range s {
		if b.pg {
			x = strings.ReplaceAll(x, "+contacts.", "contacts.")
		}
		b.sb.WriteString(x)
	}
}

// like is SQLite's LIKE, which ignores the case of ASCII letters.
func (b *sqlb) like() string {
	if b.pg {
		return " ILIKE "
	}
	return " LIKE "
}

// eqNocase writes a case-blind equality of what x writes with v (SQLite's
// x = v COLLATE NOCASE).
func (b *sqlb) eqNocase(x func(), op string, v any) {
	if b.pg {
		b.w("lower(")
		x()
		b.w(") ", op, " lower(")
		b.arg(v)
		b.w(")")
		return
	}
	x()
	b.w(" ", op, " ")
	b.arg(v)
	b.w(" COLLATE NOCASE")
}

// inNocase writes a case-blind IN list (SQLite's x COLLATE NOCASE IN …).
func (b *sqlb) inNocase(x func(), not bool, vs []string) {
	if b.pg {
		b.w("lower(")
		x()
		b.w(")")
	} else {
		x()
		b.w(" COLLATE NOCASE")
	}
	if not {
		b.w(" NOT")
	}
	b.w(" IN (")
	for i, v := range vs {
		if i > 0 {
			b.w(",")
		}
		if b.pg {
			b.w("lower(")
			b.arg(v)
			b.w(")")
		} else {
			b.arg(v)
		}
	}
	b.w(")")
}

func (b *sqlb) arg(v any) {
	b.sb.WriteByte('?')
	b.args = append(b.args, v)
}

func (b *sqlb) list(vs []string) {
	b.w("(")
	for i, v := range vs {
		if i > 0 {
			b.w(",")
		}
		b.arg(v)
	}
	b.w(")")
}

func (b *sqlb) clause(cost int) clause { return clause{sql: b.sb.String(), args: b.args, cost: cost} }

// likeEscape quotes LIKE wildcards so user text matches literally.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func jsonPath(key string) (string, error) {
	if key == "" || strings.ContainsAny(key, "\"\\") {
		return "", fmt.Errorf("property name %q: quotes and backslashes are not allowed", key)
	}
	return `$."` + key + `"`, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = CleanText(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func opIn(op string, set []string) bool {
	for _, o := range set {
		if o == op {
			return true
		}
	}
	return false
}

func (c *segCompiler) checkOp(r *Rule, set []string, what string) error {
	if !opIn(r.Op, set) {
		if !allOps[r.Op] {
			return fmt.Errorf("unknown operator %q", r.Op)
		}
		return fmt.Errorf("operator %q does not apply to %s (use %s)", r.Op, what, strings.Join(set, ", "))
	}
	needs := r.Op != "is_empty" && r.Op != "not_empty"
	if needs && CleanText(r.Value) == "" {
		return fmt.Errorf("operator %q needs a value", r.Op)
	}
	return nil
}

func (c *segCompiler) rule(r *Rule) (clause, error) {
	switch r.Kind {
	case KindField:
		return c.fieldRule(r)
	case KindScore:
		if err := c.checkOp(r, scoreOps, "the score"); err != nil {
			return clause{}, err
		}
		v, err := ParseNumber(r.Value)
		if err != nil {
			return clause{}, fmt.Errorf("score: %w", err)
		}
		b := c.b()
		b.w(colRef("score"), " ", sqlCmp[r.Op], " ")
		b.arg(v)
		return b.clause(0), nil
	case KindStage:
		return c.rankRule(r, colRef("stage"), contact.Stages, "stage")
	case KindTemperature:
		return c.rankRule(r, colRef("temperature"), temperature, "temperature")
	case KindList:
		if err := c.checkOp(r, listOps, "a list"); err != nil {
			return clause{}, err
		}
		b := c.b()
		if r.Op == "not_in" {
			b.w("NOT ")
		}
		b.w("EXISTS (SELECT 1 FROM list_members m WHERE m.contact_id = contacts.id AND m.list_id = (SELECT id FROM lists WHERE name = ")
		b.arg(CleanText(r.Value))
		b.w("))")
		return b.clause(2), nil
	case KindTag:
		if err := c.checkOp(r, tagOps, "a tag"); err != nil {
			return clause{}, err
		}
		b := c.b()
		if r.Op == "has_not" {
			b.w("NOT ")
		}
		b.w("EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = contacts.id AND t.tag = ")
		b.arg(CleanText(r.Value))
		b.w(")")
		return b.clause(2), nil
	case KindEvent:
		return c.eventRule(r)
	case "":
		return clause{}, errors.New("no kind (field, list, tag, score, stage, temperature or event)")
	}
	return clause{}, fmt.Errorf("unknown kind %q (field, list, tag, score, stage, temperature or event)", r.Kind)
}

// colRef names a contacts column in a segment condition. The unary + keeps
// SQLite from answering the term through an index: segment terms rarely
// select few contacts, and an index range over half the table followed by
// as many random row lookups (score >= 50: 75 ms at 100,000 contacts)
// costs far more than the scan the + leaves (10 ms), which also keeps
// Count's time predictable. Event subqueries still use their index.
func colRef(name string) string { return "+contacts." + name }

var sqlCmp = map[string]string{"equals": "=", "not_equals": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
	"before": "<", "after": ">", "at_least": ">=", "at_most": "<="}

// rankRule compiles stage and temperature rules: ordered values, so
// "at least MQL" means mql, sql or customer.
func (c *segCompiler) rankRule(r *Rule, col string, order []string, what string) (clause, error) {
	if err := c.checkOp(r, rankOps, "the "+what); err != nil {
		return clause{}, err
	}
	vals := splitList(strings.ToLower(r.Value))
	if r.Op != "in" && r.Op != "not_in" && len(vals) != 1 {
		return clause{}, fmt.Errorf("%s: operator %q takes one value", what, r.Op)
	}
	rank := map[string]int{}
	for i, s := range order {
		rank[s] = i
	}
	for _, v := range vals {
		if _, ok := rank[v]; !ok {
			return clause{}, fmt.Errorf("unknown %s %q (%s)", what, v, strings.Join(order, ", "))
		}
	}
	b := c.b()
	switch r.Op {
	case "equals", "not_equals":
		b.w(col, " ", sqlCmp[r.Op], " ")
		b.arg(vals[0])
	case "in", "not_in":
		b.w(col)
		if r.Op == "not_in" {
			b.w(" NOT")
		}
		b.w(" IN ")
		b.list(vals)
	default:
		// The CASE lists the built-in order: constants, not user input.
		b.w("(CASE ", col)
		for i, s := range order {
			b.w(" WHEN '", s, "' THEN ", strconv.Itoa(i))
		}
		b.w(" ELSE -1 END) ", sqlCmp[r.Op], " ")
		b.arg(rank[vals[0]])
	}
	return b.clause(0), nil
}

// fieldClass is how a field's values compare.
type fieldClass int

const (
	classText fieldClass = iota
	classNumber
	classDate
	classBool
	classStamp // created_at, updated_at: Unix ms columns
)

func (c *segCompiler) fieldRule(r *Rule) (clause, error) {
	name := strings.TrimSpace(r.Field)
	var (
		class  fieldClass
		col    string // a column of contacts, or "" for a custom field
		path   string
		def    FieldDef
		custom bool
	)
	switch name {
	case "":
		return clause{}, errors.New("no field")
	case "created_at", "updated_at":
		class, col = classStamp, colRef(name)
	case "unsubscribed", "bounced":
		class, col = classBool, colRef(name)
	default:
		d, ok := c.defs[name]
		if !ok {
			return clause{}, fmt.Errorf("unknown field %q", name)
		}
		def = d
		if d.Identity {
			col = colRef(d.Name) // d.Name comes from the built-in list
		} else {
			custom = true
			path, _ = jsonPath(d.Name)
		}
		switch d.Type {
		case TypeNumber:
			class = classNumber
		case TypeDate:
			class = classDate
		case TypeBoolean:
			class = classBool
		}
	}
	sets := map[fieldClass][]string{classText: textOps, classNumber: numberOps, classDate: dateOps, classBool: boolOps, classStamp: stampOps}
	what := map[fieldClass]string{classText: "text", classNumber: "number", classDate: "date", classBool: "yes/no", classStamp: "date-time"}[class]
	if err := c.checkOp(r, sets[class], fmt.Sprintf("%s field %q", what, name)); err != nil {
		return clause{}, err
	}
	b := c.b()
	// raw writes the field's value; text writes it as text, '' when absent.
	raw := func() {
		if custom && c.pg && class == classBool {
			// SQLite's json_extract gives 1 or 0 for true or false.
			b.w("fp_bool(json_extract(contacts.fields, ")
			b.arg(path)
			b.w("))")
		} else if custom {
			b.w("json_extract(contacts.fields, ")
			b.arg(path)
			b.w(")")
		} else {
			b.w(col)
		}
	}
	text := func() {
		if custom {
			b.w("coalesce(CAST(")
			raw()
			b.w(" AS TEXT), '')")
		} else {
			b.w(col)
		}
	}
	cost := 0
	if custom {
		cost = 1 // parses the JSON of every contact
	}
	val := CleanText(r.Value)
	days := func() (int, error) {
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a number of days", r.Value)
		}
		return n, nil
	}
	switch r.Op {
	case "is_empty", "not_empty":
		cmp := " = ''"
		if r.Op == "not_empty" {
			cmp = " <> ''"
		}
		if class == classBool && !custom {
			// The flags always have a value.
			b.w(map[bool]string{true: "1=1", false: "1=0"}[r.Op == "not_empty"])
			return b.clause(0), nil
		}
		text()
		b.w(cmp)
		return b.clause(cost), nil
	}
	switch class {
	case classText:
		if (def.Type == TypeChoice || c.maps.has(name)) && opIn(r.Op, []string{"equals", "not_equals", "in", "not_in"}) {
			// Compare with the stored spelling: "FR" finds "France", "qc" finds "Québec".
			vals := []string{val}
			if r.Op == "in" || r.Op == "not_in" {
				vals = splitList(val)
			}
			for i, v := range vals {
				cv, err := c.canonical(def, v)
				if err != nil {
					return clause{}, err
				}
				vals[i] = cv
			}
			val = strings.Join(vals, ",")
		}
		switch r.Op {
		case "equals", "not_equals":
			b.eqNocase(text, sqlCmp[r.Op], val)
		case "contains", "not_contains":
			text()
			if r.Op == "not_contains" {
				b.w(" NOT")
			}
			b.w(b.like())
			b.arg("%" + likeEscape(val) + "%")
			b.w(` ESCAPE '\'`)
		case "starts_with":
			text()
			b.w(b.like())
			b.arg(likeEscape(val) + "%")
			b.w(` ESCAPE '\'`)
		case "in", "not_in":
			b.inNocase(text, r.Op == "not_in", splitList(val))
		}
	case classNumber:
		v, err := ParseNumber(val)
		if err != nil {
			return clause{}, fmt.Errorf("field %q: %w", name, err)
		}
		if r.Op == "not_equals" {
			b.w("NOT coalesce(")
		}
		op := sqlCmp[r.Op]
		if r.Op == "not_equals" {
			op = "="
		}
		b.w("(")
		if c.pg {
			// fp_num: the number a text holds, else NULL (PostgreSQL's
			// CAST fails where SQLite's reads a prefix).
			b.w("fp_num(")
			raw()
			b.w(") ", op, " ")
		} else {
			raw()
			b.w(" <> '' AND CAST(")
			raw()
			b.w(" AS REAL) ", op, " ")
		}
		b.arg(v)
		b.w(")")
		if r.Op == "not_equals" {
			b.w(", 1=0)")
		}
	case classDate:
		switch r.Op {
		case "within_last_days", "more_than_days_ago":
			n, err := days()
			if err != nil {
				return clause{}, err
			}
			from := c.now.UTC().AddDate(0, 0, -n).Format("2006-01-02")
			b.w("(")
			text()
			if r.Op == "within_last_days" {
				b.w(" >= ")
				b.arg(from)
				b.w(" AND ")
				text()
				b.w(" <= ")
				b.arg(c.now.UTC().Format("2006-01-02"))
			} else {
				b.w(" <> '' AND ")
				text()
				b.w(" < ")
				b.arg(from)
			}
			b.w(")")
		default:
			d, err := ParseDay(val, DayFirst)
			if err != nil {
				return clause{}, fmt.Errorf("field %q: %w", name, err)
			}
			b.w("(")
			text()
			b.w(" <> '' AND ")
			text()
			b.w(" ", sqlCmp[r.Op], " ")
			b.arg(d)
			b.w(")")
		}
	case classStamp:
		switch r.Op {
		case "within_last_days", "more_than_days_ago":
			n, err := days()
			if err != nil {
				return clause{}, err
			}
			cut := store.MS(c.now.Add(-time.Duration(n) * 24 * time.Hour))
			b.w(col)
			if r.Op == "within_last_days" {
				b.w(" >= ")
			} else {
				b.w(" < ")
			}
			b.arg(cut)
		default:
			d, err := ParseDay(val, DayFirst)
			if err != nil {
				return clause{}, fmt.Errorf("field %q: %w", name, err)
			}
			day, _ := time.Parse("2006-01-02", d)
			b.w(col)
			if r.Op == "before" {
				b.w(" < ")
				b.arg(store.MS(day))
			} else { // after the day: from the next midnight (UTC)
				b.w(" >= ")
				b.arg(store.MS(day.AddDate(0, 0, 1)))
			}
		}
	case classBool:
		v, err := ParseBool(val)
		if err != nil {
			return clause{}, fmt.Errorf("field %q: %w", name, err)
		}
		n := 0
		if v {
			n = 1
		}
		if custom && r.Op == "not_equals" {
			b.w("coalesce(")
			raw()
			b.w(", -1) <> ")
			b.arg(n)
		} else {
			raw()
			b.w(" ", sqlCmp[r.Op], " ")
			b.arg(n)
		}
	}
	return b.clause(cost), nil
}

// canonical returns the stored spelling of a rule value: the option of a
// choice field, the value-map spelling of a country or region.
func (c *segCompiler) canonical(def FieldDef, v string) (string, error) {
	v = c.maps.apply(def.Name, v)
	if def.Type != TypeChoice {
		return v, nil
	}
	for _, o := range def.Options {
		if fold(o) == fold(v) {
			return o, nil
		}
	}
	return "", fmt.Errorf("field %q: %q is not one of its options (%s)", def.Name, v, strings.Join(def.Options, ", "))
}

func (c *segCompiler) eventRule(r *Rule) (clause, error) {
	if err := c.checkOpNoValue(r, eventOps, "behaviour"); err != nil {
		return clause{}, err
	}
	typ := strings.TrimSpace(r.Event)
	if typ == "" {
		return clause{}, errors.New("no event type")
	}
	if r.Times < 0 || r.Days < 0 {
		return clause{}, errors.New("times and days cannot be negative")
	}
	times := max(r.Times, 1)
	b := c.b()
	inner := func() error {
		b.w("FROM events e WHERE e.contact_id = contacts.id AND e.type = ")
		b.arg(typ)
		if r.Days > 0 {
			b.w(" AND e.at >= ")
			b.arg(store.MS(c.now.Add(-time.Duration(r.Days) * 24 * time.Hour)))
		}
		for i, f := range r.Filters {
			b.w(" AND ")
			if err := propSQL(b, f); err != nil {
				return fmt.Errorf("filter %d: %w", i+1, err)
			}
		}
		return nil
	}
	if times == 1 {
		if r.Op == "did_not" {
			b.w("NOT ")
		}
		b.w("EXISTS (SELECT 1 ")
		if err := inner(); err != nil {
			return clause{}, err
		}
		b.w(")")
	} else {
		// Counting stops at the threshold: a contact with 5,000 page
		// visits costs no more than one with Times.
		b.w("(SELECT count(*) FROM (SELECT 1 ")
		if err := inner(); err != nil {
			return clause{}, err
		}
		b.w(" LIMIT ")
		b.arg(times)
		if r.Op == "did_not" {
			b.w(") AS hits) < ")
		} else {
			b.w(") AS hits) >= ")
		}
		b.arg(times)
	}
	return b.clause(3), nil
}

func (c *segCompiler) checkOpNoValue(r *Rule, set []string, what string) error {
	if !opIn(r.Op, set) {
		if !allOps[r.Op] {
			return fmt.Errorf("unknown operator %q", r.Op)
		}
		return fmt.Errorf("operator %q does not apply to %s (use %s)", r.Op, what, strings.Join(set, ", "))
	}
	return nil
}

// checkProp validates a property filter; it is shared by segments and scoring rules.
func checkProp(f PropFilter) (op string, num float64, isNum bool, err error) {
	if _, err := jsonPath(f.Key); err != nil {
		return "", 0, false, err
	}
	op = f.Op
	if op == "" {
		op = "equals"
	}
	if !opIn(op, propOps) {
		return "", 0, false, fmt.Errorf("property %q: unknown operator %q (%s)", f.Key, f.Op, strings.Join(propOps, ", "))
	}
	if op != "exists" && f.Value == "" && op != "equals" && op != "not_equals" {
		return "", 0, false, fmt.Errorf("property %q: operator %q needs a value", f.Key, op)
	}
	n, perr := strconv.ParseFloat(strings.TrimSpace(f.Value), 64)
	isNum = perr == nil
	switch op {
	case "gt", "gte", "lt", "lte":
		if !isNum {
			return "", 0, false, fmt.Errorf("property %q: %q is not a number", f.Key, f.Value)
		}
	}
	return op, n, isNum, nil
}

// validEventProps is e.props for SQLite's JSON functions, or NULL when the
// stored text is not JSON they can read (nested deeper than 1,000, damaged):
// one bad event must not make a segment fail for the whole workspace.
const validEventProps = "CASE WHEN json_valid(e.props) THEN e.props END"

// propSQL writes an event property test over events e.
func propSQL(b *sqlb, f PropFilter) error {
	op, num, isNum, err := checkProp(f)
	if err != nil {
		return err
	}
	path, _ := jsonPath(f.Key)
	v := func() {
		b.w("json_extract(" + validEventProps + ", ")
		b.arg(path)
		b.w(")")
	}
	equals := func() {
		b.w("(")
		b.eqNocase(func() {
			b.w("CAST(")
			v()
			b.w(" AS TEXT)")
		}, "=", f.Value)
		if isNum {
			b.w(" OR ")
			numOf(b, v)
			b.w(" = ")
			b.arg(num)
		}
		// On PostgreSQL json_extract gives a JSON true as "true": the
		// text comparison above has found it.
		if lv := strings.ToLower(f.Value); (lv == "true" || lv == "false") && !b.pg {
			b.w(" OR json_type(" + validEventProps + ", ")
			b.arg(path)
			b.w(") = ")
			b.arg(lv)
		}
		b.w(")")
	}
	switch op {
	case "equals":
		equals()
	case "not_equals":
		b.w("NOT coalesce(")
		equals()
		b.w(", 1=0)")
	case "contains", "starts_with":
		b.w("CAST(")
		v()
		b.w(" AS TEXT)", b.like())
		if op == "contains" {
			b.arg("%" + likeEscape(f.Value) + "%")
		} else {
			b.arg(likeEscape(f.Value) + "%")
		}
		b.w(` ESCAPE '\'`)
	case "matches":
		b.w("CAST(")
		v()
		b.w(" AS TEXT)", b.like())
		b.arg(strings.ReplaceAll(likeEscape(f.Value), "*", "%"))
		b.w(` ESCAPE '\'`)
	case "gt", "gte", "lt", "lte":
		numOf(b, v)
		b.w(" ", sqlCmp[op], " ")
		b.arg(num)
	case "exists":
		v()
		b.w(" IS NOT NULL")
	}
	return nil
}

// numOf writes the numeric value of a JSON property: a JSON number, or a
// string holding only a number ("49.90"), else NULL — as strconv.ParseFloat
// reads it in the Scorer.
func numOf(b *sqlb, v func()) {
	if b.pg {
		// json_extract gives text on PostgreSQL: fp_num reads a number
		// from it, or NULL.
		b.w("fp_num(")
		v()
		b.w(")")
		return
	}
	b.w("(CASE WHEN typeof(")
	v()
	b.w(") IN ('integer','real') THEN ")
	v()
	b.w(" WHEN typeof(")
	v()
	b.w(") = 'text' AND trim(")
	v()
	b.w(") GLOB '*[0-9]*' AND trim(")
	v()
	b.w(") NOT GLOB '*[^0-9.eE+-]*' THEN CAST(trim(")
	v()
	b.w(") AS REAL) END)")
}

// Count returns how many contacts match a segment at time now.
func Count(ctx context.Context, q store.Querier, seg *Segment, now time.Time) (int, error) {
	c, err := Compile(ctx, q, seg, now)
	if err != nil {
		return 0, err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE `+c.Where, c.Args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("%s: %w", segLabel(seg), err)
	}
	return n, nil
}

// Preview returns up to limit matching contacts, oldest first, with their
// lists and tags, for the segment editor.
func Preview(ctx context.Context, q store.Querier, seg *Segment, now time.Time, limit int) ([]*contact.Contact, error) {
	c, err := Compile(ctx, q, seg, now)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	ids, err := int64s(ctx, q, `SELECT id FROM contacts WHERE `+c.Where+` ORDER BY id LIMIT ?`, append(c.Args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", segLabel(seg), err)
	}
	out := make([]*contact.Contact, 0, len(ids))
	for _, id := range ids {
		ct, err := store.LoadContact(ctx, q, id)
		if err != nil {
			return nil, err
		}
		out = append(out, ct)
	}
	return out, nil
}

func int64s(ctx context.Context, q store.Querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Matches reports whether the stored contact matches a segment at time now.
func Matches(ctx context.Context, q store.Querier, contactID int64, seg *Segment, now time.Time) (bool, error) {
	c, err := Compile(ctx, q, seg, now)
	if err != nil {
		return false, err
	}
	var ok bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM contacts WHERE contacts.id = ? AND `+c.Where+`)`,
		append([]any{contactID}, c.Args...)...).Scan(&ok); err != nil {
		return false, fmt.Errorf("%s: %w", segLabel(seg), err)
	}
	return ok, nil
}

// MatchesContact reports whether a contact as held in memory matches a
// segment: the same SQL runs over a one-row table made of the contact's
// values, so a score, stage or field changed earlier in an unflushed
// runner batch counts, while lists, tags and events are read through q.
func MatchesContact(ctx context.Context, q store.Querier, ct *contact.Contact, seg *Segment, now time.Time) (bool, error) {
	c, err := Compile(ctx, q, seg, now)
	if err != nil {
		return false, err
	}
	fields, err := json.Marshal(nonNilMap(ct.Fields))
	if err != nil {
		return false, err
	}
	var sb strings.Builder
	args := []any{ct.ID, ct.Email}
	// The casts type the values for PostgreSQL, whose parameters arrive
	// untyped (in SQLite they change nothing).
	sb.WriteString(`SELECT EXISTS(SELECT 1 FROM (SELECT CAST(? AS BIGINT) AS id, ? AS email`)
	for _, col := range identCols {
		sb.WriteString(", ? AS " + col)
		args = append(args, ct.Identity[col])
	}
	sb.WriteString(`, ? AS fields, CAST(? AS DOUBLE PRECISION) AS score, ? AS temperature, ? AS stage, CAST(? AS INTEGER) AS unsubscribed, CAST(? AS INTEGER) AS bounced, CAST(? AS BIGINT) AS created_at, CAST(? AS BIGINT) AS updated_at) AS contacts WHERE `)
	args = append(args, string(fields), ct.Score, ct.Temperature, ct.Stage, ct.Unsubscribed, ct.Bounced, store.MS(ct.CreatedAt), store.MS(now))
	sb.WriteString(c.Where + ")")
	var ok bool
	if err := q.QueryRowContext(ctx, sb.String(), append(args, c.Args...)...).Scan(&ok); err != nil {
		return false, fmt.Errorf("%s: %w", segLabel(seg), err)
	}
	return ok, nil
}

// SegmentChecker answers the runner's segment conditions and triggers
// (it satisfies runner.SegmentChecker).
type SegmentChecker struct{}

// InSegment loads the saved segment (by id, or else by name) and tests the
// contact as the runner holds it, inside the runner's transaction.
func (SegmentChecker) InSegment(ctx context.Context, q store.Querier, c *contact.Contact, segment string, now time.Time) (bool, error) {
	seg, err := LoadSegment(ctx, q, segment)
	if err != nil {
		return false, err
	}
	return MatchesContact(ctx, q, c, seg, now)
}

// ValidateSegment checks a segment as Save would: name, rules and that the
// lists it names exist.
func ValidateSegment(ctx context.Context, q store.Querier, seg *Segment, now time.Time) error {
	if CleanText(seg.Name) == "" {
		return fmt.Errorf("%s: a segment needs a name", segLabel(seg))
	}
	if _, err := Compile(ctx, q, seg, now); err != nil {
		return err
	}
	return checkLists(ctx, q, seg, seg, "")
}

func checkLists(ctx context.Context, q store.Querier, top, g *Segment, path string) error {
	for i, r := range g.Rules {
		if r.Kind != KindList {
			continue
		}
		var one int
		err := store.With(q).QueryRow(ctx, "list-exists", CleanText(r.Value)).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s: %srule %d: there is no list %q", segLabel(top), path, i+1, r.Value)
		}
		if err != nil {
			return err
		}
	}
	for i := range g.Groups {
		if err := checkLists(ctx, q, top, &g.Groups[i], fmt.Sprintf("%sgroup %d: ", path, i+1)); err != nil {
			return err
		}
	}
	return nil
}

// slug makes a segment id from its name: "VIP Québec" → "vip-quebec".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		s := string(r)
		if base, ok := deaccent[r]; ok {
			s = base
		}
		for _, c := range s {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				b.WriteRune(c)
				dash = false
			} else {
				dash = true
			}
		}
	}
	if b.Len() == 0 {
		return "segment"
	}
	return b.String()
}

// SaveSegment validates and stores a segment. A segment without an ID is
// new: it gets one made from its name, unique in the workspace. It returns
// the segment as stored.
func SaveSegment(ctx context.Context, q store.Querier, seg Segment, now time.Time) (Segment, error) {
	seg.Name = CleanText(seg.Name)
	if seg.Match == "" {
		seg.Match = "all"
	}
	if seg.Rules == nil {
		seg.Rules = []Rule{}
	}
	if err := ValidateSegment(ctx, q, &seg, now); err != nil {
		return seg, err
	}
	if seg.ID == "" {
		base := slug(seg.Name)
		seg.ID = base
		for i := 2; ; i++ {
			var one int
			err := store.With(q).QueryRow(ctx, "segment-id-taken", seg.ID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				break
			}
			if err != nil {
				return seg, err
			}
			seg.ID = fmt.Sprintf("%s-%d", base, i)
		}
	}
	seg.UpdatedAt = now.UTC().Truncate(time.Millisecond)
	body := seg
	body.ID, body.UpdatedAt = "", time.Time{}
	b, err := json.Marshal(body)
	if err != nil {
		return seg, err
	}
	if _, err := store.With(q).Exec(ctx, "save-segment", seg.ID, seg.Name, string(b), store.MS(now)); err != nil {
		return seg, fmt.Errorf("%s: %w", segLabel(&seg), err)
	}
	return seg, nil
}

// LoadSegment reads a saved segment by id, or else by name (case-insensitive).
func LoadSegment(ctx context.Context, q store.Querier, idOrName string) (*Segment, error) {
	var id, name, rules string
	var at int64
	err := store.With(q).QueryRow(ctx, "get-segment", idOrName, idOrName).Scan(&id, &name, &rules, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("segment %q: %w", idOrName, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("segment %q: %w", idOrName, err)
	}
	return decodeSegment(id, name, rules, at)
}

func decodeSegment(id, name, rules string, at int64) (*Segment, error) {
	seg := &Segment{}
	if err := json.Unmarshal([]byte(rules), seg); err != nil {
		return nil, fmt.Errorf("segment %q: rules damaged: %w", id, err)
	}
	seg.ID, seg.Name, seg.UpdatedAt = id, name, store.FromMS(at)
	if seg.Rules == nil {
		seg.Rules = []Rule{}
	}
	return seg, nil
}

// ListSegments returns every saved segment, by name.
func ListSegments(ctx context.Context, q store.Querier) ([]Segment, error) {
	rows, err := store.With(q).Query(ctx, "list-segments")
	if err != nil {
		return nil, fmt.Errorf("segments: %w", err)
	}
	defer rows.Close()
	out := []Segment{}
	for rows.Next() {
		var id, name, rules string
		var at int64
		if err := rows.Scan(&id, &name, &rules, &at); err != nil {
			return nil, err
		}
		s, err := decodeSegment(id, name, rules, at)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

// DeleteSegment removes a saved segment. Flows that name it then fail
// their segment condition with a "not found" error, shown on the node.
func DeleteSegment(ctx context.Context, q store.Querier, id string) error {
	res, err := store.With(q).Exec(ctx, "delete-segment", id)
	if err != nil {
		return fmt.Errorf("segment %q: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("segment %q: %w", id, store.ErrNotFound)
	}
	return nil
}

// Members lists the contacts in a saved segment (by id, or else by name) at
// time now, for the runner's sweep of time-based segments.
func (SegmentChecker) Members(ctx context.Context, q store.Querier, segment string, now time.Time) ([]int64, error) {
	seg, err := LoadSegment(ctx, q, segment)
	if err != nil {
		return nil, err
	}
	c, err := Compile(ctx, q, seg, now)
	if err != nil {
		return nil, err
	}
	ids, err := int64s(ctx, q, `SELECT id FROM contacts WHERE `+c.Where+` ORDER BY id`, c.Args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", segLabel(seg), err)
	}
	return ids, nil
}
