package script

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// testTimeout is the budget of engines in tests that are not about time: a
// loaded CI machine (or -race) can stall a goroutine for more than the
// default 50ms, which would fail them for the wrong reason.
const testTimeout = 10 * time.Second

func mustCompile(t *testing.T, e *Engine, name, src string) *Script {
	t.Helper()
	s, err := e.Compile(name, src)
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	return s
}

func TestConditionMustReturnBoolean(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	for _, c := range []struct{ src, want string }{
		{`return 1`, "got number (1)"},
		{`return "yes"`, `got string ("yes")`},
		{`return nil`, "got nil"},
		{`local x = true`, "did the script forget `return`?"},
		{`return {}`, "got table"},
		{`return print`, "got function"},
	} {
		s := mustCompile(t, e, "cond", c.src)
		_, _, err := e.Condition(context.Background(), s, Env{})
		se, ok := AsError(err)
		if !ok || se.Kind != KindResult || !strings.Contains(se.Message, c.want) ||
			!strings.Contains(se.Message, "must return true or false") {
			t.Errorf("%s: got %v, want a result error saying %q", c.src, err, c.want)
		}
	}
	s := mustCompile(t, e, "cond", `return contact.score > 5`)
	for score, want := range map[float64]bool{10: true, 1: false} {
		got, _, err := e.Condition(context.Background(), s, Env{Contact: Contact{Score: score}})
		if err != nil || got != want {
			t.Errorf("score %v: got %v %v, want %v", score, got, err, want)
		}
	}
}

func TestScoreMustReturnFiniteNumber(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	for _, c := range []struct{ src, want string }{
		{`return "5"`, "must return a number"},
		{`return true`, "must return a number"},
		{`return 0/0`, "finite"},
		{`return math.huge`, "finite"},
	} {
		s := mustCompile(t, e, "score", c.src)
		_, _, err := e.Score(context.Background(), s, Env{})
		if se, ok := AsError(err); !ok || se.Kind != KindResult || !strings.Contains(se.Message, c.want) {
			t.Errorf("%s: got %v, want a result error saying %q", c.src, err, c.want)
		}
	}
	s := mustCompile(t, e, "score", `return -2.5`)
	if got, _, err := e.Score(context.Background(), s, Env{}); err != nil || got != -2.5 {
		t.Errorf("got %v %v, want -2.5", got, err)
	}
}

