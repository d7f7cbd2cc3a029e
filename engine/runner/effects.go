package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// rules are the workspace-wide sending rules, read once per batch.
type rules struct {
	capDay, capWeek     int     // marketing emails per contact; 0 = no cap
	quietFrom, quietTo  string  // "21:00", "08:00" in the contact's timezone; empty = none
	warm, hot           float64 // temperature thresholds
	allowStageBackwards bool
}

// loadRules reads the sending rules through the settings registry.
func loadRules(ctx context.Context, tx store.Querier) (rules, error) {
	v, err := settings.Load(ctx, store.With(tx))
	if err != nil {
		return rules{}, err
	}
	r := rules{capDay: v.CapPerDay(), capWeek: v.CapPerWeek(), allowStageBackwards: v.StageBackwards()}
	r.quietFrom, r.quietTo = v.QuietHours()
	r.warm, r.hot = v.Bands()
	return r, nil
}

// Temperature returns the band of a score.
func (r rules) temperature(score float64) string {
	switch {
	case score >= r.hot:
		return "hot"
	case score >= r.warm:
		return "warm"
	}
	return "cold"
}

// OutboxPayload is what a delivery worker needs to send one message.
type OutboxPayload struct {
	Template  string         `json:"template,omitempty"`
	To        string         `json:"to,omitempty"`
	Subject   string         `json:"subject,omitempty"`
	Message   string         `json:"message,omitempty"`
	URL       string         `json:"url,omitempty"`
	FlowID    string         `json:"flow"`
	Node      string         `json:"node"`
	Marketing bool           `json:"marketing"`
	Event     map[string]any `json:"event,omitempty"`
}

// apply performs a step's effects inside the batch. It returns the reason to
// journal (the executor's, amended when a rule intervened) and whether the
// side effect was suppressed.
func (b *batch) apply(fl *compiled, e *enrollment, n *flow.Node, c *contact.Contact, res nodes.Result) (string, bool, error) {
	reason := res.Reason
	skipped := false
	for _, ef := range res.Effects {
		switch ef.Kind {
		case nodes.EffEmail, nodes.EffNotify, nodes.EffWebhook:
			why, skip, err := b.queue(fl, e, n, c, ef)
			if err != nil {
				return "", false, err
			}
			if why != "" {
				reason = why
			}
			skipped = skipped || skip
		case nodes.EffListAdd:
			added, err := store.AddToList(b.ctx, b.tx, c.ID, ef.Name, b.now)
			if err != nil {
				return "", false, err
			}
			if added {
				c.Lists = append(c.Lists, ef.Name)
				if err := b.emit(c.ID, contact.EventListJoined, map[string]any{"list": ef.Name, "flow": fl.f.ID}); err != nil {
					return "", false, err
				}
			} else {
				reason = "already in list " + strconv.Quote(ef.Name)
			}
		case nodes.EffListRemove:
			removed, err := store.RemoveFromList(b.ctx, b.tx, c.ID, ef.Name)
			if err != nil {
				return "", false, err
			}
			if removed {
				c.Lists = without(c.Lists, ef.Name)
				if err := b.emit(c.ID, contact.EventListLeft, map[string]any{"list": ef.Name, "flow": fl.f.ID}); err != nil {
					return "", false, err
				}
			}
		case nodes.EffTagAdd:
			// The contact's tags are loaded with it and kept up to date in
			// the batch, so the new row is buffered like the journal.
			tag := strings.TrimSpace(ef.Name)
			if tag == "" {
				return "", false, fmt.Errorf("a tag needs a name")
			}
			if !hasFold(c.Tags, tag) {
				b.tags.add(c.ID, tag, store.MS(b.now))
				c.Tags = append(c.Tags, tag)
				if err := b.emit(c.ID, contact.EventTagAdded, map[string]any{"tag": tag, "flow": fl.f.ID}); err != nil {
					return "", false, err
				}
			}
		case nodes.EffTagRemove:
			if err := b.flushBuffer(b.tags); err != nil {
				return "", false, err
			}
			removed, err := store.RemoveTag(b.ctx, b.tx, c.ID, ef.Name)
			if err != nil {
				return "", false, err
			}
			if removed {
				c.Tags = without(c.Tags, ef.Name)
				if err := b.emit(c.ID, contact.EventTagRemoved, map[string]any{"tag": ef.Name, "flow": fl.f.ID}); err != nil {
					return "", false, err
				}
			}
		case nodes.EffScore:
			delta, _ := ef.Value.(float64)
			if err := b.changeScore(c, delta, ef.Name); err != nil {
				return "", false, err
			}
		case nodes.EffSetField:
			if err := b.setField(c, ef.Name, ef.Value); err != nil {
				return "", false, err
			}
		case nodes.EffSetStage:
			old := c.Stage
			if contact.StageRank(ef.Name) < 0 {
				return "", false, fmt.Errorf("unknown stage %q", ef.Name)
			}
			if contact.StageRank(ef.Name) < contact.StageRank(old) && !b.rules.allowStageBackwards {
				reason = fmt.Sprintf("stage stays %q: stages only move forward (asked %q)", old, ef.Name)
				skipped = true
				continue
			}
			if old != ef.Name {
				c.Stage = ef.Name
				b.dirty[c.ID] = true
				if err := b.emit(c.ID, contact.EventStageChanged, map[string]any{"old": old, "new": ef.Name}); err != nil {
					return "", false, err
				}
			}
		case nodes.EffGotoFlow:
			why, err := b.gotoFlow(fl, c, ef.Name)
			if err != nil {
				return "", false, err
			}
			if why != "" {
				reason = why
			}
		case nodes.EffGoal:
			if err := b.emit(c.ID, contact.EventGoalReached, map[string]any{"flow": fl.f.ID, "goal": ef.Name}); err != nil {
				return "", false, err
			}
		}
	}
	return reason, skipped, nil
}

