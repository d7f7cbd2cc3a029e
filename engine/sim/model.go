package sim

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
)

const (
	second = int64(1000)
	minute = 60 * second
	hour   = 60 * minute
	day    = 24 * hour
)

// model is a Config compiled once and shared read-only by every worker.
type model struct {
	cfg   *Config
	reg   *nodes.Registry
	flows []*cflow // sorted by id: the order in which the live runner tries triggers
	byID  map[string]*cflow
	rules journey.Rules
	// heard are the event types some flow starts on, exits on or has a goal
	// for; hearsAll, that a start of an unknown type may take any.
	heard    map[string]bool
	hearsAll bool
	scorer   journey.Scorer // Config.Scoring, nil when none
	// readsPageLeft tells whether anything may read page_left events (a
	// step naming them, scoring, a script, a start on any event): when
	// nothing can, the website visits' page_left events are not made —
	// they would change no number — which saves most of a visit's cost.
	readsPageLeft bool
	start         int64 // Unix ms
	end           int64
	days          int
	maxSteps      int
	n             int
	scripted      bool
	journal       bool
	jlimit        int

	entries []entry
	annivs  []*anniv
	// watched are the segments "enters a segment" starts name, checked
	// after each batch when Config.Segments is set.
	watched  []string
	watchedF []func(*contact.Contact) bool
	personas []*persona
	emails   []emailSlot
	goals    []goalSlot
	// tape records or replays the journey rules' effects (tape.go); nil
	// for every run but the benchmarks' floor.
	tape *tape
}

// cflow is a flow prepared for execution: nodes by index, ports resolved,
// reachability for goal jumps.
type cflow struct {
	f     *flow.Flow
	idx   int
	idAny any
	// draws keys the flow's random draws (Config.DrawsAs): the seed and
	// the id it draws as, for a synthetic run's random splits; "" in a
	// scripted run, whose splits draw as live ones do.
	draws    string
	nodes    []cnode
	byID     map[string]int32
	triggers []int32
	goals    []int32
	reach    [][]uint64 // reach[a] has bit b when b is reachable from a
	exitOn   []string
	reentry  string
	period   int64
	loc      *time.Location // the flow's timezone, nil when none
	fromFlow int32          // the "comes from another funnel" start (in triggers), -1 when none
	byState  bool           // a goal of the flow is met by a tag or a list, on any event
	words    int            // uint64 words of a visited-nodes bitset
	edges    int            // edge counters
}

type cnode struct {
	idx    int32
	n      *flow.Node
	spec   *nodes.Spec
	exec   nodes.Executor
	idAny  any
	outs   []out
	email  int32 // email slot of a send_email node, -1 otherwise
	goal   int32 // goal slot of a goal node, -1 otherwise
	tplAny any
	// name is the list, tag or goal the node's effects name, boxed once.
	name    string
	nameAny any
	// on is the event type a trigger fires on ("" never, "*" any: a node
	// type this package does not know), or the event type a goal waits for.
	on string
	// byState marks a goal met by a tag or a list, on any event.
	byState bool
	// hash keys the random streams of the messages this node sends.
	hash uint64
	// missing marks a send step whose email is not in Config.Emails: its
	// messages fail at delivery, as live.
	missing bool
	// confirm marks a confirmation email: openers may confirm (optin_confirmed).
	confirm bool
}

// out is one output port of a node and where it leads.
type out struct {
	port string
	to   int32 // -1: nothing connected, the journey ends
	slot int32 // edge counter in the flow
}

type emailSlot struct {
	flow     *cflow
	node     int32
	template string
}

type goalSlot struct {
	flow *cflow
	node int32
}

func (n *cnode) next(port string) (to, slot int32) {
	for i := range n.outs {
		if n.outs[i].port == port {
			return n.outs[i].to, n.outs[i].slot
		}
	}
	return -1, -1
}

