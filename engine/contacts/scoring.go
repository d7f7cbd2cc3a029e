package contacts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// ScoringRule gives points for each event of a type whose properties pass
// every filter: "+5 per page_visited where url contains /pricing",
// "+20 per file_downloaded", "−10 per unsubscribed".
type ScoringRule struct {
	ID      int64        `json:"id"`
	Name    string       `json:"name"`
	Event   string       `json:"event"`
	Filters []PropFilter `json:"filters"`
	Points  float64      `json:"points"`
	Enabled bool         `json:"enabled"`
}

// Decay makes old points count less, so a lead who was active a year ago is
// not hot today. Either Percent every EveryDays days (stepwise: after 30
// days a 10 % decay leaves 90 %, after 60 days 81 %), or a continuous
// HalfLifeDays (which wins when both are set). The zero Decay keeps points.
type Decay struct {
	Percent      float64 `json:"percent"`
	EveryDays    float64 `json:"every_days"`
	HalfLifeDays float64 `json:"half_life_days"`
}

// ScoringConfig is the workspace's lead-scoring set-up.
type ScoringConfig struct {
	Rules []ScoringRule `json:"rules"`
	Decay Decay         `json:"decay"`
}

// ScoreCausePrefix starts the cause of every point given by a scoring rule.
// Rescore recomputes those points from the events themselves, so it ignores
// score_changed events whose cause starts with it (a runner that applies
// the Scorer live must keep the Scorer's causes as they are).
const ScoreCausePrefix = "scoring rule "

// rescoreSource marks the score_changed events Rescore emits, which it
// ignores on the next run.
const rescoreSource = "scoring"

// Check reports what is wrong with a decay.
func (d Decay) Check() error { return settings.CheckDecay(d.Percent, d.EveryDays, d.HalfLifeDays) }

// Factor is what remains of a point earned age ago.
func (d Decay) Factor(age time.Duration) float64 {
	if age <= 0 {
		return 1
	}
	days := age.Hours() / 24
	switch {
	case d.HalfLifeDays > 0:
		return math.Pow(0.5, days/d.HalfLifeDays)
	case d.Percent > 0 && d.EveryDays > 0:
		return math.Pow(1-d.Percent/100, math.Floor(days/d.EveryDays))
	}
	return 1
}

// Temperature returns the band of a score: hot from hot, warm from warm.
func Temperature(score, warm, hot float64) string {
	switch {
	case score >= hot:
		return "hot"
	case score >= warm:
		return "warm"
	}
	return "cold"
}

// Bands reads the temperature thresholds (defaults 30 and 60).
func Bands(ctx context.Context, q store.Querier) (warm, hot float64, err error) {
	v, err := settings.Load(ctx, store.With(q))
	if err != nil {
		return 0, 0, err
	}
	return v.BandsStrict()
}

