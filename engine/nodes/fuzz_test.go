package nodes

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"flightplan/engine/flow"
)

// FuzzValidate: the validator never panics on a flow that parses, whatever
// its nodes, fields, edges and links to other flows; it leaves the flow as
// it was, gives the same issues twice, and every issue is complete (a
// severity, a code and a message). Bytes that are not a flow file are read
// as a recipe for one (see flowFromBytes), so nearly every input reaches
// the validator rather than the JSON parser's errors.
func FuzzValidate(f *testing.F) {
	files, _ := filepath.Glob("../templates/flows/*.flow.json")
	more, _ := filepath.Glob("testdata/*.flow.json")
	if len(files) == 0 {
		f.Fatal("no seed flows in ../templates/flows")
	}
	for _, name := range append(files, more...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	reg := MustRegistry()
	linked := flow.New("linked", "Linked")
	linked.Nodes = []flow.Node{{ID: "from", Type: "trigger.from_flow"}, {ID: "end", Type: "exit"}}
	linked.Edges = []flow.Edge{{From: "from", To: "end"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := flow.Parse("fuzz.flow.json", data)
		if err != nil {
			fl = flowFromBytes(data, reg)
		}
		before, err := flow.Marshal(fl)
		if err != nil {
			t.Fatal(err)
		}
		others := map[string]*flow.Flow{"linked": linked, fl.ID: fl}
		issues := Validate(fl, reg, others)
		after, _ := flow.Marshal(fl)
		if !bytes.Equal(before, after) {
			t.Fatalf("validation changed the flow:\n%s\n---\n%s", before, after)
		}
		if again := Validate(fl, reg, others); !reflect.DeepEqual(issues, again) {
			t.Fatalf("two validations differ:\n%v\n---\n%v", issues, again)
		}
		for _, is := range issues {
			if (is.Severity != flow.Error && is.Severity != flow.Warning) || is.Code == "" || is.Message == "" {
				t.Fatalf("incomplete issue: %+v", is)
			}
		}
	})
}

// flowFromBytes builds a flow from arbitrary bytes: node types from the
// catalogue (and a few unknown ones), every field of each given a value of
// a right or wrong kind, edges between existing and missing nodes on real
// and made-up ports, duplicate ids, odd settings.
func flowFromBytes(data []byte, reg *Registry) *flow.Flow {
	pos := 0
	next := func() int {
		if pos >= len(data) {
			return 0
		}
		pos++
		return int(data[pos-1])
	}
	text := func() string {
		n := next() % 12
		if pos+n > len(data) {
			n = len(data) - pos
		}
		s := string(data[pos : pos+n])
		pos += n
		return s
	}
	specs := reg.Specs()
	f := flow.New("fuzz", "Fuzz")
	f.Settings.Reentry = []string{flow.ReentryOnce, flow.ReentryAlways, flow.ReentryPerPeriod, "", "weekly"}[next()%5]
	f.Settings.ReentryPeriod = []string{"", "30d", "0d", "-1h", "1y", text()}[next()%6]
	f.Settings.Timezone = []string{"", "Europe/Paris", "America/Montreal", "Mars/Olympus", text()}[next()%5]
	if next()%3 == 0 {
		f.Settings.ExitOn = []string{text(), "purchase"}
	}
	var ids []string
	for i, n := 0, next()%14; i < n; i++ {
		var typ string
		var spec *Spec
		if k := next(); k%16 == 15 {
			typ = text() // an unknown type
		} else {
			spec = specs[k%len(specs)]
			typ = spec.Type
		}
		id := fmt.Sprintf("n%d", i)
		if len(ids) > 0 && next()%8 == 0 {
			id = ids[next()%len(ids)] // a duplicate id
		}
		nd := flow.Node{ID: id, Type: typ, Config: map[string]any{}}
		if spec != nil {
			for _, fd := range spec.Fields {
				switch next() % 8 {
				case 0: // left out
				case 1:
					nd.Config[fd.Name] = float64(next()) - 100
				case 2:
					nd.Config[fd.Name] = next()%2 == 0
				case 3:
					nd.Config[fd.Name] = []any{text(), float64(next())}
				case 4:
					nd.Config[fd.Name] = map[string]any{text(): text(), "min_visits": float64(next())}
				case 5:
					if len(fd.Options) > 0 {
						nd.Config[fd.Name] = fd.Options[next()%len(fd.Options)].Value
						break
					}
					fallthrough
				case 6:
					if len(ids) > 0 {
						nd.Config[fd.Name] = ids[next()%len(ids)] // a node id, for node pickers
						break
					}
					fallthrough
				default:
					nd.Config[fd.Name] = text()
				}
			}
		}
		if next()%5 == 0 {
			nd.Config[text()] = text() // a key no field has
		}
		f.Nodes = append(f.Nodes, nd)
		ids = append(ids, id)
	}
	for i, n := 0, next()%20; i < n && len(ids) > 0; i++ {
		e := flow.Edge{From: ids[next()%len(ids)], To: ids[next()%len(ids)]}
		if k := next(); k%7 == 0 {
			e.To = text() // a missing node
		}
		if sp, ok := reg.Lookup(f.Node(e.From).Type); ok && len(sp.Ports) > 0 && next()%4 != 0 {
			e.Port = sp.Ports[next()%len(sp.Ports)].ID
		} else if next()%2 == 0 {
			e.Port = text()
		}
		f.Edges = append(f.Edges, e)
	}
	return f
}
