package store

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Every named query prepares against a freshly migrated workspace, and
// SQLite's own verdict routes it: reads to the readers, writes to the writer.
func TestNamedQueriesPrepareAndRoute(t *testing.T) {
	s, _ := open(t)
	if len(queries) < 40 {
		t.Fatalf("only %d named queries parsed", len(queries))
	}
	if !queriesChecked.Load() {
		t.Fatal("Open did not check the named queries")
	}
	if _, err := s.prepareAll(context.Background(), queries); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"get-contact": true, "list-flows": true, "insert-event": false, "delete-flow": false} {
		if got := query(name).readOnly; got != want {
			t.Errorf("%s: read-only %v, want %v", name, got, want)
		}
	}
	// A write sent by name reaches the writer; the readers could not run it.
	if _, err := s.Exec(context.Background(), "set-setting", "k", "v"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Setting("k"); err != nil || v != "v" {
		t.Fatalf("%q %v", v, err)
	}
	// SQL built at run time goes to the readers through QueryContext: a
	// write there is refused rather than silently taking the writer.
	if _, err := s.QueryContext(context.Background(), `INSERT INTO settings(key,value) VALUES('x','y') RETURNING key`); err == nil {
		t.Fatal("a write ran on the reader pool")
	}
}

// A statement SQLite refuses stops Open's preparation with its name, file and line.
func TestBrokenNamedQueryNamesItself(t *testing.T) {
	s, _ := open(t)
	qs := map[string]*namedQuery{}
	if err := parseQueries(qs, "queries/broken.sql", "-- a comment\n\n-- name: ok-one\nSELECT 1;\n\n-- name: get-nothing\nSELECT nope FROM nowhere;\n"); err != nil {
		t.Fatal(err)
	}
	_, err := s.prepareAll(context.Background(), qs)
	if err == nil || !strings.Contains(err.Error(), `query "get-nothing" (queries/broken.sql:6)`) || !strings.Contains(err.Error(), "nowhere") {
		t.Fatalf("got %v", err)
	}
}

// A queries file that cannot be read stops Open, which names the file and line.
func TestMalformedQueriesStopOpen(t *testing.T) {
	qs := map[string]*namedQuery{}
	perr := parseQueries(qs, "queries/bad.sql", "-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;\n")
	if perr == nil {
		t.Fatal("a repeated name parsed")
	}
	saved := queriesErr
	queriesErr = perr
	defer func() { queriesErr = saved }()
	s, err := Open(filepath.Join(t.TempDir(), "ws.flightplan"))
	if err == nil {
		s.Close()
		t.Fatal("Open went on with a malformed queries file")
	}
	if !strings.Contains(err.Error(), `queries/bad.sql:3: query name "a" is already used at queries/bad.sql:1`) {
		t.Fatalf("got %v", err)
	}
}

func TestQueryFileErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"SELECT 1;\n-- name: a\nSELECT 2;", `f.sql:1: a statement before the first "-- name:" line`},
		{"-- name: Get_Contact\nSELECT 1;", `f.sql:1: query name "Get_Contact"`},
		{"-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;", `f.sql:3: query name "a" is already used at f.sql:1`},
		{"-- name: a\n-- only a comment\n\n-- name: b\nSELECT 1;", `query "a" (f.sql:1): no statement`},
		{"-- name: a\nSELECT 1;\nSELECT 2;", `query "a" (f.sql:1): more than one statement (a ";" at line 2)`},
	} {
		err := parseQueries(map[string]*namedQuery{}, "f.sql", c.body)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.body, err, c.want)
		}
	}
	// Semicolons inside strings and comments do not end a statement.
	qs := map[string]*namedQuery{}
	if err := parseQueries(qs, "f.sql", "-- name: a\nSELECT ';' -- one; two\n, \"x;y\";\n"); err != nil {
		t.Fatal(err)
	}
	if got := qs["a"].sql; got != "SELECT ';' -- one; two\n, \"x;y\"" {
		t.Fatalf("%q", got)
	}
}

