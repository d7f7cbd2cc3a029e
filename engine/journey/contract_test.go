package journey_test

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"flightplan/engine"
	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/journey"
	"flightplan/engine/mail"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/settings"
	"flightplan/engine/sim"
	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
	"flightplan/engine/templates"
	"flightplan/engine/words"
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

// A scenario is one journey behaviour: contacts and their events played
// through flows under a policy, and what the journals must then say. Every
// scenario runs on every implementation of the journey rules' data (the
// live runner's batch over a SQLite workspace, the simulator's world), and
// the journals of all of them must be identical.
type scenario struct {
	name  string
	flows []*flow.Flow
	rules journey.Rules
	cast  []sim.ScriptedContact
	days  int
	// relay, when set, delivers email at its time through a relay that
	// answers so (sim.Relay*): live, a real SMTP server on loopback.
	relay string
	// segments and scorer, when set, run on every side.
	segments map[string]func(*contact.Contact) bool
	scorer   *contacts.Scorer
	// scripts are the workspace's own Lua scripts (name: source, a
	// condition), beside the shipped library.
	scripts map[string]string
	// missing are emails the flows send that the workspace does not hold
	// (with a relay, every other email exists).
	missing []string
	// want holds fragments the journal of contact i (its index in cast)
	// must show; never, fragments no journal may show; count, how many
	// journal lines (all contacts) show a fragment.
	want  map[int][]string
	never []string
	count map[string]int
	// covers holds fragments some journal must show, so that a broad
	// scenario cannot silently stop exercising a rule.
	covers []string
}

// A world plays a scenario and returns each contact's journal, rendered.
type world struct {
	name string
	play func(t *testing.T, sc *scenario) [][]string
}

var worlds = []world{{"live", playLive}, {"postgres", playPostgres}, {"simulated", playSimulated}}

// relayAnswer is what the test relay says when it refuses or defers.
const relayAnswer = "mailbox unavailable"

func render(s sim.Step) string {
	p := s.Node
	if s.Port != "" {
		p += ":" + s.Port
	}
	return fmt.Sprintf("%s %s %s(%s) %s", s.At.UTC().Format("01-02 15:04:05.000"), s.Flow, p, s.Outcome, reasonKey(s.Why))
}

// reasonKey is a reason as both worlds must write it: its code and its
// parameters (in key order: the live journal stores them as JSON).
func reasonKey(r words.Reason) string {
	c, err := words.Parse(string(r.Code), r.ParamsJSON())
	if err != nil {
		return "unreadable " + err.Error()
	}
	return strings.TrimSpace(string(c.Code) + " " + c.ParamsJSON())
}

// relayText is the relay's answer in a delivery line: the live sender
// words an SMTP reply its own way around the server's text.
var relayText = regexp.MustCompile(`"error":"(?:[^"\\]|\\.)*?` + relayAnswer + `(?:[^"\\]|\\.)*"`)

func normalise(line string) string {
	return relayText.ReplaceAllString(line, `"error":"<relay: `+relayAnswer+`>"`)
}

// playLive plays the cast on the live runner over a SQLite workspace with a
// virtual clock: each contact is created, and each event ingested, at its
// time, after everything due before or at that time ran (engine and, with
// a relay, delivery).
func playLive(t *testing.T, sc *scenario) [][]string {
	return playLiveOn(t, sc, filepath.Join(t.TempDir(), "ws.flightplan"))
}

// playPostgres plays the cast as playLive does, over a PostgreSQL
// workspace in a database of its own on the package's throwaway server.
func playPostgres(t *testing.T, sc *scenario) [][]string {
	return playLiveOn(t, sc, pgtest.Prepared(t, "workspace", func(url string) error {
		st, err := store.Open(url)
		if err == nil {
			err = st.Close()
		}
		return err
	}))
}