// triggerOn is the only event type a built-in trigger's matcher accepts
// (each checks the type first), so that events no trigger waits for skip
// the matchers; a goal's event type likewise. Node types this package does
// not know get "*": their matcher always runs.
func triggerOn(n *flow.Node, s *nodes.Spec) string {
	switch s.Kind {
	case nodes.KindGoal:
		return nodes.ConfigOf(n, s).String("event_type")
	case nodes.KindTrigger:
	default:
		return ""
	}
	switch n.Type {
	case "trigger.contact_created":
		return contact.EventContactCreated
	case "trigger.list_joined":
		return contact.EventListJoined
	case "trigger.tag_added":
		return contact.EventTagAdded
	case "trigger.event":
		return nodes.ConfigOf(n, s).String("event_type")
	case "trigger.form_submitted":
		return contact.EventFormSubmitted
	case "trigger.date_anniversary":
		return "anniversary"
	case "trigger.score_reached":
		return contact.EventScoreChanged
	case "trigger.segment_entered":
		return "segment_entered"
	case "trigger.manual", "trigger.from_flow":
		return "" // entered by hand or from another flow, never by an event
	}
	return "*"
}

// box returns s boxed, without allocating when it is the node's own name.
func (n *cnode) box(s string) any {
	if s == n.name {
		return n.nameAny
	}
	return s
}

func (f *cflow) exits(typ string) bool {
	for _, t := range f.exitOn {
		if t == typ {
			return true
		}
	}
	return false
}

// Invalid is the error of a run refused because flows have errors.
type Invalid struct {
	// Issues holds each flow's problems (errors and warnings) by flow id.
	Issues map[string][]flow.Issue
}

