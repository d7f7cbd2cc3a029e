package script

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/words"
)

// The sandbox's messages in French. A script's failure reaches the
// marketer as its English message (in the journal, on the step, in the
// history); words.ErrorText says it in the window's language from its
// shape, which this file teaches it: each message is written once, as
// the English the code writes with its <parts>, and its French.
//
// A part is put back as it was, except these, which are said in words:
// <got> (what describe wrote), <a> and <b> (Lua type names), <want> and
// <have> (type names without an article), <op> (an arithmetic operation), <error> (a message that is
// itself said in words), <hint> (a forbiddenHints sentence), <size> and
// <limit> (decimal numbers).
var messages = [][2]string{
	// What the script returned is not what its kind returns.
	{"a condition must return true or false, got <got>", "une condition doit renvoyer true ou false (vrai ou faux), elle a renvoyé <got>"},
	{"a scoring script must return a number, got <got>", "un script de score doit renvoyer un nombre, il a renvoyé <got>"},
	{"a scoring script must return a finite number, got <got>", "un script de score doit renvoyer un nombre fini, il a renvoyé <got>"},
	{`an action must return a table of changes like {tags_add={"hot"}}, got <got>`, `une action doit renvoyer une table de changements comme {tags_add={"hot"}}, elle a renvoyé <got>`},
	{"unknown key <key> in the changes (known: <known>)", "les changements ont une clé inconnue, <key> (clés possibles : <known>)"},
	{"unexpected key <key> in the changes (known: <known>)", "les changements ont une clé inattendue, <key> (clés possibles : <known>)"},
	{"<change>: <error>", "<change> : <error>"},
	{"must be a finite number of points, got <got>", "doit être un nombre fini de points, pas <got>"},
	{`must be a stage name such as "MQL", got <got>`, `doit être le nom d’une étape comme "MQL", pas <got>`},
	{`must be a table like {plan="pro"}, got <got>`, `doit être une table comme {plan="pro"}, pas <got>`},
	{"field names must be strings, got <got>", "les noms de champs doivent être des chaînes, pas <got>"},
	{"names must not be empty", "les noms ne doivent pas être vides"},
	{"must be a name or a list of names, got <got>", "doit être un nom ou une liste de noms, pas <got>"},
	{`must be a list like {"a", "b"}, not a record`, `doit être une liste comme {"a", "b"}, pas une table à clés`},
	{"item <n> must be a non-empty name, got <got>", "l’élément <n> doit être un nom non vide, pas <got>"},
	{"returned changes too large to convert: <error>", "les changements renvoyés sont trop gros : <error>"},

	// The sandbox stopped the script.
	{"ran past its deadline of <budget> (infinite loop?)", "a dépassé son temps permis de <budget> (une boucle sans fin ?)"},
	{"evaluation canceled", "exécution annulée"},
	{"ran too long, past its budget of <n> Lua instructions (infinite loop?)", "a tourné trop longtemps, au-delà de sa limite de <n> instructions Lua (une boucle sans fin ?)"},
	{"call stack overflow: too many nested calls (runaway recursion?)", "trop d’appels imbriqués : la pile d’appels déborde (une fonction qui s’appelle sans fin ?)"},
	{"value stack overflow: too many values at once (huge unpack or vararg call?)", "trop de valeurs à la fois : la pile de valeurs déborde (un unpack énorme ?)"},
	{"memory budget exceeded: the script allocated more than <limit> MiB (<size> MiB so far; a loop building strings or tables?)", "mémoire épuisée : le script a pris plus de <limit> Mio (<size> Mio jusqu’ici ; une boucle qui construit des chaînes ou des tables ?)"},
	{"string too long: a string of <size> MiB exceeds the <limit> MiB limit (a string doubling loop?)", "chaîne trop longue : une chaîne de <size> Mio dépasse la limite de <limit> Mio (une boucle qui double une chaîne ?)"},
	{"string too long: a string of <size> MiB exceeds the <limit> MiB limit", "chaîne trop longue : une chaîne de <size> Mio dépasse la limite de <limit> Mio"},
	{"pattern too complex", "motif trop complexe"},

	// Names the sandbox does not have (the editor's findings, and the hint
	// a run-time error carries).
	{"unknown name `<name>` (did you mean `<guess>`?); it is nil here", "nom inconnu : `<name>` (vouliez-vous dire `<guess>` ?) ; il vaut nil ici"},
	{"unknown name `<name>`; it is nil here", "nom inconnu : `<name>` ; il vaut nil ici"},
	{"`<name>` is not available: <hint>", "`<name>` n’est pas disponible : <hint>"},
	{"`<name>` has no `<key>` (did you mean `<guess>`?)", "`<name>` n’a pas de `<key>` (vouliez-vous dire `<guess>` ?)"},
	{"`<name>` has no `<key>`", "`<name>` n’a pas de `<key>`"},
	{"`<name>` is read-only: scripts cannot change it", "`<name>` est en lecture seule : un script ne peut pas le modifier"},
	{"the script never returns a value: end it with `return ...` (a boolean, a number or a table of changes)", "le script ne renvoie jamais de valeur : terminez-le par `return ...` (un booléen, un nombre ou une table de changements)"},

	// Lua's own run-time and syntax errors.
	{"attempt to call a non-function object", "impossible d’appeler cette valeur : ce n’est pas une fonction"},
	{"attempt to compare <a> with <b>", "impossible de comparer <a> avec <b>"},
	{"cannot perform <op> operation between <a> and <b>", "impossible de faire <op> entre <a> et <b>"},
	{"bad argument #<n> to <fn> (<want> expected, got <have>)", "mauvais argument n° <n> pour <fn> (<want> attendu, <have> reçu)"},
	{"table index is nil", "l’index de la table vaut nil"},
	{"syntax error at the end of the script", "erreur de syntaxe à la fin du script"},
	{"syntax error near '<token>'", "erreur de syntaxe près de « <token> »"},
	{"syntax error: unexpected <token> near '<near>'", "erreur de syntaxe : <token> inattendu près de « <near> »"},
}

