package contacts

import (
	"strings"
	"testing"

	"flightplan/engine/clock"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
)

// A flow scores a new subscriber, then asks a saved segment whether they
// are now a hot lead: the runner's SegmentChecker must see the points the
// same batch just gave, before they are written to the contact row. An
// import's list joins start the flow.
func TestRunnerSegmentCondition(t *testing.T) {
	st := openStore(t)
	const src = `{
	  "format": "flightplan.flow/v1", "id": "qualify", "name": "Qualify",
	  "settings": {"reentry": "once"},
	  "nodes": [
	    {"id": "joined", "type": "trigger.list_joined", "config": {"list": "newsletter"}},
	    {"id": "points", "type": "action.score", "config": {"points": 50}},
	    {"id": "check", "type": "condition.segment", "config": {"segment": "hot-quebec"}},
	    {"id": "hot", "type": "action.tag_add", "config": {"tag": "hot"}},
	    {"id": "cold", "type": "action.tag_add", "config": {"tag": "cold"}}
	  ],
	  "edges": [
	    {"from": "joined", "to": "points"},
	    {"from": "points", "to": "check"},
	    {"from": "check", "port": "yes", "to": "hot"},
	    {"from": "check", "port": "no", "to": "cold"}
	  ]
	}`
	fl, err := flow.Parse("qualify", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	reg := nodes.MustRegistry()
	if issues := nodes.Validate(fl, reg, nil); flow.HasErrors(issues) {
		t.Fatal(issues)
	}
	if _, err := st.Publish(fl, "", now); err != nil {
		t.Fatal(err)
	}
	// The import creates the region field the segment needs, and its list
	// joins are what start the flow.
	res, err := Import(bg, st, strings.NewReader("email;province\nmarie@x.ca;Québec\npaul@x.fr;\n"), ImportOptions{List: "newsletter", Now: now})
	if err != nil || res.Created != 2 {
		t.Fatal(res, err)
	}
	if _, err := SaveSegment(bg, st.DB(), Segment{ID: "hot-quebec", Name: "Hot in Québec", Rules: []Rule{
		{Kind: KindScore, Op: "gte", Value: "40"}, f(RegionField, "equals", "QC")}}, now); err != nil {
		t.Fatal(err)
	}
	r := runner.New(st, reg, runner.Options{Clock: clock.NewVirtual(now), Segments: SegmentChecker{}})
	stats, err := r.RunOnce(bg)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Errors != 0 || stats.Enrolled != 2 {
		t.Fatalf("%+v", stats)
	}
	for email, tag := range map[string]string{"marie@x.ca": "hot", "paul@x.fr": "cold"} {
		c := mustContact(t, st, email)
		if len(c.Tags) != 1 || c.Tags[0] != tag || c.Score != 50 {
			t.Errorf("%s: tags %v score %v, want %s", email, c.Tags, c.Score, tag)
		}
	}
	var code, params string
	if err := st.DB().QueryRow(`SELECT code, params FROM steps WHERE node='check' AND contact_id=(SELECT id FROM contacts WHERE email='marie@x.ca')`).Scan(&code, &params); err != nil {
		t.Fatal(err)
	}
	if code != "check.segment.yes" || params != `{"segment":"hot-quebec"}` {
		t.Errorf("journal: %s %s", code, params)
	}
}
