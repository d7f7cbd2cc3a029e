package store

import (
	"context"
	"fmt"
)

// Names are the workspace's named things, for pickers.
type Names struct {
	Lists, Tags, Fields, Templates, Scripts, Segments, Flows []string
}

// Names lists lists, tags, custom fields, templates, scripts, segments and flows.
func (s *Store) Names() (Names, error) {
	var n Names
	for _, q := range []struct {
		dst   *[]string
		query string
	}{
		{&n.Lists, "names-lists"},
		{&n.Tags, "names-tags"},
		{&n.Fields, "names-fields"},
		{&n.Templates, "names-templates"},
		{&n.Scripts, "names-scripts"},
		{&n.Segments, "names-segments"},
		{&n.Flows, "names-flows"},
	} {
		rows, err := s.Query(context.Background(), q.query)
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