func TestActionChanges(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s := mustCompile(t, e, "action", `return {
  tags_add = {"hot", "hot", "mql"}, tags_remove = "cold",
  lists_add = {"sales"}, lists_remove = {},
  fields = {plan = "pro", seats = 5, trial = false, langs = {"fr", "en"}, address = {city = "Lyon"}},
  score = 5, stage = " MQL ",
}`)
	got, _, err := e.Action(context.Background(), s, Env{})
	if err != nil {
		t.Fatal(err)
	}
	want := Changes{
		Fields:  map[string]any{"plan": "pro", "seats": 5.0, "trial": false, "langs": []any{"fr", "en"}, "address": map[string]any{"city": "Lyon"}},
		AddTags: []string{"hot", "mql"}, RemoveTags: []string{"cold"}, AddLists: []string{"sales"}, RemoveLists: []string{},
		ScoreDelta: 5, Stage: "MQL",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	// Copying what the script reads into the changes works through views.
	s = mustCompile(t, e, "copy", `return {fields = {tags_copy = contact.tags, plan_copy = contact.fields.plan}}`)
	got, _, err = e.Action(context.Background(), s, Env{Contact: Contact{Tags: []string{"a"}, Fields: map[string]any{"plan": "pro"}}})
	if err != nil || !reflect.DeepEqual(got.Fields, map[string]any{"tags_copy": []any{"a"}, "plan_copy": "pro"}) {
		t.Errorf("got %#v %v", got.Fields, err)
	}

	for _, c := range []struct{ src, want string }{
		{`return nil`, "must return a table of changes"},
		{`return true`, "must return a table of changes"},
		{`return {tag_add = {"x"}}`, `unknown key "tag_add"`},
		{`return {tags_add = {1, 2}}`, "item 1 must be a non-empty name"},
		{`return {tags_add = {a = "b"}}`, "not a record"},
		{`return {score = "5"}`, "score: must be a finite number"},
		{`return {stage = ""}`, "stage: must be a stage name"},
		{`return {fields = {f = print}}`, "a function value cannot leave the script"},
		{`local t = {} t.self = t return {fields = {loop = t}}`, "nested too deeply"},
		{`return {[1] = "x"}`, "unexpected key 1"},
	} {
		s := mustCompile(t, e, "bad-action", c.src)
		_, _, err := e.Action(context.Background(), s, Env{})
		if se, ok := AsError(err); !ok || se.Kind != KindResult || !strings.Contains(se.Message, c.want) {
			t.Errorf("%s: got %v, want a result error saying %q", c.src, err, c.want)
		}
	}
}

func TestErrorLines(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	for _, c := range []struct {
		name, src string
		line      int
		kind, msg string
	}{
		{"index nil", "local a = 1\nlocal b = 2\n\nlocal x = contact.fields.missing.deeper\nreturn true", 4, KindRuntime, "attempt to index"},
		{"error call", "local n = 1\nif n == 1 then\n  error(\"bad data for \" .. contact.email)\nend\nreturn true", 3, KindRuntime, "bad data for ada@example.com"},
		{"error level 0", "\n\nerror(\"no position\", 0)", 3, KindRuntime, "no position"},
		{"inside a helper", "local t = {}\nlocal d = dates.days_between(\"2024-01-01\", {})\nreturn true", 2, KindRuntime, "dates.days_between"},
		{"inside a nested function", "local function f(x)\n  return x.y.z\nend\n\nreturn f({})", 2, KindRuntime, "attempt to index"},
		{"arith on nil", "local s = contact.fields.nope\n\nreturn s + 1 > 0", 3, KindRuntime, "cannot perform add operation between nil and number"},
		{"syntax", "local x = 1\nif x then\n  return x ==\nend", 4, KindCompile, "syntax error"},
		{"unfinished", "local x = 1\nif x then\n  return true", 3, KindCompile, "end of the script"},
		{"call nil global", "\nreturn contcat.score > 1", 2, KindRuntime, "did you mean `contact`"},
		{"os.execute", "local ok = true\nos.execute(\"ls\")", 2, KindRuntime, "`os.execute` is not available"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := e.Compile(c.name, c.src)
			if err == nil {
				_, _, err = e.Condition(context.Background(), s, Env{Contact: Contact{Email: "ada@example.com"}})
			}
			se, ok := AsError(err)
			if !ok {
				t.Fatalf("want a *script.Error, got %v", err)
			}
			if se.Line != c.line || se.Kind != c.kind || !strings.Contains(se.Message, c.msg) || se.Script != c.name {
				t.Errorf("got %s (line %d, kind %s), want line %d, kind %s, message with %q", se, se.Line, se.Kind, c.line, c.kind, c.msg)
			}
			want := fmt.Sprintf("script %q: line %d: ", c.name, c.line)
			if !strings.HasPrefix(se.Error(), want) {
				t.Errorf("Error() = %q, want it to start with %q", se.Error(), want)
			}
		})
	}
}

func TestCheckDiagnostics(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	src := `local score = contcat.score
local ok = os.execute("ls")
local d = io.open("x")
local s = ("a"):rep(3)
local l = text.lowr("A")
local function helper() return undefined_thing end
string.upper = nil
my_global = 1
local m = my_global + now
`
	diags := e.Check("lint", src)
	want := []struct {
		line int
		msg  string
	}{
		{1, "unknown name `contcat` (did you mean `contact`?)"},
		{2, "`os.execute` is not available"},
		{3, "`io` is not available"},
		{4, "`:rep` is not available"},
		{5, "`text` has no `lowr` (did you mean `text.lower`?)"},
		{6, "unknown name `undefined_thing`"},
		{7, "`string` is read-only"},
		{9, "never returns a value"},
	}
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics, want %d: %v", len(diags), len(want), diags)
	}
	for i, w := range want {
		if diags[i].Line != w.line || !strings.Contains(diags[i].Message, w.msg) {
			t.Errorf("diagnostic %d: got line %d %q, want line %d %q", i, diags[i].Line, diags[i].Message, w.line, w.msg)
		}
	}
	if d := e.Check("ok", "local t = {}\nfor i, v in ipairs(contact.tags) do t[#t+1] = v end\nreturn #t > 0 and events.count(\"x\") > 0"); len(d) != 0 {
		t.Errorf("clean script got diagnostics: %v", d)
	}
	if d := e.Check("syntax", "return 1 +"); len(d) != 1 || d[0].Kind != KindCompile || d[0].Line != 1 {
		t.Errorf("syntax error: got %v", d)
	}
}

