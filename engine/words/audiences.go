package words

// The simulator's audiences and personas by name, in every language: the
// command line prints them and the window shows them from here (through
// the Simulation service), so each is written once. Their slugs stay in
// files, requests and --json.

// Audience is the plain name of a simulated audience ("Cold B2B list");
// its slug, dashes made spaces, when it has none (an audience from a file).
func Audience(lang, slug string) string { return nameOf(lang, "audience", slug) }

// AudienceHelp says in a sentence who an audience's contacts are; empty
// for an audience from a file.
func AudienceHelp(lang, slug string) string {
	if !Labelled("audience.help", slug) {
		return ""
	}
	return Label(lang, "audience.help", slug)
}

// Persona is the plain name of a simulated persona ("loyal shopper"); its
// slug, dashes made spaces, when it has none (a persona from a file).
func Persona(lang, slug string) string { return nameOf(lang, "persona", slug) }

// Texts is a registered name in every language (the pseudo-locale's wrapped
// in ⟦…⟧), for the window; the value itself in every language when none is.
func Texts(kind, value string) Text {
	en := nameOf("en", kind, value)
	return Text{En: en, Fr: nameOf("fr", kind, value), Pseudo: "⟦" + en + "⟧"}
}

// AudienceText is an audience's name and who its contacts are, in every language.
type AudienceText struct {
	Title Text `json:"title"`
	Help  Text `json:"help"`
}

// SimulatedNames are the names of every built-in audience and persona, by
// slug: what the window shows (it keeps no copy of its own).
type SimulatedNames struct {
	Audiences map[string]AudienceText `json:"audiences"`
	Personas  map[string]Text         `json:"personas"`
}

// Simulated lists the names of the built-in audiences and personas.
func Simulated() SimulatedNames {
	out := SimulatedNames{Audiences: map[string]AudienceText{}, Personas: map[string]Text{}}
	for _, a := range audienceSlugs {
		out.Audiences[a] = AudienceText{Title: Texts("audience", a), Help: Texts("audience.help", a)}
	}
	for _, p := range personaSlugs {
		out.Personas[p] = Texts("persona", p)
	}
	return out
}

// audienceSlugs and personaSlugs are the registered ones, in order.
var audienceSlugs, personaSlugs []string

func nameOf(lang, kind, slug string) string {
	if lang == Pseudo {
		return "⟦" + nameOf("en", kind, slug) + "⟧"
	}
	if !Labelled(kind, slug) {
		return slugWords(slug)
	}
	return Label(lang, kind, slug)
}

// slugWords is a slug as words: "vip-buyers" reads "vip buyers".
func slugWords(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '-' || c == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}

func init() {
	for _, a := range [][5]string{
		{"cold-b2b", "Cold B2B list", "Liste B2B froide",
			"Bought or scraped business contacts: few opens, a few bounces.",
			"Contacts professionnels achetés ou collectés : peu d’ouvertures, quelques adresses en erreur."},
		{"ecommerce-newsletter", "E-commerce newsletter", "Newsletter e-commerce",
			"Shop subscribers: loyal buyers, bargain hunters and sleepers.",
			"Abonnés d’une boutique : clients fidèles, chasseurs de bonnes affaires et dormants."},
		{"saas-trial", "SaaS trial", "Essai SaaS",
			"People trying a software product: many use it, some buy.",
			"Personnes qui essaient un logiciel : beaucoup l’utilisent, certaines achètent."},
		{"engaged-subscribers", "Engaged subscribers", "Abonnés engagés",
			"Fans who asked for your emails: they open and click a lot.",
			"Des fans qui ont demandé vos courriels : ils ouvrent et cliquent beaucoup."},
		{"contacts", "My real contacts", "Mes vrais contacts",
			"The contacts of this workspace, with their real fields, lists and tags.",
			"Les contacts de cet espace de travail, avec leurs vrais champs, listes et étiquettes."},
		{"scripted", "contacts written in a scenario", "contacts écrits dans un scénario",
			"Contacts whose every event a scenario file writes, for a test.",
			"Des contacts dont un fichier de scénario écrit chaque événement, pour un test."},
	} {
		audienceSlugs = append(audienceSlugs, a[0])
		Define("audience", a[0], a[1], a[2])
		Define("audience.help", a[0], a[3], a[4])
	}
	for _, p := range [][3]string{
		{"decision-maker", "decision maker", "décideur"},
		{"practitioner", "practitioner", "opérationnel"},
		{"loyal-shopper", "loyal shopper", "client fidèle"},
		{"bargain-hunter", "bargain hunter", "chasseur de promos"},
		{"dormant", "dormant", "dormant"},
		{"active-trial", "active trial", "essai actif"},
		{"tyre-kicker", "tyre kicker", "curieux"},
		{"fan", "fan", "fan"},
		{"contacts", "your contact", "votre contact"},
	} {
		personaSlugs = append(personaSlugs, p[0])
		Define("persona", p[0], p[1], p[2])
	}
}
