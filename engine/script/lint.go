package script

import (
	"fmt"
	"sort"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/ast"
)

// The linter gives the editor what the compiler cannot: a typo such as
// `contcat.score` or a call to os.execute compiles fine and only fails when
// that line runs, maybe weeks later on one contact. It walks the syntax tree
// with lexical scopes and reports names that are neither local, nor assigned
// by the script, nor in the sandbox; and members that the sandbox's modules
// do not have. Known names come from a real pooled state, so the lint and the
// sandbox cannot drift apart.

// globalNames lists the sandbox's globals, and for modules and the contact,
// their members.
func (st *state) globalNames() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	st.g.ForEach(func(k, v lua.LValue) {
		name := lua.LVAsString(k)
		out[name] = nil
		if name == "contact" {
			m := map[string]bool{}
			for _, s := range contactScalars {
				m[s] = true
			}
			for _, s := range []string{"fields", "tags", "lists", "has_tag", "in_list"} {
				m[s] = true
			}
			out[name] = m
			return
		}
		if vw, ok := viewOf(v); ok {
			if tv, ok := vw.(tableView); ok {
				m := map[string]bool{}
				tv.t.ForEach(func(k, _ lua.LValue) { m[lua.LVAsString(k)] = true })
				out[name] = m
			}
		}
	})
	for _, name := range perCallGlobals {
		if _, ok := out[name]; !ok {
			out[name] = nil // event is nil between evaluations
		}
	}
	return out
}

type linter struct {
	name     string
	known    map[string]map[string]bool
	assigned map[string]bool
	scopes   []map[string]bool
	reported map[string]bool
	diags    []*Error
}

func lint(name string, chunk []ast.Stmt, known map[string]map[string]bool) []*Error {
	l := &linter{name: name, known: known, assigned: map[string]bool{}, reported: map[string]bool{}}
	l.collectAssigned(chunk)
	l.push()
	l.block(chunk)
	l.pop()
	if !returnsAtTop(chunk) {
		line := 1
		if n := len(chunk); n > 0 {
			line = max(chunk[n-1].Line(), chunk[n-1].LastLine())
		}
		l.diags = append(l.diags, &Error{Script: name, Line: line, Kind: KindResult,
			Message: "the script never returns a value: end it with `return ...` (a boolean, a number or a table of changes)"})
	}
	sort.SliceStable(l.diags, func(i, j int) bool { return l.diags[i].Line < l.diags[j].Line })
	return l.diags
}

func (l *linter) push() { l.scopes = append(l.scopes, map[string]bool{}) }
func (l *linter) pop()  { l.scopes = l.scopes[:len(l.scopes)-1] }
func (l *linter) declare(names ...string) {
	for _, n := range names {
		l.scopes[len(l.scopes)-1][n] = true
	}
}
func (l *linter) isLocal(name string) bool {
	for i := len(l.scopes) - 1; i >= 0; i-- {
		if l.scopes[i][name] {
			return true
		}
	}
	return false
}

// isModule reports whether e names a sandbox global (not shadowed by a
// local or reassigned by the script) and returns its members.
func (l *linter) isModule(e ast.Expr) (string, map[string]bool, bool) {
	id, ok := e.(*ast.IdentExpr)
	if !ok || l.isLocal(id.Value) || l.assigned[id.Value] {
		return "", nil, false
	}
	m, ok := l.known[id.Value]
	return id.Value, m, ok && m != nil
}

func (l *linter) report(line int, key, msg string) {
	if l.reported[key] {
		return
	}
	l.reported[key] = true
	l.diags = append(l.diags, &Error{Script: l.name, Line: line, Kind: KindCompile, Message: msg})
}