func setting(ctx context.Context, q store.Querier, key string) (string, error) {
	var v string
	err := store.With(q).QueryRow(ctx, "get-setting", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return v, nil
}

// LoadScoring reads the scoring rules (in order) and the decay.
func LoadScoring(ctx context.Context, q store.Querier) (ScoringConfig, error) {
	cfg := ScoringConfig{Rules: []ScoringRule{}}
	rows, err := store.With(q).Query(ctx, "list-scoring-rules")
	if err != nil {
		return cfg, fmt.Errorf("scoring rules: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r ScoringRule
		var filters string
		if err := rows.Scan(&r.ID, &r.Name, &r.Event, &filters, &r.Points, &r.Enabled); err != nil {
			return cfg, err
		}
		if err := json.Unmarshal([]byte(filters), &r.Filters); err != nil {
			return cfg, fmt.Errorf("scoring rule %q: filters damaged: %w", r.Name, err)
		}
		cfg.Rules = append(cfg.Rules, r)
	}
	if err := rows.Err(); err != nil {
		return cfg, err
	}
	raw, err := setting(ctx, q, settings.ScoreDecay)
	if err != nil || raw == "" {
		return cfg, err
	}
	if err := json.Unmarshal([]byte(raw), &cfg.Decay); err != nil {
		return cfg, fmt.Errorf("setting %s: damaged: %w", settings.ScoreDecay, err)
	}
	return cfg, nil
}

// SaveScoring replaces the scoring rules and the decay, after checking
// them; the order of cfg.Rules is kept. Scores change at the next Rescore.
func SaveScoring(ctx context.Context, st *store.Store, cfg ScoringConfig, now time.Time) error {
	if _, err := NewScorer(cfg.Rules, cfg.Decay); err != nil {
		return err
	}
	tx, err := st.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(ctx, "delete-scoring-rules"); err != nil {
		return fmt.Errorf("scoring rules: %w", err)
	}
	for i, r := range cfg.Rules {
		f, _ := json.Marshal(nonNilFilters(r.Filters))
		var id any
		if r.ID > 0 {
			id = r.ID
		}
		if _, err := tx.Exec(ctx, "insert-scoring-rule", id, i, CleanText(r.Name), strings.TrimSpace(r.Event), string(f), r.Points, r.Enabled, store.MS(now)); err != nil {
			return fmt.Errorf("scoring rule %d (%q): %w", i+1, r.Name, err)
		}
	}
	d, _ := json.Marshal(cfg.Decay)
	if _, err := tx.Exec(ctx, "set-setting", settings.ScoreDecay, string(d)); err != nil {
		return err
	}
	return tx.Commit()
}

func nonNilFilters(f []PropFilter) []PropFilter {
	if f == nil {
		return []PropFilter{}
	}
	return f
}

// Property filter operators, compiled.
const (
	pEquals = iota
	pNotEquals
	pContains
	pStarts
	pMatches
	pOrder // gt, gte, lt, lte: propTest.order
	pExists
)

var propOpCode = map[string]int{"equals": pEquals, "not_equals": pNotEquals, "contains": pContains, "starts_with": pStarts, "matches": pMatches,
	"gt": pOrder, "gte": pOrder, "lt": pOrder, "lte": pOrder, "exists": pExists}

// propTest is a compiled PropFilter.
type propTest struct {
	key   string
	op    int
	order contact.Order
	want  string
	lower string // want in lower case, for contains / starts_with
	num   float64
	isNum bool
	bool  int // 1 true, 0 false, -1 want is not a boolean
}

// scoreRule is a compiled ScoringRule.
type scoreRule struct {
	idx    int
	name   string
	points float64
	tests  []propTest
	cause  string
}

// Scorer applies scoring rules to events. It is built once from the rules
// and is safe for concurrent use: scoring an event allocates nothing
// unless it matches several rules.
type Scorer struct {
	byType map[string][]*scoreRule
	rules  []*scoreRule
	decay  Decay
}

// NewScorer compiles rules (disabled ones are left out). Errors name the
// rule: `scoring rule 2 ("Pricing"): property "url": unknown operator "has"`.
func NewScorer(rules []ScoringRule, decay Decay) (*Scorer, error) {
	if err := decay.Check(); err != nil {
		return nil, err
	}
	s := &Scorer{byType: map[string][]*scoreRule{}, decay: decay}
	for i, r := range rules {
		where := fmt.Sprintf("scoring rule %d (%q)", i+1, r.Name)
		if CleanText(r.Name) == "" {
			return nil, fmt.Errorf("scoring rule %d: a rule needs a name", i+1)
		}
		typ := strings.TrimSpace(r.Event)
		if typ == "" {
			return nil, fmt.Errorf("%s: no event type", where)
		}
		if math.IsNaN(r.Points) || math.IsInf(r.Points, 0) {
			return nil, fmt.Errorf("%s: points must be a number", where)
		}
		cr := &scoreRule{idx: i, name: CleanText(r.Name), points: r.Points,
			cause: fmt.Sprintf("%s%q %s", ScoreCausePrefix, CleanText(r.Name), signed(r.Points))}
		for j, f := range r.Filters {
			op, num, isNum, err := checkProp(f)
			if err != nil {
				return nil, fmt.Errorf("%s: filter %d: %w", where, j+1, err)
			}
			t := propTest{key: f.Key, op: propOpCode[op], order: contact.ParseOrder(op), want: f.Value, lower: strings.ToLower(f.Value), num: num, isNum: isNum, bool: -1}
			switch strings.ToLower(f.Value) {
			case "true":
				t.bool = 1
			case "false":
				t.bool = 0
			}
			cr.tests = append(cr.tests, t)
		}
		if !r.Enabled {
			continue
		}
		s.byType[typ] = append(s.byType[typ], cr)
		s.rules = append(s.rules, cr)
	}
	return s, nil
}

func signed(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v >= 0 {
		return "+" + s
	}
	return strings.Replace(s, "-", "−", 1)
}

// Score returns the points an event earns (before decay) and why: the
// cause of the rule, or the causes of several rules joined by "; ".
func (s *Scorer) Score(ev *contact.Event) (points float64, cause string) {
	rules := s.byType[ev.Type]
	if len(rules) == 0 {
		return 0, ""
	}
	var first *scoreRule
	var many []string
	for _, r := range rules {
		if !r.match(ev.Props) {
			continue
		}
		points += r.points
		switch {
		case first == nil:
			first = r
		case many == nil:
			many = []string{first.cause, r.cause}
		default:
			many = append(many, r.cause)
		}
	}
	switch {
	case many != nil:
		return points, strings.Join(many, "; ")
	case first != nil:
		return points, first.cause
	}
	return 0, ""
}

// Decay returns the decay the scorer applies in Rescore.
func (s *Scorer) Decay() Decay { return s.decay }

func (r *scoreRule) match(props map[string]any) bool {
	for i := range r.tests {
		if !r.tests[i].match(props) {
			return false
		}
	}
	return true
}

func (t *propTest) match(props map[string]any) bool {
	v, ok := props[t.key]
	ok = ok && v != nil
	switch t.op {
	case pExists:
		return ok
	case pEquals:
		return ok && t.eq(v)
	case pNotEquals:
		return !ok || !t.eq(v)
	case pContains, pStarts, pMatches:
		if !ok {
			return false
		}
		s, isStr := v.(string)
		if !isStr {
			s = contact.ToString(v)
		}
		if t.op == pStarts {
			return contact.HasPrefixFold(s, t.lower)
		}
		if t.op == pMatches {
			return contact.MatchWildcard(t.want, s)
		}
		return contact.ContainsFold(s, t.lower)
	}
	n, isNum := numeric(v)
	return ok && isNum && t.order.Holds(n, t.num)
}

func (t *propTest) eq(v any) bool {
	switch x := v.(type) {
	case string:
		if strings.EqualFold(x, t.want) {
			return true
		}
		if t.isNum {
			n, ok := numeric(x)
			return ok && n == t.num
		}
		return false
	case float64:
		return t.isNum && x == t.num
	case bool:
		return t.bool >= 0 && x == (t.bool == 1)
	}
	n, ok := numeric(v)
	if ok && t.isNum {
		return n == t.num
	}
	return strings.EqualFold(contact.ToString(v), t.want)
}

// numeric reads a number the way segments do: a JSON number, or a string
// holding only a number.
func numeric(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		n, err := x.Float64()
		return n, err == nil
	case string:
		s := strings.TrimSpace(x)
		if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '+' || s[0] == '.') {
			return 0, false
		}
		n, err := strconv.ParseFloat(s, 64)
		return n, err == nil
	}
	return 0, false
}

