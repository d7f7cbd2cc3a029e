package nodes

import (
	"strconv"
	"strings"

	"flightplan/engine/words"
)

// simple builds the spec of an action that has exactly one effect on a named thing.
func simple(typ, icon string, kind EffectKind, field Field, title, help, summary Text, code words.Code) Spec {
	return Spec{
		Type: typ, Kind: KindAction, Category: CatDo, Icon: icon, Input: true, Ports: next, OptionalOutput: true,
		Title: title, Help: help, Summary: summary, Fields: []Field{field},
		exec: func(c *Ctx) (Result, error) {
			name := ConfigOf(c.Node, c.Spec).String(field.Name)
			if c.Quiet {
				return Result{Port: "next", Effects: []Effect{{Kind: kind, Name: name}}}, nil
			}
			return Result{Port: "next", Reason: words.R(code, field.Name, name), Effects: []Effect{{Kind: kind, Name: name}}}, nil
		},
	}
}

func actionSpecs() []Spec {
	list := Field{Name: "list", Type: FList, Required: true, Label: T("List", "Liste")}
	tag := Field{Name: "tag", Type: FTag, Required: true, Label: T("Tag", "Étiquette")}
	return []Spec{
		{
			Type: "action.send_email", Kind: KindAction, Category: CatDo, Icon: "mail", Input: true, Ports: next, OptionalOutput: true, Marketing: true,
			Title:   T("Send an email", "Envoyer un courriel"),
			Help:    T("Sends a personalised email from a template. Unsubscribed or bounced contacts are skipped, and the frequency cap and quiet hours apply.", "Envoie un courriel personnalisé depuis un modèle. Les contacts désinscrits ou en erreur sont ignorés ; le plafond d'envois et les heures calmes s'appliquent."),
			Summary: T("Send “{template}”", "Envoyer « {template} »"),
			Fields: []Field{
				{Name: "template", Type: FTemplate, Required: true, Label: T("Email", "Courriel")},
				{Name: "transactional", Type: FBool, Default: false, Label: T("Transactional email (not marketing)", "Courriel transactionnel (hors marketing)"), Help: T("Receipts and confirmations go even to unsubscribed contacts.", "Les reçus et les confirmations partent même aux contacts désabonnés.")},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				t := cfg.String("template")
				marketing := !cfg.Bool("transactional")
				// Who can receive it (suppression, an address) is the
				// journey rules' to say, when the effect is queued
				// (engine/journey: queue), as the cap and quiet hours.
				if c.Quiet {
					return Result{Port: "next", Effects: []Effect{{Kind: EffEmail, Name: t, Marketing: marketing}}}, nil
				}
				return Result{Port: "next", Reason: words.R(words.EmailQueued, "email", t), Effects: []Effect{{Kind: EffEmail, Name: t, Marketing: marketing}}}, nil
			},
		},
		{
			Type: "action.notify", Kind: KindAction, Category: CatDo, Icon: "bell", Input: true, Ports: next, OptionalOutput: true,
			Title:   T("Alert a teammate", "Alerter un collègue"),
			Help:    T("Sends an internal email to the contact's owner or to a teammate, picked by name — e.g. when a lead gets hot.", "Envoie un courriel interne au propriétaire du contact ou à un collègue, choisi par son nom — par ex. quand un prospect devient chaud."),
			Summary: T("Alert {to}", "Alerter {to}"),
			Fields: []Field{
				{Name: "to", Type: FTeammate, Required: true, Default: "owner", Label: T("To", "À")},
				{Name: "subject", Type: FString, Default: "Hot lead: {{ contact.email }}", DefaultFr: "Prospect chaud : {{ contact.email }}", Label: T("Subject", "Objet")},
				{Name: "message", Type: FText, Default: "{{ contact.first_name }} {{ contact.last_name }} ({{ contact.email }}) has a score of {{ contact.score }}.",
					DefaultFr: "{{ contact.first_name }} {{ contact.last_name }} ({{ contact.email }}) a un pointage de {{ contact.score }}.", Label: T("Message", "Message")},
			},
			exec: func(c *Ctx) (Result, error) {
				// The default subject and message are in the workspace's language.
				cfg := ConfigOf(c.Node, c.Spec).In(c.Lang)
				to := cfg.String("to")
				if to == "owner" {
					to = c.Contact.Identity["owner"]
					if to == "" {
						return Result{Port: "next", Skipped: true, Reason: words.R(words.AlertNoOwner)}, nil
					}
				}
				if !strings.Contains(to, "@") {
					// Not an address: a teammate of the workspace, by id.
					tf, ok := c.Env.(TeammateFinder)
					if !ok {
						return Result{}, configError(c, "to", "%q is not an email address", to)
					}
					email, found, err := tf.TeammateEmail(c, to)
					if err != nil {
						return Result{}, err
					}
					if !found {
						return Result{}, configError(c, "to", "the teammate it alerts is no longer in the workspace")
					}
					to = email
				}
				return Result{Port: "next", Reason: words.R(words.Alerted, "to", to), Effects: []Effect{{Kind: EffNotify, Name: to,
					Value: map[string]any{"subject": cfg.String("subject"), "message": cfg.String("message")}}}}, nil
			},
		},
		simple("action.list_add", "list-plus", EffListAdd, list, T("Add to a list", "Ajouter à une liste"),
			T("Adds the contact to a list.", "Ajoute le contact à une liste."), T("Add to {list}", "Ajouter à {list}"), words.ListAdded),
		simple("action.list_remove", "list-minus", EffListRemove, list, T("Remove from a list", "Retirer d'une liste"),
			T("Removes the contact from a list.", "Retire le contact d'une liste."), T("Remove from {list}", "Retirer de {list}"), words.ListRemoved),
		simple("action.tag_add", "tag", EffTagAdd, tag, T("Add a tag", "Ajouter une étiquette"),
			T("Adds a tag to the contact.", "Ajoute une étiquette au contact."), T("Tag {tag}", "Étiqueter {tag}"), words.Tagged),
		simple("action.tag_remove", "tag-off", EffTagRemove, tag, T("Remove a tag", "Retirer une étiquette"),
			T("Removes a tag from the contact.", "Retire une étiquette du contact."), T("Untag {tag}", "Retirer {tag}"), words.Untagged),
		simple("action.set_stage", "stairs", EffSetStage, Field{Name: "stage", Type: FStage, Required: true, Label: T("Stage", "Étape du cycle"),
			Ordered: true, Options: StageOptions},
			T("Set lifecycle stage", "Changer l'étape du cycle"), T("Moves the contact to a lifecycle stage: lead, MQL, SQL, customer.", "Fait passer le contact à une étape du cycle de vie : prospect, MQL, SQL, client."),
			T("Stage → {stage}", "Étape du cycle → {stage}"), words.StageSet),
		{
			Type: "action.score", Kind: KindAction, Category: CatDo, Icon: "plus-minus", Input: true, Ports: next, OptionalOutput: true,
			Title:   T("Change the score", "Modifier le pointage"),
			Help:    T("Gives or takes lead-score points — a fixed number, or computed by a Lua scoring script.", "Ajoute ou retire des points — un nombre fixe, ou calculé par un script Lua."),
			Summary: T("{points:signed} points {script}", "{points:signed} points {script}"),
			Fields: []Field{
				{Name: "points", Type: FNumber, Default: 10.0, Label: T("Points (+/−)", "Points (+/−)")},
				{Name: "script", Type: FScript, Label: T("Or a scoring rule", "Ou une règle de pointage")},
				{Name: "params", Type: FParams, Label: T("Script parameters", "Paramètres du script"), ShowIf: nil},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				pts, _ := cfg.Number("points")
				var why words.Reason
				if !c.Quiet {
					why = words.R(words.ScorePoints, "points", strconv.FormatFloat(pts, 'g', -1, 64))
				}
				if s := cfg.String("script"); s != "" {
					params, _ := cfg.Any("params").(map[string]any)
					v, err := c.Env.Script(c, "score", s, params, c)
					if err != nil {
						return Result{}, err
					}
					pts, _ = v.(float64)
					if !c.Quiet {
						why = words.R(words.ScoreScript, "points", strconv.FormatFloat(pts, 'g', -1, 64), "script", s)
					}
				}
				return Result{Port: "next", Reason: why, Effects: []Effect{{Kind: EffScore, Value: pts, Name: "flow " + c.Flow.ID}}}, nil
			},
		},
		{
			Type: "action.set_field", Kind: KindAction, Category: CatDo, Icon: "edit", Input: true, Ports: next, OptionalOutput: true,
			Title:   T("Set a field", "Modifier un champ"),
			Help:    T("Writes a value into a contact field.", "Écrit une valeur dans un champ du contact."),
			Summary: T("{field} = {value}", "{field} = {value}"),
			Fields: []Field{
				{Name: "field", Type: FField, Required: true, Label: T("Field", "Champ")},
				{Name: "value", Type: FString, Label: T("Value", "Valeur")},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				f, v := cfg.String("field"), cfg.String("value")
				return Result{Port: "next", Reason: words.R(words.FieldSet, "field", f, "value", v), Effects: []Effect{{Kind: EffSetField, Name: f, Value: v}}}, nil
			},
		},
		{
			Type: "action.goto_flow", Kind: KindAction, Category: CatFinish, Icon: "link", Input: true, Ports: nil,
			Title:   T("Go to another funnel", "Aller à un autre tunnel"),
			Help:    T("Sends the contact into another funnel (which must start with “Comes from another funnel”) and ends this one.", "Envoie le contact dans un autre tunnel (qui doit commencer par « Vient d'un autre tunnel ») et termine celui-ci."),
			Summary: T("Go to {flow}", "Aller à {flow}"),
			Fields:  []Field{{Name: "flow", Type: FFlow, Required: true, Label: T("Funnel", "Tunnel")}},
			exec: func(c *Ctx) (Result, error) {
				f := ConfigOf(c.Node, c.Spec).String("flow")
				return Result{End: true, Reason: words.R(words.SentToFunnel, "funnel", f), Effects: []Effect{{Kind: EffGotoFlow, Name: f}}}, nil
			},
		},
		{
			Type: "action.webhook", Kind: KindAction, Category: CatDo, Icon: "globe", Input: true, Ports: next, OptionalOutput: true,
			Title:   T("Call a web address", "Appeler une adresse web"),
			Help:    T("Sends the contact's data to another tool (HTTP POST of JSON). Retried if the tool is down.", "Envoie les données du contact à un autre outil (HTTP POST en JSON). Réessayé si l'outil ne répond pas."),
			Summary: T("POST to {url}", "POST vers {url}"),
			Fields:  []Field{{Name: "url", Type: FURL, Required: true, Label: T("Address (URL)", "Adresse (URL)")}},
			exec: func(c *Ctx) (Result, error) {
				u := ConfigOf(c.Node, c.Spec).String("url")
				return Result{Port: "next", Reason: words.R(words.WebhookQueued, "url", u), Effects: []Effect{{Kind: EffWebhook, Name: u}}}, nil
			},
		},
		{
			Type: "action.lua", Kind: KindAction, Category: CatDo, Icon: "code", Input: true, Ports: next, OptionalOutput: true,
			Title:   T("Custom action (Lua)", "Action personnalisée (Lua)"),
			Help:    T("Runs a Lua script that returns changes: fields, tags, lists, score, stage.", "Exécute un script Lua qui renvoie des changements : champs, étiquettes, listes, pointage, étape."),
			Summary: T("Run {script}", "Exécuter {script}"),
			Fields: []Field{
				{Name: "script", Type: FScript, Required: true, Label: T("Rule", "Règle")},
				{Name: "params", Type: FParams, Label: T("Parameters", "Paramètres")},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				name := cfg.String("script")
				params, _ := cfg.Any("params").(map[string]any)
				v, err := c.Env.Script(c, "action", name, params, c)
				if err != nil {
					return Result{}, err
				}
				ch, _ := v.(*ScriptChanges)
				r := Result{Port: "next", Reason: words.R(words.ScriptRan, "script", name)}
				if ch == nil {
					return r, nil
				}
				for k, v := range ch.Fields {
					r.Effects = append(r.Effects, Effect{Kind: EffSetField, Name: k, Value: v})
				}
				for _, t := range ch.AddTags {
					r.Effects = append(r.Effects, Effect{Kind: EffTagAdd, Name: t})
				}
				for _, t := range ch.RemoveTags {
					r.Effects = append(r.Effects, Effect{Kind: EffTagRemove, Name: t})
				}
				for _, l := range ch.AddLists {
					r.Effects = append(r.Effects, Effect{Kind: EffListAdd, Name: l})
				}
				for _, l := range ch.RemoveLists {
					r.Effects = append(r.Effects, Effect{Kind: EffListRemove, Name: l})
				}
				if ch.ScoreDelta != 0 {
					r.Effects = append(r.Effects, Effect{Kind: EffScore, Value: ch.ScoreDelta, Name: "script " + name})
				}
				if ch.Stage != "" {
					r.Effects = append(r.Effects, Effect{Kind: EffSetStage, Name: ch.Stage})
				}
				return r, nil
			},
		},
	}
}