func playLiveOn(t *testing.T, sc *scenario, workspace string) [][]string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(workspace)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rules := sc.rules
	set := map[string]string{settings.CapPerDay: fmt.Sprint(rules.CapPerDay), settings.CapPerWeek: fmt.Sprint(rules.CapPerWeek),
		settings.QuietFrom: rules.QuietFrom, settings.QuietTo: rules.QuietTo, settings.StageBackwards: fmt.Sprint(rules.StageBackwards)}
	if rules.Warm != 0 {
		set[settings.TemperatureWarm] = fmt.Sprint(rules.Warm)
	}
	if rules.Hot != 0 {
		set[settings.TemperatureHot] = fmt.Sprint(rules.Hot)
	}
	for k, v := range set {
		if v != "" && v != "0" && v != "false" {
			if err := st.SetSetting(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	clk := clock.NewVirtual(t0)
	opts := runner.Options{Clock: clk, Scripts: engine.NewLua(st)}
	if sc.segments != nil {
		opts.Segments = predicates(sc.segments)
	}
	if sc.scorer != nil {
		opts.Scoring = func(context.Context, store.Querier) (runner.Scorer, error) { return sc.scorer, nil }
	}
	for name, src := range sc.scripts {
		if err := st.SaveScript(ctx, name, "condition", src, t0); err != nil {
			t.Fatal(err)
		}
	}
	r := runner.New(st, nodes.MustRegistry(), opts)
	for _, f := range sc.flows {
		if _, err := st.Publish(f, "", t0); err != nil {
			t.Fatal(err)
		}
	}
	deliver := func() {}
	if sc.relay != "" {
		svc := startRelay(t, st, r, sc)
		deliver = func() {
			for {
				n, err := r.Deliver(ctx, svc, 100)
				if err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					return
				}
			}
		}
	}
	// advance runs the engine up to end, stopping at each time a message
	// is due to deliver it then, as the delivery worker would.
	advance := func(end time.Time) {
		for range 10_000 {
			// Everything due now, then the messages due now.
			if _, err := r.RunUntil(ctx, clk, clk.Now()); err != nil {
				t.Fatal(err)
			}
			deliver()
			if !clk.Now().Before(end) {
				return
			}
			at := end
			var due int64
			st.QueryRowContext(ctx, `SELECT coalesce(min(next_at),0) FROM outbox WHERE status='pending'`).Scan(&due)
			if sc.relay != "" && due > 0 && store.FromMS(due).Before(at) {
				at = store.FromMS(due)
			}
			next, ok, err := r.NextWake(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ok && next.Before(at) {
				at = next
			}
			if !at.After(clk.Now()) {
				at = clk.Now().Add(time.Millisecond)
			}
			if _, err := r.RunUntil(ctx, clk, at); err != nil {
				t.Fatal(err)
			}
		}
		t.Fatalf("the engine kept waking before %s", end)
	}
	type item struct {
		at      time.Time
		contact int
		event   int
	}
	var items []item
	for i, c := range sc.cast {
		items = append(items, item{c.At, i, -1})
		for j, e := range c.Events {
			items = append(items, item{e.At, i, j})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].at.Before(items[j].at) })
	ids := make([]int64, len(sc.cast))
	for _, it := range items {
		advance(it.at)
		c := sc.cast[it.contact]
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
				if _, err := store.AddTag(ctx, st, id, tag, it.at); err != nil {
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
			st.QueryRowContext(ctx, `SELECT id FROM enrollments WHERE contact_id=? AND flow_id=? ORDER BY id DESC LIMIT 1`, ids[it.contact], e.Flow).Scan(&enr)
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
	advance(t0.Add(time.Duration(sc.days) * dayD))
	out := make([][]string, len(sc.cast))
	for i, id := range ids {
		if id != int64(i+1) {
			t.Fatalf("live contact %d has id %d: the cast must be in creation order", i, id)
		}
		steps, err := r.Path(ctx, id, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			out[i] = append(out[i], normalise(render(sim.Step{Flow: s.FlowID, Node: s.Node, Port: s.Port, Why: s.Why, Outcome: s.Outcome, At: s.At})))
		}
	}
	return out
}

// startRelay starts a real SMTP server on loopback that answers every
// recipient as the scenario says, and the delivery service sending
// through it.
func startRelay(t *testing.T, st *store.Store, r *runner.Runner, sc *scenario) *delivery.Service {
	t.Helper()
	for _, f := range sc.flows {
		for _, n := range f.Nodes {
			if tpl, _ := n.Config["template"].(string); n.Type == "action.send_email" && tpl != "" && !slices.Contains(sc.missing, tpl) {
				if err := st.SaveTemplate(tpl, tpl, `{"subject":"Hello","html":"<p>Hello</p>"}`, t0); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	srv := smtp.NewServer(relayBackend(sc.relay))
	srv.Domain = "relay.test"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(l.Addr().String())
	pn, _ := strconv.Atoi(port)
	prof := mail.Profile{Name: "relay", Host: host, Port: pn, Security: mail.SecurityNone, From: "news@flightplan.test", Connections: 1}
	svc, err := delivery.Start(st, r, delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0", Relay: &prof})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return svc
}

// relayBackend is the test relay: it accepts every message, refuses every
// recipient for good (550) or defers every one (451).
type relayBackend string

func (b relayBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return relaySession(b), nil }

type relaySession string

func (relaySession) Reset()                               {}
func (relaySession) Logout() error                        { return nil }
func (relaySession) Mail(string, *smtp.MailOptions) error { return nil }
func (s relaySession) Rcpt(to string, _ *smtp.RcptOptions) error {
	switch string(s) {
	case sim.RelayRefuses:
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: relayAnswer}
	case sim.RelayBusy:
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: relayAnswer}
	}
	return nil
}
func (relaySession) Data(r io.Reader) error { _, err := io.Copy(io.Discard, r); return err }

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

// playSimulated plays the cast in the simulator, scripted.
func playSimulated(t *testing.T, sc *scenario) [][]string {
	t.Helper()
	cfg := sim.Config{Flows: sc.flows, Scripted: sc.cast, Days: sc.days, Start: t0, Rules: sc.rules, Journal: true, Scripts: sim.NewLua(nil, sc.scripts),
		Segments: sc.segments, Relay: sc.relay, RelayAnswer: relayAnswer}
	if sc.missing != nil {
		// The workspace's emails: every one a step sends but the missing.
		cfg.Emails = map[string]bool{}
		for _, f := range sc.flows {
			for _, n := range f.Nodes {
				if tpl, _ := n.Config["template"].(string); tpl != "" && !slices.Contains(sc.missing, tpl) {
					cfg.Emails[tpl] = true
				}
			}
		}
	}
	if sc.scorer != nil {
		cfg.Scoring = sc.scorer
	}
	res, err := sim.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]string, len(sc.cast))
	for i, j := range res.Journeys {
		for _, s := range j.Steps {
			out[i] = append(out[i], normalise(render(s)))
		}
	}
	return out
}

// TestContract plays every scenario in every world: each world's journals
// must say what the scenario expects, and all worlds' journals — flows,
// nodes, ports, outcomes, reasons and times, in order — must be the same.
func TestContract(t *testing.T) {
	for _, sc := range scenarios(t) {
		// Contacts get their ids in creation order on both sides.
		sort.SliceStable(sc.cast, func(i, j int) bool { return sc.cast[i].At.Before(sc.cast[j].At) })
		t.Run(sc.name, func(t *testing.T) {
			got := make([][][]string, len(worlds))
			for i, w := range worlds {
				t.Run(w.name, func(t *testing.T) {
					got[i] = w.play(t, sc)
					check(t, sc, got[i])
				})
			}
			for i := 1; i < len(worlds); i++ {
				if got[0] == nil || got[i] == nil {
					t.Fatalf("a world did not finish: journals not compared")
				}
				for c := range sc.cast {
					if a, b := strings.Join(got[0][c], "\n"), strings.Join(got[i][c], "\n"); a != b {
						t.Errorf("contact %d (%s):\n%s:\n%s\n%s:\n%s", c+1, sc.cast[c].Contact.Email, worlds[0].name, a, worlds[i].name, b)
					}
				}
			}
		})
	}
}

// TestContractCoversEveryNodeKind: every node type of the catalogue is in
// some scenario, so a new kind cannot go untested on either side.
func TestContractCoversEveryNodeKind(t *testing.T) {
	// Entered by hand only (Runner.Enroll, a synthetic run's entry): a
	// scripted run has no hand to enter with. runner's tests cover it.
	seen := map[string]bool{"trigger.manual": true}
	for _, sc := range scenarios(t) {
		for _, f := range sc.flows {
			for _, n := range f.Nodes {
				seen[n.Type] = true
			}
		}
	}
	for _, s := range nodes.MustRegistry().Specs() {
		if !seen[s.Type] {
			t.Errorf("no contract scenario has a %s node", s.Type)
		}
	}
}

// check holds one world's journals to the scenario's expectations.
func check(t *testing.T, sc *scenario, journals [][]string) {
	t.Helper()
	var all []string
	for _, j := range journals {
		all = append(all, j...)
	}
	for i, frags := range sc.want {
		for _, f := range frags {
			if !strings.Contains(strings.Join(journals[i], "\n"), f) {
				t.Errorf("contact %d (%s): the journal does not show %q:\n%s", i+1, sc.cast[i].Contact.Email, f, strings.Join(journals[i], "\n"))
			}
		}
	}
	for _, f := range sc.covers {
		if !strings.Contains(strings.Join(all, "\n"), f) {
			t.Errorf("the scenario no longer produces %q", f)
		}
	}
	for _, f := range sc.never {
		for _, l := range all {
			if strings.Contains(l, f) {
				t.Errorf("a journal shows %q: %s", f, l)
			}
		}
	}
	for f, want := range sc.count {
		n := 0
		for _, l := range all {
			if strings.Contains(l, f) {
				n++
			}
		}
		if n != want {
			t.Errorf("%d journal lines show %q, want %d:\n%s", n, f, want, strings.Join(all, "\n"))
		}
	}
}

func parseFlow(t testing.TB, src string) *flow.Flow {
	t.Helper()
	f, err := flow.Parse("test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// chain is a flow whose start and steps follow one another: nodes are
// "id type {config}" triples, settings its settings as JSON.
func chain(t testing.TB, id, settings string, steps ...string) *flow.Flow {
	t.Helper()
	var nodes, edges []string
	for i := 0; i < len(steps); i += 3 {
		nodes = append(nodes, fmt.Sprintf(`{"id": %q, "type": %q, "config": %s}`, steps[i], steps[i+1], steps[i+2]))
		if i > 0 {
			edges = append(edges, fmt.Sprintf(`{"from": %q, "to": %q}`, steps[i-3], steps[i]))
		}
	}
	return parseFlow(t, fmt.Sprintf(`{"format": "flightplan.flow/v1", "id": %q, "name": %q, "settings": %s, "nodes": [%s], "edges": [%s]}`,
		id, id, settings, strings.Join(nodes, ","), strings.Join(edges, ",")))
}

func scenarios(t *testing.T) []*scenario {
	news := func(email string, at time.Time, events ...sim.ScriptedEvent) sim.ScriptedContact {
		return sim.ScriptedContact{Contact: person(email, nil), At: at, Lists: []string{"newsletter"}, Events: events}
	}
	return []*scenario{
		conditionTable(t),
		// Every gallery funnel and a custom flow: most node kinds, goals,
		// exits, waits for events and dates, Lua, anniversaries.
		{name: "gallery", flows: galleryFlows(t, customFlow), cast: galleryCast(), days: 40, covers: []string{
			"(jump) goal.jump.", `(exit) exit.event {"event":"unsubscribed"}`, "office(wait)", `alert:next(ok) alert.sent {"to":"sales@example.com"}`,
			`check.script {"answer":"true","script":"hot_lead_pricing"}`, "stage.stays", "enter.from",
			`enter.event {"event":"anniversary"}`, "wait.best ", "opened:yes", "clicked:yes", "wait2:met", "case_canada",
			"lang:case_fr", `field.set {"field":"plan"`, "wait.date.passed", "until(wait)", "downloaded:yes"}},
		// The frequency cap and quiet hours.
		{name: "cap and quiet hours", flows: galleryFlows(t), rules: journey.Rules{CapPerDay: 1, CapPerWeek: 3, QuietFrom: "21:00", QuietTo: "08:00"}, cast: rulesCast(), days: 10, covers: []string{
			`email.skipped.cap {"cap":"1","per":"day"}`, `email.skipped.cap {"cap":"3","per":"week"}`, `"at":"2026-03-06T08:00:00Z"`, `"tz":"America/Toronto"`}},
		// Declarative scoring, temperatures and segments starting flows.
		{name: "scoring and segments", flows: galleryFlows(t, vipFlow, hotFlow), cast: scoringCast(), days: 10,
			segments: map[string]func(*contact.Contact) bool{"engaged": engagedSegment}, scorer: scoringRules(t), covers: []string{
				`vip in:next(ok) enter.event {"event":"segment_entered"}`, `hot in:next(ok) enter.event {"event":"score_changed"}`,
				"pricing:yes", "hot:yes", `alert:next(ok) alert.sent {"to":"sales@example.com"}`}},
		// Re-entry: once ever, always (never twice at once), once per period.
		{name: "re-entry", days: 20, flows: []*flow.Flow{
			chain(t, "once", `{"reentry": "once"}`, "start", "trigger.event", `{"event_type": "ping"}`, "wait", "wait.delay", `{"duration": "1d"}`),
			chain(t, "always", `{"reentry": "always"}`, "start", "trigger.event", `{"event_type": "ping"}`, "wait", "wait.delay", `{"duration": "1d"}`),
			chain(t, "period", `{"reentry": "per_period", "reentry_period": "10d"}`, "start", "trigger.event", `{"event_type": "ping"}`, "wait", "wait.delay", `{"duration": "1d"}`),
		}, cast: []sim.ScriptedContact{{Contact: person("pat@example.com", nil), At: t0, Events: []sim.ScriptedEvent{
			ev(time.Minute, "ping", nil), ev(time.Hour, "ping", nil), ev(2*dayD, "ping", nil), ev(5*dayD, "ping", nil), ev(12*dayD, "ping", nil)}}},
			count: map[string]int{" once start:": 1, " always start:": 4, " period start:": 2}},
		// Contacts who cannot receive marketing email get none; a
		// transactional email still goes. The rule is the journey's
		// (queue), whatever step asks for the email.
		{name: "suppressed contacts", days: 2, flows: []*flow.Flow{
			chain(t, "news", `{}`, "start", "trigger.event", `{"event_type": "go"}`, "mail", "action.send_email", `{"template": "news"}`,
				"receipt", "action.send_email", `{"template": "receipt", "transactional": true}`)},
			cast: []sim.ScriptedContact{
				{Contact: &contact.Contact{Email: "gone@example.com", Identity: map[string]string{}, Unsubscribed: true}, At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "go", nil)}},
				{Contact: &contact.Contact{Email: "bad@example.com", Identity: map[string]string{}, Bounced: true}, At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "go", nil)}},
				{Contact: person("ok@example.com", nil), At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "go", nil)}}},
			want: map[int][]string{0: {`mail:next(skipped) email.skipped.unsubscribed {"email":"news"}`, `receipt:next(end) email.queued {"email":"receipt"}`}, 1: {`mail:next(skipped) email.skipped.bounced {"email":"news"}`},
				2: {`mail:next(ok) email.queued {"email":"news"}`}}},
		// Stages only move forward unless the workspace allows going back.
		{name: "stage order", days: 1, flows: []*flow.Flow{stageFlow(t)}, cast: stageCast(),
			want: map[int][]string{0: {`back:next(skipped) stage.stays {"asked":"lead","stage":"customer"}`}}},
		{name: "stage order, going back allowed", days: 1, rules: journey.Rules{StageBackwards: true}, flows: []*flow.Flow{stageFlow(t)}, cast: stageCast(),
			want: map[int][]string{0: {`back:next(end) stage.set`}}, never: []string{"stage.stays"}},
		// The workspace's temperature bands decide when a lead is hot.
		{name: "temperature bands", days: 1, rules: journey.Rules{Hot: 50},
			flows: []*flow.Flow{parseFlow(t, hotFlow), chain(t, "points", `{}`, "start", "trigger.event", `{"event_type": "buy"}`, "score", "action.score", `{"points": 55}`)},
			cast:  []sim.ScriptedContact{{Contact: person("lea@example.com", nil), At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "buy", nil)}}},
			want:  map[int][]string{0: {`hot in:next(ok) enter.event {"event":"score_changed"}`}}},
		// Linked funnels: a contact goes on in another funnel through its
		// "comes from another funnel" start, within that funnel's re-entry
		// rule. (A link to a funnel without that start is refused before
		// any journey: by publishing, by the simulator.)
		{name: "linked funnels", days: 2, flows: []*flow.Flow{
			chain(t, "hop", `{"reentry": "always"}`, "start", "trigger.event", `{"event_type": "hop"}`, "go", "action.goto_flow", `{"flow": "land"}`),
			chain(t, "land", `{"reentry": "once"}`, "in", "trigger.from_flow", `{}`, "tag", "action.tag_add", `{"tag": "landed"}`),
		}, cast: []sim.ScriptedContact{{Contact: person("max@example.com", nil), At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "hop", nil), ev(dayD, "hop", nil)}}},
			want: map[int][]string{0: {`land in:next(ok) enter.from {"funnel":"hop"}`, `land tag:next(end)`,
				`funnel.no_reentry {"funnel":"land"}`}},
			count: map[string]int{"land tag:": 1}},
		// A sign-up form starts a funnel: only its own form, matched by name.
		{name: "form sign-up", days: 1, flows: []*flow.Flow{
			chain(t, "wp", `{}`, "start", "trigger.form_submitted", `{"form": "White paper"}`, "tag", "action.tag_add", `{"tag": "whitepaper"}`)},
			cast: []sim.ScriptedContact{
				{Contact: person("wen@example.com", nil), At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "form_submitted", map[string]any{"form": "white paper"})}},
				{Contact: person("otto@example.com", nil), At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "form_submitted", map[string]any{"form": "Demo"})}}},
			want:  map[int][]string{0: {"wp tag:next(end)"}},
			count: map[string]int{"wp tag:": 1}},
		// A step that fails stops its journey, with the reason.
		{name: "failing step", days: 1, flows: []*flow.Flow{
			chain(t, "bad", `{}`, "start", "trigger.event", `{"event_type": "go"}`, "setf", "action.set_field", `{"field": "email", "value": "x@example.com"}`, "tag", "action.tag_add", `{"tag": "after"}`)},
			cast:  []sim.ScriptedContact{{Contact: person("eli@example.com", nil), At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "go", nil)}}},
			want:  map[int][]string{0: {`bad setf(error) step.error {"error":"the email address cannot be changed by a flow"}`}},
			never: []string{"bad tag:"}},
		// The node kinds no other scenario has: a segment check, a webhook,
		// a Lua action from the shipped library.
		{name: "segment, webhook and Lua action", days: 1, segments: map[string]func(*contact.Contact) bool{"engaged": engagedSegment},
			flows: []*flow.Flow{parseFlow(t, `{"format": "flightplan.flow/v1", "id": "misc", "name": "Misc", "nodes": [
				{"id": "start", "type": "trigger.event", "config": {"event_type": "go"}},
				{"id": "seg", "type": "condition.segment", "config": {"segment": "engaged"}},
				{"id": "hook", "type": "action.webhook", "config": {"url": "https://example.com/hook"}},
				{"id": "clean", "type": "action.lua", "config": {"script": "region_cleanup", "params": {"field": "province"}}}],
				"edges": [{"from": "start", "to": "seg"}, {"from": "seg", "port": "yes", "to": "hook"}, {"from": "seg", "port": "no", "to": "clean"}, {"from": "hook", "to": "clean"}]}`)},
			cast: []sim.ScriptedContact{
				{Contact: &contact.Contact{Email: "ada@example.com", Identity: map[string]string{}, Score: 35, Fields: map[string]any{"province": "Quebec"}}, At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "go", nil)}},
				{Contact: &contact.Contact{Email: "bo@example.com", Identity: map[string]string{}, Fields: map[string]any{"province": "Atlantis"}}, At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "go", nil)}}},
			want: map[int][]string{0: {"misc seg:yes(ok)", `misc hook:next(ok) webhook.queued {"url":"https://example.com/hook"}`, "misc clean:"},
				1: {"misc seg:no(ok)", "misc clean:"}}},
		// A relay refusing an address for good: the contact gets no more
		// marketing email.
		{name: "refused address", days: 3, relay: sim.RelayRefuses, flows: []*flow.Flow{twoEmails(t)}, cast: []sim.ScriptedContact{news("ann@example.com", t0)},
			want: map[int][]string{0: {`one(failed) send.refused {"email":"one","error":"<relay: ` + relayAnswer + `>"}`, `two:next(skipped) email.skipped.bounced {"email":"two"}`}}},
		// Suppression is checked again at send time: a marketing email
		// held by quiet hours does not go to a contact whose address was
		// refused meanwhile (by a transactional email sent at once).
		{name: "suppressed while held by quiet hours", days: 3, relay: sim.RelayRefuses, rules: journey.Rules{QuietFrom: "21:00", QuietTo: "08:00"},
			flows: []*flow.Flow{chain(t, "late", `{}`, "start", "trigger.list_joined", `{"list": "newsletter"}`, "later", "action.send_email", `{"template": "later"}`,
				"wait", "wait.delay", `{"duration": "1h"}`, "receipt", "action.send_email", `{"template": "receipt", "transactional": true}`)},
			cast: []sim.ScriptedContact{news("nat@example.com", t0.Add(13*time.Hour))},
			want: map[int][]string{0: {`email.quiet_hours {"at":"2026-03-03T08:00:00Z","email":"later","tz":"UTC"}`, `receipt(failed) send.refused {"email":"receipt"`,
				`03-03 08:00:00.000 late later(skipped) send.cancelled.suppressed {"email":"later"}`}},
			never: []string{`"email":"later","error"`}},
		// What would fail live fails in the simulator, in the same words:
		// an email deleted after publishing, a script that does not exist
		// or does not compile. A list that does not exist yet is made by
		// the step, on both sides.
		{name: "missing email, script and list", days: 3, relay: sim.RelayAccepts, missing: []string{"gone"},
			scripts: map[string]string{"broken": "return contact.score >"},
			flows: []*flow.Flow{
				yesNo(t, chain(t, "holes", `{}`, "start", "trigger.list_joined", `{"list": "newsletter"}`,
					"list", "action.list_add", `{"list": "never-made"}`, "first", "action.send_email", `{"template": "first"}`,
					"gone", "action.send_email", `{"template": "gone"}`, "wait", "wait.delay", `{"duration": "1h"}`,
					"broken", "condition.lua", `{"script": "broken"}`)),
				yesNo(t, chain(t, "nolua", `{}`, "start", "trigger.list_joined", `{"list": "newsletter"}`, "nowhere", "condition.lua", `{"script": "no_such_script"}`))},
			cast: []sim.ScriptedContact{news("ivy@example.com", t0)},
			want: map[int][]string{0: {`holes list:next(ok)`, `holes gone(failed) send.failed {"email":"gone","error":"the email \"gone\" does not exist any more`,
				`holes broken(error) step.error {"error":"script \"broken\"`, `nolua nowhere(error) step.error {"error":"script \"no_such_script\" does not exist`}},
			never: []string{`"email":"first","error"`}},
		// A relay that keeps deferring: the message is tried again on the
		// backoff schedule and given up after the last try.
		{name: "retries give up", days: 3, relay: sim.RelayBusy, flows: []*flow.Flow{twoEmails(t)}, cast: []sim.ScriptedContact{news("ray@example.com", t0)},
			want: map[int][]string{0: {`one(failed) send.retry {"at":"2026-03-02T09:01:00Z","email":"one","error":"<relay: ` + relayAnswer + `>","tz":"UTC"}`,
				fmt.Sprintf(`one(failed) send.gave_up {"email":"one","error":"<relay: %s>","tries":"%d"}`, relayAnswer, journey.MaxAttempts)}},
			count: map[string]int{`"email":"one","error"`: 2}},
	}
}

