package app

import (
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Menu is the window's menu bar: File, in the UI language of the moment
// the window opens. Each item sends "menu:file" to the page with what was
// asked ("new", "open", "copy", "client", "import"), and the page runs it
// as its own buttons do: one way to do each thing, whether asked from the
// menu or from the start screen.
//
// A language switch does not rebuild it: in Wails v2 (v2.16.0) on Linux,
// MenuUpdateApplicationMenu is no in-place update but the full
// SetApplicationMenu (internal/frontend/desktop/linux/menu.go), which
// empties the GTK signal-to-item map and builds a new menu bar that is
// never packed into the window; the next click on the visible bar then
// finds no item and crashes the app. So the menu takes the new language
// at the next start, and the Settings screen says so under the language
// choice while the two differ. A first start follows the system's locale
// (LANG=fr_CA.UTF-8: the window and the menu in French; SystemLanguage).
func (s *Services) Menu() *menu.Menu {
	lang := s.w.lang()
	fr := lang == "fr"
	// The window says, at a switch, that the menu follows at the next
	// start (GetSettings hands it this language).
	s.w.menuLang.Store(pick(fr, "en", "fr"))
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
	file.AddText(pick(fr, "Open a team workspace…", "Ouvrir un espace d’équipe…"), nil, send("team"))
	// The recent workspaces are listed in the Open dialog: the menu is
	// built once, at start (Wails on Linux loses the items of a menu set
	// again while the window runs, and a click on one then crashes it).
	file.AddText(pick(fr, "Open recent…", "Ouvrir un espace récent…"), nil, send("open"))
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
