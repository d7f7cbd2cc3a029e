// Package journey holds the rules of a contact's journey through a funnel,
// once, for every place journeys live: the live runner's batch (a SQLite
// transaction, engine/runner) and the simulator's world (one simulated
// contact in memory, engine/sim).
//
// The rules: enrolment and re-entry (Enroll: once ever, always but never
// twice at once, once per period), the step loop (Advance: each node's
// executor decides, its effects are applied, the step is journaled, until
// the journey waits, parks before a script or ends), what an event does to
// open journeys (HandleEvent, OnEvent: declarative scoring, exits, goal
// jumps, the end of a wait), waking a waiting journey (Wake), the effects
// (Apply: lists, tags, score and temperature, fields, stage order, links
// to other funnels, goals, messages), the workspace policy (Rules, read by
// Load: suppression, frequency cap, quiet hours, temperature bands, stage
// order), failures (Fail, the step limit), and what delivery does with a
// relay's answer (AtSend, Settle, MaxAttempts, Backoff).
//
// The package declares what it needs from where journeys live, Data, and
// the two implementations provide it with their own representation (node
// ids or node indexes, buffered rows or arrays). Data is a generic
// interface: the rules make one indirect call per question, no conversion,
// and an event a step causes is passed by value (Emission), so the
// simulator allocates nothing more than before for it.
//
// The contract tests (contract_test.go) play every behaviour — node kinds,
// policy, re-entry modes, goals, exits, linked funnels, failures, delivery
// refusals, the re-check at send time, retries — on both implementations
// (live over a SQLite file with a real SMTP relay on loopback, simulated)
// and require the same journal, step for step.
package journey
