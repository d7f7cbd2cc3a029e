package engine

// Team workspaces as the window handles them: an address typed in parts
// (server, port, database, user) or pasted whole, checked before it is
// opened, with what the server answered said in words.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"

	"flightplan/engine/store"
)

// TeamAddress is a team workspace's address as the window's dialog
// gives it: a pasted postgres:// address, or its parts. The password is
// separate (a pasted address may hold one too; the field wins).
type TeamAddress struct {
	// URL is a pasted postgres:// address; when set, the parts are not
	// used.
	URL      string `json:"url"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Database string `json:"database"`
	User     string `json:"user"`
	Password string `json:"password"`
}

// TeamAddressError is an address the dialog cannot use, naming its field
// ("url", "host", "port", "database", "user").
type TeamAddressError struct {
	Field  string
	Reason string
}

func (e *TeamAddressError) Error() string { return e.Field + ": " + e.Reason }

// DefaultPGPort is PostgreSQL's port, taken when none is given.
const DefaultPGPort = 5432

// Workspace returns the address as a workspace URL, with the password.
func (a TeamAddress) Workspace() (string, error) {
	if raw := strings.TrimSpace(a.URL); raw != "" {
		if !store.IsURL(raw) {
			return "", &TeamAddressError{"url", "an address starts with postgres://"}
		}
		u, err := url.Parse(raw)
		if err != nil {
			return "", &TeamAddressError{"url", "not a valid address"}
		}
		if u.Hostname() == "" {
			return "", &TeamAddressError{"url", "the address names no server"}
		}
		if strings.Trim(u.Path, "/") == "" {
			return "", &TeamAddressError{"url", "the address names no database"}
		}
		if u.User == nil || u.User.Username() == "" {
			return "", &TeamAddressError{"url", "the address names no user"}
		}
		if a.Password != "" {
			return store.WithPassword(raw, a.Password), nil
		}
		return raw, nil
	}
	host := strings.TrimSpace(a.Host)
	switch {
	case host == "":
		return "", &TeamAddressError{"host", "name the server"}
	case strings.ContainsAny(host, "/@? "):
		return "", &TeamAddressError{"host", "a server's name holds no / @ ? or space"}
	}
	port := a.Port
	if port == 0 {
		port = DefaultPGPort
	}
	if port < 1 || port > 65535 {
		return "", &TeamAddressError{"port", "a port is a number from 1 to 65535"}
	}
	db := strings.TrimSpace(a.Database)
	if db == "" {
		return "", &TeamAddressError{"database", "name the database"}
	}
	user := strings.TrimSpace(a.User)
	if user == "" {
		return "", &TeamAddressError{"user", "name the user"}
	}
	u := url.URL{Scheme: "postgres", Host: net.JoinHostPort(host, strconv.Itoa(port)), Path: "/" + db, User: url.User(user)}
	if a.Password != "" {
		u.User = url.UserPassword(user, a.Password)
	}
	return u.String(), nil
}

// TeamAddressOf splits a workspace address into the dialog's parts, the
// password left out (to ask for it again).
func TeamAddressOf(workspace string) TeamAddress {
	u, err := url.Parse(workspace)
	if err != nil || !store.IsURL(workspace) {
		return TeamAddress{}
	}
	a := TeamAddress{Host: u.Hostname(), Database: strings.Trim(u.Path, "/"), Port: DefaultPGPort}
	if p, err := strconv.Atoi(u.Port()); err == nil {
		a.Port = p
	}
	if u.User != nil {
		a.User = u.User.Username()
	}
	if u.RawQuery != "" {
		// Options (sslmode…) only fit in the whole address.
		a.URL = store.StripPassword(workspace)
	}
	return a
}

// teamPlace is the server (with its port when not the usual one) and the
// database of a workspace address.
func teamPlace(workspace string) (host, database string) {
	u, err := url.Parse(workspace)
	if err != nil {
		return "?", "?"
	}
	host = u.Hostname()
	if p := u.Port(); p != "" && p != strconv.Itoa(DefaultPGPort) {
		host += ":" + p
	}
	return host, strings.Trim(u.Path, "/")
}

// TeamCheck is what a team workspace's address leads to.
type TeamCheck struct {
	// State is one of store's PGState values: ready, empty (offer to set
	// it up), other, too-new, unreachable, password, no-database, address,
	// failed.
	State store.PGState `json:"state"`
	// Field names the part of the address at fault when State is address.
	Field string `json:"field,omitempty"`
	// Detail is the server's or the network's own words (no password).
	Detail string `json:"detail,omitempty"`
	// Address is the workspace's address without its password, Name how
	// it is named (database and server), Host and Database its parts.
	Address  string `json:"address,omitempty"`
	Name     string `json:"name,omitempty"`
	Host     string `json:"host,omitempty"`
	Database string `json:"database,omitempty"`
}

// TeamOpened is what opening a team workspace did: opened (Info is then
// the workspace now open), or not, and why (Check).
type TeamOpened struct {
	Opened bool          `json:"opened"`
	Check  TeamCheck     `json:"check"`
	Info   WorkspaceInfo `json:"info"`
	// Remembered is true when the password is now in the system keyring.
	Remembered bool `json:"remembered"`
	// Keyring says why the keyring was not used, when it was wanted:
	// "missing" (no keyring on this computer, or it is locked or does not
	// answer), "not-remembered" (it holds no password for this
	// workspace) or "refused" (the server refused the one it holds). ""
	// when all went well.
	Keyring string `json:"keyring,omitempty"`
	// Address is the dialog's parts for this workspace (no password), to
	// ask for the password again.
	Address TeamAddress `json:"address"`
}

// CheckTeam says what an address leads to, changing nothing on the server.
func CheckTeam(ctx context.Context, a TeamAddress) TeamCheck {
	ws, err := a.Workspace()
	if err != nil {
		c := TeamCheck{State: store.PGAddress, Detail: err.Error()}
		var ae *TeamAddressError
		if errors.As(err, &ae) {
			c.Field, c.Detail = ae.Field, ae.Reason
		}
		return c
	}
	return CheckWorkspaceURL(ctx, ws)
}

// CheckWorkspaceURL says what a workspace URL leads to.
func CheckWorkspaceURL(ctx context.Context, ws string) TeamCheck {
	c := TeamCheck{Address: store.StripPassword(ws), Name: WorkspaceName(ws)}
	c.Host, c.Database = teamPlace(ws)
	state, _, detail := store.ProbePG(ctx, ws)
	c.State = state
	if pw := store.URLPassword(ws); pw != "" {
		detail = strings.ReplaceAll(detail, pw, "…")
	}
	c.Detail = detail
	return c
}

// String words a check in English, for the command line and logs.
func (c TeamCheck) String() string {
	return fmt.Sprintf("%s: %s %s", c.Name, c.State, c.Detail)
}

// personFile keeps the name this computer's person signs saves with,
// beside the recent list (one per person, not per workspace: a team
// workspace's settings are everyone's).
func personFile() string { return filepath.Join(filepath.Dir(RecentFile()), "person.json") }

// Person is the name saves are signed with on this computer: the one set
// in Settings ("" when none) and the system account's, used when none is.
type Person struct {
	Name   string `json:"name"`
	System string `json:"system"`
}

// ThisPerson returns the name set on this computer and the system one.
func ThisPerson() Person {
	var p Person
	if b, err := os.ReadFile(personFile()); err == nil {
		_ = json.Unmarshal(b, &p)
	}
	p.Name = strings.TrimSpace(p.Name)
	p.System = systemPersonName()
	return p
}

// PersonName is the name saves of funnels are signed with, for the others
// on a team workspace ("Marie saved this funnel 2 min ago"): the one set
// in Settings on this computer, else the system account's full name, else
// its user name.
func PersonName() string {
	if p := ThisPerson(); p.Name != "" {
		return p.Name
	}
	return systemPersonName()
}

// systemPersonName is the system account's full name (its first GECOS
// field), else its user name.
func systemPersonName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	if full, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(full) != "" {
		return strings.TrimSpace(full)
	}
	return u.Username
}

// SetPersonName sets the name saves are signed with on this computer; ""
// goes back to the system account's name. At most 80 characters.
func SetPersonName(name string) error {
	name = strings.TrimSpace(name)
	if len([]rune(name)) > 80 {
		return fmt.Errorf("a name of at most 80 characters")
	}
	b, err := json.Marshal(map[string]string{"name": name})
	if err != nil {
		return err
	}
	file := personFile()
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o600)
}
