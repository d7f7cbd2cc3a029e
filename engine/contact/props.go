package contact

import (
	"fmt"
	"strconv"
)

// Limits on an event's properties. They keep every stored event readable by
// SQLite's JSON functions (which refuse nesting deeper than 1,000) and cheap
// to read back: an event is a fact about a contact, not a document store.
const (
	// MaxPropsDepth is how deeply objects and arrays may nest; the
	// properties object itself is level 1.
	MaxPropsDepth = 16
	// MaxPropsKeys is how many values (object members and array elements,
	// at every level) the properties may hold.
	MaxPropsKeys = 1000
	// MaxPropsBytes is the largest properties object, as stored (JSON).
	MaxPropsBytes = 64 << 10
	// MaxPropKeyLen is the longest property name.
	MaxPropKeyLen = 200
)

// CheckProps reports the first way props break the limits above, naming
// where (a path such as data.items[3].options).
func CheckProps(props map[string]any) error {
	n := 0
	if e := checkValue(props, 1, &n); e != nil {
		return fmt.Errorf("data%s: %s", e.path, e.msg)
	}
	return nil
}

// propErr is a limit broken; path is built while the recursion unwinds, so
// the common case (nothing wrong) builds no strings.
type propErr struct{ path, msg string }

func checkValue(v any, depth int, n *int) *propErr {
	switch x := v.(type) {
	case map[string]any:
		if depth > MaxPropsDepth {
			return &propErr{"", fmt.Sprintf("nested deeper than %d levels", MaxPropsDepth)}
		}
		for k, e := range x {
			if len(k) > MaxPropKeyLen {
				return &propErr{"", fmt.Sprintf("a property name is longer than %d characters", MaxPropKeyLen)}
			}
			if *n++; *n > MaxPropsKeys {
				return &propErr{"", fmt.Sprintf("more than %d properties and list items in all", MaxPropsKeys)}
			}
			if err := checkValue(e, depth+1, n); err != nil {
				err.path = "." + k + err.path
				return err
			}
		}
	case []any:
		if depth > MaxPropsDepth {
			return &propErr{"", fmt.Sprintf("nested deeper than %d levels", MaxPropsDepth)}
		}
		for i, e := range x {
			if *n++; *n > MaxPropsKeys {
				return &propErr{"", fmt.Sprintf("more than %d properties and list items in all", MaxPropsKeys)}
			}
			if err := checkValue(e, depth+1, n); err != nil {
				err.path = "[" + strconv.Itoa(i) + "]" + err.path
				return err
			}
		}
	}
	return nil
}

// systemEvents are recorded by the engine itself as the consequence of
// something it did or saw (a tag it added, an email it sent, an open its
// pixel counted). Accepting them from outside would let any sender fake
// engagement, scores or unsubscribes.
var systemEvents = map[string]bool{
	EventContactCreated: true, EventListJoined: true, EventListLeft: true,
	EventTagAdded: true, EventTagRemoved: true, EventScoreChanged: true,
	EventStageChanged: true, EventFieldChanged: true, EventEmailSent: true,
	EventEmailOpened: true, EventEmailClicked: true, EventUnsubscribed: true,
	EventBounced: true, EventEnteredFlow: true, EventGoalReached: true,
	EventVisitsJoined: true,
}

// IsSystemEvent reports whether typ is an event only the engine records
// (email_opened, tag_added, …), never taken from a website or form.
func IsSystemEvent(typ string) bool { return systemEvents[typ] }
