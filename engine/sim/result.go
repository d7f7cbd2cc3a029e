package sim

import (
	"math"
	"slices"
	"sort"
	"time"

	"flightplan/engine/words"
)

// Result is what a simulation measured. It is plain data, ready for JSON:
// the canvas draws the node and edge counts, the CLI prints them.
type Result struct {
	Seed     uint64       `json:"seed"`
	Contacts int          `json:"contacts"`
	Days     int          `json:"days"`
	Start    time.Time    `json:"start"`
	End      time.Time    `json:"end"`
	Audience string       `json:"audience,omitempty"`
	Flows    []FlowResult `json:"flows"`
	// Emails has one row per email step of every flow.
	Emails []EmailResult `json:"emails"`
	// EmailsPerContact[n] is how many contacts received n emails (in a
	// scripted run, had n emails queued).
	EmailsPerContact []int           `json:"emails_per_contact"`
	Timeline         []Day           `json:"timeline"`
	Personas         []PersonaResult `json:"personas"`
	Totals           Totals          `json:"totals"`
	// Journeys holds each contact's path, with Config.Journal.
	Journeys []Journey `json:"journeys,omitempty"`
	// Notes are what the reader should know about the run, in every
	// language: a funnel sending contacts to one left out (Config.LeftOut).
	Notes []words.Text `json:"notes,omitempty"`
}

// FlowResult is one flow's numbers.
type FlowResult struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Enrolled counts journeys started (a contact may start several);
	// Contacts counts the distinct contacts among them.
	Enrolled int `json:"enrolled"`
	Contacts int `json:"contacts"`
	// Where the journeys stand at the end.
	Waiting int `json:"waiting"`
	Done    int `json:"done"`
	Exited  int `json:"exited"`
	Errors  int `json:"errors"`
	// Converted counts journeys that reached a goal, and Conversion their
	// share of Enrolled.
	Converted  int          `json:"converted"`
	Conversion float64      `json:"conversion"`
	Nodes      []NodeResult `json:"nodes"`
	Edges      []EdgeResult `json:"edges"`
	Goals      []GoalResult `json:"goals"`
	// DropOffs are the journeys that did not reach a goal, by where they
	// stopped and why, most first.
	DropOffs []DropOff `json:"drop_offs"`
}

// NodeResult counts one node, as the live runner's NodeCount.
type NodeResult struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Label string `json:"label,omitempty"`
	// Entered counts the journeys that reached the node.
	Entered int `json:"entered"`
	// Waiting counts the journeys waiting there at the end.
	Waiting int `json:"waiting"`
	Skipped int `json:"skipped"`
	Errors  int `json:"errors"`
	// Exited counts journeys that left the flow here on an exit event;
	// Jumped those pulled forward to a goal from here.
	Exited int `json:"exited"`
	Jumped int `json:"jumped"`
}

// EdgeResult counts the journeys that left a node through a port; To is
// empty when nothing is connected (the journey ended there).
type EdgeResult struct {
	From  string `json:"from"`
	Port  string `json:"port"`
	To    string `json:"to,omitempty"`
	Count int    `json:"count"`
	// Percent is the share of the node's exits through this port (0–100).
	Percent float64 `json:"percent"`
}

// GoalResult is one goal node.
type GoalResult struct {
	Node    string `json:"node"`
	Reached int    `json:"reached"`
	// Rate is Reached over the flow's journeys (0–1).
	Rate float64 `json:"rate"`
	// Median is the median time from entering the flow to the goal.
	Median      Duration `json:"median"`
	MedianHours float64  `json:"median_hours"`
}

// DropOff is where journeys that reached no goal stopped: "ended" (the
// path ran out), "exited" (an exit event), "waiting" (still waiting at the
// end), or "error".
type DropOff struct {
	Node   string `json:"node"`
	Status string `json:"status"`
	Count  int    `json:"count"`
	// Percent is the share of the flow's journeys (0–100).
	Percent float64 `json:"percent"`
}

