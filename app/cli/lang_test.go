package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"flightplan/engine"
	"flightplan/engine/sim"
	"flightplan/engine/words"
)

// englishWords are common English words a French sentence never holds
// (French words that are also English — "contact", "message", "page",
// "date", "source" — are left out).
var englishWords = regexp.MustCompile(`(?i)\b(the|and|of|to|in|on|at|for|with|from|was|were|is|are|has|have|not|no|yet|after|before|until|waiting|waited|wait|sent|send|queued|email|emails|step|steps|funnel|list|tag|entered|joined|left|reached|goal|then|took|yes|days?|hours?|minutes?|weeks?|contacts? signed|opened|clicked|skipped|error)\b`)

// quoted is a name between French quotes.
var quoted = regexp.MustCompile(`« [^»]* »`)

// welcomeWorkspace makes a workspace holding the gallery's welcome funnel
// in French (its emails too), and writes the funnel to a file.
func welcomeWorkspace(t *testing.T) (ws, file string, doc engine.FlowDoc) {
	t.Helper()
	dir := t.TempDir()
	ws = filepath.Join(dir, "ws.flightplan")
	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.SetLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	doc, err = eng.CreateFromTemplate(context.Background(), "welcome", "fr")
	if err != nil {
		t.Fatal(err)
	}
	text, err := eng.ExportFlow(doc.Flow.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ws, writeFile(t, dir, "welcome.flow.json", text), doc
}

// The test: the journal of a simulated welcome sequence, printed
// with --lang fr, reads as French sentences — no English words, no ids —
// and --json carries the codes instead.
func TestSimulatedWelcomeJournalReadsInFrench(t *testing.T) {
	ws, file, doc := welcomeWorkspace(t)
	code, out, errs := runCLI("simulate", file, "--workspace", ws, "--audience", "20", "--days", "30", "--journeys", "5", "--lang", "fr")
	if code != 0 {
		t.Fatalf("simulate: exit %d\n%s%s", code, out, errs)
	}
	if testing.Verbose() {
		t.Log(out)
	}
	// The summary names the audience and its personas, never by slug, and
	// says where contacts stop in words, not codes.
	head, _, _ := strings.Cut(out, "\nContact ")
	preset, err := sim.Preset(sim.DefaultPreset)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(head, "(Newsletter e-commerce)") {
		t.Errorf("the audience is not named in French:\n%s", head)
	}
	for _, p := range preset.Personas {
		if strings.Contains(out, p.Name) && strings.Contains(p.Name, "-") {
			t.Errorf("persona slug %q printed:\n%s", p.Name, out)
		}
	}
	if !strings.Contains(head, "chasseur de promos") || strings.Contains(out, "status.") || strings.Contains(out, sim.DefaultPreset) {
		t.Errorf("a persona unnamed, a status code or the audience's slug:\n%s", head)
	}
	_, journal, ok := strings.Cut(out, "\nContact ")
	if !ok {
		t.Fatalf("no journeys printed:\n%s", out)
	}
	ids := []string{doc.Flow.ID}
	for _, n := range doc.Flow.Nodes {
		ids = append(ids, n.ID)
		if tpl, _ := n.Config["template"].(string); tpl != "" {
			ids = append(ids, tpl)
		}
	}
	lines := 0
	for _, line := range strings.Split("Contact "+journal, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lines++
		// The engine's sentence follows the step's name; names the user
		// (here the gallery) gave are quoted « … » and are not checked.
		said := line
		if i := strings.Index(line, " : "); i >= 0 {
			said = line[i+3:]
		}
		said = quoted.ReplaceAllString(said, "« »")
		if m := englishWords.FindString(said); m != "" {
			t.Errorf("English word %q in: %s", m, line)
		}
		for _, id := range ids {
			if regexp.MustCompile(`(^|[^\pL\d_-])` + regexp.QuoteMeta(id) + `($|[^\pL\d_-])`).MatchString(line) {
				t.Errorf("id %q in: %s", id, line)
			}
		}
	}
	if lines < 10 {
		t.Errorf("only %d journal lines:\n%s", lines, journal)
	}
	for _, want := range []string{"Entré dans le tunnel", "Attend ", "Courriel « "} {
		if !strings.Contains(journal, want) {
			t.Errorf("the journal never says %q:\n%s", want, journal)
		}
	}

	code, out, errs = runCLI("simulate", file, "--workspace", ws, "--audience", "20", "--days", "30", "--journeys", "5", "--lang", "fr", "--json")
	if code != 0 {
		t.Fatalf("simulate --json: exit %d\n%s", code, errs)
	}
	var res struct {
		Audience string `json:"audience"`
		Personas []struct {
			Name string `json:"name"`
		} `json:"personas"`
		Journeys []struct {
			Steps []struct {
				Code   string            `json:"code"`
				Params map[string]string `json:"params"`
				Reason string            `json:"reason"`
			} `json:"steps"`
		} `json:"journeys"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Journeys) == 0 {
		t.Fatalf("simulate --json: %v\n%s", err, out)
	}
	// --json keeps the slugs: they are stable codes.
	if res.Audience != sim.DefaultPreset || len(res.Personas) == 0 || !strings.Contains(res.Personas[0].Name, "-") {
		t.Errorf("--json names the audience %q and personas %+v, want their slugs", res.Audience, res.Personas)
	}
	for _, j := range res.Journeys {
		for _, s := range j.Steps {
			if _, known := words.Phrases[words.Code(s.Code)]; !known {
				t.Errorf("step with code %q, which has no phrase: %+v", s.Code, s)
			}
			if s.Code == string(words.Waiting) && s.Params["for"] == "" {
				t.Errorf("a wait without its duration: %+v", s)
			}
		}
	}
}

// --lang wins; without it the locale decides (LC_ALL, then LC_MESSAGES,
// then LANG); French is any locale starting with fr.
func TestLanguageFollowsFlagThenLocale(t *testing.T) {
	for _, tc := range []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"", nil, "en"},
		{"fr", map[string]string{"LANG": "en_US.UTF-8"}, "fr"},
		{"en", map[string]string{"LC_ALL": "fr_CA.UTF-8"}, "en"},
		{"", map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{"", map[string]string{"LC_MESSAGES": "fr_CA", "LANG": "en_US"}, "fr"},
		{"", map[string]string{"LC_ALL": "C", "LANG": "fr_FR"}, "en"},
	} {
		c := &ctx{lang: tc.flag, getenv: func(k string) string { return tc.env[k] }}
		if got := c.language(); got != tc.want {
			t.Errorf("--lang %q, env %v: %s, want %s", tc.flag, tc.env, got, tc.want)
		}
	}
}

// A workspace the command line makes takes its language (--lang): the
// steps' default texts are then written in it. One that has a language
// keeps it.
func TestNewWorkspaceTakesTheCommandLineLanguage(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws.flightplan")
	if code, out, errs := runCLI("fields", "add", "plan", "--type", "text", "--workspace", ws, "--lang", "fr"); code != 0 {
		t.Fatalf("fields add: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := runCLI("settings", "get", "language", "--workspace", ws); code != 0 || out != "fr\n" {
		t.Errorf("the new workspace's language: %q (exit %d), want fr", out, code)
	}
	if code, out, errs := runCLI("fields", "add", "size", "--type", "number", "--workspace", ws, "--lang", "en"); code != 0 {
		t.Fatalf("fields add: exit %d\n%s%s", code, out, errs)
	}
	if _, out, _ := runCLI("settings", "get", "language", "--workspace", ws); out != "fr\n" {
		t.Errorf("a later --lang en changed the workspace's language: %q", out)
	}
}