// RescoreResult counts what Rescore did.
type RescoreResult struct {
	Contacts           int `json:"contacts"`
	Events             int `json:"events"`
	Changed            int `json:"changed"`
	TemperatureChanges int `json:"temperature_changes"`
}

// tally is one contact's score being recomputed.
type tally struct {
	raw, decayed float64
	perRule      map[int]*ruleTally
	manual       float64 // points from flows and other causes, before decay
}

type ruleTally struct {
	n   int
	pts float64
}

// Rescore recomputes every contact's score from its event history at time
// now: the points of the scoring rules, plus the points flows gave
// (score_changed events from other causes), all decayed by age. A contact
// whose score or temperature band changes gets a score_history row whose
// cause sums up the rules behind the score, and — when its temperature
// changes — a score_changed event (unprocessed, so "temperature reached"
// triggers fire).
//
// Events are read in one sequential pass (in storage order, which is
// arrival order; reading them contact by contact through the index costs a
// random page read per event, three times slower at a million events),
// and scores are written 1000 contacts per transaction.
func Rescore(ctx context.Context, st *store.Store, now time.Time) (*RescoreResult, error) {
	cfg, err := LoadScoring(ctx, st)
	if err != nil {
		return nil, err
	}
	sc, err := NewScorer(cfg.Rules, cfg.Decay)
	if err != nil {
		return nil, err
	}
	warm, hot, err := Bands(ctx, st)
	if err != nil {
		return nil, err
	}
	res := &RescoreResult{}
	tallies, err := tallyEvents(ctx, st, sc, now, res)
	if err != nil {
		return res, err
	}
	var last int64
	for {
		n, next, err := rescoreBatch(ctx, st, sc, tallies, warm, hot, now, last, res)
		if err != nil {
			return res, err
		}
		if n == 0 {
			return res, nil
		}
		last = next
	}
}

