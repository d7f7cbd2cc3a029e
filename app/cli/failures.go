package cli

import (
	"context"
	"fmt"
)

// cmdFailures lists what failed while running, by funnel and step: messages
// not sent (given up, or waiting for their next try) and journeys stopped
// by an error, with the latest reason. Exit 1 when there are any.
func cmdFailures(c *ctx, args []string) int {
	if len(args) > 1 {
		return c.fail("failures: usage: failures [FLOW_ID]")
	}
	flowID := ""
	if len(args) == 1 {
		flowID = args[0]
	}
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	fs, err := eng.Runner.Failures(context.Background(), flowID)
	if err != nil {
		return c.fail("%v", err)
	}
	if c.json {
		c.emit(fs)
	} else {
		for _, f := range fs {
			fmt.Fprintf(c.stdout, "flow %q: node %q: %d not sent, %d waiting to be tried again, %d journeys stopped: %s\n", f.FlowID, f.Node, f.Failed, f.Retrying, f.Stopped, f.Reason)
		}
		if len(fs) == 0 {
			fmt.Fprintln(c.stdout, "no failures")
		}
	}
	if len(fs) > 0 {
		return 1
	}
	return 0
}

// cmdRetry retries a funnel's failures (one step's, when named) against the
// funnel as published now; a running engine (`flightplan run`, the window)
// sends the messages at once, or the next one started does.
func cmdRetry(c *ctx, args []string) int {
	if len(args) < 1 || len(args) > 2 {
		return c.fail("retry: usage: retry FLOW_ID [NODE_ID]")
	}
	node := ""
	if len(args) == 2 {
		node = args[1]
	}
	eng, err := c.open("retry")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	res, err := eng.Runner.RetryFailed(context.Background(), args[0], node)
	if err != nil {
		return c.fail("%v", err)
	}
	if c.json {
		c.emit(res)
		return 0
	}
	fmt.Fprintf(c.stdout, "flow %q: %d messages queued again, %d journeys run again (version %d)\n", args[0], res.Messages, res.Journeys, res.Version)
	return 0
}
