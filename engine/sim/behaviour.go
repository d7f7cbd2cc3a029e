package sim

import (
	"math"
	"strings"

	"flightplan/engine/contact"
	"flightplan/engine/journey"
	"flightplan/engine/words"
)

// emailEvent is a tracking event about message ref, with the props the
// live tracking handler gives it (the journey and the node, so that
// condition.email_engagement and wait.event see it), plus the flow and
// the template for behaviour filters.
func (w *worker) emailEvent(typ string, ref int32, at int64) evRec {
	return evRec{at: at, typ: typ, enr: w.outbox[ref].enr, msg: ref + 1, mail: true}
}

// deliver sends a queued message at its time and draws the contact's
// reactions to it. Every draw is taken, used or not, from a stream of the
// message's own, so that two variants of a funnel that send the same email
// to the same contact see the same reaction.
func (w *worker) deliver(ref int32) {
	m := &w.outbox[ref]
	if m.status != msgPending {
		return
	}
	if w.m.scripted {
		w.relay(ref)
		return
	}
	cn := &m.flow.nodes[m.node]
	var ea *emailAcc
	ep := &w.pm.email
	if cn.email >= 0 {
		ea = &w.acc.emails[cn.email]
		ep = &w.pm.bySlot[cn.email]
	} else {
		ea = &emailAcc{}
	}
	// Suppression is checked again at send time, as the delivery worker
	// does: the contact may have unsubscribed during quiet hours.
	if journey.AtSend(&w.c, "email", m.marketing) != "" {
		m.status = msgFailed
		ea.failed++
		return
	}
	if cn.missing {
		// Live, the delivery worker fails it ("does not exist any
		// more"): nothing is sent, opened or clicked; the email's row
		// counts it failed. The journey goes on, as live.
		m.status = msgFailed
		ea.failed++
		return
	}
	run := uint64(m.run)
	s := w.msgs
	s.seed(w.m.cfg.Seed, uint64(w.idx), 5, cn.hash, run, uint64(m.nth))
	r := s.r
	uBounce, uOpen, tOpen := r.Float64(), r.Float64(), r.Float64()
	uClick, tClick, uLink := r.Float64(), r.Float64(), r.Float64()
	uBuy, tBuy, uAmount := r.Float64(), r.Float64(), r.Float64()
	uDown, uConfirm, tConfirm := r.Float64(), r.Float64(), r.Float64()
	uUnsub, tUnsub := r.Float64(), r.Float64()

	if uBounce < ep.bounce {
		m.status = msgBounced
		ea.bounced++
		w.acc.tot.Bounces++
		if journey.Settle(journey.Refused, "", "email", nil, "", 1, "", w.timeNow()).Suppress {
			w.c.Bounced = true
			w.emitRec(w.emailEvent(contact.EventBounced, ref, w.now))
		}
		return
	}
	m.status = msgSent
	ea.sent++
	w.acc.tot.EmailsSent++
	w.delivered++
	if d := w.dayOf(w.now); d >= 0 {
		w.acc.days[d].emails++
	}
	w.emitRec(w.emailEvent(contact.EventEmailSent, ref, w.now))
	if uOpen < ep.open {
		ot := w.now + exp(tOpen, ep.openMean)
		w.schedule(w.emailEvent(contact.EventEmailOpened, ref, ot), 2)
		if uClick < ep.click {
			ct := ot + exp(tClick, ep.clickMean)
			ev := w.emailEvent(contact.EventEmailClicked, ref, ct)
			url := ep.links.pick(uLink)
			if url == nil {
				url = "https://example.com/"
			}
			w.prop(&ev, "url", url)
			w.schedule(ev, 2)
			if uBuy < ep.purchase {
				cents := w.amount(uAmount)
				buy := evRec{at: ct + exp(tBuy, w.pm.purchaseMean), typ: contact.EventPurchase, msg: ref + 1, cents: cents}
				w.num(&buy, "amount", float64(cents)/100)
				w.schedule(buy, 2)
			}
			if uDown < ep.download {
				dl := evRec{at: ct + minute, typ: contact.EventDownloaded, msg: ref + 1}
				w.prop(&dl, "file", cn.tplAny)
				w.schedule(dl, 2)
			}
		}
		if ep.confirmTpl && uConfirm < ep.confirm {
			w.schedule(evRec{at: ot + exp(tConfirm, ep.clickMean), typ: "optin_confirmed", msg: ref + 1}, 2)
		}
	}
	if m.marketing && uUnsub < ep.unsub {
		u := w.emailEvent(contact.EventUnsubscribed, ref, w.now+exp(tUnsub, ep.openMean))
		u.unsub = true
		w.schedule(u, 2)
	}
}

