package app

import (
	"strings"

	"flightplan/engine"
)

// Scripts is the window's service for Lua scripts: the workspace's and
// the library's, checked as typed, saved, tried and switched back on.
type Scripts struct{ *window }

// Scripts lists the workspace's scripts and the shipped library.
func (s *Scripts) Scripts() ([]engine.ScriptInfo, error) { return s.eng.Scripts(s.ctx) }

// SwitchScriptOn switches a script back on after it was switched off for
// failing again and again: its steps run it again.
func (s *Scripts) SwitchScriptOn(name string) error {
	return s.eng.SwitchScriptOn(strings.TrimSpace(name))
}

// CheckScript compiles a script as the user types.
func (s *Scripts) CheckScript(name, source string) []engine.ScriptDiagnostic {
	return s.eng.CheckScript(name, source)
}

// SaveScript stores a workspace script (a library script saved under its
// name becomes the workspace's own version).
func (s *Scripts) SaveScript(name, kind, source string) ([]engine.ScriptDiagnostic, error) {
	return s.eng.SaveScript(s.ctx, name, kind, source)
}

// TestScript runs a script against a contact (or a sample) and an event.
func (s *Scripts) TestScript(in engine.ScriptTestInput) (engine.ScriptTestResult, error) {
	return s.eng.TestScript(s.ctx, in)
}

// ScriptsReference returns the Lua API reference, for the script editor's
// side panel.
func (s *Scripts) ScriptsReference() string { return engine.ScriptsReference() }

// DeleteScript removes a workspace script. A library script edited in the
// workspace goes back to the library's version.
func (s *Scripts) DeleteScript(name string) error { return s.eng.DeleteScript(s.ctx, name) }
