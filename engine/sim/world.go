package sim

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
	"flightplan/engine/script"
	"flightplan/engine/words"
)

// enrollment is one journey of the current contact through one flow: the
// state the journey rules read and change (its ID is 1, 2, 3... within the
// contact, in creation order), the node it is at by index, and what the
// results count.
type enrollment struct {
	journey.State
	enteredT time.Time // EnteredAt, as every step's context gives it
	flow     *cflow
	node     int32
	goal     bool
	visited  []uint64
}

// kv is one event property. Values are boxed once (node ids, templates,
// URLs of the audience) and shared; numbers stay unboxed until an event is
// read, so that an event nobody looks at costs no allocation.
type kv struct {
	k   string
	v   any
	f   float64
	num bool // the value is f
}

// evRec is an event in the contact's history, or scheduled for later. Its
// properties live in the worker's kvs, from kvOff, so that the record stays
// small to copy.
type evRec struct {
	at  int64
	typ string
	// enr is the enrollment_id property (email tracking events), 0 when none.
	enr   int64
	cents int64          // purchase amount, for revenue
	props map[string]any // scripted events keep their own props
	// stampFlow asks for the enrollment_id of the contact's journey in that
	// flow when the event happens (scripted events).
	stampFlow *cflow
	kvOff     int32
	nkv       uint8
	// unsub marks a tracked unsubscribe: it suppresses the contact, as the
	// tracking handler does, before the event is processed.
	unsub bool
	// msg is the outbox message (index+1) a tracking event reacts to.
	msg int32
	// mail gives the event the message's node, flow and template as
	// properties, read from the outbox when the event is read.
	mail bool
}

// prop adds a property to r; a record's properties are added one after the
// other, before the next record's.
func (w *worker) prop(r *evRec, k string, v any) {
	if r.nkv == 0 {
		r.kvOff = int32(len(w.kvs))
	}
	w.kvs = append(w.kvs, kv{k: k, v: v})
	r.nkv++
}

func (w *worker) num(r *evRec, k string, f float64) {
	if r.nkv == 0 {
		r.kvOff = int32(len(w.kvs))
	}
	w.kvs = append(w.kvs, kv{k: k, f: f, num: true})
	r.nkv++
}

func (w *worker) mailProps(r *evRec, m map[string]any) {
	msg := &w.outbox[r.msg-1]
	cn := &msg.flow.nodes[msg.node]
	m["node"], m["flow"], m["template"] = cn.idAny, msg.flow.idAny, cn.tplAny
}

func (w *worker) props(r *evRec) []kv { return w.kvs[r.kvOff : r.kvOff+int32(r.nkv)] }

func (p *kv) value() any {
	if p.num {
		return p.f
	}
	return p.v
}

// boxes holds the strings events carry most, boxed once.
var boxes = func() map[string]any {
	m := map[string]any{}
	for _, s := range append([]string{"", "cold", "warm", "hot"}, contact.Stages...) {
		m[s] = s
	}
	return m
}()

func box(s string) any {
	if v, ok := boxes[s]; ok {
		return v
	}
	return s
}

// Outbox message statuses.
const (
	msgPending uint8 = iota
	msgSent
	msgFailed
	msgBounced
)

type msg struct {
	enr       int64
	flow      *cflow
	node      int32
	created   int64
	sendAt    int64
	marketing bool
	status    uint8
	nth       int // how many messages the same journey's node queued before this one
	run       int // the journey's run, which seeds the reactions
	// tries and lastError are the scripted relay's (see relay).
	tries     int
	lastError string
}

// Queue items. At the same instant, anniversary sweeps come first (the live
// runner sweeps before it processes), then due wake-ups, then everything
// else in the order it was scheduled.
type itemKind uint8

const (
	itWake itemKind = iota
	itEvent
	itArrive
	itDeliver
	itActivity
)

type item struct {
	at    int64
	class uint8
	kind  itemKind
	seq   uint32
	ref   int32
}

