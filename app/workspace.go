package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"flightplan/engine"
)

// Workspace is the window's workspace service: which file is open, the
// recent ones, a new or another one opened in its place, a copy, a copy
// for a client, and funnels packaged with what they need. Every method
// takes a path, so that the end-to-end tests (a browser, with no native
// dialog) reach them; the Choose methods are the native dialogs the
// window puts in front of them, and return the path chosen ("" when the
// person cancelled).
type Workspace struct{ *window }

// Current describes the open workspace and the recent ones.
func (w *Workspace) Current() engine.WorkspaceInfo { return w.eng.WorkspaceInfo() }

// PathFor is the file a workspace or copy named name gets in the open
// workspace's folder ("Acme" → …/Acme.flightplan). A name that holds a
// folder separator or is empty is refused.
func (w *Workspace) PathFor(name, ext string) (string, error) {
	name = strings.TrimSpace(name)
	if ext == "" {
		ext = engine.Ext
	}
	name = strings.TrimSuffix(name, ext)
	if name == "" {
		return "", errors.New("give it a name")
	}
	if strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", fmt.Errorf("%q: a name cannot hold / or \\", name)
	}
	folder := w.Current().Folder
	if folder == "" {
		return "", errors.New("the open workspace is on a database server: choose a folder")
	}
	return filepath.Join(folder, name+ext), nil
}

// New creates a workspace at path and opens it in place of this one.
func (w *Workspace) New(path string) (engine.WorkspaceInfo, error) { return w.switchTo(path, true) }

// Open opens the workspace at path in place of this one.
func (w *Workspace) Open(path string) (engine.WorkspaceInfo, error) { return w.switchTo(path, false) }

// switchTo opens another workspace and closes this one: the new one is
// opened first (a file that cannot be opened, or that another Flightplan
// holds, leaves everything as it was), then the running simulation is
// stopped and this engine closed — its scheduler and delivery finish
// their transaction and stop, so no step is lost and no email sent twice —
// and the new engine starts live if this one ran.
func (w *Workspace) switchTo(path string, create bool) (engine.WorkspaceInfo, error) {
	w.switchMu.Lock()
	defer w.switchMu.Unlock()
	next, err := w.eng.OpenWorkspace(path, create)
	if err != nil {
		return engine.WorkspaceInfo{}, err
	}
	old := w.eng
	old.CancelSimulation()
	w.eng = next
	if err := old.Close(); err != nil {
		// The new workspace is open; the old one's close failing (a full
		// disk) is worth saying, not worth going back.
		w.emit("workspace:warning", err.Error())
	}
	if w.live {
		next.StartLive()
	}
	_ = engine.NoteOpened(next.Store.Path, time.Now())
	w.setTitle()
	w.watchTeam()
	return w.Current(), nil
}

// SaveCopy writes a whole copy of the workspace to path (see
// engine.SaveCopy); the open workspace stays open.
func (w *Workspace) SaveCopy(path string) error {
	return w.eng.SaveCopy(context.Background(), path)
}

// ExportForClient writes a copy without secrets, and without contacts
// unless withContacts (see engine.ExportForClient).
func (w *Workspace) ExportForClient(path string, withContacts bool) error {
	return w.eng.ExportForClient(context.Background(), path, withContacts)
}

// PackageFunnel returns a funnel packaged with what it needs, as the text
// of a .flightplan-funnel file.
func (w *Workspace) PackageFunnel(flowID string) (string, error) {
	b, err := w.eng.PackageFunnel(context.Background(), flowID)
	return string(b), err
}

// ImportPackage reads a packaged funnel (the text of a .flightplan-funnel
// file named name) into the workspace and says what it brought and what
// it could not.
func (w *Workspace) ImportPackage(name, text string) (engine.PackageReport, error) {
	return w.eng.ImportPackage(context.Background(), name, text)
}

// ChooseOpen asks for a workspace file to open, with the native dialog.
func (w *Workspace) ChooseOpen() (string, error) {
	fr := w.lang() == "fr"
	return runtime.OpenFileDialog(w.ctx, runtime.OpenDialogOptions{
		Title:            pick(fr, "Open a workspace", "Ouvrir un espace de travail"),
		DefaultDirectory: w.Current().Folder,
		Filters:          []runtime.FileFilter{{DisplayName: pick(fr, "Flightplan workspaces", "Espaces de travail Flightplan") + " (*.flightplan)", Pattern: "*.flightplan"}},
	})
}

// ChooseSave asks where to write a file with the native dialog: kind is
// "new" (a new workspace), "copy", "client" (a copy for a client) or
// "package" (a packaged funnel), suggested the file name offered.
func (w *Workspace) ChooseSave(kind, suggested string) (string, error) {
	fr := w.lang() == "fr"
	title := map[string]string{
		"new":     pick(fr, "New workspace", "Nouvel espace de travail"),
		"copy":    pick(fr, "Save a copy as", "Enregistrer une copie sous"),
		"client":  pick(fr, "Export for a client", "Exporter pour un client"),
		"package": pick(fr, "Package the funnel", "Empaqueter le tunnel"),
	}[kind]
	if title == "" {
		return "", fmt.Errorf("unknown kind of file %q", kind)
	}
	ext, filter := engine.Ext, pick(fr, "Flightplan workspaces", "Espaces de travail Flightplan")
	if kind == "package" {
		ext, filter = engine.PackageExt, pick(fr, "Packaged funnels", "Tunnels empaquetés")
	}
	return runtime.SaveFileDialog(w.ctx, runtime.SaveDialogOptions{
		Title: title, DefaultDirectory: w.Current().Folder, DefaultFilename: suggested,
		CanCreateDirectories: true,
		Filters:              []runtime.FileFilter{{DisplayName: filter + " (*" + ext + ")", Pattern: "*" + ext}},
	})
}

// lang is the UI language.
func (w *window) lang() string {
	p, err := w.eng.Preferences(w.fallbackLang())
	if err != nil {
		return w.fallbackLang()
	}
	return p.Language
}

func pick(fr bool, en, frText string) string {
	if fr {
		return frText
	}
	return en
}

// Title is the window's title for a workspace: its name, then the app's.
func Title(path string) string { return engine.WorkspaceName(path) + " — Flightplan" }

// setTitle names the open workspace in the window's title.
func (w *window) setTitle() {
	if w.hasWindow() {
		runtime.WindowSetTitle(w.ctx, Title(w.eng.Store.Path))
	}
}

// hasWindow reports whether a Wails window is behind the context (not in
// tests).
func (w *window) hasWindow() bool { return w.ctx != nil && w.ctx.Value("events") != nil }
