package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/mail"
)

// Error is a value refused for a setting: which one, and why.
type Error struct {
	Key string
	Err error
}

func (e *Error) Error() string { return "setting " + e.Key + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// ErrReadOnly is returned (wrapped) for a setting that cannot be changed.
var ErrReadOnly = errors.New("cannot be changed")

// Check normalises a value for a setting and says what is wrong with it,
// naming the setting (an *Error). The empty value puts a setting back to
// its default.
func Check(key, value string) (string, error) {
	s, err := lookup(key)
	if err != nil {
		return "", err
	}
	if s.ReadOnly != (Text{}) {
		return "", &Error{Key: key, Err: fmt.Errorf("%w: %s", ErrReadOnly, s.ReadOnly.En)}
	}
	v, err := s.normalise(value)
	if err != nil {
		return "", &Error{Key: key, Err: err}
	}
	return v, nil
}

func (s *Setting) normalise(value string) (string, error) {
	v := value
	if s.Kind != KindJSON && s.Kind != KindSecret {
		v = strings.TrimSpace(v)
	}
	if v == "" {
		return "", nil
	}
	switch s.Kind {
	case KindBool:
		b, err := parseBool(v)
		if err != nil {
			return "", err
		}
		v = strconv.FormatBool(b)
	case KindInt, KindNumber:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n != n {
			return "", fmt.Errorf("%q is not a number", value)
		}
		if s.Kind == KindInt && n != float64(int64(n)) {
			return "", fmt.Errorf("%q is not a whole number", value)
		}
		if s.Min != nil && n < *s.Min {
			return "", fmt.Errorf("%s is below %s", v, strconv.FormatFloat(*s.Min, 'f', -1, 64))
		}
		if s.Max != nil && n > *s.Max {
			return "", fmt.Errorf("%s is above %s", v, strconv.FormatFloat(*s.Max, 'f', -1, 64))
		}
		v = strconv.FormatFloat(n, 'f', -1, 64)
	case KindTime:
		t, err := time.Parse("15:04", v)
		if err != nil {
			return "", fmt.Errorf("%q is not a time like 21:00", value)
		}
		v = t.Format("15:04")
	case KindChoice:
		v = strings.ToLower(v)
		ok := false
		for _, c := range s.Choices {
			ok = ok || c == v
		}
		if !ok {
			return "", fmt.Errorf("%q is not one of %s", value, strings.Join(s.Choices, ", "))
		}
	case KindEmail:
		if _, err := netmail.ParseAddress(v); err != nil {
			return "", fmt.Errorf("%q is not an email address", value)
		}
	case KindAddress:
		if err := LoopbackOnly(v); err != nil {
			return "", err
		}
	case KindHosts:
		var hosts []string
		for _, h := range strings.Split(v, ",") {
			h = strings.ToLower(strings.TrimSpace(h))
			if h == "" {
				continue
			}
			if strings.ContainsAny(h, " /:@") {
				return "", fmt.Errorf("%q is not a host name (like track.example.com, no http:// and no port)", h)
			}
			hosts = append(hosts, h)
		}
		v = strings.Join(hosts, ",")
	case KindJSON:
		if !bytes.HasPrefix(bytes.TrimSpace([]byte(v)), []byte("{")) || !json.Valid([]byte(v)) {
			return "", fmt.Errorf("%q is not a JSON object", value)
		}
	}
	if s.check != nil {
		return s.check(v)
	}
	return v, nil
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1", "oui":
		return true, nil
	case "false", "no", "off", "0", "non":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", v)
}

// checkTogether says what is wrong with values that only make sense
// together (warm below hot, both ends of the quiet hours); get reads a
// setting as it will be once saved.
func checkTogether(get func(key string) string) error {
	warm, _ := strconv.ParseFloat(orDefault(get, TemperatureWarm), 64)
	hot, _ := strconv.ParseFloat(orDefault(get, TemperatureHot), 64)
	if warm >= hot {
		return &Error{Key: TemperatureWarm, Err: fmt.Errorf("the warm score (%g) must be below the hot one (%g)", warm, hot)}
	}
	if from, to := get(QuietFrom), get(QuietTo); (from == "") != (to == "") {
		key := QuietTo
		if from == "" {
			key = QuietFrom
		}
		return &Error{Key: key, Err: errors.New("quiet hours need both a start and an end")}
	}
	return nil
}

func orDefault(get func(string) string, key string) string {
	if v := get(key); v != "" {
		return v
	}
	return byKey[key].Default
}

// LoopbackOnly refuses an address beyond this machine: the local servers
// only listen on loopback.
func LoopbackOnly(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not an address like 127.0.0.1:47800", addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("%q: port %q is not a number from 0 to 65535", addr, port)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%s is not a loopback address: local servers only listen on this machine", addr)
	}
	return nil
}

func bareAddress(v string) (string, error) {
	a, _ := netmail.ParseAddress(v)
	return a.Address, nil
}

func checkToken(v string) (string, error) {
	if len(v) < 16 || strings.ContainsAny(v, " \t\r\n") {
		return "", errors.New("a key needs at least 16 characters and no spaces")
	}
	return v, nil
}

// checkRelay decodes an SMTP relay and refuses a field it does not know.
func checkRelay(v string) (string, error) {
	var p mail.Profile
	dec := json.NewDecoder(strings.NewReader(v))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return "", fmt.Errorf("not an SMTP relay: %v", err)
	}
	if strings.TrimSpace(p.Host) == "" {
		return "", errors.New("the relay needs a host")
	}
	switch p.Security {
	case "", mail.SecurityNone, mail.SecurityStartTLS, mail.SecurityTLS:
	default:
		return "", fmt.Errorf("security %q must be none, starttls or tls", p.Security)
	}
	switch p.AuthMethod {
	case "", mail.AuthPlain, mail.AuthLogin:
	default:
		return "", fmt.Errorf("auth method %q must be plain or login", p.AuthMethod)
	}
	if p.Port < 0 || p.Port > 65535 {
		return "", fmt.Errorf("port %d is out of range", p.Port)
	}
	return v, nil
}

// decay is the stored form of the lead-score decay (contacts.Decay keeps
// the scoring that uses it; this package only checks it).
type decay struct {
	Percent      float64 `json:"percent"`
	EveryDays    float64 `json:"every_days"`
	HalfLifeDays float64 `json:"half_life_days"`
}

// CheckDecay says what is wrong with a decay, in plain words.
func CheckDecay(percent, everyDays, halfLifeDays float64) error {
	switch {
	case halfLifeDays < 0 || percent < 0 || everyDays < 0:
		return errors.New("decay: values cannot be negative")
	case percent > 100:
		return errors.New("decay: a percentage is at most 100")
	case halfLifeDays == 0 && percent > 0 && everyDays == 0:
		return errors.New("decay: say every how many days points lose a percentage")
	}
	return nil
}

func checkDecay(v string) (string, error) {
	var d decay
	dec := json.NewDecoder(strings.NewReader(v))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return "", fmt.Errorf("not a decay (percent, every_days, half_life_days): %v", err)
	}
	return v, CheckDecay(d.Percent, d.EveryDays, d.HalfLifeDays)
}
