package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/sim"
)

// simulateFlags declares `flightplan simulate FLOW_FILE... --audience
// N|PERSONAS.json|preset:NAME --days D --seed S [--json]`: the funnels run
// together over synthetic contacts, in memory, and the counts are printed.
// The same files, audience and seed print the same output.
func simulateFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	o := &simOptions{}
	fs.StringVar(&o.audience, "audience", "1000", "N contacts of the "+sim.DefaultPreset+" audience, a personas JSON file, or preset:NAME ("+strings.Join(sim.PresetNames(), ", ")+")")
	fs.IntVar(&o.n, "n", 0, "number of contacts with a personas file or a preset (default 1000)")
	fs.IntVar(&o.days, "days", 30, "how many days to simulate")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed: the same inputs and seed give the same output")
	fs.StringVar(&o.arrival, "arrival", "0", "spread arrivals uniformly over this long (e.g. 7d); 0: everyone arrives on day 0")
	fs.StringVar(&o.start, "start", "", "when the period starts (YYYY-MM-DD or RFC 3339; default 2026-01-05 09:00 UTC)")
	fs.StringVar(&o.entry, "entry", "", "comma-separated flow ids whose triggers the contacts go through on arrival (default: every flow)")
	fs.StringVar(&o.csv, "csv", "", "also write one row per node and per edge to this CSV file")
	fs.IntVar(&o.journeys, "journeys", 0, "with --json, include the step-by-step paths of the first N contacts")
	fs.IntVar(&o.capDay, "cap-day", 0, "at most this many marketing emails per contact per day (0: no cap)")
	fs.IntVar(&o.capWeek, "cap-week", 0, "at most this many marketing emails per contact per week (0: no cap)")
	fs.StringVar(&o.quiet, "quiet", "", "quiet hours in the contact's timezone, e.g. 21:00-08:00")
	fs.StringVar(&o.scripts, "scripts", "", "directory of .lua scripts (named by file) used on top of the shipped library")
	return func(c *ctx, args []string) int { return cmdSimulate(c, o, args) }
}

type simOptions struct {
	audience, arrival, start, entry, csv, quiet, scripts string
	n, days, journeys, capDay, capWeek                   int
	seed                                                 uint64
}