// relay delivers a message of a scripted run through the relay
// Config.Relay describes, as the live delivery worker does: suppression
// checked again at send time, the relay's answer settled by the same rule
// (journey.Settle: retries, refusal), the same journal lines.
func (w *worker) relay(ref int32) {
	m := &w.outbox[ref]
	cn := &m.flow.nodes[m.node]
	ea := &emailAcc{}
	if cn.email >= 0 {
		ea = &w.acc.emails[cn.email]
	}
	tpl, _ := cn.tplAny.(string)
	what := journey.What("email", tpl)
	e := w.enr[m.enr-1]
	if why := journey.AtSend(&w.c, "email", m.marketing); why != "" {
		m.status = msgFailed
		ea.failed++
		w.deliveryStep(e, m.node, words.R(why, what...), journey.OutSkipped)
		return
	}
	m.tries++
	result, answer := journey.Sent, ""
	switch {
	case cn.missing:
		result, answer = journey.Broken, journey.MissingEmail(tpl)
	case w.m.cfg.Relay == RelayRefuses:
		result, answer = journey.Refused, w.m.cfg.RelayAnswer
	case w.m.cfg.Relay == RelayBusy:
		result, answer = journey.Retry, w.m.cfg.RelayAnswer
	}
	set := journey.Settle(result, answer, "email", what, words.TZ(w.cloc), m.tries, m.lastError, w.timeNow())
	if !set.Reason.IsZero() {
		w.deliveryStep(e, m.node, set.Reason, set.Outcome)
	}
	switch set.Status {
	case "sent":
		m.status = msgSent
		ea.sent++
		w.acc.tot.EmailsSent++
		w.delivered++
		if d := w.dayOf(w.now); d >= 0 {
			w.acc.days[d].emails++
		}
		w.emitRec(w.emailEvent(contact.EventEmailSent, ref, w.now))
	case "pending":
		m.lastError = answer
		w.push(set.Next.UnixMilli(), 2, itDeliver, ref)
	case "bounced":
		m.status = msgBounced
		ea.bounced++
		w.acc.tot.Bounces++
	default:
		m.status = msgFailed
		ea.failed++
	}
	if set.Suppress {
		w.c.Bounced = true
		w.emitRec(w.emailEvent(contact.EventBounced, ref, w.now))
	}
}

// deliveryStep journals what delivery found out about a step's message,
// after the step, as the live worker does: it is no step of the journey.
func (w *worker) deliveryStep(e *enrollment, node int32, reason words.Reason, outcome string) {
	na := &w.acc.flows[e.flow.idx].nodes[node]
	if outcome == journey.OutSkipped {
		na.skipped++
	}
	if w.journal {
		w.steps = append(w.steps, Step{Flow: e.flow.f.ID, Enrollment: e.ID, Run: e.Run, Node: e.flow.nodes[node].n.ID, Why: reason, Outcome: outcome, At: w.timeNow()})
	}
}

// track counts a tracking event against the message it reacts to.
func (w *worker) track(r *evRec) {
	m := &w.outbox[r.msg-1]
	slot := m.flow.nodes[m.node].email
	if slot < 0 {
		return
	}
	ea := &w.acc.emails[slot]
	d := w.dayOf(r.at)
	pa := &w.acc.personas[w.pm.idx]
	switch r.typ {
	case contact.EventEmailOpened:
		ea.opened++
		w.acc.tot.Opens++
		pa.opens++
		if d >= 0 {
			w.acc.days[d].opens++
		}
	case contact.EventEmailClicked:
		ea.clicked++
		w.acc.tot.Clicks++
		pa.clicks++
		if d >= 0 {
			w.acc.days[d].clicks++
		}
	case contact.EventUnsubscribed:
		ea.unsubscribed++
	case contact.EventPurchase:
		ea.purchases++
		ea.revenue += r.cents
	}
}

