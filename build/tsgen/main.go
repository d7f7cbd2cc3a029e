// Command tsgen writes frontend/src/api/types.gen.ts: the TypeScript shapes
// of the Go structs the window sends and receives (the flow format, the node
// catalogue, issues, the flow list, and what the bound services of app/
// return or take: funnels, failures, references, emails, simulation,
// scripts, contacts, scoring), read from the Go types by reflection so that
// the frontend never copies them by hand. src/api/*.ts re-export them. `make bindings` runs it after
// Wails' own generation; its test fails when the file is stale.
//
//	go run ./build/tsgen            # rewrite the file
//	go run ./build/tsgen -check     # exit 1 when it is stale
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Out is the generated file, relative to the repository root.
const Out = "frontend/src/api/types.gen.ts"

func main() {
	check := flag.Bool("check", false, "fail when the file differs from what would be written, without writing")
	root := flag.String("root", ".", "the repository root")
	flag.Parse()
	got, err := Generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tsgen:", err)
		os.Exit(1)
	}
	path := filepath.Join(*root, Out)
	if *check {
		old, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(old, got) {
			fmt.Fprintf(os.Stderr, "tsgen: %s is stale: run make bindings (or go run ./build/tsgen)\n", path)
			os.Exit(1)
		}
		return
	}
	if err := os.WriteFile(path, got, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "tsgen:", err)
		os.Exit(1)
	}
}
