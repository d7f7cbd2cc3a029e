package nodes

import (
	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

type (
	flow_Node       = flow.Node
	contact_Event   = contact.Event
	contact_Contact = contact.Contact
)

// AllSpecs returns every node type of the catalogue: the one visible list.
// Adding a node type means adding its spec (with its executor) to one of
// these groups and a test.
func AllSpecs() []Spec {
	var all []Spec
	all = append(all, triggerSpecs()...)
	all = append(all, conditionSpecs()...)
	all = append(all, splitSpecs()...)
	all = append(all, waitSpecs()...)
	all = append(all, actionSpecs()...)
	all = append(all, finishSpecs()...)
	return all
}

// RegisterAll builds the registry of every built-in node type.
func RegisterAll() (*Registry, error) { return NewRegistry(AllSpecs()...) }

// MustRegistry is RegisterAll for callers that treat a bad catalogue as a
// programming error (it is checked by tests).
func MustRegistry() *Registry {
	r, err := RegisterAll()
	if err != nil {
		panic(err)
	}
	return r
}