func (a *item) less(b *item) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	if a.class != b.class {
		return a.class < b.class
	}
	return a.seq < b.seq
}

// Activities: what a contact does on its own.
const (
	actPages int32 = iota
	actCarts
	actForms
)

// stream is one reproducible random stream.
type stream struct {
	pcg rand.PCG
	r   *rand.Rand
}

func newStream() *stream {
	s := &stream{}
	s.r = rand.New(&s.pcg)
	return s
}

// seed derives a stream's state from the run's seed and a few keys, so
// that each contact, activity and message has its own stream: the same
// contact behaves the same whatever the order in which contacts are
// simulated, and two variants of a funnel see the same people.
func (s *stream) seed(keys ...uint64) {
	a, b := uint64(0x9e3779b97f4a7c15), uint64(0xd1b54a32d192ed03)
	for _, k := range keys {
		a = splitmix(a ^ k)
		b = splitmix(b + k)
	}
	s.pcg.Seed(a, b)
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// exp draws an exponential delay of the given mean (ms) from u, at least a second.
func exp(u, mean float64) int64 {
	d := int64(-mean * math.Log(1-u))
	return max(d, second)
}

// worker simulates contacts one at a time. Contacts never affect each
// other (every rule — re-entry, caps, quiet hours, goals — is per
// contact), so each contact's journey is a discrete-event simulation of its
// own: a small priority queue of (time, seq) items on a virtual clock.
// That is equivalent to one global queue restricted to the contact, keeps
// the contact's state in cache, and needs no per-contact memory once the
// contact is done.
type worker struct {
	m   *model
	ctx context.Context
	acc *shard

	// The current contact.
	idx       int
	pm        *persona
	c         contact.Contact
	cloc      *time.Location
	hasTZ     bool
	arrival   int64
	now       int64
	nowT      time.Time // now as a time, when not nowStale (see timeNow)
	nowStale  bool
	hist      []evRec
	future    []evRec
	kvs       []kv
	pending   []int32
	pend2     []int32
	queue     []item
	seq       uint32
	enr       []*enrollment
	outbox    []msg
	steps     []Step
	journal   bool
	depth     int
	delivered int
	goals     int
	unsub     bool
	member    []bool // membership of the watched segments

	// Pools and scratch, reused from contact to contact.
	enrPool []*enrollment
	bits    []uint64
	nctx    nodes.Ctx
	resume  nodes.Resume
	evA     contact.Event
	propsA  map[string]any
	evB     contact.Event
	propsB  map[string]any
	due     []*enrollment
	locs    map[string]*time.Location

	attrs, pages, carts, forms, msgs *stream
	// reads draws the pages after a visit's first and the time read on
	// each: a stream of its own, so that adding it moved no other draw.
	reads *stream
	// lastPage is when the contact last viewed a page (ms), for the visit mark.
	lastPage int64

	// fver is bumped when the contact's identity or custom fields change.
	fver     int
	scFields map[string]any
	scVer    int
	scEvent  script.Event

	journeys []Journey

	// The event being handled, its properties laid out only when read.
	evCur  *contact.Event
	evHi   int32
	evFull bool
	// cur is the node of the step being taken, whose names are boxed once.
	// cur is the flow and node of the step being taken (indexes: no write
	// barrier per step), whose names are boxed once.
	curFlow int
	curNode int32
	nextTo  int32 // where the port Next was asked about leads

	// The contact's tape (tape.go), nil when the run is not taped: replay
	// applies its recorded effects instead of calling the rules, taping is
	// on while a recorded call runs, the others are cursors.
	tp                    *contactTape
	replay, taping        bool
	tHeard, tRound, tCall int
	tCur                  tapeCall
}

func newWorker(m *model, ctx context.Context, acc *shard) *worker {
	w := &worker{m: m, ctx: ctx, acc: acc, propsA: map[string]any{}, propsB: map[string]any{}, locs: map[string]*time.Location{},
		attrs: newStream(), pages: newStream(), carts: newStream(), forms: newStream(), msgs: newStream(), reads: newStream(), scVer: -1}
	w.c.Identity, w.c.Fields = map[string]string{}, map[string]any{}
	w.nctx = nodes.Ctx{Context: ctx, Contact: &w.c, Env: w, Lang: m.rules.Lang}
	return w
}

func msTime(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func (w *worker) setNow(ms int64) {
	w.now, w.nowStale = ms, true
}

// timeNow is the simulated clock as a time, worked out when first needed
// after the clock moved: most queue items move it and step nothing.
func (w *worker) timeNow() time.Time {
	if w.nowStale {
		w.nowT, w.nowStale = msTime(w.now), false
	}
	return w.nowT
}

func (w *worker) dayOf(ms int64) int {
	d := int((ms - w.m.start) / day)
	if ms < w.m.start || d >= len(w.acc.days) {
		return -1
	}
	return d
}

// Queue.

func (w *worker) push(at int64, class uint8, kind itemKind, ref int32) {
	if w.taping {
		w.tp.items = append(w.tp.items, item{at: at, class: class, kind: kind, ref: ref})
	}
	if at > w.m.end {
		return
	}
	w.seq++
	w.queue = append(w.queue, item{at: at, class: class, kind: kind, seq: w.seq, ref: ref})
	q := w.queue
	i := len(q) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q[i].less(&q[p]) {
			break
		}
		q[i], q[p] = q[p], q[i]
		i = p
	}
}

func (w *worker) pop() item {
	q := w.queue
	top := q[0]
	n := len(q) - 1
	q[0] = q[n]
	q = q[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		s := l
		if r := l + 1; r < n && q[r].less(&q[l]) {
			s = r
		}
		if !q[s].less(&q[i]) {
			break
		}
		q[i], q[s] = q[s], q[i]
		i = s
	}
	w.queue = q
	return top
}

// schedule puts an event in the queue for its time.
func (w *worker) schedule(r evRec, class uint8) {
	if r.at > w.m.end {
		return
	}
	w.future = append(w.future, r)
	w.push(r.at, class, itEvent, int32(len(w.future)-1))
}

// simulate runs contact idx from its arrival to the end of the period.
func (w *worker) simulate(idx int) {
	w.reset(idx)
	if w.m.tape != nil {
		w.startTape()
	}
	if w.m.scripted {
		w.scriptedContact()
	} else {
		w.syntheticContact()
	}
	for len(w.queue) > 0 {
		if w.queue[0].at > w.m.end {
			break
		}
		it := w.pop()
		if it.at > w.now {
			w.setNow(it.at)
		}
		switch it.kind {
		case itWake:
		case itEvent:
			w.ingest(it.ref)
			// Every anniversary of the same sweep is stored before any is
			// processed, as in the live runner.
			for it.class == 0 && len(w.queue) > 0 && w.queue[0].class == 0 && w.queue[0].at == it.at {
				w.ingest(w.pop().ref)
			}
		case itArrive:
			w.arrive()
		case itDeliver:
			w.deliver(it.ref)
		case itActivity:
			w.activity(it.ref)
		}
		w.settle()
	}
	w.finish()
}

func (w *worker) reset(idx int) {
	w.idx = idx
	w.curFlow = -1
	w.tp, w.replay, w.taping = nil, false, false
	clear(w.c.Identity)
	clear(w.c.Fields)
	w.c = contact.Contact{Identity: w.c.Identity, Fields: w.c.Fields, Lists: w.c.Lists[:0], Tags: w.c.Tags[:0]}
	w.now, w.seq, w.depth, w.delivered, w.goals, w.unsub = w.m.start, 0, 0, 0, 0, false
	w.nowStale = true
	w.hist, w.future, w.pending, w.queue, w.outbox, w.steps, w.kvs = w.hist[:0], w.future[:0], w.pending[:0], w.queue[:0], w.outbox[:0], w.steps[:0], w.kvs[:0]
	w.enrPool = append(w.enrPool, w.enr...)
	w.enr = w.enr[:0]
	w.bits = w.bits[:0]
	w.member = w.member[:0]
	for range w.m.watched {
		w.member = append(w.member, false)
	}
	w.journal = w.m.journal && (w.m.jlimit <= 0 || idx < w.m.jlimit)
	w.nctx.Quiet = !w.journal
}

func (w *worker) location(tz string) *time.Location {
	if l, ok := w.locs[tz]; ok {
		return l
	}
	l, err := time.LoadLocation(tz)
	if err != nil {
		l = nil
	}
	w.locs[tz] = l
	return l
}

// contactChanged refreshes what derives from the contact's fields.
func (w *worker) contactChanged() {
	w.fver++
	tz := w.c.Identity["timezone"]
	w.hasTZ = tz != ""
	// contact.Location: the contact's timezone, UTC when unknown.
	w.cloc = time.UTC
	if w.hasTZ {
		if l := w.location(tz); l != nil {
			w.cloc = l
		}
	}
}

// locFor is the location executors see: the contact's timezone, else the
// flow's, else UTC — as the live runner's advance.
func (w *worker) locFor(fl *cflow) *time.Location {
	if !w.hasTZ && fl.loc != nil {
		return fl.loc
	}
	return w.cloc
}

// Contacts.

func (w *worker) scriptedContact() {
	sc := &w.m.cfg.Scripted[w.idx]
	w.copyContact(sc.Contact)
	if w.c.Stage == "" {
		w.c.Stage = "subscriber"
	}
	if w.c.Temperature == "" {
		w.c.Temperature = "cold"
	}
	if w.c.ID == 0 {
		w.c.ID = int64(w.idx + 1)
	}
	w.arrival = sc.At.UnixMilli()
	if sc.At.IsZero() {
		w.arrival = w.m.start
	}
	w.c.CreatedAt = msTime(w.arrival)
	w.contactChanged()
	w.push(w.arrival, 2, itArrive, 0)
	for _, e := range sc.Events {
		r := evRec{at: e.At.UnixMilli(), typ: e.Type, props: e.Props}
		if e.At.IsZero() {
			r.at = w.arrival
		}
		if e.Flow != "" {
			r.stampFlow = w.m.byID[e.Flow]
		}
		r.enr = propInt(e.Props["enrollment_id"])
		if a, ok := e.Props["amount"].(float64); ok && e.Type == contact.EventPurchase {
			r.cents = int64(math.Round(a * 100))
		}
		w.schedule(r, 2)
	}
	w.scheduleAnniversaries()
}

func propInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case float64:
		if x == math.Trunc(x) {
			return int64(x)
		}
	}
	return 0
}