// tallyEvents adds up, per contact, the points of every scoring event up
// to now.
func tallyEvents(ctx context.Context, q store.Querier, sc *Scorer, now time.Time, res *RescoreResult) (map[int64]*tally, error) {
	types := []any{contact.EventScoreChanged}
	needProps := map[string]bool{contact.EventScoreChanged: true}
	for t, rules := range sc.byType {
		if t != contact.EventScoreChanged {
			types = append(types, t)
		}
		for _, r := range rules {
			needProps[t] = needProps[t] || len(r.tests) > 0
		}
	}
	// NOT INDEXED: one pass over the table beats an index lookup per type
	// (SQLite only; PostgreSQL's planner chooses by itself).
	notIndexed := " NOT INDEXED"
	if store.DialectOf(q) == store.Postgres {
		notIndexed = ""
	}
	rows, err := q.QueryContext(ctx, `SELECT contact_id, type, props, at, source FROM events`+notIndexed+`
		WHERE at <= ? AND type IN (`+strings.TrimSuffix(strings.Repeat("?,", len(types)), ",")+`)`, append([]any{store.MS(now)}, types...)...)
	if err != nil {
		return nil, fmt.Errorf("rescore: %w", err)
	}
	defer rows.Close()
	tallies := map[int64]*tally{}
	ev := &contact.Event{}
	var props sql.RawBytes
	var source string
	var at int64
	for rows.Next() {
		if err := rows.Scan(&ev.ContactID, &ev.Type, &props, &at, &source); err != nil {
			return nil, err
		}
		res.Events++
		ev.Props = nil
		if needProps[ev.Type] && len(props) > 2 {
			if err := json.Unmarshal(props, &ev.Props); err != nil {
				ev.Props = nil // unreadable: an event with no properties, as the scheduler reads it (store.ScanEvent)
			}
		}
		t := tallies[ev.ContactID]
		if t == nil {
			t = &tally{}
			tallies[ev.ContactID] = t
		}
		f := sc.decay.Factor(now.Sub(store.FromMS(at)))
		if ev.Type == contact.EventScoreChanged {
			if source == rescoreSource || strings.HasPrefix(ev.Prop("cause"), ScoreCausePrefix) {
				continue
			}
			d, ok := numeric(ev.Props["delta"])
			if !ok {
				continue
			}
			t.manual += d
			t.raw += d
			t.decayed += d * f
			continue
		}
		for _, r := range sc.byType[ev.Type] {
			if !r.match(ev.Props) {
				continue
			}
			if t.perRule == nil {
				t.perRule = map[int]*ruleTally{}
			}
			rt := t.perRule[r.idx]
			if rt == nil {
				rt = &ruleTally{}
				t.perRule[r.idx] = rt
			}
			rt.n++
			rt.pts += r.points
			t.raw += r.points
			t.decayed += r.points * f
		}
	}
	return tallies, rows.Err()
}

