package contacts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/csvsafe"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// ListQuery selects a page of the contact table. Filters combine with AND;
// empty ones are ignored.
type ListQuery struct {
	// Search finds each word in the email, first name, last name or company.
	Search      string `json:"search"`
	Segment     string `json:"segment"` // a saved segment's id
	List        string `json:"list"`
	Tag         string `json:"tag"`
	Stage       string `json:"stage"`
	Temperature string `json:"temperature"`
	Offset      int    `json:"offset"`
	Limit       int    `json:"limit"` // 100 when 0, at most 1000
	// Sort is a column (email, first_name, last_name, company, country,
	// city, score, stage, temperature, created_at), "-" in front for
	// descending; newest first when empty.
	Sort string `json:"sort"`
	// Now fixes relative dates of the segment; time.Now when zero.
	Now time.Time `json:"-"`
}

// Row is one line of the contact table.
type Row struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	FirstName    string    `json:"first_name"`
	LastName     string    `json:"last_name"`
	Company      string    `json:"company"`
	Country      string    `json:"country"`
	City         string    `json:"city"`
	Phone        string    `json:"phone"`
	Score        float64   `json:"score"`
	Temperature  string    `json:"temperature"`
	Stage        string    `json:"stage"`
	Unsubscribed bool      `json:"unsubscribed"`
	Bounced      bool      `json:"bounced"`
	CreatedAt    time.Time `json:"created_at"`
	// Fields holds the custom fields, for the table's optional columns.
	Fields map[string]any `json:"fields"`
}

// sortCols are the sortable columns; text sorts ignore case like the eye does.
var sortCols = map[string]string{
	"email": "contacts.email COLLATE NOCASE", "first_name": "contacts.first_name COLLATE NOCASE",
	"last_name": "contacts.last_name COLLATE NOCASE", "company": "contacts.company COLLATE NOCASE",
	"country": "contacts.country", "city": "contacts.city COLLATE NOCASE", "score": "contacts.score",
	"stage":       "(CASE contacts.stage WHEN 'subscriber' THEN 0 WHEN 'lead' THEN 1 WHEN 'mql' THEN 2 WHEN 'sql' THEN 3 WHEN 'customer' THEN 4 ELSE -1 END)",
	"temperature": "(CASE contacts.temperature WHEN 'cold' THEN 0 WHEN 'warm' THEN 1 WHEN 'hot' THEN 2 ELSE -1 END)",
	"created_at":  "contacts.created_at",
}

// filterSQL turns the filters of a query into a WHERE condition.
func filterSQL(ctx context.Context, q store.Querier, lq ListQuery) (string, []any, error) {
	b := &sqlb{pg: store.DialectOf(q) == store.Postgres}
	b.w("1=1")
	for _, term := range strings.Fields(lq.Search) {
		pat := "%" + likeEscape(term) + "%"
		b.w(" AND (")
		for i, col := range []string{"email", "first_name", "last_name", "company"} {
			if i > 0 {
				b.w(" OR ")
			}
			b.w("contacts.", col, b.like())
			b.arg(pat)
			b.w(` ESCAPE '\'`)
		}
		b.w(")")
	}
	if lq.List != "" {
		b.w(" AND EXISTS (SELECT 1 FROM list_members m WHERE m.contact_id = contacts.id AND m.list_id = (SELECT id FROM lists WHERE name = ")
		b.arg(lq.List)
		b.w("))")
	}
	if lq.Tag != "" {
		b.w(" AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = contacts.id AND t.tag = ")
		b.arg(lq.Tag)
		b.w(")")
	}
	if lq.Stage != "" {
		b.w(" AND contacts.stage = ")
		b.arg(strings.ToLower(lq.Stage))
	}
	if lq.Temperature != "" {
		b.w(" AND contacts.temperature = ")
		b.arg(strings.ToLower(lq.Temperature))
	}
	if lq.Segment != "" {
		seg, err := LoadSegment(ctx, q, lq.Segment)
		if err != nil {
			return "", nil, err
		}
		now := lq.Now
		if now.IsZero() {
			now = time.Now()
		}
		c, err := Compile(ctx, q, seg, now)
		if err != nil {
			return "", nil, err
		}
		b.w(" AND ", c.Where)
		b.args = append(b.args, c.Args...)
	}
	return b.sb.String(), b.args, nil
}

