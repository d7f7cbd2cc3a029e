package script

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/text/unicode/norm"
)

// ---- events ---------------------------------------------------------------

// eventQuery is the parsed form of the options table the events helpers take:
// {within_days=N, since_entry=true, since=unix, where={k=v}, filter=function}.
type eventQuery struct {
	typ    string
	since  time.Time
	where  *lua.LTable
	filter *lua.LFunction
}

// eventsModule builds the events table. The helpers read the history through
// Env.Events, never past Env.Now: in a simulation the virtual clock decides
// what has happened yet.
func (st *state) eventsModule() *lua.LTable {
	L := st.L
	m := L.CreateTable(0, 6)
	m.RawSetString("count", L.NewFunction(func(L *lua.LState) int {
		n := 0
		st.eachEvent(L, "events.count", func(*Event) bool { n++; return true })
		L.Push(number(float64(n)))
		return 1
	}))
	m.RawSetString("exists", L.NewFunction(func(L *lua.LState) int {
		found := false
		st.eachEvent(L, "events.exists", func(*Event) bool { found = true; return false })
		L.Push(lua.LBool(found))
		return 1
	}))
	m.RawSetString("last", L.NewFunction(func(L *lua.LState) int {
		var last *Event
		st.eachEvent(L, "events.last", func(ev *Event) bool {
			if last == nil || !ev.Time.Before(last.Time) {
				last = ev
			}
			return true
		})
		if last == nil {
			L.Push(lua.LNil)
		} else {
			L.Push(st.newEventProxy(L, *last))
		}
		return 1
	}))
	m.RawSetString("first", L.NewFunction(func(L *lua.LState) int {
		var first *Event
		st.eachEvent(L, "events.first", func(ev *Event) bool {
			if first == nil || ev.Time.Before(first.Time) {
				first = ev
			}
			return true
		})
		if first == nil {
			L.Push(lua.LNil)
		} else {
			L.Push(st.newEventProxy(L, *first))
		}
		return 1
	}))
	m.RawSetString("list", L.NewFunction(func(L *lua.LState) int {
		out := L.CreateTable(8, 0)
		st.eachEvent(L, "events.list", func(ev *Event) bool {
			out.Append(st.newEventProxy(L, *ev))
			return out.Len() < maxListedEvents
		})
		L.Push(out)
		return 1
	}))
	// sum(type, prop, opts) adds up a numeric property (purchase amounts).
	m.RawSetString("sum", L.NewFunction(func(L *lua.LState) int {
		prop := L.CheckString(2)
		L.Remove(2)
		total := 0.0
		st.eachEvent(L, "events.sum", func(ev *Event) bool {
			if f, ok := toFloat(ev.Props[prop]); ok {
				total += f
			}
			return true
		})
		L.Push(lua.LNumber(total))
		return 1
	}))
	return m
}

// maxListedEvents caps events.list: a script that wants more should count.
const maxListedEvents = 1000

// eachEvent runs fn over the matching events, oldest first, until fn
// returns false. Arguments: (type, opts) at stack positions 1 and 2.
func (st *state) eachEvent(L *lua.LState, fname string, fn func(*Event) bool) {
	q := st.parseEventQuery(L, fname)
	src := st.env.Events
	if src == nil {
		L.RaiseError("%s: no event history is available to this evaluation", fname)
	}
	evs, err := src.Events(st.env.Contact.ID, q.typ, q.since)
	if err != nil {
		L.RaiseError("%s: %v", fname, err)
	}
	now := st.env.Now
	for i := range evs {
		ev := &evs[i]
		if ev.Time.After(now) || ev.Time.Before(q.since) || (q.typ != "" && ev.Type != q.typ) {
			continue
		}
		if q.where != nil && !matchWhere(ev, q.where) {
			continue
		}
		if q.filter != nil {
			L.Push(q.filter)
			L.Push(st.newEventProxy(L, *ev))
			L.Call(1, 1)
			keep := lua.LVAsBool(L.Get(-1))
			L.Pop(1)
			if !keep {
				continue
			}
		}
		if !fn(ev) {
			return
		}
	}
}

