// Command flightplan opens the Flightplan desktop window (with no
// arguments, or only --workspace FILE), or runs one of its command-line
// subcommands (flightplan help lists them) without a display.
package main

import (
	"embed"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"flightplan/app"
	"flightplan/app/cli"
	"flightplan/engine"
	"flightplan/engine/store"
)

//go:embed all:frontend/dist
var assets embed.FS

// showPage opens a small window with one page (who has the workspace open,
// or why it could not be opened), for a person who launched Flightplan from
// a menu and sees no terminal.
func showPage(h http.Handler) {
	_ = wails.Run(&options.App{
		Title:            "Flightplan",
		Width:            600,
		Height:           280,
		DisableResize:    true,
		AssetServer:      &assetserver.Options{Handler: h},
		BackgroundColour: &options.RGBA{R: 248, G: 250, B: 252, A: 255},
	})
}

func main() {
	started := time.Now() // for the window benchmark (app/perf.go, probe builds)
	// Subcommands return before wails.Run: a desktop build panics in GTK
	// init without a display.
	workspace, window := cli.Window(os.Args[1:], cli.DevServerFlags...)
	if !window {
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	// --workspace, else $FLIGHTPLAN_WORKSPACE, else the last one used.
	// A team workspace last used whose password the keyring cannot give
	// is asked for as soon as the window shows (ask).
	workspace, ask := engine.ChooseStart(workspace)
	eng, err := engine.New(engine.Options{Workspace: workspace, Lock: "window", Keyring: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "flightplan:", err)
		var locked *store.LockedError
		if errors.As(err, &locked) {
			showPage(app.LockedHandler(locked))
		} else {
			showPage(app.PageHandler(app.OpenFailedPage(workspace, err, app.SystemLanguage())))
		}
		os.Exit(1)
	}
	_ = engine.NoteOpened(eng.Store.Path, time.Now())
	a := app.New(eng)
	a.AskAtStart(ask)
	a.MarkStart(started)
	err = wails.Run(&options.App{
		Title:            app.Title(eng.Store.Path),
		Menu:             a.Menu(),
		Width:            1280,
		Height:           800,
		MinWidth:         900,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 250, B: 252, A: 255},
		OnStartup:        a.Startup,
		OnShutdown:       a.Shutdown,
		OnDomReady:       a.DomReady,
		Bind:             a.Bind(),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "flightplan:", err)
		os.Exit(1)
	}
}
