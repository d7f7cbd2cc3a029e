package contacts

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// FutureTolerance is how far ahead of the import time an event may be
// dated: clocks of the machines that logged the events drift a little, but
// an event days ahead is a wrong date that would distort every "within the
// last N days" rule.
const FutureTolerance = 5 * time.Minute

// LineError is one line of an events file that was not imported.
type LineError struct {
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"` // for malformed JSON: where the parser stopped
	Reason string `json:"reason"`
}

// Error reads "line 7, column 58: malformed JSON: …".
func (e LineError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Reason)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// EventsResult accounts for every line of an events file:
// Lines = Imported + EmptyLines + len(Errors).
type EventsResult struct {
	Lines      int         `json:"lines"`
	Imported   int         `json:"imported"`
	EmptyLines int         `json:"empty_lines"`
	Errors     []LineError `json:"errors"`
	// OldPropsName counts the lines that named the properties "props",
	// the old name of "data" (the name POST /events uses), still taken.
	OldPropsName int `json:"old_props_name,omitempty"`
}

// eventLine is one line of an events file.
type eventLine struct {
	Email     string          `json:"email"`
	ContactID json.RawMessage `json:"contact_id"`
	Type      string          `json:"type"`
	Data      map[string]any  `json:"data"`
	Props     map[string]any  `json:"props"` // the old name of Data
	At        json.RawMessage `json:"at"`
}

var eventType = regexp.MustCompile(`^[a-z][a-z0-9_.:-]{0,63}$`)

