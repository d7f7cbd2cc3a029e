package contacts

import (
	"regexp"
	"strconv"
	"strings"

	"flightplan/engine/words"
)

// Why a value was refused (a CSV row, a contact typed by hand), in plain
// words in every language: the engine's English names the field by its
// key and quotes as Go does ("field "birth_date": "03/04/1985" is not a
// date"); words.ErrorText says it from its shape, the field by its name.
var (
	fieldErr = regexp.MustCompile(`(?s)^field ("(?:[^"\\]|\\.)*"): (.*)$`)
	// q is a value quoted by %q.
	q           = `("(?:[^"\\]|\\.)*")`
	valueShapes = []struct {
		re     *regexp.Regexp
		en, fr string // %1, %2… are the parts, quoted as lang quotes
	}{
		{regexp.MustCompile(`^` + q + ` is not a phone number: it contains letters at ` + q + `$`), "%1 is not a phone number: it has letters from %2", "%1 n’est pas un numéro de téléphone : il contient des lettres à partir de %2"},
		{regexp.MustCompile(`^` + q + ` is not a phone number: unexpected ` + q + `$`), "%1 is not a phone number: %2 has no place in one", "%1 n’est pas un numéro de téléphone : %2 n’a pas sa place dans un numéro"},
		{regexp.MustCompile(`^` + q + ` is not a phone number: too few digits$`), "%1 is not a phone number: too few digits", "%1 n’est pas un numéro de téléphone : trop peu de chiffres"},
		{regexp.MustCompile(`^` + q + ` is not a phone number: more than 15 digits$`), "%1 is not a phone number: more than 15 digits", "%1 n’est pas un numéro de téléphone : plus de 15 chiffres"},
		{regexp.MustCompile(`^` + q + ` does not start with its year, as the dates of this file should \(year-month-day\)$`), "%1 does not start with its year, as the dates of this file do (year-month-day)", "%1 ne commence pas par l’année, comme les dates de ce fichier (année-mois-jour)"},
		{regexp.MustCompile(`^` + q + `: write the year with four digits$`), "%1: write the year with four digits", "%1 : écrivez l’année avec quatre chiffres"},
		{regexp.MustCompile(`^` + q + ` is not a date \(day, month name and four-digit year expected\)$`), "%1 is not a date (a day, a month's name and a four-digit year)", "%1 n’est pas une date (un jour, le nom d’un mois et une année à quatre chiffres)"},
		{regexp.MustCompile(`^` + q + ` is not a date: (\w+) (\d+) has no day (\d+)$`), "%1 is not a date: %2 %3 has no day %4", "%1 n’est pas une date : %2 %3 n’a pas de jour %4"},
		{regexp.MustCompile(`^` + q + ` is not a date$`), "%1 is not a date", "%1 n’est pas une date"},
		{regexp.MustCompile(`^` + q + ` is not a number$`), "%1 is not a number", "%1 n’est pas un nombre"},
		{regexp.MustCompile(`^` + q + ` is not yes or no$`), "%1 is not yes or no", "%1 n’est ni oui ni non"},
		{regexp.MustCompile(`^` + q + ` is not one of (.*)$`), "%1 is not one of the choices: %2", "%1 ne fait pas partie des choix : %2"},
		{regexp.MustCompile(`^` + q + ` is not a time zone \(e\.g\. Europe/Paris, America/Montreal\)$`), "%1 is not a time zone (e.g. Europe/Paris, America/Montreal)", "%1 n’est pas un fuseau horaire (par ex. Europe/Paris, America/Montreal)"},
	}
	monthsFr = map[string]string{"January": "janvier", "February": "février", "March": "mars", "April": "avril", "May": "mai", "June": "juin",
		"July": "juillet", "August": "août", "September": "septembre", "October": "octobre", "November": "novembre", "December": "décembre"}
)

func init() { words.Shape(sayValueError) }

// sayValueError is a refused value in lang, when it has a known shape.
func sayValueError(lang, e string) (string, bool) {
	if m := fieldErr.FindStringSubmatch(e); m != nil {
		inner, ok := sayValue(lang, m[2])
		if !ok {
			return "", false
		}
		name, _ := strconv.Unquote(m[1])
		sep := ": "
		if lang == "fr" {
			sep = " : "
		}
		return words.Field(lang, name) + sep + inner, true
	}
	return sayValue(lang, e)
}

func sayValue(lang, e string) (string, bool) {
	for _, s := range valueShapes {
		m := s.re.FindStringSubmatch(e)
		if m == nil {
			continue
		}
		out := s.en
		if lang == "fr" {
			out = s.fr
		}
		for i := len(m) - 1; i >= 1; i-- {
			v := m[i]
			if strings.HasPrefix(v, `"`) {
				if u, err := strconv.Unquote(v); err == nil {
					v = words.Quote(lang, u)
				}
			} else if f, ok := monthsFr[v]; ok && lang == "fr" {
				v = f
			}
			out = strings.ReplaceAll(out, "%"+strconv.Itoa(i), v)
		}
		return out, true
	}
	return "", false
}
