package cli

import (
	"flag"
	"io"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var usageFlag = regexp.MustCompile(`--([a-z][a-z-]*)`)

// Every usage line names a command that exists and only flags its parser
// takes; every flag a command's parser takes is in its usage line.
func TestUsageMatchesTheParser(t *testing.T) {
	var out strings.Builder
	usage(&out)
	text := out.String()
	for name, cmd := range commands {
		if first, _, _ := strings.Cut(cmd.usage, " "); first != name {
			t.Errorf("command %q: usage %q starts with %q", name, cmd.usage, first)
		}
		if !strings.Contains(text, "\n  "+cmd.usage+"\n") {
			t.Errorf("command %q: its usage line is not in the usage text", name)
		}
		c := &ctx{stdout: io.Discard, stderr: io.Discard}
		fs := newFlagSet(c, name, cmd)
		if cmd.flags != nil {
			cmd.flags(fs)
		}
		inUsage := map[string]bool{}
		for _, m := range usageFlag.FindAllStringSubmatch(cmd.usage, -1) {
			inUsage[m[1]] = true
			if fs.Lookup(m[1]) == nil {
				t.Errorf("command %q: usage names --%s, which the parser does not take", name, m[1])
			}
		}
		fs.VisitAll(func(f *flag.Flag) {
			if f.Name != "workspace" && f.Name != "json" && f.Name != "lang" && !inUsage[f.Name] {
				t.Errorf("command %q: the parser takes --%s, which its usage line does not name", name, f.Name)
			}
		})
	}
	// And the other way: each command line of the usage text is a command.
	var listed []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") {
			first, _, _ := strings.Cut(strings.TrimSpace(line), " ")
			listed = append(listed, first)
			if _, ok := commands[first]; !ok {
				t.Errorf("usage lists %q, which is no command", line)
			}
		}
	}
	sort.Strings(listed)
	if len(listed) != len(commands) {
		t.Errorf("usage lists %d commands, there are %d: %v", len(listed), len(commands), listed)
	}
	for _, global := range []string{"--workspace FILE", "--json", "--lang en|fr"} {
		if !strings.Contains(text, global) {
			t.Errorf("usage lacks the global flag %s", global)
		}
	}
}

// A mistyped command or flag prints the usage and exits 2, whatever comes
// with it; help prints it on stdout and exits 0.
func TestUnknownCommandOrFlagExitsTwo(t *testing.T) {
	for _, args := range [][]string{
		{"improt"},
		{"improt", "--workspace", "/nonexistent/ws.flightplan"},
		{"--workspace", "/nonexistent/ws.flightplan", "improt"},
		{"--workspace", "/nonexistent/ws.flightplan", "--json"},
		{"--bogus"},
	} {
		code, out, errs := runCLI(args...)
		if code != 2 || out != "" || !strings.Contains(errs, "usage: flightplan") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
		if args[0] == "improt" && !strings.Contains(errs, `unknown command "improt"`) {
			t.Errorf("%q: the message does not name the command: %s", args, errs)
		}
	}
	for _, args := range [][]string{{"publish", "f", "--bogus"}, {"token", "--all"}, {"enroll", "f", "--all"}} {
		code, out, errs := runCLI(args...)
		if code != 2 || out != "" || !strings.Contains(errs, "flag provided but not defined: "+args[len(args)-1][1:]) ||
			!strings.Contains(errs, "usage: flightplan "+commands[args[0]].usage) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	code, out, _ := runCLI("help")
	if code != 0 || !strings.Contains(out, "usage: flightplan") {
		t.Errorf("help: exit %d: %s", code, out)
	}
}

// Only no arguments or --workspace FILE (and a dev build's server flags)
// open the window, on the workspace named.
func TestWindowOrCommand(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		extra  []string
		ws     string
		window bool
	}{
		{nil, nil, "", true},
		{[]string{"--workspace", "a.flightplan"}, nil, "a.flightplan", true},
		{[]string{"--workspace=b.flightplan"}, nil, "b.flightplan", true},
		{[]string{"-assetdir", "dist", "-devserver", "127.0.0.1:1"}, []string{"assetdir", "devserver"}, "", true},
		{[]string{"-assetdir", "dist"}, nil, "", false},
		{[]string{"improt"}, nil, "", false},
		{[]string{"--workspace", "a.flightplan", "improt"}, nil, "", false},
		{[]string{"--json"}, nil, "", false},
		{[]string{"help"}, nil, "", false},
		{[]string{"validate", "x.flow.json"}, nil, "", false},
	} {
		ws, window := Window(tc.args, tc.extra...)
		if ws != tc.ws || window != tc.window {
			t.Errorf("Window(%q) = %q, %v; want %q, %v", tc.args, ws, window, tc.ws, tc.window)
		}
	}
}

var optional = regexp.MustCompile(`\s*\[[^\[\]]*\]`)

// Every form of every usage line, taken literally (placeholders as
// arguments, optional parts left out), is accepted by the parser: the
// command gets as far as opening the workspace (which cannot be: exit 1)
// rather than answering with its usage (exit 2). A verb it does not
// know is answered with the usage.
func TestEveryUsageFormParses(t *testing.T) {
	dir := t.TempDir()
	notADir := writeFile(t, dir, "file", "")
	ws := notADir + "/ws.flightplan" // cannot be created: every open fails
	for name, cmd := range commands {
		verbs := map[string]bool{}
		synopsis := cmd.usage
		for optional.MatchString(synopsis) {
			synopsis = optional.ReplaceAllString(synopsis, "")
		}
		for _, form := range strings.Split(synopsis, " | ") {
			words := strings.Fields(form)
			var variants [][]string
			if len(words) > 1 && strings.ToLower(words[1]) == words[1] {
				for _, verb := range strings.Split(words[1], "|") {
					verbs[verb] = true
					variants = append(variants, append([]string{name, verb}, words[2:]...))
				}
			} else {
				variants = append(variants, append([]string{name}, words[1:]...))
			}
			for _, args := range variants {
				for i := range args {
					args[i] = strings.TrimSuffix(args[i], "...")
				}
				code, _, errs := runCLI(append(args, "--workspace", ws)...)
				if code == 2 {
					t.Errorf("%q, from the usage %q: answered as a usage error:\n%s", args, cmd.usage, errs)
				}
			}
		}
		if len(verbs) > 0 {
			code, _, errs := runCLI(name, "zzz", "x", "--workspace", ws)
			if code != 2 || !strings.Contains(errs, "usage: flightplan "+cmd.usage) {
				t.Errorf("%s zzz: exit %d, want 2 with its usage:\n%s", name, code, errs)
			}
		}
	}
}
