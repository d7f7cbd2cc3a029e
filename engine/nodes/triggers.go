package nodes

import (
	"strconv"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/words"
)

var next = []Port{{ID: "next", Label: T("Next", "Suite")}}

func f64(v float64) *float64 { return &v }

// enter is the executor of every trigger: the journey starts here.
func enter(c *Ctx) (Result, error) {
	if c.Quiet {
		return Result{Port: "next"}, nil
	}
	why := words.R(words.Entered)
	if c.Event != nil {
		switch ev := c.Event; {
		case ev.Type == contact.EventListJoined && ev.Prop("list") != "":
			why = words.R(words.EnteredList, "list", ev.Prop("list"))
		case ev.Type == contact.EventTagAdded && ev.Prop("tag") != "":
			why = words.R(words.EnteredTag, "tag", ev.Prop("tag"))
		case ev.Type == contact.EventEnteredFlow && ev.Prop("from") != "":
			why = words.R(words.EnteredFrom, "funnel", ev.Prop("from"))
		default:
			why = words.R(words.EnteredOn, "event", ev.Type)
		}
	}
	return Result{Port: "next", Reason: why}, nil
}

func triggerSpecs() []Spec {
	return []Spec{
		{
			Type: "trigger.contact_created", Kind: KindTrigger, Category: CatStart, Icon: "user-plus",
			Title:   T("Contact signs up", "Un contact s'inscrit"),
			Help:    T("Starts when a new contact is created (form, import, API).", "Démarre quand un nouveau contact est créé (formulaire, import, API)."),
			Summary: T("When a contact signs up", "Quand un contact s'inscrit"),
			Ports:   next, exec: enter,
			match: func(_ Config, ev *contact.Event, _ *contact.Contact) bool {
				return ev.Type == contact.EventContactCreated
			},
		},
		{
			Type: "trigger.list_joined", Kind: KindTrigger, Category: CatStart, Icon: "list",
			Title:   T("Joins a list", "Rejoint une liste"),
			Help:    T("Starts when a contact is added to the chosen list.", "Démarre quand un contact est ajouté à la liste choisie."),
			Summary: T("When a contact joins {list}", "Quand un contact rejoint {list}"),
			Ports:   next, exec: enter,
			Fields: []Field{{Name: "list", Type: FList, Required: true, Label: T("List", "Liste")}},
			match: func(cfg Config, ev *contact.Event, _ *contact.Contact) bool {
				return ev.Type == contact.EventListJoined && strings.EqualFold(ev.Prop("list"), cfg.String("list"))
			},
		},
		{
			Type: "trigger.tag_added", Kind: KindTrigger, Category: CatStart, Icon: "tag",
			Title:   T("Gets a tag", "Reçoit une étiquette"),
			Help:    T("Starts when the chosen tag is added to a contact.", "Démarre quand l'étiquette choisie est ajoutée à un contact."),
			Summary: T("When tagged {tag}", "Quand étiqueté {tag}"),
			Ports:   next, exec: enter,
			Fields: []Field{{Name: "tag", Type: FTag, Required: true, Label: T("Tag", "Étiquette")}},
			match: func(cfg Config, ev *contact.Event, _ *contact.Contact) bool {
				return ev.Type == contact.EventTagAdded && strings.EqualFold(ev.Prop("tag"), cfg.String("tag"))
			},
		},
		{
			Type: "trigger.form_submitted", Kind: KindTrigger, Category: CatStart, Icon: "clipboard-list",
			Title:   T("Sends a form", "Envoie un formulaire"),
			Help:    T("Starts when someone sends the chosen sign-up form (Forms): new contacts and known ones alike.", "Démarre quand quelqu'un envoie le formulaire d'inscription choisi (Formulaires) : nouveaux contacts comme contacts connus."),
			Summary: T("When someone sends {form}", "Quand quelqu'un envoie {form}"),
			Ports:   next, exec: enter,
			Fields: []Field{{Name: "form", Type: FForm, Required: true, Label: T("Form", "Formulaire")}},
			match: func(cfg Config, ev *contact.Event, _ *contact.Contact) bool {
				return ev.Type == contact.EventFormSubmitted && strings.EqualFold(ev.Prop("form"), cfg.String("form"))
			},
		},
		{
			Type: "trigger.event", Kind: KindTrigger, Category: CatStart, Icon: "zap",
			Title: T("Something happens", "Un événement se produit"),
			Help: T("Starts on an event: a page visit, a form, an abandoned cart, a purchase or any custom event. Narrow it with property filters (url = *pricing).",
				"Démarre sur un événement : visite de page, formulaire, panier abandonné, achat ou événement personnalisé. Affinez avec des filtres (url = *tarifs)."),
			Summary: T("When {event_type} happens", "Quand {event_type} se produit"),
			Ports:   next, exec: enter,
			Fields: []Field{
				{Name: "event_type", Type: FEventType, Required: true, Label: T("Event", "Événement")},
				{Name: "filter", Type: FFilter, Label: T("Only when", "Seulement si"), Help: T("Property = value. A * stands for any text: url = */pricing* is every pricing page. Numbers compare too: seconds = >=30 is at least 30 seconds on the page.", "Propriété = valeur. Un * remplace n’importe quel texte : url = */pricing* désigne toutes les pages de tarifs. Les nombres se comparent aussi : seconds = >=30 veut dire au moins 30 secondes sur la page.")},
			},
			match: func(cfg Config, ev *contact.Event, _ *contact.Contact) bool {
				return ev.Type == cfg.String("event_type") && ev.Matches(cfg.Map("filter"))
			},
		},
		{
			Type: "trigger.date_anniversary", Kind: KindTrigger, Category: CatStart, Icon: "cake",
			Title:   T("Date anniversary", "Date anniversaire"),
			Help:    T("Starts every year on a contact's date (birthday, renewal), optionally some days before or after, at a chosen time.", "Démarre chaque année à une date du contact (anniversaire, renouvellement), éventuellement quelques jours avant ou après, à l'heure choisie."),
			Summary: T("Every year on {field}", "Chaque année à {field}"),
			Ports:   next, exec: enter,
			Fields: []Field{
				{Name: "field", Type: FField, Required: true, Default: "birth_date", Label: T("Date field", "Champ date")},
				{Name: "offset_days", Type: FNumber, Default: 0.0, Label: T("Days before (−) or after (+)", "Jours avant (−) ou après (+)"), Min: f64(-60), Max: f64(60)},
				{Name: "at_time", Type: FTime, Default: "09:00", Label: T("At", "À")},
			},
			// The runner's daily sweep emits an "anniversary" event per contact and date field.
			match: func(cfg Config, ev *contact.Event, _ *contact.Contact) bool {
				off, _ := cfg.Number("offset_days")
				return ev.Type == "anniversary" && ev.Prop("field") == cfg.String("field") && ev.Prop("offset_days") == strconv.Itoa(int(off))
			},
		},
		{
			Type: "trigger.score_reached", Kind: KindTrigger, Category: CatStart, Icon: "flame",
			Title:   T("Lead gets hot", "Le prospect devient chaud"),
			Help:    T("Starts when a contact's score crosses a threshold, or its temperature becomes warm or hot.", "Démarre quand le pointage d'un contact franchit un seuil, ou que sa température devient tiède ou chaude."),
			Summary: T("When {metric} reaches {threshold}{temperature}", "Quand {metric} atteint {threshold}{temperature}"),
			Ports:   next, exec: enter,
			Fields: []Field{
				{Name: "metric", Type: FEnum, Default: "score", Label: T("Watch", "Surveiller"), Options: []Option{{"score", T("Score", "Pointage")}, {"temperature", T("Temperature", "Température")}}},
				{Name: "threshold", Type: FNumber, Default: 50.0, Label: T("Score threshold", "Seuil de pointage"), ShowIf: &ShowIf{"metric", []string{"score"}}},
				{Name: "temperature", Type: FEnum, Default: "hot", Ordered: true, Label: T("Temperature", "Température"), ShowIf: &ShowIf{"metric", []string{"temperature"}},
					Options: []Option{{"warm", T("Warm", "Tiède")}, {"hot", T("Hot", "Chaud")}}},
			},
			match: func(cfg Config, ev *contact.Event, _ *contact.Contact) bool {
				if ev.Type != contact.EventScoreChanged {
					return false
				}
				if cfg.String("metric") == "temperature" {
					return ev.Prop("temperature") == cfg.String("temperature") && ev.Prop("old_temperature") != cfg.String("temperature")
				}
				th, _ := cfg.Number("threshold")
				oldS, _ := strconv.ParseFloat(ev.Prop("old"), 64)
				newS, _ := strconv.ParseFloat(ev.Prop("new"), 64)
				return oldS < th && newS >= th
			},
		},
		{
			Type: "trigger.segment_entered", Kind: KindTrigger, Category: CatStart, Icon: "filter",
			Title: T("Enters a segment", "Entre dans un segment"),
			Help: T("Starts when a contact starts matching a saved segment: right after what made them match, or within the hour when time did (\"no visit in 30 days\"). Contacts already in the segment when you publish do not start.",
				"Démarre quand un contact commence à correspondre à un segment enregistré : juste après ce qui l'y a fait entrer, ou dans l'heure quand c'est le temps (« aucune visite depuis 30 jours »). Les contacts déjà dans le segment à la publication ne démarrent pas."),
			Summary: T("When a contact enters {segment}", "Quand un contact entre dans {segment}"),
			Ports:   next, exec: enter,
			Fields: []Field{{Name: "segment", Type: FSegment, Required: true, Label: T("Segment", "Segment")}},
			match: func(cfg Config, ev *contact.Event, _ *contact.Contact) bool {
				return ev.Type == "segment_entered" && strings.EqualFold(ev.Prop("segment"), cfg.String("segment"))
			},
		},
		{
			Type: "trigger.manual", Kind: KindTrigger, Category: CatStart, Icon: "hand",
			Title:   T("Added by hand or import", "Ajout manuel ou import"),
			Help:    T("Contacts enter when you add them yourself, or from an import.", "Les contacts entrent quand vous les ajoutez vous-même, ou par un import."),
			Summary: T("When added by hand", "Quand ajouté à la main"),
			Ports:   next, exec: enter,
			// The runner enrolls through Enroll(flow); no event matches.
		},
		{
			Type: "trigger.from_flow", Kind: KindTrigger, Category: CatStart, Icon: "link",
			Title:   T("Comes from another funnel", "Vient d'un autre tunnel"),
			Help:    T("Contacts enter when another funnel sends them here with a “Go to funnel” step.", "Les contacts entrent quand un autre tunnel les envoie ici avec une étape « Aller au tunnel »."),
			Summary: T("From another funnel", "Depuis un autre tunnel"),
			Ports:   next, exec: enter,
		},
	}
}
