package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"flightplan/engine/contacts"
	"flightplan/engine/mail"
	"flightplan/engine/nodes"
	"flightplan/scripts"
)

// Reference is one thing a step can point at: Key is what the flow stores
// (an email's id, a list's name…), never shown; Name is what the user
// reads, Detail a short hint beside it (an email's subject, a script's
// kind), Count how many contacts it holds when that means something.
type Reference struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	Detail string `json:"detail,omitempty"`
	Count  *int   `json:"count,omitempty"`
}

// References are the choices of every reference field, by kind.
type References struct {
	Emails     []Reference       `json:"emails"`
	Lists      []Reference       `json:"lists"`
	Tags       []Reference       `json:"tags"`
	Segments   []Reference       `json:"segments"`
	Fields     []Reference       `json:"fields"`
	Scripts    []Reference       `json:"scripts"`
	Flows      []Reference       `json:"flows"`
	Teammates  []Reference       `json:"teammates"`
	EventTypes []nodes.EventType `json:"event_types"`
}

// References returns every named thing a step can point at, as it is now:
// the inspector's choosers ask again each time they open, so a new email or
// list shows without a restart.
func (a *App) References() (References, error) {
	r := References{Emails: []Reference{}, Lists: []Reference{}, Tags: []Reference{}, Segments: []Reference{},
		Fields: []Reference{}, Scripts: []Reference{}, Flows: []Reference{}, Teammates: []Reference{}}
	db := a.eng.Store.ReadDB()
	rows, err := db.Query(`SELECT id, name, body FROM templates ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var id, name, body string
		if err := rows.Scan(&id, &name, &body); err != nil {
			rows.Close()
			return r, err
		}
		var t mail.Template
		_ = json.Unmarshal([]byte(body), &t)
		if strings.TrimSpace(name) == "" {
			name = id
		}
		r.Emails = append(r.Emails, Reference{Key: id, Name: name, Detail: t.Subject})
	}
	rows.Close()
	counted := func(sql string, dst *[]Reference) error {
		rows, err := db.Query(sql)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			var n int
			if err := rows.Scan(&name, &n); err != nil {
				return err
			}
			*dst = append(*dst, Reference{Key: name, Name: name, Count: &n})
		}
		return rows.Err()
	}
	if err := counted(`SELECT l.name, (SELECT count(*) FROM list_members m WHERE m.list_id = l.id) FROM lists l ORDER BY l.name COLLATE NOCASE`, &r.Lists); err != nil {
		return r, err
	}
	if err := counted(`SELECT tag, count(*) FROM contact_tags GROUP BY tag ORDER BY tag COLLATE NOCASE`, &r.Tags); err != nil {
		return r, err
	}
	segs, err := contacts.ListSegments(a.ctx, db)
	if err != nil {
		return r, err
	}
	for _, s := range segs {
		name := s.Name
		if strings.TrimSpace(name) == "" {
			name = s.ID
		}
		r.Segments = append(r.Segments, Reference{Key: s.ID, Name: name})
	}
	fields, err := contacts.RuleFields(a.ctx, db)
	if err != nil {
		return r, err
	}
	for _, f := range fields {
		name := f.Label
		if name == "" {
			name = f.Name
		}
		r.Fields = append(r.Fields, Reference{Key: f.Name, Name: name, Detail: string(f.Type)})
	}
	own := map[string]bool{}
	rows, err = db.Query(`SELECT name, kind FROM scripts ORDER BY name`)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var name, kind string
		if err := rows.Scan(&name, &kind); err != nil {
			rows.Close()
			return r, err
		}
		own[name] = true
		r.Scripts = append(r.Scripts, Reference{Key: name, Name: name, Detail: kind})
	}
	rows.Close()
	for _, lib := range scripts.All() {
		if !own[lib.Name] {
			r.Scripts = append(r.Scripts, Reference{Key: lib.Name, Name: lib.Name, Detail: lib.Kind})
		}
	}
	flows, err := a.eng.Store.ListFlows()
	if err != nil {
		return r, err
	}
	for _, f := range flows {
		name := f.Name
		if strings.TrimSpace(name) == "" {
			name = f.ID
		}
		r.Flows = append(r.Flows, Reference{Key: f.ID, Name: name})
	}
	mates, err := a.eng.Store.Teammates()
	if err != nil {
		return r, err
	}
	for _, t := range mates {
		r.Teammates = append(r.Teammates, Reference{Key: t.ID, Name: t.Name, Detail: t.Email})
	}
	seen, err := a.eng.EventTypesSeen()
	if err != nil {
		return r, err
	}
	r.EventTypes = nodes.EventCatalogue(seen)
	return r, nil
}

// CreateList makes an empty contact list (nothing happens if it exists)
// and returns its name as stored.
func (a *App) CreateList(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "", fmt.Errorf("give the list a name")
	}
	db := a.eng.Store.DB()
	if _, err := db.Exec(`INSERT INTO lists(name) VALUES(?) ON CONFLICT(name) DO NOTHING`, name); err != nil {
		return "", fmt.Errorf("list %q: %w", name, err)
	}
	var stored string
	if err := db.QueryRow(`SELECT name FROM lists WHERE name = ?`, name).Scan(&stored); err != nil {
		return "", fmt.Errorf("list %q: %w", name, err)
	}
	return stored, nil
}

// AddTeammate adds a teammate (a name and an email address) an "Alert a
// teammate" step can pick, and returns it as a choice (key: its id). A bad
// address is refused with the reason.
func (a *App) AddTeammate(name, email string) (Reference, error) {
	t, err := a.eng.Store.AddTeammate(name, email)
	if err != nil {
		return Reference{}, err
	}
	return Reference{Key: t.ID, Name: t.Name, Detail: t.Email}, nil
}

// DeclareEventType adds an event type of the workspace's own by its name
// ("Demo booked" → demo_booked) so steps can use it before the first one
// arrives; it returns the stored type.
func (a *App) DeclareEventType(name string) (string, error) { return a.eng.DeclareEventType(name) }
