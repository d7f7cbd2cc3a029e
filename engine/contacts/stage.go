package contacts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// ErrStageBackwards is returned (wrapped) when a stage change would move a
// contact back and the workspace does not allow it.
var ErrStageBackwards = errors.New("stages only move forward")

// SetStage moves a contact to a lifecycle stage (subscriber → lead → mql →
// sql → customer) and records a stage_changed event, unprocessed so flows
// react. Going back is refused unless the setting stage_backwards is
// "true": a customer does not silently become a lead again because an old
// form was re-submitted. Setting the current stage again does nothing.
func SetStage(ctx context.Context, q store.Querier, contactID int64, stage string, now time.Time) error {
	stage = strings.ToLower(strings.TrimSpace(stage))
	to := contact.StageRank(stage)
	if to < 0 {
		return fmt.Errorf("contact %d: unknown stage %q (%s)", contactID, stage, strings.Join(contact.Stages, ", "))
	}
	var old string
	err := store.With(q).QueryRow(ctx, "contact-stage", contactID).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("contact %d: %w", contactID, store.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("contact %d: %w", contactID, err)
	}
	if old == stage {
		return nil
	}
	if to < contact.StageRank(old) {
		back, err := setting(ctx, q, settings.StageBackwards)
		if err != nil {
			return err
		}
		if back != "true" {
			s, _ := settings.Lookup(settings.StageBackwards)
			return fmt.Errorf("contact %d: cannot go back from %q to %q: %w (allow it in %s: %q, or with `flightplan settings set %s true`)",
				contactID, old, stage, ErrStageBackwards, s.Where.En, s.Label.En, settings.StageBackwards)
		}
	}
	if _, err := store.With(q).Exec(ctx, "set-contact-stage", stage, store.MS(now), contactID); err != nil {
		return fmt.Errorf("contact %d: %w", contactID, err)
	}
	props, _ := json.Marshal(map[string]string{"old": old, "new": stage})
	if _, err := store.With(q).Exec(ctx, "insert-app-event",
		contactID, contact.EventStageChanged, string(props), store.MS(now), store.MS(now)); err != nil {
		return fmt.Errorf("contact %d: %w", contactID, err)
	}
	return nil
}
