package cli

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"flightplan/engine"
	"flightplan/engine/contacts"
	"flightplan/engine/words"
)

// contactChoices are the choices of `import contacts`, as the window's
// import dialog offers them.
type contactChoices struct {
	merge, list, dates string
	tags               multiFlag
	dryRun             bool
}

// policyOf reads --merge: overwrite is the engine's "update" policy.
func policyOf(merge string) (contacts.MergePolicy, error) {
	switch merge {
	case "fill":
		return contacts.PolicyFill, nil
	case "overwrite", "update":
		return contacts.PolicyUpdate, nil
	case "skip":
		return contacts.PolicySkip, nil
	}
	return "", fmt.Errorf("import contacts: --merge %q: use fill (complete empty fields), overwrite (replace with the file's values) or skip (leave known contacts alone)", merge)
}

// where is a row as a spreadsheet numbers it and the line it starts on,
// when they differ (a quoted value spanned lines above it).
func (c *ctx) where(row, line int) string {
	if row == line || row == 0 {
		return fmt.Sprintf(c.pick("row %d", "ligne %d"), line)
	}
	return fmt.Sprintf(c.pick("row %d (line %d)", "ligne %d (ligne %d du fichier)"), row, line)
}

// pick is the English or the French sentence, as --lang (or the locale) says.
func (c *ctx) pick(en, fr string) string {
	if c.language() == "fr" {
		return fr
	}
	return en
}

// said is an engine's note in the command line's language; its English
// reason when it has no text (a result written by an older engine).
func (c *ctx) said(t words.Text, reason string) string {
	if s := t.In(c.language()); s != "" {
		return s
	}
	return reason
}

func (c *ctx) conflictText(cs []contacts.Conflict) string {
	var parts []string
	for _, x := range cs {
		parts = append(parts, fmt.Sprintf(c.pick(importText.conflict, importText.conflictFr), x.Field, x.Kept, x.Dropped))
	}
	if len(parts) == 0 {
		return ""
	}
	sep := c.pick("; ", " ; ")
	return sep + strings.Join(parts, sep)
}

// importContacts reads CSV files; every rejected row is listed with its row
// and line and reason, and written next to the file as NAME.rejects.csv to
// fix and re-import (not on a dry run, which writes nothing). Rows of a
// contact seen twice say which values differed and which was kept. Exit 1
// when any row was rejected.
func importContacts(c *ctx, eng *engine.Engine, files []string, ch contactChoices) int {
	policy, err := policyOf(ch.merge)
	if err != nil {
		return c.fail("%v", err)
	}
	opts := contacts.ImportOptions{Policy: policy, List: ch.list, Tags: ch.tags, DateOrder: contacts.DateOrder(ch.dates), DryRun: ch.dryRun}
	switch opts.DateOrder {
	case contacts.DayFirst, contacts.MonthFirst, contacts.YearFirst:
	default:
		return c.fail("import contacts: --dates %q: use dmy (31/12/1990), mdy (12/31/1990) or ymd (1990-12-31)", ch.dates)
	}
	status := 0
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(c.stderr, "flightplan: %v\n", err)
			status = 1
			continue
		}
		opts.Now = eng.Clock.Now()
		res, err := eng.ImportCSV(c.ctxBG(), f, opts)
		f.Close()
		if err != nil {
			fmt.Fprintf(c.stderr, "flightplan: %s: %v\n", path, err)
			status = 1
			continue
		}
		if c.json {
			c.emit(map[string]any{"file": path, "result": res})
		} else {
			head := c.pick(importText.summary, importText.summaryFr)
			if res.DryRun {
				head = c.pick(importText.summaryDry, importText.summaryDryFr)
			}
			fmt.Fprintf(c.stdout, head, path, res.Rows, res.Created, res.Updated, res.Unchanged, res.Skipped, res.Merged, len(res.Rejects), res.EmptyLines)
			for _, r := range res.Rejects {
				fmt.Fprintf(c.stdout, "%s: %s: %s\n", path, c.where(r.Row, r.Line), c.said(r.Text, r.Reason))
			}
			var notes []contacts.RowNote
			notes = append(append(append(notes, res.Skips...), res.Merges...), res.Conflicts...)
			sort.SliceStable(notes, func(i, j int) bool { return notes[i].Line < notes[j].Line })
			for _, n := range notes {
				fmt.Fprintf(c.stdout, "%s: %s: %s: %s%s\n", path, c.where(n.Row, n.Line), n.Email, c.said(n.Text, n.Reason), c.conflictText(n.Conflicts))
			}
		}
		if len(res.Rejects) > 0 {
			status = 1
			if res.DryRun {
				continue
			}
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

var importText = struct {
	oldPropsName, summary, summaryDry, conflict string
	summaryFr, summaryDryFr, conflictFr         string
}{
	summaryFr:    "%s : %d lignes : %d créés, %d mis à jour, %d déjà à jour, %d laissés tels quels, %d doublons fusionnés, %d refusés (%d lignes vides)\n",
	summaryDryFr: "%s : essai, rien n’a été enregistré : %d lignes : %d seraient créés, %d mis à jour, %d déjà à jour, %d laissés tels quels, %d doublons fusionnés, %d refusés (%d lignes vides)\n",
	conflictFr:   "%s : « %s » gardé, « %s » écarté",
	summary:      "%s: %d rows: %d created, %d updated, %d unchanged, %d skipped, %d merged duplicates, %d rejected (%d empty lines)\n",
	summaryDry:   "%s: dry run, nothing written: %d rows: %d would be created, %d updated, %d unchanged, %d skipped, %d merged duplicates, %d rejected (%d empty lines)\n",
	conflict:     "%s: kept %q, not %q",
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
