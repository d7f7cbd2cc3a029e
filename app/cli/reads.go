package cli

// The read commands: contacts, journeys, journal, outbox, mailbox, stats.
// They only read, so they work beside a running engine. Each prints
// readable lines, or with --json the shapes documented in README ("Reading
// a workspace"). The human words of each command are in its text struct,
// in one place, to translate.

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"flightplan/engine"
	"flightplan/engine/contacts"
	"flightplan/engine/runner"
	"flightplan/engine/words"
)

// fieldFlags collects repeated --field name=value filters.
type fieldFlags map[string]string

func (f fieldFlags) String() string { return "" }

func (f fieldFlags) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want name=value, got %q", v)
	}
	f[strings.TrimSpace(name)] = value
	return nil
}

var contactsText = struct {
	wrongArgs, none, total, showLists, showTags, showFields, showHistory string
}{
	wrongArgs:   "contacts: the arguments %q do not match its usage",
	none:        "no contacts",
	total:       "%d contacts\n",
	showLists:   "lists: %s\n",
	showTags:    "tags: %s\n",
	showFields:  "%s: %v\n",
	showHistory: "history (newest first):\n",
}

func contactsFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	var q contacts.ListQuery
	fields := fieldFlags{}
	var lists, tags, unlist, untag multiFlag
	fs.Var(&lists, "list", "list: only the contacts on this list; add, update: a list to join (repeat for several)")
	fs.Var(&tags, "tag", "list: only the contacts with this tag; add, update: a tag to add (repeat for several)")
	fs.StringVar(&q.Segment, "segment", "", "list: only the contacts of this segment (its name or id)")
	fs.Var(fields, "field", "list: only the contacts whose field has this value; add, update: a value to write (\"\" clears it); as name=value, repeat for several")
	fs.Var(&unlist, "unlist", "update: a list to leave (repeat for several)")
	fs.Var(&untag, "untag", "update: a tag to take off (repeat for several)")
	return func(c *ctx, args []string) int {
		if len(args) == 2 && (args[0] == "add" || args[0] == "update" || args[0] == "delete") {
			if args[0] == "delete" && len(fields)+len(lists)+len(tags)+len(unlist)+len(untag) > 0 || args[0] == "add" && len(unlist)+len(untag) > 0 {
				return c.usageErr("contacts", contactsText.wrongArgs, args)
			}
			return contactsWrite(c, args, fields, lists, tags, unlist, untag)
		}
		list, show := len(args) == 1 && args[0] == "list", len(args) == 2 && args[0] == "show"
		if !list && !show {
			return c.usageErr("contacts", contactsText.wrongArgs, args)
		}
		if len(lists) > 1 || len(tags) > 1 {
			return c.fail("contacts list: filter on one list and one tag at most (a segment combines more)")
		}
		if len(lists) == 1 {
			q.List = lists[0]
		}
		if len(tags) == 1 {
			q.Tag = tags[0]
		}
		eng, err := c.openToRead()
		if err != nil {
			return c.fail("%v", err)
		}
		defer eng.Close()
		if list {
			return contactsList(c, eng, q, fields)
		}
		return contactsShow(c, eng, args[1])
	}
}

func contactsList(c *ctx, eng *engine.Engine, q contacts.ListQuery, fields fieldFlags) int {
	ctx := context.Background()
	if q.Segment != "" {
		segs, err := eng.Segments(ctx)
		if err != nil {
			return c.fail("%v", err)
		}
		found := false
		for _, s := range segs {
			if s.ID == q.Segment || strings.EqualFold(s.Name, q.Segment) {
				q.Segment, found = s.ID, true
				break
			}
		}
		if !found {
			return c.fail("contacts: --segment %q: no segment of that name or id", q.Segment)
		}
	}
	if q.List != "" {
		lists, err := eng.Store.ListSizes(ctx)
		if err != nil {
			return c.fail("%v", err)
		}
		found := false
		for _, l := range lists {
			if strings.EqualFold(l.Name, q.List) {
				q.List, found = l.Name, true
			}
		}
		if !found {
			return c.fail("contacts: --list %q: no list of that name", q.List)
		}
	}
	q.Sort = "email"
	rows, err := eng.ContactsWhere(ctx, q, fields)
	if err != nil {
		return c.fail("%v", err)
	}
	if c.json {
		c.emit(rows)
		return 0
	}
	for _, r := range rows {
		name := strings.TrimSpace(r.FirstName + " " + r.LastName)
		fmt.Fprintf(c.stdout, "%-6d %-32s %-24s %-10s %-5s %g\n", r.ID, r.Email, name, r.Stage, r.Temperature, r.Score)
	}
	fmt.Fprintf(c.stdout, contactsText.total, len(rows))
	return 0
}

