package contacts

import (
	"errors"
	"testing"

	"flightplan/engine/contact"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

func TestSetStage(t *testing.T) {
	st := openStore(t)
	db := st.DB()
	id, err := store.InsertContact(bg, db, &contact.Contact{Email: "a@x.fr"}, now)
	if err != nil {
		t.Fatal(err)
	}
	stage := func() string {
		c, _ := store.LoadContact(bg, db, id)
		return c.Stage
	}
	events := func() int {
		return countRows(t, st, `SELECT count(*) FROM events WHERE type='stage_changed' AND processed=0 AND contact_id=?`, id)
	}
	if err := SetStage(bg, db, id, "MQL", now); err != nil || stage() != "mql" || events() != 1 {
		t.Fatalf("forward: %v %s %d", err, stage(), events())
	}
	if n := countRows(t, st, `SELECT count(*) FROM events WHERE type='stage_changed' AND json_extract(props,'$.old')='subscriber' AND json_extract(props,'$.new')='mql'`); n != 1 {
		t.Error("event props")
	}
	if err := SetStage(bg, db, id, "mql", now); err != nil || events() != 1 {
		t.Errorf("same stage: %v, %d events", err, events())
	}
	err = SetStage(bg, db, id, "lead", now)
	// The refusal says where to allow it: the window's Settings and the command line.
	wantErr(t, err, `contact 1: cannot go back from "mql" to "lead"`, "Settings → Contacts", "Let a contact’s stage go back", "flightplan settings set stage_backwards true")
	if !errors.Is(err, ErrStageBackwards) || stage() != "mql" || events() != 1 {
		t.Errorf("backwards refused: %v %s %d", err, stage(), events())
	}
	if err := SetStage(bg, db, id, "customer", now); err != nil || stage() != "customer" {
		t.Errorf("skip ahead: %v", err)
	}
	if err := settings.Set(st, map[string]string{settings.StageBackwards: "on"}); err != nil {
		t.Fatal(err)
	}
	if err := SetStage(bg, db, id, "lead", now); err != nil || stage() != "lead" || events() != 3 {
		t.Errorf("backwards allowed: %v %s %d", err, stage(), events())
	}
	wantErr(t, SetStage(bg, db, id, "prospect", now), `unknown stage "prospect"`)
	if err := SetStage(bg, db, 99, "lead", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing contact: %v", err)
	}
}
