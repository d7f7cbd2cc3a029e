package contacts

import (
	"bytes"
	"flightplan/engine/store/pgtest"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// TestMain removes the shared benchmark workspace.
func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

var (
	csvOnce sync.Once
	csv100k []byte
)

// messyCSV is 100,000 contacts as a French Excel export would hold them:
// semicolons, padded and mixed-case emails, four spellings of Québec,
// country codes and names, three date formats, national phone numbers,
// quoted line breaks, and 1 % duplicate emails.
func messyCSV() []byte {
	csvOnce.Do(func() {
		var b bytes.Buffer
		b.WriteString("\ufeffCourriel;Prénom;Nom;Société;Pays;Province;Ville;Téléphone;Date de naissance;Notes\r\n")
		firsts := []string{"Jean", "Marie", "Élodie", "François", "Zoé", "Luc", "Anne", "Rémi"}
		lasts := []string{"Dupont", "Tremblay", "Côté", "Gagnon", "Lefèvre", "Roy", "Bérubé", "Martin"}
		countries := []string{"FR", "France", "fra", "Canada", "CA", "États-Unis", "USA", "Belgique"}
		provinces := []string{"QC", "Qc", "Quebec", "Québec", "Ontario", "ON", "", "Île-de-France"}
		cities := []string{"Paris", "Montréal", "Lyon", "Québec", "Boston", "Bruxelles", "Laval", "Nantes"}
		for i := range 100_000 {
			n := i
			if i%100 == 99 {
				n = i - 50 // a duplicate of an earlier line
			}
			day, month, year := 1+n%28, 1+n%12, 1950+n%55
			var date string
			switch n % 3 {
			case 0:
				date = fmt.Sprintf("%02d/%02d/%d", day, month, year)
			case 1:
				date = fmt.Sprintf("%d-%02d-%02d", year, month, day)
			default:
				date = fmt.Sprintf("%d mars %d", day, year)
			}
			notes := ""
			if n%10 == 0 {
				notes = "\"Rencontré au salon\r\nà rappeler\""
			}
			fmt.Fprintf(&b, "  User%d@Example%d.COM ;%s;%s;Société  %d;%s;%s;%s;06 %02d %02d %02d %02d;%s;%s\r\n",
				n, n%50, firsts[n%8], lasts[(n/8)%8], n%1000, countries[n%8], provinces[(n/3)%8], cities[n%8],
				n%100, (n/100)%100, (n/7)%100, (n/13)%100, date, notes)
		}
		csv100k = b.Bytes()
	})
	return csv100k
}

// BenchmarkImport100k imports 100,000 messy rows into an empty workspace,
// with clean-up, de-duplication and a list join (contact_created and
// list_joined events for every contact).
func BenchmarkImport100k(b *testing.B) {
	data := messyCSV()
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "ws.flightplan"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := Import(bg, st, bytes.NewReader(data), ImportOptions{List: "salon", DefaultCountryCode: "33", Now: now})
		if err != nil {
			b.Fatal(err)
		}
		if res.Created != 99_000 || res.Skipped != 1000 || len(res.Rejects) != 0 {
			b.Fatalf("created %d skipped %d rejects %d %v", res.Created, res.Skipped, len(res.Rejects), res.Rejects[:min(3, len(res.Rejects))])
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

var (
	benchOnce sync.Once
	benchDir  string
	benchSt   *store.Store
	benchErr  error
)

// benchWorkspace is 100,000 contacts and 1,000,000 events over 90 days,
// generated once per run with INSERT … SELECT over a counter, the fastest
// batched insert SQLite has.
func benchWorkspace(b *testing.B) *store.Store {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "flightplan-bench-")
		if benchErr != nil {
			return
		}
		benchSt, benchErr = store.Open(filepath.Join(benchDir, "ws.flightplan"))
		if benchErr != nil {
			return
		}
		nowMS := store.MS(now)
		for _, q := range []string{
			`INSERT INTO field_defs(name, type, label, options) VALUES('plan','choice','Plan','["Basic","Pro","Enterprise"]')`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100000)
			 INSERT INTO contacts(id, email, first_name, last_name, company, country, city, fields, score, temperature, stage, created_at, updated_at)
			 SELECT i, 'user' || i || '@example' || (i % 50) || '.com', 'User' || i, 'Name' || ((i * 7919) % 100000), 'Company ' || (i % 1000),
			   CASE i % 5 WHEN 0 THEN 'France' WHEN 1 THEN 'Canada' WHEN 2 THEN 'United States' WHEN 3 THEN 'Belgium' ELSE 'Switzerland' END,
			   CASE i % 4 WHEN 0 THEN 'Paris' WHEN 1 THEN 'Montréal' WHEN 2 THEN 'Lyon' ELSE 'Boston' END,
			   json_object('plan', CASE i % 3 WHEN 0 THEN 'Basic' WHEN 1 THEN 'Pro' ELSE 'Enterprise' END, 'seats', i % 50),
			   (i * 37) % 100, CASE WHEN (i * 37) % 100 >= 60 THEN 'hot' WHEN (i * 37) % 100 >= 30 THEN 'warm' ELSE 'cold' END,
			   CASE i % 5 WHEN 0 THEN 'subscriber' WHEN 1 THEN 'lead' WHEN 2 THEN 'mql' WHEN 3 THEN 'sql' ELSE 'customer' END,
			   ? - (i % 365) * 86400000, ?
			 FROM n`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 1000000)
			 INSERT INTO events(contact_id, type, props, at, received_at, processed, source)
			 SELECT ((i * 7919) % 100000) + 1,
			   CASE i % 10 WHEN 0 THEN 'page_visited' WHEN 1 THEN 'page_visited' WHEN 2 THEN 'page_visited' WHEN 3 THEN 'page_visited'
			     WHEN 4 THEN 'email_opened' WHEN 5 THEN 'email_clicked' WHEN 6 THEN 'email_sent' WHEN 7 THEN 'file_downloaded'
			     WHEN 8 THEN 'form_submitted' ELSE 'purchase' END,
			   CASE WHEN i % 10 < 4 THEN json_object('url', CASE (i / 10) % 5 WHEN 0 THEN '/pricing' WHEN 1 THEN '/pricing/team' ELSE '/blog/' || (i % 50) END)
			     WHEN i % 10 = 9 THEN json_object('amount', (i % 300) + 0.5) ELSE '{}' END,
			   ? - ((i * 104729) % 7776000000), ?, 1, 'bench'
			 FROM n`,
		} {
			args := []any{}
			if bytes.Contains([]byte(q), []byte("?")) {
				args = []any{nowMS, nowMS}
			}
			if _, benchErr = benchSt.DB().Exec(q, args...); benchErr != nil {
				return
			}
		}
		_, benchErr = benchSt.DB().Exec(`ANALYZE`)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchSt
}

// benchSegment has three rules: a country, a score threshold, and
// visits of the pricing pages in the last 30 days.
var benchSegment = Segment{ID: "bench", Rules: []Rule{
	{Kind: KindField, Field: "country", Op: "equals", Value: "France"},
	{Kind: KindScore, Op: "gte", Value: "50"},
	{Kind: KindEvent, Op: "did", Event: "page_visited", Days: 30, Filters: []PropFilter{{Key: "url", Op: "contains", Value: "/pricing"}}},
}}

func BenchmarkSegmentCount(b *testing.B) {
	st := benchWorkspace(b)
	n := 0
	for b.Loop() {
		var err error
		if n, err = Count(bg, st.ReadDB(), &benchSegment, now); err != nil {
			b.Fatal(err)
		}
	}
	if n == 0 || n > 20_000 {
		b.Fatalf("count %d", n)
	}
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkSegmentCountCustomField swaps the country for a custom field:
// json_extract reads every contact's JSON.
func BenchmarkSegmentCountCustomField(b *testing.B) {
	st := benchWorkspace(b)
	seg := benchSegment
	seg.Rules = append([]Rule{{Kind: KindField, Field: "plan", Op: "equals", Value: "pro"}}, seg.Rules[1:]...)
	n := 0
	for b.Loop() {
		var err error
		if n, err = Count(bg, st.ReadDB(), &seg, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkSegmentCountAny is the same rules with "any": every contact is
// tested, up to its event subquery.
func BenchmarkSegmentCountAny(b *testing.B) {
	st := benchWorkspace(b)
	seg := benchSegment
	seg.Match = "any"
	n := 0
	for b.Loop() {
		var err error
		if n, err = Count(bg, st.ReadDB(), &seg, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkListPage is one page deep in the contact table, sorted by last
// name, with its total.
func BenchmarkListPage(b *testing.B) {
	st := benchWorkspace(b)
	for b.Loop() {
		rows, total, err := List(bg, st.ReadDB(), ListQuery{Sort: "last_name", Offset: 50_000, Limit: 100})
		if err != nil || len(rows) != 100 || total != 100_000 {
			b.Fatal(len(rows), total, err)
		}
	}
}

// BenchmarkListSearch is a search over names, emails and companies, with its total.
func BenchmarkListSearch(b *testing.B) {
	st := benchWorkspace(b)
	for b.Loop() {
		rows, total, err := List(bg, st.ReadDB(), ListQuery{Search: "user123", Stage: "lead", Limit: 100})
		if err != nil || len(rows) == 0 || total == 0 {
			b.Fatal(len(rows), total, err)
		}
	}
}

// BenchmarkMatchesContact is the runner's per-step segment check.
func BenchmarkMatchesContact(b *testing.B) {
	st := benchWorkspace(b)
	c, err := store.LoadContact(bg, st.ReadDB(), 5)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := MatchesContact(bg, st.ReadDB(), c, &benchSegment, now); err != nil {
			b.Fatal(err)
		}
	}
}

// scoreRules are 20 rules over 8 event types, with the usual filters.
var scoreRules = func() []ScoringRule {
	var rs []ScoringRule
	add := func(name, ev string, pts float64, fs ...PropFilter) {
		rs = append(rs, ScoringRule{Name: name, Event: ev, Points: pts, Filters: fs, Enabled: true})
	}
	add("Pricing", "page_visited", 5, PropFilter{Key: "url", Op: "contains", Value: "/pricing"})
	add("Team pricing", "page_visited", 5, PropFilter{Key: "url", Op: "starts_with", Value: "/pricing/team"})
	add("Blog", "page_visited", 1, PropFilter{Key: "url", Op: "starts_with", Value: "/blog"})
	add("Careers", "page_visited", -5, PropFilter{Key: "url", Op: "contains", Value: "/careers"})
	add("Any page", "page_visited", 0.5)
	add("Opened", "email_opened", 1)
	add("Clicked", "email_clicked", 3)
	add("Clicked demo", "email_clicked", 5, PropFilter{Key: "url", Op: "contains", Value: "demo"})
	add("White paper", "file_downloaded", 20, PropFilter{Key: "file", Op: "equals", Value: "guide.pdf"})
	add("Any download", "file_downloaded", 5)
	add("Demo form", "form_submitted", 30, PropFilter{Key: "form", Value: "demo"})
	add("Contact form", "form_submitted", 15, PropFilter{Key: "form", Value: "contact"})
	add("Newsletter form", "form_submitted", 2, PropFilter{Key: "form", Value: "newsletter"})
	add("Big purchase", "purchase", 30, PropFilter{Key: "amount", Op: "gte", Value: "200"})
	add("Purchase", "purchase", 10, PropFilter{Key: "amount", Op: "gt", Value: "0"})
	add("Refund", "purchase", -20, PropFilter{Key: "amount", Op: "lt", Value: "0"})
	add("Unsubscribed", "unsubscribed", -10)
	add("Bounced", "bounced", -5)
	add("Shared", "social_engaged", 4, PropFilter{Key: "action", Value: "share"})
	add("Liked", "social_engaged", 1, PropFilter{Key: "action", Value: "like"}, PropFilter{Key: "network", Op: "exists"})
	return rs
}()

func BenchmarkScore(b *testing.B) {
	const n = 1_000_000
	types := []string{"page_visited", "page_visited", "page_visited", "email_opened", "email_clicked", "file_downloaded",
		"form_submitted", "purchase", "social_engaged", "email_sent", "unsubscribed"}
	urls := []string{"/pricing", "/pricing/team", "/blog/seo-tips", "/careers", "/Home", "https://example.com/demo?utm=mail"}
	evs := make([]contact.Event, n)
	for i := range evs {
		e := &evs[i]
		e.Type = types[i%len(types)]
		e.At = now.Add(-time.Duration(i) * time.Second)
		switch e.Type {
		case "page_visited", "email_clicked":
			e.Props = map[string]any{"url": urls[i%len(urls)]}
		case "file_downloaded":
			e.Props = map[string]any{"file": []string{"guide.pdf", "price-list.pdf"}[i%2]}
		case "form_submitted":
			e.Props = map[string]any{"form": []string{"demo", "contact", "newsletter"}[i%3]}
		case "purchase":
			e.Props = map[string]any{"amount": float64(i%400) - 50}
		case "social_engaged":
			e.Props = map[string]any{"action": []string{"share", "like"}[i%2], "network": "linkedin"}
		}
	}
	sc, err := NewScorer(scoreRules, Decay{HalfLifeDays: 90})
	if err != nil {
		b.Fatal(err)
	}
	var total float64
	b.ReportAllocs()
	for b.Loop() {
		for i := range evs {
			p, _ := sc.Score(&evs[i])
			total += p
		}
	}
	if total == 0 {
		b.Fatal("no points")
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkRescore recomputes 100,000 scores from 1,000,000 events with
// decay, on a copy of the benchmark workspace (it writes scores). The
// first run writes every changed score; later runs find nothing to change
// and measure the reading and scoring alone.
func BenchmarkRescore(b *testing.B) {
	src := benchWorkspace(b)
	path := filepath.Join(b.TempDir(), "copy.flightplan")
	if _, err := src.DB().Exec(`VACUUM INTO ?`, path); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := SaveScoring(bg, st, ScoringConfig{Rules: scoreRules, Decay: Decay{HalfLifeDays: 30}}, now); err != nil {
		b.Fatal(err)
	}
	first := true
	for b.Loop() {
		res, err := Rescore(bg, st, now)
		if err != nil {
			b.Fatal(err)
		}
		if first && (res.Contacts != 100_000 || res.Changed == 0) {
			b.Fatalf("%+v", res)
		}
		first = false
	}
	b.ReportMetric(float64(1_000_000*b.N)/b.Elapsed().Seconds(), "events/s")
}