func (w *worker) copyContact(src *contact.Contact) {
	if src == nil {
		return
	}
	for k, v := range src.Identity {
		w.c.Identity[k] = v
	}
	for k, v := range src.Fields {
		w.c.Fields[k] = v
	}
	w.c.ID, w.c.Email, w.c.Score, w.c.Temperature, w.c.Stage = src.ID, src.Email, src.Score, src.Temperature, src.Stage
	w.c.Unsubscribed, w.c.Bounced, w.c.CreatedAt = src.Unsubscribed, src.Bounced, src.CreatedAt
	w.c.Lists = append(w.c.Lists, src.Lists...)
	w.c.Tags = append(w.c.Tags, src.Tags...)
}

func (w *worker) syntheticContact() {
	m := w.m
	w.pm = m.personaOf(w.idx)
	pm := w.pm
	seed := m.cfg.Seed
	w.attrs.seed(seed, uint64(w.idx), 1)
	r := w.attrs.r
	// Arrival first, so that it does not move when personas gain fields.
	w.arrival = m.start
	if win := m.cfg.ArrivalWindow.Milliseconds(); win > 0 {
		w.arrival += int64(r.Float64()*float64(win)) / second * second
	}
	if cs := m.cfg.Audience.contacts; len(cs) > 0 {
		w.copyContact(cs[w.idx])
		if w.c.Stage == "" {
			w.c.Stage = "subscriber"
		}
		if w.c.Temperature == "" {
			w.c.Temperature = m.rules.Temperature(w.c.Score)
		}
	} else {
		w.c.ID = int64(w.idx + 1)
		w.c.Email = "c" + strconv.Itoa(w.idx+1) + "@" + pm.name + ".sim.example"
		if tz := pm.tz.pick(r.Float64()); tz != nil {
			w.c.Identity["timezone"] = contact.ToString(tz)
		}
		for i := range pm.fields {
			g := &pm.fields[i]
			v := g.draw(r.Float64(), r.Float64())
			switch {
			case v == nil:
			case g.name == "email":
				w.c.Email = contact.ToString(v)
			case g.identity:
				w.c.Identity[g.name] = contact.ToString(v)
			default:
				w.c.Fields[g.name] = v
			}
		}
		if pm.score != nil {
			if v, ok := pm.score.draw(1, r.Float64()).(float64); ok {
				w.c.Score = v
			}
		}
		w.c.Stage = pm.p.Stage
		if w.c.Stage == "" {
			w.c.Stage = "subscriber"
		}
		w.c.Temperature = m.rules.Temperature(w.c.Score)
		w.c.Lists = append(w.c.Lists, pm.p.Lists...)
		w.c.Tags = append(w.c.Tags, pm.p.Tags...)
	}
	w.c.CreatedAt = msTime(w.arrival)
	// Memberships the entry gives are joined at arrival, with their event.
	for _, e := range m.entries {
		switch e.kind {
		case entryList:
			w.c.Lists = without(w.c.Lists, e.name)
		case entryTag:
			w.c.Tags = without(w.c.Tags, e.name)
		case entryAnniversary:
			w.entryDate(e.anniv, r.Float64())
		}
	}
	w.contactChanged()
	w.push(w.arrival, 2, itArrive, 0)
	w.scheduleAnniversaries()
	b := pm.b
	w.pages.seed(seed, uint64(w.idx), 2)
	w.carts.seed(seed, uint64(w.idx), 3)
	w.forms.seed(seed, uint64(w.idx), 4)
	w.reads.seed(seed, uint64(w.idx), 5)
	w.lastPage = math.MinInt64 / 2
	w.nextActivity(actPages, w.arrival, b.PageVisits.Rate, w.pages)
	w.nextActivity(actCarts, w.arrival, b.CartRate, w.carts)
	w.nextActivity(actForms, w.arrival, b.Forms.Rate, w.forms)
}