// Error lists the errors, flow by flow.
func (e *Invalid) Error() string {
	ids := make([]string, 0, len(e.Issues))
	for id := range e.Issues {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var parts []string
	for _, id := range ids {
		for _, is := range e.Issues[id] {
			if is.Severity == flow.Error {
				parts = append(parts, fmt.Sprintf("flow %q: %s", id, is))
			}
		}
	}
	return "simulation: invalid flows: " + strings.Join(parts, "; ")
}

func compile(cfg *Config) (*model, error) {
	m := &model{cfg: cfg, reg: cfg.Registry, byID: map[string]*cflow{}, heard: map[string]bool{}, days: cfg.Days, scripted: cfg.Scripted != nil,
		journal: cfg.Journal, jlimit: cfg.JournalLimit, maxSteps: cfg.MaxStepsPerVisit}
	if m.reg == nil {
		m.reg = nodes.MustRegistry()
	}
	if m.maxSteps <= 0 {
		m.maxSteps = 500
	}
	if len(cfg.Flows) == 0 {
		return nil, fmt.Errorf("simulation: no flow")
	}
	if cfg.Days <= 0 {
		return nil, fmt.Errorf("simulation: days must be at least 1")
	}
	if cfg.ArrivalWindow < 0 {
		return nil, fmt.Errorf("simulation: negative arrival window")
	}
	var err error
	m.rules = cfg.Rules
	if cfg.Scoring != nil {
		m.scorer = cfg.Scoring
	}
	if err = m.rules.Compile(); err != nil {
		return nil, fmt.Errorf("simulation: %w", err)
	}
	start := cfg.Start
	if start.IsZero() {
		start = DefaultStart
	}
	// The live store keeps milliseconds: so does the simulator, so that
	// both journal the same instants.
	m.start = start.UnixMilli()
	m.end = m.start + int64(cfg.Days)*day

	all := map[string]*flow.Flow{}
	// The funnels left out are known to the steps that name them, so a
	// link to one is not an unknown funnel; they are never compiled.
	known := map[string]*flow.Flow{}
	for _, f := range cfg.LeftOut {
		known[f.ID] = f
	}
	for _, f := range cfg.Flows {
		if f == nil {
			return nil, fmt.Errorf("simulation: nil flow")
		}
		if all[f.ID] != nil {
			return nil, fmt.Errorf("simulation: flow %q given twice", f.ID)
		}
		all[f.ID] = f
	}
	bad := &Invalid{Issues: map[string][]flow.Issue{}}
	for _, f := range cfg.Flows {
		others := map[string]*flow.Flow{}
		for id, o := range known {
			others[id] = o
		}
		for id, o := range all {
			if id != f.ID {
				others[id] = o
			}
		}
		if issues := nodes.Validate(f, m.reg, others); flow.HasErrors(issues) {
			bad.Issues[f.ID] = issues
		}
	}
	if len(bad.Issues) > 0 {
		return nil, bad
	}
	sorted := append([]*flow.Flow(nil), cfg.Flows...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for i, f := range sorted {
		cf, err := m.compileFlow(f, i)
		if err != nil {
			return nil, err
		}
		m.flows = append(m.flows, cf)
		m.byID[f.ID] = cf
		// The event types a flow reacts to whatever the journeys: its
		// exits, its starts, its goals (see worker.unheard).
		for _, t := range cf.exitOn {
			m.heard[t] = true
		}
		for i := range cf.nodes {
			cn := &cf.nodes[i]
			switch {
			case cn.on == "*":
				m.hearsAll = true
			case cn.on != "":
				m.heard[cn.on] = true
			}
			cf.byState = cf.byState || cn.byState
		}
	}
	m.readsPageLeft = m.scorer != nil || m.hearsAll
	for _, f := range cfg.Flows {
		for _, n := range f.Nodes {
			m.readsPageLeft = m.readsPageLeft || strings.HasSuffix(n.Type, ".lua") || mentions(n.Config, contact.EventPageLeft)
		}
	}
	if err := m.compileAnniversaries(); err != nil {
		return nil, err
	}
	if err := m.compileWatched(); err != nil {
		return nil, err
	}
	if m.scripted {
		m.n = len(cfg.Scripted)
		return m, nil
	}
	if err := m.compileEntries(); err != nil {
		return nil, err
	}
	if err := m.compileAudience(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *model) compileFlow(f *flow.Flow, idx int) (*cflow, error) {
	cf := &cflow{f: f, idx: idx, idAny: f.ID, byID: map[string]int32{}, exitOn: f.Settings.ExitOn, reentry: f.Settings.Reentry, fromFlow: -1}
	key := f.ID
	if k, ok := m.cfg.DrawsAs[f.ID]; ok && k != "" {
		key = k
	}
	if !m.scripted {
		cf.draws = strconv.FormatUint(m.cfg.Seed, 10) + "/" + key
	}
	if cf.reentry == flow.ReentryPerPeriod {
		d, err := flow.ParseDuration(f.Settings.ReentryPeriod)
		if err != nil {
			return nil, fmt.Errorf("flow %q: re-entry period: %w", f.ID, err)
		}
		cf.period = d.Milliseconds()
	}
	if tz := f.Settings.Timezone; tz != "" {
		if l, err := time.LoadLocation(tz); err == nil {
			cf.loc = l
		}
	}
	for i := range f.Nodes {
		cf.byID[f.Nodes[i].ID] = int32(i)
	}
	cf.words = (len(f.Nodes) + 63) / 64
	cf.nodes = make([]cnode, len(f.Nodes))
	for i := range f.Nodes {
		n := &f.Nodes[i]
		s, ok := m.reg.Lookup(n.Type)
		if !ok {
			return nil, fmt.Errorf("flow %q: node %q: unknown type %q", f.ID, n.ID, n.Type)
		}
		cn := &cf.nodes[i]
		*cn = cnode{idx: int32(i), n: n, spec: s, exec: s.Executor(), idAny: n.ID, email: -1, goal: -1, hash: hashString(key + "\x00" + n.ID)}
		cn.on = triggerOn(n, s)
		cfg := nodes.ConfigOf(n, s)
		switch {
		case s.Kind == nodes.KindGoal:
			cn.name = n.ID
			cn.byState = cfg.String("tag") != "" || cfg.String("list") != ""
		case cfg.Has("list"):
			cn.name = cfg.String("list")
		case cfg.Has("tag"):
			cn.name = cfg.String("tag")
		}
		cn.nameAny = cn.name
		// Ports in the order flow.Next finds them: the first edge leaving a
		// port wins; declared ports with no edge end the journey.
		seen := map[string]bool{}
		for _, e := range f.Edges {
			if e.From != n.ID || seen[e.PortOf()] {
				continue
			}
			seen[e.PortOf()] = true
			to, ok := cf.byID[e.To]
			if !ok {
				return nil, fmt.Errorf("flow %q: node %q: link to unknown step %q", f.ID, n.ID, e.To)
			}
			cn.outs = append(cn.outs, out{port: e.PortOf(), to: to})
		}
		for _, p := range nodes.PortsOf(s, n) {
			if !seen[p.ID] {
				seen[p.ID] = true
				cn.outs = append(cn.outs, out{port: p.ID, to: -1})
			}
		}
		for j := range cn.outs {
			cn.outs[j].slot = int32(cf.edges)
			cf.edges++
		}
		switch s.Kind {
		case nodes.KindTrigger:
			cf.triggers = append(cf.triggers, int32(i))
			if n.Type == "trigger.from_flow" {
				cf.fromFlow = int32(len(cf.triggers) - 1) // the last one, as the live runner picks it
			}
		case nodes.KindGoal:
			cf.goals = append(cf.goals, int32(i))
			cn.goal = int32(len(m.goals))
			m.goals = append(m.goals, goalSlot{flow: cf, node: int32(i)})
		}
		if n.Type == "action.send_email" {
			tpl := nodes.ConfigOf(n, s).String("template")
			cn.email = int32(len(m.emails))
			cn.tplAny = tpl
			l := strings.ToLower(tpl)
			cn.confirm = strings.Contains(l, "confirm") || strings.Contains(l, "optin")
			cn.missing = m.cfg.Emails != nil && !m.cfg.Emails[tpl]
			m.emails = append(m.emails, emailSlot{flow: cf, node: int32(i), template: tpl})
		}
	}
	if len(cf.goals) > 0 {
		cf.reach = make([][]uint64, len(f.Nodes))
		for a := range cf.nodes {
			bits := make([]uint64, cf.words)
			stack := []int32{}
			for _, o := range cf.nodes[a].outs {
				if o.to >= 0 {
					stack = append(stack, o.to)
				}
			}
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if bits[b/64]&(1<<(b%64)) != 0 {
					continue
				}
				bits[b/64] |= 1 << (b % 64)
				for _, o := range cf.nodes[b].outs {
					if o.to >= 0 {
						stack = append(stack, o.to)
					}
				}
			}
			cf.reach[a] = bits
		}
	}
	return cf, nil
}

// compileWatched lists the segments of "enters a segment" starts, in the
// live runner's order (flows by id, starts in node order), once each.
func (m *model) compileWatched() error {
	if m.cfg.Segments == nil {
		return nil
	}
	seen := map[string]bool{}
	for _, cf := range m.flows {
		for _, t := range cf.triggers {
			cn := &cf.nodes[t]
			if cn.n.Type != "trigger.segment_entered" {
				continue
			}
			seg := nodes.ConfigOf(cn.n, cn.spec).String("segment")
			if seg == "" || seen[strings.ToLower(seg)] {
				continue
			}
			seen[strings.ToLower(seg)] = true
			f := m.cfg.Segments[seg]
			if f == nil {
				return fmt.Errorf("simulation: flow %q: node %q: segment %q is not defined for this simulation", cf.f.ID, cn.n.ID, seg)
			}
			m.watched = append(m.watched, seg)
			m.watchedF = append(m.watchedF, f)
		}
	}
	return nil
}

// Entry plan: how a synthetic contact goes through the entry flows'
// triggers when it arrives.

type entryKind uint8

const (
	entryCreated entryKind = iota
	entryList
	entryTag
	entryEvent
	entryScore
	entrySegment
	entryManual
	entryAnniversary
)

type entry struct {
	kind    entryKind
	flow    *cflow
	node    int32
	typ     string
	name    string
	nameAny any
	props   []kv
	amount  bool
	// score entries
	temperature bool
	threshold   float64
	target      string
	anniv       *anniv
}

func (m *model) compileEntries() error {
	want := map[string]bool{}
	for _, id := range m.cfg.EntryFlows {
		if m.byID[id] == nil {
			return fmt.Errorf("simulation: entry flow %q is not among the flows", id)
		}
		want[id] = true
	}
	seen := map[string]bool{}
	add := func(key string, e entry) {
		if !seen[key] {
			seen[key] = true
			m.entries = append(m.entries, e)
		}
	}
	for _, cf := range m.flows {
		if len(want) > 0 && !want[cf.f.ID] {
			continue
		}
		for _, t := range cf.triggers {
			cn := &cf.nodes[t]
			cfg := nodes.ConfigOf(cn.n, cn.spec)
			switch cn.n.Type {
			case "trigger.contact_created":
				add("created", entry{kind: entryCreated, typ: contact.EventContactCreated})
			case "trigger.list_joined":
				l := cfg.String("list")
				add("list/"+strings.ToLower(l), entry{kind: entryList, typ: contact.EventListJoined, name: l, nameAny: l})
			case "trigger.tag_added":
				tg := cfg.String("tag")
				add("tag/"+strings.ToLower(tg), entry{kind: entryTag, typ: contact.EventTagAdded, name: tg, nameAny: tg})
			case "trigger.event":
				typ := cfg.String("event_type")
				e := entry{kind: entryEvent, typ: typ}
				filter := cfg.Map("filter")
				keys := make([]string, 0, len(filter))
				for k := range filter {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					v := filter[k]
					if strings.HasPrefix(v, "*") {
						v = v[1:]
					}
					e.props = append(e.props, kv{k: k, v: v})
				}
				has := func(k string) bool { return filter[k] != "" }
				switch typ {
				case contact.EventPurchase, contact.EventCartAbandoned, contact.EventCartUpdated:
					e.amount = !has("amount")
				case contact.EventPageVisited:
					if !has("url") {
						e.props = append(e.props, kv{k: "url", v: "https://example.com/"})
					}
				case contact.EventFormSubmitted:
					if !has("form") {
						e.props = append(e.props, kv{k: "form", v: "signup"})
					}
				}
				add("event/"+typ+fmt.Sprint(e.props), e)
			case "trigger.form_submitted":
				// As a "Something happens" start on form_submitted with
				// form = the form's name.
				f := cfg.String("form")
				e := entry{kind: entryEvent, typ: contact.EventFormSubmitted, props: []kv{{k: "form", v: f}}}
				add("event/"+contact.EventFormSubmitted+fmt.Sprint(e.props), e)
			case "trigger.score_reached":
				e := entry{kind: entryScore, typ: contact.EventScoreChanged}
				if cfg.String("metric") == "temperature" {
					e.temperature, e.target = true, cfg.String("temperature")
					warm, hot := m.rules.Thresholds()
					e.threshold = hot
					if e.target == "warm" {
						e.threshold = warm
					}
				} else {
					e.threshold, _ = cfg.Number("threshold")
				}
				add(fmt.Sprintf("score/%v/%s", e.threshold, e.target), e)
			case "trigger.segment_entered":
				if m.cfg.Segments != nil {
					continue // membership decides, as in the live runner
				}
				s := cfg.String("segment")
				add("segment/"+s, entry{kind: entrySegment, typ: "segment_entered", name: s, nameAny: s})
			case "trigger.manual":
				add("manual/"+cf.f.ID, entry{kind: entryManual, flow: cf, node: t})
			case "trigger.date_anniversary":
				for _, a := range m.annivs {
					if a.flow == cf && a.node == t {
						add("anniversary/"+a.field+"/"+strconv.Itoa(a.offset), entry{kind: entryAnniversary, anniv: a})
					}
				}
			}
		}
	}
	// As runner.CreateContact: the contact is created, then joins its lists,
	// then does what the other triggers wait for.
	sort.SliceStable(m.entries, func(i, j int) bool { return entryRank(m.entries[i].kind) < entryRank(m.entries[j].kind) })
	return nil
}

func entryRank(k entryKind) int {
	switch k {
	case entryCreated:
		return 0
	case entryList:
		return 1
	}
	return 2
}

// anniv is a date-anniversary start: the live runner's daily sweep emits an
// "anniversary" event for every contact whose date falls on the day.
type anniv struct {
	flow      *cflow
	node      int32
	field     string
	offset    int
	offsetStr any
	fieldAny  any
	// fires maps the contact's "MM-DD" to the sweeps that match it.
	fires map[string][]annivFire
	days  []annivFire
}

type annivFire struct {
	at   int64 // when the sweep emits the event (not before the start)
	evAt int64 // the event's own time: the day at the trigger's hour
	md   string
	date any // "2006-01-02" of the day
}

func (m *model) compileAnniversaries() error {
	for _, cf := range m.flows {
		for _, t := range cf.triggers {
			cn := &cf.nodes[t]
			if cn.n.Type != "trigger.date_anniversary" {
				continue
			}
			cfg := nodes.ConfigOf(cn.n, cn.spec)
			off, _ := cfg.Number("offset_days")
			a := &anniv{flow: cf, node: t, field: cfg.String("field"), offset: int(off), fires: map[string][]annivFire{}}
			a.offsetStr, a.fieldAny = strconv.Itoa(a.offset), a.field
			hh, mm := 9, 0
			fmt.Sscanf(cfg.String("at_time"), "%d:%d", &hh, &mm)
			loc := time.UTC
			if cf.loc != nil {
				loc = cf.loc
			}
			if a.field == "email" {
				continue // the live sweep never matches the email column
			}
			// The first sweep covers the start's own day (the live runner
			// starts from the day before its first sweep).
			st := time.UnixMilli(m.start).In(loc)
			for d := time.Date(st.Year(), st.Month(), st.Day(), 0, 0, 0, 0, loc); ; d = d.AddDate(0, 0, 1) {
				fire := time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, loc).UnixMilli()
				if fire > m.end {
					break
				}
				f := annivFire{at: max(fire, m.start), evAt: fire, md: d.AddDate(0, 0, -a.offset).Format("01-02"), date: d.Format("2006-01-02")}
				a.fires[f.md] = append(a.fires[f.md], f)
				a.days = append(a.days, f)
			}
			m.annivs = append(m.annivs, a)
		}
	}
	return nil
}

// mentions reports whether a step's configuration holds s anywhere (an
// event type picked, a filter).
func mentions(v any, s string) bool {
	switch x := v.(type) {
	case string:
		return x == s
	case map[string]any:
		for _, e := range x {
			if mentions(e, s) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if mentions(e, s) {
				return true
			}
		}
	case map[string]string:
		for _, e := range x {
			if e == s {
				return true
			}
		}
	case []string:
		for _, e := range x {
			if e == s {
				return true
			}
		}
	}
	return false
}

// Personas.

type persona struct {
	idx    int
	name   string
	p      *Persona
	hi     int // contacts [previous hi, hi) are of this persona
	fields []fieldGen
	tz     picker
	score  *fieldGen
	email  emailParams   // the persona's default reactions
	bySlot []emailParams // per email slot, with the template's overrides
	b      *Behaviour
	pages  picker
	forms  picker
	// morePages is the chance that a visit goes on to another page;
	// readLo and readHi are the seconds read on a page (readLo < 0: none).
	morePages      float64
	readLo, readHi float64
	// means of the exponential delays, in ms
	purchaseMean float64
}

type fieldGen struct {
	name     string
	identity bool
	d        Distribution
	values   picker
	from, to int64 // dates, in days since 1970
}

type emailParams struct {
	open, click, unsub, bounce, confirm, purchase, download float64
	openMean, clickMean                                     float64
	links                                                   picker
	confirmTpl                                              bool
}

type picker struct {
	vals  []any
	cum   []float64
	total float64
}

func newPicker(ws []Weighted) picker {
	p := picker{}
	for _, w := range ws {
		if w.Weight <= 0 {
			continue
		}
		p.total += w.Weight
		p.vals = append(p.vals, w.Value)
		p.cum = append(p.cum, p.total)
	}
	return p
}

// pick returns a value for the uniform draw u in [0, 1), or nil when empty.
func (p *picker) pick(u float64) any {
	if len(p.vals) == 0 {
		return nil
	}
	x := u * p.total
	for i, c := range p.cum {
		if x < c {
			return p.vals[i]
		}
	}
	return p.vals[len(p.vals)-1]
}

func meanMS(d Duration, def time.Duration) float64 {
	if d <= 0 {
		d = Duration(def)
	}
	return float64(time.Duration(d).Milliseconds())
}

func (m *model) compileAudience() error {
	a := &m.cfg.Audience
	if len(a.contacts) == 0 && len(a.Personas) == 0 {
		p, err := Preset(DefaultPreset)
		if err != nil {
			return err
		}
		*a = p
	}
	if err := a.check(); err != nil {
		return fmt.Errorf("simulation: %w", err)
	}
	m.n = m.cfg.N
	if len(a.contacts) > 0 {
		if m.n <= 0 {
			m.n = len(a.contacts)
		}
		if m.n > len(a.contacts) {
			return fmt.Errorf("simulation: %d contacts asked, the audience has %d", m.n, len(a.contacts))
		}
	}
	if m.n <= 0 {
		return fmt.Errorf("simulation: no contact (N is %d)", m.cfg.N)
	}
	total := 0.0
	for _, p := range a.Personas {
		total += p.Share
	}
	acc := 0.0
	for i := range a.Personas {
		p := &a.Personas[i]
		acc += p.Share
		pm := &persona{idx: i, name: p.Name, p: p, b: &p.Behaviour, hi: int(math.Round(float64(m.n) * acc / total))}
		if i == len(a.Personas)-1 {
			pm.hi = m.n
		}
		keys := make([]string, 0, len(p.Fields))
		for k := range p.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			g, err := newFieldGen(k, p.Fields[k])
			if err != nil {
				return fmt.Errorf("simulation: persona %q: field %q: %w", p.Name, k, err)
			}
			pm.fields = append(pm.fields, g)
		}
		if p.Score.Values != nil || p.Score.Range != nil {
			g, _ := newFieldGen("score", p.Score)
			pm.score = &g
		}
		pm.tz = newPicker(p.Timezones)
		b := &p.Behaviour
		pm.pages, pm.forms = newPicker(b.PageVisits.Values), newPicker(b.Forms.Values)
		if b.PageVisits.Pages > 1 {
			pm.morePages = 1 - 1/b.PageVisits.Pages
		}
		pm.readLo, pm.readHi = -1, -1
		if sec := b.PageVisits.Seconds; sec != nil {
			pm.readLo, pm.readHi = sec[0], sec[1]
		}
		pm.purchaseMean = meanMS(b.PurchaseDelay, 24*time.Hour)
		pm.email = emailParams{open: b.OpenRate, click: b.ClickRate, unsub: b.UnsubscribeRate, bounce: b.BounceRate, confirm: b.ConfirmRate,
			purchase: b.PurchaseRate, download: b.DownloadRate, openMean: meanMS(b.OpenDelay, 6*time.Hour), clickMean: meanMS(b.ClickDelay, 5*time.Minute),
			links: newPicker(b.Links)}
		if len(pm.email.links.vals) == 0 {
			pm.email.links = newPicker(commonLinks)
		}
		pm.bySlot = make([]emailParams, len(m.emails))
		for s, es := range m.emails {
			ep := pm.email
			ep.confirmTpl = es.flow.nodes[es.node].confirm
			if o, ok := b.Emails[es.template]; ok {
				set := func(dst *float64, v *float64) {
					if v != nil {
						*dst = *v
					}
				}
				set(&ep.open, o.OpenRate)
				set(&ep.click, o.ClickRate)
				set(&ep.unsub, o.UnsubscribeRate)
				set(&ep.bounce, o.BounceRate)
				set(&ep.purchase, o.PurchaseRate)
				set(&ep.download, o.DownloadRate)
				if o.ConfirmRate != nil {
					ep.confirm, ep.confirmTpl = *o.ConfirmRate, true
				}
				if o.OpenDelay != nil {
					ep.openMean = meanMS(*o.OpenDelay, 6*time.Hour)
				}
				if o.ClickDelay != nil {
					ep.clickMean = meanMS(*o.ClickDelay, 5*time.Minute)
				}
				if len(o.Links) > 0 {
					ep.links = newPicker(o.Links)
				}
			}
			pm.bySlot[s] = ep
		}
		m.personas = append(m.personas, pm)
	}
	return nil
}

