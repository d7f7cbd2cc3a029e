package sim_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/sim"
	"flightplan/engine/templates"
)

var update = flag.Bool("update", false, "rewrite the golden results in testdata/")

// galleryFlows is every funnel of the gallery.
func galleryFlows(t testing.TB) []*flow.Flow {
	t.Helper()
	all, err := templates.All()
	if err != nil {
		t.Fatal(err)
	}
	var fs []*flow.Flow
	for _, tp := range all {
		fs = append(fs, tp.Flow)
	}
	return fs
}

func gallery(t testing.TB, id string) *flow.Flow {
	t.Helper()
	tp, err := templates.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return tp.Flow
}

func preset(t testing.TB, name string) sim.Audience {
	t.Helper()
	a, err := sim.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func run(t testing.TB, cfg sim.Config) *sim.Result {
	t.Helper()
	r, err := sim.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, r)
	return r
}

func flowOf(t testing.TB, r *sim.Result, id string) sim.FlowResult {
	t.Helper()
	for _, f := range r.Flows {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no flow %q in the result", id)
	return sim.FlowResult{}
}

func nodeOf(t testing.TB, f sim.FlowResult, id string) sim.NodeResult {
	t.Helper()
	for _, n := range f.Nodes {
		if n.ID == id {
			return n
		}
	}
	t.Fatalf("flow %q: no node %q", f.ID, id)
	return sim.NodeResult{}
}

func edge(t testing.TB, f sim.FlowResult, from, port string) int {
	t.Helper()
	for _, e := range f.Edges {
		if e.From == from && e.Port == port {
			return e.Count
		}
	}
	t.Fatalf("flow %q: no edge %s:%s", f.ID, from, port)
	return 0
}

// checkInvariants holds for every result: every journey ends somewhere,
// nothing leaves a node more often than journeys reached it (in flows
// without loops), percentages add up, the histogram counts every contact.
func checkInvariants(t testing.TB, r *sim.Result) {
	t.Helper()
	for _, f := range r.Flows {
		if got := f.Waiting + f.Done + f.Exited + f.Errors; got != f.Enrolled {
			t.Errorf("flow %s: %d waiting + %d done + %d exited + %d errors != %d enrolled", f.ID, f.Waiting, f.Done, f.Exited, f.Errors, f.Enrolled)
		}
		out := map[string]int{}
		for _, e := range f.Edges {
			out[e.From] += e.Count
		}
		for _, n := range f.Nodes {
			if left := out[n.ID] + n.Waiting + n.Exited + n.Jumped + n.Errors; left > n.Entered {
				t.Errorf("flow %s: node %s: %d journeys left or stayed, %d entered", f.ID, n.ID, left, n.Entered)
			}
		}
		drops := 0
		for _, d := range f.DropOffs {
			drops += d.Count
		}
		if drops+f.Converted != f.Enrolled {
			t.Errorf("flow %s: %d drop-offs + %d converted != %d enrolled", f.ID, drops, f.Converted, f.Enrolled)
		}
	}
	n := 0
	for _, c := range r.EmailsPerContact {
		n += c
	}
	if n != r.Contacts {
		t.Errorf("emails-per-contact histogram counts %d contacts, want %d", n, r.Contacts)
	}
	for _, e := range r.Emails {
		if e.Sent+e.Failed+e.Bounced > e.Queued {
			t.Errorf("email %s/%s: %d sent + %d failed + %d bounced > %d queued", e.Flow, e.Node, e.Sent, e.Failed, e.Bounced, e.Queued)
		}
		if e.Opened > e.Sent || e.Clicked > e.Opened {
			t.Errorf("email %s/%s: %d sent, %d opened, %d clicked", e.Flow, e.Node, e.Sent, e.Opened, e.Clicked)
		}
	}
}

// golden compares a result with testdata/golden/NAME.json (-update rewrites it).
func golden(t *testing.T, name string, r *sim.Result) {
	t.Helper()
	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Errorf("result differs from %s (run with -update if the change is intended):\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n want " + la[i] + "\n  got " + lb[i]
		}
	}
	return "lengths differ"
}

func galleryConfig(t testing.TB, id string) sim.Config {
	return sim.Config{Flows: []*flow.Flow{gallery(t, id)}, Audience: preset(t, "ecommerce-newsletter"), N: 2000, Days: 30, Seed: 42,
		ArrivalWindow: 7 * 24 * time.Hour}
}

// TestGoldenWelcome: 2,000 contacts of the e-commerce audience join the
// newsletter over a week; exact counts under seed 42.
func TestGoldenWelcome(t *testing.T) {
	r := run(t, galleryConfig(t, "welcome"))
	f := flowOf(t, r, "welcome")
	if f.Enrolled != 2000 || f.Contacts != 2000 {
		t.Errorf("enrolled %d (%d contacts), want 2000", f.Enrolled, f.Contacts)
	}
	yes, no := edge(t, f, "opened", "yes"), edge(t, f, "opened", "no")
	if yes+no != edge(t, f, "wait2d", "next") || yes+no != 2000 {
		t.Errorf("opened: %d yes + %d no, want 2000 after the wait", yes, no)
	}
	want := map[string]int{"opened:yes": 439, "opened:no": 1561, "hello skipped": 0, "reminder skipped": 32, "tips skipped": 1}
	got := map[string]int{"opened:yes": yes, "opened:no": no, "hello skipped": nodeOf(t, f, "hello").Skipped,
		"reminder skipped": nodeOf(t, f, "reminder").Skipped, "tips skipped": nodeOf(t, f, "tips").Skipped}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts = %v\n          want %v", got, want)
	}
	golden(t, "welcome", r)
}

