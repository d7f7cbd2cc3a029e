package script

import (
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Lua patterns, ported from Lua 5.1's lstrlib.c, for string.find, match,
// gmatch and gsub.
//
// Why not gopher-lua's own matcher: it runs as one Go call that never looks
// at the deadline, and Lua patterns backtrack, so
// string.find(("0"):rep(500), "(.-)(.-)(.-)(.-)x") ran for minutes with the
// deadline long past: a script could take a worker forever. This matcher
// counts its steps and checks the evaluation's deadline every few thousand,
// caps its recursion as Lua 5.2 does, and follows lstrlib.c closely enough
// to pass the differential test against the reference interpreter
// (including %f frontiers, which gopher-lua lacks).

const (
	maxCaptures      = 32
	capUnfinished    = -1
	capPosition      = -2
	maxMatchDepth    = 200  // Lua 5.2's MAXCCALLS for the matcher
	matchCheckPeriod = 4096 // steps between two deadline checks
	patternSpecials  = "^$*+?.([%-"
)

type capture struct{ init, len int }

type matchState struct {
	L       *lua.LState
	dl      *deadline
	src     string
	pat     string
	level   int
	capture [maxCaptures]capture
	steps   int
}

// step counts work and stops the match once the evaluation must stop: the
// VM, which otherwise watches the clock and the caller, does not run while
// the matcher does.
func (ms *matchState) step() {
	ms.steps++
	if ms.steps%matchCheckPeriod == 0 && ms.dl != nil && ms.dl.poll() {
		ms.L.RaiseError("context deadline exceeded")
	}
}

// p returns the pattern byte at i, or 0 past the end, as C would read the
// terminating NUL.
func (ms *matchState) p(i int) byte {
	if i < len(ms.pat) {
		return ms.pat[i]
	}
	return 0
}

func (ms *matchState) s(i int) byte {
	if i < len(ms.src) {
		return ms.src[i]
	}
	return 0
}

func (ms *matchState) classEnd(p int) int {
	c := ms.p(p)
	p++
	switch c {
	case '%':
		if p >= len(ms.pat) {
			ms.L.RaiseError("malformed pattern (ends with '%s')", "%")
		}
		return p + 1
	case '[':
		if ms.p(p) == '^' {
			p++
		}
		for { // look for a ']'
			if p >= len(ms.pat) {
				ms.L.RaiseError("malformed pattern (missing ']')")
			}
			c := ms.pat[p]
			p++
			if c == '%' && p < len(ms.pat) {
				p++ // skip escapes (e.g. '%]')
			}
			if ms.p(p) == ']' {
				break
			}
		}
		return p + 1
	default:
		return p
	}
}

func isAlpha(c byte) bool  { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigitB(c byte) bool { return c >= '0' && c <= '9' }
func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isSpace(c byte) bool  { return c == ' ' || c >= '\t' && c <= '\r' }
func isCntrl(c byte) bool  { return c < 32 || c == 127 }
func isPunct(c byte) bool  { return c > 32 && c < 127 && !isAlpha(c) && !isDigitB(c) }
func isXDigit(c byte) bool { return isDigitB(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// matchClass is match_class, with the C locale's character classes.
func matchClass(c, cl byte) bool {
	var res bool
	lower := cl | 0x20
	switch lower {
	case 'a':
		res = isAlpha(c)
	case 'c':
		res = isCntrl(c)
	case 'd':
		res = isDigitB(c)
	case 'l':
		res = isLower(c)
	case 'p':
		res = isPunct(c)
	case 's':
		res = isSpace(c)
	case 'u':
		res = isUpper(c)
	case 'w':
		res = isAlpha(c) || isDigitB(c)
	case 'x':
		res = isXDigit(c)
	case 'z':
		res = c == 0
	default:
		return cl == c
	}
	if isLower(cl) {
		return res
	}
	return !res
}

// matchBracketClass: p is at '[', ec at the closing ']'.
func (ms *matchState) matchBracketClass(c byte, p, ec int) bool {
	sig := true
	if ms.p(p+1) == '^' {
		sig = false
		p++
	}
	for p++; p < ec; p++ {
		switch {
		case ms.p(p) == '%':
			p++
			if matchClass(c, ms.p(p)) {
				return sig
			}
		case ms.p(p+1) == '-' && p+2 < ec:
			p += 2
			if ms.p(p-2) <= c && c <= ms.p(p) {
				return sig
			}
		case ms.p(p) == c:
			return sig
		}
	}
	return !sig
}

func (ms *matchState) singleMatch(c byte, p, ep int) bool {
	switch ms.p(p) {
	case '.':
		return true
	case '%':
		return matchClass(c, ms.p(p+1))
	case '[':
		return ms.matchBracketClass(c, p, ep-1)
	default:
		return ms.p(p) == c
	}
}

func (ms *matchState) matchBalance(s, p int) int {
	if p+1 >= len(ms.pat) {
		ms.L.RaiseError("unbalanced pattern")
	}
	if s >= len(ms.src) || ms.src[s] != ms.pat[p] {
		return -1
	}
	b, e, cont := ms.pat[p], ms.pat[p+1], 1
	for s++; s < len(ms.src); s++ {
		ms.step()
		switch ms.src[s] {
		case e:
			cont--
			if cont == 0 {
				return s + 1
			}
		case b:
			cont++
		}
	}
	return -1
}

func (ms *matchState) maxExpand(s, p, ep, depth int) int {
	i := 0
	for s+i < len(ms.src) && ms.singleMatch(ms.src[s+i], p, ep) {
		ms.step()
		i++
	}
	for ; i >= 0; i-- { // try with the most repetitions first
		if res := ms.match(s+i, ep+1, depth); res != -1 {
			return res
		}
	}
	return -1
}

func (ms *matchState) minExpand(s, p, ep, depth int) int {
	for {
		if res := ms.match(s, ep+1, depth); res != -1 {
			return res
		}
		if s < len(ms.src) && ms.singleMatch(ms.src[s], p, ep) {
			s++
		} else {
			return -1
		}
	}
}

func (ms *matchState) startCapture(s, p, what, depth int) int {
	if ms.level >= maxCaptures {
		ms.L.RaiseError("too many captures")
	}
	ms.capture[ms.level] = capture{init: s, len: what}
	ms.level++
	res := ms.match(s, p, depth)
	if res == -1 {
		ms.level--
	}
	return res
}

func (ms *matchState) endCapture(s, p, depth int) int {
	l := -1
	for i := ms.level - 1; i >= 0; i-- {
		if ms.capture[i].len == capUnfinished {
			l = i
			break
		}
	}
	if l < 0 {
		ms.L.RaiseError("invalid pattern capture")
	}
	ms.capture[l].len = s - ms.capture[l].init
	res := ms.match(s, p, depth)
	if res == -1 {
		ms.capture[l].len = capUnfinished
	}
	return res
}

func (ms *matchState) matchCapture(s int, l byte) int {
	i := int(l) - '1'
	if i < 0 || i >= ms.level || ms.capture[i].len == capUnfinished {
		ms.L.RaiseError("invalid capture index")
	}
	c := ms.capture[i]
	if len(ms.src)-s >= c.len && ms.src[c.init:c.init+c.len] == ms.src[s:s+c.len] {
		return s + c.len
	}
	return -1
}

// match returns the end of the match of pattern[p:] at src[s:], or -1.
func (ms *matchState) match(s, p, depth int) int {
	if depth > maxMatchDepth {
		ms.L.RaiseError("pattern too complex")
	}
	depth++
	for { // a loop where lstrlib.c uses goto init
		ms.step()
		switch ms.p(p) {
		case '(':
			if ms.p(p+1) == ')' {
				return ms.startCapture(s, p+2, capPosition, depth)
			}
			return ms.startCapture(s, p+1, capUnfinished, depth)
		case ')':
			return ms.endCapture(s, p+1, depth)
		case 0:
			if p >= len(ms.pat) {
				return s // end of pattern: match succeeded
			}
		case '$':
			if p+1 == len(ms.pat) {
				if s == len(ms.src) {
					return s
				}
				return -1
			}
		case '%':
			switch ms.p(p + 1) {
			case 'b':
				s = ms.matchBalance(s, p+2)
				if s == -1 {
					return -1
				}
				p += 4
				continue
			case 'f':
				p += 2
				if ms.p(p) != '[' {
					ms.L.RaiseError("missing '[' after '%sf' in pattern", "%")
				}
				ep := ms.classEnd(p)
				var prev byte
				if s > 0 {
					prev = ms.src[s-1]
				}
				if ms.matchBracketClass(prev, p, ep-1) || !ms.matchBracketClass(ms.s(s), p, ep-1) {
					return -1
				}
				p = ep
				continue
			default:
				if isDigitB(ms.p(p + 1)) {
					s = ms.matchCapture(s, ms.p(p+1))
					if s == -1 {
						return -1
					}
					p += 2
					continue
				}
			}
		}
		// default: a single-character class, maybe with a repetition.
		ep := ms.classEnd(p)
		m := s < len(ms.src) && ms.singleMatch(ms.src[s], p, ep)
		switch ms.p(ep) {
		case '?':
			if m {
				if res := ms.match(s+1, ep+1, depth); res != -1 {
					return res
				}
			}
			p = ep + 1
			continue
		case '*':
			return ms.maxExpand(s, p, ep, depth)
		case '+':
			if m {
				return ms.maxExpand(s+1, p, ep, depth)
			}
			return -1
		case '-':
			return ms.minExpand(s, p, ep, depth)
		default:
			if !m {
				return -1
			}
			s++
			p = ep
		}
	}
}

func (ms *matchState) pushOneCapture(i, s, e int) {
	if i >= ms.level {
		if i == 0 {
			ms.L.Push(lua.LString(ms.src[s:e]))
			return
		}
		ms.L.RaiseError("invalid capture index")
	}
	c := ms.capture[i]
	switch c.len {
	case capUnfinished:
		ms.L.RaiseError("unfinished capture")
	case capPosition:
		ms.L.Push(lua.LNumber(c.init + 1))
	default:
		ms.L.Push(lua.LString(ms.src[c.init : c.init+c.len]))
	}
}

// pushCaptures pushes the captures, or the whole match when there are none
// and s >= 0.
func (ms *matchState) pushCaptures(s, e int) int {
	n := ms.level
	if n == 0 && s >= 0 {
		n = 1
	}
	for i := 0; i < n; i++ {
		ms.pushOneCapture(i, s, e)
	}
	return n
}

// posrelat turns a negative string position into a positive one.
func posrelat(pos, n int) int {
	if pos < 0 {
		pos += n + 1
	}
	return max(pos, 0)
}

// strFind is str_find_aux: string.find (find) and string.match.
func (st *state) strFind(L *lua.LState, find bool) int {
	s := L.CheckString(1)
	pat := L.CheckString(2)
	init := posrelat(L.OptInt(3, 1), len(s)) - 1
	if init < 0 {
		init = 0
	} else if init > len(s) {
		init = len(s)
	}
	if find && (lua.LVAsBool(L.Get(4)) || !strings.ContainsAny(pat, patternSpecials)) {
		if i := strings.Index(s[init:], pat); i >= 0 {
			L.Push(lua.LNumber(init + i + 1))
			L.Push(lua.LNumber(init + i + len(pat)))
			return 2
		}
		L.Push(lua.LNil)
		return 1
	}
	ms := &matchState{L: L, dl: st.dl, src: s, pat: pat}
	p := 0
	anchor := ms.p(0) == '^'
	if anchor {
		p = 1
	}
	for s1 := init; ; s1++ {
		ms.level = 0
		if e := ms.match(s1, p, 0); e != -1 {
			if find {
				L.Push(lua.LNumber(s1 + 1))
				L.Push(lua.LNumber(e))
				return ms.pushCaptures(-1, 0) + 2
			}
			return ms.pushCaptures(s1, e)
		}
		if s1 >= len(s) || anchor {
			break
		}
	}
	L.Push(lua.LNil)
	return 1
}

// strGmatch is string.gmatch: an iterator over the matches.
func (st *state) strGmatch(L *lua.LState) int {
	s := L.CheckString(1)
	pat := L.CheckString(2)
	pos := 0
	L.Push(L.NewFunction(func(L *lua.LState) int {
		ms := &matchState{L: L, dl: st.dl, src: s, pat: pat}
		for src := pos; src <= len(s); src++ {
			ms.level = 0
			if e := ms.match(src, 0, 0); e != -1 {
				pos = e
				if e == src {
					pos++ // empty match: go at least one position
				}
				return ms.pushCaptures(src, e)
			}
		}
		pos = len(s) + 1
		return 0
	}))
	return 1
}

// strGsub is string.gsub.
func (st *state) strGsub(L *lua.LState) int {
	src := L.CheckString(1)
	pat := L.CheckString(2)
	repl := L.Get(3)
	switch repl.Type() {
	case lua.LTNumber, lua.LTString, lua.LTFunction, lua.LTTable:
	default:
		L.ArgError(3, "string/function/table expected")
	}
	maxN := L.OptInt(4, len(src)+1)
	ms := &matchState{L: L, dl: st.dl, src: src, pat: pat}
	p := 0
	anchor := ms.p(0) == '^'
	if anchor {
		p = 1
	}
	var b strings.Builder
	s, n := 0, 0
	for n < maxN {
		ms.level = 0
		e := ms.match(s, p, 0)
		if e != -1 {
			n++
			ms.addValue(&b, repl, s, e)
		}
		if e != -1 && e > s {
			s = e
		} else if s < len(src) {
			ms.write(&b, src[s:s+1])
			s++
		} else {
			break
		}
		if anchor {
			break
		}
	}
	ms.write(&b, src[s:])
	st.charge(L, b.Len())
	L.Push(lua.LString(b.String()))
	L.Push(lua.LNumber(n))
	return 2
}

func (ms *matchState) addValue(b *strings.Builder, repl lua.LValue, s, e int) {
	L := ms.L
	var v lua.LValue
	switch r := repl.(type) {
	case lua.LString, lua.LNumber:
		news := lua.LVAsString(r)
		if n, ok := r.(lua.LNumber); ok {
			news = formatNumber(float64(n))
		}
		for i := 0; i < len(news); i++ {
			c := news[i]
			if c != '%' {
				ms.write(b, news[i:i+1])
				continue
			}
			i++
			if i >= len(news) {
				break
			}
			switch c := news[i]; {
			case !isDigitB(c):
				ms.write(b, news[i:i+1])
			case c == '0':
				ms.write(b, ms.src[s:e])
			default:
				ms.pushOneCapture(int(c-'1'), s, e)
				ms.write(b, valueString(L.Get(-1)))
				L.Pop(1)
			}
		}
		return
	case *lua.LFunction:
		L.Push(r)
		n := ms.pushCaptures(s, e)
		L.Call(n, 1)
		v = L.Get(-1)
		L.Pop(1)
	case *lua.LTable:
		ms.pushOneCapture(0, s, e)
		key := L.Get(-1)
		L.Pop(1)
		v = L.GetTable(r, key)
	}
	switch v.(type) {
	case lua.LString, lua.LNumber:
		ms.write(b, valueString(v))
	default:
		if !lua.LVAsBool(v) {
			ms.write(b, ms.src[s:e]) // nil or false: keep the original text
			return
		}
		L.RaiseError("invalid replacement value (a %s)", v.Type().String())
	}
}

// write appends s to gsub's result, refusing to pass MaxStringLen before
// anything is copied: a replacement such as "%0%0%0..." multiplies every
// match, so checking after each match was written let one match reach
// gigabytes.
func (ms *matchState) write(b *strings.Builder, s string) {
	if b.Len()+len(s) > MaxStringLen {
		raiseTooLong(ms.L, b.Len()+len(s))
	}
	if len(s) == 1 {
		b.WriteByte(s[0])
		return
	}
	b.WriteString(s)
}

// raiseTooLong stops a library function that is building a string longer
// than MaxStringLen (the VM-level guard only looks between instructions).
func raiseTooLong(L *lua.LState, n int) {
	L.RaiseError("%s: a string of %.1f MiB exceeds the %d MiB limit", errStringTooLong, float64(n)/(1<<20), MaxStringLen>>20)
}

// valueString converts a string or number as Lua's lua_tolstring does.
func valueString(v lua.LValue) string {
	if n, ok := v.(lua.LNumber); ok {
		return formatNumber(float64(n))
	}
	return lua.LVAsString(v)
}