// contactRef finds a contact by id or email address; the error names it.
func contactRef(eng *engine.Engine, ref string) (int64, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		if _, err := eng.Store.Contact(context.Background(), id); err != nil {
			return 0, fmt.Errorf("contact %s: no contact with this id", ref)
		}
		return id, nil
	}
	id, err := eng.ContactByEmail(context.Background(), ref)
	if err != nil {
		return 0, fmt.Errorf("contact %q: no contact with this email address", ref)
	}
	return id, nil
}

func contactsShow(c *ctx, eng *engine.Engine, ref string) int {
	ctx := context.Background()
	id, err := contactRef(eng, ref)
	if err != nil {
		return c.fail("%v", err)
	}
	ct, err := eng.Store.Contact(ctx, id)
	if err != nil {
		return c.fail("%v", err)
	}
	history, err := eng.ContactTimeline(ctx, id)
	if err != nil {
		return c.fail("%v", err)
	}
	if ct.Lists == nil {
		ct.Lists = []string{}
	}
	if ct.Tags == nil {
		ct.Tags = []string{}
	}
	if c.json {
		c.emit(map[string]any{"contact": ct, "history": history})
		return 0
	}
	lang := c.language()
	fmt.Fprint(c.stdout, c.w("contacts.head", ct.ID, ct.Email, words.Label(lang, "stage", ct.Stage), words.Label(lang, "temperature", ct.Temperature),
		words.Number(lang, ct.Score)))
	for _, group := range []map[string]any{stringsAny(ct.Identity), ct.Fields} {
		var names []string
		for n := range group {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprint(c.stdout, c.w("contacts.field", words.Field(lang, n), group[n]))
		}
	}
	fmt.Fprint(c.stdout, c.w("contacts.lists", strings.Join(ct.Lists, ", ")))
	fmt.Fprint(c.stdout, c.w("contacts.tags", strings.Join(ct.Tags, ", ")))
	fmt.Fprint(c.stdout, c.w("contacts.hist"))
	for _, h := range history {
		fmt.Fprintf(c.stdout, "  %s  %s\n", c.when(h.At), c.historyLine(h))
	}
	return 0
}

func stringsAny(m map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

var journeysText = struct{ wrongArgs, none, waiting, wakes string }{
	wrongArgs: "journeys: the arguments %q do not match its usage",
	none:      "no journeys",
	waiting:   " waiting for %s",
	wakes:     " until %s",
}

func journeysFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	flowID := fs.String("flow", "", "only this funnel's journeys")
	contact := fs.String("contact", "", "only this contact's journeys (email or id)")
	return func(c *ctx, args []string) int {
		if len(args) != 0 {
			return c.usageErr("journeys", journeysText.wrongArgs, args)
		}
		eng, err := c.openToRead()
		if err != nil {
			return c.fail("%v", err)
		}
		defer eng.Close()
		q := engine.JourneyQuery{Flow: *flowID}
		if *contact != "" {
			if q.ContactID, err = contactRef(eng, *contact); err != nil {
				return c.fail("%v", err)
			}
		}
		js, err := eng.Journeys(context.Background(), q)
		if err != nil {
			return c.fail("%v", err)
		}
		if c.json {
			c.emit(js)
			return 0
		}
		if len(js) == 0 {
			fmt.Fprintln(c.stdout, c.w("journeys.none"))
		}
		names, lang := eng.Names(), c.language()
		for _, j := range js {
			line := c.w("journeys.line", funnelName(names, j.Flow), j.Version, j.Email, words.Quote(lang, names.Step(j.Flow, j.Node, lang)),
				c.w("status."+j.Status), c.when(j.Since))
			if j.WaitingFor != "" {
				line += c.w("journeys.for", words.Event(lang, j.WaitingFor))
			}
			if j.WakeAt != nil {
				line += c.w("journeys.until", c.when(*j.WakeAt))
			}
			if j.Error != "" {
				line += c.w("hist.step", "", words.ErrorText(lang, runner.PlainError(j.Error)))
			}
			fmt.Fprintln(c.stdout, line)
		}
		return 0
	}
}

