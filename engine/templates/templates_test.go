package templates

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"flightplan/engine/flow"
	"flightplan/engine/mail"
	"flightplan/engine/nodes"
)

// Every gallery funnel opens as a valid draft: no errors, with the other
// templates present for go-to-flow links.
func TestGalleryFlowsAreValid(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 10 {
		t.Fatalf("%d templates, want at least 10", len(all))
	}
	reg := nodes.MustRegistry()
	others := map[string]*flow.Flow{}
	for _, tp := range all {
		others[tp.ID] = tp.Flow
	}
	for _, tp := range all {
		if tp.Description == "" || len(tp.Emails) == 0 {
			t.Errorf("%s: needs a description and emails", tp.ID)
		}
		for _, is := range nodes.Validate(tp.Flow, reg, others) {
			if is.Severity == flow.Error {
				t.Errorf("%s: %s", tp.ID, is)
			}
		}
		for _, n := range tp.Flow.Nodes {
			if n.Position == nil {
				t.Errorf("%s: node %s has no position after layout", tp.ID, n.ID)
			}
		}
	}
}

// Each language has every funnel with the same steps and the same emails;
// every text is written for the language (not left equal to the English
// one), and each email reads the same merge fields in every language.
func TestEveryTemplateInEveryLanguage(t *testing.T) {
	en := gallery(t, "en")
	for _, lang := range Languages[1:] {
		other := gallery(t, lang)
		if len(other) != len(en) {
			t.Fatalf("%s: %d funnels, English has %d", lang, len(other), len(en))
		}
		for id, e := range en {
			o, ok := other[id]
			if !ok {
				t.Errorf("%s: funnel %q missing", lang, id)
				continue
			}
			// A name may be the same word in both ("Segmentation"); the
			// English-words check below catches one left untranslated.
			if o.Name == "" || o.Description == e.Description {
				t.Errorf("%s: funnel %q: no name, or description left as in English (%q)", lang, id, o.Description)
			}
			if len(o.Flow.Nodes) != len(e.Flow.Nodes) || len(o.Flow.Edges) != len(e.Flow.Edges) {
				t.Errorf("%s: funnel %q: steps or links differ from English", lang, id)
			}
			for i, n := range e.Flow.Nodes {
				on := o.Flow.Nodes[i]
				if on.ID != n.ID || on.Type != n.Type || (on.Label == "") != (n.Label == "") {
					t.Errorf("%s: funnel %q: step %q differs from English (%q, %q)", lang, id, n.ID, on.ID, on.Label)
				}
				if n.Label != "" && on.Label == n.Label && lang != "en" {
					t.Errorf("%s: funnel %q: step %q label left in English: %q", lang, id, n.ID, on.Label)
				}
			}
			if len(o.Emails) != len(e.Emails) {
				t.Errorf("%s: funnel %q: %d emails, English has %d", lang, id, len(o.Emails), len(e.Emails))
				continue
			}
			for i, em := range e.Emails {
				om := o.Emails[i]
				if om.ID != em.ID {
					t.Errorf("%s: funnel %q: email %d is %q, English has %q", lang, id, i, om.ID, em.ID)
					continue
				}
				if om.Name == em.Name || om.Subject == em.Subject {
					t.Errorf("%s: email %q: name or subject left as in English (%q)", lang, em.ID, om.Subject)
				}
				if a, b := mergeFields(em), mergeFields(om); !slices.Equal(a, b) {
					t.Errorf("%s: email %q reads %v, English reads %v", lang, em.ID, b, a)
				}
				if a, b := links(em), links(om); !slices.Equal(a, b) {
					t.Errorf("%s: email %q links to %v, English to %v (funnels tell clicks apart by address)", lang, em.ID, b, a)
				}
			}
		}
	}
}

// A funnel created from the gallery, in either language, validates clean in
// a workspace holding what the gallery creates with it (its emails, the
// lists it names, its own event types, the other gallery funnels), and its
// emails have no problem at all: no Liquid error, no unknown field, an
// unsubscribe link.
func TestGalleryValidatesCleanInEachLanguage(t *testing.T) {
	reg := nodes.MustRegistry()
	for _, lang := range Languages {
		all, err := AllIn(lang)
		if err != nil {
			t.Fatal(err)
		}
		ws := &nodes.Workspace{Flows: map[string]*flow.Flow{}, Templates: map[string]string{}, Lists: map[string]bool{}, EventTypes: map[string]bool{}}
		for _, tp := range all {
			ws.Flows[tp.ID] = tp.Flow
			for _, e := range tp.Emails {
				ws.Templates[e.ID] = e.Name
				for _, p := range mail.Check(e.Mail(), nil) {
					t.Errorf("%s: email %q: %s %s line %d: %s", lang, e.ID, p.Severity, p.Part, p.Line, p.Message)
				}
			}
			for _, n := range tp.Flow.Nodes {
				s, _ := reg.Lookup(n.Type)
				for _, fd := range s.Fields {
					v, _ := n.Config[fd.Name].(string)
					switch {
					case fd.Type == nodes.FList && v != "":
						ws.Lists[strings.ToLower(v)] = true
					case fd.Type == nodes.FEventType && v != "" && !nodes.IsSystemEvent(v):
						ws.EventTypes[v] = true
					}
				}
			}
		}
		for _, tp := range all {
			if len(tp.Emails) == 0 {
				t.Errorf("%s: %s brings no email", lang, tp.ID)
			}
			for _, is := range nodes.ValidateIn(tp.Flow, reg, ws) {
				if is.Severity == flow.Error {
					t.Errorf("%s: %s: %s", lang, tp.ID, is)
				}
			}
		}
	}
}

