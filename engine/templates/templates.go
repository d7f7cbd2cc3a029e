// Package templates is the gallery of ready funnels built from the domain
// texts and common practice, each with its emails and a short explanation.
// Each opens as a valid draft; tests run their journeys.
//
// Every funnel and every email exists in each UI language, written for it
// rather than translated word for word: the flow files (flows/) hold the
// structure and the English texts (name, description, step labels);
// lang/LANG.json holds another language's texts for the same funnels plus
// the names of the lists and tags they create; emails/LANG.json holds each
// language's emails under the same ids. Event types, form names and link
// addresses are keys a website sends, not words a marketer reads, and stay
// the same in every language.
package templates

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"flightplan/engine/flow"
	"flightplan/engine/mail"
)

//go:embed flows/*.flow.json emails/*.json lang/*.json
var files embed.FS

// Languages are the languages every template exists in; the first is the
// one the flow files are written in.
var Languages = []string{"en", "fr"}

// Email is a ready email of a template: subject, preheader and body as
// block-editor content, with Liquid merge fields.
type Email struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Subject   string       `json:"subject"`
	Preheader string       `json:"preheader,omitempty"`
	HTML      string       `json:"html,omitempty"`
	Blocks    []mail.Block `json:"blocks,omitempty"`
}

// Mail returns the email as the workspace stores it.
func (e Email) Mail() mail.Template {
	return mail.Template{ID: e.ID, Name: e.Name, Subject: e.Subject, Preheader: e.Preheader, HTML: e.HTML, Blocks: e.Blocks}
}

// Template is one gallery entry.
type Template struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Flow        *flow.Flow `json:"flow"`
	Emails      []Email    `json:"emails"`
	// Texts holds the name and description in every language, by language
	// code, so the gallery follows a language switch without asking again;
	// the funnel and its emails are made in the language of the moment.
	Texts map[string]Text `json:"texts"`
}

// Text is a template's name and description in one language.
type Text struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// langTexts is lang/LANG.json: a language's texts for the gallery.
type langTexts struct {
	// Names maps a list or tag name of the flow files to its name in this
	// language ("pending" → "inscriptions à confirmer").
	Names map[string]string `json:"names"`
	// Funnels holds, by flow id, the name, description and step labels.
	Funnels map[string]funnelTexts `json:"funnels"`
}

type funnelTexts struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Steps       map[string]string `json:"steps"`
}

// namedFields are the config keys whose values are list or tag names, the
// things a template creates and the user reads by name.
var namedFields = map[string]bool{"list": true, "tag": true}

// All returns the gallery in English, laid out for the canvas, sorted by
// name.
func All() ([]Template, error) { return AllIn("en") }

// Get returns one template by id, in English.
func Get(id string) (Template, error) { return GetIn(id, "en") }

// AllIn returns the gallery in lang ("en" or "fr"; anything else reads as
// English), laid out for the canvas, sorted by name in that language.
func AllIn(lang string) ([]Template, error) {
	if !known(lang) {
		lang = Languages[0]
	}
	emails, err := readEmails(lang)
	if err != nil {
		return nil, err
	}
	byID := map[string]Email{}
	for _, e := range emails {
		byID[e.ID] = e
	}
	others := map[string]langTexts{}
	for _, l := range Languages[1:] {
		if others[l], err = readTexts(l); err != nil {
			return nil, err
		}
	}
	ents, err := files.ReadDir("flows")
	if err != nil {
		return nil, err
	}
	var out []Template
	for _, ent := range ents {
		data, err := files.ReadFile("flows/" + ent.Name())
		if err != nil {
			return nil, err
		}
		f, err := flow.Parse("templates/"+ent.Name(), data)
		if err != nil {
			return nil, err
		}
		texts := map[string]Text{Languages[0]: {f.Name, f.Description}}
		for l, lt := range others {
			texts[l] = Text{lt.Funnels[f.ID].Name, lt.Funnels[f.ID].Description}
		}
		if lang != Languages[0] {
			if err := localize(f, others[lang], "templates/lang/"+lang+".json"); err != nil {
				return nil, err
			}
		}
		flow.Layout(f)
		t := Template{ID: f.ID, Name: f.Name, Description: f.Description, Flow: f, Texts: texts}
		seen := map[string]bool{}
		for _, n := range f.Nodes {
			id, _ := n.Config["template"].(string)
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			e, ok := byID[id]
			if !ok {
				return nil, fmt.Errorf("templates: flow %q: node %q: email %q is missing from emails/%s.json", f.ID, n.ID, id, lang)
			}
			t.Emails = append(t.Emails, e)
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return sortKey(out[i].Name) < sortKey(out[j].Name) })
	return out, nil
}

// GetIn returns one template by id, in lang.
func GetIn(id, lang string) (Template, error) {
	all, err := AllIn(lang)
	if err != nil {
		return Template{}, err
	}
	for _, t := range all {
		if t.ID == id {
			return t, nil
		}
	}
	return Template{}, fmt.Errorf("no funnel template %q", id)
}

func known(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

func readEmails(lang string) ([]Email, error) {
	name := "emails/" + lang + ".json"
	data, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var emails []Email
	if err := json.Unmarshal(data, &emails); err != nil {
		return nil, fmt.Errorf("templates: %s: %w", name, err)
	}
	return emails, nil
}

func readTexts(lang string) (langTexts, error) {
	name := "lang/" + lang + ".json"
	var t langTexts
	data, err := files.ReadFile(name)
	if err != nil {
		return t, err
	}
	if err := json.Unmarshal(data, &t); err != nil {
		return t, fmt.Errorf("templates: %s: %w", name, err)
	}
	return t, nil
}

// localize puts a language's texts on a funnel read from its flow file. A
// funnel or a labelled step the language does not cover is an error naming
// them: a half-translated funnel must not reach the gallery.
func localize(f *flow.Flow, texts langTexts, file string) error {
	ft, ok := texts.Funnels[f.ID]
	if !ok || ft.Name == "" || ft.Description == "" {
		return fmt.Errorf("templates: %s: funnel %q: no name or description", file, f.ID)
	}
	f.Name, f.Description = ft.Name, ft.Description
	for i := range f.Nodes {
		n := &f.Nodes[i]
		if n.Label != "" {
			l, ok := ft.Steps[n.ID]
			if !ok || l == "" {
				return fmt.Errorf("templates: %s: funnel %q: step %q: no label", file, f.ID, n.ID)
			}
			n.Label = l
		}
		for k, v := range n.Config {
			s, isStr := v.(string)
			if !isStr || !namedFields[k] {
				continue
			}
			if name, ok := texts.Names[s]; ok {
				n.Config[k] = name
			}
		}
	}
	for id := range ft.Steps {
		if n := f.Node(id); n == nil || n.Label == "" {
			return fmt.Errorf("templates: %s: funnel %q: step %q has no label in the flow file", file, f.ID, id)
		}
	}
	return nil
}

// sortKey folds case and the accents of French so "Étude" sorts among the
// E's, as a reader expects.
func sortKey(s string) string { return foldAccents.Replace(strings.ToLower(s)) }

var foldAccents = strings.NewReplacer("à", "a", "â", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ù", "u", "û", "u", "ü", "u", "œ", "oe")