// collectAssigned finds every global the script assigns, anywhere: a
// script may define its own helpers as globals, and reading them is fine.
func (l *linter) collectAssigned(stmts []ast.Stmt) {
	var walkS func([]ast.Stmt)
	var walkE func(ast.Expr)
	walkE = func(e ast.Expr) {
		if f, ok := e.(*ast.FunctionExpr); ok {
			walkS(f.Stmts)
		}
	}
	walkS = func(stmts []ast.Stmt) {
		for _, s := range stmts {
			switch s := s.(type) {
			case *ast.AssignStmt:
				for _, lhs := range s.Lhs {
					if id, ok := lhs.(*ast.IdentExpr); ok {
						l.assigned[id.Value] = true
					}
				}
				for _, e := range s.Rhs {
					walkE(e)
				}
			case *ast.FuncDefStmt:
				if id, ok := s.Name.Func.(*ast.IdentExpr); ok && s.Name.Receiver == nil {
					l.assigned[id.Value] = true
				}
				walkS(s.Func.Stmts)
			case *ast.LocalAssignStmt:
				for _, e := range s.Exprs {
					walkE(e)
				}
			case *ast.DoBlockStmt:
				walkS(s.Stmts)
			case *ast.WhileStmt:
				walkS(s.Stmts)
			case *ast.RepeatStmt:
				walkS(s.Stmts)
			case *ast.IfStmt:
				walkS(s.Then)
				walkS(s.Else)
			case *ast.NumberForStmt:
				walkS(s.Stmts)
			case *ast.GenericForStmt:
				walkS(s.Stmts)
			}
		}
	}
	walkS(stmts)
}

func (l *linter) block(stmts []ast.Stmt) {
	for _, s := range stmts {
		l.stmt(s)
	}
}

func (l *linter) scoped(f func()) {
	l.push()
	f()
	l.pop()
}

func (l *linter) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.AssignStmt:
		for _, e := range s.Rhs {
			l.expr(e)
		}
		for _, lhs := range s.Lhs {
			switch x := lhs.(type) {
			case *ast.IdentExpr: // an assignment, not a read
			case *ast.AttrGetExpr:
				if mod, _, ok := l.isModule(x.Object); ok {
					l.report(x.Line(), "write:"+mod, fmt.Sprintf("`%s` is read-only: scripts cannot change it", mod))
				}
				l.expr(x.Object)
				l.expr(x.Key)
			default:
				l.expr(lhs)
			}
		}
	case *ast.LocalAssignStmt:
		if len(s.Names) == 1 && len(s.Exprs) == 1 {
			if _, ok := s.Exprs[0].(*ast.FunctionExpr); ok {
				l.declare(s.Names[0]) // `local function f` can call itself
			}
		}
		for _, e := range s.Exprs {
			l.expr(e)
		}
		l.declare(s.Names...)
	case *ast.FuncCallStmt:
		l.expr(s.Expr)
	case *ast.DoBlockStmt:
		l.scoped(func() { l.block(s.Stmts) })
	case *ast.WhileStmt:
		l.expr(s.Condition)
		l.scoped(func() { l.block(s.Stmts) })
	case *ast.RepeatStmt:
		l.scoped(func() { l.block(s.Stmts); l.expr(s.Condition) })
	case *ast.IfStmt:
		l.expr(s.Condition)
		l.scoped(func() { l.block(s.Then) })
		l.scoped(func() { l.block(s.Else) })
	case *ast.NumberForStmt:
		l.expr(s.Init)
		l.expr(s.Limit)
		if s.Step != nil {
			l.expr(s.Step)
		}
		l.scoped(func() { l.declare(s.Name); l.block(s.Stmts) })
	case *ast.GenericForStmt:
		for _, e := range s.Exprs {
			l.expr(e)
		}
		l.scoped(func() { l.declare(s.Names...); l.block(s.Stmts) })
	case *ast.FuncDefStmt:
		target := s.Name.Receiver // function a.b:m()
		if x, ok := s.Name.Func.(*ast.AttrGetExpr); ok && target == nil {
			target = x.Object // function a.b()
		}
		if target != nil {
			if mod, _, ok := l.isModule(target); ok {
				l.report(s.Line(), "write:"+mod, fmt.Sprintf("`%s` is read-only: scripts cannot change it", mod))
			}
			l.expr(target)
		}
		self := s.Name.Method != ""
		l.function(s.Func, self)
	case *ast.ReturnStmt:
		for _, e := range s.Exprs {
			l.expr(e)
		}
	}
}

func (l *linter) function(f *ast.FunctionExpr, self bool) {
	l.scoped(func() {
		if self {
			l.declare("self")
		}
		if f.ParList != nil {
			l.declare(f.ParList.Names...)
		}
		l.block(f.Stmts)
	})
}

