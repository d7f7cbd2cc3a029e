package flow_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"flightplan/engine/flow"
)

// addFlowSeeds seeds a fuzz target with the gallery's flow files.
func addFlowSeeds(f *testing.F) {
	files, _ := filepath.Glob("../templates/flows/*.flow.json")
	if len(files) == 0 {
		f.Fatal("no seed flows in ../templates/flows")
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzParse: any bytes either fail with a SyntaxError that points inside
// the file, or give a flow that writes out, reads back and writes out again
// to the same bytes (the canonical form is a fixed point).
func FuzzParse(f *testing.F) {
	addFlowSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := flow.Parse("fuzz.flow.json", data)
		if err != nil {
			var se *flow.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error without a position: %T %v", err, err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			if se.File != "fuzz.flow.json" || se.Line < 1 || se.Line > lines || se.Column < 1 || se.Msg == "" {
				t.Fatalf("error points outside the file (%d lines): %+v", lines, se)
			}
			return
		}
		out, err := flow.Marshal(fl)
		if err != nil {
			t.Fatalf("parsed, but cannot be written: %v", err)
		}
		again, err := flow.Parse("again.flow.json", out)
		if err != nil {
			t.Fatalf("the written form does not read back: %v\n%s", err, out)
		}
		out2, err := flow.Marshal(again)
		if err != nil {
			t.Fatalf("read back, but cannot be written again: %v", err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("writing is not stable:\n%s\n---\n%s", out, out2)
		}
	})
}
