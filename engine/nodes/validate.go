package nodes

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"flightplan/engine/flow"
)

// Validate returns every problem of a flow as data. others holds the
// workspace's other flows by id (for go-to-flow checks); it may be nil.
// Validation never stops at the first problem: the canvas shows them all.
// References to emails, lists, segments, scripts and fields are not
// checked: ValidateIn does, against a workspace.
func Validate(f *flow.Flow, reg *Registry, others map[string]*flow.Flow) []flow.Issue {
	if others == nil {
		return ValidateIn(f, reg, nil)
	}
	return ValidateIn(f, reg, &Workspace{Flows: others})
}

// ValidateIn is Validate with every reference of the flow checked against
// ws (nil: a flow file on its own, nothing outside it is checked). It runs
// in time linear in the size of the flow (plus the other flows for the
// cross-funnel checks).
func ValidateIn(f *flow.Flow, reg *Registry, ws *Workspace) []flow.Issue {
	v := &validator{f: f, reg: reg, ws: ws}
	if ws != nil {
		v.others = ws.Flows
	}
	v.byID = make(map[string]*flow.Node, len(f.Nodes))
	for i := range f.Nodes {
		if _, dup := v.byID[f.Nodes[i].ID]; !dup {
			v.byID[f.Nodes[i].ID] = &f.Nodes[i]
		}
	}
	v.run()
	sort.SliceStable(v.issues, func(i, j int) bool {
		return v.issues[i].Severity == flow.Error && v.issues[j].Severity != flow.Error
	})
	return v.issues
}

type validator struct {
	f      *flow.Flow
	reg    *Registry
	ws     *Workspace
	others map[string]*flow.Flow
	issues []flow.Issue
	// byID indexes the flow's steps (the first of a repeated id), so
	// looking one up does not scan the flow.
	byID       map[string]*flow.Node
	addedLists map[string]bool
	events     []EventType
}

// node returns the step with the given id, or nil.
func (v *validator) node(id string) *flow.Node { return v.byID[id] }

func (v *validator) add(sev flow.Severity, node, field, code, format string, a ...any) {
	v.issues = append(v.issues, flow.Issue{NodeID: node, Field: field, Severity: sev, Code: code, Message: fmt.Sprintf(format, a...)})
}

