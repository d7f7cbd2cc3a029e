package nodes

import (
	"flightplan/engine/flow"
	"flightplan/engine/words"
)

func init() {
	for _, s := range AllSpecs() {
		words.Define("type", s.Type, s.Title.En, s.Title.Fr)
	}
	// The step names StepName writes from a step's main setting.
	words.Phrases[stepSend] = [2]string{"Send {email}", "Envoyer {email}"}
	words.Phrases[stepWait] = [2]string{"Wait {for}", "Attendre {for}"}
}

const (
	stepSend words.Code = "step.send" // {email}
	stepWait words.Code = "step.wait" // {for}
)

// StepName is how a reason names a step to a user: its title, or its
// type's plain name with its main setting ("Wait 2 days", "Send “Welcome
// 1”"), in lang; emails are named with n. Never the step's id.
func StepName(n *flow.Node, lang string, names words.Names) string {
	if n == nil {
		return ""
	}
	if n.Label != "" {
		return n.Label
	}
	switch n.Type {
	case "action.send_email":
		if t, _ := n.Config["template"].(string); t != "" {
			return words.Render(lang, words.R(stepSend, "email", t), "", names)
		}
	case "wait.delay":
		if s, _ := n.Config["duration"].(string); s != "" {
			if d, err := flow.ParseDuration(s); err == nil {
				return words.Render(lang, words.R(stepWait, "for", secs(d)), "", names)
			}
		}
	}
	return words.Label(lang, "type", n.Type)
}