// activity is something the contact does on its own: a page visit, a cart,
// a form. The next one is drawn at once (a Poisson process).
func (w *worker) activity(k int32) {
	b := w.pm.b
	switch k {
	case actPages:
		s := w.pages
		w.visit(w.pm.pages.pick(s.r.Float64()))
		w.nextActivity(actPages, w.now, b.PageVisits.Rate, s)
	case actCarts:
		s := w.carts
		uBuy, tBuy, uAmount := s.r.Float64(), s.r.Float64(), s.r.Float64()
		cents := w.amount(uAmount)
		amount := float64(cents) / 100
		r := evRec{at: w.now, typ: contact.EventCartUpdated}
		w.num(&r, "amount", amount)
		w.emitRec(r)
		if uBuy < b.PurchaseRate {
			buy := evRec{at: w.now + exp(tBuy, w.pm.purchaseMean), typ: contact.EventPurchase, cents: cents}
			w.num(&buy, "amount", amount)
			w.schedule(buy, 2)
		} else {
			ab := evRec{at: w.now + hour, typ: contact.EventCartAbandoned}
			w.num(&ab, "amount", amount)
			w.schedule(ab, 2)
		}
		w.nextActivity(actCarts, w.now, b.CartRate, s)
	case actForms:
		s := w.forms
		r := evRec{at: w.now, typ: contact.EventFormSubmitted}
		form := w.pm.forms.pick(s.r.Float64())
		if form == nil {
			form = "signup"
		}
		w.prop(&r, "form", form)
		w.emitRec(r)
		w.nextActivity(actForms, w.now, b.Forms.Rate, s)
	}
}

// visitGap is the time without a page after which the next page starts a
// new visit, as the tracking snippet counts it.
const visitGap = 30 * minute

// visit plays one visit to the website starting now on url (nil: the home
// page): its pages one after the other, each a page_visited and, when the
// persona's reading time is set, a page_left after the seconds read, as
// the snippet sends them.
func (w *worker) visit(url any) {
	pm, rd := w.pm, w.reads.r
	at := w.now
	for i := 0; ; i++ {
		if i > 0 {
			url = pm.pages.pick(rd.Float64())
		}
		if url == nil {
			url = "https://example.com/"
		}
		r := evRec{at: at, typ: contact.EventPageVisited}
		w.prop(&r, "url", url)
		w.prop(&r, "path", pagePath(url))
		if at-w.lastPage >= visitGap {
			w.prop(&r, "visit", true)
		}
		w.lastPage = max(w.lastPage, at)
		if i == 0 {
			w.emitRec(r)
		} else {
			w.schedule(r, 2)
		}
		read := int64(0)
		if pm.readLo >= 0 {
			// Drawn even when nothing reads it: the draws after it stay
			// the same whatever the funnel.
			secs := math.Round(pm.readLo + rd.Float64()*(pm.readHi-pm.readLo))
			read = int64(secs) * second
			if w.m.readsPageLeft {
				left := evRec{at: at + read, typ: contact.EventPageLeft}
				w.prop(&left, "url", url)
				w.prop(&left, "path", pagePath(url))
				w.num(&left, "seconds", secs)
				w.schedule(left, 2)
			}
		}
		// Another page, with probability 1 - 1/pages: a geometric number
		// of pages of mean pages. A page read for no time still takes a
		// second to reach the next.
		if i >= 49 || rd.Float64() >= pm.morePages {
			return
		}
		at += max(read, second)
	}
}

// pagePath is the path of a page's URL, as the snippet sends it.
func pagePath(url any) any {
	s, _ := url.(string)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.IndexByte(s, '/'); j >= 0 {
			return s[j:]
		}
		return "/"
	}
	return s
}

// finish counts where the contact's journeys stand at the end.
func (w *worker) finish() {
	acc := w.acc
	for _, e := range w.enr {
		fa := &acc.flows[e.flow.idx]
		na := &fa.nodes[e.node]
		if e.goal {
			fa.converted++
		}
		switch e.Status {
		case journey.Waiting, journey.Active:
			fa.active++
			na.waiting++
			if !e.goal {
				na.dropWaiting++
			}
		case journey.Done:
			fa.done++
			if !e.goal {
				na.dropEnded++
			}
		case journey.Exited:
			fa.exited++
			if !e.goal {
				na.dropExited++
			}
		case journey.Failed:
			fa.errors++
			if !e.goal {
				na.dropError++
			}
		}
	}
	emails := w.delivered
	if w.m.scripted {
		emails = len(w.outbox) // nothing is delivered: count what was queued
	}
	for len(acc.perContact) <= emails {
		acc.perContact = append(acc.perContact, 0)
	}
	acc.perContact[emails]++
	acc.tot.Contacts++
	if w.pm != nil {
		pa := &acc.personas[w.pm.idx]
		pa.contacts++
		pa.emails += w.delivered
		pa.goals += w.goals
		if w.unsub {
			pa.unsubscribed++
		}
	}
	if w.journal && w.journeys != nil {
		j := Journey{Contact: w.c.ID, Email: w.c.Email, Steps: append([]Step(nil), w.steps...)}
		if w.pm != nil {
			j.Persona = w.pm.name
		}
		if j.Steps == nil {
			j.Steps = []Step{}
		}
		w.journeys[w.idx] = j
	}
}
