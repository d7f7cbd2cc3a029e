package contacts

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/runner"
	"flightplan/engine/store"
)

var _ runner.SegmentChecker = SegmentChecker{}

func days(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }

// segmentFixture is six contacts whose every attribute the expected counts
// below were worked out from by hand.
func segmentFixture(t *testing.T) (*store.Store, map[string]int64) {
	t.Helper()
	st := openStore(t)
	db := st.DB()
	for _, d := range []FieldDef{
		{Name: RegionField, Type: TypeText},
		{Name: "plan", Type: TypeChoice, Options: []string{"Basic", "Pro", "Enterprise"}},
		{Name: "seats", Type: TypeNumber},
		{Name: "renewal", Type: TypeDate},
		{Name: "newsletter", Type: TypeBoolean},
	} {
		if err := DefineField(bg, db, d); err != nil {
			t.Fatal(err)
		}
	}
	type fx struct {
		email, first, last, company, country, city, birth string
		fields                                            map[string]any
		score                                             float64
		stage, temp                                       string
		lists, tags                                       []string
		created                                           int
		unsub                                             bool
	}
	people := []fx{
		{"ana@a.fr", "Ana", "Martin", "Acme", "France", "Paris", "1985-03-03",
			map[string]any{"plan": "Pro", "seats": 10.0, "renewal": "2026-04-01", "newsletter": true}, 75, "mql", "hot", []string{"newsletter"}, []string{"vip"}, 100, false},
		{"bob@b.ca", "Bob", "Roy", "Bois Franc", "Canada", "Montréal", "1990-12-25",
			map[string]any{RegionField: "Québec", "plan": "Basic", "seats": 2.0, "renewal": "2025-12-01", "newsletter": false}, 35, "lead", "warm", []string{"newsletter", "webinar"}, nil, 10, false},
		{"chloe@c.fr", "Chloé", "Durand", "", "France", "Lyon", "",
			map[string]any{}, 5, "subscriber", "cold", nil, []string{"vip", "salon"}, 1, true},
		{"david@d.com", "David", "Smith", "Acme Corp", "United States", "Boston", "1979-12-31",
			map[string]any{"plan": "Enterprise", "seats": 250.0, "renewal": "2026-03-10", "newsletter": true}, 90, "sql", "hot", []string{"webinar"}, nil, 400, false},
		{"emma@e.ca", "Emma", "Côté", "", "Canada", "Québec", "2000-01-15",
			map[string]any{RegionField: "Québec", "plan": "Basic", "seats": 1.0, "newsletter": true}, 0, "customer", "cold", nil, []string{"salon"}, 40, false},
		{"farid@f.fr", "Farid", "Benali", "Acme", "France", "Paris", "",
			map[string]any{RegionField: "Île-de-France", "newsletter": false}, 50, "lead", "warm", []string{"newsletter"}, nil, 5, false},
	}
	ids := map[string]int64{}
	for _, p := range people {
		c := &contact.Contact{Email: p.email, Identity: map[string]string{"first_name": p.first, "last_name": p.last, "company": p.company,
			"country": p.country, "city": p.city, "birth_date": p.birth}, Fields: p.fields, Score: p.score, Stage: p.stage, Temperature: p.temp,
			Unsubscribed: p.unsub, CreatedAt: days(p.created)}
		id, err := store.InsertContact(bg, db, c, now)
		if err != nil {
			t.Fatal(err)
		}
		ids[strings.Split(p.email, "@")[0]] = id
		for _, l := range p.lists {
			if _, err := store.AddToList(bg, db, id, l, now); err != nil {
				t.Fatal(err)
			}
		}
		for _, tg := range p.tags {
			if _, err := store.AddTag(bg, db, id, tg, now); err != nil {
				t.Fatal(err)
			}
		}
	}
	ev := func(who, typ string, ago int, props map[string]any) {
		if _, err := store.InsertEvent(bg, db, &contact.Event{ContactID: ids[who], Type: typ, Props: props, At: days(ago)}, now, "test"); err != nil {
			t.Fatal(err)
		}
	}
	ev("ana", "page_visited", 2, map[string]any{"url": "/pricing"})
	ev("ana", "page_visited", 3, map[string]any{"url": "/blog"})
	ev("ana", "page_visited", 40, map[string]any{"url": "/pricing"})
	ev("ana", "file_downloaded", 1, map[string]any{"file": "guide.pdf"})
	ev("ana", "purchase", 5, map[string]any{"amount": 49.9})
	ev("bob", "page_visited", 1, map[string]any{"url": "/pricing"})
	ev("bob", "email_opened", 2, nil)
	ev("chloe", "page_visited", 60, map[string]any{"url": "/PRICING/plans"})
	ev("david", "purchase", 10, map[string]any{"amount": "120"})
	ev("david", "purchase", 200, map[string]any{"amount": 300})
	for range 3 {
		ev("david", "page_visited", 1, map[string]any{"url": "/pricing"})
	}
	ev("farid", "email_opened", 1, nil)
	ev("farid", "form_submitted", 1, map[string]any{"form": "demo"})
	ev("farid", "webinar_attended", 3, map[string]any{"live": true})
	return st, ids
}

