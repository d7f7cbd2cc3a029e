package script

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestSmoke(t *testing.T) {
	e := New(Options{PoolSize: 1})
	env := Env{Contact: Contact{ID: 1, Email: "a@b.com", Fields: map[string]any{"company_size": 120.0, "title": "Director of Sales"}, Tags: []string{"trial"}, Score: 42, Temperature: "hot"}, Now: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	for _, src := range []string{
		`return contact.fields.company_size > 50`,
		`print(1/3, 1e15, 10, "x"..1/3, string.format("%5.2f|%g|%d|%q", 1/3, 1/3, 3.7, "a\nb")) return true`,
		`local x = nil
return x.y`,
		`return text.lower(nil) .. 1`,
		`error("boom")`,
		`error("boom", 0)`,
		`return contact:has_tag()`,
		`return contact.has_tag("x")`,
		`contact.fields.x = 1 return true`,
		`return getmetatable(contact)`,
		`getmetatable(contact).__index = {} return true`,
		`while true do end`,
		`local function f(n) return f(n+1)+1 end return f(1)`,
		`local t = {} for i=1,200000 do t[i]=i end return select('#', unpack(t))`,
		`local s = "x" while true do s = s .. s end`,
		`return 1`,
		`return os.execute`,
		`return io`,
		`x = 5 return x == 5`,
		`return x == nil`,
		`for k, v in pairs(contact) do print(k, v) end for i, t in ipairs(contact.tags) do print(i, t) end print(#contact.tags, table.concat(contact.tags, ",")) return true`,
		`table.insert(contact.tags, "x") return true`,
		`return ("x"):rep(3)`,
		`return setmetatable(1, {})`,
		`return string.rep`,
	} {
		s, err := e.Compile("t", src)
		if err != nil {
			fmt.Printf("%q: COMPILE %v\n", src, err)
			continue
		}
		start := time.Now()
		b, out, err := e.Condition(context.Background(), s, env)
		fmt.Printf("%-60q -> %v %v %v (%v) kind=%v\n", src, b, out.Printed, err, time.Since(start), kind(err))
	}
	fmt.Println(e.Stats())
	for _, d := range e.Check("c", "local x = contcat.score\nos.execute('ls')\nio.open('x')\nstring.rep('a', 3)\ntext.lowr('a')\nlocal function f() return f() end\n") {
		fmt.Println(d)
	}
	fmt.Println(e.Check("c", "return x +"))
	fmt.Println(e.Check("c", "if x then\n return 1"))
	fmt.Println(e.Check("c", "return 1 ++ 2"))
}

func kind(err error) string {
	if se, ok := AsError(err); ok {
		return se.Kind
	}
	return ""
}
