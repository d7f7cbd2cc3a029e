package script

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"flightplan/scripts"
)

// The library's fixtures live next to the scripts, one scripts/<name>_test.json
// per script, so whoever edits a rule sees its cases.
const libraryDir = "../../scripts"

type fixtureFile struct {
	Now   string        `json:"now"`
	Cases []fixtureCase `json:"cases"`
}

type fixtureCase struct {
	Name         string          `json:"name"`
	Now          string          `json:"now"`
	Contact      fixtureContact  `json:"contact"`
	Event        *fixtureEvent   `json:"event"`
	Events       []fixtureEvent  `json:"events"`
	Params       map[string]any  `json:"params"`
	EnteredAtAgo string          `json:"entered_at_ago"`
	Want         json.RawMessage `json:"want"`
	WantError    string          `json:"want_error"`
	WantPrinted  []string        `json:"want_printed"`
}

type fixtureContact struct {
	Email       string         `json:"email"`
	Fields      map[string]any `json:"fields"`
	Tags        []string       `json:"tags"`
	Lists       []string       `json:"lists"`
	Score       float64        `json:"score"`
	Temperature string         `json:"temperature"`
	Stage       string         `json:"stage"`
	Timezone    string         `json:"timezone"`
}

type fixtureEvent struct {
	Type  string         `json:"type"`
	Ago   string         `json:"ago"` // "3d", "36h", "-2h" (in the future)
	Data  map[string]any `json:"data"`
	Props map[string]any `json:"props"` // the old name of data
}

func (e fixtureEvent) data() map[string]any {
	if e.Data != nil {
		return e.Data
	}
	return e.Props
}

// parseAgo reads a Go duration, or whole days written "Nd".
func parseAgo(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		return time.Duration(n) * 24 * time.Hour, err
	}
	return time.ParseDuration(s)
}

func (c fixtureCase) env(t *testing.T, fileNow string) Env {
	t.Helper()
	nowStr := c.Now
	if nowStr == "" {
		nowStr = fileNow
	}
	now, err := time.Parse(time.RFC3339, nowStr)
	if err != nil {
		t.Fatalf("now: %v", err)
	}
	at := func(ago string) time.Time {
		d, err := parseAgo(ago)
		if err != nil {
			t.Fatalf("ago %q: %v", ago, err)
		}
		return now.Add(-d)
	}
	env := Env{
		Contact: Contact{
			ID: 1, Email: c.Contact.Email, Fields: c.Contact.Fields, Tags: c.Contact.Tags, Lists: c.Contact.Lists,
			Score: c.Contact.Score, Temperature: c.Contact.Temperature, Stage: c.Contact.Stage, Timezone: c.Contact.Timezone,
			CreatedAt: now.Add(-100 * 24 * time.Hour),
		},
		Now: now, Params: c.Params, Flow: "library-test", Node: "n1",
	}
	var history SliceEvents
	for _, e := range c.Events {
		history = append(history, Event{Type: e.Type, Time: at(e.Ago), Props: e.data()})
	}
	env.Events = history
	if c.Event != nil {
		env.Event = &Event{Type: c.Event.Type, Time: at(c.Event.Ago), Props: c.Event.data()}
	}
	if c.EnteredAtAgo != "" {
		env.EnteredAt = at(c.EnteredAtAgo)
	}
	return env
}

// outcome runs a script by its kind and renders the result (or the error
// kind) as a comparable string.
func outcome(e *Engine, s *Script, kind string, env Env) (result any, scriptErr *Error, printed []string, err error) {
	ctx := context.Background()
	var out Output
	switch kind {
	case "condition":
		result, out, err = e.Condition(ctx, s, env)
	case "score":
		result, out, err = e.Score(ctx, s, env)
	case "action":
		result, out, err = e.Action(ctx, s, env)
	default:
		return nil, nil, nil, fmt.Errorf("unknown kind %q", kind)
	}
	if err != nil {
		se, ok := AsError(err)
		if !ok {
			return nil, nil, out.Printed, err
		}
		return nil, se, out.Printed, nil
	}
	return result, nil, out.Printed, nil
}

func wantChanges(raw json.RawMessage) (Changes, error) {
	var w struct {
		Fields      map[string]any `json:"fields"`
		TagsAdd     []string       `json:"tags_add"`
		TagsRemove  []string       `json:"tags_remove"`
		ListsAdd    []string       `json:"lists_add"`
		ListsRemove []string       `json:"lists_remove"`
		Score       float64        `json:"score"`
		Stage       string         `json:"stage"`
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Changes{}, err
	}
	return Changes{Fields: w.Fields, AddTags: w.TagsAdd, RemoveTags: w.TagsRemove, AddLists: w.ListsAdd,
		RemoveLists: w.ListsRemove, ScoreDelta: w.Score, Stage: w.Stage}, nil
}