// entryDate gives a contact with no date a date whose anniversary comes
// first after its arrival, so that every contact enters an anniversary flow.
func (w *worker) entryDate(a *anniv, u float64) {
	if _, ok := w.c.Get(a.field); ok {
		return
	}
	for _, f := range a.days {
		if f.at > w.arrival {
			year := 1960 + int(u*40)
			if f.md == "02-29" {
				year = 1960 + 4*int(u*10)
			}
			v := strconv.Itoa(year) + "-" + f.md
			if contact.IsIdentity(a.field) {
				w.c.Identity[a.field] = v
			} else {
				w.c.Fields[a.field] = v
			}
			return
		}
	}
}

func (w *worker) scheduleAnniversaries() {
	for _, a := range w.m.annivs {
		v, ok := w.c.Get(a.field)
		if !ok {
			continue
		}
		s := contact.ToString(v)
		if len(s) < 10 {
			continue
		}
		for _, f := range a.fires[s[5:10]] {
			// The live sweep only sees contacts that exist when it runs.
			if f.at <= w.arrival {
				continue
			}
			r := evRec{at: f.at, typ: "anniversary"}
			w.prop(&r, "field", a.fieldAny)
			w.prop(&r, "offset_days", a.offsetStr)
			w.prop(&r, "date", f.date)
			w.future = append(w.future, r)
			w.push(f.at, 0, itEvent, int32(len(w.future)-1))
			w.future[len(w.future)-1].at = f.evAt
		}
	}
}

