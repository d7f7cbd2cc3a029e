package nodes

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/words"
)

var yesNo = []Port{{ID: "yes", Label: T("Yes", "Oui")}, {ID: "no", Label: T("No", "Non")}}

func decide(ok bool, why words.Reason) Result {
	if ok {
		return Result{Port: "yes", Reason: why}
	}
	return Result{Port: "no", Reason: why}
}

// windowFields are the "when" fields of behaviour checks: behaviour before
// entry is never ignored by surprise, the window is explicit.
var windowFields = []Field{
	{Name: "window", Type: FEnum, Default: "ever", Label: T("When", "Quand"), Options: []Option{
		{"ever", T("Ever", "Depuis toujours")},
		{"last_days", T("In the last N days", "Ces N derniers jours")},
		{"since_entry", T("Since entering this funnel", "Depuis l'entrée dans ce tunnel")},
	}},
	{Name: "days", Type: FNumber, Default: 30.0, Min: f64(1), Label: T("Days", "Jours"), ShowIf: &ShowIf{"window", []string{"last_days"}}},
}

// since returns the start of a behaviour window.
func since(c *Ctx, cfg Config) (time.Time, string) {
	switch cfg.String("window") {
	case "last_days":
		d, _ := cfg.Number("days")
		return c.Now.Add(-time.Duration(d * 24 * float64(time.Hour))), fmt.Sprintf("in the last %g days", d)
	case "since_entry":
		return c.EnteredAt, "since entering the funnel"
	}
	return time.Time{}, "ever"
}

