package app

import (
	"flightplan/engine"
)

// References is the window's service for the names a step can point at:
// the inspector's pickers, and making a list, a teammate or an event type
// in place.
type References struct{ *window }

// GetLookups returns the pickers' choices.
func (r *References) GetLookups() (engine.Lookups, error) { return r.eng.Lookups() }

// References returns every named thing a step can point at, as it is now:
// the inspector's choosers ask again each time they open, so a new email or
// list shows without a restart.
func (r *References) References() (engine.References, error) { return r.eng.References(r.ctx) }

// CreateList makes an empty contact list (nothing happens if it exists)
// and returns its name as stored.
func (r *References) CreateList(name string) (string, error) { return r.eng.CreateList(r.ctx, name) }

// AddTeammate adds a teammate (a name and an email address) an "Alert a
// teammate" step can pick, and returns it as a choice (key: its id). A bad
// address is refused with the reason.
func (r *References) AddTeammate(name, email string) (engine.Reference, error) {
	t, err := r.eng.Store.AddTeammate(name, email)
	if err != nil {
		return engine.Reference{}, err
	}
	return engine.Reference{Key: t.ID, Name: t.Name, Detail: t.Email}, nil
}

// DeclareEventType adds an event type of the workspace's own by its name
// ("Demo booked" → demo_booked) so steps can use it before the first one
// arrives; it returns the stored type.
func (r *References) DeclareEventType(name string) (string, error) {
	return r.eng.DeclareEventType(name)
}
