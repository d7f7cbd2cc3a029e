package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"flightplan/engine/flow"
	"flightplan/engine/mail"
)

// TestGeneratedFileIsCurrent fails when frontend/src/api/types.gen.ts is not
// what the Go types give today.
func TestGeneratedFileIsCurrent(t *testing.T) {
	got, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", Out)
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s is stale: run make bindings (or go run ./build/tsgen) and review the diff", Out)
	}
}

// TestShapes checks the mapping on the flow format: optional keys, arrays,
// maps, pointers, named types.
func TestShapes(t *testing.T) {
	got, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"export interface FlowNode {\n  id: string;\n  type: string;\n  label?: string;\n  config?: Record<string, unknown>;\n  position?: Position;\n}",
		"  severity: Severity;\n",
		"export type Severity = 'error' | 'warning';",
		"  nodes: FlowNode[];\n",
		"  updated_at: string;\n",
		"  type: FieldType;\n",
		"  links_per_output: number;\n",
		"export const CATEGORIES: readonly Category[] = ['start', 'check', 'wait', 'do', 'finish'];",
		"  columns?: Block[][];\n",
		"  relay?: RelayProfile;\n",
		"  fail_reason?: string;\n",
		"  median: string;\n",                             // sim.Duration is a TextMarshaler
		"  switched_off: ScriptSwitchOff | null;\n",       // a shape listed in nulls
		"  Default: unknown;\n",                           // scripts.Param has no json tags
		"  groups?: Segment[];\n  updated_at?: string;\n", // omitzero
		"export type AuthMethod = '' | 'plain' | 'login';",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("generated file lacks %q", want)
		}
	}
	if strings.Contains(string(got), "exec") {
		t.Error("an unexported field was written")
	}
}

// TestMailSeverityIsTheFlowOne: the email check's severities are written as
// the flow check's Severity, which holds only while their words are the same.
func TestMailSeverityIsTheFlowOne(t *testing.T) {
	if string(mail.SeverityError) != string(flow.Error) || string(mail.SeverityWarning) != string(flow.Warning) {
		t.Fatalf("mail.Severity (%q, %q) differs from flow.Severity (%q, %q): give it its own union in gen.go", mail.SeverityError, mail.SeverityWarning, flow.Error, flow.Warning)
	}
}

// TestUnknownTypeIsRefused: a field type the generator cannot write stops
// it with the struct and field named, rather than writing `any`.
func TestUnknownTypeIsRefused(t *testing.T) {
	type odd struct {
		C chan int `json:"c"`
	}
	saved := shapes
	defer func() { shapes = saved }()
	shapes = append(shapes, shape{"Odd", reflect.TypeOf(odd{}), "test"})
	_, err := Generate()
	if err == nil || !strings.Contains(err.Error(), "Odd.C") {
		t.Fatalf("got %v, want an error naming Odd.C", err)
	}
}