// TestGoldenCart: carts abandoned on arrival and on the contacts' own
// initiative; purchases pull journeys to the goal.
func TestGoldenCart(t *testing.T) {
	r := run(t, galleryConfig(t, "cart"))
	f := flowOf(t, r, "cart")
	g := f.Goals[0]
	got := map[string]int{"enrolled": f.Enrolled, "contacts": f.Contacts, "goal": g.Reached, "wait4h jumped": nodeOf(t, f, "wait4h").Jumped,
		"waitbuy jumped": nodeOf(t, f, "waitbuy").Jumped, "coupon": nodeOf(t, f, "coupon").Entered}
	want := map[string]int{"enrolled": 3769, "contacts": 2000, "goal": 51, "wait4h jumped": 3, "waitbuy jumped": 48, "coupon": 3641}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts = %v\n          want %v", got, want)
	}
	if g.Reached != nodeOf(t, f, "wait4h").Jumped+nodeOf(t, f, "waitbuy").Jumped {
		t.Errorf("%d goals, but %d + %d jumps to it", g.Reached, nodeOf(t, f, "wait4h").Jumped, nodeOf(t, f, "waitbuy").Jumped)
	}
	golden(t, "cart", r)
}

// TestGoldenDoubleOptIn: contacts submit the form on arrival; confirmation
// emails make some confirm.
func TestGoldenDoubleOptIn(t *testing.T) {
	r := run(t, galleryConfig(t, "double-optin"))
	f := flowOf(t, r, "double-optin")
	got := map[string]int{"enrolled": f.Enrolled, "wait1:met": edge(t, f, "wait1", "met"), "wait2:met": edge(t, f, "wait2", "met"),
		"wait2:timeout": edge(t, f, "wait2", "timeout"), "join": nodeOf(t, f, "join").Entered}
	want := map[string]int{"enrolled": 2000, "wait1:met": 339, "wait2:met": 234, "wait2:timeout": 1427, "join": 573}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts = %v\n          want %v", got, want)
	}
	golden(t, "double-optin", r)
}

// statFlow sends one marketing email on sign-up and waits longer than the
// run lasts; a goal on the email's open measures the open delay.
const statFlow = `{
  "format": "flightplan.flow/v1", "id": "stat", "name": "One email",
  "nodes": [
    {"id": "start", "type": "trigger.list_joined", "config": {"list": "newsletter"}},
    {"id": "mail", "type": "action.send_email", "config": {"template": "promo"}},
    {"id": "wait", "type": "wait.delay", "config": {"duration": "30d"}},
    {"id": "opened", "type": "goal.reached", "config": {"event_type": "email_opened"}}
  ],
  "edges": [{"from": "start", "to": "mail"}, {"from": "mail", "to": "wait"}, {"from": "wait", "to": "opened"}]
}`

