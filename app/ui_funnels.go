package app

import (
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// ContactByEmail finds a contact's id from their email address (any case),
// so the canvas can explain a contact's path from the address a marketer
// knows rather than an internal number.
func (a *App) ContactByEmail(email string) (int64, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return 0, fmt.Errorf("type an email address")
	}
	var id int64
	err := a.eng.Store.ReadDB().QueryRowContext(a.ctx, `SELECT id FROM contacts WHERE email = ? COLLATE NOCASE`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("no contact has the email %q", email)
	}
	return id, err
}

// FlowLink is one "Go to another funnel" step: funnel From sends contacts
// to funnel To from its step Node.
type FlowLink struct {
	From string `json:"from"`
	Node string `json:"node"`
	To   string `json:"to"`
}

// FlowLinks lists every "Go to another funnel" step of the workspace's
// drafts, for the map of funnels. Damaged flows are skipped (the list shows
// their error).
func (a *App) FlowLinks() ([]FlowLink, error) {
	infos, err := a.eng.Store.ListFlows()
	if err != nil {
		return nil, err
	}
	out := []FlowLink{}
	for _, fi := range infos {
		if fi.Error != "" {
			continue
		}
		f, _, err := a.eng.Store.Flow(fi.ID)
		if err != nil {
			continue
		}
		for _, n := range f.Nodes {
			if n.Type != "action.goto_flow" {
				continue
			}
			if to, _ := n.Config["flow"].(string); to != "" {
				out = append(out, FlowLink{From: fi.ID, Node: n.ID, To: to})
			}
		}
	}
	return out, nil
}

// funnelFileFilters names the kinds of file the canvas exports.
var funnelFileFilters = map[string]runtime.FileFilter{
	".json": {DisplayName: "Funnel (*.flow.json)", Pattern: "*.json"},
	".png":  {DisplayName: "PNG image (*.png)", Pattern: "*.png"},
	".svg":  {DisplayName: "SVG image (*.svg)", Pattern: "*.svg"},
	".html": {DisplayName: "Web page (*.html)", Pattern: "*.html"},
}

// fileNameOnly keeps the last element of a suggested file name: the name
// comes from a funnel's name or id and must never be a path the save dialog
// starts from ("../../x").
func fileNameOnly(name, fallback string) string {
	base := filepath.Base(filepath.Clean("/" + filepath.ToSlash(name)))
	if base == "/" || base == "." || base == "" {
		return fallback
	}
	return base
}

// SaveFunnelFile asks where to save an export of the canvas (a .flow.json,
// a PNG or SVG picture, a printable page) and writes it there. Binary
// content comes base64-encoded. The desktop window ignores the download
// attribute of links, so files are saved from Go. It returns the path
// written, or "" when the user cancelled.
func (a *App) SaveFunnelFile(defaultName, content string, isBase64 bool) (string, error) {
	data := []byte(content)
	if isBase64 {
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(content))
		if err != nil {
			return "", fmt.Errorf("export %s: the file could not be prepared (%v)", defaultName, err)
		}
		data = b
	}
	defaultName = fileNameOnly(defaultName, "funnel")
	opts := runtime.SaveDialogOptions{DefaultFilename: defaultName}
	if f, ok := funnelFileFilters[strings.ToLower(filepath.Ext(defaultName))]; ok {
		opts.Filters = []runtime.FileFilter{f}
	}
	path, err := runtime.SaveFileDialog(a.ctx, opts)
	if err != nil || path == "" {
		return "", err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", fmt.Errorf("saving %s: %w", path, err)
	}
	return path, nil
}
