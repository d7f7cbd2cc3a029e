package words_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "flightplan/engine/nodes" // registers step names, operators, stages
	"flightplan/engine/words"
)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// Every code has a sentence in English and in French, neither empty nor
// the code itself, and both name the same parameters.
func TestEveryCodeHasEnglishAndFrench(t *testing.T) {
	if len(words.Phrases) < 80 {
		t.Fatalf("only %d phrases: the table was not filled", len(words.Phrases))
	}
	for code, p := range words.Phrases {
		en, fr := p[0], p[1]
		if strings.TrimSpace(en) == "" || strings.TrimSpace(fr) == "" {
			t.Errorf("%s: an empty sentence: %q / %q", code, en, fr)
			continue
		}
		if en == string(code) || fr == string(code) {
			t.Errorf("%s: the sentence is the code", code)
		}
		a, b := placeholder.FindAllString(en, -1), placeholder.FindAllString(fr, -1)
		sort.Strings(a)
		sort.Strings(b)
		if strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("%s: English names %v, French %v", code, a, b)
		}
	}
}

// Every code the engine can write is in the table: each constant of type
// Code is, and the only codes built from text are those whose every value
// is checked here.
func TestEveryCodeTheEngineWritesIsInTheTable(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "phrases.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for i, n := range vs.Names {
				v, _ := strconv.Unquote(vs.Values[i].(*ast.BasicLit).Value)
				consts[n.Name] = v
			}
		}
	}
	if len(consts) < 80 {
		t.Fatalf("found %d Code constants in phrases.go", len(consts))
	}
	for name, v := range consts {
		if _, ok := words.Phrases[words.Code(v)]; !ok {
			t.Errorf("%s (%q) has no phrase", name, v)
		}
	}
	// Codes made from text: a prefix and every value it takes.
	built := map[string][]string{
		"message.":     {"pending", "sending", "sent", "failed", "bounced", "skipped"},     // the outbox's statuses (contacts.Timeline)
		"event.":       {"list", "tag", "segment", "url", "field", "cause", "temperature"}, // contacts.eventWhy
		"error.relay.": {"dns", "connect", "tls", "auth", "sender", "recipient", "data"},   // words.relayPrefix
	}
	for prefix, vals := range built {
		for _, v := range vals {
			if _, ok := words.Phrases[words.Code(prefix+v)]; !ok {
				t.Errorf("code %s%s has no phrase", prefix, v)
			}
		}
	}
	// Any other code built from text would escape this test: there is none.
	root := filepath.Join("..", "..")
	seen := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (d.Name() == "node_modules" || d.Name() == "frontend" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "words" && fn.Sel.Name == "Code" {
					name = "words.Code"
				}
			case *ast.Ident:
				if fn.Name == "Code" && file.Name.Name == "words" {
					name = "Code"
				}
			}
			if name == "" {
				return true
			}
			if id, ok := call.Args[0].(*ast.Ident); ok && id.Name == "code" && filepath.Base(path) == "reason.go" {
				return true // Parse reads a code stored before
			}
			bin, ok := call.Args[0].(*ast.BinaryExpr)
			lit, ok2 := ast.Expr(nil), false
			if ok {
				lit, ok2 = bin.X, true
			}
			prefix := ""
			if b, ok := lit.(*ast.BasicLit); ok2 && ok {
				prefix, _ = strconv.Unquote(b.Value)
			}
			if _, known := built[prefix]; !known {
				t.Errorf("%s: a code built from %s: add its values to this test", fset.Position(call.Pos()), prefix)
			}
			seen[prefix] = true
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for prefix := range built {
		if !seen[prefix] {
			t.Errorf("no code is built with the prefix %q any more: drop it from this test", prefix)
		}
	}
}

