package cli

import (
	"context"
	"flag"
	"fmt"
	"math"
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
	"flightplan/engine/words"
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
	fs.IntVar(&o.journeys, "journeys", 0, "also print the step-by-step paths of the first N contacts, with why each went its way")
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

	cfg := sim.Config{Flows: flows, Registry: reg, Days: o.days, Seed: o.seed, Journal: o.journeys > 0, JournalLimit: o.journeys,
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
	names := c.simNames(flows)
	if len(res.Journeys) > 0 {
		res.Explain(names)
	}
	if c.json {
		c.emit(res)
		return 0
	}
	c.printSimulation(res, names, fileNames(flows), reg)
	c.printJourneys(res)
	return 0
}

// simNames names the simulated funnels and steps from their files, and
// the emails from the workspace when --workspace names one (a file names
// an email only by its id).
func (c *ctx) simNames(flows []*flow.Flow) words.Names {
	if c.workspace != "" {
		if eng, err := c.openToRead(); err == nil {
			defer eng.Close()
			n := eng.Names()
			n.AddFlows(flows...)
			n.Email("") // read the names now: the workspace closes
			return n
		}
	}
	return fileNames(flows)
}

// fileNames are the names flow files give, without a workspace: emails
// are known by their ids only.
type fileNames []*flow.Flow

func (f fileNames) find(id string) *flow.Flow {
	for _, x := range f {
		if x.ID == id {
			return x
		}
	}
	return nil
}

func (f fileNames) Funnel(id string) string {
	if x := f.find(id); x != nil {
		return x.Name
	}
	return ""
}

func (f fileNames) Step(flowID, node, lang string) string {
	if x := f.find(flowID); x != nil {
		return nodes.StepName(x.Node(node), lang, f)
	}
	return ""
}

func (f fileNames) Email(id string) string { return id }

// printJourneys writes the kept journeys step by step: when, the step,
// and why, in the output's language.
func (c *ctx) printJourneys(r *sim.Result) {
	for _, j := range r.Journeys {
		fmt.Fprintln(c.stdout)
		if j.Persona != "" {
			fmt.Fprintln(c.stdout, c.w("sim.contactAs", j.Contact, words.Persona(c.language(), j.Persona)))
		} else {
			fmt.Fprintln(c.stdout, c.w("sim.contact", j.Contact))
		}
		for _, s := range j.Steps {
			step := s.Node
			if s.StepName != nil {
				step = s.StepName.In(c.language())
			}
			why := ""
			if s.Text != nil {
				why = s.Text.In(c.language())
			}
			fmt.Fprintf(c.stdout, "  %s  %s%s\n", c.when(s.At), step, c.w("hist.step", "", why))
		}
	}
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

// printSimulation writes the result as tables a consultant can read, in
// the output's language, funnels and steps by their names.
func (c *ctx) printSimulation(r *sim.Result, names words.Names, flows fileNames, reg *nodes.Registry) {
	w, lang := c.stdout, c.language()
	t := r.Totals
	n, money, pc := c.num, func(x float64) string { return words.Number(lang, math.Round(x*100)/100) }, func(x float64) string {
		if lang == "fr" {
			return words.Number(lang, math.Round(x*10)/10) + "\u202f%"
		}
		return pct(x)
	}
	shareOf := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return pc(100 * float64(a) / float64(b))
	}
	name := func(flowID, node string) string {
		if s := names.Step(flowID, node, lang); s != "" {
			return s
		}
		return node
	}
	portName := func(flowID, node, port string) string {
		if f := flows.find(flowID); f != nil {
			if nd := f.Node(node); nd != nil {
				if spec, ok := reg.Lookup(nd.Type); ok {
					for _, p := range nodes.PortsOf(spec, nd) {
						if p.ID == port {
							if lang == "fr" {
								return p.Label.Fr
							}
							return p.Label.En
						}
					}
				}
			}
		}
		return port
	}
	fmt.Fprint(w, c.w("sim.head", n(r.Contacts), words.Audience(lang, r.Audience), n(r.Days), c.when(r.Start), r.Seed))
	fmt.Fprint(w, c.w("sim.totals", n(t.Enrollments), n(t.EmailsSent), n(t.Opens), n(t.Clicks), n(t.Unsubscribes), n(t.Bounces), n(t.Purchases), money(t.Revenue), n(t.Errors)))
	for _, f := range r.Flows {
		fmt.Fprint(w, c.w("sim.flow", f.Name))
		fmt.Fprint(w, c.w("sim.flowTotals", n(f.Enrolled), n(f.Contacts), n(f.Waiting), n(f.Done), n(f.Exited), n(f.Errors), n(f.Converted), pc(100*f.Conversion)))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, c.w("sim.nodeHead"))
		for _, nd := range f.Nodes {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name(f.ID, nd.ID), n(nd.Entered), n(nd.Waiting), n(nd.Skipped), n(nd.Errors), n(nd.Exited), n(nd.Jumped))
		}
		tw.Flush()
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, c.w("sim.edgeHead"))
		for _, e := range f.Edges {
			to := c.w("stats.end")
			if e.To != "" {
				to = name(f.ID, e.To)
			}
			port := ""
			if e.Port != "" && e.Port != "next" {
				port = " (" + portName(f.ID, e.From, e.Port) + ")"
			}
			fmt.Fprintf(tw, "  %s%s\t→ %s\t%s\t%s\t\n", name(f.ID, e.From), port, to, n(e.Count), pc(e.Percent))
		}
		tw.Flush()
		if len(f.Goals) > 0 {
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, c.w("sim.goalHead"))
			for _, g := range f.Goals {
				med := "-"
				if g.Reached > 0 {
					med = words.Duration(lang, time.Duration(g.Median).Round(time.Minute))
				}
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t\n", name(f.ID, g.Node), n(g.Reached), pc(100*g.Rate), med)
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
				parts = append(parts, c.w("sim.dropOff", name(f.ID, d.Node), c.w("status."+d.Status), n(d.Count), pc(d.Percent)))
			}
			sep := "; "
			if lang == "fr" {
				sep = " ; " // French puts a space before a semicolon
			}
			fmt.Fprint(w, c.w("sim.dropOffs", strings.Join(parts, sep)))
		}
	}
	if len(r.Emails) > 0 {
		fmt.Fprint(w, c.w("sim.emails"))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, c.w("sim.emailHead"))
		for _, e := range r.Emails {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name(e.Flow, e.Node), n(e.Queued), n(e.Skipped), n(e.Sent),
				shareOf(e.Opened, e.Sent), shareOf(e.Clicked, e.Sent), n(e.Unsubscribed), n(e.Bounced), n(e.Purchases))
		}
		tw.Flush()
	}
	var hist []string
	for k, m := range r.EmailsPerContact {
		if m > 0 {
			hist = append(hist, c.w("sim.perContactItem", n(k), n(m)))
		}
	}
	fmt.Fprint(w, c.w("sim.perContact", strings.Join(hist, ", ")))
	if len(r.Personas) > 1 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, c.w("sim.personaHead"))
		for _, p := range r.Personas {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", words.Persona(lang, p.Name), n(p.Contacts), n(p.Emails), n(p.Opens), n(p.Clicks), n(p.Goals), n(p.Unsubscribed), n(p.Purchases))
		}
		tw.Flush()
	}
	// The timeline by week: a line per day is too long for a terminal.
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, c.w("sim.weekHead"))
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
		from := x.Date
		if d, err := time.Parse("2006-01-02", x.Date); err == nil {
			from = words.Date(lang, d)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", n(x.Day), from, n(x.Entered), n(x.Emails), n(x.Opens), n(x.Clicks), n(x.Goals), n(x.Unsubscribes))
	}
	tw.Flush()
}
