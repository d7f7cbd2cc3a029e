package engine

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"flightplan/engine/flow"
)

// TestPackageImportsCompleteIntoAnEmptyWorkspace: the welcome funnel
// packaged in one workspace imports into an empty one with its three
// emails and its list, and can be published there; the report lists them.
func TestPackageImportsCompleteIntoAnEmptyWorkspace(t *testing.T) {
	ctx := context.Background()
	a, _, _ := testEngine(t)
	doc, err := a.CreateFromTemplate(ctx, "welcome", "en")
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := a.PackageFunnel(ctx, doc.Flow.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !IsPackage(string(pkg)) {
		t.Fatal("the package does not say its format")
	}
	b, _, _ := testEngine(t)
	rep, err := b.ImportPackage(ctx, "welcome"+PackageExt, string(pkg))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK || len(rep.Missing) != 0 || flow.HasErrors(rep.Flow.Issues) {
		t.Fatalf("import: ok %v, missing %+v, issues %+v", rep.OK, rep.Missing, rep.Flow.Issues)
	}
	kinds := map[string]int{}
	for _, it := range rep.Brought {
		kinds[it.Kind]++
		if it.Note != "new" {
			t.Errorf("%s %q: %s, want new in an empty workspace", it.Kind, it.Name, it.Note)
		}
	}
	if kinds[ItemEmail] != 3 || kinds[ItemList] != 1 || kinds[ItemTag] != 1 {
		t.Errorf("brought %+v, want 3 emails, 1 list, 1 tag", rep.Brought)
	}
	if _, err := b.PublishDraft(rep.Flow.Flow.ID); err != nil {
		t.Fatalf("publishing the imported funnel: %v", err)
	}

	// Again into the first workspace: the same emails are reused, an email
	// the workspace changed since comes in under a new id the funnel uses.
	tpl, _ := a.Store.Template("welcome-1")
	if err := a.Store.SaveTemplate("welcome-1", tpl.Name, `{"subject":"Changed","html":"<p>Other</p>"}`, a.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	rep, err = a.ImportPackage(ctx, "welcome"+PackageExt, string(pkg))
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, it := range rep.Brought {
		if it.Kind == ItemEmail {
			notes[it.ID] = it.Note
		}
	}
	if notes["welcome-1-2"] != "renamed" || notes["welcome-tips"] != "same" {
		t.Errorf("emails: %+v", rep.Brought)
	}
	if rep.Flow.Flow.ID == doc.Flow.ID || !strings.Contains(string(mustJSON(t, rep.Flow.Flow)), `"welcome-1-2"`) {
		t.Errorf("the second import is %q and does not send the renamed email", rep.Flow.Flow.ID)
	}
}

// TestPackageMissingAnEmailDoesNotImportAsOK: a package whose funnel sends
// an email the package lacks imports, but says so and is not OK; the same
// workspace refuses to package a funnel naming an email it does not have.
func TestPackageMissingAnEmailDoesNotImportAsOK(t *testing.T) {
	ctx := context.Background()
	a, _, _ := testEngine(t)
	doc, err := a.CreateFromTemplate(ctx, "welcome", "en")
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := a.PackageFunnel(ctx, doc.Flow.ID)
	if err != nil {
		t.Fatal(err)
	}
	var p Package
	if err := json.Unmarshal(pkg, &p); err != nil {
		t.Fatal(err)
	}
	p.Emails = p.Emails[1:] // one email lost on the way
	cut, _ := json.Marshal(p)
	b, _, _ := testEngine(t)
	rep, err := b.ImportPackage(ctx, "cut"+PackageExt, string(cut))
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || len(rep.Missing) != 1 || rep.Missing[0].Kind != ItemEmail || !flow.HasErrors(rep.Flow.Issues) {
		t.Fatalf("ok %v, missing %+v: want the lost email named and the import not OK", rep.OK, rep.Missing)
	}
	if _, err := b.PublishDraft(rep.Flow.Flow.ID); err == nil {
		t.Error("a funnel missing an email was published")
	}
	if err := a.Store.DeleteTemplate("welcome-tips"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.PackageFunnel(ctx, doc.Flow.ID); err == nil || !strings.Contains(err.Error(), `email "welcome-tips"`) {
		t.Errorf("packaging a funnel whose email is gone: %v", err)
	}
	if _, err := b.ImportPackage(ctx, "x.json", `{"format": "flightplan.flow/v1"}`); err == nil {
		t.Error("a flow file was taken for a package")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
