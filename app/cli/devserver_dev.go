//go:build dev

package cli

// Wails' dev server starts the window with these flags (see its
// internal/app/app_dev.go): in a dev build they must open the window, not
// a command.
func init() {
	DevServerFlags = []string{"assetdir", "devserver", "frontenddevserverurl", "loglevel"}
}
