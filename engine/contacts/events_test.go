package contacts

import (
	"bufio"
	"reflect"
	"strings"
	"testing"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

func TestImportEvents(t *testing.T) {
	st := openStore(t)
	id, err := store.InsertContact(bg, st.DB(), &contact.Contact{Email: "jean.dupont@exemple.fr"}, now)
	if err != nil || id != 1 {
		t.Fatal(id, err)
	}
	res, err := ImportEvents(bg, st, fixture(t, "events.jsonl"), now)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(fixture(t, "events.jsonl"))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	want := []LineError{
		{Line: 4, Reason: `unknown contact "nobody@exemple.fr"`},
		{Line: 5, Reason: "time 2026-03-09T10:00:00Z is in the future (now 2026-03-02T09:00:00Z)"},
		{Line: 6, Reason: "no event type"},
		{Line: 7, Column: strings.Index(lines[6], ",,") + 2, Reason: "malformed JSON: invalid character ',' looking for beginning of object key string"},
		{Line: 8, Column: strings.Index(lines[7], `"timestamp"`) + 1, Reason: `unknown key "timestamp" (expected email or contact_id, type, data, at)`},
		{Line: 9, Reason: `event type "Page Visited": use lower-case letters, digits and _ (e.g. page_visited)`},
		{Line: 10, Reason: "unknown contact 999"},
		{Line: 12, Column: strings.Index(lines[11], `"oops"`) + len(`"oops"`) + 1, Reason: `"props" should be an object, not string`},
		{Line: 13, Column: len(lines[12]) + 1, Reason: "malformed JSON: the line ends before the object does"},
	}
	if !reflect.DeepEqual(res.Errors, want) {
		t.Errorf("errors:")
		for i := range max(len(res.Errors), len(want)) {
			var g, w LineError
			if i < len(res.Errors) {
				g = res.Errors[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("  got  %+v\n  want %+v", g, w)
			}
		}
	}
	if res.Lines != 14 || res.Imported != 4 || res.EmptyLines != 1 || res.Imported+res.EmptyLines+len(res.Errors) != res.Lines {
		t.Errorf("lines %d imported %d empty %d errors %d", res.Lines, res.Imported, res.EmptyLines, len(res.Errors))
	}
	rows, err := st.DB().Query(`SELECT id, contact_id, type, props, at FROM events WHERE processed=0 AND source='import' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		ev, err := store.ScanEvent(rows)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ev.Type+" "+ev.At.Format("2006-01-02T15:04")+" "+propsText(ev.Props))
	}
	wantEv := []string{
		"page_visited 2026-03-01T10:00 url=/pricing",
		"file_downloaded 2026-03-01T10:00 file=guide.pdf", // Unix milliseconds
		"purchase 2026-03-02T09:04 amount=49.9",           // 4 minutes ahead: within tolerance
		"email_opened 2026-03-01T09:00 ",                  // Unix seconds, contact id as a string
	}
	for i := range wantEv {
		wantEv[i] = strings.TrimSpace(wantEv[i])
	}
	for i := range got {
		got[i] = strings.TrimSpace(got[i])
	}
	if !reflect.DeepEqual(got, wantEv) {
		t.Errorf("stored %q", got)
	}
	for _, e := range res.Errors {
		if !strings.HasPrefix(e.Error(), "line ") {
			t.Errorf("error text %q", e.Error())
		}
	}
}

// An imported event is held to the intake's limits on its properties, so no
// stored row can break SQLite's JSON functions (they refuse nesting deeper
// than 1,000).
func TestImportEventsPropsLimits(t *testing.T) {
	st := openStore(t)
	if _, err := store.InsertContact(bg, st.DB(), &contact.Contact{Email: "ana@exemple.fr"}, now); err != nil {
		t.Fatal(err)
	}
	deep := strings.Repeat(`{"a":`, 1001) + "1" + strings.Repeat("}", 1001)
	in := `{"email":"ana@exemple.fr","type":"page_visited","props":` + deep + "}\n" +
		`{"email":"ana@exemple.fr","type":"page_visited","props":{"url":"/pricing"}}` + "\n"
	res, err := ImportEvents(bg, st, strings.NewReader(in), now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 1 || len(res.Errors) != 1 || res.Errors[0].Line != 1 || !strings.Contains(res.Errors[0].Reason, "props.a.a") || !strings.Contains(res.Errors[0].Reason, "nested deeper than 16 levels") {
		t.Fatalf("imported %d, errors %+v; want line 1 refused for its nesting", res.Imported, res.Errors)
	}
}