func (v *validator) run() {
	f := v.f
	if strings.TrimSpace(f.ID) == "" {
		v.add(flow.Error, "", "id", "no_id", "the funnel has no id")
	}
	switch f.Settings.Reentry {
	case flow.ReentryOnce, flow.ReentryAlways, "":
	case flow.ReentryPerPeriod:
		if _, err := flow.ParseDuration(f.Settings.ReentryPeriod); err != nil {
			v.add(flow.Error, "", "reentry_period", "bad_reentry_period", "re-entry period: %v", err)
		}
	default:
		v.add(flow.Error, "", "reentry", "bad_reentry", "re-entry rule %q is not one of once, always, per_period", f.Settings.Reentry)
	}
	specs := map[string]*Spec{}
	triggers := 0
	for i := range f.Nodes {
		n := &f.Nodes[i]
		if n.ID == "" {
			v.add(flow.Error, "", "", "no_node_id", "a step of type %s has no id", n.Type)
			continue
		}
		if specs[n.ID] != nil {
			v.add(flow.Error, n.ID, "", "duplicate_node", "two steps have the id %q", n.ID)
			continue
		}
		s, ok := v.reg.Lookup(n.Type)
		if !ok {
			v.add(flow.Error, n.ID, "", "unknown_type", "unknown step type %q", n.Type)
			continue
		}
		specs[n.ID] = s
		if s.Kind == KindTrigger {
			triggers++
		}
		v.config(n, s)
	}
	if triggers == 0 {
		v.add(flow.Error, "", "", "no_trigger", "the funnel has no start: add a trigger such as “Joins a list”")
	}
	// Edges.
	out := map[string]map[string]string{} // node -> port -> first target
	extra := map[[2]string]int{}          // {node, port} -> links past the first
	in := map[string]int{}
	for _, e := range f.Edges {
		from, to := specs[e.From], specs[e.To]
		if from == nil && v.node(e.From) == nil {
			v.add(flow.Error, e.From, "", "edge_unknown_node", "a link starts from a step %q that does not exist", e.From)
			continue
		}
		if to == nil && v.node(e.To) == nil {
			v.add(flow.Error, e.From, "", "edge_unknown_node", "a link goes to a step %q that does not exist", e.To)
			continue
		}
		if from == nil || to == nil {
			continue
		}
		// The link rules are the specs' (Input, SelfLink, LinksPerOutput):
		// the canvas reads the same fields from the catalogue.
		if !to.Input {
			v.add(flow.Error, e.To, "", "into_trigger", "nothing can lead into a start step (from %q)", e.From)
		}
		if e.From == e.To && !from.SelfLink {
			v.add(flow.Error, e.From, "", "self_loop", "a step cannot lead to itself")
		}
		port := e.PortOf()
		if !hasPort(PortsOf(from, v.node(e.From)), port) {
			v.add(flow.Error, e.From, "", "unknown_port", "step has no output %q", port)
			continue
		}
		if out[e.From] == nil {
			out[e.From] = map[string]string{}
		}
		if prev, dup := out[e.From][port]; dup {
			// Counted only past the first link, so the usual flow pays nothing.
			key := [2]string{e.From, port}
			if 1+extra[key] >= from.LinksPerOutput {
				v.add(flow.Error, e.From, "", "port_multiple", "output %q leads to both %q and %q: one output leads to one step", port, prev, e.To)
				continue
			}
			extra[key]++
		} else {
			out[e.From][port] = e.To
		}
		in[e.To]++
	}
	for i := range f.Nodes {
		n := &f.Nodes[i]
		s := specs[n.ID]
		if s == nil {
			continue
		}
		for _, p := range PortsOf(s, n) {
			if _, ok := out[n.ID][p.ID]; ok {
				continue
			}
			switch {
			case s.OptionalOutput:
			case s.Kind == KindWait:
				v.issues = append(v.issues, flow.Issue{NodeID: n.ID, Port: p.ID, Severity: flow.Warning, Code: "port_unconnected", Message: fmt.Sprintf("the %q output leads nowhere: contacts stop here after waiting", p.Label.En)})
			default:
				v.issues = append(v.issues, flow.Issue{NodeID: n.ID, Port: p.ID, Severity: flow.Error, Code: "port_unconnected", Message: fmt.Sprintf("the %q output is not connected", p.Label.En)})
			}
		}
		if s.Kind != KindTrigger && in[n.ID] == 0 {
			v.add(flow.Warning, n.ID, "", "unreachable", "no step leads here: contacts never reach it")
		}
	}
	v.reachability(specs, out, in)
	v.instantLoops(specs, out)
	v.engagement(specs, out)
	v.crossFlow(specs, out)
	v.scoreOnce(specs)
}

func hasPort(ps []Port, id string) bool {
	for _, p := range ps {
		if p.ID == id {
			return true
		}
	}
	return false
}

