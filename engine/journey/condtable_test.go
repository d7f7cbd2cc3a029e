package journey_test

import (
	"fmt"
	"time"

	"testing"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes/condtable"
	"flightplan/engine/sim"
)

// conditionTable is the scenario of every row of the condition table
// (engine/nodes/condtable): each profile walks one funnel that chains
// every row, then two waits for an event with a look-back; every row must
// take the port the table expects.
func conditionTable(t testing.TB) *scenario {
	rows := condtable.Rows()
	f := &flow.Flow{Format: flow.Format, ID: "cond", Name: "Conditions", Settings: flow.Settings{Reentry: flow.ReentryOnce}}
	f.Nodes = append(f.Nodes, flow.Node{ID: "start", Type: "trigger.event", Config: map[string]any{"event_type": "probe"}})
	prev := "start"
	link := func(to string, ports ...string) {
		if len(ports) == 0 {
			f.Edges = append(f.Edges, flow.Edge{From: prev, To: to})
		}
		for _, p := range ports {
			f.Edges = append(f.Edges, flow.Edge{From: prev, Port: p, To: to})
		}
	}
	ports := []string(nil)
	for i, r := range rows {
		id := fmt.Sprintf("r%d", i)
		f.Nodes = append(f.Nodes, flow.Node{ID: id, Type: r.Type, Config: r.Config})
		link(id, ports...)
		prev, ports = id, []string{"yes", "no"}
	}
	// Pricing seen in the last 2 days and 1 hour: met at once for the two
	// who visited pricing 2 days ago. An open in the last day, or within
	// the next one: only the customer, 6 hours after the wait began.
	f.Nodes = append(f.Nodes,
		flow.Node{ID: "seen", Type: "wait.event", Config: map[string]any{"event_type": contact.EventPageVisited, "filter": map[string]any{"url": "*pricing"}, "lookback": "49h", "timeout": "1h"}},
		flow.Node{ID: "opened", Type: "wait.event", Config: map[string]any{"event_type": contact.EventEmailOpened, "lookback": "1d", "timeout": "1d"}},
		flow.Node{ID: "end", Type: "exit"})
	link("seen", ports...)
	prev = "seen"
	link("opened", "met", "timeout")
	prev = "opened"
	link("end", "met", "timeout")

	probe := t0.Add(10 * dayD)
	var cast []sim.ScriptedContact
	for _, p := range condtable.Profiles() {
		c := p.Contact
		sc := sim.ScriptedContact{Contact: &c, At: t0, Lists: p.Lists}
		for _, e := range p.Events {
			sc.Events = append(sc.Events, sim.ScriptedEvent{At: probe.Add(-e.Ago), Type: e.Type, Props: e.Props})
		}
		sc.Events = append(sc.Events, sim.ScriptedEvent{At: probe, Type: "probe"})
		cast = append(cast, sc)
	}
	client := &cast[3]
	client.Events = append(client.Events, sim.ScriptedEvent{At: probe.Add(6 * time.Hour), Type: contact.EventEmailOpened})
	// Events in time order, as a contact's history is.
	for i := range cast {
		evs := cast[i].Events
		for a := 1; a < len(evs); a++ {
			for b := a; b > 0 && evs[b].At.Before(evs[b-1].At); b-- {
				evs[b], evs[b-1] = evs[b-1], evs[b]
			}
		}
	}
	want := map[int][]string{}
	for i := range cast {
		for j, r := range rows {
			want[i] = append(want[i], fmt.Sprintf(" cond r%d:%s(", j, r.Port(i)))
		}
	}
	return &scenario{name: "condition table", flows: []*flow.Flow{f}, cast: cast, days: 12, want: want, covers: []string{
		"seen:timeout(ok)", `seen:met(ok) wait.event.already {"event":"page_visited"`,
		`opened:met(ok) wait.event.met {"after":"18000","event":"email_opened"}`, "opened:timeout(ok)"}}
}