func (st *state) parseEventQuery(L *lua.LState, fname string) eventQuery {
	var q eventQuery
	switch t := L.Get(1).(type) {
	case lua.LString:
		if t != "*" {
			q.typ = string(t)
		}
	default:
		if t != lua.LNil {
			L.ArgError(1, fname+": event type must be a string (or \"*\" for any)")
		}
	}
	optv := L.Get(2)
	if optv == lua.LNil {
		return q
	}
	if v, ok := viewOf(optv); ok {
		optv = v.copyTable(L)
	}
	opts, ok := optv.(*lua.LTable)
	if !ok {
		L.ArgError(2, fname+": options must be a table like {within_days=7}")
	}
	opts.ForEach(func(k, v lua.LValue) {
		key, _ := k.(lua.LString)
		switch key {
		case "within_days":
			n, ok := v.(lua.LNumber)
			if !ok || !(n >= 0) {
				L.RaiseError("%s: within_days must be a non-negative number", fname)
			}
			// Beyond what a time.Duration holds (292 years) the window is
			// the whole history: multiplying first would overflow into the
			// future and count nothing, or worse.
			if days := float64(n); days < maxWindowDays {
				later(&q.since, st.env.Now.Add(-time.Duration(days*24*float64(time.Hour))))
			}
		case "since_entry":
			if lua.LVAsBool(v) {
				if st.env.EnteredAt.IsZero() {
					L.RaiseError("%s: since_entry needs the time the contact entered the flow, which this evaluation does not have", fname)
				}
				later(&q.since, st.env.EnteredAt)
			}
		case "since":
			n, ok := v.(lua.LNumber)
			if !ok || math.IsNaN(float64(n)) {
				L.RaiseError("%s: since must be unix seconds (a number)", fname)
			}
			later(&q.since, unixTime(float64(n)))
		case "where":
			if vw, ok := viewOf(v); ok {
				v = vw.copyTable(L)
			}
			w, ok := v.(*lua.LTable)
			if !ok {
				L.RaiseError("%s: where must be a table like {path=\"/pricing\"}", fname)
			}
			q.where = w
		case "filter":
			f, ok := v.(*lua.LFunction)
			if !ok {
				L.RaiseError("%s: filter must be a function(event) returning true to keep it", fname)
			}
			q.filter = f
		default:
			L.RaiseError("%s: unknown option %q (known: within_days, since_entry, since, where, filter)", fname, k.String())
		}
	})
	return q
}

// maxWindowDays is the longest within_days window counted as such (a
// time.Duration holds about 292 years).
const maxWindowDays = 100 * 365

// Unix seconds outside years 1..9999 are clamped to them: converting 1e300
// to int64 is undefined in Go (on amd64 it gives the smallest int64, a date
// before every event, so events.count(since=1e300) counted everything).
const (
	minUnix = -62135596800 // 0001-01-01
	maxUnix = 253402300799 // 9999-12-31 23:59:59
)

// unixTime converts unix seconds, possibly fractional or out of range, to
// a time, clamped to years 1..9999 (infinities included).
func unixTime(f float64) time.Time {
	switch {
	case f <= minUnix:
		return time.Unix(minUnix, 0)
	case f >= maxUnix:
		return time.Unix(maxUnix, 0)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9))
}

func later(t *time.Time, u time.Time) {
	if u.After(*t) {
		*t = u
	}
}

