package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/words"
)

// A script that runs out of memory fails its step with the reason, and
// after SwitchOffAfter failures in a row it is switched off: later steps
// fail at once saying so, the notice is kept in the workspace (a new
// engine on it still has the script off), and switching it back on runs it
// again.
func TestFailingScriptIsSwitchedOff(t *testing.T) {
	e, _, now := testEngine(t)
	ctx := context.Background()
	// A wide concatenation of 9 MiB: refused by the sandbox at once (the
	// 1 MiB string is a literal, so no loop depends on the machine's speed).
	e.Store.DB().Exec(`INSERT INTO scripts(name, kind, source, updated_at) VALUES('bomb','condition',?,0)`,
		"local s = '"+strings.Repeat("x", 1<<20)+"'\nreturn #(s .. s .. s .. s .. s .. s .. s .. s .. s) > 0\n")
	if _, err := e.Store.Publish(luaFlow("bomb"), "", now); err != nil {
		t.Fatal(err)
	}
	enroll := func(email string) string {
		t.Helper()
		id, err := e.Runner.CreateContact(ctx, &contact.Contact{Email: email}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Runner.Enroll(ctx, "lua", []int64{id}); err != nil {
			t.Fatal(err)
		}
		steps, _ := e.Runner.Path(ctx, id, "lua")
		last := steps[len(steps)-1]
		if last.Outcome != "error" {
			t.Fatalf("%s: step %+v, want an error", email, last)
		}
		return last.Why.Get("error")
	}
	for i := 0; i < SwitchOffAfter; i++ {
		if r := enroll("c" + string(rune('a'+i)) + "@example.com"); !strings.Contains(r, "string too long") || !strings.Contains(r, `script "bomb"`) {
			t.Fatalf("failure %d: %q", i+1, r)
		}
	}
	r := enroll("after@example.com")
	if !strings.Contains(r, "switched off") || !strings.Contains(r, "string too long") {
		t.Fatalf("after %d failures: %q", SwitchOffAfter, r)
	}
	// The French window says it in French, the last failure too.
	if fr := words.ErrorTexts(r).Fr; !strings.HasPrefix(fr, "La règle « bomb » est désactivée : elle a échoué 5 fois de suite (la dernière : la règle « bomb », ligne 2 : chaîne trop longue : une chaîne de ") ||
		!strings.HasSuffix(fr, " Mio dépasse la limite de 8 Mio). Corrigez-la et enregistrez-la, ou réactivez-la, dans Règles (Lua)") {
		t.Errorf("in French: %s", fr)
	}
	off := e.Lua.SwitchedOff()["bomb"]
	if off.Failures != SwitchOffAfter || !strings.Contains(off.Reason, "string too long") {
		t.Fatalf("switched off: %+v", off)
	}

	// The notice is written to the workspace's settings (asynchronously:
	// the failing step ran inside the runner's transaction).
	deadline := time.Now().Add(10 * time.Second)
	for {
		if fresh := NewLua(e.Store).SwitchedOff(); fresh["bomb"].Failures == SwitchOffAfter {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the switch-off was not saved in the workspace")
		}
		time.Sleep(10 * time.Millisecond)
	}

	if err := e.Lua.SwitchOn("bomb"); err != nil {
		t.Fatal(err)
	}
	if len(NewLua(e.Store).SwitchedOff()) != 0 {
		t.Fatal("still switched off in the workspace after SwitchOn")
	}
	if r := enroll("again@example.com"); !strings.Contains(r, "string too long") {
		t.Fatalf("after switching on: %q", r)
	}
}

// Successes reset the count: a script that fails now and then is not
// switched off; nor is one that runs out of time SwitchOffAfter times in a
// row (the machine may be busy), though the same number of limit failures
// would.
func TestScriptFailuresMustBeInARow(t *testing.T) {
	e, _, now := testEngine(t)
	ctx := context.Background()
	// Fails (out of time) for contacts whose email starts with "slow".
	e.Store.DB().Exec(`INSERT INTO scripts(name, kind, source, updated_at) VALUES('flaky','condition',?,0)`,
		"if contact.email:sub(1, 4) == 'slow' then while true do end end\nreturn true\n")
	if _, err := e.Store.Publish(luaFlow("flaky"), "", now); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2*SwitchOffAfter; i++ {
		email := "ok" + string(rune('a'+i)) + "@example.com"
		if i%2 == 0 {
			email = "slow" + email
		}
		id, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: email}, nil)
		e.Runner.Enroll(ctx, "lua", []int64{id})
	}
	for i := 0; i < SwitchOffAfter; i++ {
		id, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "slow-again" + string(rune('a'+i)) + "@example.com"}, nil)
		e.Runner.Enroll(ctx, "lua", []int64{id})
	}
	if off := e.Lua.SwitchedOff(); len(off) != 0 {
		t.Fatalf("switched off: %+v", off)
	}
}