func (l *linter) expr(e ast.Expr) {
	switch e := e.(type) {
	case nil:
	case *ast.IdentExpr:
		l.ident(e)
	case *ast.AttrGetExpr:
		if mod, members, ok := l.isModule(e.Object); ok {
			if key, ok := e.Key.(*ast.StringExpr); ok && !members[key.Value] {
				l.member(e.Line(), mod, key.Value, members)
			}
		}
		l.expr(e.Object)
		l.expr(e.Key)
	case *ast.TableExpr:
		for _, f := range e.Fields {
			l.expr(f.Key)
			l.expr(f.Value)
		}
	case *ast.FuncCallExpr:
		if e.Receiver != nil {
			if mod, members, ok := l.isModule(e.Receiver); ok && !members[e.Method] {
				l.member(e.Line(), mod, e.Method, members)
			} else if hint, ok := forbiddenHints["string."+e.Method]; ok {
				// s:rep(n) on a string value: the method is gone with string.rep.
				l.report(e.Line(), "method:"+e.Method, fmt.Sprintf("`:%s` is not available: %s", e.Method, hint))
			}
			l.expr(e.Receiver)
		} else {
			l.expr(e.Func)
		}
		for _, a := range e.Args {
			l.expr(a)
		}
	case *ast.LogicalOpExpr:
		l.expr(e.Lhs)
		l.expr(e.Rhs)
	case *ast.RelationalOpExpr:
		l.expr(e.Lhs)
		l.expr(e.Rhs)
	case *ast.StringConcatOpExpr:
		l.expr(e.Lhs)
		l.expr(e.Rhs)
	case *ast.ArithmeticOpExpr:
		l.expr(e.Lhs)
		l.expr(e.Rhs)
	case *ast.UnaryMinusOpExpr:
		l.expr(e.Expr)
	case *ast.UnaryNotOpExpr:
		l.expr(e.Expr)
	case *ast.UnaryLenOpExpr:
		l.expr(e.Expr)
	case *ast.FunctionExpr:
		l.function(e, false)
	}
}

func (l *linter) ident(e *ast.IdentExpr) {
	name := e.Value
	if l.isLocal(name) || l.assigned[name] {
		return
	}
	if _, ok := l.known[name]; ok {
		return
	}
	if hint, ok := forbiddenHints[name]; ok {
		l.report(e.Line(), name, fmt.Sprintf("`%s` is not available: %s", name, hint))
		return
	}
	msg := fmt.Sprintf("unknown name `%s`", name)
	cands := make([]string, 0, len(l.known))
	for k := range l.known {
		cands = append(cands, k)
	}
	if s := suggest(name, cands); s != "" {
		msg += fmt.Sprintf(" (did you mean `%s`?)", s)
	}
	l.report(e.Line(), name, msg+"; it is nil here")
}

func (l *linter) member(line int, mod, key string, members map[string]bool) {
	q := mod + "." + key
	if hint, ok := forbiddenHints[q]; ok {
		l.report(line, q, fmt.Sprintf("`%s` is not available: %s", q, hint))
		return
	}
	cands := make([]string, 0, len(members))
	for k := range members {
		cands = append(cands, k)
	}
	msg := fmt.Sprintf("`%s` has no `%s`", mod, key)
	if s := suggest(key, cands); s != "" {
		msg += fmt.Sprintf(" (did you mean `%s.%s`?)", mod, s)
	}
	l.report(line, q, msg)
}

// returnsAtTop reports whether the chunk has a return statement outside any
// function body.
func returnsAtTop(stmts []ast.Stmt) bool {
	for _, s := range stmts {
		switch s := s.(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.DoBlockStmt:
			if returnsAtTop(s.Stmts) {
				return true
			}
		case *ast.WhileStmt:
			if returnsAtTop(s.Stmts) {
				return true
			}
		case *ast.RepeatStmt:
			if returnsAtTop(s.Stmts) {
				return true
			}
		case *ast.IfStmt:
			if returnsAtTop(s.Then) || returnsAtTop(s.Else) {
				return true
			}
		case *ast.NumberForStmt:
			if returnsAtTop(s.Stmts) {
				return true
			}
		case *ast.GenericForStmt:
			if returnsAtTop(s.Stmts) {
				return true
			}
		}
	}
	return false
}

// suggest returns the candidate closest to s within an edit distance of 2.
func suggest(s string, cands []string) string {
	sort.Strings(cands)
	best, bestD := "", 3
	for _, c := range cands {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
