package contacts

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"flightplan/engine/store"
)

// Built-in value maps: each line is the canonical value, then its aliases,
// separated by "|". Lookups fold both sides (case, accents, punctuation), so
// "U.S.A.", "usa" and "USA" are one alias. Countries are canonical in
// English (ISO short names, the form most tools export); Canadian provinces
// and French regions in French, the language of most of the workspaces
// that hold them. Every entry can be overridden per workspace.
var builtinMaps = map[string]string{
	"country": `France|FR|FRA|République française
United States|US|USA|United States of America|États-Unis|États-Unis d'Amérique|É.-U.
Canada|CA|CAN
United Kingdom|GB|GBR|UK|Great Britain|Royaume-Uni|Grande-Bretagne|Angleterre|England|Scotland|Écosse|Wales
Belgium|BE|BEL|Belgique|België|Belgien
Switzerland|CH|CHE|Suisse|Schweiz|Svizzera
Luxembourg|LU|LUX
Monaco|MC|MCO
Germany|DE|DEU|Allemagne|Deutschland
Spain|ES|ESP|Espagne|España
Italy|IT|ITA|Italie|Italia
Portugal|PT|PRT
Netherlands|NL|NLD|Pays-Bas|Holland|Hollande|Nederland|The Netherlands
Ireland|IE|IRL|Irlande
Austria|AT|AUT|Autriche|Österreich
Denmark|DK|DNK|Danemark
Sweden|SE|SWE|Suède|Sverige
Norway|NO|NOR|Norvège|Norge
Finland|FI|FIN|Finlande|Suomi
Iceland|IS|ISL|Islande
Poland|PL|POL|Pologne|Polska
Czechia|CZ|CZE|Czech Republic|République tchèque|Tchéquie
Slovakia|SK|SVK|Slovaquie
Hungary|HU|HUN|Hongrie
Romania|RO|ROU|Roumanie
Bulgaria|BG|BGR|Bulgarie
Greece|GR|GRC|Grèce
Croatia|HR|HRV|Croatie
Slovenia|SI|SVN|Slovénie
Estonia|EE|EST|Estonie
Latvia|LV|LVA|Lettonie
Lithuania|LT|LTU|Lituanie
Ukraine|UA|UKR
Russia|RU|RUS|Russie|Russian Federation|Fédération de Russie
Turkey|TR|TUR|Turquie|Türkiye
Morocco|MA|MAR|Maroc
Algeria|DZ|DZA|Algérie
Tunisia|TN|TUN|Tunisie
Egypt|EG|EGY|Égypte
Senegal|SN|SEN
Côte d'Ivoire|CI|CIV|Ivory Coast
Cameroon|CM|CMR|Cameroun
Madagascar|MG|MDG
Mali|ML|MLI
Haiti|HT|HTI
Lebanon|LB|LBN|Liban
Israel|IL|ISR
United Arab Emirates|AE|ARE|UAE|Émirats arabes unis
Saudi Arabia|SA|SAU|Arabie saoudite
South Africa|ZA|ZAF|Afrique du Sud
Mexico|MX|MEX|Mexique
Brazil|BR|BRA|Brésil|Brasil
Argentina|AR|ARG|Argentine
Chile|CL|CHL|Chili
Colombia|CO|COL|Colombie
Peru|PE|PER|Pérou
China|CN|CHN|Chine
Japan|JP|JPN|Japon
South Korea|KR|KOR|Korea|Corée du Sud|Republic of Korea
India|IN|IND|Inde
Singapore|SG|SGP|Singapour
Vietnam|VN|VNM
Australia|AU|AUS|Australie
New Zealand|NZ|NZL|Nouvelle-Zélande`,

	RegionField: `Québec|QC|PQ|Province de Québec|Province of Quebec
Ontario|ON|ONT
Alberta|AB|ALTA
Colombie-Britannique|BC|CB|British Columbia
Manitoba|MB|MAN
Saskatchewan|SK|SASK
Nouvelle-Écosse|NS|NÉ|Nova Scotia
Nouveau-Brunswick|NB|New Brunswick
Île-du-Prince-Édouard|PE|PEI|ÎPÉ|Prince Edward Island
Terre-Neuve-et-Labrador|NL|TNL|Newfoundland and Labrador|Newfoundland|Terre-Neuve
Yukon|YT|YK
Territoires du Nord-Ouest|NT|TNO|Northwest Territories
Nunavut|NU
Auvergne-Rhône-Alpes|ARA
Bourgogne-Franche-Comté|BFC|Burgundy-Franche-Comté
Bretagne|BRE|BZH|Brittany
Centre-Val de Loire|CVL|Centre
Corse|COR|Corsica
Grand Est|GES
Hauts-de-France|HDF
Île-de-France|IDF|Paris Region|Région parisienne
Normandie|NOR|Normandy
Nouvelle-Aquitaine|NAQ
Occitanie|OCC|Occitania
Pays de la Loire|PDL
Provence-Alpes-Côte d'Azur|PACA|PAC|Région Sud|Provence
Guadeloupe|GP|971
Martinique|MQ|972
Guyane|GF|973|French Guiana|Guyane française
La Réunion|RE|974|Réunion
Mayotte|976`,
}