func parse(t testing.TB, src string) *flow.Flow {
	t.Helper()
	f, err := flow.Parse("test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// within fails when the observed share k/n is more than 4.5 standard errors
// from p: a false alarm about once in 150,000 runs — never, with a fixed seed.
func within(t *testing.T, what string, k, n int, p float64) {
	t.Helper()
	if n == 0 {
		t.Fatalf("%s: no trial", what)
	}
	got := float64(k) / float64(n)
	se := math.Sqrt(p * (1 - p) / float64(n))
	if math.Abs(got-p) > 4.5*se {
		t.Errorf("%s: observed %.4f (%d of %d), persona says %.4f ± %.4f", what, got, k, n, p, 4.5*se)
	}
}

// TestBehaviourMatchesPersona: over 30,000 contacts, opens, clicks,
// purchases, bounces and unsubscribes happen at the persona's rates, and
// the open delay has the persona's mean.
func TestBehaviourMatchesPersona(t *testing.T) {
	b := sim.Behaviour{OpenRate: 0.32, OpenDelay: sim.D(6 * time.Hour), ClickRate: 0.4, ClickDelay: sim.D(10 * time.Minute),
		UnsubscribeRate: 0.01, BounceRate: 0.03, PurchaseRate: 0.25, PurchaseDelay: sim.D(2 * time.Hour), PurchaseAmount: [2]float64{10, 30}}
	aud := sim.Audience{Personas: []sim.Persona{{Name: "p", Share: 1, Behaviour: b}}}
	r := run(t, sim.Config{Flows: []*flow.Flow{parse(t, statFlow)}, Audience: aud, N: 30000, Days: 14, Seed: 3})
	e := r.Emails[0]
	if e.Queued != 30000 {
		t.Fatalf("%d emails queued, want 30000", e.Queued)
	}
	within(t, "bounces per email", e.Bounced, e.Queued, b.BounceRate)
	within(t, "opens per delivered email", e.Opened, e.Sent, b.OpenRate)
	within(t, "clicks per open", e.Clicked, e.Opened, b.ClickRate)
	within(t, "purchases per click", e.Purchases, e.Clicked, b.PurchaseRate)
	within(t, "unsubscribes per delivered email", e.Unsubscribed, e.Sent, b.UnsubscribeRate)
	t.Logf("queued %d, sent %d, bounced %d, opened %d, clicked %d, purchases %d, unsubscribed %d", e.Queued, e.Sent, e.Bounced, e.Opened, e.Clicked, e.Purchases, e.Unsubscribed)
	if e.Sent+e.Bounced != e.Queued {
		t.Errorf("%d sent + %d bounced != %d queued", e.Sent, e.Bounced, e.Queued)
	}
	// Revenue: amounts are uniform in [10, 30], a mean of 20 per purchase.
	if avg := e.Revenue / float64(e.Purchases); math.Abs(avg-20) > 0.6 {
		t.Errorf("mean purchase %.2f, want 20 ± 0.6", avg)
	}
	// Exponential delays: the median is the mean times ln 2 (6h → 4.16h).
	g := flowOf(t, r, "stat").Goals[0]
	if g.Reached != e.Opened {
		t.Errorf("%d open goals, %d opens", g.Reached, e.Opened)
	}
	if want := 6 * math.Ln2; math.Abs(g.MedianHours-want) > 0.25 {
		t.Errorf("median open delay %.2fh, want %.2fh ± 0.25", g.MedianHours, want)
	}
	if r.Totals.Purchases != e.Purchases {
		t.Errorf("%d purchases in all, %d from the email", r.Totals.Purchases, e.Purchases)
	}
}

// TestSharesAndFields: contacts are split by exact shares, fields are drawn
// from their distributions.
func TestSharesAndFields(t *testing.T) {
	aud := sim.Audience{Personas: []sim.Persona{
		{Name: "a", Share: 3, Fields: map[string]sim.Distribution{"country": {Values: []sim.Weighted{{Value: "France", Weight: 3}, {Value: "Canada", Weight: 1}}}}},
		{Name: "b", Share: 1, Fields: map[string]sim.Distribution{"country": sim.Fixed("Japan")}},
	}}
	f := parse(t, `{"format": "flightplan.flow/v1", "id": "split", "name": "By country",
	  "nodes": [{"id": "start", "type": "trigger.contact_created"},
	            {"id": "by", "type": "split.field", "config": {"field": "country", "cases": ["France", "Canada", "Japan"]}},
	            {"id": "end", "type": "exit"}],
	  "edges": [{"from": "start", "to": "by"}, {"from": "by", "port": "case_france", "to": "end"}, {"from": "by", "port": "case_canada", "to": "end"},
	            {"from": "by", "port": "case_japan", "to": "end"}, {"from": "by", "port": "other", "to": "end"}]}`)
	r := run(t, sim.Config{Flows: []*flow.Flow{f}, Audience: aud, N: 20000, Days: 1, Seed: 9})
	if r.Personas[0].Contacts != 15000 || r.Personas[1].Contacts != 5000 {
		t.Errorf("personas: %+v, want 15000 and 5000", r.Personas)
	}
	fr := flowOf(t, r, "split")
	if n := edge(t, fr, "by", "case_japan"); n != 5000 {
		t.Errorf("%d Japanese contacts, want 5000", n)
	}
	within(t, "France among persona a", edge(t, fr, "by", "case_france"), 15000, 0.75)
	if n := edge(t, fr, "by", "other"); n != 0 {
		t.Errorf("%d contacts with no country", n)
	}
}

// TestDeterministic: the same config and seed give deep-equal results,
// whatever the number of workers; another seed gives other numbers.
func TestDeterministic(t *testing.T) {
	cfg := galleryConfig(t, "welcome")
	cfg.Flows = galleryFlows(t)
	cfg.N = 3000
	cfg.Journal = true
	cfg.JournalLimit = 300
	cfg.Workers = 1
	a := run(t, cfg)
	cfg.Workers = 4
	b := run(t, cfg)
	c := run(t, cfg)
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(b, c) {
		ja, _ := json.MarshalIndent(a, "", " ")
		jb, _ := json.MarshalIndent(b, "", " ")
		t.Fatalf("two runs with the same seed differ:\n%s", firstDiff(string(ja), string(jb)))
	}
	if len(a.Journeys) != 300 || len(a.Journeys[299].Steps) == 0 {
		t.Errorf("%d journeys kept, want 300 with steps", len(a.Journeys))
	}
	cfg.Seed++
	d := run(t, cfg)
	if reflect.DeepEqual(a.Flows, d.Flows) {
		t.Error("another seed gave the same counts")
	}
}

// TestCancel: a canceled context stops the run with its error, and
// promptly: a worker checks the context before each contact, so once
// canceled no more than the chunks already taken (one per worker) are
// counted done. This is measured in contacts, not in wall-clock time,
// so a busy machine cannot make it fail.
func TestCancel(t *testing.T) {
	cfg := benchConfig(t, 200_000, false)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	var atCancel, last float64
	cfg.Progress = func(f float64) { // serialised by Run
		calls++
		last = f
		if f > 0.05 && ctx.Err() == nil {
			atCancel = f
			cancel()
		}
	}
	_, err := sim.Run(ctx, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls == 0 {
		t.Error("progress was never reported")
	}
	// 256 contacts a chunk (run.go), one chunk in flight per worker.
	slack := float64(runtime.GOMAXPROCS(0)*256) / float64(cfg.N)
	if last > atCancel+slack {
		t.Errorf("canceled at %.4f done, still went on to %.4f (at most %.4f more expected)", atCancel, last, slack)
	}
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := sim.Run(ctx, cfg); !errors.Is(err, context.Canceled) {
		t.Fatalf("already canceled: err = %v", err)
	}
}

// TestProgress: fractions grow to 1, a hundred calls at most.
func TestProgress(t *testing.T) {
	cfg := galleryConfig(t, "welcome")
	cfg.N = 30000
	var seen []float64
	cfg.Progress = func(f float64) { seen = append(seen, f) }
	run(t, cfg)
	if len(seen) == 0 || len(seen) > 101 || seen[len(seen)-1] != 1 {
		t.Fatalf("progress: %d calls, last %v", len(seen), seen)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] <= seen[i-1] {
			t.Fatalf("progress went from %v to %v", seen[i-1], seen[i])
		}
	}
}

// TestCompare: two waits of different lengths on the same contacts.
func TestCompare(t *testing.T) {
	a := galleryConfig(t, "welcome")
	fast := *gallery(t, "welcome")
	fast.Nodes = append([]flow.Node(nil), fast.Nodes...)
	for i := range fast.Nodes {
		if fast.Nodes[i].ID == "wait2d" {
			fast.Nodes[i].Config = map[string]any{"duration": "2h"}
		}
	}
	b := sim.Config{Flows: []*flow.Flow{&fast}}
	c, err := sim.Compare(context.Background(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	if c.A.Contacts != c.B.Contacts || !reflect.DeepEqual(c.A.Personas[0].Contacts, c.B.Personas[0].Contacts) {
		t.Fatal("the variants did not run on the same audience")
	}
	fa, fb := flowOf(t, c.A, "welcome"), flowOf(t, c.B, "welcome")
	// The same people get the same first email and react the same way to
	// it: waiting 2 hours instead of 2 days can only see fewer of the opens.
	if nodeOf(t, fa, "hello").Entered != nodeOf(t, fb, "hello").Entered {
		t.Error("the first email did not reach the same contacts")
	}
	if ya, yb := edge(t, fa, "opened", "yes"), edge(t, fb, "opened", "yes"); yb >= ya {
		t.Errorf("opened after 2h: %d, after 2d: %d; want fewer after 2h", yb, ya)
	}
	if len(c.Flows) != 1 || c.Flows[0].Flow != "welcome" {
		t.Errorf("diff: %+v", c.Flows)
	}
}

// TestCSV: one row per node and per edge.
func TestCSV(t *testing.T) {
	r := run(t, galleryConfig(t, "cart"))
	var buf bytes.Buffer
	if err := sim.WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := r.Flows[0]
	if len(rows) != 1+len(f.Nodes)+len(f.Edges) {
		t.Fatalf("%d rows, want 1 + %d nodes + %d edges", len(rows), len(f.Nodes), len(f.Edges))
	}
	if !reflect.DeepEqual(rows[0], sim.CSVHeader) || rows[1][0] != "node" || rows[1][2] != f.Nodes[0].ID || rows[1][6] != strconv.Itoa(f.Nodes[0].Entered) {
		t.Errorf("rows start %v / %v", rows[0], rows[1])
	}
	last := rows[len(rows)-1]
	if last[0] != "edge" || last[12] != strconv.Itoa(f.Edges[len(f.Edges)-1].Count) {
		t.Errorf("last row %v", last)
	}
}

// TestInvalidFlowsRefused: a flow with errors does not run.
func TestInvalidFlowsRefused(t *testing.T) {
	bad := parse(t, `{"format": "flightplan.flow/v1", "id": "bad", "name": "Bad",
	  "nodes": [{"id": "start", "type": "trigger.list_joined"}, {"id": "w", "type": "wait.delay", "config": {"duration": "soon"}}],
	  "edges": [{"from": "start", "to": "w"}]}`)
	_, err := sim.Run(context.Background(), sim.Config{Flows: []*flow.Flow{bad}, N: 10, Days: 1})
	var inv *sim.Invalid
	if !errors.As(err, &inv) || len(inv.Issues["bad"]) == 0 {
		t.Fatalf("err = %v, want the flow's issues", err)
	}
	if !strings.Contains(err.Error(), "required") || !strings.Contains(err.Error(), "duration") {
		t.Errorf("error does not list the problems: %v", err)
	}
}

// TestAudiences: the presets and a JSON file load; durations read back.
func TestAudiences(t *testing.T) {
	for _, name := range sim.PresetNames() {
		a := preset(t, name)
		data, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		back, err := sim.ParseAudience(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(normalize(t, a), normalize(t, back)) {
			t.Errorf("%s does not survive JSON", name)
		}
		r := run(t, sim.Config{Flows: galleryFlows(t), Audience: a, N: 500, Days: 20, Seed: 1, ArrivalWindow: 5 * 24 * time.Hour})
		if r.Totals.Steps == 0 || r.Totals.Errors != 0 {
			t.Errorf("%s: %d steps, %d errors", name, r.Totals.Steps, r.Totals.Errors)
		}
	}
	a, err := sim.ParseAudience([]byte(`[{"name": "x", "share": 1, "behaviour": {"open_rate": 0.5, "open_delay": "1d 12h"},
	  "fields": {"age": {"range": [18, 65]}}}]`))
	if err != nil {
		t.Fatal(err)
	}
	if got := time.Duration(a.Personas[0].Behaviour.OpenDelay); got != 36*time.Hour {
		t.Errorf("open delay %v, want 36h", got)
	}
	if s := sim.D(36 * time.Hour).String(); s != "1d 12h" {
		t.Errorf("36h writes as %q", s)
	}
	for _, bad := range []string{`[{"name": "x", "share": 1, "behaviour": {"open_rate": 2}}]`, `{"personas": []}`, `[{"name": "x", "share": 1, "colour": "red"}]`,
		`[{"name": "x", "share": 1, "timezones": [{"value": "Mars/Olympus", "weight": 1}]}]`} {
		if _, err := sim.ParseAudience([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func normalize(t *testing.T, a sim.Audience) any {
	data, _ := json.Marshal(a)
	var v any
	json.Unmarshal(data, &v)
	return v
}

// TestFromContactsAndSegments: real contacts keep their fields and ids; a
// segment condition answers from the given segments, and is an error
// without them.
func TestFromContactsAndSegments(t *testing.T) {
	f := parse(t, `{"format": "flightplan.flow/v1", "id": "seg", "name": "Segment",
	  "nodes": [{"id": "start", "type": "trigger.manual"},
	            {"id": "vip", "type": "condition.segment", "config": {"segment": "big-spenders"}},
	            {"id": "yes", "type": "action.tag_add", "config": {"tag": "vip"}},
	            {"id": "no", "type": "action.tag_add", "config": {"tag": "regular"}}],
	  "edges": [{"from": "start", "to": "vip"}, {"from": "vip", "port": "yes", "to": "yes"}, {"from": "vip", "port": "no", "to": "no"}]}`)
	var cs []*contact.Contact
	for i := range 10 {
		cs = append(cs, &contact.Contact{ID: int64(100 + i), Email: "c" + strconv.Itoa(i) + "@example.com", Identity: map[string]string{}, Fields: map[string]any{"spent": float64(i * 100)}})
	}
	cfg := sim.Config{Flows: []*flow.Flow{f}, Audience: sim.FromContacts(cs, sim.Behaviour{}), Days: 2, Journal: true,
		Segments: map[string]func(*contact.Contact) bool{"big-spenders": func(c *contact.Contact) bool { return c.Fields["spent"].(float64) >= 500 }}}
	r := run(t, cfg)
	fr := flowOf(t, r, "seg")
	if y, n := edge(t, fr, "vip", "yes"), edge(t, fr, "vip", "no"); y != 5 || n != 5 {
		t.Errorf("segment: %d yes, %d no, want 5 and 5", y, n)
	}
	if r.Journeys[3].Contact != 103 || r.Journeys[3].Email != "c3@example.com" {
		t.Errorf("journey 3 is contact %d (%s)", r.Journeys[3].Contact, r.Journeys[3].Email)
	}
	if cs[9].HasTag("vip") {
		t.Error("the simulation changed a real contact")
	}
	cfg.Segments = nil
	r = run(t, cfg)
	fr = flowOf(t, r, "seg")
	if fr.Errors != 10 || nodeOf(t, fr, "vip").Errors != 10 {
		t.Fatalf("without segments: %d errors, want 10", fr.Errors)
	}
	if s := r.Journeys[0].Steps[1]; s.Outcome != "error" || !strings.Contains(s.Why.Get("error"), "segments are not available") {
		t.Errorf("step %+v", s)
	}
}

// TestLuaAndAnniversaries: Lua conditions run on simulated contacts, and
// every contact without a birth date gets one, so all enter the birthday flow.
func TestLuaAndAnniversaries(t *testing.T) {
	cfg := benchConfig(t, 2000, false)
	r := run(t, cfg)
	fr := flowOf(t, r, "bench")
	if fr.Errors != 0 || edge(t, fr, "fit", "yes") == 0 || edge(t, fr, "fit", "no") == 0 {
		t.Errorf("Lua condition: %d errors, %d yes, %d no", fr.Errors, edge(t, fr, "fit", "yes"), edge(t, fr, "fit", "no"))
	}
	cfg.Scripts = nil
	r = run(t, cfg)
	if fr := flowOf(t, r, "bench"); nodeOf(t, fr, "fit").Errors == 0 {
		t.Error("a Lua node without a script runner did not fail")
	}

	aud := sim.Audience{Personas: []sim.Persona{{Name: "p", Share: 1, Timezones: []sim.Weighted{{Value: "Asia/Tokyo", Weight: 1}}}}}
	r = run(t, sim.Config{Flows: []*flow.Flow{gallery(t, "birthday")}, Audience: aud, N: 1000, Days: 40, Seed: 5, ArrivalWindow: 30 * 24 * time.Hour, Journal: true, JournalLimit: 1})
	fr = flowOf(t, r, "birthday")
	if fr.Enrolled != 1000 {
		t.Errorf("%d of 1000 contacts had their birthday", fr.Enrolled)
	}
	if s := r.Journeys[0].Steps[0]; s.Node != "bday" || s.At.Format("15:04") != "09:00" {
		t.Errorf("first step %+v, want the trigger at 09:00", s)
	}
}

// TestLuaBombFailsItsStep: a script that would build a 9 MiB string in one
// concatenation (issue #16: `simulate --scripts` died of it) fails its step
// in every simulated journey with the sandbox's reason, and the run ends.
func TestLuaBombFailsItsStep(t *testing.T) {
	cfg := benchConfig(t, 50, true)
	cfg.Scripts = sim.NewLua(nil, map[string]string{
		// A 1 MiB literal, so the bomb goes off at once whatever the machine's load.
		"bench_fit":  "local s = '" + strings.Repeat("x", 1<<20) + "'\nreturn #(s .. s .. s .. s .. s .. s .. s .. s .. s) > 0",
		"bench_warm": benchScripts["bench_warm"],
	})
	r := run(t, cfg)
	fr := flowOf(t, r, "bench")
	if n := nodeOf(t, fr, "fit").Errors; n == 0 || n != fr.Enrolled {
		t.Fatalf("%d errors at the bomb for %d enrolled", n, fr.Enrolled)
	}
	found := false
	for _, j := range r.Journeys {
		for _, s := range j.Steps {
			if s.Node == "fit" {
				found = true
				if s.Outcome != "error" || !strings.Contains(s.Why.Get("error"), "string too long") {
					t.Fatalf("step %+v", s)
				}
			}
		}
	}
	if !found {
		t.Fatal("no journey reached the script")
	}
}

// TestLuaRunawayIsDeterministic: a script that loops forever for some
// contacts fails their step with the same error, at the same line, in every
// run, even on a busier machine: the simulator stops scripts on a count of
// Lua instructions (sim.Instructions), not on the wall clock, so the same
// Config and Seed give the same Result, Lua conditions included.
func TestLuaRunawayIsDeterministic(t *testing.T) {
	cfg := benchConfig(t, 20, true)
	cfg.Scripts = sim.NewLua(nil, map[string]string{
		"bench_fit":  "local n = contact.fields.company_size or 0\nif n >= 50 then\n  while true do n = n + 1 end\nend\nreturn n >= 20",
		"bench_warm": benchScripts["bench_warm"],
	})
	first := run(t, cfg)
	// The second run shares the machine with goroutines that keep every core
	// busy.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
	}
	second := run(t, cfg)
	close(stop)
	wg.Wait()

	fr := flowOf(t, first, "bench")
	fit := nodeOf(t, fr, "fit")
	if fit.Errors == 0 || fit.Errors == fr.Enrolled {
		t.Fatalf("%d errors at the runaway script for %d enrolled, want some but not all", fit.Errors, fr.Enrolled)
	}
	for _, j := range first.Journeys {
		for _, s := range j.Steps {
			if s.Node == "fit" && s.Outcome == "error" &&
				!strings.Contains(s.Why.Get("error"), `script "bench_fit": line 3: ran too long, past its budget of`) {
				t.Fatalf("step %+v, want the script, its line and that it ran too long", s)
			}
		}
	}
	if !reflect.DeepEqual(first, second) {
		a, _ := json.Marshal(first.Flows)
		b, _ := json.Marshal(second.Flows)
		t.Fatalf("the same Config and Seed gave two results:\n%s\n%s", a, b)
	}
}

// abCart is the cart funnel with a random split between two reminders,
// under id.
func abCart(t testing.TB, id, wait string) *flow.Flow {
	return parse(t, `{"format": "flightplan.flow/v1", "id": "`+id+`", "name": "Cart A/B",
	  "nodes": [{"id": "abandoned", "type": "trigger.event", "config": {"event_type": "cart_abandoned"}},
	            {"id": "wait4h", "type": "wait.delay", "config": {"duration": "`+wait+`"}},
	            {"id": "ab", "type": "split.random"},
	            {"id": "nudge", "type": "action.send_email", "config": {"template": "cart-reminder"}},
	            {"id": "coupon", "type": "action.send_email", "config": {"template": "cart-coupon"}},
	            {"id": "waitbuy", "type": "wait.event", "config": {"event_type": "purchase", "timeout": "2d"}},
	            {"id": "bought", "type": "goal.reached", "config": {"event_type": "purchase"}}],
	  "edges": [{"from": "abandoned", "to": "wait4h"}, {"from": "wait4h", "to": "ab"},
	            {"from": "ab", "port": "a", "to": "nudge"}, {"from": "ab", "port": "b", "to": "coupon"},
	            {"from": "nudge", "to": "waitbuy"}, {"from": "coupon", "to": "waitbuy"},
	            {"from": "waitbuy", "port": "met", "to": "bought"}]}`)
}

// TestCompareDuplicateIsIdentical: a funnel and its unchanged duplicate
// (another id, a random split, emails, a goal) differ by nothing on any
// figure and any step, on every seed: each contact's draws depend on the
// contact, the seed and the step, never on the funnel's id.
func TestCompareDuplicateIsIdentical(t *testing.T) {
	a := sim.Config{Flows: []*flow.Flow{abCart(t, "cart-ab", "4h")}, EntryFlows: []string{"cart-ab"},
		Audience: preset(t, "ecommerce-newsletter"), N: 3000, Days: 30, Seed: 7, ArrivalWindow: 7 * 24 * time.Hour}
	b := sim.Config{Flows: []*flow.Flow{abCart(t, "cart-ab-copy", "4h")}, EntryFlows: []string{"cart-ab-copy"}}
	c, err := sim.Compare(context.Background(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Seeds) != sim.CompareSeeds || len(c.Figures) == 0 {
		t.Fatalf("seeds %v, %d figures", c.Seeds, len(c.Figures))
	}
	for _, f := range c.Figures {
		if !f.Same || f.Diff != 0 || f.Low != 0 || f.High != 0 || f.Chance || f.A != f.B {
			t.Errorf("figure %s: %+v, want no difference", f.Key, f)
		}
	}
	fa, fb := flowOf(t, c.A, "cart-ab"), flowOf(t, c.B, "cart-ab-copy")
	if fa.Converted == 0 || edge(t, fa, "ab", "a") == 0 || edge(t, fa, "ab", "b") == 0 {
		t.Fatalf("the funnel converts nobody or splits nobody: %+v", fa.Edges)
	}
	if !reflect.DeepEqual(fa.Nodes, fb.Nodes) || !reflect.DeepEqual(fa.Edges, fb.Edges) || !reflect.DeepEqual(c.A.Totals, c.B.Totals) {
		t.Errorf("the duplicate's steps differ:\nA %+v\nB %+v", fa.Nodes, fb.Nodes)
	}
}

// TestCompareChangedWaitHasAnInterval: a longer wait before the reminder
// changes the figures; each comes with a 95 % interval over the seeds,
// around its mean difference, and a figure whose interval holds zero is
// marked as chance.
func TestCompareChangedWaitHasAnInterval(t *testing.T) {
	a := sim.Config{Flows: []*flow.Flow{abCart(t, "cart-ab", "4h")}, EntryFlows: []string{"cart-ab"},
		Audience: preset(t, "ecommerce-newsletter"), N: 3000, Days: 30, Seed: 7, ArrivalWindow: 7 * 24 * time.Hour}
	b := sim.Config{Flows: []*flow.Flow{abCart(t, "cart-ab-slow", "3d")}, EntryFlows: []string{"cart-ab-slow"}}
	c, err := sim.CompareOver(context.Background(), a, b, 6)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Seeds) != 6 || c.Seeds[0] != 7 || c.Seeds[5] != 12 {
		t.Fatalf("seeds %v, want 7…12", c.Seeds)
	}
	byKey := map[string]sim.Figure{}
	for _, f := range c.Figures {
		byKey[f.Key] = f
		if f.Low > f.Diff || f.High < f.Diff {
			t.Errorf("figure %s: interval %v–%v does not hold its difference %v", f.Key, f.Low, f.High, f.Diff)
		}
		if f.Chance != (!f.Same && f.Low <= 0 && f.High >= 0) {
			t.Errorf("figure %s: chance %v with interval %v–%v", f.Key, f.Chance, f.Low, f.High)
		}
	}
	conv := byKey[sim.FigConversion]
	if conv.Same || conv.High <= conv.Low {
		t.Fatalf("conversion: %+v, want a difference with an interval of some width", conv)
	}
	// Waiting 3 days lets more buy on their own before any email: fewer
	// are reminded, and the interval says so beyond chance.
	if conv.Chance {
		t.Logf("conversion difference not beyond chance: %+v", conv)
	}
	if e := byKey[sim.FigEmails]; e.Same || e.Diff >= 0 || e.Chance {
		t.Errorf("emails: %+v, want fewer emails beyond chance after a 3-day wait", e)
	}
}

// TestMissingEmailFailsAsLive: a send step whose email the workspace does
// not hold sends nothing in a synthetic run either: its messages fail and
// nobody opens or clicks it.
func TestMissingEmailFailsAsLive(t *testing.T) {
	cfg := galleryConfig(t, "welcome")
	cfg.Emails = map[string]bool{"welcome-1": true, "welcome-tips": true} // welcome-reminder was deleted
	r := run(t, cfg)
	var hello, reminder sim.EmailResult
	for _, e := range r.Emails {
		switch e.Template {
		case "welcome-1":
			hello = e
		case "welcome-reminder":
			reminder = e
		}
	}
	if hello.Sent == 0 {
		t.Fatalf("the email that exists was not sent: %+v", hello)
	}
	if reminder.Queued == 0 || reminder.Sent != 0 || reminder.Opened != 0 || reminder.Failed != reminder.Queued {
		t.Errorf("missing email: %+v, want every queued message failed and none sent", reminder)
	}
}

// websiteFlow waits a week, then asks whether the contact stayed at least
// 30 seconds on a pricing page, then whether they came at least 3 times.
const websiteFlow = `{"format": "flightplan.flow/v1", "id": "web", "name": "Website",
  "nodes": [{"id": "start", "type": "trigger.contact_created"},
            {"id": "week", "type": "wait.delay", "config": {"duration": "7d"}},
            {"id": "read", "type": "condition.behaviour", "config": {"event_type": "page_left", "filter": {"url": "*/pricing*", "seconds": ">=30"}}},
            {"id": "back", "type": "condition.behaviour", "config": {"event_type": "page_visited", "filter": {"visit": "true"}, "min_count": 3, "window": "last_days", "days": 7}},
            {"id": "hot", "type": "action.tag_add", "config": {"tag": "read-pricing"}},
            {"id": "cold", "type": "action.tag_add", "config": {"tag": "skimmed"}},
            {"id": "loyal", "type": "action.tag_add", "config": {"tag": "comes-back"}},
            {"id": "rare", "type": "action.tag_add", "config": {"tag": "rare"}}],
  "edges": [{"from": "start", "to": "week"}, {"from": "week", "to": "read"}, {"from": "read", "port": "yes", "to": "hot"}, {"from": "read", "port": "no", "to": "cold"},
            {"from": "hot", "to": "back"}, {"from": "cold", "to": "back"}, {"from": "back", "port": "yes", "to": "loyal"}, {"from": "back", "port": "no", "to": "rare"}]}`

// TestPersonasReadPagesAndComeBack: a persona's reading time and visits
// reach the funnels as the snippet sends them: page_left with the seconds
// read, and page_visited marked visit = true on a visit's first page. A
// funnel branching on "30 s or more on */pricing*" sends a share of a
// reader persona each way, and none of a persona that never reads 30 s.
func TestPersonasReadPagesAndComeBack(t *testing.T) {
	pages := []sim.Weighted{{Value: "https://example.com/pricing/team", Weight: 1}, {Value: "https://example.com/blog", Weight: 1}}
	persona := func(secs [2]float64, rate, perVisit float64) sim.Audience {
		return sim.Audience{Personas: []sim.Persona{{Name: "p", Share: 1,
			Behaviour: sim.Behaviour{PageVisits: sim.Visits{Rate: rate, Pages: perVisit, Seconds: &secs, Values: pages}}}}}
	}
	f := parse(t, websiteFlow)
	const n = 4000
	r := run(t, sim.Config{Flows: []*flow.Flow{f}, Audience: persona([2]float64{10, 60}, 0.3, 2), N: n, Days: 8, Seed: 5})
	fr := flowOf(t, r, "web")
	yes, no := edge(t, fr, "read", "yes"), edge(t, fr, "read", "no")
	t.Logf("reader: %d stayed 30 s on pricing, %d did not; %d came 3 times in 7 days", yes, no, edge(t, fr, "back", "yes"))
	if yes+no != n || yes < n/10 || no < n/10 {
		t.Errorf("reader: %d yes, %d no of %d; want a share each way", yes, no, n)
	}
	// About 0.3 visits a day: 3 visits in 7 days is the lucky few (P ≈ 0.35).
	within(t, "readers with 3 visits in 7 days", edge(t, fr, "back", "yes"), n, 1-poissonCDF(2, 0.3*7))

	r = run(t, sim.Config{Flows: []*flow.Flow{f}, Audience: persona([2]float64{2, 29}, 0.3, 2), N: n, Days: 8, Seed: 5})
	fr = flowOf(t, r, "web")
	if yes := edge(t, fr, "read", "yes"); yes != 0 {
		t.Errorf("a persona that never reads 30 s: %d contacts stayed 30 s on pricing", yes)
	}

	// Many pages a visit are still one visit: 5 pages, 0.3 visits a day,
	// gives as many visits as one page a visit.
	r = run(t, sim.Config{Flows: []*flow.Flow{f}, Audience: persona([2]float64{10, 60}, 0.3, 5), N: n, Days: 8, Seed: 5})
	within(t, "3 visits in 7 days at 5 pages a visit", edge(t, flowOf(t, r, "web"), "back", "yes"), n, 1-poissonCDF(2, 0.3*7))

	// Without a reading time (an audience written before it existed),
	// nothing is read: no page_left at all.
	old, err := sim.ParseAudience([]byte(`[{"name": "old", "share": 1, "behaviour": {"page_visits": {"rate": 1, "values": [{"value": "https://example.com/pricing", "weight": 1}]}}}]`))
	if err != nil {
		t.Fatal(err)
	}
	r = run(t, sim.Config{Flows: []*flow.Flow{f}, Audience: old, N: 500, Days: 8, Seed: 5})
	if yes := edge(t, flowOf(t, r, "web"), "read", "yes"); yes != 0 {
		t.Errorf("an audience without seconds: %d contacts stayed 30 s", yes)
	}
	for _, bad := range []string{`{"rate": 1, "pages": 0.5}`, `{"rate": 1, "seconds": [40, 10]}`, `{"rate": 1, "seconds": [-1, 10]}`, `{"rate": 1, "dwell": 3}`} {
		if _, err := sim.ParseAudience([]byte(`[{"name": "x", "share": 1, "behaviour": {"page_visits": ` + bad + `}}]`)); err == nil {
			t.Errorf("accepted page_visits %s", bad)
		} else {
			t.Logf("page_visits %s: %v", bad, err)
		}
	}
}

// poissonCDF is P(X <= k) for X ~ Poisson(mean).
func poissonCDF(k int, mean float64) float64 {
	p, term := 0.0, math.Exp(-mean)
	for i := 0; i <= k; i++ {
		p += term
		term *= mean / float64(i+1)
	}
	return p
}