func f(field, op, value string) Rule {
	return Rule{Kind: KindField, Field: field, Op: op, Value: value}
}

func TestSegmentOperators(t *testing.T) {
	st, _ := segmentFixture(t)
	pricing := []PropFilter{{Key: "url", Op: "contains", Value: "/pricing"}}
	cases := []struct {
		name string
		rule Rule
		want int
	}{
		{"text equals ignores case", f("country", "equals", "france"), 3},
		{"country value map", f("country", "equals", "FR"), 3},
		{"not_equals", f("country", "not_equals", "France"), 3},
		{"contains", f("city", "contains", "on"), 3},
		{"not_contains", f("last_name", "not_contains", "o"), 5},
		{"starts_with", f("company", "starts_with", "acme"), 3},
		{"starts_with escapes wildcards", f("company", "starts_with", "a%"), 0},
		{"is_empty identity", f("company", "is_empty", ""), 2},
		{"not_empty identity", f("company", "not_empty", ""), 4},
		{"in", f("city", "in", "Paris, Lyon"), 3},
		{"not_in", f("city", "not_in", "Paris"), 4},
		{"custom text, value map", f(RegionField, "equals", "qc"), 2},
		{"custom is_empty", f(RegionField, "is_empty", ""), 3},
		{"choice canonical", f("plan", "equals", "pro"), 1},
		{"choice in", f("plan", "in", "basic,ENTERPRISE"), 3},
		{"number gt", f("seats", "gt", "5"), 2},
		{"number gte", f("seats", "gte", "10"), 2},
		{"number lt", f("seats", "lt", "10"), 2},
		{"number lte", f("seats", "lte", "2"), 2},
		{"number equals", f("seats", "equals", "2"), 1},
		{"number not_equals counts missing", f("seats", "not_equals", "2"), 5},
		{"number is_empty", f("seats", "is_empty", ""), 2},
		{"number not_empty", f("seats", "not_empty", ""), 4},
		{"date before", f("birth_date", "before", "1986-01-01"), 2},
		{"date after (DD/MM/YYYY value)", f("birth_date", "after", "31/12/1989"), 2},
		{"date equals", f("birth_date", "equals", "3 mars 1985"), 1},
		{"date lte", f("birth_date", "lte", "1985-03-03"), 2},
		{"date is_empty", f("birth_date", "is_empty", ""), 2},
		{"custom date within_last_days", f("renewal", "within_last_days", "120"), 1},
		{"custom date more_than_days_ago", f("renewal", "more_than_days_ago", "60"), 1},
		{"custom date after", f("renewal", "after", "2026-03-02"), 2},
		{"created_at within_last_days", f("created_at", "within_last_days", "7"), 2},
		{"created_at more_than_days_ago", f("created_at", "more_than_days_ago", "30"), 3},
		{"created_at before", f("created_at", "before", "2025-03-01"), 1},
		{"created_at after", f("created_at", "after", "2026-02-24"), 2},
		{"boolean yes", f("newsletter", "equals", "oui"), 3},
		{"boolean no", f("newsletter", "equals", "no"), 2},
		{"boolean not_equals counts missing", f("newsletter", "not_equals", "yes"), 3},
		{"boolean is_empty", f("newsletter", "is_empty", ""), 1},
		{"flag", f("unsubscribed", "equals", "true"), 1},
		{"score gt", Rule{Kind: KindScore, Op: "gt", Value: "40"}, 3},
		{"score lte", Rule{Kind: KindScore, Op: "lte", Value: "35"}, 3},
		{"score equals", Rule{Kind: KindScore, Op: "equals", Value: "0"}, 1},
		{"score not_equals", Rule{Kind: KindScore, Op: "not_equals", Value: "0"}, 5},
		{"stage equals", Rule{Kind: KindStage, Op: "equals", Value: "lead"}, 2},
		{"stage at_least", Rule{Kind: KindStage, Op: "at_least", Value: "MQL"}, 3},
		{"stage at_most", Rule{Kind: KindStage, Op: "at_most", Value: "lead"}, 3},
		{"stage in", Rule{Kind: KindStage, Op: "in", Value: "mql, sql"}, 2},
		{"stage not_in", Rule{Kind: KindStage, Op: "not_in", Value: "lead"}, 4},
		{"stage not_equals", Rule{Kind: KindStage, Op: "not_equals", Value: "lead"}, 4},
		{"temperature equals", Rule{Kind: KindTemperature, Op: "equals", Value: "hot"}, 2},
		{"temperature at_least", Rule{Kind: KindTemperature, Op: "at_least", Value: "warm"}, 4},
		{"temperature at_most", Rule{Kind: KindTemperature, Op: "at_most", Value: "warm"}, 4},
		{"list in", Rule{Kind: KindList, Op: "in", Value: "newsletter"}, 3},
		{"list not_in", Rule{Kind: KindList, Op: "not_in", Value: "webinar"}, 4},
		{"list unknown", Rule{Kind: KindList, Op: "in", Value: "nope"}, 0},
		{"tag has", Rule{Kind: KindTag, Op: "has", Value: "VIP"}, 2},
		{"tag has_not", Rule{Kind: KindTag, Op: "has_not", Value: "salon"}, 4},
		{"did ever", Rule{Kind: KindEvent, Op: "did", Event: "page_visited"}, 4},
		{"did with filter, ever", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: pricing}, 4},
		{"did with filter, 30 days", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: pricing, Days: 30}, 3},
		{"did twice, ever", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Value: "/pricing"}}, Times: 2}, 2},
		{"did twice, 30 days", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Value: "/pricing"}}, Times: 2, Days: 30}, 1},
		{"did_not", Rule{Kind: KindEvent, Op: "did_not", Event: "page_visited"}, 2},
		{"did_not 3 times", Rule{Kind: KindEvent, Op: "did_not", Event: "page_visited", Filters: pricing, Times: 3}, 5},
		{"prop gt (number and numeric string)", Rule{Kind: KindEvent, Op: "did", Event: "purchase", Filters: []PropFilter{{Key: "amount", Op: "gt", Value: "100"}}}, 1},
		{"prop gt within 30 days (numeric string)", Rule{Kind: KindEvent, Op: "did", Event: "purchase", Days: 30, Filters: []PropFilter{{Key: "amount", Op: "gt", Value: "100"}}}, 1},
		{"prop gte", Rule{Kind: KindEvent, Op: "did", Event: "purchase", Days: 30, Filters: []PropFilter{{Key: "amount", Op: "gte", Value: "40"}}}, 2},
		{"prop lt", Rule{Kind: KindEvent, Op: "did", Event: "purchase", Filters: []PropFilter{{Key: "amount", Op: "lt", Value: "50"}}}, 1},
		{"prop equals number", Rule{Kind: KindEvent, Op: "did", Event: "purchase", Filters: []PropFilter{{Key: "amount", Value: "49.9"}}}, 1},
		{"prop equals numeric string", Rule{Kind: KindEvent, Op: "did", Event: "purchase", Filters: []PropFilter{{Key: "amount", Value: "120.0"}}}, 1},
		{"prop equals bool", Rule{Kind: KindEvent, Op: "did", Event: "webinar_attended", Filters: []PropFilter{{Key: "live", Value: "true"}}}, 1},
		{"prop exists", Rule{Kind: KindEvent, Op: "did", Event: "form_submitted", Filters: []PropFilter{{Key: "form", Op: "exists"}}}, 1},
		{"prop not_equals", Rule{Kind: KindEvent, Op: "did", Event: "form_submitted", Filters: []PropFilter{{Key: "form", Op: "not_equals", Value: "DEMO"}}}, 0},
		{"prop starts_with", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Op: "starts_with", Value: "/pri"}}}, 4},
		{"did no props", Rule{Kind: KindEvent, Op: "did", Event: "email_opened"}, 2},
		{"prop matches a wildcard", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Op: "matches", Value: "/pricing*"}}}, 4},
		{"prop matches inside", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Op: "matches", Value: "*/plans"}}}, 1},
		{"prop matches keeps % literal", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Op: "matches", Value: "/pri%"}}}, 0},
	}
	for _, c := range cases {
		n, err := Count(bg, st.ReadDB(), &Segment{Rules: []Rule{c.rule}}, now)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if n != c.want {
			t.Errorf("%s: count %d, want %d", c.name, n, c.want)
		}
	}
}

