package nodes

import (
	"context"
	"fmt"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/script"
	"flightplan/engine/words"
)

// Executor runs one node for one contact. It reads, decides and describes
// what should change; it never writes: the runner applies Result.Effects and
// the journal entry in one transaction, so a crash loses no step and repeats
// no side effect.
type Executor func(c *Ctx) (Result, error)

// Ctx is what an executor sees of one step.
type Ctx struct {
	context.Context
	Flow    *flow.Flow
	Node    *flow.Node
	Spec    *Spec
	Contact *contact.Contact
	// Event is the event that triggered the enrollment or resumed it, if any.
	Event *contact.Event
	Now   time.Time
	// EnrollmentID, EnteredAt and Run identify the journey through this flow.
	EnrollmentID int64
	EnteredAt    time.Time
	Run          int
	// Draws, when set, keys the step's random draws (a random split) in
	// place of the flow's id: a simulation sets it to its seed and the
	// variant the flow stands for, so that a funnel and its duplicate
	// draw alike and every seed draws anew. Live runs leave it empty.
	Draws string
	// Resumed is set when a waiting node is run again after its wake-up.
	Resumed *Resume
	// Location is the contact's timezone (or the flow's, or UTC).
	Location *time.Location
	Env      Env
	// Quiet skips writing the plain-words reasons: a counts-only
	// simulation never reads them, and they cost more than the decision.
	Quiet bool
	// Lang is the workspace's language ("fr", or "" for English): a
	// field's default text is read in it (Field.DefaultFr).
	Lang string
}

// Resume says why a waiting enrollment woke up.
type Resume struct {
	// ByEvent is true when the awaited event arrived; false when time ran out.
	ByEvent   bool
	Event     *contact.Event
	WaitStart time.Time
}

// Env is what executors need from the rest of the engine. The runner
// implements it over the store; simulation over memory.
type Env interface {
	// CountEvents counts the contact's events of a type matching filter at or after since.
	CountEvents(ctx context.Context, contactID int64, typ string, filter map[string]string, since time.Time) (int, error)
	// EmailEngagement reports whether the email sent by node nodeID in this
	// enrollment was sent, and whether it was opened / clicked.
	EmailEngagement(ctx context.Context, enrollmentID int64, nodeID, engagement string) (sent, engaged bool, err error)
	// InSegment reports segment membership.
	InSegment(ctx context.Context, c *contact.Contact, segment string) (bool, error)
	// Script runs a Lua script of the given kind ("condition", "score",
	// "action") and returns its result (bool, float64, or *ScriptChanges).
	Script(ctx context.Context, kind, name string, params map[string]any, c *Ctx) (any, error)
	// BestHour returns the hour (0–23, contact's time) at which the contact
	// usually opens email; ok is false with no history.
	BestHour(ctx context.Context, contactID int64) (hour int, ok bool, err error)
	// FlowExists reports whether another flow exists (for go-to-flow).
	FlowExists(ctx context.Context, id string) bool
}

// TeammateFinder is an Env that knows the workspace's teammates: an
// "Alert a teammate" step pointing at one sends to its address. An Env
// without it (a flow file run alone) only takes plain addresses.
type TeammateFinder interface {
	// TeammateEmail returns the address of the teammate with this id;
	// ok is false when the workspace has no such teammate.
	TeammateEmail(ctx context.Context, id string) (email string, ok bool, err error)
}

// ScriptChanges is what a Lua action script asks to change.
type ScriptChanges = script.Changes

// Result is what a node decided.
type Result struct {
	// Port is the output taken; "" with a wait means "park here".
	Port string
	// Reason explains the decision (a code and its parameters, rendered
	// in the reader's language by engine/words); it goes to the journal.
	Reason words.Reason
	// WaitUntil parks the enrollment until then (zero: no time limit).
	WaitUntil time.Time
	// WaitFor parks the enrollment until a matching event arrives.
	WaitFor *WaitFor
	// Effects are the changes and side effects of the step.
	Effects []Effect
	// End ends the journey here (exit node, goal without output).
	End bool
	// Skipped marks a step whose side effect was suppressed (unsubscribed, cap…).
	Skipped bool
}

// WaitFor describes an awaited event.
type WaitFor struct {
	EventType string            `json:"event_type"`
	Filter    map[string]string `json:"filter,omitempty"`
}

// EffectKind names a change or a side effect.
type EffectKind string

// Effect kinds. Contact changes are applied in the step's transaction;
// messages go to the outbox in the same transaction.
const (
	EffListAdd    EffectKind = "list_add"
	EffListRemove EffectKind = "list_remove"
	EffTagAdd     EffectKind = "tag_add"
	EffTagRemove  EffectKind = "tag_remove"
	EffScore      EffectKind = "score"
	EffSetField   EffectKind = "set_field"
	EffSetStage   EffectKind = "set_stage"
	EffEmail      EffectKind = "email"
	EffNotify     EffectKind = "notify"
	EffWebhook    EffectKind = "webhook"
	EffGotoFlow   EffectKind = "goto_flow"
	EffGoal       EffectKind = "goal"
)

// Effect is one change or side effect.
type Effect struct {
	Kind EffectKind `json:"kind"`
	// Name is the list, tag, field, stage, template, flow or goal concerned.
	Name string `json:"name,omitempty"`
	// Value is the new field value, the score delta, or the message payload.
	Value any `json:"value,omitempty"`
	// Marketing marks email subject to suppression, caps and quiet hours.
	Marketing bool `json:"marketing,omitempty"`
}

// Stepf is fmt.Sprintf, named for reasons.
var Stepf = fmt.Sprintf

// configError is a node's config problem found at run time (validation
// should have caught it; a flow imported unchecked can still have it).
func configError(c *Ctx, field, format string, a ...any) error {
	return &ConfigError{Flow: c.Flow.ID, Node: c.Node.ID, Type: c.Node.Type, Field: field, Msg: fmt.Sprintf(format, a...)}
}

// ConfigError is a step's setting found wrong at run time. Its text names
// the funnel, step and field by id, for whoever fixes the file; Msg alone
// is what the journal says (it is written at the step already).
type ConfigError struct {
	Flow, Node, Type, Field, Msg string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("flow %q: node %q (%s): field %q: %s", e.Flow, e.Node, e.Type, e.Field, e.Msg)
}