func cmdSimulate(c *ctx, o *simOptions, args []string) int {
	if len(args) == 0 {
		return c.fail("simulate: name at least one .flow.json file")
	}
	reg, err := nodes.RegisterAll()
	if err != nil {
		return c.fail("%v", err)
	}
	var flows []*flow.Flow
	byID := map[string]*flow.Flow{}
	var reports []fileReport
	fileFlow := make([]*flow.Flow, len(args)) // nil when the file did not parse
	status := 0
	for _, path := range args {
		data, err := os.ReadFile(path)
		var f *flow.Flow
		if err == nil {
			f, err = flow.Parse(path, data)
		}
		if err == nil && byID[f.ID] != nil {
			err = fmt.Errorf("%s: flow %q is given twice", path, f.ID)
		}
		if err != nil {
			reports = append(reports, fileReport{File: path, Error: err.Error(), Issues: []flow.Issue{}})
			status = 1
			continue
		}
		flows = append(flows, f)
		byID[f.ID] = f
		fileFlow[len(reports)] = f
		reports = append(reports, fileReport{File: path})
	}
	// Every file is checked with the others, as they run together: a
	// go-to-flow step must name one of them.
	for i := range reports {
		r := &reports[i]
		f := fileFlow[i]
		if f == nil {
			continue
		}
		others := map[string]*flow.Flow{}
		for id, g := range byID {
			if id != f.ID {
				others[id] = g
			}
		}
		r.Issues = nodes.Validate(f, reg, others)
		if flow.HasErrors(r.Issues) {
			status = 1
		}
	}
	if status != 0 {
		if c.json {
			c.emit(reports)
		}
		for _, r := range reports {
			if r.Error != "" {
				fmt.Fprintf(c.stderr, "%s\n", r.Error)
			}
			for _, is := range r.Issues {
				if is.Severity == flow.Error {
					fmt.Fprintf(c.stderr, "%s: %s\n", r.File, is)
				}
			}
		}
		return c.fail("simulate: the flows have errors: nothing was simulated")
	}

	cfg := sim.Config{Flows: flows, Registry: reg, Days: o.days, Seed: o.seed, Journal: o.journeys > 0 && c.json, JournalLimit: o.journeys,
		Rules: sim.Rules{CapPerDay: o.capDay, CapPerWeek: o.capWeek}}
	if err := o.audienceInto(&cfg); err != nil {
		return c.fail("simulate: --audience: %v", err)
	}
	if o.arrival != "0" && o.arrival != "" {
		d, err := flow.ParseDuration(o.arrival)
		if err != nil {
			return c.fail("simulate: --arrival: %v", err)
		}
		cfg.ArrivalWindow = d
	}
	if o.start != "" {
		t, err := nodes.ParseDate(o.start)
		if err != nil {
			return c.fail("simulate: --start: %v", err)
		}
		cfg.Start = t
	}
	if o.entry != "" {
		for _, id := range strings.Split(o.entry, ",") {
			cfg.EntryFlows = append(cfg.EntryFlows, strings.TrimSpace(id))
		}
	}
	if o.quiet != "" {
		from, to, ok := strings.Cut(o.quiet, "-")
		if !ok {
			return c.fail("simulate: --quiet: expected FROM-TO, e.g. 21:00-08:00")
		}
		cfg.Rules.QuietFrom, cfg.Rules.QuietTo = strings.TrimSpace(from), strings.TrimSpace(to)
	}
	sources := map[string]string{}
	if o.scripts != "" {
		paths, err := filepath.Glob(filepath.Join(o.scripts, "*.lua"))
		if err != nil {
			return c.fail("simulate: --scripts: %v", err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				return c.fail("simulate: %v", err)
			}
			sources[strings.TrimSuffix(filepath.Base(p), ".lua")] = string(data)
		}
	}
	cfg.Scripts = sim.NewLua(nil, sources)

	// A simulation allocates fast and keeps little: fewer, larger garbage
	// collections cost a fifth less time. The process ends with the command.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := sim.Run(ctx, cfg)
	if err != nil {
		return c.fail("simulate: %v", err)
	}
	if o.csv != "" {
		fh, err := os.Create(o.csv)
		if err != nil {
			return c.fail("simulate: --csv: %v", err)
		}
		if err := sim.WriteCSV(fh, res); err != nil {
			fh.Close()
			return c.fail("simulate: --csv: %v", err)
		}
		if err := fh.Close(); err != nil {
			return c.fail("simulate: --csv: %v", err)
		}
	}
	if c.json {
		c.emit(res)
		return 0
	}
	printSimulation(c.stdout, res)
	return 0
}

func (o *simOptions) audienceInto(cfg *sim.Config) error {
	cfg.N = o.n
	a := strings.TrimSpace(o.audience)
	switch {
	case a == "":
		a = "1000"
		fallthrough
	case isDigits(a):
		n, err := strconv.Atoi(a)
		if err != nil || n <= 0 {
			return fmt.Errorf("%q is not a number of contacts", a)
		}
		if cfg.N == 0 {
			cfg.N = n
		}
		aud, err := sim.Preset(sim.DefaultPreset)
		cfg.Audience = aud
		return err
	case strings.HasPrefix(a, "preset:"):
		aud, err := sim.Preset(strings.TrimPrefix(a, "preset:"))
		cfg.Audience = aud
		if cfg.N == 0 {
			cfg.N = 1000
		}
		return err
	}
	data, err := os.ReadFile(a)
	if err != nil {
		return err
	}
	aud, err := sim.ParseAudience(data)
	if err != nil {
		return fmt.Errorf("%s: %w", a, err)
	}
	if aud.Name == "" {
		aud.Name = strings.TrimSuffix(filepath.Base(a), filepath.Ext(a))
	}
	cfg.Audience = aud
	if cfg.N == 0 {
		cfg.N = 1000
	}
	return nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func pct(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) + "%" }

func share(a, b int) string {
	if b == 0 {
		return "-"
	}
	return pct(100 * float64(a) / float64(b))
}