// A step whose rule is gone says so in plain words, in French too.
func TestGoneScriptSaysSoInFrench(t *testing.T) {
	e, _, _ := testEngine(t)
	_, _, _, err := e.Lua.Source("vip_check")
	if err == nil {
		t.Fatal("no error for a rule that does not exist")
	}
	got := words.ErrorTexts(err.Error())
	if got.En != "The rule “vip_check” does not exist (deleted or renamed?): pick another one on the step" ||
		got.Fr != "La règle « vip_check » n’existe pas (supprimée ou renommée ?) : choisissez-en une autre sur l’étape" {
		t.Errorf("%+v", got)
	}
}

// A rule is named by its title, never its key, in the history (EN and FR)
// and in the steps' choices: a workspace rule by its header's title, a
// shipped one by its own.
func TestRulesAreNamedByTheirTitle(t *testing.T) {
	e, _, now := testEngine(t)
	ctx := context.Background()
	e.Store.DB().Exec(`INSERT INTO scripts(name, kind, source, updated_at) VALUES('vip_check','condition',?,0)`,
		"-- Title: VIP customer\n-- Title (fr): Client VIP\n-- Kind: condition\n-- Summary: \n\nreturn true\n")
	if _, err := e.Store.Publish(luaFlow("vip_check"), "", now); err != nil {
		t.Fatal(err)
	}
	id, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "vip@example.com"}, nil)
	if _, err := e.Runner.Enroll(ctx, "lua", []int64{id}); err != nil {
		t.Fatal(err)
	}
	steps, err := e.Path(ctx, id, "lua")
	if err != nil || len(steps) < 2 {
		t.Fatalf("%v %+v", err, steps)
	}
	if got := steps[1].Text; got == nil || !strings.Contains(got.En, "“VIP customer”") || !strings.Contains(got.Fr, "« Client VIP »") || strings.Contains(got.En+got.Fr, "vip_check") {
		t.Errorf("the rule's step in the history: %+v", got)
	}
	// Its failure too, on the step and in the history.
	e.Store.DB().Exec(`UPDATE scripts SET source=? WHERE name='vip_check'`,
		"-- Title: VIP customer\n-- Title (fr): Client VIP\n-- Kind: condition\n-- Summary: \n\nlocal plan = nil\nreturn plan.tier == 'gold'\n")
	f := luaFlow("vip_check")
	f.ID = "lua2"
	if _, err := e.Store.Publish(f, "", now); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Runner.Enroll(ctx, "lua2", []int64{id}); err != nil {
		t.Fatal(err)
	}
	rep, err := e.FlowFailures(ctx, "lua2")
	if err != nil || len(rep.Steps) != 1 || rep.Steps[0].Text == nil {
		t.Fatalf("%v %+v", err, rep)
	}
	if got := rep.Steps[0].Text.Fr; got != "La règle « Client VIP », ligne 7 : impossible de lire « tier » dans une valeur qui vaut nil" {
		t.Errorf("the failure on the step: %s", got)
	}
	steps, _ = e.Path(ctx, id, "lua2")
	if got := steps[len(steps)-1].Text; got == nil || !strings.Contains(got.En, "the rule “VIP customer”, line 7") {
		t.Errorf("the failure in the history: %+v", got)
	}
	refs, err := e.References(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string][2]string{}
	for _, r := range refs.Scripts {
		names[r.Key] = [2]string{r.Name, r.NameFr}
	}
	if names["vip_check"] != [2]string{"VIP customer", "Client VIP"} || names["hot_lead_pricing"] != [2]string{"Hot lead: visited the pricing page", "Prospect chaud : a visité la page des prix"} {
		t.Errorf("the rules as the steps offer them: %v", names)
	}
}
