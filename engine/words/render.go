package words

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Names turns the ids a reason holds into what a user calls them. Each
// method returns "" for an id it does not know; the reason then names the
// thing by its kind ("a deleted email"), never by its id.
type Names interface {
	// Funnel is a funnel's title.
	Funnel(id string) string
	// Step is the title of step node of funnel flow, or its type's plain
	// name with its main setting ("Wait 2 days"), in lang.
	Step(flow, node, lang string) string
	// Email is an email's name.
	Email(id string) string
}

// ScriptNames is what Names may also know: a rule's title by its key, in
// lang ("" for a rule it does not know, which is then named by its key).
type ScriptNames interface {
	Script(name, lang string) string
}

// NoNames knows no names: reasons name things by their kind.
type NoNames struct{}

// Funnel knows no funnel.
func (NoNames) Funnel(string) string { return "" }

// Step knows no step.
func (NoNames) Step(string, string, string) string { return "" }

// Email knows no email.
func (NoNames) Email(string) string { return "" }

// Render is r as a sentence in lang; flow is the funnel the reason was
// written in (for the steps it names).
func Render(lang string, r Reason, flow string, n Names) string {
	lang = Lang(lang)
	s := capitalise(phrase(lang, r, flow, n))
	if lang == Pseudo {
		return "⟦" + s + "⟧"
	}
	return s
}

// phrase is r's sentence with its parameters, as it goes inside another.
func phrase(lang string, r Reason, flow string, n Names) string {
	if n == nil {
		n = NoNames{}
	}
	ph, ok := Phrases[r.Code]
	if !ok {
		// A code this build does not know (a newer workspace): say so
		// plainly rather than show it.
		ph = Phrases[unknown]
	}
	src := ph[0]
	if lang == "fr" {
		src = ph[1]
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(src, '{')
		if i < 0 {
			b.WriteString(src)
			break
		}
		j := strings.IndexByte(src[i:], '}')
		if j < 0 {
			b.WriteString(src)
			break
		}
		b.WriteString(src[:i])
		b.WriteString(format(lang, src[i+1:i+j], r, flow, n))
		src = src[i+j+1:]
	}
	// An optional parameter left empty leaves its colon behind.
	return strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(b.String(), " "), ":"), " ")
}

// All is r in every language.
func All(r Reason, flow string, n Names) Text {
	return Text{En: Render("en", r, flow, n), Fr: Render("fr", r, flow, n), Pseudo: Render(Pseudo, r, flow, n)}
}

const unknown Code = "unknown"

func init() {
	Phrases[unknown] = [2]string{"Something the engine did (described by a newer version of Flightplan)", "Une action du moteur (décrite par une version plus récente de Flightplan)"}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	for i, r := range s {
		up := strings.ToUpper(string(r))
		return up + s[i+len(string(r)):]
	}
	return s
}