func TestPrintIsCapturedAndCapped(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s := mustCompile(t, e, "print", `print("score", contact.score, nil, true, 1/3)
for i = 1, 500 do print(i) end
local t = {}
for i = 1, 3000 do t[i] = "x" end
return true`)
	_, out, err := e.Condition(context.Background(), s, Env{Contact: Contact{Score: 12}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Printed[0] != "score\t12\tnil\ttrue\t0.33333333333333" {
		t.Errorf("first line %q", out.Printed[0])
	}
	if len(out.Printed) != MaxPrintLines+1 || !strings.Contains(out.Printed[MaxPrintLines], "truncated") {
		t.Errorf("got %d lines, want %d and a truncation note", len(out.Printed), MaxPrintLines+1)
	}
	s = mustCompile(t, e, "long", `local t = {} for i = 1, 3000 do t[i] = "é" end print(table.concat(t)) return true`)
	_, out, _ = e.Condition(context.Background(), s, Env{})
	if l := len(out.Printed[0]); l > MaxPrintLineSize+len("…") {
		t.Errorf("line of %d bytes, cap %d", l, MaxPrintLineSize)
	}
	if out.Took <= 0 {
		t.Errorf("Took = %v", out.Took)
	}
}

func TestContactView(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	created := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	env := Env{Contact: Contact{
		ID: 42, Email: "ada@example.com", Score: 12.5, Temperature: "hot", Stage: "MQL", Timezone: "Europe/Paris", CreatedAt: created,
		Fields: map[string]any{"plan": "pro", "seats": 3, "vip": true, "langs": []any{"fr", "en"}, "address": map[string]any{"city": "Lyon"},
			"renewal": time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		Tags: []string{"trial", "VIP"}, Lists: []string{"newsletter"},
	}}
	s := mustCompile(t, e, "view", fmt.Sprintf(`
assert(contact.id == 42 and contact.email == "ada@example.com" and contact.score == 12.5)
assert(contact.temperature == "hot" and contact.stage == "MQL" and contact.timezone == "Europe/Paris")
assert(contact.created_at == %d)
local f = contact.fields
assert(f.plan == "pro" and f.seats == 3 and f.vip == true and f.missing == nil)
assert(f.langs[2] == "en" and #f.langs == 2 and f.address.city == "Lyon")
assert(f.renewal == %d)
assert(#contact.tags == 2 and contact.tags[1] == "trial" and contact.tags[3] == nil)
assert(contact:has_tag("vip") and contact:has_tag("TRIAL") and not contact:has_tag("cold"))
assert(contact:in_list("newsletter") and not contact:in_list("customers"))
local keys = {}
for k, v in pairs(f) do keys[#keys + 1] = k end
table.sort(keys)
assert(table.concat(keys, ",") == "address,langs,plan,renewal,seats,vip", table.concat(keys, ","))
local tags = {}
for i, t in ipairs(contact.tags) do tags[i] = t end
assert(table.concat(tags, "+") == "trial+VIP" and table.concat(contact.tags, "+") == "trial+VIP")
assert(select("#", unpack(contact.tags)) == 2 and next(contact.fields) ~= nil)
assert(event == nil and params.missing == nil and flow == "f" and node == "n")
assert(type(contact) == "table" and getmetatable(contact) == "read-only")
return true`, created.Unix(), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Unix()))
	env.Flow, env.Node = "f", "n"
	if ok, _, err := e.Condition(context.Background(), s, env); err != nil || !ok {
		t.Fatal(err)
	}
	// The same state now sees another contact, with no trace of the first.
	s2 := mustCompile(t, e, "view2", `return contact.id == 7 and contact.fields.plan == nil and #contact.tags == 0 and event.type == "purchase" and event.data.amount == 30 and event.props.amount == 30 and rawequal(event.data, event.props) and params.k == "v"`)
	env2 := Env{Contact: Contact{ID: 7}, Event: &Event{Type: "purchase", Time: time.Now(), Props: map[string]any{"amount": 30.0}}, Params: map[string]any{"k": "v"}}
	if ok, _, err := e.Condition(context.Background(), s2, env2); err != nil || !ok {
		t.Fatalf("second contact: %v %v", ok, err)
	}
	// And a third evaluation without an event sees event == nil again.
	s3 := mustCompile(t, e, "view3", `return event == nil`)
	if ok, _, err := e.Condition(context.Background(), s3, Env{}); err != nil || !ok {
		t.Fatalf("event leaked: %v %v", ok, err)
	}
}

func TestEventsHelpers(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	history := SliceEvents{
		{Type: "page_visit", Time: now.Add(-1 * day), Props: map[string]any{"path": "/pricing"}},
		{Type: "page_visit", Time: now.Add(-3 * day), Props: map[string]any{"path": "/blog"}},
		{Type: "page_visit", Time: now.Add(-20 * day), Props: map[string]any{"path": "/pricing"}},
		{Type: "purchase", Time: now.Add(-2 * day), Props: map[string]any{"amount": 40.0}},
		{Type: "purchase", Time: now.Add(-40 * day), Props: map[string]any{"amount": 60}},
		{Type: "page_visit", Time: now.Add(2 * time.Hour), Props: map[string]any{"path": "/pricing"}}, // in the future
	}
	env := Env{Contact: Contact{ID: 1}, Events: history, Now: now, EnteredAt: now.Add(-10 * day)}
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	for _, c := range []struct{ name, src string }{
		{"count all", `return events.count("page_visit") == 3`},
		{"count any type", `return events.count("*") == 5 and events.count(nil) == 5`},
		{"within_days", `return events.count("page_visit", {within_days = 7}) == 2`},
		{"since_entry", `return events.count("page_visit", {since_entry = true}) == 2`},
		{"since", `return events.count("page_visit", {since = now - 2 * dates.DAY}) == 1`},
		{"where", `return events.count("page_visit", {where = {path = "/pricing"}}) == 2`},
		{"where number", `return events.count("purchase", {where = {amount = 60}}) == 1`},
		{"filter", `return events.count("page_visit", {filter = function(ev) return ev.props.path ~= "/blog" end}) == 2`},
		{"exists", `return events.exists("purchase", {within_days = 7}) and not events.exists("signup")`},
		{"last", `local ev = events.last("page_visit") return ev.props.path == "/pricing" and ev.time == now - dates.DAY and ev.type == "page_visit"`},
		{"first", `return events.first("purchase").props.amount == 60`},
		{"none", `return events.last("signup") == nil`},
		{"sum", `return events.sum("purchase", "amount") == 100 and events.sum("purchase", "amount", {within_days = 7}) == 40`},
		{"list", `local l = events.list("page_visit") return #l == 3 and l[1].props.path == "/pricing" and l[3].time == now - dates.DAY`},
		// Out-of-range times are clamped to years 1..9999 (issue #16: since=1e300
		// overflowed int64 to a date before every event and counted them all).
		{"since far future", `return events.count("*", {since = 1e300}) == 0 and events.count("*", {since = math.huge}) == 0`},
		{"since far past", `return events.count("*", {since = -1e300}) == 5`},
		{"huge window", `return events.count("*", {within_days = 1e300}) == 5 and events.count("*", {within_days = math.huge}) == 5`},
		{"dates of huge numbers", `return dates.format(1e300) == "9999-12-31" and dates.days_between(0, 1e300) > 0`},
	} {
		s := mustCompile(t, e, c.name, c.src)
		if ok, _, err := e.Condition(context.Background(), s, env); err != nil || !ok {
			t.Errorf("%s: got %v %v", c.name, ok, err)
		}
	}
	for _, c := range []struct{ name, src, msg string }{
		{"bad option", `return events.count("x", {within = 3}) > 0`, `unknown option "within"`},
		{"no entry time", `return events.count("x", {since_entry = true}) > 0`, "since_entry needs"},
		{"since nan", `return events.count("x", {since = 0/0}) > 0`, "since must be unix seconds"},
		{"within nan", `return events.count("x", {within_days = 0/0}) > 0`, "within_days must be a non-negative number"},
	} {
		s := mustCompile(t, e, c.name, c.src)
		env := env
		env.EnteredAt = time.Time{}
		if _, _, err := e.Condition(context.Background(), s, env); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.msg)
		}
	}
	s := mustCompile(t, e, "no source", `return events.count("x") == 0`)
	if _, _, err := e.Condition(context.Background(), s, Env{}); err == nil || !strings.Contains(err.Error(), "no event history") {
		t.Errorf("no source: got %v", err)
	}
	s = mustCompile(t, e, "failing source", `return events.count("x") == 0`)
	if _, _, err := e.Condition(context.Background(), s, Env{Events: failingEvents{}}); err == nil || !strings.Contains(err.Error(), "store is down") {
		t.Errorf("failing source: got %v", err)
	}
}

type failingEvents struct{}

func (failingEvents) Events(int64, string, time.Time) ([]Event, error) {
	return nil, errors.New("store is down")
}

func TestDatesAndTextHelpers(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC) // a Wednesday
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	for _, c := range []struct{ name, src string }{
		{"parse", `return dates.parse("2024-05-01") == 1714521600 and dates.parse("2024-05-01T14:00:00+02:00") == 1714564800`},
		{"parse bad", `local t, err = dates.parse("01/05/2024") return t == nil and err:find("not a date") ~= nil`},
		{"days_between", `return dates.days_between("2024-04-01", "2024-05-01") == 30 and dates.days_between(now - 36 * 3600, now) == 1.5`},
		{"hour_in", `return dates.hour_in("Europe/Paris") == 14 and dates.hour_in("") == 12 and dates.hour_in("Asia/Tokyo", now + 3600) == 22`},
		{"weekday_in", `return dates.weekday_in("UTC") == 3 and dates.weekday_in("Pacific/Kiritimati", now + 11 * 3600) == 4`},
		{"parts", `local p = dates.parts("America/New_York") return p.year == 2024 and p.month == 5 and p.day == 1 and p.hour == 8 and p.minute == 30 and p.weekday == 3 and p.yday == 122`},
		{"format", `return dates.format(now) == "2024-05-01" and dates.format(now + 12 * 3600, "Asia/Tokyo") == "2024-05-02"`},
		{"os.time is virtual", `return os.time() == now and os.date("!%Y-%m-%d %H:%M") == "2024-05-01 12:30"`},
		{"text", `return text.lower("ÉCOLE") == "école" and text.trim("  x ") == "x" and text.upper(nil) == ""
  and text.starts_with("/pricing/team", "/pricing") and text.ends_with("a.pdf", ".pdf")
  and text.contains("Director", "rect") and not text.contains("Director", "rector ")
  and text.icontains("Directrice Générale", "GENERALE") and text.fold("Québec") == "quebec"`},
		{"email", `return text.email_domain("Ada <ADA@Example.COM>") == "example.com" and text.email_domain("nope") == ""
  and text.is_free_mail("x@gmail.com") and text.is_free_mail("outlook.com") and not text.is_free_mail("x@acme.io")`},
		{"split", `local p = text.split(" a, b ,,c ") return #p == 3 and p[2] == "b" and #text.split("a;b", ";") == 2`},
	} {
		s := mustCompile(t, e, c.name, c.src)
		if ok, out, err := e.Condition(context.Background(), s, Env{Now: now}); err != nil || !ok {
			t.Errorf("%s: got %v %v %v", c.name, ok, err, out.Printed)
		}
	}
	s := mustCompile(t, e, "bad tz", `return dates.hour_in("Mars/Olympus") > 0`)
	if _, _, err := e.Condition(context.Background(), s, Env{Now: now}); err == nil || !strings.Contains(err.Error(), `unknown time zone "Mars/Olympus"`) {
		t.Errorf("bad tz: got %v", err)
	}
}

