package script

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// referenceLua is Debian's reference interpreter, installed by
// `build/setup.sh test` (package lua5.1).
const referenceLua = "/usr/bin/lua5.1"

// diffCases are pure Lua snippets (string, math and table functions) whose
// printed output must be the same in the sandbox and in the reference
// interpreter. Users test scripts in their head, in a REPL or against
// lua.org's manual; where gopher-lua differs from Lua 5.1 the sandbox either
// fixes it (string.format, tostring, print, math.huge) or scripts/README.md
// says so (see "Differences from Lua 5.1" there).
var diffCases = []struct{ name, src string }{
	{"gsub patterns", `
print(string.gsub("hello world", "o", "0"))
print(string.gsub("hello world", "(%w+)", "<%1>"))
print(string.gsub("hello world", "%w+", "%0 %0", 1))
print(string.gsub("abc", "", "-"))
print(string.gsub("hello", "l+", function(s) return #s end))
print(string.gsub("$name is $age", "%$(%w+)", {name = "Ada", age = 36}))
print(string.gsub("f(a(b)c)d", "%b()", "[]"))
print(string.gsub("  trim me  ", "^%s*(.-)%s*$", "%1"))
print(("x = 1, y = 22"):gsub("(%a)%s*=%s*(%d+)", "%2=%1"))
print(string.gsub("abc", ".", {a = 1, b = "B"}))
print(string.gsub("THE (quick) fox", "%f[%a]%a+", string.lower))
print(string.gsub("hello world", "(o)", "[%1%1]"))
print(string.gsub("abc", "b*", "-"))
print(string.gsub("a,b,,c", ",", ";", 2))
print(string.gsub("x^2", "%^", "**"), string.gsub("^start", "^%^", ""))
print(string.gsub("one", "(o)(n)(e)", "%3%2%1%%"))
print(string.gsub("abc", "%w", "%0%0"))
print(pcall(function() return string.gsub("abc", "(", "x") end))
print(pcall(function() return string.gsub("abc", "%", "x") end))
print(pcall(function() return string.gsub("abc", "[a", "x") end))
print(pcall(function() return string.gsub("abc", "(a)", "%2") end))
print(pcall(function() return string.find("abc", "%f") end))
print(pcall(function() return string.format("%y", 1) end))
print(pcall(function() return string.format("%d", "x") end))`},
	{"find and match", `
print(string.find("hello world", "wor"))
print(string.find("hello world", "o", 6))
print(string.find("hello world", "l+"))
print(string.find("a.b.c", ".", 1, true))
print(string.find("hello", "xyz"))
print(string.find("hello", "h", -10))
print(string.find("key=value", "(%w+)=(%w+)"))
print(string.find("hello", "()ll()"))
print(string.match("2024-05-17", "(%d+)-(%d+)-(%d+)"))
print(string.match("  padded  ", "^%s*(.-)%s*$"))
print(string.match("price: $42.50", "%$([%d%.]+)"))
print(string.match("abc", "^(a?)(b*)(c+)$"))
print(string.match("user@example.com", "@(.+)$"))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do print(k, v) end
for w in string.gmatch("one two  three", "%a+") do print(w) end
for a, b in string.gmatch("k1=v1;k2=v2", "(%w+)=(%w+)") do print(a .. "->" .. b) end
for pos in string.gmatch("abc", "()") do print(pos) end
print(string.find("a+b", "+", 1, true), string.find("[x]", "[", 1, true))
print(string.find("abc", "", 10), string.find("abc", "", 4), string.find("", ""))
print(string.find("THE (quick) fox", "%f[%a]%a+", 5))
print(string.match("  key = value  ", "^%s*(%S+)%s*=%s*(.-)%s*$"))
print(string.match("[[nested]]", "%[(%b[])%]"))
print(string.match("2024", "^%d%d%d%d$"), string.match("20245", "^%d%d%d%d$"))
print(string.match("hello", "(h)(e)(l)(l)(o)"))
print(string.match("x", "()x()"))
print(string.match("aaa", "a-b"), string.match("aaab", "a-b"), string.match("aaa", "^a-$"))
print(string.match("hello.world", "^(.-)%.(.*)$"))
print(string.match("%d", "%%d"), string.match("A1 b2", "%u%d"), string.match("tab	here", "%c"))
print(string.match("αβγ", "[\128-\255]+"))`},
	{"format", `
print(string.format("%d|%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42, 42))
print(string.format("%.2f|%8.3f|%-8.1f|%e|%.3E", 3.14159, 2.71828, 1.5, 12345.678, 0.000123))
print(string.format("%g|%g|%g|%g|%g", 1/3, 100000, 1000000, 1e-5, 0.1))
print(string.format("%.3g|%10.4g|%G", 1234.5678, 3.14159, 1e20))
print(string.format("%x|%X|%#x|%o|%c%c", 255, 255, 255, 8, 72, 105))
print(string.format("%s|%10s|%-10s|%.2s|%5.1s|", "lua", "right", "left", "truncate", "xyz"))
print(string.format("%q", 'say "hi"\n\\ done'))
print(string.format("%d%%", 50))
print(string.format("%s %s", 1, 2.5))
print(string.format("%d", 3.99), string.format("%d", -3.99))
print(string.format("%i", 7))
print(string.format("[%3d][%-3d]", 5, 5))`},
	{"sort", `
local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, ","))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ","))
local words = {"pear", "Apple", "banana", "apple", "Banana"}
table.sort(words)
print(table.concat(words, " "))
local people = {{n = "b", age = 30}, {n = "a", age = 25}, {n = "c", age = 35}}
table.sort(people, function(x, y) return x.age < y.age end)
for _, p in ipairs(people) do print(p.n, p.age) end
-- Past a thousand items the sandbox sorts with a comparator that watches
-- the deadline: the order must not change.
local big = {}
for i = 1, 1500 do big[i] = (i * 7919) % 1501 end
table.sort(big)
print(big[1], big[2], big[750], big[1499], big[1500])
local names = {}
for i = 1, 1200 do names[i] = "n" .. ((i * 37) % 1201) end
table.sort(names)
print(names[1], names[2], names[600], names[1200])
print((pcall(table.sort, {1, "x", unpack(big)})))`},
	{"math", `
print(math.floor(3.7), math.floor(-3.5), math.ceil(3.2), math.ceil(-3.8))
print(math.max(1, 5, 3), math.min(4, -2, 9), math.abs(-7.5))
print(math.fmod(7, 3), math.fmod(-7, 3), 7 % 3, -7 % 3, 7 % -3)
print(math.modf(3.75))
print(math.sqrt(16), 2^10, 10 / 4, 2^0.5)
print(math.huge, -math.huge, math.pi)
print(math.floor(2^31 + 0.5), math.floor(-2^31 - 0.5))
print(math.exp(0), math.log(1), math.log10(1000))
print(1e15, 1e14, 123456789012, 2^53, 1/3, 0.1, 1e100, -0.5, 100, 3.14159265358979)`},
	{"strings", `
print(string.len("hello"), #"héllo", string.upper("MiXed"), string.lower("MiXed"))
print(string.sub("hello", 2, 4), string.sub("hello", -3), string.sub("hello", 2), string.sub("hello", 10))
print(string.byte("A"), string.byte("abc", 1, 3))
print(string.char(76, 117, 97))
print(string.reverse("stressed"))
print(("chain"):upper():lower():len())
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a")
print("10" + 5, "3" * "4", 10 .. 20)
print(tonumber("42"), tonumber("  7  "), tonumber("0x1F"), tonumber("1e3"), tonumber("abc"), tonumber("12", 16), tonumber("z", 36))
print(tostring(nil), tostring(true), tostring(12), tostring(1.5))
print(tonumber("1e3"), tonumber(".5"), tonumber("5."), tonumber("-0x10"), tonumber("1e400"), tonumber(""), tonumber("1 2"))
print("1e3" + 0, "0x10" + 0, " 5 " + 1, #"abc" .. "x", ("%d items"):format(3))
print(string.format("%5.1f|%.0f|%.0f|%-+6d|%+.2e", -0.05, 0.5, 1.5, 5, 12345.6789))
print(8 % 3.5, -8 % 3.5, 2^-1, 10 / 3, 0.1 + 0.2, 1e16, 123456789012345)`},
	{"tables", `
local t = {}
table.insert(t, "a")
table.insert(t, "c")
table.insert(t, 2, "b")
print(table.concat(t, "-"), #t)
print(table.remove(t), table.concat(t, "-"))
print(table.remove(t, 1), table.concat(t, "-"))
print(select("#", 1, nil, 3), select(2, "a", "b", "c"))
print(unpack({1, 2, 3}))
print(table.concat({1, 2, 3}, ", ", 2, 3))
print(table.concat({1, 2.5, "x"}, "", 1, 3), table.concat({}, "x"), table.concat({"a"}, "x", 2, 1))
print((pcall(table.concat, {1, {}, 3})), (pcall(table.concat, {1, 2}, "-", 1, 3)))
local m = {x = 1, y = 2, z = 3}
local keys = {}
for k in pairs(m) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
print(next({}), type(next({1})))
print(table.maxn({1, 2, nil, 4}))
print(rawequal(t, t), rawequal(t, {}))`},
	{"control and errors", `
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
print(pcall(error, "plain", 0))
local ok, e = pcall(function() error({code = 7}) end)
print(ok, type(e), e.code)
print(select(2, pcall(function() local x = nil; return x + 1 end)) ~= nil)
print(xpcall(function() return "ok" end, function(e) return "handled" end))
local ok, msg = pcall(function() error("with level", 0) end)
print(ok, msg)
local t = setmetatable({}, {__index = function(_, k) return k .. "!" end})
print(t.hello, t[1])
local counter = 0
for i = 10, 1, -3 do counter = counter + i end
print(counter)
local s = 0
repeat s = s + 1 until s >= 5
print(s)
print(type(print), type(nil), type({}), type("s"), type(2))`},
}

