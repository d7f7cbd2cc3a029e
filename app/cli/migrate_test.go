package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flightplan/engine/store/pgtest"
)

// TestMain stops the throwaway PostgreSQL of the PostgreSQL tests; with
// FLIGHTPLAN_TEST_CLI_ARGS the test binary is the flightplan command
// instead, running those arguments (a second engine for
// TestTwoEnginesShareAPostgresWorkspace); with FLIGHTPLAN_TEST_PG_FLOOR
// it is a floor process of BenchmarkPGEngines.
func TestMain(m *testing.M) {
	if args := os.Getenv(helperArgs); args != "" {
		os.Exit(Main(strings.Fields(args), os.Stdout, os.Stderr))
	}
	if args := strings.Fields(os.Getenv(floorArgs)); len(args) == 2 {
		if err := floorWorker(args[0], args[1], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(pgtest.Main(m))
}

// A workspace that has run (contacts, events, a journey, its journal, a
// message sent and caught in the mailbox, an email, a script, scoring,
// fields, settings) goes SQLite → PostgreSQL → SQLite: every table has the
// same rows on both sides of each trip, and the last file exports, lists
// and reads back exactly as the first. A target holding data is refused
// unless --force.
func TestMigrateRoundTrip(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	dir := t.TempDir()
	a := filepath.Join(dir, "a.flightplan")
	cli := func(ws string, args ...string) string { t.Helper(); return must(t, append(args, "--workspace", ws)...) }

	cli(a, "emails", "import", writeFile(t, dir, "welcome.html", "<p>Hello {{ contact.first_name }}, welcome!</p>\n"), "--subject", "Welcome, {{ contact.first_name }}", "--name", "Welcome")
	cli(a, "import", "flow", writeFile(t, dir, "onboard.flow.json", onboardFlow))
	cli(a, "fields", "add", "seats", "--type", "number")
	cli(a, "import", "contacts", writeFile(t, dir, "people.csv", "email,first_name,company,seats\nana@example.com,Ana,Acme,12\nBen@Example.com,Ben,Initech,3\n"), "--list", "Clients", "--tag", "fair")
	cli(a, "scoring", "set", "Pricing", "--event", "page_visited", "--points", "5", "--where", "url contains /pricing")
	cli(a, "scripts", "import", writeFile(t, dir, "many_seats.lua", "-- Kind: condition\nreturn (contact.fields.seats or 0) > 10\n"))
	cli(a, "settings", "set", "cap_per_day", "2")
	cli(a, "publish", "onboard")
	cli(a, "events", "send", "ana@example.com", "signup", "--data", `{"form":"home"}`)
	cli(a, "events", "send", "ben@example.com", "page_visited", "--data", `{"url":"/pricing"}`)
	runFor(t, a, "the welcome email in the mailbox", func() bool {
		return strings.Contains(must(t, "mailbox", "list", "--workspace", a), "Welcome, Ana")
	})

	pg := pgtest.Database(t)
	c := filepath.Join(dir, "c.flightplan")
	type counts struct {
		Tables []struct {
			Table          string
			Source, Target int64
		}
	}
	trip := func(from, to string) counts {
		t.Helper()
		var got counts
		if err := json.Unmarshal([]byte(must(t, "migrate", from, to, "--json")), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Tables) < 20 {
			t.Fatalf("migrate %s: %d tables", to, len(got.Tables))
		}
		for _, tc := range got.Tables {
			if tc.Source != tc.Target {
				t.Errorf("%s: %d rows, then %d", tc.Table, tc.Source, tc.Target)
			}
		}
		return got
	}
	there := trip(a, pg)
	back := trip(pg, c)
	rows := map[string]int64{}
	for _, tc := range there.Tables {
		rows[tc.Table] = tc.Source
	}
	for _, tc := range back.Tables {
		if rows[tc.Table] != tc.Target {
			t.Errorf("%s: %d rows in the first file, %d in the last", tc.Table, rows[tc.Table], tc.Target)
		}
	}
	for _, table := range []string{"contacts", "events", "enrollments", "steps", "outbox", "mailbox", "templates", "scripts", "settings", "flow_versions", "scoring_rules", "field_defs", "list_members", "contact_tags"} {
		if rows[table] == 0 {
			t.Errorf("the workspace has no %s: the trip proves nothing for them", table)
		}
	}

	// What the two files export and what the read commands print is the same.
	exp := func(ws, name string) map[string]string {
		out := filepath.Join(dir, name)
		cli(ws, "export", "workspace", out, "--contacts")
		return readTree(t, out)
	}
	sameTree(t, "export after SQLite → PostgreSQL → SQLite", exp(a, "one"), exp(c, "two"))
	for _, read := range [][]string{{"journal"}, {"journeys"}, {"outbox"}, {"mailbox", "list"}, {"mailbox", "show", "1"}, {"contacts", "list"}, {"contacts", "show", "ben@example.com"}, {"stats", "onboard"}} {
		if x, y := cli(a, read...), cli(c, read...); x != y {
			t.Errorf("%s differs:\n%s\nthen:\n%s", strings.Join(read, " "), x, y)
		}
	}
	// The same on the PostgreSQL workspace itself.
	if x, y := cli(a, "journal"), cli(pg, "journal"); x != y {
		t.Errorf("journal on PostgreSQL:\n%s\nSQLite:\n%s", y, x)
	}

	// A target with data is refused, and left alone; --force replaces it.
	code, _, errs := runCLI("migrate", a, pg)
	if code != 1 || !strings.Contains(errs, "the target workspace is not empty: table ") || !strings.Contains(errs, "--force") {
		t.Errorf("migrate into a full workspace: exit %d: %s", code, errs)
	}
	if code, out, errs := runCLI("migrate", a, pg, "--force"); code != 0 || !strings.Contains(out, "every table matches") {
		t.Errorf("migrate --force: exit %d: %s%s", code, out, errs)
	}
	if code, _, errs := runCLI("migrate", filepath.Join(dir, "nothing.flightplan"), pg); code != 1 || !strings.Contains(errs, "no workspace file there") {
		t.Errorf("migrate from a missing file: exit %d: %s", code, errs)
	}
}
