package cli

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files of the --json shapes")

const onboardFlow = `{
  "format": "flightplan.flow/v1",
  "id": "onboard",
  "name": "Onboarding",
  "nodes": [
    {"id": "signup", "type": "trigger.event", "config": {"event_type": "signup"}},
    {"id": "hello", "type": "action.send_email", "config": {"template": "welcome"}},
    {"id": "buy", "type": "wait.event", "config": {"event_type": "purchase", "timeout": "2d"}},
    {"id": "buyer", "type": "action.tag_add", "config": {"tag": "buyer"}},
    {"id": "customers", "type": "action.list_add", "config": {"list": "Customers"}},
    {"id": "thanks", "type": "action.send_email", "config": {"template": "welcome"}}
  ],
  "edges": [
    {"from": "signup", "to": "hello"},
    {"from": "hello", "to": "buy"},
    {"from": "buy", "port": "met", "to": "buyer"},
    {"from": "buyer", "to": "customers"},
    {"from": "customers", "to": "thanks"}
  ]
}
`

// shape is a JSON value's skeleton: each object's keys with the shape of
// their values, an array as the shape of its first element, a scalar as
// its type. Ids, times and message bytes change from run to run; the
// shape is what a script reading --json relies on.
func shape(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = shape(e)
		}
		return out
	case []any:
		if len(x) == 0 {
			return []any{}
		}
		return []any{shape(x[0])}
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	}
	return "null"
}

// checkShape compares a --json output's shape with testdata/NAME.shape.json.
func checkShape(t *testing.T, name, out string) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", name, err, out)
	}
	got, _ := json.MarshalIndent(shape(v), "", "  ")
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".shape.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./app/cli -run Scenario -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s: the --json shape changed (a documented shape only gains fields; rerun with -update if intended):\n%s\nwant:\n%s", name, got, want)
	}
}