func TestTimeoutsFromTheCaller(t *testing.T) {
	// The engine's own timeout is a minute, so only the caller's deadline
	// or cancel can stop the loop within the 30 s checked below, however
	// busy the machine.
	e := New(Options{PoolSize: 1, Timeout: time.Minute})
	loop := mustCompile(t, e, "loop", `while true do end`)

	// A parent deadline shorter than the engine's wins.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := e.Condition(ctx, loop, Env{})
	if se, ok := AsError(err); !ok || se.Kind != KindTimeout || time.Since(start) > 30*time.Second {
		t.Fatalf("parent deadline: got %v after %v", err, time.Since(start))
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("errors.Is(err, DeadlineExceeded) = false for %v", err)
	}

	// Cancelling the parent stops a running evaluation.
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	start = time.Now()
	_, _, err = e.Condition(ctx, loop, Env{})
	if se, ok := AsError(err); !ok || se.Kind != KindTimeout || !errors.Is(err, context.Canceled) || time.Since(start) > 30*time.Second {
		t.Fatalf("cancel: got %v after %v", err, time.Since(start))
	}

	// An already-canceled parent does not run the script at all.
	s := mustCompile(t, e, "print", `print("ran") return true`)
	_, out, err := e.Condition(ctx, s, Env{})
	if err == nil || len(out.Printed) != 0 {
		t.Errorf("canceled parent: got %v, printed %v", err, out.Printed)
	}
	if st := e.Stats(); st.Timeouts < 3 {
		t.Errorf("stats: %+v", st)
	}
}

