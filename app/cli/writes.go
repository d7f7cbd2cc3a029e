package cli

// emails (list, import, export) and events send. Their human words are in
// the text structs, in one place, to translate.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"flightplan/engine/contacts"
	"flightplan/engine/mail"
)

var emailsText = struct {
	wrongArgs, none, imported, problem, noSubject string
}{
	wrongArgs: "emails: the arguments %q do not match its usage",
	none:      "no emails",
	imported:  "%s: imported email %q (%s)\n",
	problem:   "%s: %s line %d: %s: %s\n",
	noSubject: "%s: the email has no subject: give one with --subject, or in the JSON",
}

// emailSummary is one line of `emails list --json`.
type emailSummary struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Subject string `json:"subject"`
	// Body is "blocks" (made in the block editor) or "html" (Liquid HTML).
	Body string `json:"body"`
}

func emailsFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	id := fs.String("id", "", "import: the email's id (default: the JSON's id, else the file name without its extension)")
	name := fs.String("name", "", "import: the name people see (default: the JSON's name, else the id)")
	subject := fs.String("subject", "", "import: the subject line (Liquid), for an HTML file or to replace the JSON's")
	out := fs.String("out", "", "export: the file to write (default: stdout)")
	return func(c *ctx, args []string) int {
		switch {
		case len(args) == 1 && args[0] == "list":
			return emailsList(c)
		case len(args) >= 2 && args[0] == "import":
			if (*id != "" || *name != "") && len(args) > 2 {
				return c.fail("emails import: --id and --name name one email: import one file at a time with them")
			}
			return emailsImport(c, args[1:], *id, *name, *subject)
		case len(args) == 2 && args[0] == "export":
			return emailsExport(c, args[1], *out)
		}
		return c.usageErr("emails", emailsText.wrongArgs, args)
	}
}

func emailsList(c *ctx) int {
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	ts, err := eng.EmailTemplates()
	if err != nil {
		return c.fail("%v", err)
	}
	out := []emailSummary{}
	for _, t := range ts {
		body := "html"
		if len(t.Blocks) > 0 {
			body = "blocks"
		}
		out = append(out, emailSummary{ID: t.ID, Name: t.Name, Subject: t.Subject, Body: body})
	}
	if c.json {
		c.emit(out)
		return 0
	}
	if len(out) == 0 {
		fmt.Fprintln(c.stdout, emailsText.none)
	}
	for _, e := range out {
		fmt.Fprintf(c.stdout, "%-24s %-6s %s — %s\n", e.ID, e.Body, e.Name, e.Subject)
	}
	return 0
}

// readEmail reads an email file: a .json file is a whole email (the shape
// `emails export` writes: blocks or HTML, subject, name…); any other file
// is its Liquid HTML body.
func readEmail(path string) (mail.Template, error) {
	var t mail.Template
	data, err := os.ReadFile(path)
	if err != nil {
		return t, err
	}
	if strings.EqualFold(filepath.Ext(path), ".json") {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t); err != nil {
			return t, fmt.Errorf("%s: not an email's JSON: %v", path, err)
		}
		return t, nil
	}
	t.HTML = string(data)
	return t, nil
}

func emailsImport(c *ctx, files []string, id, name, subject string) int {
	eng, err := c.open("emails import")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	status := 0
	for _, path := range files {
		t, err := readEmail(path)
		if err != nil {
			status = c.fail("%v", err)
			continue
		}
		if id != "" {
			t.ID = id
		}
		if t.ID == "" {
			base := filepath.Base(path)
			t.ID = strings.TrimSuffix(base, filepath.Ext(base))
		}
		if name != "" {
			t.Name = name
		}
		if t.Name == "" {
			t.Name = t.ID
		}
		if subject != "" {
			t.Subject = subject
		}
		if strings.TrimSpace(t.Subject) == "" {
			status = c.fail(emailsText.noSubject, path)
			continue
		}
		probs, err := eng.SaveEmailTemplate(t)
		if err != nil {
			status = c.fail("%s: %v", path, err)
			continue
		}
		for _, p := range probs {
			fmt.Fprintf(c.stderr, emailsText.problem, path, p.Part, p.Line, p.Severity, p.Message)
			if p.Severity == "error" {
				status = 1
			}
		}
		if c.json {
			c.emit(map[string]any{"file": path, "id": t.ID, "name": t.Name, "problems": probs})
		} else {
			fmt.Fprintf(c.stdout, emailsText.imported, path, t.ID, t.Name)
		}
	}
	return status
}

func emailsExport(c *ctx, id, out string) int {
	eng, err := c.openToRead()
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	ts, err := eng.EmailTemplates()
	if err != nil {
		return c.fail("%v", err)
	}
	for _, t := range ts {
		if t.ID != id {
			continue
		}
		body, err := json.MarshalIndent(t, "", "  ")
		if err != nil {
			return c.fail("%v", err)
		}
		body = append(body, '\n')
		if out == "" {
			_, _ = c.stdout.Write(body)
			return 0
		}
		if err := os.WriteFile(out, body, 0o644); err != nil {
			return c.fail("%v", err)
		}
		return 0
	}
	return c.fail("emails export: email %q: no email with this id (see emails list)", id)
}

var eventsText = struct{ wrongArgs, deprecatedProps, sent string }{
	wrongArgs:       "events: the arguments %q do not match its usage",
	deprecatedProps: "flightplan: events send: --props is the old name of --data (as in POST /events): use --data",
	sent:            "event %q recorded for %s\n",
}

func eventsFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	data := fs.String("data", "", `the event's properties, a JSON object such as {"form":"newsletter"} (the name POST /events uses)`)
	props := fs.String("props", "", "the old name of --data, still accepted")
	at := fs.String("at", "", "when it happened (YYYY-MM-DD or RFC 3339; default now)")
	return func(c *ctx, args []string) int {
		if len(args) != 3 || args[0] != "send" {
			return c.usageErr("events", eventsText.wrongArgs, args)
		}
		if *props != "" {
			fmt.Fprintln(c.stderr, eventsText.deprecatedProps)
			if *data == "" {
				*data = *props
			}
		}
		return eventsSend(c, args[1], args[2], *data, *at)
	}
}

// eventsSend records one event through the same import as `import events`,
// so its checks (known contact, type, properties' size, time) are the same.
func eventsSend(c *ctx, who, typ, data, at string) int {
	line := map[string]any{"type": typ}
	if data != "" {
		var m map[string]any
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			return c.fail("events send: --data: not a JSON object: %v", err)
		}
		line["data"] = m
	}
	if at != "" {
		t, err := parseWhen("at", at)
		if err != nil {
			return c.fail("events send: %v", err)
		}
		line["at"] = t.Format("2006-01-02T15:04:05.000Z07:00")
	}
	eng, err := c.open("events send")
	if err != nil {
		return c.fail("%v", err)
	}
	defer eng.Close()
	id, err := contactRef(eng, who)
	if err != nil {
		return c.fail("events send: %v", err)
	}
	line["contact_id"] = id
	body, _ := json.Marshal(line)
	res, err := contacts.ImportEvents(c.ctxBG(), eng.Store, bytes.NewReader(body), eng.Clock.Now())
	if err != nil {
		return c.fail("events send: %v", err)
	}
	if len(res.Errors) > 0 {
		return c.fail("events send: %s", res.Errors[0].Reason)
	}
	if c.json {
		c.emit(map[string]any{"contact_id": id, "type": typ, "recorded": res.Imported})
		return 0
	}
	fmt.Fprintf(c.stdout, eventsText.sent, typ, who)
	return 0
}
