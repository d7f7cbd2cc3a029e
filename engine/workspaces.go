package engine

// Workspaces as files a consultant handles: the one to open at start, the
// recent ones, another one opened in place of this one, a copy saved
// under another name, and a copy for a client without secrets (and, by
// choice, without contacts).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// Ext is a workspace file's extension.
const Ext = ".flightplan"

// RecentWorkspace is a workspace opened before.
type RecentWorkspace struct {
	Path string `json:"path"`
	// Name is the file name without its extension, as the window's title
	// shows it.
	Name     string    `json:"name"`
	OpenedAt time.Time `json:"opened_at"`
	// Missing is true when the file is not there any more (moved, deleted).
	Missing bool `json:"missing"`
	// Team is true for a workspace on a database server; Host and
	// Database then say where (Path is its address without a password).
	Team     bool   `json:"team"`
	Host     string `json:"host,omitempty"`
	Database string `json:"database,omitempty"`
}

// WorkspaceInfo is the open workspace and the recent ones.
type WorkspaceInfo struct {
	Path string `json:"path"`
	// Name is the file name without its extension: the window's title.
	Name string `json:"name"`
	// Folder is where a new workspace or a copy goes unless another place
	// is chosen: the open workspace's folder ("" on a database server).
	Folder string `json:"folder"`
	// Recent are the workspaces opened before, the open one left out.
	Recent []RecentWorkspace `json:"recent"`
	// Team is true for a workspace on a database server (Path is then its
	// address without the password), with its Host and Database.
	Team     bool   `json:"team"`
	Host     string `json:"host,omitempty"`
	Database string `json:"database,omitempty"`
}

// WorkspaceInfo describes the open workspace and the recent ones.
func (e *Engine) WorkspaceInfo() WorkspaceInfo {
	p := store.StripPassword(e.Store.Path)
	info := WorkspaceInfo{Path: p, Name: WorkspaceName(p), Recent: []RecentWorkspace{}}
	if store.IsURL(p) {
		info.Team = true
		info.Host, info.Database = teamPlace(p)
	} else {
		if abs, err := filepath.Abs(p); err == nil {
			info.Path = abs
		}
		info.Folder = filepath.Dir(info.Path)
	}
	for _, r := range RecentWorkspaces() {
		if r.Path != info.Path {
			info.Recent = append(info.Recent, r)
		}
	}
	return info
}

// maxRecent is how many workspaces the recent list keeps.
const maxRecent = 10

// WorkspaceName is how a workspace is named to its user: its file name
// without the extension; for one on a database server, the database and
// the server ("acme (db.example.com)"), never the password.
func WorkspaceName(path string) string {
	if store.IsURL(path) {
		host, db := teamPlace(path)
		return db + " (" + host + ")"
	}
	return strings.TrimSuffix(filepath.Base(path), Ext)
}

// RecentFile is where the list of recent workspaces is kept: beside the
// default workspace (so a $FLIGHTPLAN_WORKSPACE set for a test keeps its
// own list).
func RecentFile() string {
	return filepath.Join(filepath.Dir(DefaultWorkspace()), "recent.json")
}

// RecentWorkspaces lists the workspaces opened before, the last one first.
func RecentWorkspaces() []RecentWorkspace {
	b, err := os.ReadFile(RecentFile())
	if err != nil {
		return []RecentWorkspace{}
	}
	var list []RecentWorkspace
	if json.Unmarshal(b, &list) != nil {
		return []RecentWorkspace{}
	}
	for i := range list {
		// A list written before team workspaces kept their password out
		// of it is cleaned as it is read.
		list[i].Path = store.StripPassword(list[i].Path)
		list[i].Name = WorkspaceName(list[i].Path)
		if store.IsURL(list[i].Path) {
			list[i].Team = true
			list[i].Host, list[i].Database = teamPlace(list[i].Path)
		} else {
			_, err := os.Stat(list[i].Path)
			list[i].Missing = errors.Is(err, os.ErrNotExist)
		}
	}
	return list
}