func (w *worker) nextActivity(kind int32, from int64, rate float64, s *stream) {
	if rate <= 0 {
		return
	}
	w.push(from+exp(s.r.Float64(), float64(day)/rate), 2, itActivity, kind)
}

// arrive: the contact goes through the entry flows' triggers.
func (w *worker) arrive() {
	if w.m.scripted {
		sc := &w.m.cfg.Scripted[w.idx]
		w.emit(contact.EventContactCreated)
		for _, l := range sc.Lists {
			if !contains(w.c.Lists, l) {
				w.c.Lists = append(w.c.Lists, l)
				w.emit(contact.EventListJoined, kv{k: "list", v: l})
			}
		}
		return
	}
	for i := range w.m.entries {
		e := &w.m.entries[i]
		switch e.kind {
		case entryCreated:
			w.emit(contact.EventContactCreated)
		case entryList:
			if !contains(w.c.Lists, e.name) {
				w.c.Lists = append(w.c.Lists, e.name)
				w.emit(contact.EventListJoined, kv{k: "list", v: e.nameAny})
			}
		case entryTag:
			if !contains(w.c.Tags, e.name) {
				w.c.Tags = append(w.c.Tags, e.name)
				w.emit(contact.EventTagAdded, kv{k: "tag", v: e.nameAny})
			}
		case entryEvent:
			r := evRec{at: w.now, typ: e.typ}
			for _, p := range e.props {
				w.prop(&r, p.k, p.v)
			}
			if e.amount {
				r.cents = w.amount(w.attrs.r.Float64())
				w.num(&r, "amount", float64(r.cents)/100)
			}
			w.emitRec(r)
		case entrySegment:
			w.emit(e.typ, kv{k: "segment", v: e.nameAny})
		case entryScore:
			old, oldT := w.c.Score, w.c.Temperature
			if old >= e.threshold {
				old = e.threshold - 1
				oldT = w.m.rules.Temperature(old)
			}
			w.c.Score = e.threshold
			w.c.Temperature = w.m.rules.Temperature(w.c.Score)
			r := evRec{at: w.now, typ: contact.EventScoreChanged}
			r.props = map[string]any{"old": old, "new": w.c.Score, "delta": w.c.Score - old, "temperature": w.c.Temperature, "old_temperature": oldT, "cause": "simulation"}
			w.emitRec(r)
		case entryManual:
			w.enroll(e.flow, e.node, nil)
			w.segmentChanges() // Enroll commits its own batch
		}
	}
}

