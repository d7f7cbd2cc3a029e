// Package contact holds the contact and event model shared by the store, the
// node executors and the runner.
package contact

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lifecycle stages, in their forward order.
var Stages = []string{"subscriber", "lead", "mql", "sql", "customer"}

// StageRank returns the position of a stage in Stages, or -1.
func StageRank(stage string) int {
	for i, s := range Stages {
		if s == strings.ToLower(stage) {
			return i
		}
	}
	return -1
}

// Identity fields stored as columns; everything else is a custom field.
var IdentityFields = []string{"email", "first_name", "last_name", "company", "job_title", "phone", "country", "city", "timezone", "language", "birth_date", "owner"}

// IsIdentity reports whether name is an identity field.
func IsIdentity(name string) bool {
	for _, f := range IdentityFields {
		if f == name {
			return true
		}
	}
	return false
}

// Contact is one person in the workspace.
type Contact struct {
	ID           int64             `json:"id"`
	Email        string            `json:"email"`
	Identity     map[string]string `json:"identity"` // identity fields other than email
	Fields       map[string]any    `json:"fields"`   // custom fields
	Lists        []string          `json:"lists"`
	Tags         []string          `json:"tags"`
	Score        float64           `json:"score"`
	Temperature  string            `json:"temperature"`
	Stage        string            `json:"stage"`
	Unsubscribed bool              `json:"unsubscribed"`
	Bounced      bool              `json:"bounced"`
	CreatedAt    time.Time         `json:"created_at"`
}

// Get returns a field by name: "email", an identity field, "score", "stage",
// "temperature", or a custom field. The bool is false when it is not set.
func (c *Contact) Get(name string) (any, bool) {
	switch name {
	case "email":
		return c.Email, c.Email != ""
	case "score":
		return c.Score, true
	case "stage":
		return c.Stage, c.Stage != ""
	case "temperature":
		return c.Temperature, c.Temperature != ""
	}
	if IsIdentity(name) {
		v, ok := c.Identity[name]
		return v, ok && v != ""
	}
	v, ok := c.Fields[name]
	return v, ok && v != nil
}

// Timezone returns the contact's location, or fallback when it has none or an unknown one.
func (c *Contact) Location(fallback *time.Location) *time.Location {
	if tz := c.Identity["timezone"]; tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	if fallback == nil {
		return time.UTC
	}
	return fallback
}

// InList reports list membership.
func (c *Contact) InList(name string) bool { return contains(c.Lists, name) }

// HasTag reports whether the contact carries tag.
func (c *Contact) HasTag(name string) bool { return contains(c.Tags, name) }

// Map returns the contact as a plain map for templates and scripts.
func (c *Contact) Map() map[string]any {
	m := make(map[string]any, len(c.Identity)+len(c.Fields)+8)
	for k, v := range c.Fields {
		m[k] = v
	}
	for k, v := range c.Identity {
		m[k] = v
	}
	m["id"] = c.ID
	m["email"] = c.Email
	m["score"] = c.Score
	m["temperature"] = c.Temperature
	m["stage"] = c.Stage
	m["lists"] = c.Lists
	m["tags"] = c.Tags
	return m
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}

// Event is something a contact did or that happened to it.
type Event struct {
	ID        int64          `json:"id"`
	ContactID int64          `json:"contact_id"`
	Type      string         `json:"type"`
	Props     map[string]any `json:"props,omitempty"`
	At        time.Time      `json:"at"`
}

// Built-in event types. Custom types are any other lower-case name.
const (
	EventContactCreated = "contact_created"
	EventListJoined     = "list_joined"
	EventListLeft       = "list_left"
	EventTagAdded       = "tag_added"
	EventTagRemoved     = "tag_removed"
	EventScoreChanged   = "score_changed"
	EventStageChanged   = "stage_changed"
	EventFieldChanged   = "field_changed"
	EventEmailSent      = "email_sent"
	EventEmailOpened    = "email_opened"
	EventEmailClicked   = "email_clicked"
	EventUnsubscribed   = "unsubscribed"
	EventBounced        = "bounced"
	EventPageVisited    = "page_visited"
	// EventPageLeft is a page the visitor left, with the seconds read on it.
	EventPageLeft      = "page_left"
	EventFormSubmitted = "form_submitted"
	EventDownloaded    = "file_downloaded"
	EventCartUpdated   = "cart_updated"
	EventCartAbandoned = "cart_abandoned"
	EventPurchase      = "purchase"
	EventSocial        = "social_engaged"
	EventEnteredFlow   = "entered_flow"
	EventGoalReached   = "goal_reached"
	// EventVisitsJoined marks a website visitor's earlier, anonymous
	// history joining the contact (props: visits, events).
	EventVisitsJoined = "visits_joined"
)

// EventTypes lists the built-in types shown in pickers.
var EventTypes = []string{EventContactCreated, EventListJoined, EventListLeft, EventTagAdded, EventTagRemoved,
	EventScoreChanged, EventStageChanged, EventFieldChanged, EventEmailSent, EventEmailOpened, EventEmailClicked,
	EventUnsubscribed, EventBounced, EventPageVisited, EventPageLeft, EventFormSubmitted, EventDownloaded, EventCartUpdated,
	EventCartAbandoned, EventPurchase, EventSocial, EventGoalReached}

// Prop returns an event property as a string ("" when absent).
func (e *Event) Prop(key string) string {
	v, ok := e.Props[key]
	if !ok || v == nil {
		return ""
	}
	return ToString(v)
}

// Matches reports whether every key=value of filter holds for the event's
// properties. A value starting with "*" and holding no other * matches by
// substring ("url=*pricing"); a value with * elsewhere is a wildcard
// pattern ("url=https://example.com/pricing*", "url=*/pricing*", see
// MatchWildcard); ">=30", ">30", "<=30", "<30" compare numbers
// ("seconds=>=30"); other numeric values compare as numbers.
func (e *Event) Matches(filter map[string]string) bool {
	for k, want := range filter {
		got := e.Prop(k)
		if strings.HasPrefix(want, "*") && !strings.Contains(want[1:], "*") {
			if !strings.Contains(strings.ToLower(got), strings.ToLower(want[1:])) {
				return false
			}
			continue
		}
		if ok, handled := filterValueMatches(got, want); handled {
			if !ok {
				return false
			}
			continue
		}
		if a, err1 := strconv.ParseFloat(got, 64); err1 == nil {
			if b, err2 := strconv.ParseFloat(want, 64); err2 == nil {
				if a != b {
					return false
				}
				continue
			}
		}
		if !strings.EqualFold(got, want) {
			return false
		}
	}
	return true
}

// ToString formats a scalar for comparison and display.
func ToString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.Format(time.RFC3339)
	case nil:
		return ""
	default:
		return fmt.Sprint(x)
	}
}