// emit stores an event caused by a step; it is processed like any other
// (other flows' triggers may react), after this batch commits.
func (b *batch) emit(contactID int64, typ string, props map[string]any) error {
	return b.bufferEvent(contactID, typ, props)
}

func hasFold(xs []string, x string) bool {
	for _, s := range xs {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}

func without(xs []string, x string) []string {
	out := xs[:0:0]
	for _, s := range xs {
		if !strings.EqualFold(s, x) {
			out = append(out, s)
		}
	}
	return out
}

// changeScore records a score change with its cause; the change is itself an event.
func (b *batch) changeScore(c *contact.Contact, delta float64, cause string) error {
	if delta == 0 {
		return nil
	}
	old, oldT := c.Score, c.Temperature
	c.Score += delta
	c.Temperature = b.rules.temperature(c.Score)
	b.scoreDirty[c.ID] = true
	b.scores.add(c.ID, delta, c.Score, cause, store.MS(b.now))
	return b.emit(c.ID, contact.EventScoreChanged, map[string]any{"old": old, "new": c.Score, "delta": delta,
		"temperature": c.Temperature, "old_temperature": oldT, "cause": cause})
}

func (b *batch) setField(c *contact.Contact, name string, v any) error {
	old, _ := c.Get(name)
	switch {
	case name == "email":
		return fmt.Errorf("the email address cannot be changed by a flow")
	case contact.IsIdentity(name):
		c.Identity[name] = contact.ToString(v)
	default:
		if c.Fields == nil {
			c.Fields = map[string]any{}
		}
		c.Fields[name] = v
	}
	b.dirty[c.ID] = true
	return b.emit(c.ID, contact.EventFieldChanged, map[string]any{"field": name, "old": old, "new": v})
}

// queue writes a message to the outbox, applying suppression, the frequency
// cap and quiet hours to marketing email.
func (b *batch) queue(fl *compiled, e *enrollment, n *flow.Node, c *contact.Contact, ef nodes.Effect) (string, bool, error) {
	sendAt := b.now
	reason := ""
	p := OutboxPayload{FlowID: fl.f.ID, Node: n.ID, Marketing: ef.Marketing}
	kind := string(ef.Kind)
	switch ef.Kind {
	case nodes.EffEmail:
		p.Template = ef.Name
		if ef.Marketing {
			if c.Unsubscribed || c.Bounced {
				return "skipped email " + strconv.Quote(ef.Name) + ": contact cannot receive marketing email", true, nil
			}
			if why, err := b.capped(c.ID); err != nil || why != "" {
				return why, why != "", err
			}
			if at, ok := b.quietUntil(c); ok {
				sendAt = at
				reason = fmt.Sprintf("email %q queued for %s (quiet hours)", ef.Name, at.Format("2006-01-02 15:04 MST"))
			}
		}
	case nodes.EffNotify:
		p.To = ef.Name
		if m, ok := ef.Value.(map[string]any); ok {
			p.Subject, _ = m["subject"].(string)
			p.Message, _ = m["message"].(string)
		}
	case nodes.EffWebhook:
		p.URL = ef.Name
	}
	body, err := json.Marshal(p)
	if err != nil {
		return "", false, err
	}
	// The key names the journey, the step and its position in the journey:
	// replaying the same step after a crash hits the UNIQUE constraint
	// instead of queueing a second message.
	key := fmt.Sprintf("%d/%s/%d", e.ID, n.ID, e.Seq+1)
	b.outbox.add(key, kind, c.ID, e.ID, n.ID, string(body), store.MS(sendAt), store.MS(b.now))
	b.stats.Queued++
	return reason, false, nil
}

// capped says why a marketing email may not go now ("" when it may).
func (b *batch) capped(contactID int64) (string, error) {
	check := func(limit int, window time.Duration, label string) (string, error) {
		if limit <= 0 {
			return "", nil
		}
		if err := b.flush(); err != nil {
			return "", err
		}
		var n int
		err := b.tx.QueryRowContext(b.ctx, `SELECT count(*) FROM outbox WHERE contact_id=? AND kind='email' AND created_at>? AND status NOT IN ('failed','bounced','skipped') AND json_extract(payload,'$.marketing')=1`,
			contactID, store.MS(b.now.Add(-window))).Scan(&n)
		if err != nil {
			return "", err
		}
		if n >= limit {
			return fmt.Sprintf("skipped email: frequency cap (%d per %s) reached", limit, label), nil
		}
		return "", nil
	}
	if why, err := check(b.rules.capDay, 24*time.Hour, "day"); why != "" || err != nil {
		return why, err
	}
	return check(b.rules.capWeek, 7*24*time.Hour, "week")
}

// quietUntil returns when quiet hours end, if the contact is in them now.
// Quiet hours run from quietFrom to quietTo in the contact's timezone and may
// span midnight (21:00–08:00).
func (b *batch) quietUntil(c *contact.Contact) (time.Time, bool) {
	if b.rules.quietFrom == "" || b.rules.quietTo == "" {
		return time.Time{}, false
	}
	lt := b.now.In(c.Location(nil))
	cur := lt.Format("15:04")
	from, to := b.rules.quietFrom, b.rules.quietTo
	var h, m int
	if _, err := fmt.Sscanf(to, "%d:%d", &h, &m); err != nil {
		return time.Time{}, false
	}
	end := time.Date(lt.Year(), lt.Month(), lt.Day(), h, m, 0, 0, lt.Location())
	switch {
	case from < to: // same-day quiet hours, e.g. 12:00–14:00
		if cur >= from && cur < to {
			return end, true
		}
	default: // spans midnight
		if cur >= from {
			return end.AddDate(0, 0, 1), true
		}
		if cur < to {
			return end, true
		}
	}
	return time.Time{}, false
}

// gotoFlow sends the contact into another published flow through its
// "comes from another funnel" start.
func (b *batch) gotoFlow(from *compiled, c *contact.Contact, target string) (string, error) {
	b.r.mu.Lock()
	var fl *compiled
	for _, p := range b.r.published {
		if p.f.ID == target {
			fl = p
		}
	}
	b.r.mu.Unlock()
	if fl == nil {
		return fmt.Sprintf("funnel %q is not published: the contact stays out of it", target), nil
	}
	var entry *flow.Node
	for _, t := range fl.triggers {
		if t.Type == "trigger.from_flow" {
			entry = t
		}
	}
	if entry == nil {
		return fmt.Sprintf("funnel %q has no “comes from another funnel” start", target), nil
	}
	if b.depth > 20 {
		return "", fmt.Errorf("funnels send contacts to each other more than 20 times without a wait")
	}
	b.depth++
	defer func() { b.depth-- }()
	ok, err := b.enroll(fl, entry, c.ID, &contact.Event{Type: contact.EventEnteredFlow, Props: map[string]any{"from": from.f.ID}})
	if err != nil {
		return "", err
	}
	if !ok {
		return fmt.Sprintf("sent to funnel %q, which does not let the contact in again (re-entry rule)", target), nil
	}
	return "", nil
}
