package settings

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Store reads and writes one setting; secrets go through the system
// keyring where one is used (*store.Store satisfies it).
type Store interface {
	Setting(key string) (string, error)
	SetSetting(key, value string) error
}

// Get returns a setting's value, its default when unset. A secret comes
// back in clear: callers that print it mask it (Mask).
func Get(st Store, key string) (string, error) {
	s, err := lookup(key)
	if err != nil {
		return "", err
	}
	v, err := st.Setting(key)
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	if v == "" {
		v = s.Default
	}
	return v, nil
}

// Set checks and stores several settings together: nothing is stored when
// one is wrong, and settings that only make sense together (warm below
// hot, both ends of the quiet hours) are checked as they will be once
// saved. The empty value puts a setting back to its default.
func Set(st Store, values map[string]string) error {
	clean := make(map[string]string, len(values))
	keys := make([]string, 0, len(values))
	for _, s := range all { // registry order, so errors come in a stable order
		if _, ok := values[s.Key]; ok {
			keys = append(keys, s.Key)
		}
	}
	for k := range values {
		if _, ok := byKey[k]; !ok {
			_, err := lookup(k)
			return err
		}
	}
	for _, k := range keys {
		in, err := unmask(st, k, values[k])
		if err != nil {
			return err
		}
		v, err := Check(k, in)
		if err != nil {
			return err
		}
		clean[k] = v
	}
	var readErr error
	get := func(key string) string {
		if v, ok := clean[key]; ok {
			return v
		}
		v, err := st.Setting(key)
		if err != nil && readErr == nil {
			readErr = err
		}
		return v
	}
	if err := checkTogether(get); err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	for _, k := range keys {
		if err := st.SetSetting(k, clean[k]); err != nil {
			return fmt.Errorf("setting %s: %w", k, err)
		}
	}
	return nil
}

// Entry is a setting with its current value, as the Settings screen and
// `flightplan settings --json` show it (a stable shape).
type Entry struct {
	Key     string   `json:"key"`
	Group   Group    `json:"group"`
	Kind    Kind     `json:"kind"`
	Default string   `json:"default"`
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Choices []string `json:"choices,omitempty"`
	Label   Text     `json:"label"`
	Help    Text     `json:"help"`
	Where   Text     `json:"where"`
	Secret  bool     `json:"secret"`
	// ReadOnly, when not empty, says why the setting cannot be changed.
	ReadOnly Text `json:"read_only"`
	// Value is the current value, masked for a secret; IsDefault says it
	// was never set (Value is then the default).
	Value     string `json:"value"`
	IsDefault bool   `json:"is_default"`
	// Error says why the value could not be read (a locked keyring).
	Error string `json:"error,omitempty"`
}

// List returns every setting with its value, secrets masked.
func List(st Store) []Entry {
	out := []Entry{}
	for _, s := range All() {
		e := Entry{Key: s.Key, Group: s.Group, Kind: s.Kind, Default: s.Default, Min: s.Min, Max: s.Max, Choices: s.Choices,
			Label: s.Label, Help: s.Help, Where: s.Where, Secret: s.Secret, ReadOnly: s.ReadOnly}
		v, err := st.Setting(s.Key)
		if err != nil {
			e.Error = err.Error()
		}
		e.IsDefault = v == ""
		if v == "" {
			v = s.Default
		}
		if s.Secret {
			v = Mask(s, v)
		}
		e.Value = v
		out = append(out, e)
	}
	return out
}

// Masked stands for a secret in a list.
const Masked = "••••••••"

// unmask lets a value read from List be given back: in a JSON setting, a
// secret field still Masked keeps the secret stored; a whole secret that
// is Masked is refused rather than stored as the secret.
func unmask(st Store, key, value string) (string, error) {
	s := byKey[key]
	if !s.Secret || !strings.Contains(value, Masked) {
		return value, nil
	}
	if s.SecretField == "" {
		return "", &Error{Key: key, Err: why("this is the hidden value shown in the list: give the secret itself", "c’est la valeur masquée de la liste : donnez le secret lui-même")}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(value), &obj); err != nil {
		return value, nil // Check says what is wrong with it
	}
	var field string
	if json.Unmarshal(obj[s.SecretField], &field) != nil || field != Masked {
		return value, nil
	}
	stored, err := st.Setting(key)
	if err != nil {
		return "", &Error{Key: key, Err: err}
	}
	var old map[string]json.RawMessage
	if json.Unmarshal([]byte(stored), &old) != nil || old[s.SecretField] == nil {
		return "", &Error{Key: key, Err: why("the hidden %s shown in the list stands for none stored: give it in clear", "le champ masqué %s de la liste ne remplace rien d’enregistré : donnez-le en clair", s.SecretField)}
	}
	obj[s.SecretField] = old[s.SecretField]
	b, err := json.Marshal(obj)
	return string(b), err
}

// Mask hides a secret value: a whole-value secret becomes Masked, a JSON
// one keeps its other fields. An empty value stays empty.
func Mask(s Setting, v string) string {
	if v == "" || !s.Secret {
		return v
	}
	if s.SecretField == "" {
		return Masked
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v), &obj); err != nil {
		return Masked
	}
	if raw, ok := obj[s.SecretField]; ok && strings.Trim(string(raw), `"`) != "" {
		obj[s.SecretField], _ = json.Marshal(Masked)
	}
	b, _ := json.Marshal(obj)
	return string(b)
}
