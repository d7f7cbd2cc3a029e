package cli

import (
	"fmt"
	"os"
	"strings"

	"flightplan/engine"
	"flightplan/engine/contacts"
)

// importContacts reads CSV files; every rejected row is listed with its line
// and reason, and written next to the file as NAME.rejects.csv to fix and
// re-import. Exit 1 when any row was rejected.
func importContacts(c *ctx, eng *engine.Engine, files []string) int {
	status := 0
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(c.stderr, "flightplan: %v\n", err)
			status = 1
			continue
		}
		res, err := contacts.Import(c.ctxBG(), eng.Store, f, contacts.ImportOptions{Policy: contacts.PolicyFill})
		f.Close()
		if err != nil {
			fmt.Fprintf(c.stderr, "flightplan: %s: %v\n", path, err)
			status = 1
			continue
		}
		if c.json {
			c.emit(map[string]any{"file": path, "result": res})
		} else {
			fmt.Fprintf(c.stdout, "%s: %d rows: %d created, %d updated, %d unchanged, %d skipped, %d merged duplicates, %d rejected (%d empty lines)\n",
				path, res.Rows, res.Created, res.Updated, res.Unchanged, res.Skipped, res.Merged, len(res.Rejects), res.EmptyLines)
			for _, r := range res.Rejects {
				fmt.Fprintf(c.stdout, "%s:%d: %s\n", path, r.Line, r.Reason)
			}
		}
		if len(res.Rejects) > 0 {
			status = 1
			out := strings.TrimSuffix(path, ".csv") + ".rejects.csv"
			if w, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err == nil {
				contacts.WriteRejects(w, res)
				w.Close()
				fmt.Fprintf(c.stderr, "flightplan: rejected rows written to %s\n", out)
			}
		}
	}
	return status
}

var importText = struct{ oldPropsName string }{
	oldPropsName: "flightplan: %s: %d lines name the properties \"props\", the old name of \"data\" (as POST /events calls them): rename the key to \"data\"\n",
}

// importEvents reads JSON Lines files of events.
func importEvents(c *ctx, eng *engine.Engine, files []string) int {
	status := 0
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(c.stderr, "flightplan: %v\n", err)
			status = 1
			continue
		}
		res, err := contacts.ImportEvents(c.ctxBG(), eng.Store, f, eng.Clock.Now())
		f.Close()
		if err != nil {
			fmt.Fprintf(c.stderr, "flightplan: %s: %v\n", path, err)
			status = 1
			continue
		}
		if c.json {
			c.emit(map[string]any{"file": path, "result": res})
		} else {
			fmt.Fprintf(c.stdout, "%s: %d lines: %d imported, %d failed (%d empty lines)\n", path, res.Lines, res.Imported, len(res.Errors), res.EmptyLines)
			for _, e := range res.Errors {
				if e.Column > 0 {
					fmt.Fprintf(c.stdout, "%s:%d:%d: %s\n", path, e.Line, e.Column, e.Reason)
				} else {
					fmt.Fprintf(c.stdout, "%s:%d: %s\n", path, e.Line, e.Reason)
				}
			}
		}
		if res.OldPropsName > 0 {
			fmt.Fprintf(c.stderr, importText.oldPropsName, path, res.OldPropsName)
		}
		if len(res.Errors) > 0 {
			status = 1
		}
	}
	return status
}