// EmailResult is one email step.
type EmailResult struct {
	Flow     string `json:"flow"`
	Node     string `json:"node"`
	Template string `json:"template"`
	// Queued messages went to the outbox; Skipped steps sent nothing
	// (unsubscribed, bounced, frequency cap); Deferred waited for quiet
	// hours to end.
	Queued   int `json:"queued"`
	Skipped  int `json:"skipped"`
	Deferred int `json:"deferred"`
	// Sent were delivered; Failed were dropped at send time (the contact
	// unsubscribed meanwhile); Bounced were refused.
	Sent         int     `json:"sent"`
	Failed       int     `json:"failed"`
	Bounced      int     `json:"bounced"`
	Opened       int     `json:"opened"`
	Clicked      int     `json:"clicked"`
	Unsubscribed int     `json:"unsubscribed"`
	Purchases    int     `json:"purchases"`
	Revenue      float64 `json:"revenue"`
	// Rates over Sent, and clicks over opens (0–1).
	OpenRate    float64 `json:"open_rate"`
	ClickRate   float64 `json:"click_rate"`
	ClickToOpen float64 `json:"click_to_open"`
}

// Day is one day of the period.
type Day struct {
	Day          int    `json:"day"`
	Date         string `json:"date"`
	Entered      int    `json:"entered"`
	Emails       int    `json:"emails"`
	Opens        int    `json:"opens"`
	Clicks       int    `json:"clicks"`
	Goals        int    `json:"goals"`
	Unsubscribes int    `json:"unsubscribes"`
	Purchases    int    `json:"purchases"`
}

// PersonaResult is one persona's numbers.
type PersonaResult struct {
	Name         string  `json:"name"`
	Contacts     int     `json:"contacts"`
	Emails       int     `json:"emails"`
	Opens        int     `json:"opens"`
	Clicks       int     `json:"clicks"`
	Purchases    int     `json:"purchases"`
	Revenue      float64 `json:"revenue"`
	Goals        int     `json:"goals"`
	Unsubscribed int     `json:"unsubscribed"`
}

// Totals are whole-run counters.
type Totals struct {
	Contacts      int     `json:"contacts"`
	Enrollments   int     `json:"enrollments"`
	Steps         int     `json:"steps"`
	Events        int     `json:"events"`
	Resumed       int     `json:"resumed"`
	Errors        int     `json:"errors"`
	EmailsQueued  int     `json:"emails_queued"`
	EmailsSent    int     `json:"emails_sent"`
	Notifications int     `json:"notifications"`
	Webhooks      int     `json:"webhooks"`
	Opens         int     `json:"opens"`
	Clicks        int     `json:"clicks"`
	Unsubscribes  int     `json:"unsubscribes"`
	Bounces       int     `json:"bounces"`
	Purchases     int     `json:"purchases"`
	Revenue       float64 `json:"revenue"`
	revenueCents  int64
}

// Journey is one contact's path through every flow, oldest step first.
type Journey struct {
	Contact int64  `json:"contact"`
	Email   string `json:"email"`
	Persona string `json:"persona,omitempty"`
	Steps   []Step `json:"steps"`
}

// Step is one journal entry, as the live runner's runner.Step. Why is
// what the simulation wrote; Code, Params, Reason and Text say it to
// readers once Explain has run.
type Step struct {
	Flow       string       `json:"flow_id"`
	Enrollment int64        `json:"enrollment_id"`
	Run        int          `json:"run"`
	Node       string       `json:"node"`
	Port       string       `json:"port"`
	Why        words.Reason `json:"-"`
	// Code and Params are the reason, language-neutral (engine/words).
	Code   string            `json:"code,omitempty"`
	Params map[string]string `json:"params,omitempty"`
	// Reason is the reason in English; Text in every language.
	Reason  string      `json:"reason"`
	Text    *words.Text `json:"text,omitempty"`
	Outcome string      `json:"outcome"`
	At      time.Time   `json:"at"`
	// FlowName and StepName name the funnel and the step (in every
	// language) for readers: a step of another funnel is named, not
	// shown by its id.
	FlowName string      `json:"flow_name,omitempty"`
	StepName *words.Text `json:"step_name,omitempty"`
}