// sameChanges compares changes, treating nil and empty alike.
func sameChanges(a, b Changes) bool {
	norm := func(c Changes) Changes {
		if len(c.Fields) == 0 {
			c.Fields = nil
		}
		for _, p := range []*[]string{&c.AddTags, &c.RemoveTags, &c.AddLists, &c.RemoveLists} {
			if len(*p) == 0 {
				*p = nil
			}
		}
		return c
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func checkWant(kind string, raw json.RawMessage, got any) error {
	switch kind {
	case "condition":
		var want bool
		if err := json.Unmarshal(raw, &want); err != nil {
			return fmt.Errorf("want must be true or false: %v", err)
		}
		if got != want {
			return fmt.Errorf("got %v, want %v", got, want)
		}
	case "score":
		var want float64
		if err := json.Unmarshal(raw, &want); err != nil {
			return fmt.Errorf("want must be a number: %v", err)
		}
		if g := got.(float64); math.Abs(g-want) > 1e-9 {
			return fmt.Errorf("got %v, want %v", g, want)
		}
	case "action":
		want, err := wantChanges(raw)
		if err != nil {
			return fmt.Errorf("want must be changes: %v", err)
		}
		if g := got.(Changes); !sameChanges(g, want) {
			return fmt.Errorf("got %+v, want %+v", g, want)
		}
	}
	return nil
}

// TestLibrary runs every shipped script against its fixtures. It also holds
// the library to its own rules: a fixture per script with at least two
// cases and two different outcomes (so the cases can tell a broken script
// from a working one), header defaults that agree with the defaults written
// in the code, and no lint findings.
func TestLibrary(t *testing.T) {
	lib, err := scripts.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(lib) < 10 {
		t.Fatalf("the library has %d scripts, want at least 10", len(lib))
	}
	e := New(Options{Timeout: testTimeout}) // generous: CI machines stall
	known := map[string]bool{}
	for _, ls := range lib {
		known[ls.Name] = true
		t.Run(ls.Name, func(t *testing.T) {
			if diags := e.Check(ls.Name, ls.Source); len(diags) > 0 {
				t.Errorf("lint: %v", diags)
			}
			s, err := e.Compile(ls.Name, ls.Source)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(libraryDir, ls.Name+"_test.json"))
			if err != nil {
				t.Fatalf("every library script needs fixtures: %v", err)
			}
			var ff fixtureFile
			dec := json.NewDecoder(strings.NewReader(string(b)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&ff); err != nil {
				t.Fatalf("%s_test.json: %v", ls.Name, err)
			}
			if len(ff.Cases) < 2 {
				t.Fatalf("%d cases, want at least 2", len(ff.Cases))
			}
			outcomes := map[string]bool{}
			for _, c := range ff.Cases {
				env := c.env(t, ff.Now)
				got, serr, printed, err := outcome(e, s, ls.Kind, env)
				if err != nil {
					t.Fatalf("%s: %v", c.Name, err)
				}
				errKind := ""
				if serr != nil {
					errKind = serr.Kind
				}
				switch {
				case c.WantError != "":
					if errKind != c.WantError {
						t.Errorf("%s: got result %v (error %v), want an error of kind %q", c.Name, got, serr, c.WantError)
					}
					outcomes["error:"+c.WantError] = true
				case serr != nil:
					t.Errorf("%s: unexpected error: %v (printed %q)", c.Name, serr, printed)
				default:
					if err := checkWant(ls.Kind, c.Want, got); err != nil {
						t.Errorf("%s: %v", c.Name, err)
					}
					outcomes[string(c.Want)] = true
				}
				if c.WantPrinted != nil && !reflect.DeepEqual(printed, c.WantPrinted) {
					t.Errorf("%s: printed %q, want %q", c.Name, printed, c.WantPrinted)
				}
				// A node that never set a param gets the header's defaults:
				// they must mean the same as the defaults in the code.
				if c.Params == nil {
					env.Params = ls.Defaults()
					got2, serr2, _, err := outcome(e, s, ls.Kind, env)
					errKind2 := ""
					if serr2 != nil {
						errKind2 = serr2.Kind
					}
					if err != nil || errKind2 != errKind || fmt.Sprint(got2) != fmt.Sprint(got) {
						t.Errorf("%s: with the header's defaults as params got %v (%q), without params %v (%q): header and code disagree",
							c.Name, got2, errKind2, got, errKind)
					}
				}
			}
			if len(outcomes) < 2 {
				t.Errorf("all cases expect the same outcome; add a case that expects another")
			}
		})
	}
	// And no orphan fixtures.
	files, _ := filepath.Glob(filepath.Join(libraryDir, "*_test.json"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), "_test.json")
		if !known[name] {
			t.Errorf("%s has no script %s.lua", f, name)
		}
	}
}
