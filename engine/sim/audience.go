package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"flightplan/engine/contact"
)

// Audience is who the synthetic contacts are: personas, each a share of
// the contacts with its own fields, lists and behaviour.
type Audience struct {
	Name     string    `json:"name,omitempty"`
	Personas []Persona `json:"personas"`

	// contacts, when set, are real contacts simulated as they are (FromContacts).
	contacts []*contact.Contact
}

// Persona is one kind of contact.
type Persona struct {
	Name string `json:"name"`
	// Share is this persona's weight among the personas (they need not add
	// up to 1). Contacts are split by exact shares, not at random, so 30%
	// of 1,000 contacts is 300.
	Share float64 `json:"share"`
	// Fields are identity fields (country, job_title, birth_date,
	// timezone, owner...) or custom fields, each drawn from a distribution.
	Fields map[string]Distribution `json:"fields,omitempty"`
	// Lists and Tags the contact already has when the simulation starts.
	Lists []string `json:"lists,omitempty"`
	Tags  []string `json:"tags,omitempty"`
	// Score is the starting lead score; the temperature follows from it.
	Score Distribution `json:"score,omitempty"`
	// Stage is the starting lifecycle stage (default subscriber).
	Stage string `json:"stage,omitempty"`
	// Timezones are weighted IANA names (none: UTC).
	Timezones []Weighted `json:"timezones,omitempty"`
	// Behaviour is how the persona reacts to email and acts on its own.
	Behaviour Behaviour `json:"behaviour"`
}

// Weighted is one value of a weighted choice.
type Weighted struct {
	Value  any     `json:"value"`
	Weight float64 `json:"weight"`
}

// Distribution draws one field value: a weighted choice, a numeric range,
// or a date range. The zero Distribution draws nothing (the field stays empty).
type Distribution struct {
	Values []Weighted `json:"values,omitempty"`
	// Range draws a number uniformly in [min, max], rounded to Decimals.
	Range    *[2]float64 `json:"range,omitempty"`
	Decimals int         `json:"decimals,omitempty"`
	// Dates draws a day uniformly between two dates ("1960-01-01") and
	// writes it as YYYY-MM-DD.
	Dates *[2]string `json:"dates,omitempty"`
	// Empty is the probability that the field is left empty.
	Empty float64 `json:"empty,omitempty"`
}

// OneOf is a Distribution over equally likely values.
func OneOf(values ...any) Distribution {
	d := Distribution{}
	for _, v := range values {
		d.Values = append(d.Values, Weighted{Value: v, Weight: 1})
	}
	return d
}

// Range is a Distribution of whole numbers in [min, max].
func Range(min, max float64) Distribution { return Distribution{Range: &[2]float64{min, max}} }

// Fixed is a Distribution that always draws v.
func Fixed(v any) Distribution { return Distribution{Values: []Weighted{{Value: v, Weight: 1}}} }

// Dates is a Distribution of days between from and to (YYYY-MM-DD).
func Dates(from, to string) Distribution { return Distribution{Dates: &[2]string{from, to}} }

// Behaviour is how a persona reacts to email and what it does on its own.
// Rates are probabilities (0 to 1) unless they say "per day"; delays are
// means of exponential draws.
type Behaviour struct {
	// OpenRate is the share of delivered emails opened, after about OpenDelay.
	OpenRate  float64  `json:"open_rate"`
	OpenDelay Duration `json:"open_delay"`
	// ClickRate is the share of openers who click, after about ClickDelay,
	// on one of Links (a weighted list of URLs, e.g. "/pricing", "/pro").
	ClickRate  float64    `json:"click_rate"`
	ClickDelay Duration   `json:"click_delay"`
	Links      []Weighted `json:"links,omitempty"`
	// UnsubscribeRate is the share of delivered marketing emails that make
	// the contact unsubscribe (through the List-Unsubscribe header or the link).
	UnsubscribeRate float64 `json:"unsubscribe_rate"`
	// BounceRate is the share of emails that bounce; the address is then
	// suppressed for good.
	BounceRate float64 `json:"bounce_rate"`
	// ConfirmRate is the share of openers of a confirmation email (a
	// template whose id contains "confirm" or "optin") who confirm: an
	// optin_confirmed event, after about ClickDelay.
	ConfirmRate float64 `json:"confirm_rate"`
	// PurchaseRate is the share of clickers, and of carts, that end in a
	// purchase after about PurchaseDelay, for an amount drawn uniformly in
	// PurchaseAmount.
	PurchaseRate   float64    `json:"purchase_rate"`
	PurchaseDelay  Duration   `json:"purchase_delay"`
	PurchaseAmount [2]float64 `json:"purchase_amount"`
	// DownloadRate is the share of clickers who download the file the
	// email offers (a file_downloaded event a minute after the click).
	DownloadRate float64 `json:"download_rate,omitempty"`
	// PageVisits are visits to the website on the contact's own initiative:
	// how often they come back, which pages, how many and how long they read.
	PageVisits Visits `json:"page_visits,omitempty"`
	// CartRate is how many carts a day the contact fills; a cart without
	// purchase is abandoned an hour later (a cart_abandoned event).
	CartRate float64 `json:"cart_rate,omitempty"`
	// Forms are forms submitted on the contact's own initiative.
	Forms Activity `json:"forms,omitempty"`
	// Emails override the behaviour for some templates (by template id).
	Emails map[string]EmailBehaviour `json:"emails,omitempty"`
}

