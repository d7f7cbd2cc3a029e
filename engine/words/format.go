package words

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// nbsp is the narrow no-break space French puts between thousands and
// before units ("12 345", "50 %").
const nbsp = "\u202f"

// Number writes a number the language's way: "12,345.5" in English,
// "12 345,5" in French; at most two decimals, none when whole.
func Number(lang string, f float64) string {
	neg := f < 0
	f = math.Abs(f)
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	sep, dec := ",", "."
	if lang == "fr" {
		sep, dec = nbsp, ","
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec)
		b.WriteString(frac)
	}
	return b.String()
}

// Plural writes n with the word that agrees with it: English takes the
// singular for 1 only, French for anything under 2 ("1,5 jour", "0 fois").
func Plural(lang string, n float64, one, many string) string {
	w := many
	if (lang == "fr" && math.Abs(n) < 2) || (lang != "fr" && n == 1) {
		w = one
	}
	return Number(lang, n) + " " + w
}

// Duration writes a duration in plain words: "2 days", "1 hour 30
// minutes", "3 days 4 hours"; in French "2 jours", "1 h 30", "3 jours 4 h".
func Duration(lang string, d time.Duration) string {
	fr := lang == "fr"
	if d < time.Minute {
		s := math.Round(d.Seconds())
		if fr {
			return Plural(lang, s, "seconde", "secondes")
		}
		return Plural(lang, s, "second", "seconds")
	}
	d = d.Round(time.Minute)
	days, rest := int64(d/(24*time.Hour)), d%(24*time.Hour)
	h, m := int64(rest/time.Hour), int64(rest%time.Hour/time.Minute)
	var parts []string
	if days > 0 {
		if fr {
			parts = append(parts, Plural(lang, float64(days), "jour", "jours"))
		} else {
			parts = append(parts, Plural(lang, float64(days), "day", "days"))
		}
	}
	switch {
	case fr && h > 0 && m > 0:
		parts = append(parts, strconv.FormatInt(h, 10)+" h "+twoDigits(m))
	case fr && h > 0 && days > 0:
		parts = append(parts, strconv.FormatInt(h, 10)+" h")
	case fr && h > 0:
		parts = append(parts, Plural(lang, float64(h), "heure", "heures"))
	case h > 0:
		parts = append(parts, Plural(lang, float64(h), "hour", "hours"))
	}
	if m > 0 && !(fr && h > 0) {
		if fr {
			parts = append(parts, Plural(lang, float64(m), "minute", "minutes"))
		} else {
			parts = append(parts, Plural(lang, float64(m), "minute", "minutes"))
		}
	}
	return strings.Join(parts, " ")
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

var monthsFr = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}

// Hour writes an hour of the day: "10 AM", "2 PM" in English; "10 h",
// "14 h" in French.
func Hour(lang string, h int) string {
	if lang == "fr" {
		return strconv.Itoa(h) + " h"
	}
	switch {
	case h == 0:
		return "12 AM"
	case h < 12:
		return strconv.Itoa(h) + " AM"
	case h == 12:
		return "12 PM"
	}
	return strconv.Itoa(h-12) + " PM"
}

// Date writes a day: "Dec 6, 2026" in English, "6 déc. 2026" in French.
func Date(lang string, t time.Time) string {
	if lang == "fr" {
		return strconv.Itoa(t.Day()) + " " + monthsFr[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("Jan 2, 2006")
}

// DateTime writes an instant in the timezone tz (an IANA name; UTC when
// empty or unknown), with the zone's abbreviation, since a time means
// little without it: "Dec 6, 2026, 2:05 PM CET", "6 déc. 2026, 14 h 05 CET".
func DateTime(lang string, t time.Time, tz string) string {
	loc := location(tz)
	t = t.In(loc)
	zone := t.Format("MST")
	if lang == "fr" {
		return Date(lang, t) + ", " + strconv.Itoa(t.Hour()) + " h " + twoDigits(int64(t.Minute())) + " " + zone
	}
	return Date(lang, t) + ", " + t.Format("3:04 PM") + " " + zone
}

var locs sync.Map // IANA name -> *time.Location

func location(tz string) *time.Location {
	if tz == "" || tz == "UTC" {
		return time.UTC
	}
	if l, ok := locs.Load(tz); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(tz)
	if err != nil {
		l = time.UTC
	}
	locs.Store(tz, l)
	return l
}

// At is an instant as a parameter holds it (RFC 3339, UTC); its
// timezone goes beside it, as "tz" (TZ).
func At(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// TZ is a timezone's name as the "tz" parameter holds it.
func TZ(loc *time.Location) string {
	if loc == nil {
		return "UTC"
	}
	return loc.String()
}