func (w *worker) amount(u float64) int64 {
	a := w.pm.b.PurchaseAmount
	lo, hi := a[0], a[1]
	if hi < lo {
		hi = lo
	}
	return int64(math.Round((lo + u*(hi-lo)) * 100))
}

// Events.

// emit stores an event caused by a step: it is in the history at once (the
// live runner inserts it in the step's transaction) and is processed after
// the events before it.
func (w *worker) emit(typ string, props ...kv) {
	r := evRec{at: w.now, typ: typ}
	for _, p := range props {
		w.prop(&r, p.k, p.v)
	}
	w.emitRec(r)
}

func (w *worker) emitRec(r evRec) {
	if w.taping {
		w.tapeEmit(r)
	}
	w.hist = append(w.hist, r)
	w.pending = append(w.pending, int32(len(w.hist)-1))
}

// ingest moves a scheduled event into the history and the pending queue.
func (w *worker) ingest(ref int32) {
	r := w.future[ref]
	if r.stampFlow != nil {
		r.props = stamp(r.props, w.latest(r.stampFlow))
		r.enr = propInt(r.props["enrollment_id"])
	}
	if r.unsub {
		if !w.c.Unsubscribed {
			w.unsub = true
		}
		w.acc.tot.Unsubscribes++
		if d := w.dayOf(r.at); d >= 0 {
			w.acc.days[d].unsubscribes++
		}
		w.c.Unsubscribed = true
	}
	if r.msg > 0 {
		w.track(&r)
	}
	w.hist = append(w.hist, r)
	w.pending = append(w.pending, int32(len(w.hist)-1))
}

