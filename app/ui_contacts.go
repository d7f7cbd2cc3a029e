package app

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"flightplan/engine/contacts"
)

// The contacts screen reads CSV files in the browser as bytes and sends
// them base64-encoded: the engine detects the encoding (UTF-8, UTF-16,
// Windows-1252 line by line) from the bytes, which a browser's text
// decoding would already have mangled (a Latin-1 "é" read as UTF-8 is
// "\uFFFD" before Go ever sees it).

// decodeFile turns a base64 file body into its bytes, naming the problem
// in words a marketer can act on.
func decodeFile(b64 string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return nil, fmt.Errorf("import: the file could not be read (%v)", err)
	}
	return b, nil
}

// SniffCSVBytes is SniffCSV for a file sent as base64 bytes.
func (a *App) SniffCSVBytes(b64 string) (*contacts.FileInfo, error) {
	b, err := decodeFile(b64)
	if err != nil {
		return nil, err
	}
	return contacts.Sniff(a.ctx, a.eng.Store.ReadDB(), bytes.NewReader(b), contacts.ImportOptions{})
}

// ImportCSVBytes is ImportCSV for a file sent as base64 bytes; progress
// goes to the window as "import:progress" events ({done, total}).
func (a *App) ImportCSVBytes(b64 string, opts contacts.ImportOptions) (*contacts.ImportResult, error) {
	b, err := decodeFile(b64)
	if err != nil {
		return nil, err
	}
	opts.Progress = func(done, total int) { a.emit("import:progress", map[string]int{"done": done, "total": total}) }
	res, err := contacts.Import(a.ctx, a.eng.Store, bytes.NewReader(b), opts)
	a.eng.Poke()
	return res, err
}

// SaveTextFile asks where to save a text file (an export, the rejected
// rows of an import) and writes it there. The desktop window ignores the
// download attribute of links, so files are saved from Go. It returns the
// path written, or "" when the user cancelled.
func (a *App) SaveTextFile(defaultName, content string) (string, error) {
	path, err := runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{
		DefaultFilename: fileNameOnly(defaultName, "contacts.csv"),
		Filters:         []runtime.FileFilter{{DisplayName: "CSV (*.csv)", Pattern: "*.csv"}},
	})
	if err != nil || path == "" {
		return "", err
	}
	// Contacts are personal data: the file is the user's only.
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		return "", fmt.Errorf("saving %s: %w", path, err)
	}
	return path, nil
}