func TestDurations(t *testing.T) {
	for _, tc := range []struct {
		d      time.Duration
		en, fr string
	}{
		{48 * time.Hour, "2 days", "2 jours"},
		{24 * time.Hour, "1 day", "1 jour"},
		{90 * time.Minute, "1 hour 30 minutes", "1 h 30"},
		{time.Hour + 5*time.Minute, "1 hour 5 minutes", "1 h 05"},
		{3 * time.Hour, "3 hours", "3 heures"},
		{27 * time.Hour, "1 day 3 hours", "1 jour 3 h"},
		{2*24*time.Hour + 4*time.Hour + 30*time.Minute, "2 days 4 hours 30 minutes", "2 jours 4 h 30"},
		{45 * time.Minute, "45 minutes", "45 minutes"},
		{time.Minute, "1 minute", "1 minute"},
		{20 * time.Second, "20 seconds", "20 secondes"},
		{0, "0 seconds", "0 seconde"},
	} {
		if got := words.Duration("en", tc.d); got != tc.en {
			t.Errorf("%v in English: %q, want %q", tc.d, got, tc.en)
		}
		if got := words.Duration("fr", tc.d); got != tc.fr {
			t.Errorf("%v in French: %q, want %q", tc.d, got, tc.fr)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		n      float64
		en, fr string
	}{
		{12345, "12,345", "12\u202f345"},
		{1234567.5, "1,234,567.5", "1\u202f234\u202f567,5"},
		{999, "999", "999"},
		{-1500, "-1,500", "-1\u202f500"},
		{0.125, "0.13", "0,13"},
	} {
		if got := words.Number("en", tc.n); got != tc.en {
			t.Errorf("%v in English: %q, want %q", tc.n, got, tc.en)
		}
		if got := words.Number("fr", tc.n); got != tc.fr {
			t.Errorf("%v in French: %q, want %q", tc.n, got, tc.fr)
		}
	}
	// French takes the singular under 2, English for 1 only.
	for _, tc := range []struct {
		lang string
		n    float64
		want string
	}{{"en", 1, "1 day"}, {"en", 0, "0 days"}, {"en", 1.5, "1.5 days"}, {"fr", 1.5, "1,5 jour"}, {"fr", 0, "0 jour"}, {"fr", 2, "2 jours"}} {
		one, many := "day", "days"
		if tc.lang == "fr" {
			one, many = "jour", "jours"
		}
		if got := words.Plural(tc.lang, tc.n, one, many); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestDatesAndTimesInTheirTimezone(t *testing.T) {
	at := time.Date(2026, 12, 6, 13, 5, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang, tz, want string
	}{
		{"en", "Europe/Paris", "Dec 6, 2026, 2:05 PM CET"},
		{"fr", "Europe/Paris", "6 déc. 2026, 14 h 05 CET"},
		{"fr", "America/Toronto", "6 déc. 2026, 8 h 05 EST"},
		{"en", "", "Dec 6, 2026, 1:05 PM UTC"},
		{"en", "Nowhere/Atlantis", "Dec 6, 2026, 1:05 PM UTC"},
	} {
		if got := words.DateTime(tc.lang, at, tc.tz); got != tc.want {
			t.Errorf("%s in %q: %q, want %q", tc.lang, tc.tz, got, tc.want)
		}
	}
	if got := words.Hour("en", 14) + " / " + words.Hour("fr", 14) + " / " + words.Hour("en", 0); got != "2 PM / 14 h / 12 AM" {
		t.Errorf("hours: %s", got)
	}
}

// names is a workspace with one funnel, two steps and an email.
type names struct{}

func (names) Funnel(id string) string {
	return map[string]string{"welcome-newsletter": "Séquence de bienvenue"}[id]
}
func (names) Email(id string) string { return map[string]string{"email-1": "Bienvenue 1"}[id] }
func (names) Step(flow, node, lang string) string {
	if flow != "welcome-newsletter" {
		return ""
	}
	return map[string]string{"mail": "Premier courriel", "wait-1": "Attendre 2 jours"}[node]
}

// A reason names things by what the user calls them, in the reader's
// language, and never shows an id — not even of a thing deleted since.
func TestRenderNamesThingsNeverIds(t *testing.T) {
	for _, tc := range []struct {
		r      words.Reason
		en, fr string
	}{
		{words.R(words.Waiting, "for", "172800"), "Waiting 2 days", "Attend 2 jours"},
		{words.R(words.EmailQueued, "email", "email-1"), "Email “Bienvenue 1” on its way", "Courriel « Bienvenue 1 » en route"},
		{words.R(words.EmailOpened, "step", "mail"), "Opened the email of the step “Premier courriel”", "A ouvert le courriel de l’étape « Premier courriel »"},
		{words.R(words.SentToFunnel, "funnel", "welcome-newsletter"), "Sent to the funnel “Séquence de bienvenue”", "Envoyé vers le tunnel « Séquence de bienvenue »"},
		{words.R(words.EmailQueued, "email", "gone-7"), "Email (deleted) on its way", "Courriel (supprimé) en route"},
		{words.R(words.FieldIs, "field", "stage", "got", "mql", "op", "gte", "want", "sql"),
			"Lifecycle stage is “Marketing qualified (MQL)”; the check wanted: is at least “Sales qualified (SQL)”",
			"Étape du cycle vaut « Qualifié marketing (MQL) » ; le test demandait : est au moins « Qualifié commercial (SQL) »"},
		{words.R(words.FieldIs, "field", "country", "got", "", "op", "equals", "want", "FR"), "Country is empty; the check wanted: is “FR”", "Pays vaut vide ; le test demandait : est « FR »"},
		{words.R(words.QuietHours, "email", "email-1", "at", "2026-12-06T20:00:00Z", "tz", "America/Toronto"),
			"Email “Bienvenue 1” held for quiet hours, goes Dec 6, 2026, 3:00 PM EST",
			"Courriel « Bienvenue 1 » retenu pendant les heures calmes, part le 6 déc. 2026, 15 h 00 EST"},
		{words.R(words.SendRefused, "email", "email-1", "error", `smtp profile "office": 127.0.0.1:2525: recipient: SMTP error 550: no such user`),
			"Email “Bienvenue 1” not sent: the address was refused (the relay (127.0.0.1:2525) refused the recipient — SMTP error 550: no such user)",
			"Courriel « Bienvenue 1 » non envoyé : l’adresse a été refusée (le relais (127.0.0.1:2525) a refusé le destinataire — SMTP error 550: no such user)"},
		{words.R(words.ScorePoints, "points", "-5"), "−5 points", "−5 points"},
		{words.R(words.ScorePoints, "points", "1"), "+1 point", "+1 point"},
		{words.R(words.Text0, "text", "waiting 2 days"), "Waiting 2 days", "Waiting 2 days"}, // an old row keeps its text
		{words.R("from.a.newer.version"), "Something the engine did (described by a newer version of Flightplan)", "Une action du moteur (décrite par une version plus récente de Flightplan)"},
	} {
		en := words.Render("en", tc.r, "welcome-newsletter", names{})
		fr := words.Render("fr", tc.r, "welcome-newsletter", names{})
		if en != tc.en {
			t.Errorf("%s in English:\n got %q\nwant %q", tc.r.Code, en, tc.en)
		}
		if fr != tc.fr {
			t.Errorf("%s in French:\n got %q\nwant %q", tc.r.Code, fr, tc.fr)
		}
		for _, id := range []string{"welcome-newsletter", "email-1", "gone-7", "wait-1", `"mail"`} {
			if strings.Contains(en+fr, id) {
				t.Errorf("%s shows the id %s: %q / %q", tc.r.Code, id, en, fr)
			}
		}
		if p := words.Render(words.Pseudo, tc.r, "welcome-newsletter", names{}); p != "⟦"+en+"⟧" {
			t.Errorf("%s in the pseudo language: %q", tc.r.Code, p)
		}
	}
}

// The parameters a journal row stores come back as they were written,
// whatever they hold.
func TestParamsRoundTrip(t *testing.T) {
	r := words.R(words.StepFailed, "error", "script \"x\": line 3:\n\tbad \\ value «é» \x01", "b", "2")
	back, err := words.Parse(string(r.Code), r.ParamsJSON())
	if err != nil {
		t.Fatal(err)
	}
	if back.Code != r.Code || back.Get("error") != r.Get("error") || back.Get("b") != "2" {
		t.Errorf("round trip: %+v from %s", back, r.ParamsJSON())
	}
	if _, err := words.Parse("x", "{broken"); err == nil {
		t.Error("damaged parameters read without an error")
	}
	if words.R(words.GoalReached).ParamsJSON() != "" {
		t.Error("a reason without parameters stores some")
	}
}

func TestLang(t *testing.T) {
	for in, want := range map[string]string{"fr": "fr", "fr_CA.UTF-8": "fr", "FR": "fr", "en": "en", "": "en", "de": "en", "pseudo": words.Pseudo} {
		if got := words.Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
}

// A step's failure is said in every language by the one table: the relay's
// stage in the language, what the server answered as it said it (never
// wrapped in the test language, as the app does not translate it).
func TestErrorTextsSaysTheRelayInEveryLanguage(t *testing.T) {
	e := `smtp profile "main": mx.example.com:25: recipient: 550 no such user`
	got := words.ErrorTexts(e)
	want := words.Text{
		En:     "The relay (mx.example.com:25) refused the recipient — 550 no such user",
		Fr:     "Le relais (mx.example.com:25) a refusé le destinataire — 550 no such user",
		Pseudo: "⟦The relay (mx.example.com:25) refused the recipient⟧ — 550 no such user",
	}
	if got != want {
		t.Errorf("ErrorTexts = %+v, want %+v", got, want)
	}
	if got := words.ErrorTexts("a script error"); got.Fr != "A script error" || got.Pseudo != "A script error" {
		t.Errorf("an error of no known shape: %+v", got)
	}
}

// A Lua rule's failure on a step says the rule, its line and what went
// wrong in the window's language (the French window once read Lua's
// English: `Script "vip_check": line 2: attempt to index a non-table
// object(nil) with key 'tier'`).
func TestErrorTextsSaysALuaRuleFailureInEveryLanguage(t *testing.T) {
	got := words.ErrorTexts("script \"vip_check\": line 2: attempt to index a non-table object(nil) with key 'tier' (unknown name `plan`; it is nil here)")
	want := words.Text{
		En:     "The rule “vip_check”, line 2: “tier” cannot be read from a value that is nil (“plan” is a name Lua does not know: it is nil here)",
		Fr:     "La règle « vip_check », ligne 2 : impossible de lire « tier » dans une valeur qui vaut nil (« plan » est un nom que Lua ne connaît pas : il vaut nil ici)",
		Pseudo: "⟦The rule “vip_check”, line 2: “tier” cannot be read from a value that is nil (“plan” is a name Lua does not know: it is nil here)⟧",
	}
	if got != want {
		t.Errorf("ErrorTexts =\n%+v\nwant\n%+v", got, want)
	}
	// Lua's other words pass through, after the rule's name in the language.
	if got := words.ErrorTexts(`script "r": boom`); got.Fr != "La règle « r » : boom" || got.En != "The rule “r”: boom" {
		t.Errorf("a rule's failure of no known shape: %+v", got)
	}
}

// A refused login names the user once, in the language, before what the
// server answered (the sender's English "login as … refused" once
// followed the French phrase).
func TestErrorTextsNamesTheUserARelayRefused(t *testing.T) {
	got := words.ErrorTexts(`smtp profile "main": 127.0.0.1:2525: auth: login as "walk" refused: SMTP error 535: Authentication credentials invalid`)
	if got.En != "The relay (127.0.0.1:2525) refused the login as “walk” — SMTP error 535: Authentication credentials invalid" ||
		got.Fr != "Le relais (127.0.0.1:2525) a refusé l’identification de « walk » — SMTP error 535: Authentication credentials invalid" {
		t.Errorf("ErrorTexts = %+v", got)
	}
}