// Activity is something a contact does on its own, Rate times a day on
// average (a Poisson process), each time with one of Values (URLs, form names).
type Activity struct {
	Rate   float64    `json:"rate"`
	Values []Weighted `json:"values,omitempty"`
}

// Visits are a persona's visits to the website, as the tracking snippet
// reports them: Rate visits a day on average (a Poisson process; how often
// the contact comes back), each of about Pages pages picked from Values
// (URLs). Each page is a page_visited event (url, path, and visit = true on
// the first page of a visit, 30 minutes or more after the last page, as the
// snippet marks it) and, when Seconds is set, a page_left event that many
// seconds later with the seconds read ("stayed at least 30 s on the pricing
// page" is page_left with url = */pricing* and seconds = >=30).
type Visits struct {
	Rate   float64    `json:"rate"`
	Values []Weighted `json:"values,omitempty"`
	// Pages is the mean number of pages a visit shows (drawn geometric, at
	// least 1); 0 or 1: one page a visit.
	Pages float64 `json:"pages,omitempty"`
	// Seconds is the time read on a page, drawn uniformly in [min, max]
	// seconds; none: no page_left (the time on page is not simulated).
	Seconds *[2]float64 `json:"seconds,omitempty"`
}

// EmailBehaviour overrides a persona's reactions to one template; a nil
// field keeps the persona's value.
type EmailBehaviour struct {
	OpenRate        *float64   `json:"open_rate,omitempty"`
	OpenDelay       *Duration  `json:"open_delay,omitempty"`
	ClickRate       *float64   `json:"click_rate,omitempty"`
	ClickDelay      *Duration  `json:"click_delay,omitempty"`
	Links           []Weighted `json:"links,omitempty"`
	UnsubscribeRate *float64   `json:"unsubscribe_rate,omitempty"`
	BounceRate      *float64   `json:"bounce_rate,omitempty"`
	ConfirmRate     *float64   `json:"confirm_rate,omitempty"`
	PurchaseRate    *float64   `json:"purchase_rate,omitempty"`
	DownloadRate    *float64   `json:"download_rate,omitempty"`
}

// Rate returns a pointer to r, for EmailBehaviour literals.
func Rate(r float64) *float64 { return &r }

// FromContacts is an audience of real contacts (copied, never changed),
// all behaving as b. Config.N may take the first N of them.
func FromContacts(cs []*contact.Contact, b Behaviour) Audience {
	return Audience{Name: "contacts", Personas: []Persona{{Name: "contacts", Share: 1, Behaviour: b}}, contacts: cs}
}

// ParseAudience reads an audience from JSON: an object with "personas", or
// a bare list of personas. Unknown keys are refused so a typo is not lost.
func ParseAudience(data []byte) (Audience, error) {
	var a Audience
	trimmed := bytes.TrimSpace(data)
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	var err error
	if len(trimmed) > 0 && trimmed[0] == '[' {
		err = dec.Decode(&a.Personas)
	} else {
		err = dec.Decode(&a)
	}
	if err != nil {
		return a, fmt.Errorf("audience: %w", err)
	}
	return a, a.check()
}

