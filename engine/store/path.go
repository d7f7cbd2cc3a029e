package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// fileURI turns a workspace path into the SQLite URI that opens exactly that
// file. The driver hands everything after "file:" to SQLite as a URI, where
// '?' starts the options, '#' a fragment and '%' an escape: a file named
// "Client #1" used to open "Client ", and "x?mode=memory" an in-memory
// database that silently kept nothing. Every byte other than unreserved
// characters and '/' is percent-encoded, so any name the user can type is
// taken literally. The path is made absolute first, so that a name starting
// with "//" cannot be read as a URI authority.
func fileURI(path string) (string, error) {
	if path == "" {
		return "", errors.New("no file name")
	}
	if strings.IndexByte(path, 0) >= 0 {
		return "", errors.New("the file name contains a NUL byte")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	abs = filepath.ToSlash(abs)
	var b strings.Builder
	b.WriteString("file:")
	if !strings.HasPrefix(abs, "/") {
		b.WriteByte('/') // a Windows drive path: file:/C:/...
	}
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(abs); i++ {
		c := abs[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		case c == ':' && i == 1:
			b.WriteByte(c) // keep a drive letter's colon readable
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String(), nil
}

// Workspace files hold contacts and secrets (the relay password, the intake
// token, the tracking key): only their owner may read them.
const (
	fileMode   = 0o600
	folderMode = 0o700
)

// prepareFile creates the workspace's folder (0700) and file (0600) before
// SQLite opens it — SQLite gives its -wal and -shm files the mode of the
// database file — and takes group and other access away from an existing
// workspace and its companions that were created readable by everyone.
func prepareFile(path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(dir, folderMode); err != nil {
				return err
			}
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return err
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		if st.Mode().Perm()&0o077 != 0 {
			// Best effort: a file of another user's stays as it is.
			_ = os.Chmod(p, st.Mode().Perm()&^0o077)
		}
	}
	return nil
}