// yesNo ends a chain on a yes/no step: both ways lead to a tag.
func yesNo(t testing.TB, f *flow.Flow) *flow.Flow {
	last := f.Nodes[len(f.Nodes)-1].ID
	f.Nodes = append(f.Nodes, flow.Node{ID: "after", Type: "action.tag_add", Config: map[string]any{"tag": "after"}})
	f.Edges = append(f.Edges, flow.Edge{From: last, Port: "yes", To: "after"}, flow.Edge{From: last, Port: "no", To: "after"})
	return f
}

// twoEmails sends two marketing emails a day apart to newsletter subscribers.
func twoEmails(t testing.TB) *flow.Flow {
	return chain(t, "two", `{}`, "start", "trigger.list_joined", `{"list": "newsletter"}`, "one", "action.send_email", `{"template": "one"}`,
		"wait", "wait.delay", `{"duration": "1d"}`, "two", "action.send_email", `{"template": "two"}`)
}

func stageFlow(t testing.TB) *flow.Flow {
	return chain(t, "stages", `{}`, "start", "trigger.event", `{"event_type": "go"}`, "up", "action.set_stage", `{"stage": "customer"}`,
		"back", "action.set_stage", `{"stage": "lead"}`)
}

func stageCast() []sim.ScriptedContact {
	return []sim.ScriptedContact{{Contact: person("sue@example.com", nil), At: t0, Events: []sim.ScriptedEvent{ev(time.Hour, "go", nil)}}}
}
