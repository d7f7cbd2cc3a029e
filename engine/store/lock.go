package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Holder says who has a workspace open for writing: what the lock file
// beside the workspace holds.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
}

// ErrLocked is matched (errors.Is) by the error of a workspace that another
// engine has open.
var ErrLocked = errors.New("workspace is in use")

// LockedError is returned when another process holds the workspace lock.
type LockedError struct {
	Path   string
	Holder Holder // zero when the holder had not written its name yet
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("workspace %s is open in another Flightplan: close it first", e.Path)
	}
	var who []string
	who = append(who, h.Command, fmt.Sprintf("pid %d", h.PID))
	if host, _ := os.Hostname(); h.Host != "" && h.Host != host {
		who = append(who, "on "+h.Host)
	}
	since := h.Since.Local()
	now := time.Now()
	if y, m, d := now.Date(); since.Year() == y && since.Month() == m && since.Day() == d {
		who = append(who, "since "+since.Format("15:04"))
	} else {
		who = append(who, "since "+since.Format("Jan 2 15:04"))
	}
	return fmt.Sprintf("this workspace is open in Flightplan (%s): close it there first (%s)", strings.Join(who, ", "), e.Path)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Lock is a held workspace lock; Release gives it up.
type Lock struct {
	f    *os.File
	path string
	pg   *pgLock // a PostgreSQL workspace's lock instead of a file
}

// LockPath is the lock file of a workspace.
func LockPath(workspace string) string { return workspace + ".lock" }

// LockWorkspace takes the workspace's write lock for this process, naming it
// by command ("window", "flightplan run", ...). Two engines writing one
// workspace would each run the same triggers and wake-ups, so a second one is
// refused with a *LockedError naming the first.
//
// The lock is an OS advisory lock (flock) on <workspace>.lock: it dies with
// its process, so a crash never leaves a workspace locked; the file itself
// only carries the holder's name for the message.
//
// A PostgreSQL workspace is locked with a session advisory lock held by a
// connection of its own (see lockPG): it dies with the connection; the
// engines of `flightplan run` hold it shared (SharedCommands).
func LockWorkspace(workspace, command string) (*Lock, error) {
	if IsURL(workspace) {
		return lockPG(workspace, command)
	}
	// One file reached through a symbolic link is one workspace: lock the
	// file the link leads to.
	path := LockPath(realPath(workspace))
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			if err := os.MkdirAll(dir, folderMode); err != nil {
				return nil, fmt.Errorf("workspace %s: %w", workspace, err)
			}
		}
	}
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, fileMode)
		if err != nil {
			return nil, fmt.Errorf("workspace %s: lock: %w", workspace, err)
		}
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("workspace %s: lock: %w", workspace, err)
		}
		if !held {
			var h Holder
			body, _ := os.ReadFile(path)
			_ = json.Unmarshal(body, &h)
			f.Close()
			return nil, &LockedError{Path: workspace, Holder: h}
		}
		// The holder before us may have removed the file between our open
		// and our lock: then we locked a file nobody else will ever see.
		// Lock the one at the path instead.
		if sameFile(f, path) {
			host, _ := os.Hostname()
			body, _ := json.Marshal(Holder{PID: os.Getpid(), Host: host, Command: command, Since: time.Now().UTC().Truncate(time.Second)})
			if err := f.Truncate(0); err == nil {
				_, err = f.WriteAt(append(body, '\n'), 0)
			}
			if err != nil {
				unlock(f)
				f.Close()
				return nil, fmt.Errorf("workspace %s: lock: %w", workspace, err)
			}
			return &Lock{f: f, path: path}, nil
		}
		unlock(f)
		f.Close()
		if attempt > 100 {
			return nil, fmt.Errorf("workspace %s: lock file %s keeps changing", workspace, path)
		}
	}
}

// realPath is the workspace's path with symbolic links resolved (its
// folder's, when the file does not exist yet), so that every way of naming
// one file locks one lock file.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(d, filepath.Base(p))
	}
	return p
}

func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// Release removes the lock file and gives up the lock. Removing it while
// still locked lets a waiting process notice (sameFile) and retry.
func (l *Lock) Release() error {
	if l != nil && l.pg != nil {
		err := l.pg.release()
		l.pg = nil
		return err
	}
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	unlock(l.f)
	err = errors.Join(err, l.f.Close())
	l.f = nil
	return err
}
