// Package templates is the gallery of ready funnels built from the domain
// texts and common practice, each with its emails and a short explanation.
// Each opens as a valid draft; tests run their journeys.
package templates

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"flightplan/engine/flow"
)

//go:embed flows/*.flow.json emails.json
var files embed.FS

// Email is a ready email of a template (subject and HTML with Liquid merge fields).
type Email struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Subject string `json:"subject"`
	HTML    string `json:"html"`
}

// Template is one gallery entry.
type Template struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Flow        *flow.Flow `json:"flow"`
	Emails      []Email    `json:"emails"`
}

// All returns the gallery, laid out for the canvas, sorted by name.
func All() ([]Template, error) {
	var emails []Email
	data, err := files.ReadFile("emails.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &emails); err != nil {
		return nil, fmt.Errorf("templates: emails.json: %w", err)
	}
	byID := map[string]Email{}
	for _, e := range emails {
		byID[e.ID] = e
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
		flow.Layout(f)
		t := Template{ID: f.ID, Name: f.Name, Description: f.Description, Flow: f}
		seen := map[string]bool{}
		for _, n := range f.Nodes {
			id, _ := n.Config["template"].(string)
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			e, ok := byID[id]
			if !ok {
				return nil, fmt.Errorf("templates: flow %q: node %q: email %q is missing from emails.json", f.ID, n.ID, id)
			}
			t.Emails = append(t.Emails, e)
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// Get returns one template by id.
func Get(id string) (Template, error) {
	all, err := All()
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
