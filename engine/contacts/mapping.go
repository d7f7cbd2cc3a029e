package contacts

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// TargetTags is the mapping target of a column of tags ("vip, salon 2024"):
// not a field, each value is added as a tag. Several columns may map to it.
const TargetTags = "tags"

// headerGuesses maps folded column names, English and French, to fields.
// Plain "name"/"nom" is the family name in French exports and usually a
// full name in English ones: "nom" is guessed, "name" is left to the user.
var headerGuesses = func() map[string]string {
	m := map[string]string{}
	for field, names := range map[string][]string{
		"email": {"email", "e-mail", "mail", "courriel", "adresse courriel", "adresse email", "adresse e-mail", "adresse mail",
			"adresse électronique", "email address", "e-mail address", "mail address", "mél", "emails", "courriel personnel"},
		"first_name": {"first name", "firstname", "first", "prénom", "given name", "forename", "prenom usuel"},
		"last_name":  {"last name", "lastname", "last", "nom", "nom de famille", "surname", "family name", "nom de naissance"},
		"company": {"company", "company name", "société", "entreprise", "organisation", "organization", "organisme",
			"employeur", "employer", "compagnie", "raison sociale", "account", "account name"},
		"job_title": {"job title", "jobtitle", "poste", "fonction", "position", "intitulé de poste", "intitulé du poste", "titre du poste", "role", "rôle"},
		"phone": {"phone", "phone number", "téléphone", "telephone", "tel", "tél", "numéro de téléphone", "mobile", "portable",
			"cellulaire", "cell", "cell phone", "mobile phone", "gsm", "work phone", "téléphone mobile"},
		"country":    {"country", "pays", "country name", "nation", "pays de résidence"},
		"city":       {"city", "ville", "town", "localité", "municipalité", "commune", "city name"},
		"timezone":   {"timezone", "time zone", "fuseau horaire", "fuseau", "tz"},
		"language":   {"language", "langue", "lang", "locale", "langue préférée", "preferred language"},
		"birth_date": {"date de naissance", "birth date", "birthdate", "date of birth", "dob", "birthday", "anniversaire", "naissance", "né le", "née le"},
		"owner":      {"owner", "contact owner", "account owner", "propriétaire", "responsable", "commercial", "sales rep", "représentant"},
		RegionField:  {"province", "région", "region", "state", "état", "state/province", "province/état", "province / état", "state or province"},
		TargetTags:   {"tags", "tag", "étiquettes", "étiquette", "labels", "mots-clés", "mots clés"},
	} {
		for _, n := range names {
			m[fold(n)] = field
		}
	}
	return m
}()

// GuessField proposes a target for a column header: a known English or
// French name, or the name or label of a custom field. "" means no guess.
func GuessField(header string, defs []FieldDef) string {
	k := fold(header)
	if f, ok := headerGuesses[k]; ok {
		return f
	}
	for _, d := range defs {
		if fold(d.Name) == k || fold(d.Label) == k {
			return d.Name
		}
	}
	return ""
}

// columnKeys names the columns as Mapping keys: the cleaned header, "Column
// N" for an empty one, and "Header (2)" for a repeated one.
func columnKeys(header []string) []string {
	keys := make([]string, len(header))
	seen := map[string]int{}
	for i, h := range header {
		h = CleanText(h)
		if h == "" {
			h = fmt.Sprintf("Column %d", i+1)
		}
		seen[h]++
		if seen[h] > 1 {
			h = fmt.Sprintf("%s (%d)", h, seen[h])
		}
		keys[i] = h
	}
	return keys
}

