// Package sim fast-forwards funnels over synthetic audiences, in memory:
// the "what would happen if" of a flow before it meets real contacts.
//
// It runs the same node executors as the live runner (nodes.Spec.Executor)
// under the same journey rules, which live once in engine/journey — re-entry
// (once, always, once per period), exit events, goals that pull journeys
// forward, waits that park and resume on time or on an event, suppression
// of unsubscribed and bounced contacts, the frequency cap, quiet hours in
// the contact's timezone, score and temperature, lifecycle stages that only
// move forward, go-to-flow into another flow's "comes from another funnel"
// start, what a relay's answer does to a message — plus declarative scoring
// (Config.Scoring) and segment entries (Config.Segments). The world
// (journeys.go) implements journey.Data over the current contact's
// memory: no SQLite, no outbox table, no journal rows. The contract tests
// of engine/journey play the same contacts and events on both and require
// the same journal, step for step.
//
// # Time and order
//
// Contacts never influence each other: every rule is per contact. Each
// contact is therefore its own discrete-event simulation — a small priority
// queue of (time, sequence) items on a virtual clock: its arrival, its
// behaviour events, the wake-ups of its waits, its email deliveries —
// equivalent to one global queue restricted to that contact, without its
// cost. Workers simulate contacts in parallel and sum their counters, so
// the result does not depend on the number of workers.
//
// At one instant the live runner's order is kept: anniversary sweeps, then
// pending events in arrival order, then due wake-ups by (time, journey),
// then the events those steps emitted, until nothing is due; an event
// arriving at the very instant of a wake-up comes after it.
//
// # Audience and behaviour
//
// An Audience is personas, each a share of the contacts with its fields
// (weighted values, number or date ranges), lists, tags, score, stage,
// timezones and Behaviour; Preset names a few ready ones and FromContacts
// takes real contacts. Each contact arrives within Config.ArrivalWindow and
// goes through the triggers of the entry flows: it is created, joins the
// lists, gets the tags, abandons the cart or submits the form they wait
// for; a birthday flow gives contacts without a date one that comes soon.
//
// When an email is delivered, the contact's persona draws its reactions:
// bounce, open after an exponential delay, click on one of its links,
// purchase after a click, download, confirmation of a double opt-in,
// unsubscribe. Tracking events carry the journey and the node, as live
// tracking does, so email-engagement conditions and waits see them. On its
// own the contact visits the website, fills carts and submits forms at its
// persona's daily rates. A visit is one or more pages, each a page_visited
// (the first marked visit = true, as the tracking snippet marks a page 30
// minutes or more after the last) and, when the persona has a reading
// time, a page_left with the seconds read.
//
// Every draw comes from a PCG stream seeded by the run's seed and what it
// is about: the contact, the activity, or the message (flow, node, run,
// occurrence). The same inputs and seed give the same Result; two variants
// of a funnel (Compare) see the same people react the same way to the same
// email.
//
// # Scripted runs
//
// Config.Scripted replaces the audience by given contacts and given events,
// with no random behaviour. Messages stay queued, as in a live engine
// without a delivery worker, unless Config.Relay names how a relay
// answers: they are then delivered at their time, refused or retried as
// the live delivery worker does. It is how the simulator is checked
// against the live runner.
//
// # Limits
//
// Segments are Go predicates (Config.Segments), not the workspace's saved
// segments, which the live runner evaluates in SQL; Lua needs a
// ScriptRunner such as Lua. Anniversary dates are read when the contact
// arrives: a flow that changes the date field does not move that year's
// anniversary. Webhooks and teammate alerts are counted, not sent.
package sim