// config checks each field of a node against its spec.
func (v *validator) config(n *flow.Node, s *Spec) {
	cfg := ConfigOf(n, s)
	for _, key := range slices.Sorted(maps.Keys(n.Config)) { // the same order every time
		if s.Field(key) == nil {
			v.add(flow.Warning, n.ID, key, "unknown_field", "setting %q is not used by %s", key, s.Title.En)
		}
	}
	for _, fd := range s.Fields {
		if fd.ShowIf != nil {
			cur := cfg.String(fd.ShowIf.Field)
			shown := false
			for _, want := range fd.ShowIf.Values {
				shown = shown || cur == want
			}
			if !shown {
				continue
			}
		}
		if !cfg.Has(fd.Name) {
			if fd.Required {
				v.add(flow.Error, n.ID, fd.Name, "required", "%s is required", fd.Label.En)
			}
			continue
		}
		raw := cfg.Any(fd.Name)
		switch fd.Type {
		case FNumber:
			x, ok := cfg.Number(fd.Name)
			if !ok {
				v.add(flow.Error, n.ID, fd.Name, "not_a_number", "%s must be a number, not %v", fd.Label.En, raw)
			} else if fd.Min != nil && x < *fd.Min || fd.Max != nil && x > *fd.Max {
				v.add(flow.Error, n.ID, fd.Name, "out_of_range", "%s must be between %v and %v", fd.Label.En, deref(fd.Min), deref(fd.Max))
			}
		case FDuration:
			if _, err := cfg.Duration(fd.Name); err != nil {
				v.add(flow.Error, n.ID, fd.Name, "bad_duration", "%s: %v", fd.Label.En, err)
			}
		case FEnum, FStage:
			if len(fd.Options) > 0 && !hasOption(fd.Options, cfg.String(fd.Name)) {
				v.add(flow.Error, n.ID, fd.Name, "bad_choice", "%s: %q is not one of the choices", fd.Label.En, cfg.String(fd.Name))
			}
		case FTime:
			if _, _, err := clockTime(cfg.String(fd.Name)); err != nil {
				v.add(flow.Error, n.ID, fd.Name, "bad_time", "%s: %v", fd.Label.En, err)
			}
		case FDate:
			if _, err := ParseDate(cfg.String(fd.Name)); err != nil {
				v.add(flow.Error, n.ID, fd.Name, "bad_date", "%s: %v", fd.Label.En, err)
			}
		case FURL:
			u := cfg.String(fd.Name)
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				v.add(flow.Error, n.ID, fd.Name, "bad_url", "%s must start with http:// or https://", fd.Label.En)
			}
		case FBranches:
			total := 0.0
			ids := map[string]bool{}
			for _, b := range cfg.Branches(fd.Name) {
				total += b.Percent
				if !portName.MatchString(b.ID) || ids[b.ID] {
					v.add(flow.Error, n.ID, fd.Name, "bad_branch", "branch id %q is empty, repeated or not a simple name", b.ID)
				}
				ids[b.ID] = true
			}
			if total < 99.99 || total > 100.01 {
				v.add(flow.Error, n.ID, fd.Name, "split_total", "the branches add up to %g%%, they must add up to 100%%", total)
			}
		case FNode:
			id := cfg.String(fd.Name)
			target := v.node(id)
			if target == nil {
				v.add(flow.Error, n.ID, fd.Name, "unknown_node", "%s: there is no step %q in this funnel", fd.Label.En, id)
			} else if fd.NodeType != "" && target.Type != fd.NodeType {
				v.add(flow.Error, n.ID, fd.Name, "wrong_node_type", "%s: step %q is not a %s step", fd.Label.En, id, fd.NodeType)
			}
		case FTemplate, FList, FSegment, FScript, FField, FEventType, FTeammate:
			v.reference(n, s, &fd, cfg.String(fd.Name))
		case FFlow:
			id := cfg.String(fd.Name)
			if v.others != nil {
				if other, ok := v.others[id]; !ok && id != v.f.ID {
					v.add(flow.Error, n.ID, fd.Name, "unknown_reference", "step %q, %s: there is no funnel %q in the workspace", v.stepName(n, s), fd.Label.En, id)
				} else if ok && !hasType(other, "trigger.from_flow") {
					v.add(flow.Error, n.ID, fd.Name, "flow_no_entry", "funnel %q has no “Comes from another funnel” start, so contacts cannot enter it", id)
				}
			}
		}
	}
	if n.Type == "wait.event" && !cfg.Has("timeout") {
		v.add(flow.Warning, n.ID, "timeout", "wait_forever", "without a time limit, contacts who never do it wait forever")
	}
}

func deref(p *float64) any {
	if p == nil {
		return "∞"
	}
	return *p
}

func hasOption(os []Option, v string) bool {
	for _, o := range os {
		if o.Value == v {
			return true
		}
	}
	return false
}

func hasType(f *flow.Flow, typ string) bool {
	for _, n := range f.Nodes {
		if n.Type == typ {
			return true
		}
	}
	return false
}

// reachability warns about steps no trigger leads to (when they have inputs,
// so the "no step leads here" warning does not repeat).
func (v *validator) reachability(specs map[string]*Spec, out map[string]map[string]string, in map[string]int) {
	seen := map[string]bool{}
	var stack []string
	for id, s := range specs {
		if s.Kind == KindTrigger {
			stack = append(stack, id)
		}
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		for _, to := range out[id] {
			stack = append(stack, to)
		}
	}
	for _, n := range v.f.Nodes {
		if specs[n.ID] != nil && !seen[n.ID] && in[n.ID] > 0 {
			v.add(flow.Warning, n.ID, "", "unreachable", "no start leads here: contacts never reach it")
		}
	}
}

// instantLoops refuses a cycle with no wait on it: it would spin without time passing.
func (v *validator) instantLoops(specs map[string]*Spec, out map[string]map[string]string) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var path []string
	reported := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		path = append(path, id)
		if s := specs[id]; s != nil && s.Kind != KindWait {
			for _, to := range sortedTargets(out[id]) {
				if s2 := specs[to]; s2 == nil || s2.Kind == KindWait {
					continue
				}
				switch color[to] {
				case grey:
					i := indexOf(path, to)
					loop := append(append([]string{}, path[i:]...), to)
					if !reported[to] {
						reported[to] = true
						v.add(flow.Error, to, "", "instant_loop", "these steps loop with no wait between them: %s — add a wait to the loop", strings.Join(loop, " → "))
					}
				case white:
					visit(to)
				}
			}
		}
		path = path[:len(path)-1]
		color[id] = black
	}
	for _, n := range v.f.Nodes {
		if specs[n.ID] != nil && color[n.ID] == white {
			visit(n.ID)
		}
	}
}