func stamp(props map[string]any, enr int64) map[string]any {
	out := make(map[string]any, len(props)+1)
	for k, v := range props {
		out[k] = v
	}
	if enr > 0 {
		out["enrollment_id"] = enr
	}
	return out
}

// latest is the contact's most recent journey through a flow (0 when none).
func (w *worker) latest(fl *cflow) int64 {
	for i := len(w.enr) - 1; i >= 0; i-- {
		if w.enr[i].flow == fl {
			return w.enr[i].ID
		}
	}
	return 0
}

// materialize gives a history event the shape executors read, with its
// properties in a reused map.
func (w *worker) materialize(hi int32, ev *contact.Event, m map[string]any) *contact.Event {
	r := &w.hist[hi]
	*ev = contact.Event{ID: int64(hi) + 1, ContactID: w.c.ID, Type: r.typ, At: msTime(r.at)}
	w.fillProps(hi, ev, m)
	return ev
}

func (w *worker) fillProps(hi int32, ev *contact.Event, m map[string]any) {
	r := &w.hist[hi]
	if r.props != nil {
		ev.Props = r.props
		return
	}
	clear(m)
	if r.enr != 0 {
		m["enrollment_id"] = r.enr
	}
	if r.mail {
		w.mailProps(r, m)
	}
	for i := range w.props(r) {
		p := &w.kvs[r.kvOff+int32(i)]
		m[p.k] = p.value()
	}
	ev.Props = m
}

// settle processes everything due now, in the live runner's order: the
// pending events in arrival order, then the due wake-ups by (time,
// journey), then the events those produced, until nothing is left.
func (w *worker) settle() {
	for {
		progressed := false
		if len(w.pending) > 0 {
			batch := w.pending
			w.pending = w.pend2[:0]
			for _, hi := range batch {
				w.handleEvent(hi)
			}
			w.pend2 = batch[:0]
			w.segmentChanges()
			progressed = true
		}
		due := w.due[:0]
		for _, e := range w.enr {
			if e.Status == journey.Waiting && e.WakeAt != 0 && e.WakeAt <= w.now {
				due = append(due, e)
			}
		}
		for i := 1; i < len(due); i++ {
			for j := i; j > 0 && (due[j].WakeAt < due[j-1].WakeAt || due[j].WakeAt == due[j-1].WakeAt && due[j].ID < due[j-1].ID); j-- {
				due[j], due[j-1] = due[j-1], due[j]
			}
		}
		n := len(due)
		if w.tp != nil {
			n = w.tapeRound(n)
		}
		if w.replay {
			for range n {
				w.rulesCall()
			}
		}
		for _, e := range due {
			w.rulesCall()
			_ = journey.Wake[*enrollment, *cflow](w, e.flow, e, &w.c)
			w.rulesDone()
		}
		w.due = due[:0]
		if n > 0 {
			w.segmentChanges()
			progressed = true
		}
		if !progressed {
			return
		}
	}
}

// segmentChanges runs where the live runner commits a batch: a contact who
// starts or stops matching a watched segment gets a segment_entered or
// segment_left event, processed after the batch.
func (w *worker) segmentChanges() {
	for i, f := range w.m.watchedF {
		in := f(&w.c)
		if in == w.member[i] {
			continue
		}
		w.member[i] = in
		typ := "segment_left"
		if in {
			typ = "segment_entered"
		}
		w.emit(typ, kv{k: "segment", v: w.m.watched[i]})
	}
}