// hintsFr are forbiddenHints in French.
var hintsFr = map[string]string{
	"scripts cannot read or write files":                                              "un script ne peut ni lire ni écrire de fichiers",
	"the debug library is not available in scripts":                                   "la bibliothèque debug n’est pas disponible dans un script",
	"scripts cannot load modules":                                                     "un script ne peut pas charger de modules",
	"scripts cannot compile code at run time":                                         "un script ne peut pas compiler de code pendant qu’il tourne",
	"scripts cannot read files":                                                       "un script ne peut pas lire de fichiers",
	"memory is managed by Flightplan":                                                 "Flightplan gère la mémoire",
	"function environments are fixed in scripts":                                      "les environnements de fonction sont fixes dans un script",
	"raw access is not available in scripts":                                          "l’accès brut n’est pas disponible dans un script",
	"userdata is not available in scripts":                                            "les userdata ne sont pas disponibles dans un script",
	"coroutines are not available in scripts":                                         "les coroutines ne sont pas disponibles dans un script",
	"the global table is not reachable; use local variables":                          "la table globale est hors d’atteinte ; utilisez des variables locales",
	"scripts cannot run programs (os has only time, date, clock, difftime)":           "un script ne peut pas lancer de programmes (os n’a que time, date, clock, difftime)",
	"scripts cannot stop the app (os has only time, date, clock, difftime)":           "un script ne peut pas arrêter l’application (os n’a que time, date, clock, difftime)",
	"scripts cannot read the environment (os has only time, date, clock, difftime)":   "un script ne peut pas lire l’environnement (os n’a que time, date, clock, difftime)",
	"scripts cannot touch files (os has only time, date, clock, difftime)":            "un script ne peut pas toucher aux fichiers (os n’a que time, date, clock, difftime)",
	"scripts cannot change the environment (os has only time, date, clock, difftime)": "un script ne peut pas changer l’environnement (os n’a que time, date, clock, difftime)",
	"string.rep is removed (memory bombs); build strings with table.concat":           "string.rep est retiré (bombes mémoire) ; construisez les chaînes avec table.concat",
	"string.dump is removed (bytecode)":                                               "string.dump est retiré (bytecode)",
	"math.randomseed is removed: the generator is shared":                             "math.randomseed est retiré : le générateur est partagé",
}

// typesFr are Lua's type names in French, with their article where a
// sentence needs one.
var typesFr = map[string]string{
	"nil": "nil", "number": "un nombre", "string": "une chaîne", "boolean": "un booléen",
	"table": "une table", "function": "une fonction", "userdata": "une userdata", "thread": "un thread",
	"channel": "un canal",
}

