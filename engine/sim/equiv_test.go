package sim_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"flightplan/engine"
	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/settings"
	"flightplan/engine/sim"
	"flightplan/engine/store"
	"flightplan/engine/templates"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday

// customFlow exercises what the gallery does not: exit criteria, re-entry
// once per period, a flow timezone, an A/B split, office hours, a field
// condition and split, a field change, a Lua condition from the shipped
// library, a wait for a filtered event, a goal met by a tag while waiting
// for a contact's date.
const customFlow = `{
  "format": "flightplan.flow/v1", "id": "custom", "name": "Custom",
  "settings": {"reentry": "per_period", "reentry_period": "10d", "exit_on": ["unsubscribed"], "timezone": "Europe/Paris"},
  "nodes": [
    {"id": "start", "type": "trigger.event", "config": {"event_type": "webinar", "filter": {"topic": "*growth"}}},
    {"id": "ab", "type": "split.random"},
    {"id": "office", "type": "wait.window"},
    {"id": "fr", "type": "condition.field", "config": {"field": "country", "operator": "equals", "value": "France"}},
    {"id": "setf", "type": "action.set_field", "config": {"field": "plan", "value": "pro"}},
    {"id": "lang", "type": "split.field", "config": {"field": "language", "cases": ["fr", "en"]}},
    {"id": "lua", "type": "condition.lua", "config": {"script": "hot_lead_pricing", "params": {"min_visits": 1, "event_type": "page_visit"}}},
    {"id": "score", "type": "action.score", "config": {"points": 35}},
    {"id": "mail", "type": "action.send_email", "config": {"template": "custom-1"}},
    {"id": "wevent", "type": "wait.event", "config": {"event_type": "page_visit", "filter": {"path": "*docs"}, "timeout": "3d"}},
    {"id": "tagvip", "type": "action.tag_add", "config": {"tag": "vip"}},
    {"id": "until", "type": "wait.until_date", "config": {"mode": "field", "field": "renewal", "offset_days": -2, "at_time": "08:00"}},
    {"id": "goal", "type": "goal.reached", "config": {"tag": "vip"}}
  ],
  "edges": [
    {"from": "start", "to": "ab"},
    {"from": "ab", "port": "a", "to": "office"},
    {"from": "ab", "port": "b", "to": "fr"},
    {"from": "office", "to": "fr"},
    {"from": "fr", "port": "yes", "to": "setf"},
    {"from": "fr", "port": "no", "to": "lang"},
    {"from": "setf", "to": "lang"},
    {"from": "lang", "port": "case_fr", "to": "lua"},
    {"from": "lang", "port": "case_en", "to": "lua"},
    {"from": "lang", "port": "other", "to": "mail"},
    {"from": "lua", "port": "yes", "to": "score"},
    {"from": "lua", "port": "no", "to": "mail"},
    {"from": "score", "to": "mail"},
    {"from": "mail", "to": "wevent"},
    {"from": "wevent", "port": "met", "to": "tagvip"},
    {"from": "wevent", "port": "timeout", "to": "until"},
    {"from": "tagvip", "to": "until"},
    {"from": "until", "to": "goal"}
  ]
}`

// vipFlow starts when a contact enters the "engaged" segment (a score of
// 30 or more), hotFlow when its temperature becomes hot.
const vipFlow = `{
  "format": "flightplan.flow/v1", "id": "vip", "name": "VIP",
  "settings": {"reentry": "always"},
  "nodes": [
    {"id": "in", "type": "trigger.segment_entered", "config": {"segment": "engaged"}},
    {"id": "tag", "type": "action.tag_add", "config": {"tag": "vip"}},
    {"id": "mail", "type": "action.send_email", "config": {"template": "vip-welcome"}}
  ],
  "edges": [{"from": "in", "to": "tag"}, {"from": "tag", "to": "mail"}]
}`

const hotFlow = `{
  "format": "flightplan.flow/v1", "id": "hot", "name": "Hot lead",
  "nodes": [
    {"id": "in", "type": "trigger.score_reached", "config": {"metric": "temperature", "temperature": "hot"}},
    {"id": "sales", "type": "action.set_stage", "config": {"stage": "sql"}}
  ],
  "edges": [{"from": "in", "to": "sales"}]
}`

func engagedSegment(c *contact.Contact) bool { return c.Score >= 30 }

