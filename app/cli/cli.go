// Package cli is Flightplan's command line: the same engine as the window,
// with no display. Every subcommand accepts --workspace FILE and --json, and
// exits non-zero on any problem: 2 when the command line itself is wrong
// (unknown command, verb or flag; the usage is printed), 1 otherwise.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"flightplan/engine"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/words"
)

type command struct {
	// usage is the synopsis after "flightplan": the command, its verbs
	// and its own flags exactly as the parser takes them (a test holds
	// them to each other). help says what it does.
	usage, help string
	run         func(c *ctx, args []string) int
	// flags, when set, declares the command's own flags and returns the
	// function that runs it with their values.
	flags func(fs *flag.FlagSet) func(c *ctx, args []string) int
}

var commands map[string]command

func init() { commands = allCommands }

var allCommands = map[string]command{
	"validate":  {usage: "validate FILE...", help: "check flow files (with --workspace, every email, list, segment, script, field and funnel they name must exist there); exit 1 if any has an error", run: cmdValidate},
	"export":    {usage: "export flow ID [FILE] [--out FILE] | export workspace DIR [--contacts]", help: "write a flow as a .flow.json file (on stdout without a file); or the whole workspace as plain files in DIR, to keep in git (funnels, emails, scripts, segments, scoring, fields, lists, settings without secrets; contacts as CSV with --contacts)", flags: exportFlags},
	"import":    {usage: "import flow FILE... | import contacts FILE... [--merge fill|overwrite|skip] [--list NAME] [--tag TAG]... [--dates dmy|mdy|ymd] [--dry-run] | import events FILE... | import workspace DIR [--dry-run]", help: "add or replace flows from .flow.json files; contacts from CSV files (a known contact's empty fields are filled unless --merge says otherwise; --list and --tag apply to every row; --dry-run shows what would change and writes nothing); events from JSON Lines files; a workspace's plain files (export workspace), only what differs (--dry-run lists it)", flags: importFlags},
	"migrate":   {usage: "migrate FROM TO [--force]", help: "copy a workspace between a SQLite file and PostgreSQL (postgres://…), either way, with every contact, event, journey, journal row, email, script, setting and version; prints each table's rows on both sides; a target holding data is refused unless --force", flags: migrateFlags},
	"catalogue": {usage: "catalogue", help: "print the node catalogue as JSON", run: cmdCatalogue},
	"run":       {usage: "run [--http ADDR] [--capture ADDR] [--relay HOST:PORT] [--connections N] [--poll DURATION] [--lease DURATION] [--public-url URL] [--tls-cert FILE --tls-key FILE | --behind-proxy [--trusted-proxies LIST]]", help: "run the engine headless (scheduler, delivery, tracking, capture mailbox)", flags: runFlags},
	"token":     {usage: "token", help: "print the intake token of the event API (a secret: keep it out of logs)", run: cmdToken},
	"publish":   {usage: "publish FLOW", help: "publish a flow's draft as a new version", run: cmdPublish},
	"failures":  {usage: "failures [FLOW]", help: "what failed while running, by funnel and step, with the reason; exit 1 if anything did", run: cmdFailures},
	"retry":     {usage: "retry FLOW [NODE]", help: "queue a funnel's failed messages again and rerun its stopped journeys, against the published version", run: cmdRetry},
	"enroll":    {usage: "enroll FLOW", help: "put every contact into a published flow by hand", run: cmdEnroll},
	"settings":  {usage: "settings [get KEY | set KEY VALUE...]", help: "list the workspace settings with their values and defaults, read one, or change some (checked; secrets never printed)", run: cmdSettings},
	"contacts":  {usage: "contacts list [--list NAME] [--tag TAG] [--segment NAME] [--field NAME=VALUE]... | contacts show EMAIL|ID | contacts add EMAIL [--field NAME=VALUE]... [--list NAME]... [--tag TAG]... | contacts update EMAIL|ID [--field NAME=VALUE]... [--list NAME]... [--unlist NAME]... [--tag TAG]... [--untag TAG]... | contacts delete EMAIL|ID", help: "the contacts, filtered (fields compared as text), by email; one contact with its fields, lists, tags and history; add, change (fields checked, lists and tags joined or left, as the window's events) or delete one (with their history)", flags: contactsFlags},
	"gallery":   {usage: "gallery list | gallery use ID", help: "the gallery's ready-made funnels; make a draft from one, with its emails and lists, in the workspace's language", run: cmdGallery},
	"lists":     {usage: "lists list | lists add NAME... | lists rename OLD NEW | lists delete NAME", help: "the contact lists with their sizes; make, rename or delete one (its contacts stay)", run: cmdLists},
	"tags":      {usage: "tags list | tags add TAG EMAIL|ID... | tags rename OLD NEW | tags delete TAG", help: "the tags in use with how many contacts carry each; tag contacts, rename a tag or take it off everyone", run: cmdTags},
	"segments":  {usage: "segments list | segments show NAME|ID | segments add FILE [--name NAME] | segments update NAME|ID FILE [--name NAME] | segments delete NAME|ID", help: "the saved segments with their counts; one as JSON (the segment editor's rules); add or change one from such a file (checked: an error names its line and rule)", flags: segmentsFlags},
	"scoring":   {usage: "scoring list | scoring set NAME --event TYPE --points N [--where \"KEY OP VALUE\"]... [--off] | scoring delete NAME", help: "the lead-scoring rules; add or change one (points per event, with property tests), or delete one; scores are recomputed", flags: scoringFlags},
	"fields":    {usage: "fields list | fields add NAME --type TYPE [--label TEXT] [--option VALUE]... | fields delete NAME", help: "the custom contact fields with their types; add one, or delete one (its values stay, hidden)", flags: fieldsFlags},
	"scripts":   {usage: "scripts list | scripts show NAME | scripts import FILE... [--name NAME] [--kind KIND] | scripts export NAME [--out FILE] | scripts delete NAME", help: "the Lua scripts (the workspace's and the library's); print one; add or replace from .lua files (checked first: an error gives its line); write one to a file; delete one", flags: scriptsFlags},
	"journeys":  {usage: "journeys [--flow FLOW] [--contact EMAIL|ID]", help: "where each contact is in each funnel, and since when (waiting for what, until when)", flags: journeysFlags},
	"journal":   {usage: "journal [--flow FLOW] [--contact EMAIL|ID] [--since WHEN] [--until WHEN]", help: "the steps contacts took, in order (WHEN: YYYY-MM-DD or RFC 3339; --until excluded)", flags: journalFlags},
	"outbox":    {usage: "outbox [--flow FLOW] [--status STATUS]", help: "the emails, notifications and webhooks the funnels queued, with their state and attempts", flags: outboxFlags},
	"mailbox":   {usage: "mailbox list [--limit N] | mailbox show ID", help: "the messages the capture mailbox caught, newest first; or one message", flags: mailboxFlags},
	"stats":     {usage: "stats FLOW", help: "a funnel's numbers as the canvas shows them: per step and per way out", run: cmdStats},
	"emails":    {usage: "emails list | emails import FILE... [--id ID] [--name NAME] [--subject TEXT] | emails export ID [--out FILE]", help: "the workspace's emails; add or replace one from Liquid HTML or from its JSON (blocks or HTML, as export writes it)", flags: emailsFlags},
	"events":    {usage: "events send EMAIL|ID TYPE [--data JSON] [--props JSON] [--at WHEN]", help: "record an event for a contact, as the website would (--props: the old name of --data)", flags: eventsFlags},
	"simulate":  {usage: "simulate FLOW_FILE... [--audience N|FILE|preset:NAME] [--n N] [--days D] [--seed S] [--arrival DURATION] [--start DATE] [--entry FLOW,...] [--csv FILE] [--journeys N] [--cap-day N] [--cap-week N] [--quiet HH:MM-HH:MM] [--scripts DIR]", help: "fast-forward the funnels over synthetic contacts", flags: simulateFlags},
}