// ImportEvents reads JSON Lines — one object per line: {"email" or
// "contact_id", "type", "data", "at"} ("props", the old name of "data", is
// still taken and counted in OldPropsName) — and stores the valid events,
// unprocessed, so flows and scoring see them. "at" is an RFC 3339 time, a
// date, or a Unix time in milliseconds (seconds when below 10^11); without
// it the event is dated now. A line that fails is reported with its number
// (and the column, for malformed JSON) and the others are kept: unknown
// contact, missing type, time more than FutureTolerance after now, unknown
// key. Writes are committed 1000 events at a time.
func ImportEvents(ctx context.Context, st *store.Store, r io.Reader, now time.Time) (*EventsResult, error) {
	res := &EventsResult{Errors: []LineError{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	ids := map[string]int64{} // email → id, "#id" → id (0 = unknown)
	tx, err := st.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { tx.Rollback() }()
	ins, err := tx.Prepare(ctx, "insert-import-event")
	if err != nil {
		return nil, err
	}
	pending := 0
	commit := func() error {
		ins.Close()
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("events: %w", err)
		}
		if tx, err = st.Begin(ctx); err != nil {
			return err
		}
		pending = 0
		ins, err = tx.Prepare(ctx, "insert-import-event")
		return err
	}
	defer func() { ins.Close() }()
	line := 0
	for sc.Scan() {
		line++
		res.Lines++
		raw := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
		}
		if len(raw) == 0 {
			res.EmptyLines++
			continue
		}
		fail := func(col int, format string, args ...any) {
			res.Errors = append(res.Errors, LineError{Line: line, Column: col, Reason: fmt.Sprintf(format, args...)})
		}
		var in eventLine
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			col, why := jsonProblem(raw, err)
			fail(col, "%s", why)
			continue
		}
		if dec.More() {
			fail(int(dec.InputOffset())+1, "malformed JSON: more than one value on the line")
			continue
		}
		typ := strings.TrimSpace(in.Type)
		if typ == "" {
			fail(0, "no event type")
			continue
		}
		if !eventType.MatchString(typ) {
			fail(0, "event type %q: use lower-case letters, digits and _ (e.g. page_visited)", typ)
			continue
		}
		at, err := parseAt(in.At, now)
		if err != nil {
			fail(0, "%v", err)
			continue
		}
		if at.After(now.Add(FutureTolerance)) {
			fail(0, "time %s is in the future (now %s)", at.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
			continue
		}
		id, why, err := lookupContact(ctx, tx, ids, in)
		if err != nil {
			return res, err
		}
		if why != "" {
			fail(0, "%s", why)
			continue
		}
		key := "data"
		if in.Props != nil {
			if in.Data != nil {
				fail(0, `give the properties as "data" only ("props" is its old name)`)
				continue
			}
			key, in.Data = "props", in.Props
			res.OldPropsName++
		}
		props := "{}"
		if len(in.Data) > 0 {
			// The intake's limits: every stored event stays readable by
			// SQLite's JSON functions (see contact.CheckProps).
			if err := contact.CheckProps(in.Data); err != nil {
				fail(0, "%s%s", key, strings.TrimPrefix(err.Error(), "data"))
				continue
			}
			b, err := json.Marshal(in.Data)
			if err != nil {
				fail(0, "properties: %v", err)
				continue
			}
			if len(b) > contact.MaxPropsBytes {
				fail(0, "%s: %d bytes, at most %d", key, len(b), contact.MaxPropsBytes)
				continue
			}
			props = string(b)
		}
		if _, err := ins.ExecContext(ctx, id, typ, props, store.MS(at), store.MS(now)); err != nil {
			return res, fmt.Errorf("events: line %d: %w", line, err)
		}
		res.Imported++
		pending++
		if pending >= 1000 {
			if err := commit(); err != nil {
				return res, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("events: after line %d: %w", line, err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("events: %w", err)
	}
	return res, nil
}

// jsonProblem turns a decoding error into a column (in characters, 1-based)
// and a reason.
func jsonProblem(raw []byte, err error) (int, string) {
	col := func(off int64) int {
		if off < 0 || int(off) > len(raw) {
			return 0
		}
		return utf8.RuneCount(raw[:off]) + 1
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		c := col(se.Offset - 1)
		return c, "malformed JSON: " + se.Error()
	case errors.As(err, &te):
		return col(te.Offset), fmt.Sprintf("%q should be %s, not %s", te.Field, kindOf(te.Type.Kind().String()), te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return utf8.RuneCount(raw) + 1, "malformed JSON: the line ends before the object does"
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "json: unknown field ") {
		key := strings.TrimPrefix(msg, "json: unknown field ")
		i := bytes.Index(raw, []byte(strings.Trim(key, `"`)))
		c := 0
		if i > 0 {
			c = utf8.RuneCount(raw[:i-1]) + 1
		}
		return c, fmt.Sprintf("unknown key %s (expected email or contact_id, type, data, at)", key)
	}
	return 0, "malformed JSON: " + msg
}

func kindOf(k string) string {
	switch k {
	case "map":
		return "an object"
	case "string":
		return "a string"
	}
	return "a " + k
}

// parseAt reads an event time.
func parseAt(raw json.RawMessage, now time.Time) (time.Time, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return now, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		s = strings.TrimSpace(s)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, fmt.Errorf("time %q: use RFC 3339 (2026-03-02T09:00:00Z), a date or Unix milliseconds", s)
	}
	var n float64
	if err := json.Unmarshal(raw, &n); err != nil || n < 0 || math.IsInf(n, 0) {
		return time.Time{}, fmt.Errorf("time %s: use RFC 3339 (2026-03-02T09:00:00Z), a date or Unix milliseconds", raw)
	}
	if n < 1e11 { // seconds: 10^11 s is the year 5138, 10^11 ms is 1973
		n *= 1000
	}
	return time.UnixMilli(int64(n)).UTC(), nil
}

func lookupContact(ctx context.Context, q store.Querier, cache map[string]int64, in eventLine) (int64, string, error) {
	if len(in.ContactID) > 0 && string(in.ContactID) != "null" {
		var id int64
		if err := json.Unmarshal(in.ContactID, &id); err != nil {
			var s string
			if json.Unmarshal(in.ContactID, &s) != nil {
				return 0, fmt.Sprintf("contact_id %s is not a number", in.ContactID), nil
			}
			if id, err = strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil {
				return 0, fmt.Sprintf("contact_id %q is not a number", s), nil
			}
		}
		key := "#" + strconv.FormatInt(id, 10)
		known, seen := cache[key]
		if !seen {
			var one int64
			err := store.With(q).QueryRow(ctx, "contact-exists", id).Scan(&one)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return 0, "", err
			}
			known = one
			cache[key] = known
		}
		if known == 0 {
			return 0, fmt.Sprintf("unknown contact %d", id), nil
		}
		return known, "", nil
	}
	email := strings.ToLower(CleanText(in.Email))
	if email == "" {
		return 0, "no contact: give email or contact_id", nil
	}
	id, seen := cache[email]
	if !seen {
		err := store.With(q).QueryRow(ctx, "contact-id-by-email", email).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, "", err
		}
		cache[email] = id
	}
	if id == 0 {
		return 0, fmt.Sprintf("unknown contact %q", email), nil
	}
	return id, "", nil
}