// scoringRules are declarative scoring rules, run by the engine/contacts
// scorer on both sides.
func scoringRules(t testing.TB) *contacts.Scorer {
	t.Helper()
	sc, err := contacts.NewScorer([]contacts.ScoringRule{
		{Name: "pricing page", Event: contact.EventPageVisited, Points: 20, Enabled: true, Filters: []contacts.PropFilter{{Key: "url", Op: "contains", Value: "pricing"}}},
		{Name: "form", Event: contact.EventFormSubmitted, Points: 15, Enabled: true},
		{Name: "unsubscribed", Event: contact.EventUnsubscribed, Points: -50, Enabled: true},
	}, contacts.Decay{})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// scoringCast earns and loses points.
func scoringCast() []sim.ScriptedContact {
	return []sim.ScriptedContact{
		{Contact: person("paul@example.com", map[string]string{"owner": "sales@example.com"}), At: t0, Lists: []string{"newsletter"},
			Events: []sim.ScriptedEvent{
				ev(time.Hour, contact.EventPageVisited, map[string]any{"url": "https://example.com/pricing"}),
				ev(2*time.Hour, contact.EventFormSubmitted, map[string]any{"form": "demo"}),
				ev(dayD, contact.EventPageVisited, map[string]any{"url": "https://example.com/pricing/team"}),
				ev(2*dayD, contact.EventPageVisited, map[string]any{"url": "https://example.com/blog"}),
				ev(3*dayD, contact.EventUnsubscribed, nil),
				ev(4*dayD, contact.EventFormSubmitted, map[string]any{"form": "newsletter"}),
				ev(5*dayD, contact.EventPageVisited, map[string]any{"url": "https://example.com/pricing"}),
			}},
		{Contact: &contact.Contact{Email: "rita@example.com", Identity: map[string]string{}, Score: 25}, At: t0,
			Events: []sim.ScriptedEvent{ev(dayD, contact.EventFormSubmitted, map[string]any{"form": "white-paper"})}},
		{Contact: person("sam@example.com", nil), At: t0},
	}
}

func galleryFlows(t testing.TB, extra ...string) []*flow.Flow {
	t.Helper()
	all, err := templates.All()
	if err != nil {
		t.Fatal(err)
	}
	var fs []*flow.Flow
	for _, tp := range all {
		fs = append(fs, tp.Flow)
	}
	for i, src := range extra {
		f, err := flow.Parse(fmt.Sprintf("extra%d", i), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	return fs
}

func at(d time.Duration) time.Time { return t0.Add(d) }

const dayD = 24 * time.Hour

func person(email string, identity map[string]string) *contact.Contact {
	if identity == nil {
		identity = map[string]string{}
	}
	return &contact.Contact{Email: email, Identity: identity}
}

func ev(d time.Duration, typ string, props map[string]any) sim.ScriptedEvent {
	return sim.ScriptedEvent{At: at(d), Type: typ, Props: props}
}

func email(d time.Duration, typ, flowID, node string, props map[string]any) sim.ScriptedEvent {
	p := map[string]any{"node": node}
	maps.Copy(p, props)
	return sim.ScriptedEvent{At: at(d), Type: typ, Props: p, Flow: flowID}
}

// gallery is a cast that walks every gallery funnel and the custom flow.
func galleryCast() []sim.ScriptedContact {
	return []sim.ScriptedContact{
		{Contact: person("ana@example.com", nil), At: t0, Lists: []string{"newsletter"}},
		{Contact: person("bob@example.com", map[string]string{"first_name": "Bob"}), At: at(5 * time.Minute), Lists: []string{"newsletter"},
			Events: []sim.ScriptedEvent{email(time.Hour, contact.EventEmailOpened, "welcome", "hello", nil)}},
		{Contact: &contact.Contact{Email: "carla@example.com", Identity: map[string]string{"owner": "sales@example.com", "country": "Canada"}, Score: 25}, At: at(10 * time.Minute),
			Events: []sim.ScriptedEvent{
				ev(dayD, contact.EventPageVisited, map[string]any{"url": "https://example.com/pricing"}),
				ev(2*dayD, contact.EventCartAbandoned, map[string]any{"amount": 80.0}),
				ev(2*dayD+5*time.Hour, contact.EventPurchase, map[string]any{"amount": 80.0}),
				email(31*dayD, contact.EventEmailClicked, "segmentation", "ask", map[string]any{"url": "https://example.com/pro"}),
			}},
		{Contact: person("dan@example.com", nil), At: at(time.Hour),
			Events: []sim.ScriptedEvent{
				ev(2*time.Hour, contact.EventFormSubmitted, map[string]any{"form": "newsletter"}),
				ev(3*dayD, "optin_confirmed", nil),
				ev(4*dayD, contact.EventFormSubmitted, map[string]any{"form": "white-paper"}),
				ev(4*dayD+3*time.Hour, contact.EventDownloaded, map[string]any{"file": "guide.pdf"}),
			}},
		{Contact: person("eve@example.com", map[string]string{"birth_date": "1990-03-05", "timezone": "America/Toronto"}), At: t0, Lists: []string{"customers"},
			Events: []sim.ScriptedEvent{
				email(dayD, contact.EventEmailClicked, "engagement", "news", map[string]any{"url": "https://example.com/blog"}),
				email(dayD+time.Hour, contact.EventEmailOpened, "engagement", "news", nil),
				email(2*dayD, contact.EventEmailOpened, "engagement", "news", nil),
			}},
		{Contact: person("finn@example.com", nil), At: t0,
			Events: []sim.ScriptedEvent{ev(dayD, contact.EventTagAdded, map[string]any{"tag": "inactive"})}},
		{Contact: &contact.Contact{Email: "gone@example.com", Identity: map[string]string{}, Unsubscribed: true}, At: t0, Lists: []string{"newsletter"},
			Events: []sim.ScriptedEvent{ev(3*time.Hour, contact.EventCartAbandoned, nil)}},
		{Contact: person("hugo@example.com", map[string]string{"country": "Japan"}), At: t0,
			Events: []sim.ScriptedEvent{
				ev(dayD, contact.EventPurchase, map[string]any{"amount": 49.0}),
				ev(20*dayD, contact.EventPurchase, map[string]any{"amount": 99.0}),
			}},
		{Contact: &contact.Contact{Email: "gus@example.com", Identity: map[string]string{"country": "France", "language": "fr", "timezone": "Europe/Paris"},
			Fields: map[string]any{"renewal": "2026-03-20"}}, At: t0,
			Events: []sim.ScriptedEvent{
				ev(time.Hour, "page_visit", map[string]any{"path": "/pricing"}),
				ev(2*time.Hour, "webinar", map[string]any{"topic": "Growth hacking"}),
				ev(dayD, "page_visit", map[string]any{"path": "/docs/intro"}),
			}},
		{Contact: &contact.Contact{Email: "hana@example.com", Identity: map[string]string{"country": "Canada", "language": "en"},
			Fields: map[string]any{"renewal": "2026-04-30"}}, At: t0,
			Events: []sim.ScriptedEvent{
				ev(5*dayD, "webinar", map[string]any{"topic": "growth"}),
				ev(5*dayD+time.Hour, contact.EventUnsubscribed, nil),
			}},
		{Contact: &contact.Contact{Email: "ivy@example.com", Identity: map[string]string{"language": "de"}}, At: t0,
			Events: []sim.ScriptedEvent{
				ev(dayD, "webinar", map[string]any{"topic": "growth"}),
				ev(3*dayD, "webinar", map[string]any{"topic": "growth"}),
				ev(15*dayD, "webinar", map[string]any{"topic": "growth"}),
				ev(16*dayD, "webinar", map[string]any{"topic": "growth"}),
			}},
		// Saturday night webinars: branch A waits for office hours in Paris.
		{Contact: &contact.Contact{Email: "jon@example.com", Identity: map[string]string{}, Fields: map[string]any{"renewal": "2026-03-01"}}, At: t0, Events: []sim.ScriptedEvent{ev(5*dayD+13*time.Hour, "webinar", map[string]any{"topic": "growth"})}},
		{Contact: &contact.Contact{Email: "kim@example.com", Identity: map[string]string{}, Fields: map[string]any{"renewal": "2026-03-01"}}, At: t0, Events: []sim.ScriptedEvent{ev(5*dayD+13*time.Hour, "webinar", map[string]any{"topic": "growth"})}},
		{Contact: &contact.Contact{Email: "lou@example.com", Identity: map[string]string{}, Fields: map[string]any{"renewal": "2026-03-01"}}, At: t0, Events: []sim.ScriptedEvent{ev(5*dayD+13*time.Hour, "webinar", map[string]any{"topic": "growth"})}},
	}
}

// rulesCast meets the frequency cap and quiet hours.
func rulesCast() []sim.ScriptedContact {
	return []sim.ScriptedContact{
		{Contact: person("busy@example.com", nil), At: t0, Lists: []string{"newsletter"},
			Events: []sim.ScriptedEvent{ev(0, contact.EventCartAbandoned, nil), ev(3*dayD, contact.EventCartAbandoned, nil)}},
		{Contact: person("night@example.com", nil), At: time.Date(2026, 3, 5, 22, 0, 0, 0, time.UTC), Lists: []string{"newsletter"}},
		{Contact: person("toronto@example.com", map[string]string{"timezone": "America/Toronto"}), At: time.Date(2026, 3, 6, 3, 30, 0, 0, time.UTC),
			Lists: []string{"newsletter"}, Events: []sim.ScriptedEvent{ev(4*dayD+12*time.Hour, contact.EventCartAbandoned, nil)}},
	}
}

func render(s sim.Step) string {
	p := s.Node
	if s.Port != "" {
		p += ":" + s.Port
	}
	return fmt.Sprintf("%s %s %s(%s) %s", s.At.UTC().Format("01-02 15:04:05.000"), s.Flow, p, s.Outcome, s.Reason)
}

// runLive plays the cast on the live runner over a SQLite workspace with a
// virtual clock: each contact is created, and each event ingested, at its
// time, after everything due before or at that time ran.
func runLive(t *testing.T, flows []*flow.Flow, rules sim.Rules, opts runner.Options, cast []sim.ScriptedContact, end time.Time) [][]string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "ws.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for k, v := range map[string]string{settings.CapPerDay: fmt.Sprint(rules.CapPerDay), settings.CapPerWeek: fmt.Sprint(rules.CapPerWeek),
		settings.QuietFrom: rules.QuietFrom, settings.QuietTo: rules.QuietTo} {
		if v != "" && v != "0" {
			if err := st.SetSetting(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	clk := clock.NewVirtual(t0)
	reg := nodes.MustRegistry()
	opts.Clock, opts.Scripts = clk, engine.NewLua(st)
	r := runner.New(st, reg, opts)
	for _, f := range flows {
		if _, err := st.Publish(f, "", t0); err != nil {
			t.Fatal(err)
		}
	}
	type item struct {
		at      time.Time
		seq     int
		contact int
		event   int
	}
	var items []item
	for i, c := range cast {
		items = append(items, item{c.At, len(items), i, -1})
		for j, e := range c.Events {
			items = append(items, item{e.At, len(items), i, j})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].at.Before(items[j].at) })
	ids := make([]int64, len(cast))
	for _, it := range items {
		if _, err := r.RunUntil(ctx, clk, it.at); err != nil {
			t.Fatal(err)
		}
		c := cast[it.contact]
		if it.event < 0 {
			cp := *c.Contact
			cp.Identity = maps.Clone(c.Contact.Identity)
			cp.Fields = maps.Clone(c.Contact.Fields)
			id, err := r.CreateContact(ctx, &cp, c.Lists)
			if err != nil {
				t.Fatal(err)
			}
			// Tags the scripted contact already has, without an event, as
			// the simulator gives them.
			for _, tag := range c.Contact.Tags {
				if _, err := store.AddTag(ctx, st.DB(), id, tag, it.at); err != nil {
					t.Fatal(err)
				}
			}
			ids[it.contact] = id
			continue
		}
		e := c.Events[it.event]
		props := maps.Clone(e.Props)
		if e.Flow != "" {
			var enr int64
			st.ReadDB().QueryRow(`SELECT id FROM enrollments WHERE contact_id=? AND flow_id=? ORDER BY id DESC LIMIT 1`, ids[it.contact], e.Flow).Scan(&enr)
			if enr > 0 {
				if props == nil {
					props = map[string]any{}
				}
				props["enrollment_id"] = enr
			}
		}
		if _, rej, err := r.Ingest(ctx, []runner.EventInput{{ContactID: ids[it.contact], Type: e.Type, Props: props, At: it.at}}, "test"); err != nil || len(rej) > 0 {
			t.Fatal(err, rej)
		}
	}
	if _, err := r.RunUntil(ctx, clk, end); err != nil {
		t.Fatal(err)
	}
	out := make([][]string, len(cast))
	for i, id := range ids {
		if id != int64(i+1) {
			t.Fatalf("live contact %d has id %d: the cast must be in creation order", i, id)
		}
		steps, err := r.Path(ctx, id, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			out[i] = append(out[i], render(sim.Step{Flow: s.FlowID, Node: s.Node, Port: s.Port, Reason: s.Reason, Outcome: s.Outcome, At: s.At}))
		}
	}
	return out
}

// predicates is a runner.SegmentChecker over Go predicates: the live side
// of Config.Segments.
type predicates map[string]func(*contact.Contact) bool

func (p predicates) InSegment(_ context.Context, _ store.Querier, c *contact.Contact, segment string, _ time.Time) (bool, error) {
	f := p[segment]
	if f == nil {
		return false, fmt.Errorf("no segment %q", segment)
	}
	return f(c), nil
}

func runScripted(t *testing.T, cfg sim.Config) [][]string {
	t.Helper()
	res, err := sim.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]string, len(cfg.Scripted))
	for i, j := range res.Journeys {
		for _, s := range j.Steps {
			out[i] = append(out[i], render(s))
		}
	}
	return out
}

// TestEquivalentToLiveRunner plays the same contacts and events on the live
// runner and on the simulator: every contact's journal — flows, nodes,
// ports, outcomes, reasons and times, in order — must be the same.
func TestEquivalentToLiveRunner(t *testing.T) {
	cases := []struct {
		name  string
		flows []*flow.Flow
		rules sim.Rules
		cast  []sim.ScriptedContact
		days  int
		// segments and scorer, when set, run on both sides.
		segments map[string]func(*contact.Contact) bool
		scorer   *contacts.Scorer
		// covers are journal fragments the scenario must produce, so that
		// it cannot silently stop exercising a rule.
		covers []string
	}{
		{"gallery", galleryFlows(t, customFlow), sim.Rules{}, galleryCast(), 40, nil, nil, []string{
			"(jump) jumped to goal", "(exit) left the funnel: unsubscribed", "office(wait)", "alert:next(ok) alerted sales@example.com",
			`script "hot_lead_pricing" returned true`, "stages only move forward", "entered the flow on entered flow",
			"entered the flow on anniversary", "waiting for best hour", "opened:yes", "clicked:yes", "wait2:met", "case_canada",
			"lang:case_fr", "set plan to", "already passed", "until(wait)", "downloaded:yes"}},
		{"rules", galleryFlows(t), sim.Rules{CapPerDay: 1, CapPerWeek: 3, QuietFrom: "21:00", QuietTo: "08:00"}, rulesCast(), 10, nil, nil, []string{
			"frequency cap (1 per day)", "frequency cap (3 per week)", "queued for 2026-03-06 08:00 UTC (quiet hours)", "08:00 EST (quiet hours)"}},
		{"scoring and segments", galleryFlows(t, vipFlow, hotFlow), sim.Rules{}, scoringCast(), 10,
			map[string]func(*contact.Contact) bool{"engaged": engagedSegment}, scoringRules(t), []string{
				"vip in:next(ok) entered the flow on segment entered", "hot in:next(ok) entered the flow on score changed",
				"pricing:yes", "hot:yes", "alert:next(ok) alerted sales@example.com"}},
	}
	for _, tc := range cases {
		// Contacts get their ids in creation order on both sides.
		sort.SliceStable(tc.cast, func(i, j int) bool { return tc.cast[i].At.Before(tc.cast[j].At) })
		t.Run(tc.name, func(t *testing.T) {
			opts := runner.Options{}
			cfg := sim.Config{Flows: tc.flows, Scripted: tc.cast, Days: tc.days, Start: t0, Rules: tc.rules, Journal: true, Scripts: sim.NewLua(nil, nil)}
			if tc.segments != nil {
				opts.Segments = predicates(tc.segments)
				cfg.Segments = tc.segments
			}
			if tc.scorer != nil {
				opts.Scoring = func(context.Context, store.Querier) (runner.Scorer, error) { return tc.scorer, nil }
				cfg.Scoring = tc.scorer
			}
			live := runLive(t, tc.flows, tc.rules, opts, tc.cast, t0.Add(time.Duration(tc.days)*dayD))
			simulated := runScripted(t, cfg)
			steps := 0
			for i := range tc.cast {
				steps += len(live[i])
				if a, b := strings.Join(live[i], "\n"), strings.Join(simulated[i], "\n"); a != b {
					t.Errorf("contact %d (%s):\nlive:\n%s\nsimulated:\n%s", i+1, tc.cast[i].Contact.Email, a, b)
				}
			}
			var all strings.Builder
			for _, p := range live {
				all.WriteString(strings.Join(p, "\n"))
			}
			for _, c := range tc.covers {
				if !strings.Contains(all.String(), c) {
					t.Errorf("the scenario no longer produces %q", c)
				}
			}
			t.Logf("%d contacts, %d steps, identical", len(tc.cast), steps)
		})
	}
}
