package app

import (
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Menu is the window's menu bar: File, in the UI language. Each item
// sends "menu:file" to the page with what was asked ("new", "open",
// "recent" with a path, "copy", "client", "import"), and the page runs it
// as its own buttons do: one way to do each thing, whether asked from the
// menu or from the start screen.
func (s *Services) Menu() *menu.Menu {
	fr := s.w.lang() == "fr"
	send := func(action string, extra ...string) menu.Callback {
		return func(*menu.CallbackData) {
			p := map[string]string{"action": action}
			if len(extra) > 0 {
				p["path"] = extra[0]
			}
			if s.w.hasWindow() {
				runtime.EventsEmit(s.w.ctx, "menu:file", p)
			}
		}
	}
	m := menu.NewMenu()
	file := m.AddSubmenu(pick(fr, "File", "Fichier"))
	file.AddText(pick(fr, "New workspace…", "Nouvel espace de travail…"), keys.CmdOrCtrl("n"), send("new"))
	file.AddText(pick(fr, "Open workspace…", "Ouvrir un espace de travail…"), keys.CmdOrCtrl("o"), send("open"))
	recent := file.AddSubmenu(pick(fr, "Open recent", "Ouvrir un espace récent"))
	info := s.Workspace.Current()
	if len(info.Recent) == 0 {
		recent.AddText(pick(fr, "(none yet)", "(aucun pour l’instant)"), nil, nil).Disabled = true
	}
	for _, r := range info.Recent {
		if r.Missing {
			continue
		}
		recent.AddText(r.Name+" — "+r.Path, nil, send("recent", r.Path))
	}
	file.AddSeparator()
	file.AddText(pick(fr, "Save a copy as…", "Enregistrer une copie sous…"), keys.Combo("s", keys.CmdOrCtrlKey, keys.ShiftKey), send("copy"))
	file.AddText(pick(fr, "Export for a client…", "Exporter pour un client…"), nil, send("client"))
	file.AddText(pick(fr, "Import a packaged funnel…", "Importer un tunnel empaqueté…"), nil, send("import"))
	file.AddSeparator()
	file.AddText(pick(fr, "Quit", "Quitter"), keys.CmdOrCtrl("q"), func(*menu.CallbackData) {
		if s.w.hasWindow() {
			runtime.Quit(s.w.ctx)
		}
	})
	return m
}

// setMenu puts the menu (again) in the window: after a switch of
// workspace (the recent list changed) or of language.
func (s *Services) setMenu() {
	if s.w.hasWindow() {
		runtime.MenuSetApplicationMenu(s.w.ctx, s.Menu())
		runtime.MenuUpdateApplicationMenu(s.w.ctx)
	}
}