// DevServerFlags are the flags Wails' dev server passes to the window in a
// dev build (devserver_dev.go); a release build takes none.
var DevServerFlags []string

// Window reports whether args ask for the window rather than a command:
// no arguments, or only --workspace FILE (and, in a dev build, the flags
// Wails' dev server passes, named in extra). It returns the workspace the
// window opens ("" for the default). Anything else belongs to Main, which
// answers an unknown command or flag with the usage and status 2: a typo
// must never open a window (without a display, GTK panics).
func Window(args []string, extra ...string) (workspace string, window bool) {
	fs := flag.NewFlagSet("flightplan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&workspace, "workspace", "", "")
	for _, name := range extra {
		fs.String(name, "", "")
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return "", false
	}
	return workspace, true
}

type ctx struct {
	stdout, stderr io.Writer
	workspace      string
	json           bool
	// lang is --lang: the language of human output ("" for the locale's).
	lang string
	// getenv reads the environment (os.Getenv; a test's own).
	getenv func(string) string
}

// globalFlags declares the flags every command takes.
func (c *ctx) globalFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.workspace, "workspace", "", "workspace file, or a PostgreSQL workspace's postgres:// URL (default: "+engine.DefaultWorkspace()+")")
	fs.BoolVar(&c.json, "json", false, "machine-readable output")
	fs.StringVar(&c.lang, "lang", "", "language of the output: en or fr (default: the locale's, from LC_ALL, LC_MESSAGES or LANG)")
}

