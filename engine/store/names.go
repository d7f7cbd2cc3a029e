package store

import "fmt"

// Names are the workspace's named things, for pickers.
type Names struct {
	Lists, Tags, Fields, Templates, Scripts, Segments, Flows []string
}

// Names lists lists, tags, custom fields, templates, scripts, segments and flows.
func (s *Store) Names() (Names, error) {
	var n Names
	for _, q := range []struct {
		dst *[]string
		sql string
	}{
		{&n.Lists, `SELECT name FROM lists ORDER BY name COLLATE NOCASE`},
		{&n.Tags, `SELECT DISTINCT tag FROM contact_tags ORDER BY tag COLLATE NOCASE`},
		{&n.Fields, `SELECT name FROM field_defs ORDER BY name`},
		{&n.Templates, `SELECT id FROM templates ORDER BY id`},
		{&n.Scripts, `SELECT name FROM scripts ORDER BY name`},
		{&n.Segments, `SELECT id FROM segments ORDER BY id`},
		{&n.Flows, `SELECT id FROM flows ORDER BY id`},
	} {
		rows, err := s.r.Query(q.sql)
		if err != nil {
			return n, fmt.Errorf("names: %w", err)
		}
		*q.dst = []string{}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return n, err
			}
			*q.dst = append(*q.dst, v)
		}
		rows.Close()
	}
	return n, nil
}
