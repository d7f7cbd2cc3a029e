package nodes

import (
	"strings"
	"testing"
)

// The natural scoring build (page visited → +10 points) with the default
// re-entry warns that each contact scores once; "every time" does not.
func TestValidateScoreOnce(t *testing.T) {
	reg := MustRegistry()
	src := func(reentry string) string {
		return `{"format":"flightplan.flow/v1","id":"x",` + reentry + `"nodes":[
			{"id":"t","type":"trigger.event","config":{"event_type":"page_visited"}},
			{"id":"p","type":"action.score","config":{"points":10}}],
			"edges":[{"from":"t","to":"p"}]}`
	}
	issues := Validate(parse(t, src("")), reg, nil)
	if got := codes(issues); got != "w:score_once@p" {
		t.Fatalf("default re-entry: %s", got)
	}
	if !strings.Contains(issues[0].Message, "only once, ever") || !strings.Contains(issues[0].Message, "Every time") {
		t.Errorf("message: %s", issues[0].Message)
	}
	if got := codes(Validate(parse(t, src(`"settings":{"reentry":"always"},`)), reg, nil)); got != "" {
		t.Errorf("every time: %s", got)
	}
	manual := strings.Replace(strings.Replace(src(""), "trigger.event", "trigger.manual", 1), `"config":{"event_type":"page_visited"}`, `"config":{}`, 1)
	if got := codes(Validate(parse(t, manual), reg, nil)); got != "" {
		t.Errorf("a manual start scores once on purpose: %s", got)
	}
}