// RunInTransaction commits what fn did, or nothing when fn fails.
func TestRunInTransaction(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.RunInTransaction(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "set-setting", "a", "1"); err != nil {
			return err
		}
		var v string
		if err := tx.QueryRow(ctx, "get-setting", "a").Scan(&v); err != nil || v != "1" {
			t.Errorf("the transaction does not see its own write: %q %v", v, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if v, _ := s.Setting("a"); v != "" {
		t.Fatalf("a failed transaction left %q", v)
	}
	if err := s.RunInTransaction(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "set-setting", "a", "2")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting("a"); v != "2" {
		t.Fatalf("got %q", v)
	}
}

// queryCallMethods take a query name as their second argument (after ctx).
var queryCallMethods = map[string]bool{"Exec": true, "Query": true, "QueryRow": true, "Prepare": true}

// Every name Go passes to a named-query method exists in queries/*.sql, and
// every named query is used by some Go code outside tests.
func TestQueryNames(t *testing.T) {
	root := moduleRoot(t)
	used := map[string]bool{}
	var missing []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "node_modules" || n == "frontend") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		test := strings.HasSuffix(path, "_test.go")
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if v, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && queries[v] != nil && !test {
					used[v] = true
				}
			case *ast.CallExpr:
				name, ok := queryNameArg(n)
				if ok && queries[name] == nil {
					missing = append(missing, fset.Position(n.Pos()).String()+": "+name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range missing {
		t.Errorf("no named query %s", m)
	}
	var unused []string
	for n, q := range queries {
		if !used[n] {
			unused = append(unused, q.where())
		}
	}
	sort.Strings(unused)
	for _, u := range unused {
		t.Errorf("%s is not used by any Go code: delete it", u)
	}
	// Both dialects have every name: a PostgreSQL variant replaces a
	// SQLite query, it never adds one.
	if pgOverridesErr != nil {
		t.Fatal(pgOverridesErr)
	}
	for n, q := range pgOverrides {
		if queries[n] == nil {
			t.Errorf("%s: a PostgreSQL variant of no query in engine/store/queries/*.sql", q.where())
		}
	}
	pq, err := pgQueries()
	if err != nil {
		t.Fatal(err)
	}
	if len(pq) != len(queries) {
		t.Errorf("%d PostgreSQL named queries for %d SQLite ones", len(pq), len(queries))
	}
}

// Code outside tests and outside this package never picks the reader pool
// or the writer (Store.DB, Store.ReadDB): the store routes every statement.
func TestConnections(t *testing.T) {
	root := moduleRoot(t)
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "node_modules" || n == "frontend") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Dir(path) == filepath.Join(root, "engine", "store") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && len(c.Args) == 0 {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "DB" || sel.Sel.Name == "ReadDB") {
					t.Errorf("%s: %s() chooses a connection; call the store's named queries or RunInTransaction", fset.Position(c.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// queryNameArg returns the literal query name of a call such as
// s.QueryRow(ctx, "get-contact", id) or query("get-contact").
func queryNameArg(c *ast.CallExpr) (string, bool) {
	var lit ast.Expr
	switch fn := c.Fun.(type) {
	case *ast.SelectorExpr:
		if !queryCallMethods[fn.Sel.Name] || len(c.Args) < 2 {
			return "", false
		}
		// The first argument is a context (ctx, context.Background(),
		// b.ctx), not SQL text as in db.Query(`SELECT ...`, "arg").
		switch c.Args[0].(type) {
		case *ast.Ident, *ast.CallExpr, *ast.SelectorExpr:
		default:
			return "", false
		}
		lit = c.Args[1]
	case *ast.Ident:
		if fn.Name != "query" || len(c.Args) != 1 {
			return "", false
		}
		lit = c.Args[0]
	default:
		return "", false
	}
	bl, ok := lit.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(bl.Value)
	if err != nil || !queryName.MatchString(v) {
		return "", false
	}
	return v, true
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("go.mod not found above the test's folder")
		}
		dir = up
	}
}