// format writes parameter key of r, by what its name says it holds.
func format(lang, key string, r Reason, flow string, n Names) string {
	v := r.Get(key)
	en := lang != "fr"
	switch key {
	case "email":
		return orKind(lang, n.Email(v), "(deleted)", "(supprimé)")
	case "funnel", "from":
		return orKind(lang, n.Funnel(v), "(deleted)", "(supprimé)")
	case "step":
		return orKind(lang, n.Step(flow, v, lang), "(deleted)", "(supprimée)")
	case "temperature":
		return Label(lang, "temperature", v)
	case "script":
		if sn, ok := n.(ScriptNames); ok {
			if t := sn.Script(v, Lang(lang)); t != "" {
				return Quote(lang, t)
			}
		}
		return Quote(lang, v)
	case "list", "tag", "segment", "branch", "value", "asked", "rule", "domain":
		if key == "asked" {
			return Quote(lang, Label(lang, "stage", v))
		}
		return Quote(lang, v)
	case "stage":
		return Quote(lang, Label(lang, "stage", v))
	case "got", "want":
		if v == "" && key == "got" {
			if en {
				return "empty"
			}
			return "vide"
		}
		switch f := r.Get("field"); f {
		case "stage", "temperature":
			return Quote(lang, Label(lang, f, v))
		}
		return Quote(lang, v)
	case "field", "prop":
		return Field(lang, v)
	case "event":
		return Event(lang, v)
	case "op":
		return Label(lang, "op", v)
	case "for", "after", "within", "lookback", "max":
		sec, _ := strconv.ParseInt(v, 10, 64)
		return Duration(lang, time.Duration(sec)*time.Second)
	case "at":
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return v
		}
		return DateTime(lang, t, r.Get("tz"))
	case "hour":
		h, _ := strconv.Atoi(v)
		return Hour(lang, h)
	case "count":
		c, _ := strconv.ParseFloat(v, 64)
		if en {
			return Plural(lang, c, "time", "times")
		}
		return Plural(lang, c, "fois", "fois")
	case "min", "cap", "steps", "tries", "values", "columns":
		f, _ := strconv.ParseFloat(v, 64)
		return Number(lang, f)
	case "points":
		f, _ := strconv.ParseFloat(v, 64)
		sign := "+"
		if f < 0 {
			sign, f = "−", -f
		}
		return sign + Plural(lang, f, "point", "points")
	case "percent":
		f, _ := strconv.ParseFloat(v, 64)
		if en {
			return Number(lang, f) + "%"
		}
		return Number(lang, f) + " %"
	case "window":
		switch v {
		case "last_days":
			d, _ := strconv.ParseFloat(r.Get("days"), 64)
			if en {
				return "in the last " + Plural(lang, d, "day", "days")
			}
			return "dans les " + Plural(lang, d, "dernier jour", "derniers jours")
		case "since_entry":
			if en {
				return "since entering the funnel"
			}
			return "depuis l’entrée dans le tunnel"
		}
		if en {
			return "ever"
		}
		return "depuis toujours"
	case "per":
		if v == "week" {
			if en {
				return "week"
			}
			return "semaine"
		}
		if en {
			return "day"
		}
		return "jour"
	case "source":
		if v == "learned" {
			if en {
				return "learned from their opens"
			}
			return "d’après ses ouvertures"
		}
		if en {
			return "the default hour"
		}
		return "l’heure par défaut"
	case "answer":
		if v == "true" {
			if en {
				return "yes"
			}
			return "oui"
		}
		if en {
			return "no"
		}
		return "non"
	case "error":
		return errorText(lang, v, false, n)
	case "message":
		switch {
		case r.Get("email") != "":
			if en {
				return "email " + format(lang, "email", r, flow, n)
			}
			return "courriel " + format(lang, "email", r, flow, n)
		case r.Get("to") != "":
			if en {
				return "alert to " + r.Get("to")
			}
			return "alerte à " + r.Get("to")
		case r.Get("url") != "":
			if en {
				return "call to " + r.Get("url")
			}
			return "appel à " + r.Get("url")
		}
		if en {
			return "message"
		}
		return "message"
	}
	return v
}

// orKind is a name quoted, or the kind of thing it names when it has
// none (deleted since): never the id.
func orKind(lang, name, en, fr string) string {
	if name != "" {
		return Quote(lang, name)
	}
	if lang == "fr" {
		return fr
	}
	return en
}

// Quote puts a name the user gave between the language's quotes.
func Quote(lang, s string) string {
	if lang == "fr" {
		return "« " + s + " »"
	}
	return "“" + s + "”"
}

// labels are plain names registered by kind ("op", "stage", "temperature",
// "field", "event", "type"): engine/nodes registers its operators,
// stages and step types, so each is written once.
var labels sync.Map // kind + "\x00" + value -> [2]string

// Define registers the plain name of value of a kind, in English and French.
func Define(kind, value, en, fr string) { labels.Store(kind+"\x00"+value, [2]string{en, fr}) }

// Label is the plain name of value of a kind in lang; value itself,
// underscores made spaces, when none is registered.
func Label(lang, kind, value string) string {
	if v, ok := labels.Load(kind + "\x00" + value); ok {
		p := v.([2]string)
		if lang == "fr" {
			return p[1]
		}
		return p[0]
	}
	return strings.ReplaceAll(value, "_", " ")
}

// Labelled reports whether value of a kind has a registered name.
func Labelled(kind, value string) bool {
	_, ok := labels.Load(kind + "\x00" + value)
	return ok
}

// Field is a contact field's plain name ("first name", "prénom").
func Field(lang, name string) string { return Label(lang, "field", name) }

// Event is an event type's plain name ("joined a list", "a rejoint une liste").
func Event(lang, typ string) string { return Label(lang, "event", typ) }

