package settings

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Querier runs the store's named queries: the store itself, one of its
// transactions, or store.With(q) over any connection.
type Querier interface {
	Query(ctx context.Context, name string, args ...any) (*sql.Rows, error)
}

// Values is a snapshot of the workspace settings, read in one query, with
// typed getters. Secrets are not in it (the table holds a placeholder for
// one kept in the keyring): read them with Get.
type Values struct {
	m map[string]string
}

// Load reads every setting in one query. The engine reads settings through
// it (once per batch for the sending rules), so a transaction sees the
// settings as of its start.
func Load(ctx context.Context, q Querier) (Values, error) {
	v := Values{m: map[string]string{}}
	rows, err := q.Query(ctx, "all-settings")
	if err != nil {
		return v, fmt.Errorf("settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, val string
		if err := rows.Scan(&k, &val); err != nil {
			return v, fmt.Errorf("settings: %w", err)
		}
		if s, ok := byKey[k]; ok && !s.Secret {
			v.m[k] = val
		}
	}
	return v, rows.Err()
}

// Of builds a snapshot from values by key (tests, simulations).
func Of(m map[string]string) Values {
	v := Values{m: map[string]string{}}
	for k, val := range m {
		v.m[k] = val
	}
	return v
}

// String returns a setting as stored, or its default when unset.
func (v Values) String(key string) string {
	if s, ok := v.m[key]; ok && s != "" {
		return s
	}
	if s, ok := byKey[key]; ok {
		return s.Default
	}
	return ""
}

// Number returns a numeric setting, or an error naming the setting when
// the stored value is not a number.
func (v Values) Number(key string) (float64, error) {
	raw := strings.TrimSpace(v.String(key))
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return 0, fmt.Errorf("setting %s: %q is not a number", key, raw)
	}
	return n, nil
}

// lenient reads a number the way the engine always has: a value that is
// not a number counts as 0 rather than stopping the engine.
func (v Values) lenient(key string) float64 {
	n, _ := strconv.ParseFloat(v.String(key), 64)
	return n
}

// Bool returns a yes/no setting: only "true" is yes.
func (v Values) Bool(key string) bool { return v.String(key) == "true" }

// CapPerDay is the most marketing emails a contact gets in a day (0: no cap).
func (v Values) CapPerDay() int { return int(v.lenient(CapPerDay)) }

// CapPerWeek is the most marketing emails a contact gets in a week (0: no cap).
func (v Values) CapPerWeek() int { return int(v.lenient(CapPerWeek)) }

// QuietHours are the start and end of the quiet hours, like "21:00" and
// "08:00" in the contact's timezone ("" when there are none).
func (v Values) QuietHours() (from, to string) { return v.String(QuietFrom), v.String(QuietTo) }

// Bands are the scores from which a contact is warm and hot (30 and 60
// unless set); a value that is not a number counts as 0, as the runner has
// always read it. BandsStrict says so instead.
func (v Values) Bands() (warm, hot float64) {
	return v.lenient(TemperatureWarm), v.lenient(TemperatureHot)
}

// BandsStrict is Bands with an error naming the setting whose value is
// not a number.
func (v Values) BandsStrict() (warm, hot float64, err error) {
	if warm, err = v.Number(TemperatureWarm); err != nil {
		return 0, 0, err
	}
	hot, err = v.Number(TemperatureHot)
	return warm, hot, err
}

// StageBackwards reports whether a contact's stage may go back.
func (v Values) StageBackwards() bool { return v.Bool(StageBackwards) }

// From is the sender of every email, as written ("Name <address>").
func (v Values) From() string { return v.String(From) }