func (a *Audience) check() error {
	if len(a.contacts) > 0 {
		return nil
	}
	if len(a.Personas) == 0 {
		return fmt.Errorf("audience: no persona")
	}
	total := 0.0
	for i, p := range a.Personas {
		where := fmt.Sprintf("audience: persona %d (%s)", i+1, p.Name)
		if p.Share < 0 {
			return fmt.Errorf("%s: negative share", where)
		}
		total += p.Share
		b := p.Behaviour
		for name, r := range map[string]float64{"open_rate": b.OpenRate, "click_rate": b.ClickRate, "unsubscribe_rate": b.UnsubscribeRate,
			"bounce_rate": b.BounceRate, "confirm_rate": b.ConfirmRate, "purchase_rate": b.PurchaseRate, "download_rate": b.DownloadRate} {
			if r < 0 || r > 1 {
				return fmt.Errorf("%s: %s %g is not between 0 and 1", where, name, r)
			}
		}
		if b.PageVisits.Rate < 0 || b.CartRate < 0 || b.Forms.Rate < 0 {
			return fmt.Errorf("%s: a rate per day is negative", where)
		}
		if pg := b.PageVisits.Pages; pg != 0 && (pg < 1 || pg > 50) {
			return fmt.Errorf("%s: page_visits: pages %g is not between 1 and 50 pages a visit", where, pg)
		}
		if sec := b.PageVisits.Seconds; sec != nil && (sec[0] < 0 || sec[1] < sec[0] || sec[1] > 86400) {
			return fmt.Errorf("%s: page_visits: seconds [%g, %g] must be a range from low to high, within 0 to 86400 s", where, sec[0], sec[1])
		}
		keys := make([]string, 0, len(p.Fields))
		for k := range p.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := p.Fields[k].check(); err != nil {
				return fmt.Errorf("%s: field %q: %w", where, k, err)
			}
		}
		if err := p.Score.check(); err != nil {
			return fmt.Errorf("%s: score: %w", where, err)
		}
		if p.Stage != "" && contact.StageRank(p.Stage) < 0 {
			return fmt.Errorf("%s: unknown stage %q", where, p.Stage)
		}
		for _, tz := range p.Timezones {
			if _, err := time.LoadLocation(contact.ToString(tz.Value)); err != nil {
				return fmt.Errorf("%s: timezone %v: %w", where, tz.Value, err)
			}
		}
	}
	if total <= 0 {
		return fmt.Errorf("audience: the personas' shares add up to 0")
	}
	return nil
}

func (d Distribution) check() error {
	if d.Range != nil && d.Range[1] < d.Range[0] {
		return fmt.Errorf("range [%g, %g] is reversed", d.Range[0], d.Range[1])
	}
	if d.Dates != nil {
		a, err1 := time.Parse("2006-01-02", d.Dates[0])
		b, err2 := time.Parse("2006-01-02", d.Dates[1])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("dates must be YYYY-MM-DD")
		}
		if b.Before(a) {
			return fmt.Errorf("dates %s to %s are reversed", d.Dates[0], d.Dates[1])
		}
	}
	for _, w := range d.Values {
		if w.Weight < 0 {
			return fmt.Errorf("negative weight for %v", w.Value)
		}
	}
	if d.Empty < 0 || d.Empty > 1 {
		return fmt.Errorf("empty %g is not between 0 and 1", d.Empty)
	}
	return nil
}

// PresetNames lists the built-in audiences.
func PresetNames() []string {
	return []string{"cold-b2b", "ecommerce-newsletter", "engaged-subscribers", "saas-trial"}
}

// DefaultPreset is the audience used when only a number of contacts is given.
const DefaultPreset = "ecommerce-newsletter"

// secs is a range of seconds read on a page.
func secs(lo, hi float64) *[2]float64 { return &[2]float64{lo, hi} }

func wv(v any, weight float64) Weighted { return Weighted{Value: v, Weight: weight} }

var commonLinks = []Weighted{wv("https://example.com/pricing", 3), wv("https://example.com/pro", 2), wv("https://example.com/blog", 3), wv("https://example.com/shop", 2)}

func mixedTimezones() []Weighted {
	return []Weighted{wv("Europe/Paris", 4), wv("America/Toronto", 3), wv("America/Montreal", 1), wv("Europe/Brussels", 1), wv("UTC", 1)}
}

func countries() Distribution {
	return Distribution{Values: []Weighted{wv("France", 4), wv("Canada", 3), wv("Belgium", 1), wv("Switzerland", 1), wv("United States", 1)}}
}

