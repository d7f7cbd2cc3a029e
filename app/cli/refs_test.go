package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// validate --workspace and publish check every reference against the
// workspace and refuse a missing email with the flow, step and field named;
// publish also refuses a go-to-flow loop across funnels, as the window does.
func TestValidateAndPublishCheckReferences(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.flightplan")
	welcome := writeFile(t, dir, "welcome.flow.json", `{"format":"flightplan.flow/v1","id":"welcome","name":"Welcome","nodes":[
		{"id":"start","type":"trigger.manual"},
		{"id":"hello","type":"action.send_email","label":"Say hello","config":{"template":"welcome"}}],
		"edges":[{"from":"start","to":"hello"}]}`)
	if code, _, errs := runCLI("import", "flow", welcome, "--workspace", ws); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	// Alone, a file cannot know the workspace's emails.
	if code, out, _ := runCLI("validate", welcome); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("validate without a workspace: %d %s", code, out)
	}
	code, out, _ := runCLI("validate", welcome, "--workspace", ws)
	if code != 1 || !strings.Contains(out, `node "hello": field "template": step "Say hello", Email: there is no email "welcome"`) || !strings.Contains(out, "[unknown_reference]") {
		t.Errorf("validate --workspace: %d\n%s", code, out)
	}
	code, _, errs := runCLI("publish", "welcome", "--workspace", ws)
	if code != 1 || !strings.Contains(errs, `flow "welcome": error: node "hello": field "template"`) || !strings.Contains(errs, "not published") {
		t.Errorf("publish with a missing email: %d\n%s", code, errs)
	}
	// Once the email exists, both pass.
	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Store.SaveTemplate("welcome", "Welcome", `{"id":"welcome","name":"Welcome","subject":"Hi"}`, time.Now()); err != nil {
		t.Fatal(err)
	}
	eng.Close()
	if code, out, _ := runCLI("validate", welcome, "--workspace", ws); code != 0 {
		t.Errorf("validate with the email: %d %s", code, out)
	}
	if code, out, errs := runCLI("publish", "welcome", "--workspace", ws); code != 0 || !strings.Contains(out, "published version 1") {
		t.Errorf("publish with the email: %d %s %s", code, out, errs)
	}
	// Two funnels sending contacts to each other with no wait and no
	// re-entry limit: publish refuses, as the window does.
	a := writeFile(t, dir, "a.flow.json", `{"format":"flightplan.flow/v1","id":"a","settings":{"reentry":"always"},"nodes":[
		{"id":"in","type":"trigger.from_flow"},{"id":"go","type":"action.goto_flow","config":{"flow":"b"}}],"edges":[{"from":"in","to":"go"}]}`)
	b := writeFile(t, dir, "b.flow.json", `{"format":"flightplan.flow/v1","id":"b","settings":{"reentry":"always"},"nodes":[
		{"id":"in","type":"trigger.from_flow"},{"id":"go","type":"action.goto_flow","config":{"flow":"a"}}],"edges":[{"from":"in","to":"go"}]}`)
	if code, _, errs := runCLI("import", "flow", a, b, "--workspace", ws); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	if code, _, errs := runCLI("publish", "a", "--workspace", ws); code != 1 || !strings.Contains(errs, "[flow_loop]") {
		t.Errorf("publish of a cross-funnel loop: %d\n%s", code, errs)
	}
}