// opsFr are gopher-lua's operation names in French.
var opsFr = map[string]string{
	"add": "une addition", "sub": "une soustraction", "mul": "une multiplication", "div": "une division",
	"mod": "un modulo", "pow": "une puissance", "unm": "une négation", "concat": "une concaténation (..)",
}

// partPatterns are what a part may hold, where "anything" would read too
// far; a part not listed takes as little as it can.
var partPatterns = map[string]string{
	"name": "[^`]+", "guess": "[^`]+", "key": ".+?",
	"change": "fields|tags_add|tags_remove|lists_add|lists_remove|score|stage",
	"a":      `\w+`, "b": `\w+`, "want": `\w+`, "have": `\w+`, "op": `\w+`, "n": `\d+`,
	"size": `[\d.]+`, "limit": `\d+`,
}

// shape is one message, matched.
type shape struct {
	re    *regexp.Regexp
	parts []string
	fr    string
}

var (
	shapes  []shape
	partRe  = regexp.MustCompile(`<(\w+)>`)
	hinted  = regexp.MustCompile("(?s)^(attempt to .+?) \\(((?:unknown name |`).+)\\)$")
	gotNil  = "nil (did the script forget `return`?)"
	gotSome = regexp.MustCompile(`^(number|string) \((.*)\)$`)
)

func init() {
	for _, m := range messages {
		var b strings.Builder
		var parts []string
		b.WriteString("(?s)^")
		en := m[0]
		for {
			loc := partRe.FindStringSubmatchIndex(en)
			if loc == nil {
				b.WriteString(regexp.QuoteMeta(en))
				break
			}
			b.WriteString(regexp.QuoteMeta(en[:loc[0]]))
			name := en[loc[2]:loc[3]]
			pat, ok := partPatterns[name]
			if !ok {
				pat = ".+?"
			}
			b.WriteString("(" + pat + ")")
			parts = append(parts, name)
			en = en[loc[1]:]
		}
		b.WriteString("$")
		shapes = append(shapes, shape{re: regexp.MustCompile(b.String()), parts: parts, fr: m[1]})
	}
	words.Shape(sayError)
}

// sayError is a sandbox message in lang, when it is one.
func sayError(lang, e string) (string, bool) {
	if m := hinted.FindStringSubmatch(e); m != nil {
		// A Lua error with the editor's finding on its line.
		return words.ErrorText(lang, m[1]) + " (" + words.ErrorText(lang, m[2]) + ")", true
	}
	for _, s := range shapes {
		m := s.re.FindStringSubmatch(e)
		if m == nil {
			continue
		}
		if lang != "fr" {
			return e, true
		}
		vals := map[string]string{}
		for i, p := range s.parts {
			vals[p] = m[i+1]
		}
		return partRe.ReplaceAllStringFunc(s.fr, func(p string) string {
			k := p[1 : len(p)-1]
			return partFr(k, vals[k])
		}), true
	}
	return "", false
}

// partFr is one part of a message in French.
func partFr(key, v string) string {
	switch key {
	case "got":
		if v == gotNil {
			return "nil (le script a-t-il oublié `return` ?)"
		}
		if m := gotSome.FindStringSubmatch(v); m != nil {
			return typesFr[m[1]] + " (" + m[2] + ")"
		}
		if t, ok := typesFr[v]; ok {
			return t
		}
	case "a", "b":
		if t, ok := typesFr[v]; ok {
			return t
		}
	case "want", "have":
		if t, ok := typesFr[v]; ok {
			// "nombre attendu": no article.
			return strings.TrimPrefix(strings.TrimPrefix(t, "un "), "une ")
		}
	case "op":
		if t, ok := opsFr[v]; ok {
			return t
		}
	case "hint":
		if t, ok := hintsFr[v]; ok {
			return t
		}
	case "error":
		return words.ErrorText("fr", v)
	case "size", "limit":
		return strings.ReplaceAll(v, ".", ",")
	case "budget":
		return durationFr(v)
	}
	return v
}

// durationFr writes a Go duration ("20ms", "1.5s") as French writes it:
// "20 ms", "1,5 s". A value it cannot read is kept as it came.
func durationFr(v string) string {
	d, err := time.ParseDuration(v)
	if err != nil {
		return v
	}
	if d < time.Second {
		return strings.ReplaceAll(strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', -1, 64), ".", ",") + " ms"
	}
	return strings.ReplaceAll(strconv.FormatFloat(d.Seconds(), 'f', -1, 64), ".", ",") + " s"
}
