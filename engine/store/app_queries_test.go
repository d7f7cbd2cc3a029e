package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

// The statements the window's services use, on a real workspace file.
func TestWindowQueries(t *testing.T) {
	s, _ := open(t)
	ctx, now := context.Background(), time.Now()

	// Scripts: saved, replaced, listed by name, deleted once.
	for _, sc := range []ScriptRecord{{"zeta", "score", "return 1"}, {"alpha", "condition", "return true"}, {"zeta", "action", "return nil"}} {
		if err := s.SaveScript(ctx, sc.Name, sc.Kind, sc.Source, now); err != nil {
			t.Fatal(err)
		}
	}
	scs, err := s.Scripts(ctx)
	if err != nil || len(scs) != 2 || scs[0] != (ScriptRecord{"alpha", "condition", "return true"}) || scs[1] != (ScriptRecord{"zeta", "action", "return nil"}) {
		t.Fatalf("scripts: %+v %v", scs, err)
	}
	if found, err := s.DeleteScript(ctx, "zeta"); !found || err != nil {
		t.Errorf("delete zeta: %v %v", found, err)
	}
	if found, err := s.DeleteScript(ctx, "zeta"); found || err != nil {
		t.Errorf("delete zeta again: %v %v", found, err)
	}

	// Contacts: the first n by id, and found by address in any case.
	var ids []int64
	for _, email := range []string{"Ana@Example.com", "ben@example.com", "cy@example.com"} {
		id, err := InsertContact(ctx, s.DB(), &contact.Contact{Email: email}, now)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	first, err := s.FirstContacts(ctx, 2)
	if err != nil || len(first) != 2 || first[0].ID != ids[0] || first[1].ID != ids[1] {
		t.Fatalf("first contacts: %+v %v", first, err)
	}
	if id, err := s.ContactIDByEmail(ctx, "ana@EXAMPLE.com"); id != ids[0] || err != nil {
		t.Errorf("by email: %d %v", id, err)
	}
	if _, err := s.ContactIDByEmail(ctx, "nobody@example.com"); !errors.Is(err, ErrNoContact) {
		t.Errorf("unknown email: %v", err)
	}

	// Lists and tags with their sizes, by name; a list made twice is one.
	for _, name := range []string{"VIP", "customers", "vip"} {
		if _, err := s.CreateList(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.CreateList(ctx, "vip"); got != "VIP" || err != nil {
		t.Errorf("an existing list comes back as stored: %q %v", got, err)
	}
	if _, err := s.DB().Exec(`INSERT INTO list_members(list_id, contact_id, joined_at) SELECT id, ?, 0 FROM lists WHERE name='VIP'`, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`INSERT INTO contact_tags(contact_id, tag, added_at) VALUES(?, 'mql', 0), (?, 'mql', 0), (?, 'b2b', 0)`, ids[0], ids[1], ids[1]); err != nil {
		t.Fatal(err)
	}
	lists, err := s.ListSizes(ctx)
	if err != nil || len(lists) != 2 || lists[0] != (NameCount{"customers", 0}) || lists[1] != (NameCount{"VIP", 1}) {
		t.Errorf("lists: %+v %v", lists, err)
	}
	tags, err := s.TagSizes(ctx)
	if err != nil || len(tags) != 2 || tags[0] != (NameCount{"b2b", 1}) || tags[1] != (NameCount{"mql", 2}) {
		t.Errorf("tags: %+v %v", tags, err)
	}

	// Emails by name, then id.
	for _, tp := range [][2]string{{"z", "Welcome"}, {"a", "welcome"}, {"m", "Anniversary"}} {
		if err := s.SaveTemplate(tp[0], tp[1], `{}`, now); err != nil {
			t.Fatal(err)
		}
	}
	tpls, err := s.TemplatesByName(ctx)
	if err != nil || len(tpls) != 3 || tpls[0].ID != "m" || tpls[1].ID != "a" || tpls[2].ID != "z" {
		t.Errorf("templates: %+v %v", tpls, err)
	}

	// Journeys: inside a flow now, and on another version than published.
	f := flow.New("welcome", "Welcome")
	if err := s.SaveFlow(f, now); err != nil {
		t.Fatal(err)
	}
	if v, err := s.PublishedVersion(ctx, "welcome"); v != 0 || err != nil {
		t.Errorf("never published: %d %v", v, err)
	}
	for i := 0; i < 2; i++ {
		if _, err := s.Publish(f, "", now); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range []struct {
		version int
		status  string
	}{{1, "active"}, {1, "error"}, {2, "waiting"}, {1, "done"}} {
		if _, err := s.DB().Exec(`INSERT INTO enrollments(flow_id, version, contact_id, run, node, status, entered_at, updated_at) VALUES('welcome', ?, ?, 1, 'n', ?, 0, 0)`, e.version, ids[i%3], e.status); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.ActiveEnrollments(ctx, "welcome"); n != 2 || err != nil {
		t.Errorf("inside the flow (active or waiting): %d %v", n, err)
	}
	v, err := s.PublishedVersion(ctx, "welcome")
	if v != 2 || err != nil {
		t.Fatalf("published: %d %v", v, err)
	}
	if n, err := s.OnOtherVersions(ctx, "welcome", v); n != 2 || err != nil {
		t.Errorf("on an older version (active, waiting or failed): %d %v", n, err)
	}
}