func finishSpecs() []Spec {
	return []Spec{
		{
			Type: "goal.reached", Kind: KindGoal, Category: CatFinish, Icon: "flag", Input: true, Ports: next, OptionalOutput: true,
			Title: T("Goal", "Objectif"),
			Help: T("The conversion you aim for (a purchase, a booked demo…). A contact anywhere before it who reaches the goal jumps straight here.",
				"La conversion visée (un achat, une démo réservée…). Un contact situé avant, qui atteint l'objectif, saute directement ici."),
			Summary: T("Goal: {event_type}{tag}{list}", "Objectif : {event_type}{tag}{list}"),
			Fields: []Field{
				{Name: "event_type", Type: FEventType, Label: T("When the contact does", "Quand le contact fait")},
				{Name: "filter", Type: FFilter, Label: T("Only when", "Seulement si"), Help: T("Property = value. A * stands for any text: url = */pricing* is every pricing page. Numbers compare too: seconds = >=30 is at least 30 seconds on the page.", "Propriété = valeur. Un * remplace n’importe quel texte : url = */pricing* désigne toutes les pages de tarifs. Les nombres se comparent aussi : seconds = >=30 veut dire au moins 30 secondes sur la page.")},
				{Name: "tag", Type: FTag, Label: T("Or gets the tag", "Ou reçoit l'étiquette")},
				{Name: "list", Type: FList, Label: T("Or joins the list", "Ou rejoint la liste")},
			},
			exec: func(c *Ctx) (Result, error) {
				r := Result{Port: "next", Reason: words.R(words.GoalReached), Effects: []Effect{{Kind: EffGoal, Name: c.Node.ID}}}
				if c.Flow.Next(c.Node.ID, "next") == "" {
					r.End, r.Port = true, ""
				}
				return r, nil
			},
		},
		{
			Type: "exit", Kind: KindExit, Category: CatFinish, Icon: "log-out", Input: true,
			Title:   T("End", "Fin"),
			Help:    T("The contact leaves the funnel here.", "Le contact sort du tunnel ici."),
			Summary: T("Leaves the funnel", "Sort du tunnel"),
			exec: func(c *Ctx) (Result, error) {
				return Result{End: true, Reason: words.R(words.Ended)}, nil
			},
		},
	}
}

// GoalMet reports whether the event or contact state meets a goal node's
// condition, and why: the reason of the jump to it, for the journal.
func GoalMet(s *Spec, n *flow_Node, ev *contact_Event, c *contact_Contact) (bool, words.Reason) {
	cfg := ConfigOf(n, s)
	if t := cfg.String("event_type"); t != "" && ev != nil && ev.Type == t && ev.Matches(cfg.Map("filter")) {
		return true, words.R(words.GoalJumpEvent, "step", n.ID, "event", t)
	}
	if t := cfg.String("tag"); t != "" && c.HasTag(t) {
		return true, words.R(words.GoalJumpTag, "step", n.ID, "tag", t)
	}
	if l := cfg.String("list"); l != "" && c.InList(l) {
		return true, words.R(words.GoalJumpList, "step", n.ID, "list", l)
	}
	return false, words.Reason{}
}
