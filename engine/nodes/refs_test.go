package nodes

import (
	"strings"
	"testing"

	"flightplan/engine/flow"
)

// Every reference of a step is checked against the workspace: a missing
// email, list, segment, script, field or funnel is an error naming the
// step and the field; an unknown event is a warning listing the known ones.
func TestValidateReferences(t *testing.T) {
	reg := MustRegistry()
	other := parse(t, `{"format":"flightplan.flow/v1","id":"nurture","nodes":[{"id":"in","type":"trigger.from_flow"}],"edges":[]}`)
	ws := func() *Workspace {
		return &Workspace{Flows: map[string]*flow.Flow{"nurture": other}, Templates: map[string]string{"welcome": "Welcome"},
			Lists: map[string]bool{"newsletter": true}, Segments: map[string]bool{"vip": true}, Scripts: map[string]bool{"lead_score": true},
			Fields: map[string]bool{"plan": true}, EventTypes: map[string]bool{"demo_booked": true},
			Teammates: map[string]bool{"tm_ana": true}}
	}
	src := func(cfgs ...string) string {
		b := `{"format":"flightplan.flow/v1","id":"x","nodes":[{"id":"t","type":"trigger.list_joined","config":{"list":"Newsletter"}}`
		edges := ""
		prev := "t"
		for i, c := range cfgs {
			id := string(rune('a' + i))
			b += `,{"id":"` + id + `",` + c + `}`
			edges += `,{"from":"` + prev + `","to":"` + id + `"}`
			prev = id
		}
		return b + `],"edges":[` + strings.TrimPrefix(edges, ",") + `]}`
	}
	cases := []struct{ name, src, want string }{
		{"all present", src(`"type":"action.send_email","config":{"template":"welcome"}`, `"type":"condition.segment","config":{"segment":"vip"}`), ""},
		{"missing email", src(`"type":"action.send_email","config":{"template":"Welcome"}`), "e:unknown_reference@a"},
		{"missing list in a check, list created by an action is fine", src(`"type":"condition.list","config":{"list":"buyers"}`, `"type":"action.list_add","config":{"list":"leads"}`, `"type":"condition.list","config":{"list":"LEADS"}`),
			"e:unknown_reference@a"},
		{"missing segment, script, field, funnel", src(`"type":"action.score","config":{"points":1,"script":"nope"}`, `"type":"action.goto_flow","config":{"flow":"gone"}`),
			"e:unknown_reference@a e:unknown_reference@b"},
		{"fields: identity and custom exist, setting a new one is fine", src(`"type":"action.set_field","config":{"field":"fresh","value":"1"}`, `"type":"condition.field","config":{"field":"plan","operator":"equals","value":"x"}`, `"type":"condition.field","config":{"field":"country","operator":"equals","value":"x"}`, `"type":"condition.field","config":{"field":"shoe_size","operator":"equals","value":"x"}`),
			"e:unknown_reference@d"},
		{"unknown event is a warning; declared and system ones are fine", src(`"type":"wait.event","config":{"event_type":"page visit","timeout":"1d"}`), "w:unknown_event_type@a"},
		{"teammates: a known one, the owner and a plain address are fine; a gone one is missing",
			src(`"type":"action.notify","config":{"to":"tm_ana"}`, `"type":"action.notify","config":{"to":"owner"}`, `"type":"action.notify","config":{"to":"sam@example.com"}`, `"type":"action.notify","config":{"to":"tm_gone"}`),
			"e:unknown_reference@d"},
		{"system event", src(`"type":"wait.event","config":{"event_type":"page_visited","timeout":"1d"}`, `"type":"wait.event","config":{"event_type":"demo_booked","timeout":"1d"}`), ""},
	}
	for _, tc := range cases {
		got := refCodes(ValidateIn(parse(t, tc.src), reg, ws()))
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
	// The messages name the step and the field, and the unknown event's
	// warning offers the catalogue's match and lists the known events.
	is := ValidateIn(parse(t, src(`"type":"action.send_email","label":"Second email","config":{"template":"Welcome"}`)), reg, ws())
	if len(is) != 1 || !strings.Contains(is[0].Message, `step "Second email", Email: there is no email "Welcome"`) || is[0].Field != "template" {
		t.Errorf("missing email message: %+v", is)
	}
	is = ValidateIn(parse(t, src(`"type":"action.notify","label":"Tell sales","config":{"to":"tm_gone"}`)), reg, ws())
	if len(is) != 1 || !strings.Contains(is[0].Message, `step "Tell sales", To: the teammate it alerts is no longer in the workspace`) || is[0].Field != "to" {
		t.Errorf("missing teammate message: %+v", is)
	}
	is = ValidateIn(parse(t, src(`"type":"wait.event","config":{"event_type":"page visit","timeout":"1d"}`)), reg, ws())
	var warn string
	for _, i := range is {
		if i.Code == "unknown_event_type" {
			warn = i.Message
		}
	}
	if !strings.Contains(warn, `did you mean "page_visited" (Page visited)?`) || !strings.Contains(warn, "demo_booked") || !strings.Contains(warn, "email_opened") {
		t.Errorf("unknown event warning: %s", warn)
	}
	// A flow file alone (no workspace) checks nothing outside itself.
	if got := refCodes(ValidateIn(parse(t, src(`"type":"action.send_email","config":{"template":"Welcome"}`)), reg, nil)); got != "" {
		t.Errorf("without a workspace: %s", got)
	}
}

// refCodes is codes for the reference checks alone.
func refCodes(issues []flow.Issue) string {
	var keep []flow.Issue
	for _, i := range issues {
		if i.Code == "unknown_reference" || i.Code == "unknown_event_type" {
			keep = append(keep, i)
		}
	}
	return codes(keep)
}
