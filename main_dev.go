//go:build dev

package main

// Wails' dev server starts the window with these flags (see its
// internal/app/app_dev.go): they must open the window, not a command.
func init() {
	devServerFlags = []string{"assetdir", "devserver", "frontenddevserverurl", "loglevel"}
}