// NoteOpened puts a workspace first in the recent list. A team
// workspace's address goes in without its password (that one is in the
// keyring, when the person asked to remember it).
func NoteOpened(path string, now time.Time) error {
	path = store.StripPassword(path)
	if abs, err := filepath.Abs(path); err == nil && !store.IsURL(path) {
		path = abs
	}
	list := RecentWorkspaces()
	list = slices.DeleteFunc(list, func(r RecentWorkspace) bool { return r.Path == path })
	list = append([]RecentWorkspace{{Path: path, OpenedAt: now.UTC()}}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	file := RecentFile()
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	tmp := file + ".part"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

// StartWorkspace is the workspace the window opens: the one named on the
// command line, else $FLIGHTPLAN_WORKSPACE, else the last one used that
// is still there, else the default one (see ChooseStart).
func StartWorkspace(flag string) string {
	ws, _ := ChooseStart(flag)
	return ws
}

// StartAsk is a team workspace, the last one used, that the window cannot
// open at start-up without asking: its password could not be read from
// the keyring. The window opens the last file instead and asks for the
// password at once, saying why.
type StartAsk struct {
	// Workspace is the team workspace's address, without its password.
	Workspace string
	// Keyring says why: "missing" (no keyring on this computer, or it is
	// locked or does not answer) or "not-remembered" (it holds no
	// password for this workspace).
	Keyring string
}

// ChooseStart is the workspace the window opens: the one named on the
// command line, else $FLIGHTPLAN_WORKSPACE, else the last one used that
// is still there, else the default one. A team workspace last used opens
// with the password the keyring remembers; when the keyring holds none or
// cannot be asked, the last file opens instead, the team workspace stays
// in the recent list, and ask (nil otherwise) says which one to ask the
// password for, and why.
func ChooseStart(flag string) (ws string, ask *StartAsk) {
	if flag != "" {
		return flag, nil
	}
	if p := os.Getenv("FLIGHTPLAN_WORKSPACE"); p != "" {
		return p, nil
	}
	for _, r := range RecentWorkspaces() {
		if r.Missing {
			continue
		}
		if r.Team {
			pw, err := store.TeamPassword(r.Path)
			if err != nil {
				if ask == nil {
					why := "missing"
					if errors.Is(err, store.ErrNotRemembered) {
						why = "not-remembered"
					}
					ask = &StartAsk{Workspace: store.StripPassword(r.Path), Keyring: why}
				}
				continue
			}
			return store.WithPassword(r.Path, pw), ask
		}
		return r.Path, ask
	}
	return DefaultWorkspace(), ask
}

// OpenWorkspace opens another workspace with this engine's options (its
// lock's name, the keyring): the window opens it before closing its own,
// so that a workspace that cannot be opened leaves the current one as it
// was. create allows a new file; without it a path that does not exist is
// refused.
func (e *Engine) OpenWorkspace(path string, create bool) (*Engine, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return nil, errors.New("name the workspace file")
	}
	if !store.IsURL(path) {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		_, err := os.Stat(path)
		switch {
		case create && err == nil:
			return nil, fmt.Errorf("%s already exists: open it, or choose another name", path)
		case !create && errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("there is no workspace at %s", path)
		}
	}
	if samePath(path, e.Store.Path) {
		return nil, fmt.Errorf("%s is the workspace already open", store.StripPassword(path))
	}
	o := e.opts
	o.Workspace = path
	return New(o)
}

func samePath(a, b string) bool {
	a, b = store.StripPassword(a), store.StripPassword(b)
	if a == b {
		return true
	}
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}

// SaveCopy writes a copy of the workspace to path, funnels, emails,
// contacts, history and settings, while the engine runs. The copy is a
// workspace of its own: its secrets are copied, into the keyring under
// its own name when the keyring is in use, so that changing the intake
// token of one never changes the other's. A file already at path is
// replaced, unless it is open in Flightplan.
func (e *Engine) SaveCopy(ctx context.Context, path string) error {
	return e.writeCopy(ctx, path, func(cp *store.Store) error {
		if e.Store.KeyringInUse() {
			cp.UseKeyring()
		}
		secrets := map[string]string{}
		for key := range settings.SecretFields() {
			v, err := e.Store.Setting(key)
			if err != nil {
				return err
			}
			secrets[key] = v
		}
		if err := cp.NewIdentity(ctx); err != nil {
			return err
		}
		for key, v := range secrets {
			if v == "" {
				continue
			}
			if err := cp.SetSetting(key, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// ExportForClient writes a copy of the workspace for a client to path:
// without the relay password, the intake token or the tracking key, and
// without contacts and their history unless withContacts. The file is
// compacted, so nothing removed lingers in it. A file already at path is
// replaced, unless it is open in Flightplan.
func (e *Engine) ExportForClient(ctx context.Context, path string, withContacts bool) error {
	return e.writeCopy(ctx, path, func(cp *store.Store) error {
		if err := cp.ForgetSecrets(ctx); err != nil {
			return err
		}
		if err := cp.NewIdentity(ctx); err != nil {
			return err
		}
		if !withContacts {
			if err := cp.ForgetContacts(ctx); err != nil {
				return err
			}
		}
		return cp.Compact(ctx)
	})
}

// writeCopy copies the workspace to a file beside path, lets edit change
// the copy, and puts it in path's place.
func (e *Engine) writeCopy(ctx context.Context, path string, edit func(cp *store.Store) error) error {
	path = strings.TrimSpace(path)
	if path == "" {
		return errors.New("name the file to write")
	}
	if store.IsURL(path) {
		return errors.New("a copy is written to a file, not to a database server")
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if samePath(path, e.Store.Path) {
		return fmt.Errorf("%s is the workspace open now: choose another name for the copy", path)
	}
	if _, err := os.Stat(path); err == nil {
		// Replacing a workspace another window has open would pull it
		// from under that engine.
		lock, err := store.LockWorkspace(path, "copy")
		if err != nil {
			return err
		}
		defer lock.Release()
	}
	tmp := path + ".part"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(f)
	}
	if err := e.Store.CopyTo(ctx, tmp); err != nil {
		return err
	}
	cp, err := store.Open(tmp)
	if err == nil {
		err = edit(cp)
		err = errors.Join(err, cp.Close())
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	for _, f := range []string{path + "-wal", path + "-shm"} {
		os.Remove(f) // the journal of a replaced workspace must not apply to the copy
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