// Explain writes every kept step's reason for readers, naming funnels,
// steps and emails with n. The simulation itself writes only codes: a
// sentence is built when someone reads it.
func (r *Result) Explain(n words.Names) {
	for i := range r.Journeys {
		for k := range r.Journeys[i].Steps {
			s := &r.Journeys[i].Steps[k]
			t := words.All(s.Why, s.Flow, n)
			s.Code, s.Params, s.Reason, s.Text = string(s.Why.Code), s.Why.Map(), t.En, &t
			s.FlowName = n.Funnel(s.Flow)
			st := words.Text{En: n.Step(s.Flow, s.Node, "en"), Fr: n.Step(s.Flow, s.Node, "fr")}
			st.Pseudo = "⟦" + st.En + "⟧"
			s.StepName = &st
		}
	}
}

// Accumulators: one shard per worker, summed at the end. Integer counters
// sum the same in any order, so the result does not depend on the workers.

type shard struct {
	flows      []flowAcc
	emails     []emailAcc
	days       []dayAcc
	perContact []int
	personas   []personaAcc
	tot        Totals
	goalTimes  [][]int64
	extra      map[extraKey]int
}

type extraKey struct {
	flow int
	node int32
	port string
}

type flowAcc struct {
	enrolled, contacts, active, done, exited, errors, converted int
	nodes                                                       []nodeAcc
	edges                                                       []int
}

type nodeAcc struct {
	entered, waiting, skipped, errors, exits, jumps int
	dropEnded, dropExited, dropWaiting, dropError   int
}

type emailAcc struct {
	queued, skipped, deferred, sent, failed, bounced, opened, clicked, unsubscribed, purchases int
	revenue                                                                                    int64
}

type dayAcc struct {
	entered, emails, opens, clicks, goals, unsubscribes, purchases int
}

type personaAcc struct {
	contacts, emails, opens, clicks, purchases, goals, unsubscribed int
	revenue                                                         int64
}

func (m *model) newShard() *shard {
	s := &shard{emails: make([]emailAcc, len(m.emails)), days: make([]dayAcc, m.days), personas: make([]personaAcc, max(len(m.personas), 1)),
		goalTimes: make([][]int64, len(m.goals)), extra: map[extraKey]int{}}
	for _, f := range m.flows {
		s.flows = append(s.flows, flowAcc{nodes: make([]nodeAcc, len(f.nodes)), edges: make([]int, f.edges)})
	}
	return s
}

func (s *shard) extraEdge(fl *cflow, node int32, port string) {
	s.extra[extraKey{fl.idx, node, port}]++
}

