package flow

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRoundTripIsUnchanged(t *testing.T) {
	files, _ := filepath.Glob("../templates/flows/*.flow.json")
	if len(files) == 0 {
		t.Fatal("no flow files found")
	}
	for _, path := range files {
		data, _ := os.ReadFile(path)
		f, err := Parse(path, data)
		if err != nil {
			t.Fatal(err)
		}
		once, _ := Marshal(f)
		g, err := Parse(path, once)
		if err != nil {
			t.Fatal(err)
		}
		twice, _ := Marshal(g)
		if !bytes.Equal(once, twice) {
			t.Errorf("%s: export → import → export changed the file", path)
		}
		if !bytes.Equal(bytes.TrimSpace(once), bytes.TrimSpace(data)) {
			t.Errorf("%s: the canonical form differs from the file on disk", path)
		}
	}
}

func TestParseErrorsSayWhere(t *testing.T) {
	cases := []struct{ src, want string }{
		{"{\n  \"format\": \"flightplan.flow/v1\",\n  \"id\": \"x\",\n  \"nodes\": [ {\"id\": \"a\",, } ]\n}", "f.json:4:"},
		{"{\"format\": \"flightplan.flow/v1\", \"id\": 42}", "f.json:1:"},
		{"{\"format\": \"flightplan.flow/v1\", \"id\": \"x\",\n \"nodez\": []}", `f.json:2:2: unknown key "nodez"`},
		{"{\"format\": \"flightplan.flow/v9\"}", "not supported"},
		{"{\"id\": \"x\"}", "missing \"format\""},
		{"{\"format\": \"flightplan.flow/v1\", \"id\": \"x\"", "ends before"},
	}
	for _, tc := range cases {
		_, err := Parse("f.json", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to contain %q", tc.src, err, tc.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"2d": 48 * time.Hour, "4h": 4 * time.Hour, "1w": 168 * time.Hour, "1d 12h": 36 * time.Hour, "90m": 90 * time.Minute, "2 days": 48 * time.Hour} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "soon", "2", "3x", "-2d"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A score check written before temperature and stage had their own fields
// reads with the wanted value in its field; a score keeps "value".
func TestParseUpgradesScoreCheck(t *testing.T) {
	f, err := Parse("old", []byte(`{"format":"flightplan.flow/v1","id":"x","nodes":[
		{"id":"a","type":"condition.score","config":{"metric":"temperature","operator":"gte","value":"hot"}},
		{"id":"b","type":"condition.score","config":{"metric":"stage","operator":"equals","value":"customer"}},
		{"id":"c","type":"condition.score","config":{"metric":"score","operator":"gte","value":"50"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if a := f.Node("a").Config; a["temperature"] != "hot" || a["value"] != nil {
		t.Errorf("temperature: %v", a)
	}
	if b := f.Node("b").Config; b["stage"] != "customer" || b["value"] != nil {
		t.Errorf("stage: %v", b)
	}
	if c := f.Node("c").Config; c["value"] != "50" {
		t.Errorf("score: %v", c)
	}
}

// Frames and the direction go through export → import unchanged, and a
// frame that names a step the flow lacks is refused at its place.
func TestFramesRoundTripAndErrors(t *testing.T) {
	src := `{
  "format": "flightplan.flow/v1",
  "id": "x",
  "name": "X",
  "settings": {"reentry": "once"},
  "nodes": [{"id": "a", "type": "trigger.manual"}, {"id": "b", "type": "wait.delay"}, {"id": "c", "type": "wait.delay"}],
  "edges": [{"from": "a", "to": "b"}, {"from": "b", "to": "c"}],
  "frames": [{"id": "f1", "title": "Lesson 1–5", "nodes": ["b", "c"], "collapsed": true}],
  "direction": "right"
}`
	f, err := Parse("x.flow.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Frames) != 1 || f.Frames[0].Title != "Lesson 1–5" || !f.Frames[0].Collapsed || len(f.Frames[0].Nodes) != 2 || f.Direction != DirectionRight {
		t.Fatalf("parsed %+v direction %q", f.Frames, f.Direction)
	}
	once, _ := Marshal(f)
	g, err := Parse("x.flow.json", once)
	if err != nil {
		t.Fatal(err)
	}
	twice, _ := Marshal(g)
	if !bytes.Equal(once, twice) || !bytes.Contains(once, []byte(`"collapsed": true`)) || !bytes.Contains(once, []byte(`"direction": "right"`)) {
		t.Errorf("frames or direction changed through a round trip:\n%s\n%s", once, twice)
	}
	// "down" is the default and is written as nothing.
	down, _ := Marshal(&Flow{ID: "y", Direction: DirectionDown})
	if bytes.Contains(down, []byte("direction")) {
		t.Errorf("a top-down flow writes its direction: %s", down)
	}

	cases := []struct{ from, to, want string }{
		{`"nodes": ["b", "c"]`, `"nodes": ["b", "zz"]`, `x.flow.json:8:67: frame "f1": there is no step "zz" in this flow`},
		{`"direction": "right"`, `"direction": "up"`, `x.flow.json:9:3: direction "up": expected "down" or "right"`},
		{`"collapsed": true}]`, `"collapsed": true}, {"id": "f1", "title": "again", "nodes": []}]`, `frame "f1": the id is used by another frame`},
		{`"collapsed": true}]`, `"collapsed": true}, {"id": "f2", "title": "again", "nodes": ["c"]}]`, `x.flow.json:8:134: frame "f2": step "c" is already in frame "f1"`},
		{`{"id": "f1", `, `{"id": "", `, `frames[0]: a frame needs an id`},
	}
	for _, tc := range cases {
		bad := strings.Replace(src, tc.from, tc.to, 1)
		_, err := Parse("x.flow.json", []byte(bad))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.to, err, tc.want)
		}
	}
}

// A draft saved with a frame naming a deleted step (or holding a step
// another frame holds) is written without it, so it always reads back.
func TestMarshalKeepsFramesReadable(t *testing.T) {
	f := New("x", "X")
	f.Nodes = []Node{{ID: "a", Type: "trigger.manual"}, {ID: "b", Type: "wait.delay"}}
	f.Frames = []Frame{{ID: "f1", Title: "One", Nodes: []string{"a", "gone"}}, {ID: "f2", Title: "Two", Nodes: []string{"a", "b"}}, {ID: "f3", Title: "Empty", Nodes: []string{"gone"}}}
	data, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse("x", data)
	if err != nil {
		t.Fatalf("the saved draft does not read back: %v\n%s", err, data)
	}
	if len(g.Frames) != 2 || len(g.Frames[0].Nodes) != 1 || len(g.Frames[1].Nodes) != 1 || g.Frames[1].Nodes[0] != "b" {
		t.Errorf("frames kept: %+v", g.Frames)
	}
}
