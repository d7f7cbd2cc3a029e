package app

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"flightplan/engine"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/store"
	"flightplan/engine/templates"
)

// Funnels is the window's funnel service: the node catalogue, drafts,
// publishing, versions, the gallery, import and export, and the live
// numbers of a funnel.
type Funnels struct{ *window }

// Catalogue returns every node type's spec, in palette order.
func (f *Funnels) Catalogue() []nodes.Spec { return f.eng.Registry.Catalogue() }

// FieldTypes lists every config field type the inspector must render.
func (f *Funnels) FieldTypes() []nodes.FieldType { return nodes.FieldTypes }

// ListFlows lists the workspace's flows; damaged ones carry their error.
func (f *Funnels) ListFlows() ([]store.FlowInfo, error) { return f.eng.Store.ListFlows() }

// GetFlow opens a flow's draft with its problems.
func (f *Funnels) GetFlow(id string) (engine.FlowDoc, error) { return f.eng.FlowDoc(id) }

// ValidateFlow checks a flow without saving it.
func (f *Funnels) ValidateFlow(fl flow.Flow) []flow.Issue { return f.eng.FlowIssues(&fl) }

// SaveFlow stores a draft and returns it with its problems. Saving never
// refuses a draft with problems: only publishing does.
func (f *Funnels) SaveFlow(fl flow.Flow) (engine.FlowDoc, error) { return f.eng.SaveDraft(fl) }

// CreateFlow makes an empty flow with an id derived from its name.
func (f *Funnels) CreateFlow(name string) (engine.FlowDoc, error) { return f.eng.CreateFlow(name) }

// DeleteFlow removes a flow.
func (f *Funnels) DeleteFlow(id string) error { return f.eng.Store.DeleteFlow(id) }

// PublishFlow makes the draft live as a new version; refused while errors remain.
func (f *Funnels) PublishFlow(id string) (engine.FlowDoc, error) { return f.eng.PublishDraft(id) }

// Gallery lists the ready funnels in the UI language.
func (f *Funnels) Gallery() ([]templates.Template, error) { return f.eng.Gallery(SystemLanguage()) }

// CreateFromTemplate copies a gallery funnel (and its emails, when the
// workspace does not have them yet) into a new draft, in the UI language.
func (f *Funnels) CreateFromTemplate(id string) (engine.FlowDoc, error) {
	return f.eng.CreateFromTemplate(f.ctx, id, SystemLanguage())
}

// ExportFlow returns a flow as its .flow.json text.
func (f *Funnels) ExportFlow(id string) (string, error) { return f.eng.ExportFlow(id) }

// ImportFlow reads a .flow.json text (a syntax error says line and column)
// and stores it as a draft, renaming it if the id is taken.
func (f *Funnels) ImportFlow(name, text string) (engine.FlowDoc, error) {
	return f.eng.ImportFlow(name, text)
}

// Versions lists a flow's published versions.
func (f *Funnels) Versions(id string) ([]store.Version, error) { return f.eng.Store.Versions(id) }

// RestoreVersion makes a published version the current draft again.
func (f *Funnels) RestoreVersion(id string, version int) (engine.FlowDoc, error) {
	return f.eng.RestoreVersion(id, version)
}

// PublishImpact counts the contacts inside a flow now: they stay on their
// version when a new one is published.
func (f *Funnels) PublishImpact(id string) (engine.LiveImpact, error) {
	return f.eng.PublishImpact(f.ctx, id)
}

// FlowCounts returns the live numbers of a flow for the canvas.
func (f *Funnels) FlowCounts(id string) (runner.FlowCounts, error) {
	return f.eng.Runner.Counts(f.ctx, id)
}

// ContactPath explains a contact's way through a flow, step by step.
func (f *Funnels) ContactPath(contactID int64, flowID string) ([]runner.Step, error) {
	return f.eng.Path(f.ctx, contactID, flowID)
}

// FlowLinks lists every "Go to another funnel" step of the workspace's
// drafts, for the map of funnels.
func (f *Funnels) FlowLinks() ([]engine.FlowLink, error) { return f.eng.FlowLinks() }

// funnelFileFilters names the kinds of file the canvas exports.
var funnelFileFilters = map[string]runtime.FileFilter{
	".json":              {DisplayName: "Funnel (*.flow.json)", Pattern: "*.json"},
	".png":               {DisplayName: "PNG image (*.png)", Pattern: "*.png"},
	".svg":               {DisplayName: "SVG image (*.svg)", Pattern: "*.svg"},
	".html":              {DisplayName: "Web page (*.html)", Pattern: "*.html"},
	".flightplan-funnel": {DisplayName: "Packaged funnel (*.flightplan-funnel)", Pattern: "*.flightplan-funnel"},
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
func (f *Funnels) SaveFunnelFile(defaultName, content string, isBase64 bool) (string, error) {
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
	if ff, ok := funnelFileFilters[strings.ToLower(filepath.Ext(defaultName))]; ok {
		opts.Filters = []runtime.FileFilter{ff}
	}
	path, err := runtime.SaveFileDialog(f.ctx, opts)
	if err != nil || path == "" {
		return "", err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", fmt.Errorf("saving %s: %w", path, err)
	}
	return path, nil
}