// matchWhere compares event properties to the where table: equal strings
// (case-sensitive), equal numbers, equal booleans.
func matchWhere(ev *Event, where *lua.LTable) bool {
	ok := true
	where.ForEach(func(k, want lua.LValue) {
		if !ok {
			return
		}
		ks, isStr := k.(lua.LString)
		if !isStr {
			ok = false
			return
		}
		got, present := ev.Props[string(ks)]
		if !present {
			ok = false
			return
		}
		switch w := want.(type) {
		case lua.LString:
			s, isS := got.(string)
			ok = isS && s == string(w)
		case lua.LNumber:
			f, isN := toFloat(got)
			ok = isN && f == float64(w)
		case lua.LBool:
			b, isB := got.(bool)
			ok = isB && b == bool(w)
		default:
			ok = false
		}
	})
	return ok
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint32:
		return float64(x), true
	case interface{ Float64() (float64, error) }: // json.Number
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// eventView is an event as a script sees it: type, time (unix seconds),
// data (its properties, read-only; the name POST /events, the command line
// and the flow format use). props is the old name of data, still read.
type eventView struct {
	ev    Event
	props *lua.LTable // built on first use
	pv    *mapView
	dv    *dynViews
}

func (st *state) newEventProxy(L *lua.LState, ev Event) *lua.LTable {
	return st.dv.proxy(L, &eventView{ev: ev, dv: st.dv})
}

func (v *eventView) what() string { return "event" }

func (v *eventView) index(L *lua.LState, key lua.LValue) lua.LValue {
	k, _ := key.(lua.LString)
	switch k {
	case "type":
		return lua.LString(v.ev.Type)
	case "time":
		return number(float64(v.ev.Time.Unix()))
	case "data", "props":
		if v.props == nil {
			v.pv = &mapView{m: v.ev.Props, name: "event.data", dv: v.dv}
			v.props = v.dv.proxy(L, v.pv)
		}
		return v.props
	}
	return lua.LNil
}

func (v *eventView) length() int { return 0 }

func (v *eventView) copyTable(L *lua.LState) *lua.LTable {
	t := L.CreateTable(0, 4)
	for _, k := range []string{"type", "time", "data", "props"} {
		t.RawSetString(k, v.index(L, lua.LString(k)))
	}
	return t
}

// ---- dates ----------------------------------------------------------------

// loadLocation returns a time zone, cached in the engine: time.LoadLocation
// reads the zoneinfo database from disk on every call.
func (e *Engine) loadLocation(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if loc, ok := e.locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	e.locations.Store(name, loc)
	return loc, nil
}

// dateLayouts are what dates.parse accepts, most common first.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
}

func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (st *state) datesModule() *lua.LTable {
	L := st.L
	m := L.CreateTable(0, 12)
	m.RawSetString("DAY", lua.LNumber(86400))
	m.RawSetString("HOUR", lua.LNumber(3600))
	m.RawSetString("WEEK", lua.LNumber(7*86400))
	// parse("YYYY-MM-DD" or RFC 3339) -> unix seconds, or nil and a message.
	m.RawSetString("parse", L.NewFunction(func(L *lua.LState) int {
		switch v := L.Get(1).(type) {
		case lua.LNumber:
			L.Push(v)
			return 1
		case lua.LString:
			if t, ok := parseDate(string(v)); ok {
				L.Push(number(float64(t.Unix())))
				return 1
			}
			L.Push(lua.LNil)
			L.Push(lua.LString("not a date: " + string(v) + " (expected YYYY-MM-DD)"))
			return 2
		}
		L.Push(lua.LNil)
		L.Push(lua.LString("no date"))
		return 2
	}))
	// days_between(a, b) -> (b - a) in days, fractional; dates or unix seconds.
	m.RawSetString("days_between", L.NewFunction(func(L *lua.LState) int {
		a := st.timeArg(L, 1, "dates.days_between")
		b := st.timeArg(L, 2, "dates.days_between")
		L.Push(lua.LNumber(b.Sub(a).Hours() / 24))
		return 1
	}))
	m.RawSetString("hour_in", L.NewFunction(func(L *lua.LState) int {
		t := st.zoned(L, "dates.hour_in")
		L.Push(number(float64(t.Hour())))
		return 1
	}))
	// weekday_in -> 1 (Monday) .. 7 (Sunday), ISO 8601.
	m.RawSetString("weekday_in", L.NewFunction(func(L *lua.LState) int {
		t := st.zoned(L, "dates.weekday_in")
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		L.Push(number(float64(wd)))
		return 1
	}))
	// parts(tz [, t]) -> {year, month, day, hour, minute, second, weekday, yday}
	m.RawSetString("parts", L.NewFunction(func(L *lua.LState) int {
		t := st.zoned(L, "dates.parts")
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		p := L.CreateTable(0, 8)
		p.RawSetString("year", number(float64(t.Year())))
		p.RawSetString("month", number(float64(t.Month())))
		p.RawSetString("day", number(float64(t.Day())))
		p.RawSetString("hour", number(float64(t.Hour())))
		p.RawSetString("minute", number(float64(t.Minute())))
		p.RawSetString("second", number(float64(t.Second())))
		p.RawSetString("weekday", number(float64(wd)))
		p.RawSetString("yday", number(float64(t.YearDay())))
		L.Push(p)
		return 1
	}))
	// format(t [, tz]) -> "YYYY-MM-DD"
	m.RawSetString("format", L.NewFunction(func(L *lua.LState) int {
		t := st.timeArg(L, 1, "dates.format")
		loc := time.UTC
		if L.GetTop() >= 2 && L.Get(2) != lua.LNil {
			var err error
			if loc, err = st.e.loadLocation(L.CheckString(2)); err != nil {
				L.RaiseError("dates.format: unknown time zone %q", L.CheckString(2))
			}
		}
		L.Push(lua.LString(t.In(loc).Format("2006-01-02")))
		return 1
	}))
	return m
}