func TestCompileCache(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	a := mustCompile(t, e, "a", "return true")
	b := mustCompile(t, e, "a", "return true")
	c := mustCompile(t, e, "a", "return false")
	d := mustCompile(t, e, "d", "return true")
	if a != b || a == c || a == d {
		t.Errorf("cache: same name and source must give the same script, anything else a new one")
	}
	if st := e.Stats(); st.CacheHits != 1 || st.CacheMisses != 3 {
		t.Errorf("stats: %+v", st)
	}
	if _, err := e.Compile("broken", "return )"); err == nil {
		t.Error("broken script compiled")
	} else if se, ok := AsError(err); !ok || se.Kind != KindCompile || se.Line != 1 || se.Script != "broken" {
		t.Errorf("compile error: %#v", err)
	}
}

// TestConcurrentEvaluations runs many goroutines over a small pool: results
// stay right, states stay within the pool (run it with -race).
func TestConcurrentEvaluations(t *testing.T) {
	e := New(Options{PoolSize: 3, Timeout: testTimeout})
	s := mustCompile(t, e, "concurrent", `
seen = contact.id
local total = 0
for i = 1, contact.id % 50 do total = total + i end
assert(seen == contact.id)
return total + #contact.tags`)
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for g := 0; g < 12; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				id := int64(g*1000 + i)
				n := id % 50
				want := float64(n*(n+1)/2 + int64(g%3))
				got, _, err := e.Score(context.Background(), s, Env{Contact: Contact{ID: id, Tags: make([]string, g%3)}})
				if err != nil || got != want {
					errs <- fmt.Errorf("contact %d: got %v %v, want %v", id, got, err, want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := e.Stats().StatesCreated; n > 3 {
		t.Errorf("%d states created for a pool of 3", n)
	}
}

func TestWaitingForAStateHonoursTheContext(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: time.Minute})
	// The slow evaluation holds the only state inside a host call until
	// the test lets it go: no sleep guesses when it has taken the state.
	hold := &heldEvents{in: make(chan struct{}), out: make(chan struct{})}
	slow := mustCompile(t, e, "slow", `return events.count("x") == 0`)
	slowDone := make(chan error, 1)
	go func() {
		_, _, err := e.Condition(context.Background(), slow, Env{Events: hold})
		slowDone <- err
	}()
	<-hold.in
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	fast := mustCompile(t, e, "fast", `return true`)
	fastDone := make(chan error, 1)
	go func() {
		_, _, err := e.Condition(ctx, fast, Env{})
		fastDone <- err
	}()
	select {
	case err := <-fastDone:
		if se, ok := AsError(err); !ok || se.Kind != KindTimeout {
			t.Errorf("want a timeout while waiting for a state, got %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("still waiting for a state 30 s after the context's 20 ms deadline")
	}
	close(hold.out)
	if err := <-slowDone; err != nil {
		t.Errorf("the evaluation holding the state: %v", err)
	}
}

// heldEvents signals in when a script asks for events, then answers
// (none) once out is closed.
type heldEvents struct{ in, out chan struct{} }

func (h *heldEvents) Events(int64, string, time.Time) ([]Event, error) {
	close(h.in)
	<-h.out
	return nil, nil
}

type panickingEvents struct{}

func (panickingEvents) Events(int64, string, time.Time) ([]Event, error) { panic("bug in the store") }

// A Go panic in the host (here an event source) becomes a runtime error,
// and the state it happened in is replaced rather than trusted again.
func TestHostPanicBecomesAnError(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s := mustCompile(t, e, "panic", `return events.count("x") > 0`)
	_, _, err := e.Condition(context.Background(), s, Env{Events: panickingEvents{}})
	if se, ok := AsError(err); !ok || se.Kind != KindRuntime || !strings.Contains(se.Message, "bug in the store") {
		t.Fatalf("got %v", err)
	}
	ok := mustCompile(t, e, "ok", `return true`)
	if got, _, err := e.Condition(context.Background(), ok, Env{}); err != nil || !got {
		t.Fatalf("engine unusable after a host panic: %v", err)
	}
	if n := e.Stats().StatesCreated; n != 2 {
		t.Errorf("StatesCreated = %d, want 2 (the state was replaced)", n)
	}
}
