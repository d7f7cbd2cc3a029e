package runner

import (
	"strings"
	"testing"
	"time"

	"flightplan/engine/flow"
)

// An "Alert a teammate" step that names a teammate of the workspace queues
// the alert to the teammate's address as it is when the step runs; a
// teammate removed since stops the step with the reason, not a silent skip.
func TestAlertGoesToTheTeammatesAddress(t *testing.T) {
	h := newHarness(t)
	ana, err := h.st.AddTeammate("Ana Lima", "ana@example.com")
	if err != nil {
		t.Fatal(err)
	}
	src := `{"format":"flightplan.flow/v1","id":"alert","nodes":[
		{"id":"in","type":"trigger.list_joined","config":{"list":"leads"}},
		{"id":"tell","type":"action.notify","config":{"to":"` + ana.ID + `"}},
		{"id":"tell-old","type":"action.notify","config":{"to":"sam@example.com"}}],
		"edges":[{"from":"in","to":"tell"},{"from":"tell","to":"tell-old"}]}`
	f, err := flow.Parse("alert", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.Publish(f, "", t0); err != nil {
		t.Fatal(err)
	}
	id := h.contact("lead@example.com", "leads")
	h.runFor(time.Minute)
	rows, err := h.st.ReadDB().Query(`SELECT node, json_extract(payload,'$.to') FROM outbox WHERE kind='notify' AND contact_id=? ORDER BY id`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var node, to string
		if err := rows.Scan(&node, &to); err != nil {
			t.Fatal(err)
		}
		got = append(got, node+"→"+to)
	}
	if want := "tell→ana@example.com tell-old→sam@example.com"; strings.Join(got, " ") != want {
		t.Errorf("alerts: %s, want %s", strings.Join(got, " "), want)
	}
	if p := h.path(id, "alert"); p != "in:next tell:next tell-old:next(end)" {
		t.Errorf("path: %s", p)
	}
	// The teammate leaves the workspace: a new lead's alert fails, naming why.
	if err := h.st.SetSetting("teammates", "[]"); err != nil {
		t.Fatal(err)
	}
	gone := h.contact("late@example.com", "leads")
	h.runFor(time.Minute)
	if p := h.path(gone, "alert"); p != "in:next tell(error)" {
		t.Errorf("alert to a removed teammate: %s, want in:next tell(error)", p)
	}
	steps, err := h.r.Path(h.ctx, gone, "alert")
	if err != nil || len(steps) != 2 || !strings.Contains(steps[1].Why.Get("error"), "no longer in the workspace") {
		t.Errorf("why the alert failed: %+v, %v", steps, err)
	}
}

// An alert with no subject of its own uses the default subject and message
// in the workspace's language, read when the step runs.
func TestAlertDefaultsInTheWorkspaceLanguage(t *testing.T) {
	h := newHarness(t)
	src := `{"format":"flightplan.flow/v1","id":"alert","nodes":[
		{"id":"in","type":"trigger.list_joined","config":{"list":"leads"}},
		{"id":"tell","type":"action.notify","config":{"to":"sam@example.com"}}],
		"edges":[{"from":"in","to":"tell"}]}`
	f, err := flow.Parse("alert", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.Publish(f, "", t0); err != nil {
		t.Fatal(err)
	}
	subject := func(email string) string {
		id := h.contact(email, "leads")
		h.runFor(time.Minute)
		var s, m string
		if err := h.st.ReadDB().QueryRow(`SELECT json_extract(payload,'$.subject'), json_extract(payload,'$.message') FROM outbox WHERE kind='notify' AND contact_id=?`, id).Scan(&s, &m); err != nil {
			t.Fatal(err)
		}
		return s + " | " + m
	}
	if got, want := subject("en@example.com"), "Hot lead: {{ contact.email }} | {{ contact.first_name }} {{ contact.last_name }} ({{ contact.email }}) has a score of {{ contact.score }}."; got != want {
		t.Errorf("English workspace: %q, want %q", got, want)
	}
	if err := h.st.SetSetting("language", "fr"); err != nil {
		t.Fatal(err)
	}
	if got, want := subject("fr@example.com"), "Prospect chaud : {{ contact.email }} | {{ contact.first_name }} {{ contact.last_name }} ({{ contact.email }}) a un pointage de {{ contact.score }}."; got != want {
		t.Errorf("French workspace: %q, want %q", got, want)
	}
}
