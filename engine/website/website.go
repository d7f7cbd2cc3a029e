// Package website keeps the sites a workspace tracks with its snippet and
// their anonymous visitors (issue #20). A visitor's events wait in
// visitor_events, with nothing personal, until the visitor becomes a
// contact (a form, a tracked email link); then they join the contact's
// events with their own times.
package website

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"flightplan/engine/store"
	"flightplan/engine/track"
)

// keyPrefix starts every site key, so one found in a page is recognisable
// (and is never mistaken for the secret intake token).
const keyPrefix = "fps_"

// ErrNoSite is returned for a site id that does not exist.
var ErrNoSite = errors.New("no such site")

// Error is a refusal said in both languages, for the window.
type Error struct{ EN, FR string }

func (e *Error) Error() string { return e.EN }

// In returns the text in lang ("fr" or anything else for English).
func (e *Error) In(lang string) string {
	if lang == "fr" {
		return e.FR
	}
	return e.EN
}

// CheckOrigin is track.NormalizeOrigin with its refusal in both languages.
func CheckOrigin(origin string) (string, error) {
	o, err := track.NormalizeOrigin(origin)
	if err == nil {
		return o, nil
	}
	v := strings.TrimSpace(origin)
	switch {
	case v == "":
		return "", &Error{"Write the site’s address, like https://www.example.com.", "Écrivez l’adresse du site, par exemple https://www.exemple.com."}
	case !strings.HasPrefix(strings.ToLower(v), "http://") && !strings.HasPrefix(strings.ToLower(v), "https://"):
		return "", &Error{fmt.Sprintf("“%s” must start with https:// (or http:// for a copy on this computer).", v),
			fmt.Sprintf("« %s » doit commencer par https:// (ou http:// pour une copie sur cet ordinateur).", v)}
	case strings.Contains(err.Error(), "without a page"):
		return "", &Error{fmt.Sprintf("“%s”: write the site’s address only, without a page after it.", v),
			fmt.Sprintf("« %s » : écrivez seulement l’adresse du site, sans page après.", v)}
	}
	return "", &Error{fmt.Sprintf("“%s” is not a web address: write it like https://www.example.com.", v),
		fmt.Sprintf("« %s » n’est pas une adresse web : écrivez-la comme https://www.exemple.com.", v)}
}

const siteCols = "id, origin, name, site_key, require_consent"

func scanSite(row interface{ Scan(...any) error }) (track.Site, error) {
	var s track.Site
	var consent int64
	err := row.Scan(&s.ID, &s.Origin, &s.Name, &s.Key, &consent)
	s.RequireConsent = consent != 0
	return s, err
}

// Sites lists the declared sites, oldest first.
func Sites(ctx context.Context, q store.Querier) ([]track.Site, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+siteCols+" FROM sites ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []track.Site{}
	for rows.Next() {
		s, err := scanSite(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Seen is what a site's snippet has recorded so far, for the marketer to
// see that it works.
type Seen struct {
	// Visitors counts the visitor ids seen on the site.
	Visitors int `json:"visitors"`
	// Last is the last time one of them was seen (zero: never).
	Last time.Time `json:"last,omitzero"`
}

// SeenBySite returns each site's Seen, by site id.
func SeenBySite(ctx context.Context, q store.Querier) (map[int64]Seen, error) {
	rows, err := q.QueryContext(ctx, "SELECT site_id, count(*), max(last_seen) FROM visitors GROUP BY site_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]Seen{}
	for rows.Next() {
		var id, last int64
		var n int
		if err := rows.Scan(&id, &n, &last); err != nil {
			return nil, err
		}
		out[id] = Seen{Visitors: n, Last: store.FromMS(last)}
	}
	return out, rows.Err()
}

// ByKey returns the site of a public key.
func ByKey(ctx context.Context, q store.Querier, key string) (track.Site, bool, error) {
	if !strings.HasPrefix(key, keyPrefix) || len(key) > 64 {
		return track.Site{}, false, nil
	}
	return one(q.QueryRowContext(ctx, "SELECT "+siteCols+" FROM sites WHERE site_key = ?", key))
}

// ByOrigin returns the site declared for an origin (already normalised).
func ByOrigin(ctx context.Context, q store.Querier, origin string) (track.Site, bool, error) {
	if origin == "" {
		return track.Site{}, false, nil
	}
	return one(q.QueryRowContext(ctx, "SELECT "+siteCols+" FROM sites WHERE origin = ?", origin))
}

func one(row *sql.Row) (track.Site, bool, error) {
	s, err := scanSite(row)
	if errors.Is(err, sql.ErrNoRows) {
		return track.Site{}, false, nil
	}
	return s, err == nil, err
}

// Add declares a site by its address and returns it with its new key. The
// address may be a loopback one (a consultant's local copy of the site).
func Add(ctx context.Context, q store.Querier, origin, name string) (track.Site, error) {
	o, err := CheckOrigin(origin)
	if err != nil {
		return track.Site{}, err
	}
	if _, ok, err := ByOrigin(ctx, q, o); err != nil {
		return track.Site{}, err
	} else if ok {
		return track.Site{}, &Error{fmt.Sprintf("The site %s is already in the list.", o), fmt.Sprintf("Le site %s est déjà dans la liste.", o)}
	}
	b := make([]byte, 12)
	rand.Read(b)
	key := keyPrefix + hex.EncodeToString(b)
	name = strings.TrimSpace(name)
	if _, err := q.ExecContext(ctx, "INSERT INTO sites (origin, name, site_key, require_consent, created_at) VALUES (?, ?, ?, 0, ?)",
		o, name, key, store.MS(time.Now())); err != nil {
		return track.Site{}, err
	}
	s, _, err := ByOrigin(ctx, q, o)
	return s, err
}

// SetConsent turns "record nothing until the visitor consents" on or off.
func SetConsent(ctx context.Context, q store.Querier, id int64, required bool) error {
	v := 0
	if required {
		v = 1
	}
	res, err := q.ExecContext(ctx, "UPDATE sites SET require_consent = ? WHERE id = ?", v, id)
	return affected(res, err, id)
}

// Remove forgets a site: its key stops working at once. Visitors already
// seen keep their history (a contact's visits stay theirs).
func Remove(ctx context.Context, q store.Querier, id int64) error {
	res, err := q.ExecContext(ctx, "DELETE FROM sites WHERE id = ?", id)
	return affected(res, err, id)
}

func affected(res sql.Result, err error, id int64) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("site %d: %w", id, ErrNoSite)
	}
	return nil
}

// Snippet is the tag to paste before </head> of every page of a site:
// base is the tracking server's public address (http://127.0.0.1:47800).
func Snippet(base string, s track.Site) string {
	consent := ""
	if s.RequireConsent {
		consent = ` data-consent="required"`
	}
	return `<script>window.flightplan=window.flightplan||function(){(flightplan.q=flightplan.q||[]).push(arguments)}</script>` + "\n" +
		`<script async src="` + strings.TrimRight(base, "/") + `/t/fp.js" data-site="` + s.Key + `"` + consent + `></script>`
}