func init() {
	for _, f := range [][3]string{
		{"email", "email address", "adresse courriel"},
		{"first_name", "first name", "prénom"},
		{"last_name", "last name", "nom"},
		{"company", "company", "entreprise"},
		{"job_title", "job title", "poste"},
		{"country", "country", "pays"},
		{"city", "city", "ville"},
		{"phone", "phone", "téléphone"},
		{"language", "language", "langue"},
		{"timezone", "timezone", "fuseau horaire"},
		{"birth_date", "birth date", "date de naissance"},
		{"owner", "owner", "responsable"},
		{"score", "score", "pointage"},
		{"temperature", "temperature", "température"},
		{"stage", "lifecycle stage", "étape du cycle"},
		{"source", "source", "source"},
	} {
		Define("field", f[0], f[1], f[2])
	}
	for _, e := range [][3]string{
		{"contact_created", "signed up", "s’est inscrit"},
		{"list_joined", "joined a list", "a rejoint une liste"},
		{"list_left", "left a list", "a quitté une liste"},
		{"tag_added", "got a tag", "a reçu une étiquette"},
		{"tag_removed", "lost a tag", "a perdu une étiquette"},
		{"form_submitted", "sent a form", "a envoyé un formulaire"},
		{"page_visited", "visited a page", "a visité une page"},
		{"cart_abandoned", "abandoned a cart", "a abandonné un panier"},
		{"purchase", "bought", "a acheté"},
		{"purchase_made", "bought", "a acheté"},
		{"email_sent", "was sent an email", "a reçu un courriel"},
		{"email_opened", "opened an email", "a ouvert un courriel"},
		{"email_clicked", "clicked in an email", "a cliqué dans un courriel"},
		{"bounced", "address refused", "adresse refusée"},
		{"unsubscribed", "unsubscribed", "s’est désabonné"},
		{"entered_flow", "came from another funnel", "est arrivé d’un autre tunnel"},
		{"segment_entered", "entered a segment", "est entré dans un segment"},
		{"optin_confirmed", "confirmed their sign-up", "a confirmé son inscription"},
		{"file_downloaded", "downloaded a file", "a téléchargé un fichier"},
		{"page_left", "left a page", "a quitté une page"},
		{"link_clicked", "clicked a link on the website", "a cliqué un lien du site"},
		{"visits_joined", "earlier website visits joined this contact", "visites antérieures du site rattachées à ce contact"},
		{"anniversary", "date anniversary", "date anniversaire"},
		{"score_changed", "score changed", "pointage modifié"},
		{"field_changed", "field changed", "champ modifié"},
		{"stage_changed", "lifecycle stage changed", "étape du cycle modifiée"},
		{"goal_reached", "reached a goal", "a atteint un objectif"},
		{"demo_booked", "booked a demo", "a réservé une démo"},
		{"webinar_registered", "signed up for a webinar", "s’est inscrit à un webinaire"},
		{"trial_started", "started a trial", "a commencé un essai"},
	} {
		Define("event", e[0], e[1], e[2])
	}
}

// The sender's failures start `smtp profile "name": host:port: stage: `
// before what the server said; a message whose email was deleted says so
// with the email's id. Both are said in plain words.
var (
	relayPrefix = regexp.MustCompile(`smtp profile "[^"]*": (\S+): (dns|connect|tls|auth|sender|recipient|data): `)
	emailGone   = regexp.MustCompile(`(?:^|: )the email "[^"]+" does not exist any more \(deleted after the funnel was published\?\)$`)
	// contacts.CleanEmail's refusals and an import's over-long line.
	badEmail = regexp.MustCompile(`^invalid email "((?:[^"\\]|\\.)*)": (no @|more than one @|nothing before the @|no domain after the @|contains a space or a forbidden character|misplaced dot before the @|the domain "((?:[^"\\]|\\.)*)" has no dot|malformed domain "((?:[^"\\]|\\.)*)")$`)
	// engine/script's failures, and Lua's own words for its commonest
	// mistake (with the hint the script package adds).
	scriptLine = regexp.MustCompile(`(?s)^script "((?:[^"\\]|\\.)*)": line (\d+): (.*)$`)
	scriptAny  = regexp.MustCompile(`(?s)^script "((?:[^"\\]|\\.)*)": (.*)$`)
	luaUnknown = regexp.MustCompile(`(?s)^(.*) \(unknown name ` + "`" + `([^` + "`" + `]+)` + "`" + `; it is nil here\)$`)
	luaIndex   = regexp.MustCompile(`^attempt to index a non-table object\((\w+)\) with key '([^']*)'$`)
	loginAs    = regexp.MustCompile(`(?s)^login as "((?:[^"\\]|\\.)*)" refused: (.*)$`)
	rowLong    = regexp.MustCompile(`^the line has (\d+) values but the header has (\d+) columns \(a separator inside an unquoted value\?\)$`)
)

// badEmailCodes are the codes of CleanEmail's refusals, by their English.
var badEmailCodes = map[string]Code{
	"no @": ErrEmailNoAt, "more than one @": ErrEmailTwoAt, "nothing before the @": ErrEmailNoLocal,
	"no domain after the @": ErrEmailNoDomain, "contains a space or a forbidden character": ErrEmailBadChar,
	"misplaced dot before the @": ErrEmailBadDot,
}

// unquote undoes Go's %q of a value the engine quoted in an error.
func unquote(s string) string {
	if u, err := strconv.Unquote(`"` + s + `"`); err == nil {
		return u
	}
	return s
}