func (s *shard) merge(o *shard) {
	for i := range s.flows {
		a, b := &s.flows[i], &o.flows[i]
		a.enrolled += b.enrolled
		a.contacts += b.contacts
		a.active += b.active
		a.done += b.done
		a.exited += b.exited
		a.errors += b.errors
		a.converted += b.converted
		for j := range a.nodes {
			x, y := &a.nodes[j], &b.nodes[j]
			x.entered += y.entered
			x.waiting += y.waiting
			x.skipped += y.skipped
			x.errors += y.errors
			x.exits += y.exits
			x.jumps += y.jumps
			x.dropEnded += y.dropEnded
			x.dropExited += y.dropExited
			x.dropWaiting += y.dropWaiting
			x.dropError += y.dropError
		}
		for j := range a.edges {
			a.edges[j] += b.edges[j]
		}
	}
	for i := range s.emails {
		a, b := &s.emails[i], &o.emails[i]
		a.queued += b.queued
		a.skipped += b.skipped
		a.deferred += b.deferred
		a.sent += b.sent
		a.failed += b.failed
		a.bounced += b.bounced
		a.opened += b.opened
		a.clicked += b.clicked
		a.unsubscribed += b.unsubscribed
		a.purchases += b.purchases
		a.revenue += b.revenue
	}
	for i := range s.days {
		a, b := &s.days[i], &o.days[i]
		a.entered += b.entered
		a.emails += b.emails
		a.opens += b.opens
		a.clicks += b.clicks
		a.goals += b.goals
		a.unsubscribes += b.unsubscribes
		a.purchases += b.purchases
	}
	for len(s.perContact) < len(o.perContact) {
		s.perContact = append(s.perContact, 0)
	}
	for i, n := range o.perContact {
		s.perContact[i] += n
	}
	for i := range s.personas {
		a, b := &s.personas[i], &o.personas[i]
		a.contacts += b.contacts
		a.emails += b.emails
		a.opens += b.opens
		a.clicks += b.clicks
		a.purchases += b.purchases
		a.goals += b.goals
		a.unsubscribed += b.unsubscribed
		a.revenue += b.revenue
	}
	t, u := &s.tot, &o.tot
	t.Contacts += u.Contacts
	t.Enrollments += u.Enrollments
	t.Steps += u.Steps
	t.Events += u.Events
	t.Resumed += u.Resumed
	t.Errors += u.Errors
	t.EmailsQueued += u.EmailsQueued
	t.EmailsSent += u.EmailsSent
	t.Notifications += u.Notifications
	t.Webhooks += u.Webhooks
	t.Opens += u.Opens
	t.Clicks += u.Clicks
	t.Unsubscribes += u.Unsubscribes
	t.Bounces += u.Bounces
	t.Purchases += u.Purchases
	t.revenueCents += u.revenueCents
	for i := range s.goalTimes {
		s.goalTimes[i] = append(s.goalTimes[i], o.goalTimes[i]...)
	}
	for k, v := range o.extra {
		s.extra[k] += v
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return round4(float64(a) / float64(b))
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

// percent is a share in percent with two decimals.
func percent(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(float64(a)*10000/float64(b)) / 100
}

func (m *model) result(acc *shard, journeys []Journey) *Result {
	r := &Result{Seed: m.cfg.Seed, Contacts: acc.tot.Contacts, Days: m.days, Start: msTime(m.start), End: msTime(m.end),
		Audience: m.cfg.Audience.Name, Flows: []FlowResult{}, Emails: []EmailResult{}, Timeline: []Day{}, Personas: []PersonaResult{}, Journeys: journeys}
	if m.scripted {
		r.Audience = "scripted"
	}
	for fi, cf := range m.flows {
		fa := &acc.flows[fi]
		fr := FlowResult{ID: cf.f.ID, Name: cf.f.Name, Enrolled: fa.enrolled, Contacts: fa.contacts, Waiting: fa.active, Done: fa.done,
			Exited: fa.exited, Errors: fa.errors, Converted: fa.converted, Conversion: ratio(fa.converted, fa.enrolled),
			Nodes: []NodeResult{}, Edges: []EdgeResult{}, Goals: []GoalResult{}, DropOffs: []DropOff{}}
		var extras []extraKey
		for k := range acc.extra {
			if k.flow == fi {
				extras = append(extras, k)
			}
		}
		sort.Slice(extras, func(i, j int) bool {
			if extras[i].node != extras[j].node {
				return extras[i].node < extras[j].node
			}
			return extras[i].port < extras[j].port
		})
		for ni := range cf.nodes {
			cn := &cf.nodes[ni]
			na := &fa.nodes[ni]
			fr.Nodes = append(fr.Nodes, NodeResult{ID: cn.n.ID, Type: cn.n.Type, Label: cn.n.Label, Entered: na.entered, Waiting: na.waiting,
				Skipped: na.skipped, Errors: na.errors, Exited: na.exits, Jumped: na.jumps})
			total := 0
			for _, o := range cn.outs {
				total += fa.edges[o.slot]
			}
			for _, k := range extras {
				if k.node == int32(ni) {
					total += acc.extra[k]
				}
			}
			for _, o := range cn.outs {
				e := EdgeResult{From: cn.n.ID, Port: o.port, Count: fa.edges[o.slot], Percent: percent(fa.edges[o.slot], total)}
				if o.to >= 0 {
					e.To = cf.nodes[o.to].n.ID
				}
				fr.Edges = append(fr.Edges, e)
			}
			for _, k := range extras {
				if k.node == int32(ni) {
					fr.Edges = append(fr.Edges, EdgeResult{From: cn.n.ID, Port: k.port, Count: acc.extra[k], Percent: percent(acc.extra[k], total)})
				}
			}
			for _, d := range []struct {
				status string
				n      int
			}{{"ended", na.dropEnded}, {"exited", na.dropExited}, {"waiting", na.dropWaiting}, {"error", na.dropError}} {
				if d.n > 0 {
					fr.DropOffs = append(fr.DropOffs, DropOff{Node: cn.n.ID, Status: d.status, Count: d.n, Percent: percent(d.n, fa.enrolled)})
				}
			}
			if cn.goal >= 0 {
				times := acc.goalTimes[cn.goal]
				slices.Sort(times)
				g := GoalResult{Node: cn.n.ID, Reached: len(times), Rate: ratio(len(times), fa.enrolled)}
				if len(times) > 0 {
					med := times[len(times)/2]
					if len(times)%2 == 0 {
						med = (times[len(times)/2-1] + med) / 2
					}
					g.Median = Duration((time.Duration(med) * time.Millisecond).Round(time.Second))
					g.MedianHours = math.Round(float64(med)/float64(hour)*100) / 100
				}
				fr.Goals = append(fr.Goals, g)
			}
		}
		sort.SliceStable(fr.DropOffs, func(i, j int) bool { return fr.DropOffs[i].Count > fr.DropOffs[j].Count })
		r.Flows = append(r.Flows, fr)
	}
	for i, es := range m.emails {
		ea := &acc.emails[i]
		r.Emails = append(r.Emails, EmailResult{Flow: es.flow.f.ID, Node: es.flow.nodes[es.node].n.ID, Template: es.template,
			Queued: ea.queued, Skipped: ea.skipped, Deferred: ea.deferred, Sent: ea.sent, Failed: ea.failed, Bounced: ea.bounced,
			Opened: ea.opened, Clicked: ea.clicked, Unsubscribed: ea.unsubscribed, Purchases: ea.purchases, Revenue: float64(ea.revenue) / 100,
			OpenRate: ratio(ea.opened, ea.sent), ClickRate: ratio(ea.clicked, ea.sent), ClickToOpen: ratio(ea.clicked, ea.opened)})
	}
	r.EmailsPerContact = acc.perContact
	if r.EmailsPerContact == nil {
		r.EmailsPerContact = []int{}
	}
	for d := range acc.days {
		a := &acc.days[d]
		r.Timeline = append(r.Timeline, Day{Day: d, Date: msTime(m.start + int64(d)*day).Format("2006-01-02"), Entered: a.entered, Emails: a.emails,
			Opens: a.opens, Clicks: a.clicks, Goals: a.goals, Unsubscribes: a.unsubscribes, Purchases: a.purchases})
	}
	for i, p := range m.personas {
		pa := &acc.personas[i]
		r.Personas = append(r.Personas, PersonaResult{Name: p.name, Contacts: pa.contacts, Emails: pa.emails, Opens: pa.opens, Clicks: pa.clicks,
			Purchases: pa.purchases, Revenue: float64(pa.revenue) / 100, Goals: pa.goals, Unsubscribed: pa.unsubscribed})
	}
	r.Totals = acc.tot
	r.Totals.Revenue = float64(acc.tot.revenueCents) / 100
	return r
}
