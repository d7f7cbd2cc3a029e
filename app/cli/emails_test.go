package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An email made in the block editor (here one of the gallery's) comes in
// from its JSON with its name; a bad file is refused naming the file and
// what is wrong, and a Liquid error is reported at its line.
func TestEmailsImportBlocksAndErrors(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws.flightplan")
	gallery, err := os.ReadFile("../../engine/templates/emails/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var emails []json.RawMessage
	if err := json.Unmarshal(gallery, &emails); err != nil {
		t.Fatal(err)
	}
	blocks := writeFile(t, dir, "offer.json", string(emails[0]))
	must(t, "emails", "import", blocks, "--workspace", ws)
	var list []emailSummary
	json.Unmarshal([]byte(must(t, "emails", "list", "--json", "--workspace", ws)), &list)
	if len(list) != 1 || list[0].ID != "ascension-offer" || list[0].Name != "Next-step offer" || list[0].Body != "blocks" {
		t.Fatalf("emails list: %+v", list)
	}
	if out := must(t, "emails", "list", "--workspace", ws); !strings.Contains(out, "ascension-offer") || !strings.Contains(out, "blocks") || !strings.Contains(out, "Next-step offer") {
		t.Errorf("emails list:\n%s", out)
	}

	for _, tc := range []struct {
		file, body string
		args       []string
		want       string
	}{
		{"typo.json", `{"id":"x","subjet":"Hi"}`, nil, `typo.json: not an email's JSON: json: unknown field "subjet"`},
		{"nosubject.html", "<p>Hi</p>", nil, "nosubject.html: the email has no subject"},
		{"broken.html", "<p>Hi</p>\n<p>{% if contact.first_name %}</p>\n", []string{"--subject", "Hi"}, "broken.html: html line 2"},
		{"missing.html", "", nil, "missing.html: no such file"},
	} {
		path := filepath.Join(dir, tc.file)
		if tc.file != "missing.html" {
			path = writeFile(t, dir, tc.file, tc.body)
		}
		code, _, errs := runCLI(append([]string{"emails", "import", path, "--workspace", ws}, tc.args...)...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("emails import %s: exit %d, want 1 with %q:\n%s", tc.file, code, tc.want, errs)
		}
	}
	code, _, errs := runCLI("emails", "import", blocks, blocks, "--id", "x", "--workspace", ws)
	if code != 1 || !strings.Contains(errs, "one file at a time") {
		t.Errorf("--id with two files: exit %d: %s", code, errs)
	}
}
