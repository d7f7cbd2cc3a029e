package engine

import (
	"regexp"
	"strconv"

	"flightplan/engine/words"
)

// A Lua step's failures that come from the workspace rather than from
// the script's run (the sandbox's own are in engine/script/words.go):
// the rule is gone, or switched off for failing again and again. The
// journal keeps the English; words.ErrorText says it in the window's
// language from its shape.
var (
	scriptGone = regexp.MustCompile(`^script ("(?:[^"\\]|\\.)*") does not exist$`)
	scriptOff  = regexp.MustCompile(`(?s)^script ("(?:[^"\\]|\\.)*") is switched off: it failed (\d+) times in a row \(last: (.*)\)\. Fix it and save it, or switch it back on, in Scripts$`)
)

func init() {
	words.Shape(func(lang, e string) (string, bool) {
		if m := scriptGone.FindStringSubmatch(e); m != nil {
			name, _ := strconv.Unquote(m[1])
			if lang == "fr" {
				return "la règle " + words.Quote(lang, name) + " n’existe pas (supprimée ou renommée ?) : choisissez-en une autre sur l’étape", true
			}
			return "the rule " + words.Quote(lang, name) + " does not exist (deleted or renamed?): pick another one on the step", true
		}
		if m := scriptOff.FindStringSubmatch(e); m != nil {
			name, _ := strconv.Unquote(m[1])
			n, _ := strconv.Atoi(m[2])
			last := words.ErrorText(lang, m[3])
			if lang == "fr" {
				return "la règle " + words.Quote(lang, name) + " est désactivée : elle a échoué " + words.Plural(lang, float64(n), "fois", "fois") +
					" de suite (la dernière : " + last + "). Corrigez-la et enregistrez-la, ou réactivez-la, dans Règles (Lua)", true
			}
			return "the rule " + words.Quote(lang, name) + " is switched off: it failed " + words.Plural(lang, float64(n), "time", "times") +
				" in a row (last: " + last + "). Fix it and save it, or switch it back on, in Rules (Lua)", true
		}
		return "", false
	})
}
