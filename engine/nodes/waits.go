package nodes

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/words"
)

func splitSpecs() []Spec {
	return []Spec{
		{
			Type: "split.random", Kind: KindSplit, Category: CatCheck, Icon: "shuffle", Input: true, PortsFrom: "branches",
			Title:   T("A/B split", "Test A/B"),
			Help:    T("Sends each contact down one branch at random, with the shares you choose (they must add up to 100%).", "Envoie chaque contact dans une branche au hasard, selon les parts choisies (total 100 %)."),
			Summary: T("Split at random", "Répartir au hasard"),
			Fields: []Field{{Name: "branches", Type: FBranches, Required: true, Label: T("Branches", "Branches"),
				Default: []any{map[string]any{"id": "a", "label": "A", "percent": 50.0}, map[string]any{"id": "b", "label": "B", "percent": 50.0}}}},
			exec: func(c *Ctx) (Result, error) {
				bs := ConfigOf(c.Node, c.Spec).Branches("branches")
				if len(bs) == 0 {
					return Result{}, configError(c, "branches", "no branch")
				}
				// A hash of the journey, not a global random source: the same
				// contact and run always take the same branch, so simulations
				// reproduce and a replay after a crash agrees with the first try.
				key := c.Flow.ID
				if c.Draws != "" {
					key = c.Draws
				}
				h := fnv.New64a()
				fmt.Fprintf(h, "%s/%s/%d/%d", key, c.Node.ID, c.Contact.ID, c.Run)
				roll := float64(h.Sum64()%10000) / 100
				acc := 0.0
				for _, b := range bs {
					acc += b.Percent
					if roll < acc {
						return Result{Port: b.ID, Reason: words.R(words.SplitRandom, "roll", strconv.FormatFloat(roll, 'f', 2, 64), "branch", b.Label, "percent", strconv.FormatFloat(b.Percent, 'g', -1, 64))}, nil
					}
				}
				last := bs[len(bs)-1]
				return Result{Port: last.ID, Reason: words.R(words.SplitRandom, "roll", strconv.FormatFloat(roll, 'f', 2, 64), "branch", last.Label, "percent", strconv.FormatFloat(last.Percent, 'g', -1, 64))}, nil
			},
		},
		{
			Type: "split.field", Kind: KindSplit, Category: CatCheck, Icon: "git-branch", Input: true, PortsFrom: "cases",
			Ports:   []Port{{ID: "other", Label: T("Other", "Autre")}},
			Title:   T("Branch on a field", "Brancher selon un champ"),
			Help:    T("One branch per value of a field (e.g. one per country or language), plus “Other”.", "Une branche par valeur d'un champ (par ex. une par pays ou langue), plus « Autre »."),
			Summary: T("By {field}", "Selon {field}"),
			Fields: []Field{
				{Name: "field", Type: FField, Required: true, Label: T("Field", "Champ")},
				{Name: "cases", Type: FCases, Required: true, Label: T("Values", "Valeurs")},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				field := cfg.String("field")
				got, _ := c.Contact.Get(field)
				g := strings.TrimSpace(fmt.Sprint(got))
				for _, v := range cfg.Strings("cases") {
					if strings.EqualFold(strings.TrimSpace(v), g) {
						return Result{Port: CasePort(v), Reason: words.R(words.SplitCase, "field", field, "got", g)}, nil
					}
				}
				return Result{Port: "other", Reason: words.R(words.SplitOther, "field", field, "got", g)}, nil
			},
		},
	}
}

// resumed is the second half of every timed wait.
func resumed(c *Ctx) (Result, bool) {
	if c.Resumed == nil {
		return Result{}, false
	}
	if c.Quiet {
		return Result{Port: "next"}, true
	}
	return Result{Port: "next", Reason: words.R(words.Waited, "for", secs(c.Now.Sub(c.Resumed.WaitStart)))}, true
}

// secs is a duration as a reason's parameter holds it: whole seconds.
func secs(d time.Duration) string { return words.Sec(int64(d / time.Second)) }

// clockTime parses "HH:MM".
func clockTime(s string) (h, m int, err error) {
	if _, err = fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, fmt.Errorf("%q is not a time of day (expected HH:MM)", s)
	}
	return h, m, nil
}

