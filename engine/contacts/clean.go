package contacts

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// CleanText trims a value and collapses runs of white space (tabs, line
// breaks, no-break spaces) into one space, and drops zero-width characters
// that spreadsheets leave behind: two cells that look equal must compare
// equal.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			continue
		case unicode.IsSpace(r) || r == '\u202f':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isClean is the allocation-free fast path of CleanText: plain ASCII with
// single inner spaces and none at the ends.
func isClean(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c < ' ' || (c == ' ' && prev == ' ') {
			return false
		}
		prev = c
	}
	return true
}

// fold turns a value into a lookup key: lower case, accents removed, only
// letters and digits kept. "Québec", "QUEBEC" and "Qué-bec" share a key.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				b.WriteRune(r)
			case r >= 'A' && r <= 'Z':
				b.WriteRune(r + 'a' - 'A')
			}
			continue
		}
		if base, ok := deaccent[unicode.ToLower(r)]; ok {
			b.WriteString(base)
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Deaccent writes accented letters without their accents ("Séquence
// d'été" → "Sequence d'ete"), leaving everything else as it is: ids made
// from French names read as words rather than holes.
func Deaccent(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		lower := unicode.ToLower(r)
		if base, ok := deaccent[lower]; ok {
			if lower != r {
				base = strings.ToUpper(base)
			}
			b.WriteString(base)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// deaccent covers the accented letters of French, Spanish, Portuguese,
// German and the Nordic languages, which is what contact data holds.
// It is built in a variable initialiser, not init(), so that package
// variables built with fold (the value maps) see it.
var deaccent = func() map[rune]string {
	m := map[rune]string{}
	for base, letters := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćčĉċ", "d": "ďđ", "e": "èéêëēĕėęě", "g": "ğĝġģ", "h": "ĥħ",
		"i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ñńņňŉ", "o": "òóôõöøōŏő",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
		"ae": "æ", "oe": "œ", "ss": "ß", "th": "þ",
	} {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// CleanEmail lower-cases and checks an email address. It accepts the forms
// address books export ("Jean <jean@x.fr>", "mailto:jean@x.fr") and
// returns the bare address, or an error saying what is wrong with it.
func CleanEmail(s string) (string, error) {
	s = CleanText(s)
	if i := strings.LastIndexByte(s, '<'); i >= 0 && strings.HasSuffix(s, ">") {
		s = strings.TrimSpace(s[i+1 : len(s)-1])
	}
	if len(s) > 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	s = strings.ToLower(s)
	if s == "" {
		return "", errors.New("no email address")
	}
	at := strings.IndexByte(s, '@')
	switch {
	case at < 0:
		return s, fmt.Errorf("invalid email %q: no @", s)
	case strings.Count(s, "@") > 1:
		return s, fmt.Errorf("invalid email %q: more than one @", s)
	case at == 0:
		return s, fmt.Errorf("invalid email %q: nothing before the @", s)
	case at == len(s)-1:
		return s, fmt.Errorf("invalid email %q: no domain after the @", s)
	case strings.ContainsAny(s, " ,;:\"()[]\\"):
		return s, fmt.Errorf("invalid email %q: contains a space or a forbidden character", s)
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 64 || strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return s, fmt.Errorf("invalid email %q: misplaced dot before the @", s)
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return s, fmt.Errorf("invalid email %q: the domain %q has no dot", s, domain)
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return s, fmt.Errorf("invalid email %q: malformed domain %q", s, domain)
		}
		for _, r := range l {
			if !(r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return s, fmt.Errorf("invalid email %q: malformed domain %q", s, domain)
			}
		}
	}
	tld := labels[len(labels)-1]
	if utf8.RuneCountInString(tld) < 2 || strings.IndexFunc(tld, unicode.IsDigit) >= 0 && !strings.HasPrefix(tld, "xn--") {
		return s, fmt.Errorf("invalid email %q: malformed domain %q", s, domain)
	}
	return s, nil
}

// CleanPhone keeps the + and the digits of a phone number. "00" becomes
// "+"; a national number gets defaultCode (e.g. "33", "+1") in place of its
// trunk 0, so one person typed two ways dedupes and sorts the same. An
// extension ("poste 12", "ext. 12") is refused rather than glued onto the
// number.
func CleanPhone(s, defaultCode string) (string, error) {
	s = CleanText(s)
	if s == "" {
		return "", nil
	}
	var d strings.Builder
	plus := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case r == '+' && d.Len() == 0 && !plus:
			plus = true
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '/' || r == '\u00a0':
		default:
			if unicode.IsLetter(r) {
				return "", fmt.Errorf("%q is not a phone number: it contains letters at %q", s, s[i:])
			}
			return "", fmt.Errorf("%q is not a phone number: unexpected %q", s, r)
		}
	}
	digits := d.String()
	switch {
	case plus:
	case strings.HasPrefix(digits, "00"):
		digits, plus = digits[2:], true
	case defaultCode != "":
		code := strings.TrimLeft(defaultCode, "+")
		switch {
		case strings.HasPrefix(digits, "0"):
			digits = code + digits[1:]
		case strings.HasPrefix(digits, code) && len(digits) > 10:
			// already carries the country code
		default:
			digits = code + digits
		}
		plus = true
	}
	if len(digits) < 6 {
		return "", fmt.Errorf("%q is not a phone number: too few digits", s)
	}
	if len(digits) > 15 {
		return "", fmt.Errorf("%q is not a phone number: more than 15 digits", s)
	}
	if plus {
		return "+" + digits, nil
	}
	return digits, nil
}

// DateOrder tells how to read an ambiguous numeric date such as 03/04/1985.
type DateOrder string

// Date orders: day first (Europe, Québec; the default) or month first (US).
const (
	DayFirst   DateOrder = "dmy"
	MonthFirst DateOrder = "mdy"
	// YearFirst reads only dates that start with their four-digit year
	// (1985-03-04, 1985/03/04): a file said to be written so where
	// 03/04/1985 shows up is wrong somewhere, and guessing would hide it.
	YearFirst DateOrder = "ymd"
)

// months maps folded month names and abbreviations, French and English.
var months = map[string]time.Month{}

func init() {
	for m, names := range [12][]string{
		{"janvier", "janv", "january", "jan"},
		{"fevrier", "fevr", "fev", "february", "feb"},
		{"mars", "march", "mar"},
		{"avril", "avr", "april", "apr"},
		{"mai", "may"},
		{"juin", "june", "jun"},
		{"juillet", "juil", "july", "jul"},
		{"aout", "august", "aug"},
		{"septembre", "sept", "sep", "september"},
		{"octobre", "oct", "october"},
		{"novembre", "nov", "november"},
		{"decembre", "dec", "december"},
	} {
		for _, n := range names {
			months[n] = time.Month(m + 1)
		}
	}
}

// weekdays are ignored in textual dates ("lundi 3 mars 1985").
var weekdays = map[string]bool{"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"lun": true, "mer": true, "jeu": true, "ven": true, "sam": true, "dim": true, "mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true}

// ParseDay reads a calendar date written the ways people and spreadsheets
// write it — 1985-03-03, 03/03/1985, 3.3.1985, "3 mars 1985", "1er mars
// 1985", "March 3, 1985", "1985-03-03 00:00:00" — and returns it as
// YYYY-MM-DD. A numeric date whose day and month could be swapped is read in
// order; one that can only be read one way (13/02 or 02/13) is read that way.
// Two-digit years are refused: 03/04/05 has no safe reading.
func ParseDay(s string, order DateOrder) (string, error) {
	s = CleanText(s)
	if s == "" {
		return "", errors.New("empty date")
	}
	// Drop a time part ("1985-03-03T00:00:00Z", "03/03/1985 00:00").
	if strings.Contains(s, ":") {
		if i := strings.IndexAny(s, "T "); i > 0 && isNumericDate(s[:i]) {
			s = s[:i]
		}
	}
	if isNumericDate(s) {
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
		if len(parts) != 3 {
			return "", fmt.Errorf("%q is not a date", s)
		}
		a, _ := strconv.Atoi(parts[0])
		b, _ := strconv.Atoi(parts[1])
		c, _ := strconv.Atoi(parts[2])
		switch {
		case len(parts[0]) == 4: // year first: 1985-03-03
			return mkDate(s, a, b, c)
		case order == YearFirst:
			return "", fmt.Errorf("%q does not start with its year, as the dates of this file should (year-month-day)", s)
		case len(parts[2]) != 4:
			return "", fmt.Errorf("%q: write the year with four digits", s)
		case a > 12 && b > 12:
			return "", fmt.Errorf("%q is not a date", s)
		case a > 12:
			return mkDate(s, c, b, a)
		case b > 12:
			return mkDate(s, c, a, b)
		case order == MonthFirst:
			return mkDate(s, c, a, b)
		default:
			return mkDate(s, c, b, a)
		}
	}
	// Textual: tokens are a month name, a day and a four-digit year, in any order.
	toks := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '/' || r == '-'
	})
	day, year := 0, 0
	var month time.Month
	for _, t := range toks {
		f := fold(t)
		if m, ok := months[f]; ok && month == 0 {
			month = m
			continue
		}
		if weekdays[f] || f == "le" || f == "the" || f == "of" || f == "de" {
			continue
		}
		n := strings.TrimRight(f, "ersthndr") // 1er, 1st, 2nd, 3rd, 4th
		if !isDigits(n) || n == "" {
			return "", fmt.Errorf("%q is not a date", s)
		}
		v, _ := strconv.Atoi(n)
		switch {
		case len(n) == 4 && year == 0:
			year = v
		case len(n) <= 2 && day == 0:
			day = v
		default:
			return "", fmt.Errorf("%q is not a date", s)
		}
	}
	if month == 0 || day == 0 || year == 0 {
		return "", fmt.Errorf("%q is not a date (day, month name and four-digit year expected)", s)
	}
	return mkDate(s, year, int(month), day)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isNumericDate(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '/' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func mkDate(orig string, y, m, d int) (string, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999 {
		return "", fmt.Errorf("%q is not a date", orig)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31/02
		return "", fmt.Errorf("%q is not a date: %s %d has no day %d", orig, time.Month(m), y, d)
	}
	return t.Format("2006-01-02"), nil
}

// ParseNumber reads a number written the French or the English way:
// "1 234,5", "1,234.5", "12,50 €", "15 %". The last of "," and "." is the
// decimal mark when both appear.
func ParseNumber(s string) (float64, error) {
	s = CleanText(s)
	orig := s
	s = strings.TrimSpace(strings.Trim(s, "€$£%¥ "))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '’':
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	comma, dot := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	switch {
	case comma >= 0 && dot >= 0 && comma > dot:
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case comma >= 0 && dot >= 0:
		s = strings.ReplaceAll(s, ",", "")
	case comma >= 0 && strings.Count(s, ",") == 1:
		s = strings.Replace(s, ",", ".", 1)
	case comma >= 0:
		s = strings.ReplaceAll(s, ",", "") // 1,234,567
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || s == "" {
		return 0, fmt.Errorf("%q is not a number", orig)
	}
	return v, nil
}

// ParseBool reads yes/no in English and French, and the spreadsheet forms
// 1/0, x, true/false.
func ParseBool(s string) (bool, error) {
	switch fold(s) {
	case "true", "yes", "y", "oui", "o", "vrai", "1", "x", "on", "si":
		return true, nil
	case "false", "no", "n", "non", "faux", "0", "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is not yes or no", CleanText(s))
}
