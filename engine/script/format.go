package script

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// strFormat is string.format with Lua 5.1's semantics. gopher-lua hands the
// format string straight to Go's fmt.Sprintf, which differs from C's printf
// in ways users notice: "%g" without a precision prints 17 digits instead of
// 6, "%5s" pads by runes instead of bytes, "%i" and "%q" mean other things,
// and Go-only verbs (%v, %T, %p) leak Go type names. This follows lstrlib.c:
// flags "-+ #0", width and precision of at most two digits, and the
// conversions c d i o u x X e E f g G q s %.
//
// The result is capped at MaxStringLen and charged to the memory budget:
// each conversion is checked before it is written, so "%s%s%s..." of big
// strings, or a long run of "%99.99f", stops with a "limit" error instead
// of building gigabytes.
func (st *state) strFormat(L *lua.LState) int {
	fs := L.CheckString(1)
	var b strings.Builder
	arg := 1
	for i := 0; i < len(fs); i++ {
		checkLen(L, b.Len())
		c := fs[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(fs) {
			L.RaiseError("invalid option '%s' to 'format'", "%")
		}
		if fs[i] == '%' {
			b.WriteByte('%')
			continue
		}
		// spec: flags, width, precision, as in lstrlib.c's scanformat.
		start := i
		for i < len(fs) && strings.IndexByte("-+ #0", fs[i]) >= 0 {
			i++
		}
		if i-start > 5 {
			L.RaiseError("invalid format (repeated flags)")
		}
		flags := fs[start:i]
		wstart := i
		for n := 0; n < 2 && i < len(fs) && isDigit(fs[i]); n++ {
			i++
		}
		width := fs[wstart:i]
		prec, hasPrec := "", false
		if i < len(fs) && fs[i] == '.' {
			i++
			hasPrec = true
			pstart := i
			for n := 0; n < 2 && i < len(fs) && isDigit(fs[i]); n++ {
				i++
			}
			prec = fs[pstart:i]
		}
		if i < len(fs) && isDigit(fs[i]) {
			L.RaiseError("invalid format (width or precision too long)")
		}
		if i >= len(fs) {
			L.RaiseError("invalid option '%s' to 'format'", "%")
		}
		conv := fs[i]
		arg++
		spec := "%" + flags + width
		if hasPrec {
			spec += "." + prec
		}
		switch conv {
		case 'c':
			n := formatNumberArg(L, arg)
			pad(&b, string([]byte{byte(int64(n))}), flags, width)
		case 'd', 'i':
			n := formatNumberArg(L, arg)
			b.WriteString(fmt.Sprintf(spec+"d", int64(n)))
		case 'o', 'u', 'x', 'X':
			n := formatNumberArg(L, arg)
			verb := conv
			if conv == 'u' {
				verb = 'd'
			}
			b.WriteString(fmt.Sprintf(spec+string(verb), uint64(int64(n))))
		case 'e', 'E', 'f', 'g', 'G':
			n := float64(formatNumberArg(L, arg))
			if math.IsInf(n, 0) || math.IsNaN(n) {
				s := formatNumber(n)
				if strings.Contains(flags, "+") && !strings.HasPrefix(s, "-") {
					s = "+" + s
				}
				if conv == 'E' || conv == 'G' {
					s = strings.ToUpper(s)
				}
				pad(&b, s, strings.ReplaceAll(flags, "0", ""), width)
				break
			}
			if !hasPrec {
				spec += ".6" // C's default precision; Go's %g would print the shortest exact form
			}
			b.WriteString(fmt.Sprintf(spec+string(conv), n))
		case 'q':
			s := formatStringArg(L, arg)
			checkLen(L, b.Len()+len(s))
			b.WriteString(quoteLua(s))
		case 's':
			s := formatStringArg(L, arg)
			if !hasPrec && len(s) >= 100 {
				checkLen(L, b.Len()+len(s))
				b.WriteString(s) // lstrlib.c: long strings are copied as they are
				break
			}
			if hasPrec {
				p, _ := strconv.Atoi(prec)
				if p < len(s) {
					s = s[:p] // bytes, as C does
				}
			}
			pad(&b, s, flags, width)
		default:
			L.RaiseError("invalid option '%%%c' to 'format'", conv)
		}
	}
	checkLen(L, b.Len())
	st.charge(L, b.Len())
	L.Push(lua.LString(b.String()))
	return 1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// pad writes s padded to width in bytes, left-aligned with the '-' flag.
func pad(b *strings.Builder, s, flags, width string) {
	w, _ := strconv.Atoi(width)
	fill := w - len(s)
	if fill > 0 && !strings.Contains(flags, "-") {
		b.WriteString(strings.Repeat(" ", fill))
	}
	b.WriteString(s)
	if fill > 0 && strings.Contains(flags, "-") {
		b.WriteString(strings.Repeat(" ", fill))
	}
}

// formatNumberArg is luaL_checknumber: numbers, or strings that read as one.
func formatNumberArg(L *lua.LState, n int) lua.LNumber {
	switch v := L.Get(n).(type) {
	case lua.LNumber:
		return v
	case lua.LString:
		if f, err := strconv.ParseFloat(strings.TrimSpace(string(v)), 64); err == nil {
			return lua.LNumber(f)
		}
		if i, err := strconv.ParseInt(strings.TrimSpace(string(v)), 0, 64); err == nil {
			return lua.LNumber(i)
		}
	}
	argError(L, n, "format", "number expected, got "+typeName(L, n))
	return 0
}

// formatStringArg is luaL_checklstring: strings, or numbers in %.14g.
func formatStringArg(L *lua.LState, n int) string {
	switch v := L.Get(n).(type) {
	case lua.LString:
		return string(v)
	case lua.LNumber:
		return formatNumber(float64(v))
	}
	argError(L, n, "format", "string expected, got "+typeName(L, n))
	return ""
}

// argError raises Lua 5.1's "bad argument #2 to 'format' (...)";
// gopher-lua's ArgError leaves out the quotes.
func argError(L *lua.LState, n int, fname, msg string) {
	L.RaiseError("bad argument #%d to '%s' (%s)", n, fname, msg)
}

func typeName(L *lua.LState, n int) string {
	if n > L.GetTop() {
		return "no value"
	}
	return L.Get(n).Type().String()
}

// quoteLua is %q: a string Lua can read back.
func quoteLua(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString("\\\n")
		case '\r':
			b.WriteString("\\r")
		case 0:
			b.WriteString("\\000")
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