var weekdays = []Option{{"mon", T("Mon", "Lun")}, {"tue", T("Tue", "Mar")}, {"wed", T("Wed", "Mer")}, {"thu", T("Thu", "Jeu")}, {"fri", T("Fri", "Ven")}, {"sat", T("Sat", "Sam")}, {"sun", T("Sun", "Dim")}}

// NextWindow returns the first instant at or after t that falls within the
// daily window [from, to) on one of days, in loc.
func NextWindow(t time.Time, loc *time.Location, from, to string, days []string) (time.Time, error) {
	fh, fm, err := clockTime(from)
	if err != nil {
		return t, err
	}
	th, tm, err := clockTime(to)
	if err != nil {
		return t, err
	}
	allowed := map[time.Weekday]bool{}
	for _, d := range days {
		for i, w := range weekdays {
			if strings.EqualFold(d, w.Value) {
				allowed[time.Weekday((i+1)%7)] = true
			}
		}
	}
	if len(allowed) == 0 {
		for i := 0; i < 7; i++ {
			allowed[time.Weekday(i)] = true
		}
	}
	lt := t.In(loc)
	for i := 0; i < 8; i++ {
		day := time.Date(lt.Year(), lt.Month(), lt.Day()+i, 0, 0, 0, 0, loc)
		if !allowed[day.Weekday()] {
			continue
		}
		start := time.Date(day.Year(), day.Month(), day.Day(), fh, fm, 0, 0, loc)
		end := time.Date(day.Year(), day.Month(), day.Day(), th, tm, 0, 0, loc)
		if !lt.After(end) && !lt.Equal(end) && (lt.After(start) || lt.Equal(start)) {
			return t, nil
		}
		if lt.Before(start) {
			return start, nil
		}
	}
	return t, fmt.Errorf("no allowed time in the next week")
}

