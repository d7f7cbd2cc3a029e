package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// TeammatesKey is the setting that holds the workspace's teammates, as a
// JSON array: a handful of people, so a setting is enough (no table).
const TeammatesKey = "teammates"

// Teammate is a person of the workspace an "Alert a teammate" step can
// write to. A flow stores the ID (never shown); the step reads Name, and
// the email goes out to Email.
type Teammate struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// DecodeTeammates reads the teammates setting ("" is none).
func DecodeTeammates(v string) ([]Teammate, error) {
	out := []Teammate{}
	if strings.TrimSpace(v) == "" {
		return out, nil
	}
	if err := json.Unmarshal([]byte(v), &out); err != nil {
		return nil, fmt.Errorf("setting %q: %w", TeammatesKey, err)
	}
	return out, nil
}

// Teammates returns the workspace's teammates in the order they were added.
func (s *Store) Teammates() ([]Teammate, error) {
	v, err := s.plainSetting(TeammatesKey)
	if err != nil {
		return nil, err
	}
	return DecodeTeammates(v)
}

// TeammateEmail finds a teammate's address by id through q (a read
// connection or the runner's transaction); ok is false when there is no
// such teammate.
func TeammateEmail(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id string) (email string, ok bool, err error) {
	var v string
	err = q.QueryRowContext(ctx, query("get-setting").sql, TeammatesKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	all, err := DecodeTeammates(v)
	if err != nil {
		return "", false, err
	}
	for _, t := range all {
		if t.ID == id {
			return t.Email, true, nil
		}
	}
	return "", false, nil
}

// ErrTeammateName and ErrTeammateEmail say what is wrong with a new
// teammate, so the window can say it in the user's language.
var (
	ErrTeammateName  = errors.New("give the teammate a name")
	ErrTeammateEmail = errors.New("is not an email address")
)

// AddTeammate adds a teammate (name and email, both required; the email a
// bare address such as ana@example.com) and returns it with its new id.
// Adding an address already there returns the existing teammate.
func (s *Store) AddTeammate(name, email string) (Teammate, error) {
	name = strings.Join(strings.Fields(name), " ")
	email = strings.TrimSpace(email)
	if name == "" {
		return Teammate{}, ErrTeammateName
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return Teammate{}, fmt.Errorf("teammate %q: %q %w", name, email, ErrTeammateEmail)
	}
	all, err := s.Teammates()
	if err != nil {
		return Teammate{}, err
	}
	for _, t := range all {
		if strings.EqualFold(t.Email, email) {
			return t, nil
		}
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	t := Teammate{ID: "tm_" + hex.EncodeToString(b[:]), Name: name, Email: email}
	buf, err := json.Marshal(append(all, t))
	if err != nil {
		return Teammate{}, err
	}
	return t, s.setPlain(TeammatesKey, string(buf))
}