// timeArg reads unix seconds or a date string.
func (st *state) timeArg(L *lua.LState, n int, fname string) time.Time {
	switch v := L.Get(n).(type) {
	case lua.LNumber:
		if math.IsNaN(float64(v)) {
			L.ArgError(n, fname+": not a date: nan")
		}
		return unixTime(float64(v))
	case lua.LString:
		if t, ok := parseDate(string(v)); ok {
			return t
		}
		L.ArgError(n, fname+": not a date: "+string(v)+" (expected YYYY-MM-DD or unix seconds)")
	default:
		L.ArgError(n, fname+": date expected (YYYY-MM-DD or unix seconds), got "+typeName(L, n))
	}
	return time.Time{}
}

// zoned reads (tz [, t]) and returns t (default now) in that zone. An empty
// or nil zone means UTC; an unknown one is an error, not a silent UTC.
func (st *state) zoned(L *lua.LState, fname string) time.Time {
	tz := ""
	switch v := L.Get(1).(type) {
	case lua.LString:
		tz = string(v)
	default:
		if v != lua.LNil {
			L.ArgError(1, fname+": time zone name expected, got "+typeName(L, 1))
		}
	}
	loc, err := st.e.loadLocation(tz)
	if err != nil {
		L.RaiseError("%s: unknown time zone %q", fname, tz)
	}
	t := st.env.Now
	if L.GetTop() >= 2 && L.Get(2) != lua.LNil {
		t = st.timeArg(L, 2, fname)
	}
	return t.In(loc)
}

// ---- text -----------------------------------------------------------------

// freeMailDomains are consumer mailbox providers: an address there says
// nothing about the contact's company.
var freeMailDomains = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "yahoo.com": true, "yahoo.fr": true, "yahoo.co.uk": true,
	"ymail.com": true, "hotmail.com": true, "hotmail.fr": true, "hotmail.co.uk": true, "outlook.com": true,
	"outlook.fr": true, "live.com": true, "live.fr": true, "msn.com": true, "aol.com": true,
	"icloud.com": true, "me.com": true, "mac.com": true, "gmx.com": true, "gmx.de": true, "gmx.net": true,
	"gmx.fr": true, "web.de": true, "orange.fr": true, "wanadoo.fr": true, "free.fr": true,
	"laposte.net": true, "sfr.fr": true, "neuf.fr": true, "bbox.fr": true, "videotron.ca": true,
	"sympatico.ca": true, "proton.me": true, "protonmail.com": true, "pm.me": true, "tutanota.com": true,
	"yandex.com": true, "yandex.ru": true, "mail.ru": true, "qq.com": true, "163.com": true,
	"126.com": true, "zoho.com": true, "mail.com": true, "hey.com": true, "fastmail.com": true,
}

// textArg reads a string argument leniently: nil is "", numbers are
// converted. Fields are often missing, and text.lower(contact.fields.title)
// should not need a guard around it.
func textArg(L *lua.LState, n int, fname string) string {
	switch v := L.Get(n).(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return formatNumber(float64(v))
	default:
		if v == lua.LNil {
			return ""
		}
		L.ArgError(n, fname+": string expected, got "+v.Type().String())
		return ""
	}
}