func newFieldGen(name string, d Distribution) (fieldGen, error) {
	g := fieldGen{name: name, identity: contact.IsIdentity(name), d: d, values: newPicker(d.Values)}
	if d.Dates != nil {
		a, err1 := time.Parse("2006-01-02", d.Dates[0])
		b, err2 := time.Parse("2006-01-02", d.Dates[1])
		if err1 != nil || err2 != nil {
			return g, fmt.Errorf("dates must be YYYY-MM-DD")
		}
		g.from, g.to = a.Unix()/86400, b.Unix()/86400
	}
	return g, nil
}

// draw returns a value for the field, or nil when it stays empty. It always
// takes the same number of draws, so one field's shape never shifts the
// values of the fields after it.
func (g *fieldGen) draw(u1, u2 float64) any {
	if u1 < g.d.Empty {
		return nil
	}
	switch {
	case g.d.Dates != nil:
		dd := g.from + int64(u2*float64(g.to-g.from+1))
		return time.Unix(dd*86400, 0).UTC().Format("2006-01-02")
	case g.d.Range != nil:
		lo, hi := g.d.Range[0], g.d.Range[1]
		p := math.Pow10(g.d.Decimals)
		if g.d.Decimals == 0 {
			return math.Floor(lo + u2*(math.Floor(hi)-lo+1))
		}
		return math.Round((lo+u2*(hi-lo))*p) / p
	}
	return g.values.pick(u2)
}

func (m *model) personaOf(idx int) *persona {
	for _, p := range m.personas {
		if idx < p.hi {
			return p
		}
	}
	return m.personas[len(m.personas)-1]
}