func conditionSpecs() []Spec {
	return []Spec{
		{
			Type: "condition.field", Kind: KindCondition, Category: CatCheck, Icon: "id-card", Input: true, Ports: yesNo,
			Title:   T("Check a contact field", "Vérifier un champ du contact"),
			Help:    T("Yes or no depending on who the contact is: country, job title, birth date, any field.", "Oui ou non selon qui est le contact : pays, poste, date de naissance, tout champ."),
			Summary: T("{field} {operator} {value}?", "{field} {operator} {value} ?"),
			Fields: []Field{
				{Name: "field", Type: FField, Required: true, Label: T("Field", "Champ")},
				{Name: "operator", Type: FEnum, Default: "equals", Options: Operators, Label: T("Test", "Test")},
				{Name: "value", Type: FString, Label: T("Value", "Valeur"), ShowIf: &ShowIf{"operator", []string{"equals", "not_equals", "contains", "starts_with", "gt", "gte", "lt", "lte", "before", "after", "within_days", "in"}}},
			},
			exec: func(c *Ctx) (Result, error) {
				fc := fieldCheckOf(c.Node, c.Spec)
				ok := fc.Eval(c.Contact, c.Now)
				if c.Quiet {
					return decide(ok, words.Reason{}), nil
				}
				return decide(ok, fc.Reason(c.Contact, c.Now)), nil
			},
		},
		{
			Type: "condition.list", Kind: KindCondition, Category: CatCheck, Icon: "list", Input: true, Ports: yesNo,
			Title:   T("Is in a list", "Est dans une liste"),
			Help:    T("Yes when the contact belongs to the chosen list.", "Oui quand le contact appartient à la liste choisie."),
			Summary: T("In list {list}?", "Dans la liste {list} ?"),
			Fields:  []Field{{Name: "list", Type: FList, Required: true, Label: T("List", "Liste")}},
			exec: func(c *Ctx) (Result, error) {
				l := ConfigOf(c.Node, c.Spec).String("list")
				ok := c.Contact.InList(l)
				if c.Quiet {
					return decide(ok, words.Reason{}), nil
				}
				return decide(ok, words.R(map[bool]words.Code{true: words.InList, false: words.NotInList}[ok], "list", l)), nil
			},
		},
		{
			Type: "condition.tag", Kind: KindCondition, Category: CatCheck, Icon: "tag", Input: true, Ports: yesNo,
			Title:   T("Has a tag", "A une étiquette"),
			Help:    T("Yes when the contact carries the chosen tag.", "Oui quand le contact porte l'étiquette choisie."),
			Summary: T("Tagged {tag}?", "Étiqueté {tag} ?"),
			Fields:  []Field{{Name: "tag", Type: FTag, Required: true, Label: T("Tag", "Étiquette")}},
			exec: func(c *Ctx) (Result, error) {
				t := ConfigOf(c.Node, c.Spec).String("tag")
				ok := c.Contact.HasTag(t)
				if c.Quiet {
					return decide(ok, words.Reason{}), nil
				}
				return decide(ok, words.R(map[bool]words.Code{true: words.HasTag, false: words.NotHasTag}[ok], "tag", t)), nil
			},
		},
		{
			Type: "condition.score", Kind: KindCondition, Category: CatCheck, Icon: "gauge", Input: true, Ports: yesNo,
			Title:   T("Check score, temperature or stage", "Vérifier le pointage, la température ou l’étape du cycle"),
			Help:    T("Yes or no on the lead score, the temperature (cold, warm, hot) or the lifecycle stage.", "Oui ou non selon le pointage, la température (froid, tiède, chaud) ou l'étape du cycle de vie."),
			Summary: T("{metric} {operator} {value}{temperature}{stage}?", "{metric} {operator} {value}{temperature}{stage} ?"),
			Fields: []Field{
				{Name: "metric", Type: FEnum, Default: "score", Label: T("Check", "Vérifier"), Options: []Option{{"score", T("Score", "Pointage")}, {"temperature", T("Temperature", "Température")}, {"stage", T("Stage", "Étape du cycle")}}},
				{Name: "operator", Type: FEnum, Default: "gte", Options: OrderedOperators, Label: T("Test", "Test")},
				{Name: "value", Type: FNumber, Required: true, Label: T("Points", "Points"), ShowIf: &ShowIf{"metric", []string{"score"}}},
				{Name: "temperature", Type: FEnum, Ordered: true, Required: true, Options: TemperatureOptions, Label: T("Temperature", "Température"), ShowIf: &ShowIf{"metric", []string{"temperature"}}},
				{Name: "stage", Type: FStage, Ordered: true, Required: true, Options: StageOptions, Label: T("Stage", "Étape du cycle"), ShowIf: &ShowIf{"metric", []string{"stage"}}},
			},
			exec: func(c *Ctx) (Result, error) {
				fc := scoreCheckOf(c.Node, c.Spec)
				ok := scoreHolds(fc, c.Contact, c.Now)
				if c.Quiet {
					return decide(ok, words.Reason{}), nil
				}
				return decide(ok, fc.Reason(c.Contact, c.Now)), nil
			},
		},
		{
			Type: "condition.behaviour", Kind: KindCondition, Category: CatCheck, Icon: "activity", Input: true, Ports: yesNo,
			Title:   T("Did something", "A fait quelque chose"),
			Help:    T("Yes when the contact did an action (visited a page, downloaded a white paper, bought…) at least N times in the chosen window.", "Oui quand le contact a fait une action (visite de page, livre blanc, achat…) au moins N fois dans la période choisie."),
			Summary: T("{event_type}, at least {min_count:times}?", "{event_type}, au moins {min_count:times} ?"),
			Fields: append([]Field{
				{Name: "event_type", Type: FEventType, Required: true, Label: T("Action", "Action")},
				{Name: "filter", Type: FFilter, Label: T("Only when", "Seulement si"), Help: T("Property = value. A * stands for any text: url = */pricing* is every pricing page. Numbers compare too: seconds = >=30 is at least 30 seconds on the page.", "Propriété = valeur. Un * remplace n’importe quel texte : url = */pricing* désigne toutes les pages de tarifs. Les nombres se comparent aussi : seconds = >=30 veut dire au moins 30 secondes sur la page.")},
				{Name: "min_count", Type: FNumber, Default: 1.0, Min: f64(1), Label: T("At least (times)", "Au moins (fois)")},
			}, windowFields...),
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				from, _ := since(c, cfg)
				typ := cfg.String("event_type")
				n, err := c.Env.CountEvents(c, c.Contact.ID, typ, cfg.Map("filter"), from)
				if err != nil {
					return Result{}, err
				}
				min, _ := cfg.Number("min_count")
				if min < 1 {
					min = 1
				}
				if c.Quiet {
					return decide(float64(n) >= min, words.Reason{}), nil
				}
				why := words.R(words.DidCount, "event", typ, "count", strconv.Itoa(n), "window", cfg.String("window"), "min", strconv.FormatFloat(min, 'g', -1, 64))
				if cfg.String("window") == "last_days" {
					d, _ := cfg.Number("days")
					why = why.With("days", strconv.FormatFloat(d, 'g', -1, 64))
				}
				return decide(float64(n) >= min, why), nil
			},
		},
		{
			Type: "condition.email_engagement", Kind: KindCondition, Category: CatCheck, Icon: "mail-open", Input: true, Ports: yesNo,
			Title:   T("Opened or clicked an email", "A ouvert ou cliqué un courriel"),
			Help:    T("Yes when the contact opened (or clicked) the email sent by a chosen step of this funnel. Put a wait before it to give them time.", "Oui quand le contact a ouvert (ou cliqué) le courriel envoyé par une étape choisie de ce tunnel. Placez une attente avant pour lui laisser le temps."),
			Summary: T("{engagement} “{email_node}”?", "{engagement} « {email_node} » ?"),
			Fields: []Field{
				{Name: "email_node", Type: FNode, NodeType: "action.send_email", Required: true, Label: T("Email step", "Étape du courriel")},
				{Name: "engagement", Type: FEnum, Default: "opened", Label: T("What to check", "Ce qu'on vérifie"), Options: []Option{{"opened", T("Opened", "A ouvert")}, {"clicked", T("Clicked a link in", "A cliqué un lien dans")}}},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				nodeID, eng := cfg.String("email_node"), cfg.String("engagement")
				sent, ok, err := c.Env.EmailEngagement(c, c.EnrollmentID, nodeID, eng)
				if err != nil {
					return Result{}, err
				}
				if c.Quiet {
					return decide(sent && ok, words.Reason{}), nil
				}
				switch {
				case !sent:
					return decide(false, words.R(words.EmailNotSent, "step", nodeID)), nil
				case ok:
					return decide(true, words.R(map[bool]words.Code{true: words.EmailClicked, false: words.EmailOpened}[eng == "clicked"], "step", nodeID)), nil
				}
				return decide(false, words.R(map[bool]words.Code{true: words.EmailNotClicked, false: words.EmailNotOpened}[eng == "clicked"], "step", nodeID)), nil
			},
		},
		{
			Type: "condition.segment", Kind: KindCondition, Category: CatCheck, Icon: "filter", Input: true, Ports: yesNo,
			Title:   T("Is in a segment", "Est dans un segment"),
			Help:    T("Yes when the contact matches a saved segment.", "Oui quand le contact correspond à un segment enregistré."),
			Summary: T("In segment {segment}?", "Dans le segment {segment} ?"),
			Fields:  []Field{{Name: "segment", Type: FSegment, Required: true, Label: T("Segment", "Segment")}},
			exec: func(c *Ctx) (Result, error) {
				s := ConfigOf(c.Node, c.Spec).String("segment")
				ok, err := c.Env.InSegment(c, c.Contact, s)
				if err != nil {
					return Result{}, err
				}
				return decide(ok, words.R(map[bool]words.Code{true: words.InSegment, false: words.NotInSegment}[ok], "segment", s)), nil
			},
		},
		{
			Type: "condition.lua", Kind: KindCondition, Category: CatCheck, Icon: "code", Input: true, Ports: yesNo,
			Title:   T("Custom rule (Lua)", "Règle personnalisée (Lua)"),
			Help:    T("Yes or no from a Lua script that returns true or false. An error in the script stops the contact here with the line number.", "Oui ou non selon un script Lua qui renvoie true ou false. Une erreur dans le script arrête le contact ici avec le numéro de ligne."),
			Summary: T("Rule {script}", "Règle {script}"),
			Fields: []Field{
				{Name: "script", Type: FScript, Required: true, Label: T("Rule", "Règle")},
				{Name: "params", Type: FParams, Label: T("Parameters", "Paramètres")},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				name := cfg.String("script")
				params, _ := cfg.Any("params").(map[string]any)
				v, err := c.Env.Script(c, "condition", name, params, c)
				if err != nil {
					return Result{}, err
				}
				ok, _ := v.(bool)
				if c.Quiet {
					return decide(ok, words.Reason{}), nil
				}
				return decide(ok, words.R(words.RuleAnswered, "script", name, "answer", strconv.FormatBool(ok))), nil
			},
		},
	}
}

