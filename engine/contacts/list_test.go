package contacts

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"flightplan/engine/store"
)

func emails(rows []Row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Split(r.Email, "@")[0])
	}
	return out
}

func TestList(t *testing.T) {
	st, _ := segmentFixture(t)
	db := st.ReadDB()
	if _, err := SaveSegment(bg, st.DB(), Segment{Name: "france", Rules: []Rule{f("country", "equals", "France")}}, now); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q     ListQuery
		want  []string
		total int
	}{
		{ListQuery{}, []string{"chloe", "farid", "bob", "emma", "ana", "david"}, 6}, // newest first
		{ListQuery{Sort: "last_name"}, []string{"farid", "emma", "chloe", "ana", "bob", "david"}, 6},
		{ListQuery{Sort: "-score"}, []string{"david", "ana", "farid", "bob", "chloe", "emma"}, 6},
		{ListQuery{Sort: "stage"}, []string{"chloe", "bob", "farid", "ana", "david", "emma"}, 6},
		{ListQuery{Sort: "score", Offset: 2, Limit: 2}, []string{"bob", "farid"}, 6},
		{ListQuery{Search: "acme"}, []string{"farid", "ana", "david"}, 3},
		{ListQuery{Search: "acme paris"}, nil, 0}, // every word must match one of email, names, company
		{ListQuery{Search: "acme martin"}, []string{"ana"}, 1},
		{ListQuery{Search: "B.CA"}, []string{"bob"}, 1},
		{ListQuery{List: "newsletter", Sort: "email"}, []string{"ana", "bob", "farid"}, 3},
		{ListQuery{Tag: "vip", Sort: "email"}, []string{"ana", "chloe"}, 2},
		{ListQuery{Stage: "lead", Sort: "email"}, []string{"bob", "farid"}, 2},
		{ListQuery{Temperature: "HOT", Sort: "email"}, []string{"ana", "david"}, 2},
		{ListQuery{Segment: "france", Sort: "email"}, []string{"ana", "chloe", "farid"}, 3},
		{ListQuery{Segment: "france", Tag: "vip", Sort: "-email"}, []string{"chloe", "ana"}, 2},
	}
	for _, c := range cases {
		rows, total, err := List(bg, db, c.q)
		if err != nil {
			t.Fatalf("%+v: %v", c.q, err)
		}
		if got := emails(rows); total != c.total || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v: %v (%d), want %v (%d)", c.q, got, total, c.want, c.total)
		}
	}
	rows, _, _ := List(bg, db, ListQuery{Search: "ana@"})
	if len(rows) != 1 || rows[0].FirstName != "Ana" || rows[0].Score != 75 || rows[0].Stage != "mql" || !rows[0].CreatedAt.Equal(days(100)) || rows[0].Fields["plan"] != "Pro" {
		t.Errorf("row %+v", rows)
	}
	_, _, err := List(bg, db, ListQuery{Sort: "fields; DROP TABLE contacts"})
	wantErr(t, err, "cannot sort by")
	_, _, err = List(bg, db, ListQuery{Segment: "nope"})
	wantErr(t, err, `segment "nope"`)
}

func TestTimeline(t *testing.T) {
	st, ids := segmentFixture(t)
	db := st.DB()
	ana := ids["ana"]
	at := func(d time.Duration) int64 { return store.MS(now.Add(-d)) }
	if _, err := db.Exec(`INSERT INTO steps(enrollment_id, flow_id, version, contact_id, node, port, reason, outcome, at) VALUES
		(1, 'welcome', 1, ?, 'opened', 'no', 'email "welcome-1" not opened', 'ok', ?),
		(1, 'welcome', 1, ?, 'hello', '', 'queued email "welcome-1"', 'ok', ?)`, ana, at(36*time.Hour), ana, at(4*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO outbox(key, kind, contact_id, enrollment_id, node, payload, status, attempts, next_at, created_at, sent_at) VALUES
		('k1', 'email', ?, 1, 'hello', '{"template":"welcome-1","flow":"welcome","node":"hello"}', 'sent', 1, 0, ?, ?)`, ana, at(4*24*time.Hour), at(95*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO score_history(contact_id, delta, score, cause, at) VALUES(?, 20, 75, 'scoring rule "White paper" +20', ?)`, ana, at(20*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO events(contact_id, type, props, at, received_at) VALUES(?, 'score_changed', '{}', ?, ?)`, ana, at(20*time.Hour), at(0)); err != nil {
		t.Fatal(err)
	}
	items, err := Timeline(bg, st.ReadDB(), ana)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Kind+": "+it.Title)
	}
	want := []string{
		"score: score +20 → 75",       // 20 h
		"event: file_downloaded",      // 1 day
		"step: welcome › opened → no", // 36 h
		"event: page_visited",         // 2 days
		"event: page_visited",         // 3 days
		"message: email welcome-1",    // sent at 95 h
		"step: welcome › hello",       // 4 days
		"event: purchase",             // 5 days
		"event: page_visited",         // 40 days
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeline:\n%s", strings.Join(got, "\n"))
	}
	if items[0].Detail != `scoring rule "White paper" +20` || items[2].Detail != `email "welcome-1" not opened` || items[5].Detail != "sent" || items[3].Detail != "url=/pricing" {
		t.Errorf("details %q %q %q %q", items[0].Detail, items[2].Detail, items[5].Detail, items[3].Detail)
	}
	empty, err := Timeline(bg, st.ReadDB(), ids["emma"])
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("empty timeline %v %v", empty, err)
	}
}
