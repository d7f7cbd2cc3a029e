package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Lists, tags, segments, scoring rules, fields, scripts and contacts are
// written with the command line alone and read back; each --json shape is
// held by a golden file and each mistake is answered with what and where.
func TestWriteEverything(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.flightplan")
	w := []string{"--workspace", ws}
	cli := func(args ...string) string { t.Helper(); return must(t, append(args, w...)...) }
	fails := func(code int, want string, args ...string) {
		t.Helper()
		c, _, errs := runCLI(append(args, w...)...)
		if c != code || !strings.Contains(errs, want) {
			t.Errorf("%q: exit %d, want %d with %q:\n%s", args, c, code, want, errs)
		}
	}

	// Fields first: contacts use them.
	cli("fields", "add", "plan", "--type", "choice", "--option", "Free", "--option", "Pro", "--label", "Plan")
	cli("fields", "add", "seats", "--type", "number")
	checkShape(t, "fields-list", cli("fields", "list", "--json"))
	if out := cli("fields", "list"); !strings.Contains(out, "plan") || !strings.Contains(out, "(Free, Pro)") || !strings.Contains(out, "seats") {
		t.Errorf("fields list:\n%s", out)
	}
	fails(1, "give its type with --type", "fields", "add", "x")
	fails(1, `field "Bad Name": a name is lower-case`, "fields", "add", "Bad Name", "--type", "text")
	fails(1, `field "first_name": built-in field`, "fields", "delete", "first_name")

	// Contacts one by one, with checked values, lists and tags.
	cli("contacts", "add", "ana@example.com", "--field", "first_name=Ana", "--field", "plan=pro", "--list", "Newsletter", "--tag", "vip")
	cli("contacts", "add", "ben@example.com", "--field", "seats=3")
	fails(1, `contacts add: contact "ana@example.com" exists already`, "contacts", "add", "ana@example.com")
	fails(1, `field "seats"`, "contacts", "add", "cy@example.com", "--field", "seats=many")
	fails(1, `field "plan"`, "contacts", "update", "ben@example.com", "--field", "plan=Gold")
	fails(2, "do not match its usage", "contacts", "delete", "ben@example.com", "--tag", "x")
	upd := cli("contacts", "update", "ben@example.com", "--field", "seats=5", "--list", "Newsletter", "--tag", "trial", "--json")
	checkShape(t, "contacts-update", upd)
	var ch struct {
		Fields, JoinedLists, AddedTags []string
	}
	json.Unmarshal([]byte(upd), &ch)
	if strings.Join(ch.Fields, ",") != "seats" {
		t.Errorf("contacts update: %s", upd)
	}
	if out := cli("contacts", "update", "ben@example.com", "--unlist", "Newsletter", "--untag", "trial"); !strings.Contains(out, "left Newsletter; untagged trial") {
		t.Errorf("contacts update --unlist --untag: %s", out)
	}
	// Each change is an event funnels react to, as the window's edits are.
	var ben struct {
		History []struct {
			Kind  string
			Props map[string]any
		}
	}
	json.Unmarshal([]byte(cli("contacts", "show", "ben@example.com", "--json")), &ben)
	seen := map[string]bool{}
	for _, h := range ben.History {
		for _, k := range []string{"tag", "list", "field"} {
			if v, ok := h.Props[k].(string); ok {
				seen[k+":"+v] = true
			}
		}
	}
	for _, want := range []string{"tag:trial", "list:Newsletter", "field:seats"} {
		if !seen[want] {
			t.Errorf("ben's history lacks the event of %s: %+v", want, ben.History)
		}
	}
	show := cli("contacts", "show", "ana@example.com")
	if !strings.Contains(show, "lists: Newsletter") || !strings.Contains(show, "tags: vip") || !strings.Contains(show, "plan: Pro") {
		t.Errorf("contacts show after add:\n%s", show)
	}

	// Lists; the sentences follow --lang.
	cli("lists", "add", "Customers")
	if out := cli("lists", "add", "Prospects", "--lang", "fr"); out != "liste « Prospects » prête\n" {
		t.Errorf("lists add --lang fr: %q", out)
	}
	checkShape(t, "lists-list", cli("lists", "list", "--json"))
	cli("segments", "add", writeFile(t, dir, "readers.json", `{"name":"Readers","rules":[{"kind":"list","op":"in","value":"Newsletter"}]}`))
	code, _, errs := runCLI(append([]string{"lists", "rename", "Newsletter", "Weekly news"}, w...)...)
	if code != 0 || !strings.Contains(errs, `these still name list "Newsletter", unchanged: segment "Readers"`) {
		t.Errorf("lists rename: exit %d, want a note naming the segment:\n%s", code, errs)
	}
	if out := cli("lists", "list"); !strings.Contains(out, "Weekly news") || strings.Contains(out, "Newsletter") {
		t.Errorf("lists list after rename:\n%s", out)
	}
	fails(1, `list "Customers": the name "Prospects" is another list's`, "lists", "rename", "Customers", "Prospects")
	fails(1, `list "Nope": no list of this name`, "lists", "delete", "Nope")
	if out := cli("lists", "delete", "Prospects"); !strings.Contains(out, `list "Prospects" deleted (0 contacts`) {
		t.Errorf("lists delete: %s", out)
	}

	// Tags.
	if out := cli("tags", "add", "lead", "ana@example.com", "ben@example.com"); !strings.Contains(out, "added to 2 contacts") {
		t.Errorf("tags add: %s", out)
	}
	checkShape(t, "tags-list", cli("tags", "list", "--json"))
	if out := cli("tags", "rename", "lead", "prospect"); !strings.Contains(out, "on 2 contacts") {
		t.Errorf("tags rename: %s", out)
	}
	fails(1, `tag "lead": no contact carries it`, "tags", "delete", "lead")
	cli("import", "flow", writeFile(t, dir, "onboard.flow.json", onboardFlow))
	cli("tags", "add", "buyer", "ana@example.com")
	code, _, errs = runCLI(append([]string{"tags", "rename", "buyer", "client"}, w...)...)
	if code != 0 || !strings.Contains(errs, `these still name tag "buyer", unchanged: funnel "Onboarding" › buyer`) {
		t.Errorf("tags rename: exit %d, want a note naming the funnel's step:\n%s", code, errs)
	}
	fails(1, `contact "zoe@example.com"`, "tags", "add", "x", "zoe@example.com")
	if out := cli("tags", "list"); !strings.Contains(out, "prospect") || strings.Contains(out, "lead ") {
		t.Errorf("tags list:\n%s", out)
	}

	// Segments, in the segment editor's JSON; errors at their line.
	seg := writeFile(t, dir, "pro.json", `{
  "name": "Pro customers",
  "match": "all",
  "rules": [
    {"kind": "field", "field": "plan", "op": "equals", "value": "Pro"}
  ]
}
`)
	if out := cli("segments", "add", seg); !strings.Contains(out, `segment "Pro customers" saved (id pro-customers): 1 contacts now`) {
		t.Errorf("segments add: %s", out)
	}
	checkShape(t, "segments-list", cli("segments", "list", "--json"))
	checkShape(t, "segments-show", cli("segments", "show", "pro-customers"))
	shown := cli("segments", "show", "Pro customers")
	if !strings.Contains(shown, `"id": "pro-customers"`) || !strings.Contains(shown, `"field": "plan"`) {
		t.Errorf("segments show:\n%s", shown)
	}
	bad := writeFile(t, dir, "bad.json", `{
  "name": "Bad",
  "rules": [
    {"kind": "tag", "op": "has", "value": "vip"},
    {"kind": "score", "op": "bigger", "value": "3"}
  ]
}
`)
	fails(1, `bad.json:5: segment "Bad": rule 2: unknown operator "bigger"`, "segments", "add", bad)
	typo := writeFile(t, dir, "typo.json", "{\n  \"name\": \"T\",\n  \"rulez\": []\n}\n")
	fails(1, `typo.json:3:`, "segments", "add", typo)
	fails(1, `unknown field "rulez"`, "segments", "add", typo)
	grouped := writeFile(t, dir, "grouped.json", `{"name": "G", "rules": [],
 "groups": [
  {"match": "any", "rules": [
    {"kind": "tag", "op": "has", "value": "vip"},
    {"kind": "list", "op": "in", "value": "Nowhere"}
  ]}]}
`)
	fails(1, `grouped.json:5: segment "G": group 1: rule 2: there is no list "Nowhere"`, "segments", "add", grouped)
	cli("segments", "update", "pro-customers", writeFile(t, dir, "pro2.json", `{"rules":[{"kind":"tag","op":"has","value":"vip"}]}`))
	if out := cli("segments", "list"); !strings.Contains(out, "Pro customers") {
		t.Errorf("segments update kept the name? %s", out)
	}
	cli("segments", "delete", "Pro customers")
	fails(1, `segment "Pro customers": not found`, "segments", "show", "Pro customers")

	// Scoring rules.
	cli("scoring", "set", "Pricing visits", "--event", "page_visited", "--points", "5", "--where", "url contains /pricing")
	cli("scoring", "set", "Purchases", "--event", "purchase", "--points", "20")
	cli("scoring", "set", "Pricing visits", "--event", "page_visited", "--points", "7", "--where", "url contains /pricing")
	checkShape(t, "scoring-list", cli("scoring", "list", "--json"))
	if out := cli("scoring", "list"); !strings.Contains(out, "+7 per page_visited where url contains /pricing") || strings.Count(out, "Pricing visits") != 1 {
		t.Errorf("scoring list:\n%s", out)
	}
	fails(1, `--points "lots" is not a number`, "scoring", "set", "x", "--event", "a", "--points", "lots")
	fails(1, `unknown operator "like"`, "scoring", "set", "x", "--event", "a", "--points", "1", "--where", "url like /x")
	fails(1, `rule "Nope": no scoring rule of this name`, "scoring", "delete", "Nope")
	cli("scoring", "delete", "Purchases")
	if out := cli("scoring", "list"); strings.Contains(out, "Purchases") {
		t.Errorf("scoring delete: %s", out)
	}

	// Scripts: checked before stored, errors at their line.
	good := writeFile(t, dir, "big_spender.lua", "-- Title: Big spender\n-- Kind: condition\n-- Summary: Spent over 100.\nreturn (contact.fields.seats or 0) > 2\n")
	cli("scripts", "import", good)
	checkShape(t, "scripts-list", cli("scripts", "list", "--json"))
	if out := cli("scripts", "show", "big_spender"); !strings.Contains(out, "return (contact.fields.seats") {
		t.Errorf("scripts show:\n%s", out)
	}
	out := filepath.Join(dir, "out.lua")
	cli("scripts", "export", "big_spender", "--out", out)
	broken := writeFile(t, dir, "broken.lua", "-- Kind: condition\nlocal x = = 1\nreturn true\n")
	fails(1, "broken.lua:2: syntax error near '='", "scripts", "import", broken)
	nokind := writeFile(t, dir, "nokind.lua", "return true\n")
	fails(1, `no "-- Kind:" line`, "scripts", "import", nokind)
	if l := cli("scripts", "list"); strings.Contains(l, "broken") {
		t.Errorf("a script that does not compile was stored:\n%s", l)
	}
	cli("scripts", "delete", "big_spender")
	fails(1, `script "big_spender": not in this workspace`, "scripts", "delete", "big_spender")

	// Deleting a contact takes their history with them.
	cli("contacts", "delete", "ben@example.com")
	fails(1, `contact "ben@example.com": no contact with this email address`, "contacts", "show", "ben@example.com")
	if out := cli("tags", "list"); !strings.Contains(out, "prospect") || !strings.Contains(out, " 1\n") {
		t.Errorf("tags after a contact's deletion:\n%s", out)
	}
}