// TestDifferentialLua51 runs diffCases in the sandbox and in the reference
// lua5.1 and compares what they print. A missing interpreter is a failure,
// not a skip: the comparison is the point of the test.
func TestDifferentialLua51(t *testing.T) {
	lua51 := referenceLua
	if _, err := os.Stat(lua51); err != nil {
		p, lerr := exec.LookPath("lua5.1")
		if lerr != nil {
			t.Fatalf("lua5.1 not found: run build/setup.sh test (%v)", err)
		}
		lua51 = p
	}
	e := New(Options{PoolSize: 1, Timeout: testTimeout}) // generous: CI machines stall
	for _, c := range diffCases {
		t.Run(c.name, func(t *testing.T) {
			s, err := e.Compile(c.name, c.src+"\nreturn true")
			if err != nil {
				t.Fatalf("sandbox compile: %v", err)
			}
			_, out, err := e.Condition(context.Background(), s, Env{})
			if err != nil {
				t.Fatalf("sandbox: %v", err)
			}
			// Lua 5.1 names a chunk read from stdin "stdin".
			got := strings.ReplaceAll(strings.Join(out.Printed, "\n"), c.name+":", "stdin:")

			cmd := exec.Command(lua51, "-")
			cmd.Stdin = strings.NewReader(c.src)
			ref, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("lua5.1: %v\n%s", err, ref)
			}
			want := strings.TrimRight(string(ref), "\n")
			if got != want {
				gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
				for i := 0; i < max(len(gl), len(wl)); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Errorf("line %d:\n  sandbox: %q\n  lua5.1:  %q", i+1, g, w)
					}
				}
			}
		})
	}
}