// stamp writes a time the same way in every read command: UTC, RFC 3339.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// parseWhen reads --since and --until: a date (YYYY-MM-DD, midnight UTC)
// or an RFC 3339 time.
func parseWhen(flagName, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return t, fmt.Errorf("--%s %q: want a date (2026-03-01) or a time (2026-03-01T09:00:00Z)", flagName, v)
	}
	return t, nil
}

var journalText = struct{ wrongArgs, none string }{
	wrongArgs: "journal: the arguments %q do not match its usage",
	none:      "no steps",
}

func journalFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	flowID := fs.String("flow", "", "only this funnel's steps")
	contact := fs.String("contact", "", "only this contact's steps (email or id)")
	since := fs.String("since", "", "only steps at or after this date or time (YYYY-MM-DD or RFC 3339)")
	until := fs.String("until", "", "only steps before this date or time")
	return func(c *ctx, args []string) int {
		if len(args) != 0 {
			return c.usageErr("journal", journalText.wrongArgs, args)
		}
		q := engine.JournalQuery{Flow: *flowID}
		var err error
		if q.Since, err = parseWhen("since", *since); err != nil {
			return c.fail("journal: %v", err)
		}
		if q.Until, err = parseWhen("until", *until); err != nil {
			return c.fail("journal: %v", err)
		}
		eng, err := c.openToRead()
		if err != nil {
			return c.fail("%v", err)
		}
		defer eng.Close()
		if *contact != "" {
			if q.ContactID, err = contactRef(eng, *contact); err != nil {
				return c.fail("%v", err)
			}
		}
		steps, err := eng.Journal(context.Background(), q)
		if err != nil {
			return c.fail("%v", err)
		}
		if c.json {
			c.emit(steps)
			return 0
		}
		if len(steps) == 0 {
			fmt.Fprintln(c.stdout, c.w("journal.none"))
		}
		// Each line says when, in which funnel, who, at which step, and
		// why, in words: the reason says which way the step went.
		names, lang := eng.Names(), c.language()
		for _, s := range steps {
			line := fmt.Sprintf("%s  %s (v%d)  %s  %s", c.when(s.At), funnelName(names, s.Flow), s.Version, s.Email, words.Quote(lang, names.Step(s.Flow, s.Node, lang)))
			if !s.Why.IsZero() {
				line += c.w("hist.step", "", c.reason(s.Why, s.Flow, names))
			}
			fmt.Fprintln(c.stdout, line)
		}
		return 0
	}
}

var outboxText = struct{ wrongArgs, none string }{
	wrongArgs: "outbox: the arguments %q do not match its usage",
	none:      "the outbox is empty",
}

func outboxFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	flowID := fs.String("flow", "", "only what this funnel queued")
	status := fs.String("status", "", "only items in this state: pending, sending, sent, failed, bounced")
	return func(c *ctx, args []string) int {
		if len(args) != 0 {
			return c.usageErr("outbox", outboxText.wrongArgs, args)
		}
		switch *status {
		case "", "pending", "sending", "sent", "failed", "bounced":
		default:
			return c.fail("outbox: --status %q: want pending, sending, sent, failed or bounced", *status)
		}
		eng, err := c.openToRead()
		if err != nil {
			return c.fail("%v", err)
		}
		defer eng.Close()
		items, err := eng.Outbox(context.Background(), engine.OutboxQuery{Status: *status, Flow: *flowID})
		if err != nil {
			return c.fail("%v", err)
		}
		if c.json {
			c.emit(items)
			return 0
		}
		if len(items) == 0 {
			fmt.Fprintln(c.stdout, c.w("outbox.none"))
		}
		names, lang := eng.Names(), c.language()
		for _, o := range items {
			tries := c.w("attempts", o.Attempts)
			if o.Attempts == 1 || (lang == "fr" && o.Attempts == 0) {
				tries = c.w("attempt", o.Attempts)
			}
			line := c.w("outbox.line", o.ID, c.w("kind."+o.Kind), c.w("msg."+o.Status), funnelName(names, o.Flow), names.Step(o.Flow, o.Node, lang), o.Email, tries)
			if o.Error != "" {
				line += ": " + words.ErrorText(lang, o.Error)
			}
			fmt.Fprintln(c.stdout, line)
		}
		return 0
	}
}