// ErrorsTexts is several errors about one thing (the problems of one CSV
// row), each in plain words where it has a known shape, joined by "; ".
func ErrorsTexts(errs []string) Text {
	var t Text
	for i, e := range errs {
		one := ErrorTexts(e)
		if i > 0 {
			t.En, t.Fr, t.Pseudo = t.En+"; ", t.Fr+" ; ", t.Pseudo+"; "
		}
		t.En, t.Fr, t.Pseudo = t.En+one.En, t.Fr+one.Fr, t.Pseudo+one.Pseudo
	}
	return t
}

// ErrorTexts is ErrorText in every language, as a sentence of its own
// (capitalised).
func ErrorTexts(e string) Text { return ErrorTextsNamed(e, nil) }

// ErrorTextsNamed is ErrorTexts naming things with n: a rule by its
// title rather than its key.
func ErrorTextsNamed(e string, n Names) Text {
	pseudo := errorText(Pseudo, e, true, n)
	if strings.HasPrefix(pseudo, "⟦") {
		pseudo = "⟦" + capitalise(strings.TrimPrefix(pseudo, "⟦"))
	} else {
		pseudo = capitalise(pseudo)
	}
	return Text{En: capitalise(errorText("en", e, false, n)), Fr: capitalise(errorText("fr", e, false, n)), Pseudo: pseudo}
}

// ErrorText is an error the engine or a relay gave, in plain words where
// it has a known shape; otherwise as written (a relay's own answer has no
// translation).
func ErrorText(lang, e string) string { return errorText(lang, e, false, nil) }

// errorText is ErrorText; wrap marks the table's words in ⟦…⟧ for the
// test language when the text stands alone (not inside a sentence
// Render wraps whole): a server's own answer is not wrapped, as it is not
// the app's to translate. n names the rule a script's failure is about
// (nil: by its key).
func errorText(lang, e string, wrap bool, n Names) string {
	said := func(r Reason) string {
		s := phrase(lang, r, "", n)
		if wrap {
			return "⟦" + s + "⟧"
		}
		return s
	}
	if emailGone.MatchString(e) {
		return said(R(ErrEmailGone))
	}
	if e == "no email address" {
		return said(R(ErrEmailMissing))
	}
	if m := badEmail.FindStringSubmatch(e); m != nil {
		switch {
		case m[3] != "" || strings.HasPrefix(m[2], "the domain"):
			return said(R(ErrEmailDomainDot, "value", unquote(m[1]), "domain", unquote(m[3])))
		case m[4] != "" || strings.HasPrefix(m[2], "malformed"):
			return said(R(ErrEmailBadDomain, "value", unquote(m[1]), "domain", unquote(m[4])))
		default:
			return said(R(badEmailCodes[m[2]], "value", unquote(m[1])))
		}
	}
	if m := scriptLine.FindStringSubmatch(e); m != nil {
		return said(R(ErrScriptLine, "script", unquote(m[1]), "line", m[2], "error", m[3]))
	}
	if m := scriptAny.FindStringSubmatch(e); m != nil {
		return said(R(ErrScript, "script", unquote(m[1]), "error", m[2]))
	}
	if m := luaUnknown.FindStringSubmatch(e); m != nil {
		return said(R(ErrLuaUnknown, "error", m[1], "value", m[2]))
	}
	if m := luaIndex.FindStringSubmatch(e); m != nil {
		return said(R(ErrLuaIndex, "value", m[2], "what", m[1]))
	}
	if m := rowLong.FindStringSubmatch(e); m != nil {
		return said(R(ErrRowTooLong, "values", m[1], "columns", m[2]))
	}
	if m := relayPrefix.FindStringSubmatchIndex(e); m != nil {
		addr, stage := e[m[2]:m[3]], e[m[4]:m[5]]
		// The sender's own "login as "u" refused: " says again what the
		// phrase says: the user goes into the phrase, the server's answer
		// follows as it said it.
		if u := loginAs.FindStringSubmatch(e[m[1]:]); stage == "auth" && u != nil {
			return e[:m[0]] + said(R(ErrRelayAuthAs, "addr", addr, "value", unquote(u[1]))) + " — " + u[2]
		}
		return e[:m[0]] + said(R(Code("error.relay."+stage), "addr", addr)) + " — " + e[m[1]:]
	}
	for _, say := range shapes {
		if s, ok := say(lang, e); ok {
			if wrap {
				return "⟦" + s + "⟧"
			}
			return s
		}
	}
	return e
}

// shapes are the error shapes other packages taught ErrorText (Shape).
var shapes []func(lang, e string) (string, bool)

// Shape teaches ErrorText the messages of another package (the Lua
// sandbox's, say), which knows them best: say returns e in lang when it
// knows its shape (English for the test language: ErrorText wraps it).
// Call it from an init function only.
func Shape(say func(lang, e string) (string, bool)) { shapes = append(shapes, say) }