// printSimulation writes the result as tables a consultant can read.
func printSimulation(w io.Writer, r *sim.Result) {
	t := r.Totals
	fmt.Fprintf(w, "Simulation of %d contacts (%s) over %d days from %s, seed %d\n", r.Contacts, r.Audience, r.Days, r.Start.Format("2006-01-02 15:04 MST"), r.Seed)
	fmt.Fprintf(w, "  %d journeys, %d emails sent, %d opens, %d clicks, %d unsubscribes, %d bounces, %d purchases (revenue %.2f), %d errors\n",
		t.Enrollments, t.EmailsSent, t.Opens, t.Clicks, t.Unsubscribes, t.Bounces, t.Purchases, t.Revenue, t.Errors)
	for _, f := range r.Flows {
		fmt.Fprintf(w, "\nFlow %s — %s\n", f.ID, f.Name)
		fmt.Fprintf(w, "  %d journeys (%d contacts): %d waiting, %d done, %d exited, %d errors; %d reached a goal (%s)\n",
			f.Enrolled, f.Contacts, f.Waiting, f.Done, f.Exited, f.Errors, f.Converted, pct(100*f.Conversion))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  NODE\tTYPE\tENTERED\tWAITING\tSKIPPED\tERRORS\tEXITED\tTO GOAL\t")
		for _, n := range f.Nodes {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", n.ID, n.Type, n.Entered, n.Waiting, n.Skipped, n.Errors, n.Exited, n.Jumped)
		}
		tw.Flush()
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  EDGE\t\tCOUNT\tSHARE\t")
		for _, e := range f.Edges {
			to := e.To
			if to == "" {
				to = "(end)"
			}
			fmt.Fprintf(tw, "  %s:%s\t→ %s\t%d\t%s\t\n", e.From, e.Port, to, e.Count, pct(e.Percent))
		}
		tw.Flush()
		if len(f.Goals) > 0 {
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  GOAL\tREACHED\tRATE\tMEDIAN TIME\t")
			for _, g := range f.Goals {
				med := "-"
				if g.Reached > 0 {
					med = sim.D(time.Duration(g.Median).Round(time.Minute)).String()
				}
				fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t\n", g.Node, g.Reached, pct(100*g.Rate), med)
			}
			tw.Flush()
		}
		if len(f.DropOffs) > 0 {
			var parts []string
			for i, d := range f.DropOffs {
				if i == 5 {
					parts = append(parts, "…")
					break
				}
				parts = append(parts, fmt.Sprintf("%s %s %d (%s)", d.Node, d.Status, d.Count, pct(d.Percent)))
			}
			fmt.Fprintf(w, "  Drop-offs: %s\n", strings.Join(parts, ", "))
		}
	}
	if len(r.Emails) > 0 {
		fmt.Fprintln(w, "\nEmails")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  STEP\tTEMPLATE\tQUEUED\tSKIPPED\tSENT\tOPENED\tCLICKED\tUNSUB\tBOUNCED\tPURCHASES\t")
		for _, e := range r.Emails {
			fmt.Fprintf(tw, "  %s/%s\t%s\t%d\t%d\t%d\t%s\t%s\t%d\t%d\t%d\t\n", e.Flow, e.Node, e.Template, e.Queued, e.Skipped, e.Sent,
				share(e.Opened, e.Sent), share(e.Clicked, e.Sent), e.Unsubscribed, e.Bounced, e.Purchases)
		}
		tw.Flush()
	}
	var hist []string
	for n, k := range r.EmailsPerContact {
		if k > 0 {
			hist = append(hist, fmt.Sprintf("%d: %d", n, k))
		}
	}
	fmt.Fprintf(w, "\nEmails per contact: %s\n", strings.Join(hist, ", "))
	if len(r.Personas) > 1 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "\nPERSONA\tCONTACTS\tEMAILS\tOPENS\tCLICKS\tGOALS\tUNSUBSCRIBED\tPURCHASES\t")
		for _, p := range r.Personas {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", p.Name, p.Contacts, p.Emails, p.Opens, p.Clicks, p.Goals, p.Unsubscribed, p.Purchases)
		}
		tw.Flush()
	}
	// The timeline by week: a line per day is too long for a terminal.
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WEEK\tFROM\tENTERED\tEMAILS\tOPENS\tCLICKS\tGOALS\tUNSUBSCRIBES\t")
	weeks := map[int]*sim.Day{}
	var order []int
	for _, d := range r.Timeline {
		k := d.Day / 7
		if weeks[k] == nil {
			weeks[k] = &sim.Day{Day: k + 1, Date: d.Date}
			order = append(order, k)
		}
		x := weeks[k]
		x.Entered += d.Entered
		x.Emails += d.Emails
		x.Opens += d.Opens
		x.Clicks += d.Clicks
		x.Goals += d.Goals
		x.Unsubscribes += d.Unsubscribes
	}
	sort.Ints(order)
	for _, k := range order {
		x := weeks[k]
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", x.Day, x.Date, x.Entered, x.Emails, x.Opens, x.Clicks, x.Goals, x.Unsubscribes)
	}
	tw.Flush()
}