var mailboxText = struct{ wrongArgs, none string }{
	wrongArgs: "mailbox: the arguments %q do not match its usage",
	none:      "the mailbox is empty",
}

func mailboxFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	limit := fs.Int("limit", 100, "list at most this many messages, newest first")
	return func(c *ctx, args []string) int {
		if !(len(args) == 1 && args[0] == "list") && !(len(args) == 2 && args[0] == "show") {
			return c.usageErr("mailbox", mailboxText.wrongArgs, args)
		}
		eng, err := c.openToRead()
		if err != nil {
			return c.fail("%v", err)
		}
		defer eng.Close()
		switch args[0] {
		case "list":
			msgs, err := eng.Store.Mailbox(*limit)
			if err != nil {
				return c.fail("%v", err)
			}
			if c.json {
				c.emit(msgs)
				return 0
			}
			if len(msgs) == 0 {
				fmt.Fprintln(c.stdout, mailboxText.none)
			}
			for _, m := range msgs {
				fmt.Fprintf(c.stdout, "%-6d %s  %s  %s\n", m.ID, stamp(m.ReceivedAt), m.To, m.Subject)
			}
			return 0
		case "show":
			id, err := strconv.ParseInt(args[1], 10, 64)
			if err != nil {
				return c.fail("mailbox show %q: want a message number from mailbox list", args[1])
			}
			m, err := eng.MailboxMessage(id)
			if err != nil {
				return c.fail("mailbox: %v", err)
			}
			if c.json {
				c.emit(m)
				return 0
			}
			fmt.Fprintf(c.stdout, "From: %s\nTo: %s\nSubject: %s\n\n%s\n", m.From, m.To, m.Subject, m.Text)
			return 0
		}
		return c.usageErr("mailbox", mailboxText.wrongArgs, args)
	}
}

var statsText = struct{ wrongArgs, totals, node, edge string }{
	wrongArgs: "stats: the arguments %q do not match its usage",
	totals:    "%s: %d entered, %d in progress, %d done, %d goals reached\n",
	node:      "  %-24s %6d entered %6d waiting %4d errors %4d skipped %4d failing\n",
	edge:      "  %-24s → %-12s %6d\n",
}

// cmdStats prints a funnel's canvas numbers.
func cmdStats(c *ctx, args []string) int {
	if len(args) != 1 {
		return c.usageErr("stats", statsText.wrongArgs, args)
	}
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	if _, _, err := eng.Store.Flow(args[0]); err != nil {
		return c.fail("stats: %v", err)
	}
	fc, err := eng.Runner.Counts(context.Background(), args[0])
	if err != nil {
		return c.fail("%v", err)
	}
	if c.json {
		c.emit(fc)
		return 0
	}
	names, lang := eng.Names(), c.language()
	fmt.Fprint(c.stdout, c.w("stats.totals", funnelName(names, args[0]), c.num(fc.Enrolled), c.num(fc.Active), c.num(fc.Done), c.num(fc.Goals)))
	for _, n := range fc.Nodes {
		fmt.Fprint(c.stdout, c.w("stats.node", names.Step(args[0], n.Node, lang), c.num(n.Entered), c.num(n.Waiting), c.num(n.Errors), c.num(n.Skipped), c.num(n.Failed)))
	}
	for _, e := range fc.Edges {
		fmt.Fprint(c.stdout, c.w("stats.edge", names.Step(args[0], e.Node, lang), c.portName(eng, args[0], e.Node, e.Port), c.num(e.Count)))
	}
	return 0
}