func waitSpecs() []Spec {
	return []Spec{
		{
			Type: "wait.delay", Kind: KindWait, Category: CatWait, Icon: "clock", Input: true, Ports: next,
			Title:   T("Wait", "Attendre"),
			Help:    T("Waits a while before the next step: some minutes, hours, days or weeks.", "Attend un moment avant l'étape suivante : quelques minutes, heures, jours ou semaines."),
			Summary: T("Wait {duration}", "Attendre {duration}"),
			Fields:  []Field{{Name: "duration", Type: FDuration, Required: true, Default: "1d", Label: T("How long", "Combien de temps")}},
			exec: func(c *Ctx) (Result, error) {
				if r, ok := resumed(c); ok {
					return r, nil
				}
				d, err := ConfigOf(c.Node, c.Spec).Duration("duration")
				if err != nil {
					return Result{}, configError(c, "duration", "%v", err)
				}
				if c.Quiet {
					return Result{WaitUntil: c.Now.Add(d)}, nil
				}
				return Result{WaitUntil: c.Now.Add(d), Reason: words.R(words.Waiting, "for", secs(d))}, nil
			},
		},
		{
			Type: "wait.until_date", Kind: KindWait, Category: CatWait, Icon: "calendar", Input: true, Ports: next,
			Title:   T("Wait until a date", "Attendre une date"),
			Help:    T("Waits until a fixed date, or a date of the contact (e.g. 3 days before the renewal date).", "Attend une date fixe, ou une date du contact (par ex. 3 jours avant la date de renouvellement)."),
			Summary: T("Wait until {date}{field}", "Attendre jusqu'au {date}{field}"),
			Fields: []Field{
				{Name: "mode", Type: FEnum, Default: "date", Label: T("Until", "Jusqu'à"), Options: []Option{{"date", T("A fixed date", "Une date fixe")}, {"field", T("A date of the contact", "Une date du contact")}}},
				{Name: "date", Type: FDate, Label: T("Date", "Date"), ShowIf: &ShowIf{"mode", []string{"date"}}},
				{Name: "field", Type: FField, Label: T("Date field", "Champ date"), ShowIf: &ShowIf{"mode", []string{"field"}}},
				{Name: "offset_days", Type: FNumber, Default: 0.0, Label: T("Days before (−) or after (+)", "Jours avant (−) ou après (+)"), ShowIf: &ShowIf{"mode", []string{"field"}}},
				{Name: "at_time", Type: FTime, Default: "09:00", Label: T("At", "À")},
			},
			exec: func(c *Ctx) (Result, error) {
				if r, ok := resumed(c); ok {
					return r, nil
				}
				cfg := ConfigOf(c.Node, c.Spec)
				var base string
				if cfg.String("mode") == "field" {
					v, ok := c.Contact.Get(cfg.String("field"))
					if !ok {
						return Result{Port: "next", Reason: words.R(words.WaitNoDate, "field", cfg.String("field"))}, nil
					}
					base = fmt.Sprint(v)
				} else {
					base = cfg.String("date")
				}
				d, err := ParseDate(base)
				if err != nil {
					return Result{}, configError(c, "date", "%v", err)
				}
				h, m, err := clockTime(cfg.String("at_time"))
				if err != nil {
					return Result{}, configError(c, "at_time", "%v", err)
				}
				off, _ := cfg.Number("offset_days")
				target := time.Date(d.Year(), d.Month(), d.Day()+int(off), h, m, 0, 0, c.Location)
				if !target.After(c.Now) {
					return Result{Port: "next", Reason: words.R(words.WaitDatePassed, "at", words.At(target), "tz", words.TZ(c.Location))}, nil
				}
				return Result{WaitUntil: target, Reason: words.R(words.WaitingUntil, "at", words.At(target), "tz", words.TZ(c.Location))}, nil
			},
		},
		{
			Type: "wait.window", Kind: KindWait, Category: CatWait, Icon: "sun", Input: true, Ports: next,
			Title:   T("Wait for office hours", "Attendre les heures ouvrées"),
			Help:    T("Waits until the next allowed hours and weekdays, in the contact's timezone.", "Attend les prochaines heures et jours autorisés, dans le fuseau horaire du contact."),
			Summary: T("Only {from}–{to}", "Seulement {from}–{to}"),
			Fields: []Field{
				{Name: "from", Type: FTime, Default: "09:00", Required: true, Label: T("From", "De")},
				{Name: "to", Type: FTime, Default: "18:00", Required: true, Label: T("To", "À")},
				{Name: "days", Type: FWeekdays, Default: []any{"mon", "tue", "wed", "thu", "fri"}, Label: T("Days", "Jours"), Options: weekdays},
			},
			exec: func(c *Ctx) (Result, error) {
				if c.Resumed != nil {
					return Result{Port: "next", Reason: words.R(words.WaitHoursReached)}, nil
				}
				cfg := ConfigOf(c.Node, c.Spec)
				at, err := NextWindow(c.Now, c.Location, cfg.String("from"), cfg.String("to"), cfg.Strings("days"))
				if err != nil {
					return Result{}, configError(c, "from", "%v", err)
				}
				if !at.After(c.Now) {
					return Result{Port: "next", Reason: words.R(words.WaitInHours)}, nil
				}
				return Result{WaitUntil: at, Reason: words.R(words.WaitingHours, "at", words.At(at), "tz", words.TZ(c.Location))}, nil
			},
		},
		{
			Type: "wait.best_time", Kind: KindWait, Category: CatWait, Icon: "star", Input: true, Ports: next,
			Title:   T("Wait for the best time", "Attendre le meilleur moment"),
			Help:    T("Waits until the hour at which this contact usually opens email (learned from their history), or the default hour.", "Attend l'heure à laquelle ce contact ouvre habituellement ses courriels (d'après son historique), ou l'heure par défaut."),
			Summary: T("Best time (else {default_hour}:00)", "Au meilleur moment (sinon à {default_hour} h)"),
			Fields:  []Field{{Name: "default_hour", Type: FNumber, Default: 10.0, Min: f64(0), Max: f64(23), Label: T("Default hour", "Heure par défaut")}},
			exec: func(c *Ctx) (Result, error) {
				if r, ok := resumed(c); ok {
					r.Reason = words.R(words.WaitBestReached)
					return r, nil
				}
				cfg := ConfigOf(c.Node, c.Spec)
				def, _ := cfg.Number("default_hour")
				hour, learned, err := c.Env.BestHour(c, c.Contact.ID)
				if err != nil {
					return Result{}, err
				}
				src := "learned"
				if !learned {
					hour, src = int(def), "default"
				}
				lt := c.Now.In(c.Location)
				at := time.Date(lt.Year(), lt.Month(), lt.Day(), hour, 0, 0, 0, c.Location)
				if lt.Hour() == hour {
					return Result{Port: "next", Reason: words.R(words.WaitBestNow, "hour", strconv.Itoa(hour), "source", src)}, nil
				}
				if !at.After(c.Now) {
					at = at.AddDate(0, 0, 1)
				}
				return Result{WaitUntil: at, Reason: words.R(words.WaitingBest, "hour", strconv.Itoa(hour), "source", src)}, nil
			},
		},
		{
			Type: "wait.event", Kind: KindWait, Category: CatWait, Icon: "hourglass", Input: true,
			Ports:   []Port{{ID: "met", Label: T("It happened", "C'est arrivé")}, {ID: "timeout", Label: T("Timed out", "Délai dépassé")}},
			Title:   T("Wait for something to happen", "Attendre un événement"),
			Help:    T("Waits until the contact does something (confirms, buys, clicks…), or until the time limit runs out. It can also count what they did just before arriving here.", "Attend que le contact fasse quelque chose (confirme, achète, clique…), ou que le délai expire. Peut aussi compter ce qu'il a fait juste avant d'arriver ici."),
			Summary: T("Wait for {event_type} (at most {timeout})", "Attendre : {event_type} (au plus {timeout})"),
			Fields: []Field{
				{Name: "event_type", Type: FEventType, Required: true, Label: T("Event", "Événement")},
				{Name: "filter", Type: FFilter, Label: T("Only when", "Seulement si"), Help: T("Property = value. A * stands for any text: url = */pricing* is every pricing page. Numbers compare too: seconds = >=30 is at least 30 seconds on the page.", "Propriété = valeur. Un * remplace n’importe quel texte : url = */pricing* désigne toutes les pages de tarifs. Les nombres se comparent aussi : seconds = >=30 veut dire au moins 30 secondes sur la page.")},
				{Name: "timeout", Type: FDuration, Label: T("Give up after", "Abandonner après")},
				{Name: "lookback", Type: FDuration, Label: T("Count it if it already happened in the last", "Le compter s'il a déjà eu lieu dans les derniers"),
					Help: T("E.g. 2 days: a contact who did it in the 2 days before reaching this step goes on at once, without waiting.", "Par ex. 2 jours : un contact qui l'a fait dans les 2 jours avant d'arriver à cette étape continue tout de suite, sans attendre.")},
			},
			exec: func(c *Ctx) (Result, error) {
				cfg := ConfigOf(c.Node, c.Spec)
				typ := cfg.String("event_type")
				if c.Resumed != nil && c.Quiet {
					return Result{Port: map[bool]string{true: "met", false: "timeout"}[c.Resumed.ByEvent]}, nil
				}
				if c.Resumed != nil {
					if c.Resumed.ByEvent {
						return Result{Port: "met", Reason: words.R(words.EventHappened, "event", typ, "after", secs(c.Now.Sub(c.Resumed.WaitStart)))}, nil
					}
					return Result{Port: "timeout", Reason: words.R(words.EventTimedOut, "event", typ, "within", secs(c.Now.Sub(c.Resumed.WaitStart)))}, nil
				}
				filter := cfg.Map("filter")
				if cfg.String("lookback") != "" {
					// Dittofeed's semantics: an event already in the
					// window before the wait counts as if it came now.
					lb, err := cfg.Duration("lookback")
					if err != nil {
						return Result{}, configError(c, "lookback", "%v", err)
					}
					n, err := c.Env.CountEvents(c, c.Contact.ID, typ, filter, c.Now.Add(-lb))
					if err != nil {
						return Result{}, err
					}
					if n > 0 {
						if c.Quiet {
							return Result{Port: "met"}, nil
						}
						return Result{Port: "met", Reason: words.R(words.EventAlready, "event", typ, "lookback", secs(lb))}, nil
					}
				}
				r := Result{WaitFor: &WaitFor{EventType: typ, Filter: filter}}
				if !c.Quiet {
					r.Reason = words.R(words.WaitingEvent, "event", typ)
				}
				if cfg.String("timeout") != "" {
					d, err := cfg.Duration("timeout")
					if err != nil {
						return Result{}, configError(c, "timeout", "%v", err)
					}
					r.WaitUntil = c.Now.Add(d)
					if !c.Quiet {
						r.Reason = words.R(words.WaitingEventMax, "event", typ, "max", secs(d))
					}
				}
				return r, nil
			},
		},
	}
}