func emailDomain(s string) string {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimRight(s[at+1:], ". >"))
}

// fold lowercases and removes accents: "Québec" and "QUEBEC" both become
// "quebec", for data clean-up.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s) // nothing to decompose: skip normalization
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func (st *state) textModule() *lua.LTable {
	L := st.L
	m := L.CreateTable(0, 12)
	// The one-string helpers remember their last string argument and result:
	// rules read the same field with the same helper contact after contact
	// (text.lower(contact.fields.job_title)), and the values repeat (job
	// titles, countries, plans), so most calls cost a string comparison
	// instead of a conversion and two allocations. A result equal to its
	// argument is the argument itself, not a copy.
	str1 := func(name string, f func(string) string) {
		q := "text." + name
		var lastIn string
		var lastOut lua.LValue // nil until a first string call
		m.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			arg, ok := L.Get(1).(lua.LString)
			if !ok {
				L.Push(lua.LString(f(textArg(L, 1, q))))
				return 1
			}
			if lastOut != nil && string(arg) == lastIn {
				L.Push(lastOut)
				return 1
			}
			if len(arg) > maxLearnedString {
				st.charge(L, len(arg)) // the result may be a copy
			}
			var out lua.LValue = arg
			if r := f(string(arg)); r != string(arg) {
				out = lua.LString(r)
			}
			if len(arg) <= maxLearnedString {
				lastIn, lastOut = string(arg), out
			}
			L.Push(out)
			return 1
		}))
	}
	bool2 := func(name string, f func(a, b string) bool) {
		q := "text." + name
		m.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
			L.Push(lua.LBool(f(textArg(L, 1, q), textArg(L, 2, q))))
			return 1
		}))
	}
	str1("lower", strings.ToLower)
	str1("upper", strings.ToUpper)
	str1("trim", strings.TrimSpace)
	str1("fold", fold)
	str1("email_domain", emailDomain)
	bool2("starts_with", strings.HasPrefix)
	bool2("ends_with", strings.HasSuffix)
	bool2("contains", strings.Contains)
	// icontains ignores case and accents: "Directrice" contains "DIRECT".
	bool2("icontains", func(a, b string) bool { return strings.Contains(fold(a), fold(b)) })
	m.RawSetString("is_free_mail", L.NewFunction(func(L *lua.LState) int {
		s := textArg(L, 1, "text.is_free_mail")
		d := emailDomain(s)
		if d == "" {
			d = strings.ToLower(strings.TrimSpace(s)) // a bare domain
		}
		L.Push(lua.LBool(freeMailDomains[d]))
		return 1
	}))
	// split(s, sep) -> list of trimmed, non-empty parts (sep default ",").
	m.RawSetString("split", L.NewFunction(func(L *lua.LState) int {
		s := textArg(L, 1, "text.split")
		sep := ","
		if L.GetTop() >= 2 && L.Get(2) != lua.LNil {
			sep = textArg(L, 2, "text.split")
		}
		if sep == "" {
			L.ArgError(2, "text.split: separator must not be empty")
		}
		// Parts are found one at a time (strings.Split would first allocate
		// every part of an 8 MiB string at once), each one charged to the
		// memory budget, with a look at the clock every thousand: a string
		// of a million commas ends at the deadline or the budget.
		out := L.CreateTable(4, 0)
		for n := 1; ; n++ {
			i := strings.Index(s, sep)
			p := s
			if i >= 0 {
				p = s[:i]
			}
			if p = strings.TrimSpace(p); p != "" {
				out.Append(lua.LString(p))
			}
			if i < 0 {
				break
			}
			s = s[i+len(sep):]
			if n%1024 == 0 {
				st.charge(L, 1024*(costSlot+costBox))
				if st.dl.poll() {
					L.RaiseError("%s", st.dl.stopCause().Error())
				}
			}
		}
		L.Push(out)
		return 1
	}))
	m.RawSetString("len", L.NewFunction(func(L *lua.LState) int {
		L.Push(number(float64(utf8.RuneCountInString(textArg(L, 1, "text.len")))))
		return 1
	}))
	return m
}