// language is the language human output is written in: --lang, else the
// locale (LC_ALL, then LC_MESSAGES, then LANG, as gettext reads them):
// French when it starts with "fr", English otherwise. --json output has
// no language: it carries codes.
func (c *ctx) language() string {
	if c.lang != "" {
		return words.Lang(c.lang)
	}
	get := c.getenv
	if get == nil {
		get = os.Getenv
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := get(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return "fr"
			}
			return "en"
		}
	}
	return "en"
}

// Main runs a subcommand and returns the exit status: 2 for a command or
// flag it does not know (after printing the usage), 1 for any other
// problem. The global flags may also come before the command.
func Main(args []string, stdout, stderr io.Writer) int {
	var lead []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && !isHelp(args[0]) {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		if (name == "workspace" || name == "lang") && !hasValue && len(args) > 1 {
			lead, args = append(lead, args[0], args[1]), args[2:]
		} else {
			lead, args = append(lead, args[0]), args[1:]
		}
	}
	if len(args) == 0 {
		fmt.Fprintf(stderr, "flightplan: %s: name a command\n", strings.Join(lead, " "))
		usage(stderr)
		return 2
	}
	name := args[0]
	if isHelp(name) {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "flightplan: unknown command %q\n", name)
		usage(stderr)
		return 2
	}
	c := &ctx{stdout: stdout, stderr: stderr}
	fs := newFlagSet(c, name, cmd)
	run := cmd.run
	if cmd.flags != nil {
		run = cmd.flags(fs)
	}
	rest, err := parseInterspersed(fs, append(lead, args[1:]...))
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	return run(c, rest)
}

func isHelp(arg string) bool {
	return arg == "help" || arg == "--help" || arg == "-h" || arg == "-help"
}

// newFlagSet is a command's flag set with the global flags; on a flag it
// does not know, it prints the error then the command's usage and flags.
func newFlagSet(c *ctx, name string, cmd command) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	c.globalFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "usage: flightplan %s [--workspace FILE] [--json]\n  %s\nFlags:\n", cmd.usage, cmd.help)
		fs.PrintDefaults()
	}
	return fs
}

// parseInterspersed lets flags come after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: flightplan [--workspace FILE]         open the window on the workspace")
	fmt.Fprintln(w, "       flightplan COMMAND [--workspace FILE] [--json] [--lang en|fr]")
	fmt.Fprintln(w, "       (--lang: the language of what is printed; default: the locale's, LC_ALL, LC_MESSAGES or LANG)")
	fmt.Fprintln(w, "Commands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %s\n      %s\n", commands[n].usage, commands[n].help)
	}
}

func (c *ctx) fail(format string, a ...any) int {
	fmt.Fprintf(c.stderr, "flightplan: "+format+"\n", a...)
	return 1
}

// usageErr answers arguments a command does not take (an unknown verb or
// kind, a missing or extra argument) as an unknown flag is answered: what
// is wrong, the command's usage, status 2.
func (c *ctx) usageErr(name, format string, a ...any) int {
	fmt.Fprintf(c.stderr, "flightplan: "+format+"\n", a...)
	fmt.Fprintf(c.stderr, "usage: flightplan %s\n", commands[name].usage)
	return 2
}