// must runs a command that has to succeed and returns its stdout.
func must(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(args...)
	if code != 0 {
		t.Fatalf("flightplan %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// runFor runs `flightplan run` until done says so (it is asked with read
// commands beside the running engine), then stops it as Ctrl-C does.
func runFor(t *testing.T, ws string, what string, done func() bool) {
	t.Helper()
	var out, errb syncBuffer
	exit := make(chan int)
	go func() {
		exit <- Main([]string{"run", "--workspace", ws, "--http", "127.0.0.1:0", "--capture", "127.0.0.1:0", "--poll", "20ms"}, &out, &errb)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "tracking and intake") || !done() {
		if time.Now().After(deadline) {
			syscall.Kill(os.Getpid(), syscall.SIGINT)
			<-exit
			t.Fatalf("run: %s did not happen:\n%s%s", what, out.String(), errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	if code := <-exit; code != 0 {
		t.Fatalf("run: exit %d: %s", code, errb.String())
	}
}

// A funnel built, fed and followed with the command line alone, on a real
// workspace file: an email from Liquid HTML, a list, a funnel file, a cap
// of one email a day, contacts from CSV with a merge policy, publish,
// events, the engine run; then the journeys, journal, outbox, mailbox and
// stats read back — never the database. The cap holds: the thank-you
// email after the purchase is not sent the day of the welcome.
func TestScenarioDrivenByTheCLIAlone(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	dir := t.TempDir()
	ws := filepath.Join(dir, "client.flightplan")
	w := []string{"--workspace", ws}
	cli := func(args ...string) string { return must(t, append(args, w...)...) }

	html := writeFile(t, dir, "welcome.html", "<p>Hello {{ contact.first_name }}, welcome!</p>\n")
	if out := cli("emails", "import", html, "--subject", "Welcome, {{ contact.first_name }}", "--name", "Welcome"); !strings.Contains(out, `imported email "welcome" (Welcome)`) {
		t.Errorf("emails import: %s", out)
	}
	checkShape(t, "emails-list", cli("emails", "list", "--json"))
	exported := cli("emails", "export", "welcome")
	if !strings.Contains(exported, `"subject": "Welcome, {{ contact.first_name }}"`) || !strings.Contains(exported, `"name": "Welcome"`) {
		t.Errorf("emails export:\n%s", exported)
	}
	// What export writes, import takes back unchanged.
	again := writeFile(t, dir, "again.json", exported)
	cli("emails", "import", again)
	if out := cli("emails", "export", "welcome"); out != exported {
		t.Errorf("export → import → export changed the email:\n%s\nthen:\n%s", exported, out)
	}

	cli("lists", "add", "Customers")
	cli("settings", "set", "cap_per_day", "1")
	if out := cli("settings", "get", "cap_per_day"); out != "1\n" {
		t.Errorf("settings get cap_per_day: %q", out)
	}
	cli("import", "flow", writeFile(t, dir, "onboard.flow.json", onboardFlow))
	cli("import", "contacts", writeFile(t, dir, "people.csv", "email,first_name,last_name,company,job_title\nana@example.com,Ana,Old,Acme,CTO\nben@example.com,Ben,,Initech,CEO\n"))
	// Ana married: fill keeps the old name and says so; overwrite takes the new.
	married := writeFile(t, dir, "married.csv", "email,last_name\nana@example.com,New\n")
	if out := cli("import", "contacts", married, "--merge", "fill"); !strings.Contains(out, `last_name: kept "Old", not "New"`) {
		t.Errorf("import --merge fill:\n%s", out)
	}
	cli("import", "contacts", married, "--merge", "overwrite")
	if out := cli("contacts", "show", "ana@example.com"); !strings.Contains(out, "last name: New") {
		t.Errorf("after import --merge overwrite:\n%s", out)
	}
	cli("publish", "onboard")

	list := cli("contacts", "list", "--field", "company=Acme")
	if !strings.Contains(list, "ana@example.com") || strings.Contains(list, "ben@example.com") || !strings.HasSuffix(list, "1 contacts\n") {
		t.Errorf("contacts list --field company=Acme:\n%s", list)
	}
	// job_title is not a column of the list: the contact is read for it.
	list = cli("contacts", "list", "--field", "job_title=CEO", "--field", "first_name=Ben")
	if !strings.Contains(list, "ben@example.com") || !strings.HasSuffix(list, "1 contacts\n") {
		t.Errorf("contacts list --field job_title=CEO --field first_name=Ben:\n%s", list)
	}
	if list = cli("contacts", "list", "--field", "job_title=CEO", "--field", "first_name=Ana"); list != "0 contacts\n" {
		t.Errorf("contacts list with fields no one has:\n%s", list)
	}
	checkShape(t, "contacts-list", cli("contacts", "list", "--json"))

	cli("events", "send", "ana@example.com", "signup", "--data", `{"form":"home"}`)
	mailbox := func() []map[string]any {
		var msgs []map[string]any
		json.Unmarshal([]byte(must(t, "mailbox", "list", "--json", "--workspace", ws)), &msgs)
		return msgs
	}
	runFor(t, ws, "the welcome email in the mailbox", func() bool { return len(mailbox()) == 1 })

	msgs := mailbox()
	if msgs[0]["to"] != "ana@example.com" || msgs[0]["subject"] != "Welcome, Ana" {
		t.Errorf("mailbox: %v", msgs)
	}
	checkShape(t, "mailbox-list", cli("mailbox", "list", "--json"))
	id := strings.TrimSuffix(strings.TrimSuffix(func() string { b, _ := json.Marshal(msgs[0]["id"]); return string(b) }(), "\n"), ".0")
	shown := cli("mailbox", "show", id)
	if !strings.Contains(shown, "Subject: Welcome, Ana") || !strings.Contains(shown, "Hello Ana, welcome!") {
		t.Errorf("mailbox show %s:\n%s", id, shown)
	}
	checkShape(t, "mailbox-show", cli("mailbox", "show", id, "--json"))

	journeys := cli("journeys", "--flow", "onboard")
	if !strings.Contains(journeys, "Onboarding (v1)  ana@example.com  at “Wait for something to happen”  waiting since ") || !strings.Contains(journeys, "waiting for: bought, until ") {
		t.Errorf("journeys while waiting:\n%s", journeys)
	}
	checkShape(t, "journeys", cli("journeys", "--contact", "ana@example.com", "--json"))
	checkShape(t, "outbox", cli("outbox", "--json"))
	if out := cli("outbox", "--status", "sent"); !strings.Contains(out, "sent     Onboarding › Send “Welcome”  ana@example.com") {
		t.Errorf("outbox --status sent:\n%s", out)
	}

	cli("events", "send", "ana@example.com", "purchase")
	runFor(t, ws, "the journey's end", func() bool {
		return strings.Contains(must(t, "journeys", "--flow", "onboard", "--workspace", ws), " done since ")
	})

	var steps []struct{ Node, Outcome, Port string }
	json.Unmarshal([]byte(cli("journal", "--contact", "ana@example.com", "--json")), &steps)
	var path []string
	for _, s := range steps {
		path = append(path, s.Node+":"+s.Port)
	}
	if got := strings.Join(path, " "); !strings.HasPrefix(got, "signup:next hello:next buy: buy:met buyer:next customers:next thanks:") {
		t.Errorf("journal of ana: %s", got)
	}
	// One email a day: the thank-you was held back by the cap, not sent.
	if msgs := mailbox(); len(msgs) != 1 {
		t.Errorf("the cap let a second email through the same day: %v", msgs)
	}
	if out := cli("outbox", "--flow", "onboard"); strings.Contains(out, "thanks") {
		t.Errorf("outbox holds the capped email:\n%s", out)
	}
	if out := cli("contacts", "list", "--list", "Customers"); !strings.Contains(out, "ana@example.com") || !strings.HasSuffix(out, "1 contacts\n") {
		t.Errorf("contacts list --list Customers:\n%s", out)
	}
	checkShape(t, "journal", cli("journal", "--flow", "onboard", "--json"))
	if out := cli("journal", "--since", "2000-01-01", "--until", "2000-01-02"); out != "no steps\n" {
		t.Errorf("journal of a day long past: %q", out)
	}
	if out := cli("contacts", "list", "--tag", "buyer"); !strings.Contains(out, "ana@example.com") || !strings.HasSuffix(out, "1 contacts\n") {
		t.Errorf("contacts list --tag buyer:\n%s", out)
	}
	show := cli("contacts", "show", "ana@example.com")
	if !strings.Contains(show, "tags: buyer\n") || !strings.Contains(show, "company: Acme\n") {
		t.Errorf("contacts show:\n%s", show)
	}
	checkShape(t, "contacts-show", cli("contacts", "show", "ana@example.com", "--json"))

	stats := cli("stats", "onboard")
	if !strings.Contains(stats, "Onboarding: 1 entered, 0 in progress, 1 done") {
		t.Errorf("stats:\n%s", stats)
	}
	checkShape(t, "stats", cli("stats", "onboard", "--json"))

	// Errors name what was not found, and a mistyped flag is a usage error.
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"journeys", "--flow", "onbord"}, 1, `flow "onbord": not found`},
		{[]string{"journal", "--contact", "zoe@example.com"}, 1, `contact "zoe@example.com": no contact with this email address`},
		{[]string{"contacts", "show", "999"}, 1, "contact 999: no contact with this id"},
		{[]string{"stats", "nope"}, 1, `flow "nope": not found`},
		{[]string{"outbox", "--flow", "nope"}, 1, `flow "nope": not found`},
		{[]string{"outbox", "--status", "lost"}, 1, `--status "lost"`},
		{[]string{"journal", "--since", "yesterday"}, 1, `--since "yesterday"`},
		{[]string{"mailbox", "show", "4242"}, 1, "message 4242"},
		{[]string{"emails", "export", "nope"}, 1, `email "nope": no email with this id`},
		{[]string{"events", "send", "zoe@example.com", "signup"}, 1, `contact "zoe@example.com"`},
		{[]string{"events", "send", "ana@example.com", "x", "--data", "[1]"}, 1, "--data: not a JSON object"},
		{[]string{"contacts", "list", "--segment", "nope"}, 1, `--segment "nope"`},
		{[]string{"contacts", "list", "--list", "nope"}, 1, `--list "nope": no list of that name`},
		{[]string{"contacts", "list", "--field", "company"}, 2, "want name=value"},
		{[]string{"journeys", "--flw", "onboard"}, 2, "flag provided but not defined: -flw"},
		{[]string{"contacts", "lst"}, 2, `contacts: the arguments ["lst"] do not match its usage` + "\nusage: flightplan contacts list"},
		{[]string{"mailbox", "show"}, 2, "usage: flightplan mailbox list"},
		{[]string{"stats"}, 2, "usage: flightplan stats FLOW"},
		{[]string{"import", "contact", "x.csv"}, 2, `import: unknown kind "contact"`},
		{[]string{"export", "flows", "x"}, 2, "usage: flightplan export flow ID"},
	} {
		code, _, errs := runCLI(append(tc.args, w...)...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, want %d with %q:\n%s", tc.args, code, tc.code, tc.want, errs)
		}
	}
	// The old name of the event's properties still works, with a note, in
	// a file as on the command line.
	events := writeFile(t, dir, "events.jsonl", `{"email":"ben@example.com","type":"visit","data":{"page":"/a"}}`+"\n"+`{"email":"ben@example.com","type":"visit","props":{"page":"/b"}}`+"\n")
	code, out, errs := runCLI(append([]string{"import", "events", events}, w...)...)
	if code != 0 || !strings.Contains(out, "2 imported") || !strings.Contains(errs, `1 lines name the properties "props", the old name of "data"`) {
		t.Errorf("import events with props: exit %d: %s%s", code, out, errs)
	}
	var ben struct {
		History []struct {
			Title string
			Props map[string]any
		}
	}
	json.Unmarshal([]byte(cli("contacts", "show", "ben@example.com", "--json")), &ben)
	pages := map[any]bool{}
	for _, h := range ben.History {
		pages[h.Props["page"]] = true
	}
	if !pages["/a"] || !pages["/b"] {
		t.Errorf("ben's events lost their properties: %+v", ben.History)
	}
	code, _, errs = runCLI(append([]string{"events", "send", "ben@example.com", "visit", "--props", `{"page":"/"}`}, w...)...)
	if code != 0 || !strings.Contains(errs, "--props is the old name of --data") {
		t.Errorf("events send --props: exit %d: %s", code, errs)
	}
}