func sortedTargets(m map[string]string) []string {
	ports := make([]string, 0, len(m))
	for p := range m {
		ports = append(ports, p)
	}
	sort.Strings(ports)
	out := make([]string, len(ports))
	for i, p := range ports {
		out[i] = m[p]
	}
	return out
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return 0
}

// engagement warns when an "opened/clicked" check has no wait between the
// email and the check: nobody opens an email in zero seconds.
func (v *validator) engagement(specs map[string]*Spec, out map[string]map[string]string) {
	for _, n := range v.f.Nodes {
		if n.Type != "condition.email_engagement" {
			continue
		}
		email := ConfigOf(&n, specs[n.ID]).String("email_node")
		if v.node(email) == nil {
			continue
		}
		if !pathAvoiding(email, n.ID, out, func(id string) bool { return specs[id] != nil && specs[id].Kind == KindWait }) {
			continue
		}
		v.add(flow.Warning, n.ID, "email_node", "engagement_no_wait", "there is no wait between the email and this check: contacts will not have had time to open it")
	}
}

// pathAvoiding reports whether to is reachable from from without passing a node for which stop is true.
func pathAvoiding(from, to string, out map[string]map[string]string, stop func(string) bool) bool {
	seen := map[string]bool{}
	stack := []string{from}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if id == to {
			return true
		}
		if seen[id] || (id != from && stop(id)) {
			continue
		}
		seen[id] = true
		for _, t := range out[id] {
			stack = append(stack, t)
		}
	}
	return false
}

// crossFlow refuses a go-to-flow loop between funnels that can spin without
// time passing: each hop reached from the start with no wait, into a funnel
// whose contacts may re-enter every time.
func (v *validator) crossFlow(specs map[string]*Spec, out map[string]map[string]string) {
	if v.others == nil {
		return
	}
	all := map[string]*flow.Flow{}
	for id, o := range v.others {
		all[id] = o
	}
	all[v.f.ID] = v.f
	instant := map[string][]string{}
	for id, fl := range all {
		instant[id] = instantHops(fl, v.reg)
	}
	// DFS from this flow looking for a path back to it.
	var path []string
	seen := map[string]bool{}
	var dfs func(id string) bool
	dfs = func(id string) bool {
		for _, to := range instant[id] {
			target := all[to]
			if target == nil || target.Settings.Reentry != flow.ReentryAlways {
				continue
			}
			if to == v.f.ID {
				path = append(path, to)
				return true
			}
			if seen[to] {
				continue
			}
			seen[to] = true
			path = append(path, to)
			if dfs(to) {
				return true
			}
			path = path[:len(path)-1]
		}
		return false
	}
	if v.f.Settings.Reentry == flow.ReentryAlways && dfs(v.f.ID) {
		node := ""
		for _, n := range v.f.Nodes {
			if n.Type == "action.goto_flow" {
				node = n.ID
				break
			}
		}
		v.add(flow.Error, node, "flow", "flow_loop", "funnels send contacts to each other with no wait and no re-entry limit: %s → %s — add a wait or set re-entry to once", v.f.ID, strings.Join(path, " → "))
	}
}

// instantHops lists the funnels a flow sends contacts to without any wait
// between its start and the go-to step.
func instantHops(f *flow.Flow, reg *Registry) []string {
	out := map[string][]string{}
	kind := map[string]Kind{}
	byID := make(map[string]*flow.Node, len(f.Nodes))
	for i, n := range f.Nodes {
		if s, ok := reg.Lookup(n.Type); ok {
			kind[n.ID] = s.Kind
		}
		if byID[n.ID] == nil {
			byID[n.ID] = &f.Nodes[i]
		}
	}
	for _, e := range f.Edges {
		out[e.From] = append(out[e.From], e.To)
	}
	var hops []string
	seen := map[string]bool{}
	var stack []string
	for _, n := range f.Nodes {
		if kind[n.ID] == KindTrigger {
			stack = append(stack, n.ID)
		}
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] || kind[id] == KindWait {
			continue
		}
		seen[id] = true
		n := byID[id]
		if n != nil && n.Type == "action.goto_flow" {
			if t, _ := n.Config["flow"].(string); t != "" {
				hops = append(hops, t)
			}
		}
		stack = append(stack, out[id]...)
	}
	sort.Strings(hops)
	return hops
}
