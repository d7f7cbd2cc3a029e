package nodes

import (
	"sort"
	"strings"
	"testing"

	"flightplan/engine/flow"
)

func codes(issues []flow.Issue) string {
	var out []string
	for _, i := range issues {
		out = append(out, string(i.Severity[0])+":"+i.Code+"@"+i.NodeID)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func parse(t *testing.T, src string) *flow.Flow {
	t.Helper()
	f, err := flow.Parse("test", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestValidate(t *testing.T) {
	reg := MustRegistry()
	cases := []struct{ name, src, want string }{
		{"empty", `{"format":"flightplan.flow/v1","id":"x","nodes":[],"edges":[]}`, "e:no_trigger@"},
		{"required field and unconnected yes", `{"format":"flightplan.flow/v1","id":"x","nodes":[
			{"id":"t","type":"trigger.list_joined","config":{"list":"a"}},
			{"id":"c","type":"condition.field","config":{}},
			{"id":"m","type":"action.send_email","config":{"template":"w"}}],
			"edges":[{"from":"t","to":"c"},{"from":"c","port":"no","to":"m"}]}`, "e:port_unconnected@c e:required@c"},
		{"unknown type and port", `{"format":"flightplan.flow/v1","id":"x","nodes":[
			{"id":"t","type":"trigger.manual"},{"id":"z","type":"action.teleport"}],
			"edges":[{"from":"t","port":"maybe","to":"z"}]}`, "e:port_unconnected@t e:unknown_type@z"},
		{"instant loop", `{"format":"flightplan.flow/v1","id":"x","nodes":[
			{"id":"t","type":"trigger.manual"},{"id":"a","type":"action.tag_add","config":{"tag":"x"}},
			{"id":"b","type":"condition.tag","config":{"tag":"y"}}],
			"edges":[{"from":"t","to":"a"},{"from":"a","to":"b"},{"from":"b","port":"yes","to":"a"},{"from":"b","port":"no","to":"a"}]}`, "e:instant_loop@a"},
		{"loop with a wait is fine", `{"format":"flightplan.flow/v1","id":"x","nodes":[
			{"id":"t","type":"trigger.manual"},{"id":"a","type":"action.tag_add","config":{"tag":"x"}},
			{"id":"w","type":"wait.delay","config":{"duration":"1d"}}],
			"edges":[{"from":"t","to":"a"},{"from":"a","to":"w"},{"from":"w","to":"a"}]}`, ""},
		{"engagement without wait, wait forever, bad split, bad duration", `{"format":"flightplan.flow/v1","id":"x","nodes":[
			{"id":"t","type":"trigger.manual"},{"id":"m","type":"action.send_email","config":{"template":"w"}},
			{"id":"o","type":"condition.email_engagement","config":{"email_node":"m"}},
			{"id":"we","type":"wait.event","config":{"event_type":"purchase","timeout":""}},
			{"id":"s","type":"split.random","config":{"branches":[{"id":"a","percent":30},{"id":"b","percent":30}]}},
			{"id":"d","type":"wait.delay","config":{"duration":"soon"}}],
			"edges":[{"from":"t","to":"m"},{"from":"m","to":"o"},{"from":"o","port":"yes","to":"we"},{"from":"o","port":"no","to":"s"},
			{"from":"we","port":"met","to":"d"},{"from":"we","port":"timeout","to":"d"},{"from":"s","port":"a","to":"d"},{"from":"s","port":"b","to":"d"}]}`,
			"e:bad_duration@d e:split_total@s w:engagement_no_wait@o w:port_unconnected@d w:wait_forever@we"},
		{"edge into trigger and email node of the wrong type", `{"format":"flightplan.flow/v1","id":"x","nodes":[
			{"id":"t","type":"trigger.manual"},{"id":"o","type":"condition.email_engagement","config":{"email_node":"t"}}],
			"edges":[{"from":"t","to":"o"},{"from":"o","port":"yes","to":"t"},{"from":"o","port":"no","to":"t"}]}`,
			"e:instant_loop@t e:into_trigger@t e:into_trigger@t e:wrong_node_type@o w:engagement_no_wait@o"},
	}
	for _, tc := range cases {
		got := codes(Validate(parse(t, tc.src), reg, nil))
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestValidateCrossFlowLoop(t *testing.T) {
	reg := MustRegistry()
	a := parse(t, `{"format":"flightplan.flow/v1","id":"a","settings":{"reentry":"always"},"nodes":[
		{"id":"in","type":"trigger.from_flow"},{"id":"go","type":"action.goto_flow","config":{"flow":"b"}}],"edges":[{"from":"in","to":"go"}]}`)
	b := parse(t, `{"format":"flightplan.flow/v1","id":"b","settings":{"reentry":"always"},"nodes":[
		{"id":"in","type":"trigger.from_flow"},{"id":"go","type":"action.goto_flow","config":{"flow":"a"}}],"edges":[{"from":"in","to":"go"}]}`)
	if got := codes(Validate(a, reg, map[string]*flow.Flow{"b": b})); got != "e:flow_loop@go" {
		t.Errorf("loop a→b→a: %s", got)
	}
	b.Settings.Reentry = flow.ReentryOnce
	if got := codes(Validate(a, reg, map[string]*flow.Flow{"b": b})); got != "" {
		t.Errorf("with a re-entry limit the loop cannot spin: %s", got)
	}
	if got := codes(Validate(a, reg, map[string]*flow.Flow{})); got != "e:unknown_reference@go" {
		t.Errorf("missing target: %s", got)
	}
}

func TestValidateDuplicateEdgeFromOnePort(t *testing.T) {
	f := parse(t, `{"format":"flightplan.flow/v1","id":"x","nodes":[
		{"id":"t","type":"trigger.manual"},{"id":"a","type":"exit"},{"id":"b","type":"exit"}],
		"edges":[{"from":"t","to":"a"},{"from":"t","to":"b"}]}`)
	if got := codes(Validate(f, MustRegistry(), nil)); got != "e:port_multiple@t w:unreachable@b" {
		t.Errorf("got %s", got)
	}
}

// TestValidateLinkRulesComeFromSpecs checks that the validator reads the
// link rules the canvas reads (Input, SelfLink) from the specs rather than
// knowing them itself: change the declaration and the verdict follows.
func TestValidateLinkRulesComeFromSpecs(t *testing.T) {
	selfLink := parse(t, `{"format":"flightplan.flow/v1","id":"x","nodes":[
		{"id":"t","type":"trigger.manual"},{"id":"w","type":"wait.delay","config":{"duration":"1d"}}],
		"edges":[{"from":"t","to":"w"},{"from":"w","to":"w"}]}`)
	chain := parse(t, `{"format":"flightplan.flow/v1","id":"x","nodes":[
		{"id":"t","type":"trigger.manual"},{"id":"e","type":"exit"}],
		"edges":[{"from":"t","to":"e"}]}`)
	if got := codes(Validate(selfLink, MustRegistry(), nil)); got != "e:self_loop@w" {
		t.Errorf("self link, catalogue as declared: got %s", got)
	}
	if got := codes(Validate(chain, MustRegistry(), nil)); got != "" {
		t.Errorf("chain, catalogue as declared: got %s", got)
	}
	specs := AllSpecs()
	for i := range specs {
		switch specs[i].Type {
		case "wait.delay":
			specs[i].SelfLink = true
		case "exit":
			specs[i].Input = false
		}
	}
	reg, err := NewRegistry(specs...)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(Validate(selfLink, reg, nil)); got != "" {
		t.Errorf("self link declared allowed: got %s", got)
	}
	if got := codes(Validate(chain, reg, nil)); !strings.Contains(got, "e:into_trigger@e") {
		t.Errorf("into a step declared without an input: got %s", got)
	}
}
