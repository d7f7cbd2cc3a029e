package contacts

import (
	"math"
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

var demoRules = []ScoringRule{
	{Name: "Pricing page", Event: "page_visited", Filters: []PropFilter{{Key: "url", Op: "contains", Value: "/pricing"}}, Points: 5, Enabled: true},
	{Name: "White paper", Event: "file_downloaded", Points: 20, Enabled: true},
	{Name: "Unsubscribed", Event: "unsubscribed", Points: -10, Enabled: true},
	{Name: "Big purchase", Event: "purchase", Filters: []PropFilter{{Key: "amount", Op: "gte", Value: "100"}}, Points: 30, Enabled: true},
	{Name: "Any page", Event: "page_visited", Points: 1, Enabled: true},
	{Name: "Off", Event: "page_visited", Points: 1000, Enabled: false},
}

func TestScorer(t *testing.T) {
	sc, err := NewScorer(demoRules, Decay{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		ev    contact.Event
		pts   float64
		cause string
	}{
		{contact.Event{Type: "page_visited", Props: map[string]any{"url": "https://x.fr/PRICING?a=1"}}, 6, `scoring rule "Pricing page" +5; scoring rule "Any page" +1`},
		{contact.Event{Type: "page_visited", Props: map[string]any{"url": "/blog"}}, 1, `scoring rule "Any page" +1`},
		{contact.Event{Type: "page_visited"}, 1, `scoring rule "Any page" +1`},
		{contact.Event{Type: "file_downloaded"}, 20, `scoring rule "White paper" +20`},
		{contact.Event{Type: "unsubscribed"}, -10, `scoring rule "Unsubscribed" −10`},
		{contact.Event{Type: "purchase", Props: map[string]any{"amount": "120"}}, 30, `scoring rule "Big purchase" +30`},
		{contact.Event{Type: "purchase", Props: map[string]any{"amount": 99.5}}, 0, ""},
		{contact.Event{Type: "purchase", Props: map[string]any{"amount": "beaucoup"}}, 0, ""},
		{contact.Event{Type: "email_opened"}, 0, ""},
	}
	for _, c := range cases {
		pts, cause := sc.Score(&c.ev)
		if pts != c.pts || cause != c.cause {
			t.Errorf("%s %v: %v %q; want %v %q", c.ev.Type, c.ev.Props, pts, cause, c.pts, c.cause)
		}
	}
	// Filters mean the same as in segments.
	for _, c := range []struct {
		f    PropFilter
		v    any
		want bool
	}{
		{PropFilter{Key: "k", Value: "10"}, 10.0, true},
		{PropFilter{Key: "k", Value: "10"}, "10.0", true},
		{PropFilter{Key: "k", Value: "Demo"}, "DEMO", true},
		{PropFilter{Key: "k", Value: "true"}, true, true},
		{PropFilter{Key: "k", Value: "false"}, true, false},
		{PropFilter{Key: "k", Op: "not_equals", Value: "a"}, nil, true},
		{PropFilter{Key: "k", Op: "exists"}, "", true},
		{PropFilter{Key: "k", Op: "exists"}, nil, false},
		{PropFilter{Key: "k", Op: "starts_with", Value: "/Pri"}, "/pricing", true},
		{PropFilter{Key: "k", Op: "contains", Value: "é"}, "CAFÉ", true},
		{PropFilter{Key: "k", Op: "lt", Value: "5"}, "4", true},
		{PropFilter{Key: "k", Op: "lte", Value: "5"}, 5.0, true},
		{PropFilter{Key: "k", Op: "gt", Value: "5"}, "inf", false},
		{PropFilter{Key: "k", Op: "matches", Value: "*/pricing*"}, "https://a.example/PRICING/team", true},
		{PropFilter{Key: "k", Op: "matches", Value: "https://a.example/pricing*"}, "https://a.example/blog", false},
		{PropFilter{Key: "k", Op: "matches", Value: "/pri%"}, "/pricing", false},
	} {
		s, err := NewScorer([]ScoringRule{{Name: "r", Event: "e", Points: 1, Enabled: true, Filters: []PropFilter{c.f}}}, Decay{})
		if err != nil {
			t.Fatal(err)
		}
		props := map[string]any{"k": c.v}
		if c.v == nil {
			props = nil
		}
		pts, _ := s.Score(&contact.Event{Type: "e", Props: props})
		if (pts == 1) != c.want {
			t.Errorf("%+v on %#v: %v", c.f, c.v, pts == 1)
		}
	}
	for _, c := range []struct {
		rules []ScoringRule
		decay Decay
		err   string
	}{
		{[]ScoringRule{{Name: "a", Event: "x", Points: 1}, {Name: "Pricing", Event: "x", Filters: []PropFilter{{Key: "url", Op: "has", Value: "p"}}}}, Decay{}, `scoring rule 2 ("Pricing"): filter 1: property "url": unknown operator "has"`},
		{[]ScoringRule{{Name: "a"}}, Decay{}, `scoring rule 1 ("a"): no event type`},
		{[]ScoringRule{{Event: "x"}}, Decay{}, `scoring rule 1: a rule needs a name`},
		{nil, Decay{Percent: 10}, "every how many days"},
		{nil, Decay{Percent: 120, EveryDays: 1}, "at most 100"},
	} {
		_, err := NewScorer(c.rules, c.decay)
		wantErr(t, err, c.err)
	}
}

func TestDecay(t *testing.T) {
	day := 24 * time.Hour
	for _, c := range []struct {
		d    Decay
		age  time.Duration
		want float64
	}{
		{Decay{}, 400 * day, 1},
		{Decay{Percent: 10, EveryDays: 30}, 29 * day, 1},
		{Decay{Percent: 10, EveryDays: 30}, 30 * day, 0.9},
		{Decay{Percent: 10, EveryDays: 30}, 65 * day, 0.81},
		{Decay{HalfLifeDays: 30}, 30 * day, 0.5},
		{Decay{HalfLifeDays: 30}, 60 * day, 0.25},
		{Decay{HalfLifeDays: 30, Percent: 50, EveryDays: 1}, 30 * day, 0.5}, // half-life wins
		{Decay{HalfLifeDays: 30}, -day, 1},
	} {
		if got := c.d.Factor(c.age); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%+v at %v: %v, want %v", c.d, c.age, got, c.want)
		}
	}
}

func TestRescore(t *testing.T) {
	st := openStore(t)
	db := st.DB()
	if err := SaveScoring(bg, st, ScoringConfig{Rules: demoRules[:4], Decay: Decay{Percent: 50, EveryDays: 30}}, now); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadScoring(bg, db)
	if err != nil || len(cfg.Rules) != 4 || cfg.Decay.Percent != 50 || cfg.Rules[0].Name != "Pricing page" || cfg.Rules[0].Filters[0].Value != "/pricing" {
		t.Fatalf("%+v %v", cfg, err)
	}
	if err := st.SetSetting(settings.TemperatureHot, "40"); err != nil {
		t.Fatal(err)
	}
	mk := func(email string) int64 {
		id, err := store.InsertContact(bg, db, &contact.Contact{Email: email}, now)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	ev := func(id int64, typ string, ago int, props map[string]any, source string) {
		if _, err := store.InsertEvent(bg, db, &contact.Event{ContactID: id, Type: typ, Props: props, At: days(ago)}, now, source); err != nil {
			t.Fatal(err)
		}
	}
	ana, bob, cleo := mk("ana@x.fr"), mk("bob@x.fr"), mk("cleo@x.fr")
	ev(ana, "page_visited", 1, map[string]any{"url": "/pricing"}, "web")                                      // 5
	ev(ana, "page_visited", 2, map[string]any{"url": "/pricing"}, "web")                                      // 5
	ev(ana, "file_downloaded", 31, nil, "web")                                                                // 20 × 0.5 = 10
	ev(ana, "page_visited", 0, map[string]any{"url": "/blog"}, "web")                                         // no rule
	ev(ana, "score_changed", 3, map[string]any{"delta": 15.0, "cause": "flow welcome"}, "engine")             // a flow's points: 15
	ev(ana, "score_changed", 1, map[string]any{"delta": 5.0, "cause": ScoreCausePrefix + `"x" +5`}, "engine") // a rule's, counted from its event
	ev(bob, "file_downloaded", 61, nil, "web")                                                                // 20 × 0.25 = 5
	ev(bob, "unsubscribed", 0, nil, "web")                                                                    // −10
	ev(bob, "purchase", 5, map[string]any{"amount": 150}, "web")                                              // 30
	ev(cleo, "page_visited", -1, map[string]any{"url": "/pricing"}, "web")                                    // after now: not yet
	// A row whose properties cannot be read counts as a visit with none
	// (no rule matches it) instead of failing the whole rescore.
	if _, err := db.Exec(`INSERT INTO events(contact_id, type, props, at, received_at, source) VALUES(?, 'page_visited', '{"url": "/pricing"', ?, ?, 'web')`, cleo, store.MS(days(1)), store.MS(now)); err != nil {
		t.Fatal(err)
	}

	res, err := Rescore(bg, st, now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Contacts != 3 || res.Changed != 2 || res.TemperatureChanges != 1 {
		t.Errorf("%+v", res)
	}
	want := map[int64][2]any{ana: {35.0, "warm"}, bob: {25.0, "cold"}, cleo: {0.0, "cold"}}
	for id, w := range want {
		c, _ := store.LoadContact(bg, db, id)
		if c.Score != w[0] || c.Temperature != w[1] {
			t.Errorf("contact %d: score %v %s, want %v", id, c.Score, c.Temperature, w)
		}
	}
	var cause string
	var delta float64
	if err := db.QueryRow(`SELECT cause, delta FROM score_history WHERE contact_id=?`, ana).Scan(&cause, &delta); err != nil {
		t.Fatal(err)
	}
	if delta != 35 || cause != `rescore: 2× "Pricing page" +10, 1× "White paper" +20, flows and manual +15, decay −10` {
		t.Errorf("history: %v %q", delta, cause)
	}
	// Ana went cold → warm: one score_changed event so temperature triggers fire.
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE type='score_changed' AND source='scoring' AND processed=0 AND contact_id=? AND json_extract(props,'$.temperature')='warm'`, ana); n != 1 {
		t.Errorf("%d temperature events", n)
	}

	// Run again at the same time: nothing changes, nothing is written.
	res, err = Rescore(bg, st, now)
	if err != nil || res.Changed != 0 {
		t.Errorf("second run %+v %v", res, err)
	}
	// A month later points have decayed and the hot band moved.
	if err := st.SetSetting(settings.TemperatureWarm, "20"); err != nil {
		t.Fatal(err)
	}
	later := now.Add(30 * 24 * time.Hour)
	if _, err := Rescore(bg, st, later); err != nil {
		t.Fatal(err)
	}
	c, _ := store.LoadContact(bg, db, ana)
	// 5+5 at 31/32 days → 2.5+2.5; 20 at 61 days → 5; flow 15 at 33 days → 7.5.
	if c.Score != 17.5 || c.Temperature != "cold" {
		t.Errorf("ana a month later: %v %s", c.Score, c.Temperature)
	}
	c, _ = store.LoadContact(bg, db, cleo)
	if c.Score != 5 {
		t.Errorf("cleo's event counts once its time has come: %v", c.Score)
	}
	if n := countRows(t, st, `SELECT count(*) FROM score_history WHERE contact_id=?`, ana); n != 2 {
		t.Errorf("%d history rows for ana", n)
	}
	if strings.Count(cause, "×") != 2 {
		t.Error(cause)
	}
}

func TestBands(t *testing.T) {
	st := openStore(t)
	warm, hot, err := Bands(bg, st.DB())
	if err != nil || warm != 30 || hot != 60 {
		t.Errorf("defaults %v %v %v", warm, hot, err)
	}
	if Temperature(29.9, 30, 60) != "cold" || Temperature(30, 30, 60) != "warm" || Temperature(60, 30, 60) != "hot" {
		t.Error("bands")
	}
	st.SetSetting(settings.TemperatureWarm, "many")
	_, _, err = Bands(bg, st.DB())
	wantErr(t, err, "temperature_warm", `"many" is not a number`)
}
