package script

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLearnedValuesFollowTheInput runs scripts one after the other on one
// state, changing the input between evaluations in every way that matters to
// the learned views (see learned.go): what a script reads must always be the
// current input, never a value kept from an earlier evaluation.
func TestLearnedValuesFollowTheInput(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	show := mustCompile(t, e, "show", `
local f = contact.fields
local function s(v) if type(v) == "table" then return "table" end return type(v) .. ":" .. tostring(v) end
return {fields = {out = table.concat({s(f.a), s(f.b), s(f[params.key]), s(params.p), s(contact.temperature),
  s(contact.id), s(contact.created_at), s(contact.email)}, " ")}}`)
	run := func(s *Script, env Env) string {
		t.Helper()
		ch, _, err := e.Action(context.Background(), s, env)
		if err != nil {
			t.Fatal(err)
		}
		return ch.Fields["out"].(string)
	}
	created := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	fields := map[string]any{"a": "x", "b": 1.0, "c": true}
	env := Env{
		Contact: Contact{ID: 1, Email: "a@b.c", Temperature: "hot", CreatedAt: created, Fields: fields},
		Params:  map[string]any{"key": "c", "p": 5.0},
	}
	steps := []struct {
		name   string
		change func()
		want   string
	}{
		{"first", func() {}, "string:x number:1 boolean:true number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		{"same input", func() {}, "string:x number:1 boolean:true number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		// The same map, changed in place: the map's identity says nothing.
		{"changed in place", func() { fields["a"] = "y"; fields["b"] = 2.0 },
			"string:y number:2 boolean:true number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		{"key gone", func() { delete(fields, "a") },
			"nil:nil number:2 boolean:true number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		{"key back", func() { fields["a"] = "z" },
			"string:z number:2 boolean:true number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		{"type changes", func() { fields["a"] = 3; fields["b"] = "2"; fields["c"] = false },
			"number:3 string:2 boolean:false number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		{"scalar becomes a map", func() { fields["a"] = map[string]any{"k": 1.0} },
			"table string:2 boolean:false number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		{"map becomes a scalar", func() { fields["a"] = int64(7) },
			"number:7 string:2 boolean:false number:5 string:hot number:1 number:1704153600 string:a@b.c"},
		{"dynamic key changes", func() { env.Params = map[string]any{"key": "a", "p": "five"} },
			"number:7 string:2 number:7 string:five string:hot number:1 number:1704153600 string:a@b.c"},
		{"contact scalars change", func() {
			env.Contact.Temperature, env.Contact.ID, env.Contact.CreatedAt, env.Contact.Email = "cold", 300, time.Time{}, ""
		}, "number:7 string:2 number:7 string:five string:cold number:300 nil:nil string:"},
		{"created_at back", func() { env.Contact.CreatedAt = created },
			"number:7 string:2 number:7 string:five string:cold number:300 number:1704153600 string:"},
		{"no fields, no params", func() { env.Contact.Fields, env.Params = nil, nil },
			"nil:nil nil:nil nil:nil nil:nil string:cold number:300 number:1704153600 string:"},
		{"fields again", func() { env.Contact.Fields = map[string]any{"a": "new", "b": 1.0} },
			"string:new number:1 nil:nil nil:nil string:cold number:300 number:1704153600 string:"},
	}
	for _, step := range steps {
		step.change()
		if got := run(show, env); got != step.want {
			t.Errorf("%s:\n got %s\nwant %s", step.name, got, step.want)
		}
	}

	// Another script on the same state reads other keys, and the first one
	// still sees its own right after.
	other := mustCompile(t, e, "other", `return {fields = {out = tostring(contact.fields.z) .. " " .. tostring(contact.fields.a)}}`)
	env.Contact.Fields = map[string]any{"a": "A", "z": "Z"}
	if got := run(other, env); got != "Z A" {
		t.Errorf("other script: got %q", got)
	}
	env.Contact.Fields = map[string]any{"a": "A2", "b": 9.0}
	if got := run(show, env); !strings.HasPrefix(got, "string:A2 number:9 nil:nil") {
		t.Errorf("back to the first script: got %q", got)
	}
	if got := run(other, env); got != "nil A2" {
		t.Errorf("other script again: got %q", got)
	}
	if st := e.Stats(); st.StatesCreated != 1 {
		t.Errorf("the test needs one state, got %d", st.StatesCreated)
	}
}

// TestLearnedViewsStayReadOnly checks that a learned key is still refused a
// write, and that pairs still lists the whole map.
func TestLearnedViewsStayReadOnly(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s := mustCompile(t, e, "write", `local v = contact.fields.plan
local n = 0 for _ in pairs(contact.fields) do n = n + 1 end
assert(n == 2, "pairs sees " .. n .. " keys")
contact.fields.plan = "free"
return true`)
	env := Env{Contact: Contact{Fields: map[string]any{"plan": "pro", "seats": 3.0}}}
	for i := 0; i < 3; i++ { // the first run learns plan, the next ones read it from the table
		_, _, err := e.Condition(context.Background(), s, env)
		if err == nil || !strings.Contains(err.Error(), "contact.fields is read-only") {
			t.Fatalf("run %d: got %v", i, err)
		}
	}
	ok := mustCompile(t, e, "read", `return contact.fields.plan == "pro" and contact.temperature == ""`)
	if got, _, err := e.Condition(context.Background(), ok, env); err != nil || !got {
		t.Fatalf("plan changed: %v %v", got, err)
	}
}

// TestLearnedKeysAreBounded reads more keys than a script may learn, and
// long strings, which are never kept.
func TestLearnedKeysAreBounded(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s := mustCompile(t, e, "many", `local n = 0
for i = 1, 100 do if contact.fields["k" .. i] == i then n = n + 1 end end
return n + #contact.fields.long`)
	long := strings.Repeat("x", 5000)
	for round := 0; round < 3; round++ {
		fields := map[string]any{"long": long + fmt.Sprint(round)}
		for i := 1; i <= 100; i++ {
			fields[fmt.Sprint("k", i)] = float64(i + round*(i%2)) // odd keys change from one round to the next
		}
		want := 100.0 + float64(len(long)+1)
		if round > 0 {
			want = 50 + float64(len(long)+1)
		}
		got, _, err := e.Score(context.Background(), s, Env{Contact: Contact{Fields: fields}})
		if err != nil || got != want {
			t.Fatalf("round %d: got %v, %v; want %v", round, got, err, want)
		}
	}
}

// TestTextHelpersRemember checks the one-string text helpers' memory of
// their last call against changing arguments.
func TestTextHelpersRemember(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout})
	s := mustCompile(t, e, "lower", `return {fields = {out = text.lower(contact.fields.t) .. "|" .. text.trim(contact.fields.t) .. "|" .. text.lower(nil)}}`)
	for _, c := range []struct{ in, want string }{
		{"Director", "director|Director|"},
		{"Director", "director|Director|"},
		{" VP ", " vp |VP|"},
		{"vp", "vp|vp|"},
		{"Director", "director|Director|"},
	} {
		ch, _, err := e.Action(context.Background(), s, Env{Contact: Contact{Fields: map[string]any{"t": c.in}}})
		if err != nil || ch.Fields["out"] != c.want {
			t.Errorf("%q: got %v, %v; want %q", c.in, ch.Fields["out"], err, c.want)
		}
	}
}
