package nodes

import (
	"sort"
	"strings"
	"unicode"

	"flightplan/engine/contact"
)

// EventType is one entry of the event-type catalogue: the name the engine
// stores, what the user reads in each language, and whether the system
// emits it (emails, pages, forms, carts…) or the workspace does (declared by
// the user or seen at the intake).
type EventType struct {
	Type   string `json:"type"`
	Name   Text   `json:"name"`
	System bool   `json:"system"`
}

// systemEvents is the one source of truth for the built-in event types and
// their plain names; the inspector, scoring rules, segments and the
// simulator all read it through EventCatalogue.
var systemEvents = []EventType{
	{contact.EventContactCreated, T("Added to the base", "Ajouté à la base"), true},
	{contact.EventListJoined, T("Joined a list", "A rejoint une liste"), true},
	{contact.EventListLeft, T("Left a list", "A quitté une liste"), true},
	{contact.EventTagAdded, T("Tag added", "Étiquette ajoutée"), true},
	{contact.EventTagRemoved, T("Tag removed", "Étiquette retirée"), true},
	{contact.EventScoreChanged, T("Score changed", "Pointage modifié"), true},
	{contact.EventStageChanged, T("Stage changed", "Étape du cycle changée"), true},
	{contact.EventFieldChanged, T("Field changed", "Champ modifié"), true},
	{contact.EventEmailSent, T("Email sent", "Courriel envoyé"), true},
	{contact.EventEmailOpened, T("Email opened", "Courriel ouvert"), true},
	{contact.EventEmailClicked, T("Link clicked in an email", "Lien cliqué dans un courriel"), true},
	{contact.EventUnsubscribed, T("Unsubscribed", "Désabonnement"), true},
	{contact.EventBounced, T("Email bounced", "Courriel en échec"), true},
	{contact.EventPageVisited, T("Page visited", "Page visitée"), true},
	{contact.EventPageLeft, T("Left a page (time on page)", "A quitté une page (temps passé)"), true},
	{contact.EventFormSubmitted, T("Form submitted", "Formulaire envoyé"), true},
	{contact.EventDownloaded, T("File downloaded", "Fichier téléchargé"), true},
	{contact.EventCartUpdated, T("Cart updated", "Panier modifié"), true},
	{contact.EventCartAbandoned, T("Cart abandoned", "Panier abandonné"), true},
	{contact.EventPurchase, T("Purchase", "Achat"), true},
	{contact.EventSocial, T("Social media engagement", "Interaction sur les réseaux sociaux"), true},
	{contact.EventEnteredFlow, T("Entered a funnel", "Entré dans un tunnel"), true},
	{contact.EventGoalReached, T("Goal reached", "Objectif atteint"), true},
}

// SystemEventTypes returns the built-in event types, in catalogue order.
func SystemEventTypes() []EventType { return append([]EventType(nil), systemEvents...) }

// IsSystemEvent reports whether typ is a built-in event type.
func IsSystemEvent(typ string) bool {
	for _, e := range systemEvents {
		if e.Type == typ {
			return true
		}
	}
	return false
}

// EventCatalogue is the one list of event types the app offers: the system
// ones first, then the workspace's own (declared or seen at the intake),
// named after themselves ("demo_booked" reads "Demo booked").
func EventCatalogue(custom []string) []EventType {
	out := SystemEventTypes()
	seen := map[string]bool{}
	for _, e := range out {
		seen[e.Type] = true
	}
	var own []EventType
	for _, c := range custom {
		c = strings.TrimSpace(c)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		name, ok := knownEvents[c]
		if !ok {
			h := humanize(c)
			name = T(h, h)
		}
		own = append(own, EventType{Type: c, Name: name})
	}
	sort.Slice(own, func(i, j int) bool { return own[i].Type < own[j].Type })
	return append(out, own...)
}

// knownEvents names, in each language, the workspace events the gallery's
// funnels declare and the simulator sends: they stay the workspace's own
// (declared like any other), but read as words in French too, where a
// humanized key would stay English ("Optin confirmed").
var knownEvents = map[string]Text{
	"optin_confirmed": T("Sign-up confirmed", "Inscription confirmée"),
}

// humanize turns an event name into words: "demo_booked" → "Demo booked".
func humanize(s string) string {
	w := strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' || r == '.' }), " ")
	if w == "" {
		return s
	}
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// eventKey folds what a user may type for an event ("Page visit",
// "page-visited", "Page visitée") to one comparable key: lower case,
// accents and separators gone, and a trailing past-tense ending dropped so
// "visit" meets "visited".
func eventKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune("àâä", r):
			b.WriteByte('a')
		case strings.ContainsRune("éèêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("îï", r):
			b.WriteByte('i')
		case strings.ContainsRune("ôö", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùûü", r):
			b.WriteByte('u')
		case r == 'ç':
			b.WriteByte('c')
		}
	}
	k := b.String()
	for _, suffix := range []string{"ed", "ee", "e", "d"} {
		if len(k) > len(suffix)+2 && strings.HasSuffix(k, suffix) {
			return k[:len(k)-len(suffix)]
		}
	}
	return k
}

// ResolveEventType finds the catalogue entry a user meant by what they
// typed: the exact type, or the same words as a type or as its English or
// French name ("page visit" → page_visited). ok is false when nothing
// matches.
func ResolveEventType(typed string, catalogue []EventType) (EventType, bool) {
	typed = strings.TrimSpace(typed)
	for _, e := range catalogue {
		if e.Type == typed {
			return e, true
		}
	}
	k := eventKey(typed)
	if k == "" {
		return EventType{}, false
	}
	for _, e := range catalogue {
		if eventKey(e.Type) == k || eventKey(e.Name.En) == k || eventKey(e.Name.Fr) == k {
			return e, true
		}
	}
	return EventType{}, false
}
