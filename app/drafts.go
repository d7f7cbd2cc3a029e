package app

import (
	"flightplan/engine"
	"flightplan/engine/flow"
	"flightplan/engine/store"
)

// SaveDraft saves a funnel's draft on the version the window loaded
// (FlowInfo.DraftVersion), signed with this computer's person's name. When
// someone saved since, nothing is written and the answer's Conflict says
// who and when; the window then offers to load their version or to keep
// its own (a save on their version, base = Conflict.Version). A base below
// 0 replaces whatever is stored.
func (f *Funnels) SaveDraft(fl flow.Flow, base int) (engine.DraftSave, error) {
	return f.eng.SaveDraftOn(fl, base, engine.PersonName())
}

// DraftStamp says which save of a funnel's draft is stored (its number,
// who, when): a window on a team workspace asks every few seconds, to see
// others' saves of the funnel it shows.
func (f *Funnels) DraftStamp(id string) (store.DraftStamp, error) { return f.eng.Store.DraftStamp(id) }

// Person is the name this computer's saves are signed with: the one set in
// Settings ("" when none) and the system account's (see engine.PersonName).
func (p *Preferences) Person() engine.Person { return engine.ThisPerson() }

// SetPersonName sets the name saves are signed with on this computer; ""
// goes back to the system account's name.
func (p *Preferences) SetPersonName(name string) error { return engine.SetPersonName(name) }