// scoreHolds is the score check's answer, reading the contact's score,
// temperature or stage without boxing them.
func scoreHolds(fc *FieldCheck, c *contact.Contact, now time.Time) bool {
	switch fc.Field {
	case "temperature":
		return fc.Text(c.Temperature, c.Temperature != "", now)
	case "stage":
		return fc.Text(c.Stage, c.Stage != "", now)
	case "score":
		return fc.Number(c.Score, true, now)
	}
	return fc.Eval(c, now)
}

// scoreChecks caches compiled score checks by node, as fieldChecks.
var scoreChecks sync.Map // *flow.Node -> *FieldCheck

func scoreCheckOf(n *flow.Node, s *Spec) *FieldCheck {
	if v, ok := scoreChecks.Load(n); ok {
		return v.(*FieldCheck)
	}
	cfg := ConfigOf(n, s)
	m := cfg.String("metric")
	fc := CompileFieldCheck(m, cfg.String("operator"), ScoreWant(cfg, m))
	scoreChecks.Store(n, fc)
	return fc
}

// ScoreWant is the value a score check compares with: the points, the
// temperature or the stage, each in its own field so the inspector shows
// the right control (a number, or the ladder as a dropdown).
func ScoreWant(cfg Config, metric string) string {
	switch metric {
	case "temperature", "stage":
		return cfg.String(metric)
	}
	return cfg.String("value")
}
