package cli

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"flightplan/engine/settings"
)

const settingsUsage = "settings: usage: settings | settings get KEY | settings set KEY VALUE [KEY VALUE...]  (an empty VALUE, \"\", puts a setting back to its default)"

// cmdSettings lists, reads and changes the workspace settings. Listing and
// reading work beside a running engine; changing takes the workspace lock,
// as every command that writes does. Secrets are never printed in clear.
func cmdSettings(c *ctx, args []string) int {
	if len(args) == 0 {
		return settingsList(c)
	}
	switch args[0] {
	case "list":
		if len(args) != 1 {
			return c.fail(settingsUsage)
		}
		return settingsList(c)
	case "get":
		if len(args) != 2 {
			return c.fail(settingsUsage)
		}
		return settingsGet(c, args[1])
	case "set":
		if len(args) < 3 || len(args)%2 == 0 {
			return c.fail(settingsUsage)
		}
		return settingsSet(c, args[1:])
	}
	return c.fail("settings: %q is not list, get or set\n%s", args[0], settingsUsage)
}

func settingsList(c *ctx) int {
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	entries := settings.List(eng.Store)
	if c.json {
		c.emit(map[string]any{"settings": entries})
		return 0
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	group := settings.Group("")
	for _, e := range entries {
		if e.Group != group {
			if group != "" {
				fmt.Fprintln(tw)
			}
			group = e.Group
			fmt.Fprintf(tw, "%s\n", group.Title().En)
		}
		val := e.Value
		if val == "" {
			val = "(empty)"
		}
		note := ""
		switch {
		case e.Error != "":
			note = "cannot be read: " + e.Error
		case e.IsDefault && e.Value != "":
			note = "(default)"
		case !e.IsDefault && e.Default != "":
			note = "(default " + e.Default + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.Key, oneLine(val), e.Label.En, note)
	}
	tw.Flush()
	return 0
}

func oneLine(s string) string {
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return strings.ReplaceAll(s, "\n", " ")
}

func findEntry(entries []settings.Entry, key string) (settings.Entry, bool) {
	for _, e := range entries {
		if e.Key == key {
			return e, true
		}
	}
	return settings.Entry{}, false
}

func settingsGet(c *ctx, key string) int {
	if _, ok := settings.Lookup(key); !ok {
		_, err := settings.Check(key, "")
		return c.fail("%v", err)
	}
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	e, _ := findEntry(settings.List(eng.Store), key)
	if e.Error != "" {
		return c.fail("setting %s cannot be read: %s", key, e.Error)
	}
	if c.json {
		c.emit(e)
		return 0
	}
	fmt.Fprintln(c.stdout, e.Value)
	return 0
}

func settingsSet(c *ctx, args []string) int {
	values := map[string]string{}
	var keys []string
	for i := 0; i < len(args); i += 2 {
		if _, dup := values[args[i]]; dup {
			return c.fail("settings set: %s is given twice", args[i])
		}
		values[args[i]] = args[i+1]
		keys = append(keys, args[i])
	}
	// Check the values before taking the lock, so a typo is reported even
	// while the window has the workspace open.
	for _, k := range keys {
		if _, err := settings.Check(k, values[k]); err != nil {
			return c.fail("%v", err)
		}
	}
	eng, err := c.open("settings set")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	if err := settings.Set(eng.Store, values); err != nil {
		return c.fail("%v", err)
	}
	entries := settings.List(eng.Store)
	sort.Strings(keys)
	var changed []settings.Entry
	for _, k := range keys {
		e, _ := findEntry(entries, k)
		changed = append(changed, e)
	}
	if c.json {
		c.emit(map[string]any{"changed": changed})
		return 0
	}
	for _, v := range changed {
		fmt.Fprintf(c.stdout, "%s = %s\n", v.Key, v.Value)
	}
	return 0
}
