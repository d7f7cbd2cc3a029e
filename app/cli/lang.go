package cli

import (
	"fmt"
	"time"

	"flightplan/engine"
	"flightplan/engine/contacts"
	"flightplan/engine/nodes"
	"flightplan/engine/words"
)

// readWords are the command line's own words in its human output (the
// engine's reasons come from engine/words): English, then French. --json
// output has none of them.
var readWords = map[string][2]string{
	"journal.none":       {"no steps", "aucune étape"},
	"journeys.none":      {"no journeys", "aucun parcours"},
	"journeys.line":      {"%s (v%d)  %s  at %s  %s since %s", "%s (v%d)  %s  à %s  %s depuis le %s"},
	"journeys.for":       {", waiting for: %s", ", en attente de : %s"},
	"journeys.until":     {", until %s", ", jusqu’au %s"},
	"status.active":      {"in progress", "en cours"},
	"status.waiting":     {"waiting", "en attente"},
	"status.done":        {"done", "terminé"},
	"status.exited":      {"left", "sorti"},
	"status.error":       {"stopped by an error", "arrêté par une erreur"},
	"status.ended":       {"end of the path", "bout du parcours"},
	"outbox.none":        {"the outbox is empty", "la file d’envoi est vide"},
	"outbox.line":        {"%-6d %-8s %-8s %s › %s  %s  %s", "%-6d %-8s %-10s %s › %s  %s  %s"},
	"kind.email":         {"email", "courriel"},
	"kind.notify":        {"alert", "alerte"},
	"kind.webhook":       {"call", "appel"},
	"msg.pending":        {"pending", "en attente"},
	"msg.sending":        {"sending", "en cours"},
	"msg.sent":           {"sent", "envoyé"},
	"msg.failed":         {"failed", "échec"},
	"msg.bounced":        {"bounced", "refusé"},
	"msg.skipped":        {"skipped", "écarté"},
	"attempts":           {"%d attempts", "%d essais"},
	"attempt":            {"%d attempt", "%d essai"},
	"contacts.lists":     {"lists: %s\n", "listes : %s\n"},
	"contacts.tags":      {"tags: %s\n", "étiquettes : %s\n"},
	"contacts.field":     {"%s: %v\n", "%s : %v\n"},
	"contacts.hist":      {"history (newest first):\n", "historique (le plus récent d’abord) :\n"},
	"contacts.head":      {"%d %s  %s %s  score %s\n", "%d %s  %s %s  pointage %s\n"},
	"hist.step":          {"%s: %s", "%s : %s"},
	"hist.email":         {"email “%s”", "courriel « %s »"},
	"hist.score":         {"score %s → %s", "pointage %s → %s"},
	"hist.deleted":       {"a deleted email", "un courriel supprimé"},
	"stats.totals":       {"%s: %s entered, %s in progress, %s done, %s goals reached\n", "%s : %s entrés, %s en cours, %s terminés, %s objectifs atteints\n"},
	"stats.node":         {"  %-32s %6s entered %6s waiting %4s errors %4s skipped %4s failing\n", "  %-32s %6s entrés %6s en attente %4s erreurs %4s écartés %4s en échec\n"},
	"stats.edge":         {"  %-32s → %-12s %6s\n", "  %-32s → %-12s %6s\n"},
	"stats.end":          {"(end)", "(fin)"},
	"sim.head":           {"Simulation of %s contacts (%s) over %s days from %s, random draw %d\n", "Simulation de %s contacts (%s) sur %s jours à partir du %s, tirage n° %d\n"},
	"sim.totals":         {"  %s journeys, %s emails sent, %s opens, %s clicks, %s unsubscribes, %s bounces, %s purchases (revenue %s), %s errors\n", "  %s parcours, %s courriels envoyés, %s ouvertures, %s clics, %s désabonnements, %s adresses refusées, %s achats (revenu %s), %s erreurs\n"},
	"sim.flow":           {"\nFunnel “%s”\n", "\nTunnel « %s »\n"},
	"sim.flowTotals":     {"  %s journeys (%s contacts): %s waiting, %s done, %s left, %s errors; %s reached a goal (%s)\n", "  %s parcours (%s contacts) : %s en attente, %s terminés, %s sortis, %s erreurs ; %s ont atteint un objectif (%s)\n"},
	"sim.nodeHead":       {"  STEP\tENTERED\tWAITING\tSKIPPED\tERRORS\tLEFT\tTO GOAL\t", "  ÉTAPE\tENTRÉS\tEN ATTENTE\tÉCARTÉS\tERREURS\tSORTIS\tVERS L’OBJECTIF\t"},
	"sim.edgeHead":       {"  FROM\tTO\tCONTACTS\tSHARE\t", "  DE\tVERS\tCONTACTS\tPART\t"},
	"sim.goalHead":       {"  GOAL\tREACHED\tRATE\tMEDIAN TIME\t", "  OBJECTIF\tATTEINT\tTAUX\tDÉLAI MÉDIAN\t"},
	"sim.dropOffs":       {"  Where contacts stop: %s\n", "  Où les contacts s’arrêtent : %s\n"},
	"sim.emails":         {"\nEmails\n", "\nCourriels\n"},
	"sim.emailHead":      {"  STEP\tQUEUED\tSKIPPED\tSENT\tOPENED\tCLICKED\tUNSUBSCRIBED\tREFUSED\tPURCHASES\t", "  ÉTAPE\tEN FILE\tÉCARTÉS\tENVOYÉS\tOUVERTS\tCLIQUÉS\tDÉSABONNÉS\tREFUSÉS\tACHATS\t"},
	"sim.perContact":     {"\nEmails per contact: %s\n", "\nCourriels par contact : %s\n"},
	"sim.perContactItem": {"%s: %s", "%s : %s"},
	"sim.personaHead":    {"\nPERSONA\tCONTACTS\tEMAILS\tOPENS\tCLICKS\tGOALS\tUNSUBSCRIBED\tPURCHASES\t", "\nPROFIL\tCONTACTS\tCOURRIELS\tOUVERTURES\tCLICS\tOBJECTIFS\tDÉSABONNÉS\tACHATS\t"},
	"sim.weekHead":       {"WEEK\tFROM\tENTERED\tEMAILS\tOPENS\tCLICKS\tGOALS\tUNSUBSCRIBES\t", "SEMAINE\tDU\tENTRÉS\tCOURRIELS\tOUVERTURES\tCLICS\tOBJECTIFS\tDÉSABONNEMENTS\t"},
	"sim.contact":        {"Contact %d, step by step:", "Contact %d, étape par étape :"},
	"sim.contactAs":      {"Contact %d (%s), step by step:", "Contact %d (%s), étape par étape :"},
	"sim.dropOff":        {"%s — %s: %s (%s)", "%s — %s : %s (%s)"},
}

