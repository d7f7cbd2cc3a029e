package track

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
)

// FuzzIntakeJSON posts arbitrary bodies to /events. Whatever the body, the
// handler answers with a known status and a JSON body that accounts for
// every event, and only events within the limits (type, data depth and
// size, no system type) reach the intake. Seeds: testdata/fuzz/FuzzIntakeJSON.
func FuzzIntakeJSON(f *testing.F) {
	for _, s := range []string{
		`[{"type":"page_visited","email":"ana@example.com","data":{"url":"https://x.test/pricing"}}]`,
		`{"events":[{"type":"purchase","contact_id":3,"id":"o-1","data":{"total":49.9,"items":[{"sku":"A"}]}}]}`,
		`{"type":"form_submitted","email":"a@b.c","at":"2025-03-01T10:00:00Z"}`,
		`[{"type":"email_opened","contact_id":1}]`,
		`[{"type":"x","contact_id":1,"data":` + strings.Repeat(`{"a":`, 40) + "1" + strings.Repeat("}", 40) + `}]`,
		`[{"type":"x","contact_id":1,"data":{"a":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}}]`,
		`[1, "x", null, {}]`, `{"events":null}`, `[`, ``,
	} {
		f.Add([]byte(s))
	}
	in := &memIntake{}
	h, err := NewHandler(HandlerOptions{Signer: newSigner(f), Recorder: &memRecorder{}, Intake: in, IntakeToken: intakeToken})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		in.mu.Lock()
		in.got = in.got[:0]
		in.mu.Unlock()
		req := httptest.NewRequest("POST", "http://127.0.0.1/events", strings.NewReader(string(body)))
		req.Header.Set("Authorization", "Bearer "+intakeToken)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var r IntakeResponse
		var e struct{ Error string }
		switch rec.Code {
		case 200, 422:
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatalf("%d with a body that is not an IntakeResponse: %v", rec.Code, err)
			}
			items, err := splitBatch(body)
			if err != nil {
				t.Fatalf("%d for a body splitBatch refuses: %v", rec.Code, err)
			}
			if r.Accepted+r.Duplicates+len(r.Errors) != len(items) {
				t.Fatalf("%d events, answer accounts for %d accepted, %d duplicates, %d errors", len(items), r.Accepted, r.Duplicates, len(r.Errors))
			}
		case 400, 413:
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("%d without an error message: %q", rec.Code, rec.Body.String())
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
		// The one-pass decoder agrees with decoding event by event.
		if all, ok := decodeAll(body); ok {
			items, err := splitBatch(body)
			if err != nil || len(items) != len(all) {
				t.Fatalf("decodeAll: %d events; splitBatch: %d, %v", len(all), len(items), err)
			}
			for i, raw := range items {
				var e IntakeEvent
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.DisallowUnknownFields()
				err := dec.Decode(&e)
				one := all[i]
				// Times compare by instant: two parses of "+05:30" make two
				// equal zones that are not the same pointer.
				sameAt := e.At.Equal(one.At)
				e.At, one.At = time.Time{}, time.Time{}
				if err != nil || !sameAt || !reflect.DeepEqual(e, one) {
					t.Fatalf("event %d: one pass %+v, alone %+v (%v)", i, all[i], e, err)
				}
			}
		}
		for _, ev := range in.got {
			if !eventType.MatchString(ev.Type) || contact.IsSystemEvent(ev.Type) {
				t.Fatalf("event type %q reached the intake", ev.Type)
			}
			if err := contact.CheckProps(ev.Data); err != nil {
				t.Fatalf("data past the limits reached the intake: %v", err)
			}
			if raw, err := json.Marshal(ev.Data); err != nil || depth(raw) > contact.MaxPropsDepth {
				t.Fatalf("data reached the intake that stores badly: depth %d, %v", depth(raw), err)
			}
		}
	})
}

// depth is the deepest nesting of objects and arrays in valid JSON.
func depth(raw []byte) int {
	d, top, inStr, esc := 0, 0, false, false
	for _, c := range raw {
		switch {
		case esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{' || c == '[':
			d++
			top = max(top, d)
		case c == '}' || c == ']':
			d--
		}
	}
	return top
}