// List returns a page of contacts and how many match in all, for a
// virtualised table: LIMIT/OFFSET over indexed sort columns, which stays
// in the tens of milliseconds at 100,000 contacts.
func List(ctx context.Context, q store.Querier, lq ListQuery) ([]Row, int, error) {
	where, args, err := filterSQL(ctx, q, lq)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("contacts: %w", err)
	}
	order := "contacts.created_at DESC, contacts.id DESC"
	if lq.Sort != "" {
		key, dir := strings.TrimPrefix(lq.Sort, "-"), "ASC"
		if strings.HasPrefix(lq.Sort, "-") {
			dir = "DESC"
		}
		col, ok := sortCols[key]
		if !ok {
			return nil, 0, fmt.Errorf("contacts: cannot sort by %q", lq.Sort)
		}
		order = col + " " + dir + ", contacts.id " + dir
	}
	limit := lq.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	rows, err := q.QueryContext(ctx, `SELECT id, email, first_name, last_name, company, country, city, phone, score, temperature, stage, unsubscribed, bounced, created_at, fields
		FROM contacts WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, limit, max(lq.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("contacts: %w", err)
	}
	defer rows.Close()
	out := make([]Row, 0, limit)
	for rows.Next() {
		var r Row
		var created int64
		var fields sql.RawBytes
		if err := rows.Scan(&r.ID, &r.Email, &r.FirstName, &r.LastName, &r.Company, &r.Country, &r.City, &r.Phone, &r.Score,
			&r.Temperature, &r.Stage, &r.Unsubscribed, &r.Bounced, &created, &fields); err != nil {
			return nil, 0, err
		}
		r.CreatedAt = store.FromMS(created)
		r.Fields = map[string]any{}
		if len(fields) > 2 {
			if err := json.Unmarshal(fields, &r.Fields); err != nil {
				return nil, 0, fmt.Errorf("contact %d: custom fields damaged: %w", r.ID, err)
			}
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// TimelineItem is one thing that happened to a contact.
type TimelineItem struct {
	At     time.Time      `json:"at"`
	Kind   string         `json:"kind"`  // event, step, message, score
	Title  string         `json:"title"` // event type, flow › node, message kind and status, score delta
	Detail string         `json:"detail"`
	FlowID string         `json:"flow_id,omitempty"`
	Node   string         `json:"node,omitempty"`
	Props  map[string]any `json:"props,omitempty"`
	// Why is what the detail says, as codes (engine/words): the engine
	// renders it, with the workspace's names, into Text.
	Why []words.Reason `json:"-"`
	// Text is the detail in every language; FlowName the funnel's title;
	// StepName the step's title or plain summary; Name the email's name
	// (a message). Set by the engine (engine.ContactTimeline).
	Text     *words.Text `json:"text,omitempty"`
	FlowName string      `json:"flow_name,omitempty"`
	StepName *words.Text `json:"step_name,omitempty"`
	Name     string      `json:"name,omitempty"`
}

// timelineCap bounds each source and the merged result: the panel shows
// the recent story, and a contact with years of page views must not load
// them all.
const timelineCap = 1000

// Timeline merges, newest first, a contact's events, the flow steps it
// took (with the journal's reasons), the messages queued for it and its
// score changes with their causes. score_changed events are left out: the
// score history says the same with the cause. At most 1000 items.
func Timeline(ctx context.Context, q store.Querier, contactID int64) ([]TimelineItem, error) {
	var out []TimelineItem
	evs, err := store.With(q).Query(ctx, "contact-timeline-events",
		contactID, contact.EventScoreChanged, timelineCap)
	if err != nil {
		return nil, fmt.Errorf("timeline of contact %d: %w", contactID, err)
	}
	for evs.Next() {
		ev, err := store.ScanEvent(evs)
		if err != nil {
			evs.Close()
			return nil, err
		}
		out = append(out, TimelineItem{At: ev.At, Kind: "event", Title: ev.Type, Detail: propsText(ev.Props), Props: ev.Props,
			FlowID: ev.Prop("flow"), Node: ev.Prop("node"), Why: eventWhy(ev.Props)})
	}
	evs.Close()
	if err := evs.Err(); err != nil {
		return nil, err
	}

	steps, err := store.With(q).Query(ctx, "contact-timeline-steps", contactID, timelineCap)
	if err != nil {
		return nil, fmt.Errorf("timeline of contact %d: %w", contactID, err)
	}
	for steps.Next() {
		var flowID, node, port, reason, code, params, outcome string
		var at, enr int64
		if err := steps.Scan(&flowID, &node, &port, &reason, &code, &params, &outcome, &at, &enr); err != nil {
			steps.Close()
			return nil, err
		}
		title := flowID + " › " + node
		if port != "" {
			title += " → " + port
		}
		why, err := words.Parse(code, params)
		if code == "" || err != nil {
			why = words.R(words.Text0, "text", reason)
		}
		if code != "" {
			reason = words.Render("en", why, flowID, nil)
		}
		out = append(out, TimelineItem{At: store.FromMS(at), Kind: "step", Title: title, Detail: reason, FlowID: flowID, Node: node,
			Props: map[string]any{"port": port, "outcome": outcome}, Why: []words.Reason{why}})
	}
	steps.Close()
	if err := steps.Err(); err != nil {
		return nil, err
	}

	msgs, err := store.With(q).Query(ctx, "contact-timeline-messages", contactID, timelineCap)
	if err != nil {
		return nil, fmt.Errorf("timeline of contact %d: %w", contactID, err)
	}
	for msgs.Next() {
		var kind, node, payload, status, lastErr string
		var attempts int
		var created, sent int64
		if err := msgs.Scan(&kind, &node, &payload, &status, &attempts, &lastErr, &created, &sent); err != nil {
			msgs.Close()
			return nil, err
		}
		var p map[string]any
		_ = json.Unmarshal([]byte(payload), &p) // a damaged payload still shows as a message
		name := ""
		for _, k := range []string{"template", "subject", "url", "to"} {
			if s, _ := p[k].(string); s != "" && name == "" {
				name = s
			}
		}
		at := created
		if sent > 0 {
			at = sent
		}
		flowID, _ := p["flow"].(string)
		detail := status
		if lastErr != "" {
			detail += ": " + lastErr
		}
		if attempts > 1 {
			detail += fmt.Sprintf(" (%d attempts)", attempts)
		}
		code := words.Code("message." + status)
		if status == "pending" && lastErr != "" {
			code = words.MessageRetrying
		}
		why := []words.Reason{words.R(code, "error", lastErr)}
		if attempts > 1 {
			why = append(why, words.R(words.MessageTries, "tries", strconv.Itoa(attempts)))
		}
		item := TimelineItem{At: store.FromMS(at), Kind: "message", Title: strings.TrimSpace(kind + " " + name), Detail: detail,
			FlowID: flowID, Node: node, Props: map[string]any{"status": status, "kind": kind}, Why: why}
		if kind == "email" {
			item.Name, _ = p["template"].(string) // the id: the engine names it
		}
		out = append(out, item)
	}
	msgs.Close()
	if err := msgs.Err(); err != nil {
		return nil, err
	}

	scores, err := store.With(q).Query(ctx, "contact-timeline-scores", contactID, timelineCap)
	if err != nil {
		return nil, fmt.Errorf("timeline of contact %d: %w", contactID, err)
	}
	for scores.Next() {
		var delta, score float64
		var cause string
		var at int64
		if err := scores.Scan(&delta, &score, &cause, &at); err != nil {
			scores.Close()
			return nil, err
		}
		out = append(out, TimelineItem{At: store.FromMS(at), Kind: "score",
			Title:  fmt.Sprintf("score %s → %s", signed(delta), strconv.FormatFloat(score, 'f', -1, 64)),
			Detail: cause, Props: map[string]any{"delta": delta, "score": score}, Why: causeWhy(cause)})
	}
	scores.Close()
	if err := scores.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	if len(out) > timelineCap {
		out = out[:timelineCap]
	}
	if out == nil {
		out = []TimelineItem{}
	}
	return out, nil
}

// causeWhy says where score points came from: a funnel's step ("flow
// ID"), a script ("script NAME"), or a scoring rule by its name.
func causeWhy(cause string) []words.Reason {
	switch k, v, _ := strings.Cut(cause, " "); {
	case cause == "":
		return nil
	case k == "flow" && v != "":
		return []words.Reason{words.R(words.CauseFunnel, "funnel", v)}
	case k == "script" && v != "":
		return []words.Reason{words.R(words.CauseScript, "script", v)}
	}
	return []words.Reason{words.R(words.CauseRule, "rule", cause)}
}

// hiddenProps are event properties that only tie rows together (a
// journey, a message, a tracking key): nothing a user reads.
var hiddenProps = map[string]bool{"enrollment_id": true, "message_id": true, "node": true, "key": true, "run": true, "offset_days": true, "old": true, "new": true, "delta": true, "old_temperature": true}

// eventWhy says an event's properties in words: the list, tag, email,
// funnel, page… it concerns, then any other property as "name: value".
func eventWhy(p map[string]any) []words.Reason {
	keys := make([]string, 0, len(p))
	for k := range p {
		if !hiddenProps[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []words.Reason
	for _, k := range keys {
		v := contact.ToString(p[k])
		if v == "" {
			continue
		}
		switch k {
		case "list", "tag", "segment", "url", "field", "cause", "temperature":
			out = append(out, words.R(words.Code("event."+k), k, v))
		case "template":
			out = append(out, words.R(words.EventEmail, "email", v))
		case "flow", "from":
			out = append(out, words.R(words.EventFunnel, "funnel", v))
		case "goal":
			out = append(out, words.R(words.EventGoal, "step", v))
		default:
			out = append(out, words.R(words.EventProp, "prop", k, "val", v))
		}
	}
	return out
}

// propsText shows event properties as "key=value, …" in key order.
func propsText(p map[string]any) string {
	if len(p) == 0 {
		return ""
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + contact.ToString(p[k])
	}
	return strings.Join(parts, ", ")
}

// ExportCSV writes the contacts a query selects (Offset and Limit are
// ignored) as a comma-separated UTF-8 file with a byte-order mark: the
// identity fields, the custom fields, tags, lists, stage, score,
// temperature, flags and creation time. Its header names are fields, so
// the file imports back with every column mapped. It returns the number of
// contacts written.
func ExportCSV(ctx context.Context, st *store.Store, w io.Writer, filter ListQuery) (int, error) {
	q := st
	where, args, err := filterSQL(ctx, q, filter)
	if err != nil {
		return 0, err
	}
	defs, err := Fields(ctx, q)
	if err != nil {
		return 0, err
	}
	var custom []FieldDef
	for _, d := range defs {
		if !d.Identity {
			custom = append(custom, d)
		}
	}
	header := append([]string{"email"}, identCols...)
	for _, d := range custom {
		header = append(header, d.Name)
	}
	header = append(header, "tags", "lists", "stage", "score", "temperature", "unsubscribed", "bounced", "created_at")
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return 0, err
	}
	cw := csvsafe.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	rows, err := q.QueryContext(ctx, `SELECT email, `+strings.Join(identCols, ", ")+`, fields, score, temperature, stage, unsubscribed, bounced, created_at,
		coalesce((SELECT group_concat(tag, ', ' ORDER BY tag) FROM contact_tags WHERE contact_id = contacts.id), ''),
		coalesce((SELECT group_concat(l.name, ', ' ORDER BY l.name) FROM list_members m JOIN lists l ON l.id = m.list_id WHERE m.contact_id = contacts.id), '')
		FROM contacts WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	defer rows.Close()
	n := 0
	ident := make([]string, len(identCols))
	for rows.Next() {
		var email, fields, temp, stage, tags, lists string
		var score float64
		var unsub, bounced bool
		var created int64
		ptrs := []any{&email}
		for i := range ident {
			ptrs = append(ptrs, &ident[i])
		}
		ptrs = append(ptrs, &fields, &score, &temp, &stage, &unsub, &bounced, &created, &tags, &lists)
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		var fm map[string]any
		if fields != "" && fields != "{}" {
			if err := json.Unmarshal([]byte(fields), &fm); err != nil {
				return n, fmt.Errorf("export: contact %s: custom fields damaged: %w", email, err)
			}
		}
		rec := append([]string{email}, ident...)
		for _, d := range custom {
			rec = append(rec, exportValue(fm[d.Name]))
		}
		rec = append(rec, tags, lists, stage, strconv.FormatFloat(score, 'f', -1, 64), temp, yesNo(unsub), yesNo(bounced),
			store.FromMS(created).Format(time.RFC3339))
		if err := cw.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

func exportValue(v any) string {
	if b, ok := v.(bool); ok {
		return yesNo(b)
	}
	return contact.ToString(v)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