// aliasMap is field → folded alias → canonical value.
type aliasMap map[string]map[string]string

// valueMaps is the workspace's edits laid over the built-in maps, which
// are shared and never copied: compiling a segment for each runner step
// must not rebuild several hundred entries.
type valueMaps struct {
	edits aliasMap // value "" switches a built-in alias off
}

// builtins parses builtinMaps once.
var builtins = func() aliasMap {
	m := aliasMap{}
	for field, text := range builtinMaps {
		fm := map[string]string{}
		for _, line := range strings.Split(text, "\n") {
			parts := strings.Split(line, "|")
			canon := parts[0]
			for _, a := range parts {
				k := fold(a)
				if _, dup := fm[k]; dup {
					panic(fmt.Sprintf("value map %s: alias %q listed twice", field, a))
				}
				fm[k] = canon
			}
		}
		m[field] = fm
	}
	return m
}()

// loadValueMaps reads the workspace's edits of the value maps.
func loadValueMaps(ctx context.Context, q store.Querier) (valueMaps, error) {
	m := valueMaps{edits: aliasMap{}}
	rows, err := store.With(q).Query(ctx, "list-value-maps")
	if err != nil {
		return m, fmt.Errorf("value maps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f, a, v string
		if err := rows.Scan(&f, &a, &v); err != nil {
			return m, err
		}
		if m.edits[f] == nil {
			m.edits[f] = map[string]string{}
		}
		m.edits[f][a] = v
	}
	return m, rows.Err()
}

// has reports whether a field has a value map.
func (m valueMaps) has(field string) bool { return builtins[field] != nil || m.edits[field] != nil }

// apply returns the canonical spelling of a value, or the value itself when
// the map does not know it.
func (m valueMaps) apply(field, s string) string {
	if s == "" || !m.has(field) {
		return s
	}
	k := fold(s)
	if v, ok := m.edits[field][k]; ok {
		if v == "" {
			return s
		}
		return v
	}
	if v, ok := builtins[field][k]; ok {
		return v
	}
	return s
}

// ValueAlias is one entry of a clean-up value map: values folding to Alias
// are written as Value.
type ValueAlias struct {
	Field   string `json:"field"`
	Alias   string `json:"alias"` // folded: lower case, no accents, letters and digits
	Value   string `json:"value"` // "" when a built-in alias is switched off
	BuiltIn bool   `json:"built_in"`
	Edited  bool   `json:"edited"` // the workspace changed or added it
}

// ValueMap lists the effective entries of a field's value map, built-in and
// edited, sorted by value then alias, for the clean-up rules editor.
func ValueMap(ctx context.Context, q store.Querier, field string) ([]ValueAlias, error) {
	byAlias := map[string]*ValueAlias{}
	for a, v := range builtins[field] {
		byAlias[a] = &ValueAlias{Field: field, Alias: a, Value: v, BuiltIn: true}
	}
	rows, err := store.With(q).Query(ctx, "value-map-of-field", field)
	if err != nil {
		return nil, fmt.Errorf("value map %q: %w", field, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, v string
		if err := rows.Scan(&a, &v); err != nil {
			return nil, err
		}
		e := byAlias[a]
		if e == nil {
			e = &ValueAlias{Field: field, Alias: a}
			byAlias[a] = e
		}
		e.Value, e.Edited = v, true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]ValueAlias, 0, len(byAlias))
	for _, e := range byAlias {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Value != out[j].Value {
			return out[i].Value < out[j].Value
		}
		return out[i].Alias < out[j].Alias
	})
	return out, nil
}

// SetValueAlias makes values that fold like alias clean up to value in field
// (e.g. "Mtl" → "Montréal" for city). An empty value switches a built-in
// alias off.
func SetValueAlias(ctx context.Context, q store.Querier, field, alias, value string) error {
	k := fold(alias)
	if k == "" {
		return fmt.Errorf("value map %q: alias %q has no letters or digits", field, alias)
	}
	if field == "" || field == "email" {
		return fmt.Errorf("value map %q: this field cannot have a value map", field)
	}
	_, err := store.With(q).Exec(ctx, "set-value-alias", field, k, CleanText(value))
	if err != nil {
		return fmt.Errorf("value map %q: %w", field, err)
	}
	return nil
}

// ResetValueAlias drops the workspace's edit of an alias: a built-in alias
// comes back, an added one disappears.
func ResetValueAlias(ctx context.Context, q store.Querier, field, alias string) error {
	_, err := store.With(q).Exec(ctx, "reset-value-alias", field, fold(alias))
	if err != nil {
		return fmt.Errorf("value map %q: %w", field, err)
	}
	return nil
}