// handleEvent: scoring, exits, goals, waiting journeys, then triggers — as the live
// runner's handleEvent. The event's properties are only laid out when a
// consumer of its type looks at them.
func (w *worker) handleEvent(hi int32) {
	w.acc.tot.Events++
	rec := &w.hist[hi]
	at, typ := rec.at, rec.typ
	if typ == contact.EventPurchase {
		w.acc.tot.Purchases++
		w.acc.tot.revenueCents += rec.cents
		if d := w.dayOf(at); d >= 0 {
			w.acc.days[d].purchases++
		}
		if w.pm != nil {
			pa := &w.acc.personas[w.pm.idx]
			pa.purchases++
			pa.revenue += rec.cents
		}
	}
	if w.replay {
		if !w.tapeHeard(false) {
			return
		}
	} else {
		heard := !w.unheard(typ)
		if w.tp != nil {
			w.tapeHeard(heard)
		}
		if !heard {
			return
		}
	}
	ev := &w.evA
	*ev = contact.Event{ID: int64(hi) + 1, ContactID: w.c.ID, Type: typ, At: msTime(at)}
	// The event's properties are laid out when a rule or an executor
	// first needs them (Props).
	w.evCur, w.evHi, w.evFull = ev, hi, false
	if w.rulesCall() {
		_ = journey.HandleEvent[*enrollment, *cflow](w, &w.c, ev)
		w.rulesDone()
	}
	w.evCur = nil
}

// unheard reports that no journey rule can react to an event of type typ
// for the current contact: no scoring, no flow starts on it, exits on it or
// has a goal it could meet, and no open journey waits for it (or has a goal
// met by a tag or a list, on any event). Most behaviour events (page
// visits, opens) are; the rules would do nothing for them, at the cost of
// asking the world about each journey.
func (w *worker) unheard(typ string) bool {
	if w.m.scorer != nil || w.m.hearsAll || w.m.heard[typ] {
		return false
	}
	for _, e := range w.enr {
		if e.Status.Open() && (e.flow.byState || e.Status == journey.Waiting && e.WaitEvent == typ) {
			return false
		}
	}
	return true
}

// enroll starts a journey at node t of fl (a trigger) if the flow's
// re-entry rule allows it.
func (w *worker) enroll(fl *cflow, t int32, ev *contact.Event) {
	for i, n := range fl.triggers {
		if n == t {
			if w.rulesCall() {
				_, _ = journey.Enroll[*enrollment, *cflow](w, fl, i, &w.c, ev)
				w.rulesDone()
			}
			return
		}
	}
}

// journalStep counts one step, and keeps it when the journal is on.
func (w *worker) journalStep(e *enrollment, node int32, port string, reason words.Reason, outcome string) {
	e.Seq++
	w.acc.tot.Steps++
	fl := e.flow
	na := &w.acc.flows[fl.idx].nodes[node]
	switch outcome {
	case journey.OutJump:
		na.jumps++
	case journey.OutExit:
		na.exits++
	default:
		if e.visited[node/64]&(1<<(node%64)) == 0 {
			e.visited[node/64] |= 1 << (node % 64)
			na.entered++
		}
	}
	switch outcome {
	case journey.OutSkipped:
		na.skipped++
		if s := fl.nodes[node].email; s >= 0 {
			w.acc.emails[s].skipped++
		}
	case journey.OutError:
		w.acc.tot.Errors++
		na.errors++
	}
	if port != "" {
		if _, slot := fl.nodes[node].next(port); slot >= 0 {
			w.acc.flows[fl.idx].edges[slot]++
		} else {
			w.acc.extraEdge(fl, node, port)
		}
	}
	if w.journal {
		w.steps = append(w.steps, Step{Flow: fl.f.ID, Enrollment: e.ID, Run: e.Run, Node: fl.nodes[node].n.ID, Port: port,
			Why: reason, Outcome: outcome, At: w.timeNow()})
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}

// without removes x in place: the slices belong to the simulated contact.
func without(xs []string, x string) []string {
	out := xs[:0]
	for _, s := range xs {
		if !strings.EqualFold(s, x) {
			out = append(out, s)
		}
	}
	return out
}