func (c *ctx) emit(v any) {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// open opens the workspace for a command that writes: it takes the
// workspace lock, so it is refused while the window or `flightplan run` has
// the workspace open.
//
// A workspace with no language yet takes the command line's (--lang, else
// the locale's): its steps' default texts (the alert's subject) are
// written in it, as in a workspace the window made.
func (c *ctx) open(command string) (*engine.Engine, error) {
	eng, err := engine.New(engine.Options{Workspace: c.workspace, Lock: "flightplan " + command, Keyring: true})
	if err != nil {
		return nil, err
	}
	if err := eng.AdoptLanguage(c.language()); err != nil {
		eng.Close()
		return nil, err
	}
	return eng, nil
}

// openToRead opens the workspace without its lock, for a command that only
// reads (SQLite's WAL lets it read beside a running engine).
func (c *ctx) openToRead() (*engine.Engine, error) {
	return engine.New(engine.Options{Workspace: c.workspace, Keyring: true})
}

type fileReport struct {
	File   string       `json:"file"`
	Error  string       `json:"error,omitempty"`
	Issues []flow.Issue `json:"issues"`
	flow   *flow.Flow
}

func cmdValidate(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.fail("validate: name at least one .flow.json file")
	}
	reg, err := nodes.RegisterAll()
	if err != nil {
		return c.fail("%v", err)
	}
	// With --workspace, every reference (emails, lists, segments, scripts,
	// fields, funnels, events) is checked against that workspace, as the
	// window and publish do; the files given replace the workspace's
	// flows of the same id.
	var eng *engine.Engine
	if c.workspace != "" {
		if eng, err = c.openToRead(); err != nil {
			return c.fail("%v", err)
		}
		defer eng.Close()
		reg = eng.Registry
	}
	var reports []fileReport
	flows := map[string]*flow.Flow{}
	for _, path := range args {
		data, err := os.ReadFile(path)
		if err != nil {
			reports = append(reports, fileReport{File: path, Error: err.Error()})
			continue
		}
		f, err := flow.Parse(path, data)
		if err != nil {
			reports = append(reports, fileReport{File: path, Error: err.Error()})
			continue
		}
		flows[f.ID] = f
		reports = append(reports, fileReport{File: path, flow: f})
	}
	status := 0
	for i := range reports {
		r := &reports[i]
		if r.Error != "" {
			status = 1
			continue
		}
		f := r.flow
		others := map[string]*flow.Flow{}
		for id, o := range flows {
			if id != f.ID {
				others[id] = o
			}
		}
		if eng != nil {
			ws, err := eng.Workspace(f.ID)
			if err != nil {
				return c.fail("%v", err)
			}
			for id, o := range others {
				ws.Flows[id] = o
			}
			r.Issues = nodes.ValidateIn(f, reg, ws)
		} else {
			if len(args) == 1 {
				others = nil // a lone file: links to other funnels cannot be checked
			}
			r.Issues = nodes.Validate(f, reg, others)
		}
		if flow.HasErrors(r.Issues) {
			status = 1
		}
	}
	if c.json {
		c.emit(reports)
		return status
	}
	for _, r := range reports {
		if r.Error != "" {
			fmt.Fprintf(c.stdout, "%s\n", r.Error)
			continue
		}
		if len(r.Issues) == 0 {
			fmt.Fprintf(c.stdout, "%s: ok\n", r.File)
		}
		for _, is := range r.Issues {
			fmt.Fprintf(c.stdout, "%s: %s\n", r.File, is)
		}
	}
	return status
}

func cmdCatalogue(c *ctx, args []string) int {
	reg, err := nodes.RegisterAll()
	if err != nil {
		return c.fail("%v", err)
	}
	c.emit(reg.Catalogue())
	return 0
}

func exportFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	out := fs.String("out", "", "flow: the file to write (default: stdout)")
	withContacts := fs.Bool("contacts", false, "workspace: also write the contacts, as contacts.csv")
	return func(c *ctx, args []string) int {
		if len(args) > 0 && args[0] == "workspace" {
			if len(args) != 2 || *out != "" {
				return c.usageErr("export", "export workspace: name one folder (--out is for a flow)")
			}
			return cmdExportWorkspace(c, args[1], *withContacts)
		}
		if *withContacts {
			return c.usageErr("export", "export: --contacts is for export workspace")
		}
		if *out != "" && len(args) == 2 {
			args = append(args, *out)
		}
		return cmdExport(c, args)
	}
}

func cmdExport(c *ctx, args []string) int {
	if len(args) < 2 || len(args) > 3 || args[0] != "flow" {
		return c.usageErr("export", "export: name what to export: export flow ID")
	}
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	f, _, err := eng.Store.Flow(args[1])
	if err != nil {
		return c.fail("%v", err)
	}
	body, err := flow.Marshal(f)
	if err != nil {
		return c.fail("%v", err)
	}
	if len(args) > 2 {
		if err := os.WriteFile(args[2], body, 0o644); err != nil {
			return c.fail("%v", err)
		}
		return 0
	}
	_, _ = c.stdout.Write(body)
	return 0
}

func importFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	var ch contactChoices
	fs.StringVar(&ch.merge, "merge", "fill", "contacts: what a known contact gets: fill (its empty fields), overwrite (the file's values win) or skip (nothing)")
	fs.StringVar(&ch.list, "list", "", "contacts: a list every imported contact joins (made if needed)")
	fs.Var(&ch.tags, "tag", "contacts: a tag every imported contact gets (repeat for several)")
	fs.StringVar(&ch.dates, "dates", "dmy", "contacts: how the file writes dates: dmy (31/12/1990), mdy (12/31/1990) or ymd (1990-12-31)")
	fs.BoolVar(&ch.dryRun, "dry-run", false, "contacts, workspace: check everything, say what would change, write nothing")
	return func(c *ctx, args []string) int {
		if len(args) > 0 && args[0] == "workspace" {
			if ch.merge != "fill" || ch.list != "" || len(ch.tags) > 0 || ch.dates != "dmy" {
				return c.usageErr("import", "import workspace: --merge, --list, --tag and --dates are for contacts")
			}
			if len(args) != 2 {
				return c.usageErr("import", "import workspace: name one folder, as export workspace wrote it")
			}
			return cmdImportWorkspace(c, args[1], ch.dryRun)
		}
		if len(args) > 0 && args[0] != "contacts" && (ch.merge != "fill" || ch.list != "" || len(ch.tags) > 0 || ch.dates != "dmy" || ch.dryRun) {
			return c.usageErr("import", "import %s: --merge, --list, --tag, --dates and --dry-run are for contacts (and --dry-run for a workspace)", args[0])
		}
		return cmdImport(c, args, ch)
	}
}

func cmdImport(c *ctx, args []string, ch contactChoices) int {
	if len(args) < 2 {
		return c.usageErr("import", "import: name a kind (flow, contacts, events) and at least one file")
	}
	switch args[0] {
	case "flow", "flows", "contacts", "events":
	default:
		return c.usageErr("import", "import: unknown kind %q (flow, contacts, events, workspace)", args[0])
	}
	eng, err := c.open("import")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	switch args[0] {
	case "flow", "flows":
		status := 0
		for _, path := range args[1:] {
			data, err := os.ReadFile(path)
			if err == nil {
				var f *flow.Flow
				if f, err = flow.Parse(path, data); err == nil {
					if err = flow.CheckID(f.ID); err != nil {
						err = fmt.Errorf("%s: %w", path, err)
					} else {
						err = eng.Store.SaveFlow(f, eng.Clock.Now())
					}
					if err == nil {
						fmt.Fprintf(c.stdout, "%s: imported flow %q\n", path, f.ID)
					}
				}
			}
			if err != nil {
				fmt.Fprintf(c.stderr, "flightplan: %v\n", err)
				status = 1
			}
		}
		return status
	case "contacts":
		return importContacts(c, eng, args[1:], ch)
	case "events":
		return importEvents(c, eng, args[1:])
	}
	return c.usageErr("import", "import: unknown kind %q (flow, contacts, events, workspace)", args[0])
}

func (c *ctx) ctxBG() context.Context { return context.Background() }