func rescoreBatch(ctx context.Context, st *store.Store, sc *Scorer, tallies map[int64]*tally, warm, hot float64, now time.Time, after int64, res *RescoreResult) (int, int64, error) {
	tx, err := st.Begin(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	type cur struct {
		id    int64
		score float64
		temp  string
	}
	rows, err := tx.Query(ctx, "rescore-contacts-after", after)
	if err != nil {
		return 0, 0, fmt.Errorf("rescore: %w", err)
	}
	var cs []cur
	for rows.Next() {
		var c cur
		if err := rows.Scan(&c.id, &c.score, &c.temp); err != nil {
			rows.Close()
			return 0, 0, err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(cs) == 0 {
		return 0, 0, err
	}
	upd, err := tx.Prepare(ctx, "set-contact-score")
	if err != nil {
		return 0, 0, err
	}
	defer upd.Close()
	hist, err := tx.Prepare(ctx, "insert-score-history")
	if err != nil {
		return 0, 0, err
	}
	defer hist.Close()
	for _, c := range cs {
		res.Contacts++
		t := tallies[c.id]
		if t == nil {
			t = &tally{}
		}
		score := math.Round(t.decayed*100) / 100
		temp := Temperature(score, warm, hot)
		if math.Abs(score-c.score) < 0.005 && temp == c.temp {
			continue
		}
		if _, err := upd.ExecContext(ctx, score, temp, c.id); err != nil {
			return 0, 0, fmt.Errorf("rescore: contact %d: %w", c.id, err)
		}
		cause := t.summary(sc)
		delta := math.Round((score-c.score)*100) / 100
		if _, err := hist.ExecContext(ctx, c.id, delta, score, cause, store.MS(now)); err != nil {
			return 0, 0, err
		}
		res.Changed++
		if temp != c.temp {
			res.TemperatureChanges++
			props := map[string]any{"old": c.score, "new": score, "delta": delta, "temperature": temp, "old_temperature": c.temp, "cause": cause}
			b, _ := json.Marshal(props)
			if _, err := tx.Exec(ctx, "insert-unprocessed-event", c.id, contact.EventScoreChanged, string(b), store.MS(now), store.MS(now), rescoreSource); err != nil {
				return 0, 0, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, err
	}
	return len(cs), cs[len(cs)-1].id, nil
}

// summary explains a recomputed score: `rescore: 3× "Pricing page" +15,
// 1× "White paper" +20, flows +10, decay −4.5`.
func (t *tally) summary(sc *Scorer) string {
	var parts []string
	idx := make([]int, 0, len(t.perRule))
	for i := range t.perRule {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		rt := t.perRule[i]
		name := ""
		for _, r := range sc.rules {
			if r.idx == i {
				name = r.name
			}
		}
		parts = append(parts, fmt.Sprintf("%d× %q %s", rt.n, name, signed(round2(rt.pts))))
	}
	if t.manual != 0 {
		parts = append(parts, "flows and manual "+signed(round2(t.manual)))
	}
	if d := round2(t.decayed - t.raw); d != 0 {
		parts = append(parts, "decay "+signed(d))
	}
	if len(parts) == 0 {
		return "rescore: no scoring events"
	}
	return "rescore: " + strings.Join(parts, ", ")
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