// LayoutHash identifies a file layout by its header row, so a mapping made
// once is offered again for the next export of the same shape. Case,
// accents and spacing of the headers do not change the hash.
func LayoutHash(header []string) string {
	h := sha256.New()
	for _, c := range header {
		h.Write([]byte(fold(c)))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// loadLayout returns the remembered mapping of a layout.
func loadLayout(ctx context.Context, q store.Querier, hash string) (map[string]string, error) {
	var raw string
	err := store.With(q).QueryRow(ctx, "get-import-layout", hash).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("import layout: %w", err)
	}
	m := map[string]string{}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, fmt.Errorf("import layout %s: damaged: %w", hash, err)
	}
	return m, nil
}

func saveLayout(ctx context.Context, q store.Querier, hash string, keys []string, mapping map[string]string, now time.Time) error {
	h, _ := json.Marshal(keys)
	m, _ := json.Marshal(mapping)
	_, err := store.With(q).Exec(ctx, "save-import-layout", hash, string(h), string(m), store.MS(now))
	if err != nil {
		return fmt.Errorf("import layout: %w", err)
	}
	return nil
}

// MappingSource says where a column's target came from.
type MappingSource string

// Mapping sources, in order of precedence.
const (
	SourceExplicit   MappingSource = "explicit"   // ImportOptions.Mapping
	SourceRemembered MappingSource = "remembered" // the last import of this layout
	SourceGuessed    MappingSource = "guessed"    // a known column name
	SourceNone       MappingSource = "none"       // ignored
)

// Column is one column of an imported file and where its values go.
type Column struct {
	Index  int           `json:"index"`
	Header string        `json:"header"` // the Mapping key: cleaned, made unique
	Field  string        `json:"field"`  // "" = ignored
	Source MappingSource `json:"source"`
	Sample string        `json:"sample"` // first non-empty value, for the mapping screen
}

// resolveMapping decides each column's target: explicit mapping, then the
// remembered layout, then a guess. It checks the targets and lists the
// custom fields that must be created. The columns come back even with an
// error, for the mapping screen to show next to it.
func resolveMapping(keys []string, explicit, remembered map[string]string, defs map[string]FieldDef, defList []FieldDef) ([]Column, []FieldDef, error) {
	cols := make([]Column, len(keys))
	for i, k := range keys {
		c := Column{Index: i, Header: k, Source: SourceNone}
		if v, ok := explicit[k]; ok {
			c.Field, c.Source = v, SourceExplicit
		} else if v, ok := remembered[k]; ok {
			c.Field, c.Source = v, SourceRemembered
		} else if g := GuessField(k, defList); g != "" {
			c.Field, c.Source = g, SourceGuessed
		}
		c.Field = strings.TrimSpace(c.Field)
		if c.Field == "-" {
			c.Field = "" // ignored, by choice: the source stays
		}
		cols[i] = c
	}
	for k := range explicit {
		found := false
		for _, key := range keys {
			found = found || key == k
		}
		if !found {
			return cols, nil, fmt.Errorf("mapping: the file has no column %q (columns: %s)", k, strings.Join(keys, ", "))
		}
	}
	var newDefs []FieldDef
	used := map[string]string{}
	for i := range cols {
		c := &cols[i]
		if c.Field == "" {
			continue
		}
		if c.Field != TargetTags {
			if prev, dup := used[c.Field]; dup {
				return cols, nil, fmt.Errorf("mapping: columns %q and %q both go to field %q", prev, c.Header, c.Field)
			}
			used[c.Field] = c.Header
		}
		switch {
		case c.Field == TargetTags, contact.IsIdentity(c.Field):
		case defs[c.Field].Name != "":
		default:
			def := FieldDef{Name: c.Field, Type: TypeText, Label: c.Header}
			if c.Field == RegionField {
				def.Label = "Region / Province"
			}
			if err := CheckDef(def); err != nil {
				return cols, nil, fmt.Errorf("mapping: column %q: %w", c.Header, err)
			}
			newDefs = append(newDefs, def)
		}
	}
	if used["email"] == "" {
		return cols, nil, fmt.Errorf("mapping: no column goes to the email address; map one to \"email\" (columns: %s)", strings.Join(keys, ", "))
	}
	return cols, newDefs, nil
}