// commonEnglish are words that only English uses, frequent enough that a
// text left untranslated holds some. Words French shares ("on", "or",
// "but", "a", "pro", "premium", "email", "newsletter", "opt-in",
// "site", "code", "page", "guide", "confirmation") are not listed.
var commonEnglish = strings.Fields(`the and you your yours we our us to of for is are was be been with this that these
	what which who here there their they it its at by from into about after before again all any can
	will would should not no yes do does did have has had get got just more most only now today
	hello hi welcome thanks thank please click clicked open opened read see find out back
	cart buy bought purchase gift happy birthday wishes friend reminder tips tip offer step
	wait waits waiting sign signup confirm subscribe unsubscribe download downloaded
	pending customer customers engaged inactive unconfirmed interest interested lead leads hot sales rep
	news week weekly follow followup miss keeps clean case study pricing white paper discount
	made again rewards next ready new visit`)

// No English word is left in a French funnel or email: names,
// descriptions, step labels, list and tag names, subjects, preheaders and
// every block's text. Merge fields, HTML tags and link addresses are code,
// not words, and are left out.
func TestFrenchHasNoEnglishLeft(t *testing.T) {
	english := map[string]bool{}
	for _, w := range commonEnglish {
		english[w] = true
	}
	all, err := AllIn("fr")
	if err != nil {
		t.Fatal(err)
	}
	check := func(where, text string) {
		for _, w := range words(text) {
			if english[w] {
				t.Errorf("%s: English word %q in %q", where, w, text)
			}
		}
	}
	// The check itself must catch an English text.
	if ws := words(`Hello {{ contact.first_name }}, <a href="https://example.com/cart">see your cart</a>`); !slices.Contains(ws, "hello") || !slices.Contains(ws, "cart") || slices.Contains(ws, "first_name") || slices.Contains(ws, "example") {
		t.Fatalf("words() = %v", ws)
	}
	for _, tp := range all {
		check(tp.ID+": name", tp.Name)
		check(tp.ID+": description", tp.Description)
		for _, n := range tp.Flow.Nodes {
			check(tp.ID+": step "+n.ID+": label", n.Label)
			for _, k := range []string{"list", "tag"} {
				if v, ok := n.Config[k].(string); ok {
					check(tp.ID+": step "+n.ID+": "+k, v)
				}
			}
		}
		for _, e := range tp.Emails {
			where := "email " + e.ID
			check(where+": name", e.Name)
			check(where+": subject", e.Subject)
			check(where+": preheader", e.Preheader)
			check(where+": html", e.HTML)
			for i, b := range e.Blocks {
				check(where+": block "+string(rune('1'+i)), b.Text+" "+b.Alt)
			}
		}
	}
}

var (
	liquidRE = regexp.MustCompile(`\{\{.*?\}\}|\{%.*?%\}`)
	tagRE    = regexp.MustCompile(`<[^>]*>`)
	urlRE    = regexp.MustCompile(`https?://\S+`)
	wordRE   = regexp.MustCompile(`[\p{L}]+`)
	fieldRE  = regexp.MustCompile(`\{\{-?\s*([a-z_][a-z0-9_.]*)`)
	hrefRE   = regexp.MustCompile(`https?://[^\s"'<>]+`)
)

// words returns the lower-case words a reader sees in text.
func words(text string) []string {
	text = liquidRE.ReplaceAllString(text, " ")
	text = tagRE.ReplaceAllString(text, " ")
	text = urlRE.ReplaceAllString(text, " ")
	return wordRE.FindAllString(strings.ToLower(text), -1)
}

// mergeFields lists the variables an email reads (contact.first_name,
// unsubscribe_url), sorted, without repeats.
func mergeFields(e Email) []string {
	var out []string
	for _, s := range emailTexts(e) {
		for _, m := range fieldRE.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// links lists the addresses an email links to, sorted, without repeats.
func links(e Email) []string {
	var out []string
	for _, s := range emailTexts(e) {
		out = append(out, hrefRE.FindAllString(s, -1)...)
	}
	for _, b := range e.Blocks {
		if b.URL != "" {
			out = append(out, b.URL)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func emailTexts(e Email) []string {
	out := []string{e.Subject, e.Preheader, e.HTML}
	for _, b := range e.Blocks {
		out = append(out, b.Text)
	}
	return out
}

func gallery(t *testing.T, lang string) map[string]Template {
	t.Helper()
	all, err := AllIn(lang)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Template{}
	for _, tp := range all {
		out[tp.ID] = tp
	}
	return out
}

// Each entry carries its name and description in every language, the
// same as the gallery made in that language, so the gallery can follow a
// language switch.
func TestEntriesCarryEveryLanguage(t *testing.T) {
	by := map[string]map[string]Template{}
	for _, l := range Languages {
		by[l] = gallery(t, l)
	}
	en := by["en"]
	for _, lang := range Languages {
		for id, tp := range by[lang] {
			for _, l := range Languages {
				want := by[l][id]
				if got := tp.Texts[l]; got.Name != want.Name || got.Description != want.Description || got.Name == "" {
					t.Errorf("%s gallery: %s: %s text %+v, want %q", lang, id, l, got, want.Name)
				}
			}
			if tp.Texts["en"] != (Text{en[id].Name, en[id].Description}) {
				t.Errorf("%s: English text %+v", id, tp.Texts["en"])
			}
		}
	}
}

// An unknown language reads as English rather than failing.
func TestUnknownLanguageIsEnglish(t *testing.T) {
	de, err := GetIn("welcome", "de")
	if err != nil {
		t.Fatal(err)
	}
	en, _ := Get("welcome")
	fr, _ := GetIn("welcome", "fr")
	if de.Name != en.Name || fr.Name == en.Name || fr.Name != "Séquence de bienvenue" {
		t.Errorf("de %q, en %q, fr %q", de.Name, en.Name, fr.Name)
	}
}
