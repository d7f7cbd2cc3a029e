package cli

import (
	"fmt"

	"flightplan/engine/flow"
)

func cmdPublish(c *ctx, args []string) int {
	if len(args) != 1 {
		return c.fail("publish: usage: publish FLOW_ID")
	}
	eng, err := c.open("publish")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	f, _, err := eng.Store.Flow(args[0])
	if err != nil {
		return c.fail("%v", err)
	}
	// The same validation as the window: references checked against the
	// workspace and go-to-flow loops across its funnels.
	issues, err := eng.ValidateFlow(f)
	if err != nil {
		return c.fail("%v", err)
	}
	if flow.HasErrors(issues) {
		for _, is := range issues {
			fmt.Fprintf(c.stderr, "flow %q: %s\n", f.ID, is)
		}
		return c.fail("flow %q has errors: not published", f.ID)
	}
	v, err := eng.Store.Publish(f, "published from the command line", eng.Clock.Now())
	if err != nil {
		return c.fail("%v", err)
	}
	fmt.Fprintf(c.stdout, "flow %q: published version %d\n", f.ID, v)
	return 0
}

func cmdEnroll(c *ctx, args []string) int {
	if len(args) != 1 {
		return c.fail("enroll: usage: enroll FLOW_ID")
	}
	eng, err := c.open("enroll")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	ids, err := eng.Store.ContactIDs(c.ctxBG())
	if err != nil {
		return c.fail("%v", err)
	}
	n, err := eng.Runner.Enroll(c.ctxBG(), args[0], ids)
	if err != nil {
		return c.fail("%v", err)
	}
	fmt.Fprintf(c.stdout, "flow %q: %d of %d contacts entered\n", args[0], n, len(ids))
	return 0
}