func TestSegmentCombinations(t *testing.T) {
	st, ids := segmentFixture(t)
	cases := []struct {
		name string
		seg  Segment
		want []string
	}{
		{"everyone", Segment{}, []string{"ana", "bob", "chloe", "david", "emma", "farid"}},
		{"all", Segment{Match: "all", Rules: []Rule{f("country", "equals", "France"), {Kind: KindScore, Op: "gt", Value: "40"}}}, []string{"ana", "farid"}},
		{"any", Segment{Match: "any", Rules: []Rule{f("country", "equals", "Canada"), {Kind: KindTag, Op: "has", Value: "vip"}}}, []string{"ana", "bob", "chloe", "emma"}},
		{"all with an any group", Segment{Rules: []Rule{{Kind: KindStage, Op: "at_least", Value: "lead"}},
			Groups: []Segment{{Match: "any", Rules: []Rule{{Kind: KindList, Op: "in", Value: "webinar"}, {Kind: KindEvent, Op: "did", Event: "file_downloaded"}}}}},
			[]string{"ana", "bob", "david"}},
		{"any of all groups", Segment{Match: "any", Groups: []Segment{
			{Rules: []Rule{f("country", "equals", "France"), {Kind: KindEvent, Op: "did_not", Event: "page_visited"}}},
			{Rules: []Rule{{Kind: KindScore, Op: "gte", Value: "90"}}}}},
			[]string{"david", "farid"}},
		{"two levels", Segment{Rules: []Rule{{Kind: KindTemperature, Op: "at_least", Value: "warm"}},
			Groups: []Segment{{Match: "any", Rules: []Rule{f("city", "equals", "Boston")},
				Groups: []Segment{{Rules: []Rule{f("country", "equals", "France"), {Kind: KindList, Op: "in", Value: "newsletter"}}}}}}},
			[]string{"ana", "david", "farid"}},
	}
	for _, c := range cases {
		n, err := Count(bg, st.ReadDB(), &c.seg, now)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := Preview(bg, st.ReadDB(), &c.seg, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, ct := range got {
			names = append(names, strings.Split(ct.Email, "@")[0])
		}
		if n != len(c.want) || !reflect.DeepEqual(names, c.want) {
			t.Errorf("%s: count %d, preview %v; want %v", c.name, n, names, c.want)
		}
		for who, id := range ids {
			ok, err := Matches(bg, st.ReadDB(), id, &c.seg, now)
			if err != nil {
				t.Fatal(err)
			}
			in := false
			for _, w := range c.want {
				in = in || w == who
			}
			if ok != in {
				t.Errorf("%s: Matches(%s) = %v", c.name, who, ok)
			}
		}
	}
}

func TestSegmentValidation(t *testing.T) {
	st, _ := segmentFixture(t)
	cases := []struct {
		seg Segment
		err string
	}{
		{Segment{ID: "vip", Rules: []Rule{f("country", "equals", "France"), {Kind: KindScore, Op: "bigger", Value: "3"}}}, `segment "vip": rule 2: unknown operator "bigger"`},
		{Segment{ID: "vip", Rules: []Rule{f("city", "gt", "3")}}, `segment "vip": rule 1: operator "gt" does not apply to text field "city"`},
		{Segment{Name: "Big", Rules: []Rule{f("shoe_size", "equals", "42")}}, `segment "Big": rule 1: unknown field "shoe_size"`},
		{Segment{ID: "s", Rules: []Rule{f("plan", "equals", "Gold")}}, `rule 1: field "plan": "Gold" is not one of its options (Basic, Pro, Enterprise)`},
		{Segment{ID: "s", Rules: []Rule{f("seats", "gt", "many")}}, `rule 1: field "seats": "many" is not a number`},
		{Segment{ID: "s", Rules: []Rule{f("renewal", "before", "soon")}}, `rule 1: field "renewal": "soon" is not a date`},
		{Segment{ID: "s", Rules: []Rule{f("renewal", "within_last_days", "-3")}}, `rule 1: "-3" is not a number of days`},
		{Segment{ID: "s", Rules: []Rule{f("city", "equals", "")}}, `rule 1: operator "equals" needs a value`},
		{Segment{ID: "s", Groups: []Segment{{Rules: []Rule{f("city", "equals", "x")}}, {Rules: []Rule{{Kind: KindStage, Op: "equals", Value: "prospect"}}}}}, `segment "s": group 2: rule 1: unknown stage "prospect"`},
		{Segment{ID: "s", Groups: []Segment{{}}}, `group 1: the group has no rules`},
		{Segment{ID: "s", Match: "some"}, `match is "some"`},
		{Segment{ID: "s", Rules: []Rule{{Kind: KindEvent, Op: "did"}}}, `rule 1: no event type`},
		{Segment{ID: "s", Rules: []Rule{{Kind: KindEvent, Op: "did", Event: "x", Filters: []PropFilter{{Key: "amount", Op: "gt", Value: "lots"}}}}}, `rule 1: filter 1: property "amount": "lots" is not a number`},
		{Segment{ID: "s", Rules: []Rule{{Kind: KindEvent, Op: "did", Event: "x", Filters: []PropFilter{{Key: `a"b`}}}}}, `rule 1: filter 1: property name`},
		{Segment{ID: "s", Rules: []Rule{{Kind: "mood", Op: "equals"}}}, `rule 1: unknown kind "mood"`},
		{Segment{ID: "s", Rules: []Rule{{Kind: KindTag, Op: "in", Value: "x"}}}, `rule 1: operator "in" does not apply to a tag (use has, has_not)`},
		{Segment{ID: "s", Rules: []Rule{{Kind: KindScore, Op: "gt", Value: "x"}}}, `rule 1: score: "x" is not a number`},
	}
	for _, c := range cases {
		_, err := Count(bg, st.ReadDB(), &c.seg, now)
		wantErr(t, err, c.err)
	}
	deep := Segment{ID: "deep", Rules: []Rule{f("city", "equals", "x")}}
	for range maxDepth + 1 {
		deep = Segment{ID: "deep", Groups: []Segment{deep}}
	}
	_, err := Count(bg, st.ReadDB(), &deep, now)
	wantErr(t, err, "nested more than")
}

// A user value never becomes SQL: quotes and SQL text are matched literally.
func TestSegmentParameterised(t *testing.T) {
	st, _ := segmentFixture(t)
	for _, v := range []string{`x' OR 1=1 --`, `"); DROP TABLE contacts; --`, `%`, `_`} {
		for _, r := range []Rule{f("city", "equals", v), f("city", "contains", v), {Kind: KindTag, Op: "has", Value: v},
			{Kind: KindEvent, Op: "did", Event: v, Filters: []PropFilter{{Key: "url", Value: v}}}} {
			n, err := Count(bg, st.ReadDB(), &Segment{Rules: []Rule{r}}, now)
			if err != nil || n != 0 {
				t.Errorf("%+v: %d, %v", r, n, err)
			}
		}
	}
	if n := countRows(t, st, `SELECT count(*) FROM contacts`); n != 6 {
		t.Fatal("contacts table damaged")
	}
}

func TestSegmentStorageAndChecker(t *testing.T) {
	st, ids := segmentFixture(t)
	db := st.DB()
	seg, err := SaveSegment(bg, db, Segment{Name: "Leads chauds Québec", Rules: []Rule{{Kind: KindScore, Op: "gte", Value: "30"}, f(RegionField, "equals", "Quebec")}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if seg.ID != "leads-chauds-quebec" || seg.Match != "all" {
		t.Errorf("saved %+v", seg)
	}
	again, err := SaveSegment(bg, db, Segment{Name: "Leads chauds Québec"}, now)
	if err != nil || again.ID != "leads-chauds-quebec-2" {
		t.Errorf("second id %q, %v", again.ID, err)
	}
	_, err = SaveSegment(bg, db, Segment{Name: "Bad", Rules: []Rule{{Kind: KindList, Op: "in", Value: "newsletter"}, {Kind: KindList, Op: "in", Value: "Nope"}}}, now)
	wantErr(t, err, `segment "Bad": rule 2: there is no list "Nope"`)
	_, err = SaveSegment(bg, db, Segment{Name: " "}, now)
	wantErr(t, err, "needs a name")

	loaded, err := LoadSegment(bg, db, "leads-chauds-quebec")
	if err != nil || loaded.Name != "Leads chauds Québec" || len(loaded.Rules) != 2 || !loaded.UpdatedAt.Equal(now) {
		t.Fatalf("load %+v, %v", loaded, err)
	}
	byName, err := LoadSegment(bg, db, "leads chauds québec")
	if err != nil || byName.ID != "leads-chauds-quebec" {
		t.Errorf("by name: %+v %v", byName, err)
	}
	all, err := ListSegments(bg, db)
	if err != nil || len(all) != 2 {
		t.Errorf("list %d, %v", len(all), err)
	}

	var chk SegmentChecker
	bob, _ := store.LoadContact(bg, db, ids["bob"])
	ok, err := chk.InSegment(bg, db, bob, "leads-chauds-quebec", now)
	if err != nil || !ok {
		t.Errorf("bob in segment: %v %v", ok, err)
	}
	// The runner holds contacts in memory until its batch commits: the
	// checker must see the in-memory score, not the stored one.
	bob.Score = 10
	ok, err = chk.InSegment(bg, db, bob, "leads-chauds-quebec", now)
	if err != nil || ok {
		t.Errorf("bob with score 10 in memory: %v %v", ok, err)
	}
	stored, err := Matches(bg, db, bob.ID, loaded, now)
	if err != nil || !stored {
		t.Errorf("stored bob: %v %v", stored, err)
	}
	_, err = chk.InSegment(bg, db, bob, "missing", now)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing segment: %v", err)
	}
	if err := DeleteSegment(bg, db, "leads-chauds-quebec-2"); err != nil {
		t.Fatal(err)
	}
	if err := DeleteSegment(bg, db, "leads-chauds-quebec-2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
	if n := countRows(t, st, `SELECT count(*) FROM segments`); n != 1 {
		t.Errorf("%d segments", n)
	}
	_ = fmt.Sprint
}

// One event whose stored properties SQLite cannot read (nested 1,001 deep,
// or damaged text) must not make property filters fail for the whole
// workspace: the row simply has no properties.
func TestSegmentSurvivesUnreadableEventProps(t *testing.T) {
	st, ids := segmentFixture(t)
	deep := strings.Repeat(`{"a":`, 1001) + "1" + strings.Repeat("}", 1001)
	for _, props := range []string{deep, `{"url": "/pricing"`} {
		if _, err := st.DB().Exec(`INSERT INTO events(contact_id, type, props, at, received_at, source) VALUES(?, 'page_visited', ?, ?, ?, 'test')`,
			ids["emma"], props, store.MS(days(1)), store.MS(now)); err != nil {
			t.Fatal(err)
		}
	}
	pricing := []PropFilter{{Key: "url", Op: "contains", Value: "/pricing"}}
	for _, c := range []struct {
		name string
		rule Rule
		want int
	}{
		{"did with filter", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: pricing}, 4},
		{"did_not with filter", Rule{Kind: KindEvent, Op: "did_not", Event: "page_visited", Filters: pricing}, 2},
		{"prop equals", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Value: "/pricing"}}}, 3},
		{"prop exists", Rule{Kind: KindEvent, Op: "did", Event: "page_visited", Filters: []PropFilter{{Key: "url", Op: "exists"}}}, 4},
		{"did, no filter (the rows still count as visits)", Rule{Kind: KindEvent, Op: "did", Event: "page_visited"}, 5},
	} {
		n, err := Count(bg, st.ReadDB(), &Segment{Rules: []Rule{c.rule}}, now)
		if err != nil || n != c.want {
			t.Errorf("%s: count %d, %v; want %d", c.name, n, err, c.want)
		}
	}
}