// w is one of the command line's phrases in its language, filled with a.
func (c *ctx) w(key string, a ...any) string {
	p, ok := readWords[key]
	if !ok {
		return key
	}
	s := p[0]
	if c.language() == "fr" {
		s = p[1]
	}
	if len(a) == 0 {
		return s
	}
	return fmt.Sprintf(s, a...)
}

// when writes a time in the output's language, in UTC (said so).
func (c *ctx) when(t time.Time) string { return words.DateTime(c.language(), t, "UTC") }

// num writes a count in the output's language ("12,345", "12 345").
func (c *ctx) num(n int) string { return words.Number(c.language(), float64(n)) }

// reason is a journal reason in the output's language, with the
// workspace's names.
func (c *ctx) reason(r words.Reason, flow string, n words.Names) string {
	return words.Render(c.language(), r, flow, n)
}

// funnel is a funnel's title (its id when it has none).
func funnelName(n *engine.Names, id string) string {
	if t := n.Funnel(id); t != "" {
		return t
	}
	return id
}

// portName is a way out of a step as the canvas labels it ("Yes", "Oui",
// a branch's label), its id when the step type does not name it.
func (c *ctx) portName(eng *engine.Engine, flowID, node, port string) string {
	f, _, err := eng.Store.Flow(flowID)
	if err != nil {
		return port
	}
	n := f.Node(node)
	if n == nil {
		return port
	}
	spec, ok := eng.Registry.Lookup(n.Type)
	if !ok {
		return port
	}
	for _, p := range nodes.PortsOf(spec, n) {
		if p.ID == port {
			if c.language() == "fr" {
				return p.Label.Fr
			}
			return p.Label.En
		}
	}
	return port
}

// historyLine is one item of a contact's history in the output's
// language: what it is (a step of a funnel, an email, a score change, an
// event) and what the engine says of it.
func (c *ctx) historyLine(h contacts.TimelineItem) string {
	lang := c.language()
	said := ""
	if h.Text != nil {
		said = h.Text.In(lang)
	}
	var what string
	switch h.Kind {
	case "step":
		step := h.Node
		if h.StepName != nil {
			step = h.StepName.In(lang)
		}
		what = c.w("hist.step", h.FlowName, step)
	case "message":
		name := h.Name
		if name == "" {
			name = c.w("hist.deleted")
		}
		what = c.w("hist.email", name)
	case "score":
		d, _ := h.Props["delta"].(float64)
		s, _ := h.Props["score"].(float64)
		sign := "+"
		if d < 0 {
			sign, d = "−", -d
		}
		what = c.w("hist.score", sign+words.Number(lang, d), words.Number(lang, s))
	default:
		what = words.Event(lang, h.Title)
	}
	if said == "" {
		return what
	}
	return c.w("hist.step", what, said)
}