// Preset returns a built-in audience by name (see PresetNames). Rates are
// typical industry figures, meant as a starting point to edit.
func Preset(name string) (Audience, error) {
	h := func(d time.Duration) Duration { return Duration(d) }
	switch name {
	case "cold-b2b":
		return Audience{Name: name, Personas: []Persona{
			{Name: "decision-maker", Share: 0.3, Timezones: mixedTimezones(), Score: Range(0, 25), Stage: "lead",
				Fields: map[string]Distribution{"country": countries(), "job_title": OneOf("CEO", "Head of Marketing", "VP Sales", "Director of Operations"),
					"company_size": Range(20, 2000), "owner": Fixed("sales@example.com"), "birth_date": Dates("1960-01-01", "1990-12-31")},
				Behaviour: Behaviour{OpenRate: 0.18, OpenDelay: h(10 * time.Hour), ClickRate: 0.12, ClickDelay: h(5 * time.Minute), Links: commonLinks,
					UnsubscribeRate: 0.01, BounceRate: 0.04, ConfirmRate: 0.3, PurchaseRate: 0.04, PurchaseDelay: h(3 * 24 * time.Hour), PurchaseAmount: [2]float64{500, 5000},
					DownloadRate: 0.4, PageVisits: Visits{Rate: 0.05, Pages: 2.5, Seconds: secs(20, 150), Values: []Weighted{wv("https://example.com/pricing", 1), wv("https://example.com/case-studies", 2)}},
					Forms: Activity{Rate: 0.01, Values: []Weighted{wv("white-paper", 1), wv("demo", 1)}}}},
			{Name: "practitioner", Share: 0.7, Timezones: mixedTimezones(), Score: Range(0, 15), Stage: "lead",
				Fields: map[string]Distribution{"country": countries(), "job_title": OneOf("Marketing Manager", "Growth Lead", "Analyst", "Consultant"),
					"company_size": Range(5, 500), "owner": Fixed("sales@example.com"), "birth_date": Dates("1970-01-01", "2000-12-31")},
				Behaviour: Behaviour{OpenRate: 0.22, OpenDelay: h(8 * time.Hour), ClickRate: 0.15, ClickDelay: h(5 * time.Minute), Links: commonLinks,
					UnsubscribeRate: 0.012, BounceRate: 0.05, ConfirmRate: 0.35, PurchaseRate: 0.02, PurchaseDelay: h(4 * 24 * time.Hour), PurchaseAmount: [2]float64{200, 2000},
					DownloadRate: 0.5, PageVisits: Visits{Rate: 0.08, Pages: 3, Seconds: secs(15, 120), Values: []Weighted{wv("https://example.com/pricing", 1), wv("https://example.com/blog", 3)}},
					Forms: Activity{Rate: 0.02, Values: []Weighted{wv("white-paper", 3), wv("newsletter", 1)}}}},
		}}, nil
	case "ecommerce-newsletter":
		return Audience{Name: name, Personas: []Persona{
			{Name: "loyal-shopper", Share: 0.2, Timezones: mixedTimezones(), Score: Range(20, 60), Stage: "customer", Lists: []string{"customers"},
				Fields: map[string]Distribution{"country": countries(), "birth_date": Dates("1960-01-01", "2004-12-31")},
				Behaviour: Behaviour{OpenRate: 0.45, OpenDelay: h(4 * time.Hour), ClickRate: 0.3, ClickDelay: h(3 * time.Minute), Links: commonLinks,
					UnsubscribeRate: 0.002, BounceRate: 0.005, ConfirmRate: 0.85, PurchaseRate: 0.2, PurchaseDelay: h(2 * time.Hour), PurchaseAmount: [2]float64{30, 250},
					PageVisits: Visits{Rate: 0.3, Pages: 4, Seconds: secs(10, 90), Values: []Weighted{wv("https://example.com/shop", 4), wv("https://example.com/pricing", 1)}}, CartRate: 0.08,
					Forms: Activity{Rate: 0.005, Values: []Weighted{wv("newsletter", 1)}}}},
			{Name: "bargain-hunter", Share: 0.5, Timezones: mixedTimezones(), Score: Range(0, 30),
				Fields: map[string]Distribution{"country": countries(), "birth_date": Dates("1960-01-01", "2004-12-31")},
				Behaviour: Behaviour{OpenRate: 0.25, OpenDelay: h(8 * time.Hour), ClickRate: 0.18, ClickDelay: h(5 * time.Minute), Links: commonLinks,
					UnsubscribeRate: 0.006, BounceRate: 0.01, ConfirmRate: 0.7, PurchaseRate: 0.08, PurchaseDelay: h(6 * time.Hour), PurchaseAmount: [2]float64{15, 120},
					PageVisits: Visits{Rate: 0.15, Pages: 3, Seconds: secs(5, 60), Values: []Weighted{wv("https://example.com/shop", 3), wv("https://example.com/sale", 2)}}, CartRate: 0.05,
					Forms: Activity{Rate: 0.01, Values: []Weighted{wv("newsletter", 1)}}}},
			{Name: "dormant", Share: 0.3, Timezones: mixedTimezones(), Score: Range(0, 10),
				Fields: map[string]Distribution{"country": countries(), "birth_date": Dates("1960-01-01", "2004-12-31")},
				Behaviour: Behaviour{OpenRate: 0.06, OpenDelay: h(24 * time.Hour), ClickRate: 0.08, ClickDelay: h(10 * time.Minute), Links: commonLinks,
					UnsubscribeRate: 0.015, BounceRate: 0.03, ConfirmRate: 0.4, PurchaseRate: 0.03, PurchaseDelay: h(24 * time.Hour), PurchaseAmount: [2]float64{15, 80},
					PageVisits: Visits{Rate: 0.01, Pages: 1.5, Seconds: secs(5, 25), Values: []Weighted{wv("https://example.com/shop", 1)}}, CartRate: 0.005}},
		}}, nil
	case "saas-trial":
		return Audience{Name: name, Personas: []Persona{
			{Name: "active-trial", Share: 0.4, Timezones: mixedTimezones(), Score: Range(10, 40), Stage: "lead", Tags: []string{"trial"},
				Fields: map[string]Distribution{"country": countries(), "plan": Fixed("trial"), "company_size": Range(1, 300), "owner": Fixed("sales@example.com")},
				Behaviour: Behaviour{OpenRate: 0.5, OpenDelay: h(3 * time.Hour), ClickRate: 0.35, ClickDelay: h(2 * time.Minute),
					Links:           []Weighted{wv("https://example.com/pricing", 3), wv("https://example.com/pro", 3), wv("https://example.com/docs", 4)},
					UnsubscribeRate: 0.003, BounceRate: 0.005, ConfirmRate: 0.9, PurchaseRate: 0.15, PurchaseDelay: h(2 * 24 * time.Hour), PurchaseAmount: [2]float64{29, 299},
					DownloadRate: 0.3, PageVisits: Visits{Rate: 0.8, Pages: 5, Seconds: secs(20, 240), Values: []Weighted{wv("https://example.com/app", 6), wv("https://example.com/pricing", 2), wv("https://example.com/docs", 3)}},
					Forms: Activity{Rate: 0.02, Values: []Weighted{wv("demo", 1), wv("white-paper", 1)}}}},
			{Name: "tyre-kicker", Share: 0.6, Timezones: mixedTimezones(), Score: Range(0, 20), Stage: "lead", Tags: []string{"trial"},
				Fields: map[string]Distribution{"country": countries(), "plan": Fixed("trial"), "company_size": Range(1, 50), "owner": Fixed("sales@example.com")},
				Behaviour: Behaviour{OpenRate: 0.3, OpenDelay: h(8 * time.Hour), ClickRate: 0.15, ClickDelay: h(5 * time.Minute),
					Links:           []Weighted{wv("https://example.com/pricing", 2), wv("https://example.com/pro", 1), wv("https://example.com/docs", 3)},
					UnsubscribeRate: 0.008, BounceRate: 0.01, ConfirmRate: 0.6, PurchaseRate: 0.03, PurchaseDelay: h(5 * 24 * time.Hour), PurchaseAmount: [2]float64{29, 99},
					DownloadRate: 0.2, PageVisits: Visits{Rate: 0.15, Pages: 2, Seconds: secs(5, 45), Values: []Weighted{wv("https://example.com/app", 2), wv("https://example.com/pricing", 1)}}}},
		}}, nil
	case "engaged-subscribers":
		return Audience{Name: name, Personas: []Persona{
			{Name: "fan", Share: 1, Timezones: mixedTimezones(), Score: Range(20, 50), Lists: []string{"newsletter"},
				Fields: map[string]Distribution{"country": countries(), "birth_date": Dates("1960-01-01", "2004-12-31")},
				Behaviour: Behaviour{OpenRate: 0.6, OpenDelay: h(2 * time.Hour), ClickRate: 0.35, ClickDelay: h(2 * time.Minute), Links: commonLinks,
					UnsubscribeRate: 0.002, BounceRate: 0.002, ConfirmRate: 0.9, PurchaseRate: 0.1, PurchaseDelay: h(4 * time.Hour), PurchaseAmount: [2]float64{20, 150},
					DownloadRate: 0.6, PageVisits: Visits{Rate: 0.2, Pages: 3, Seconds: secs(30, 180), Values: []Weighted{wv("https://example.com/blog", 3), wv("https://example.com/pricing", 1)}}, CartRate: 0.02,
					Forms: Activity{Rate: 0.01, Values: []Weighted{wv("white-paper", 1)}}}},
		}}, nil
	}
	return Audience{}, fmt.Errorf("no audience preset %q (presets: %s)", name, strings.Join(PresetNames(), ", "))
}
