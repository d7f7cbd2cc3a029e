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

// In says why the value was refused, in lang ("fr" or English), without
// the setting's key: the window puts the setting's label before it.
func (e *Error) In(lang string) string {
	var r *reason
	if lang == "fr" && errors.As(e.Err, &r) {
		return r.fr
	}
	return e.Err.Error()
}

// reason is why a value is refused, in English and French.
type reason struct {
	en, fr string
	is     error // what errors.Is matches, if anything
}

func (r *reason) Error() string { return r.en }

func (r *reason) Unwrap() error { return r.is }

// why builds a reason; the French format takes the same arguments, with
// « %s » where the English quotes with %q.
func why(en, fr string, args ...any) error {
	return &reason{en: fmt.Sprintf(en, args...), fr: fmt.Sprintf(fr, args...)}
}

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
		return "", &Error{Key: key, Err: &reason{en: ErrReadOnly.Error() + ": " + s.ReadOnly.En, fr: "ne peut pas être changé : " + s.ReadOnly.Fr, is: ErrReadOnly}}
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
			return "", why("%q is not a number", "« %s » n’est pas un nombre", value)
		}
		if s.Kind == KindInt && n != float64(int64(n)) {
			return "", why("%q is not a whole number", "« %s » n’est pas un nombre entier", value)
		}
		if s.Min != nil && n < *s.Min {
			return "", why("%s is below %s", "%s est plus petit que %s", v, strconv.FormatFloat(*s.Min, 'f', -1, 64))
		}
		if s.Max != nil && n > *s.Max {
			return "", why("%s is above %s", "%s est plus grand que %s", v, strconv.FormatFloat(*s.Max, 'f', -1, 64))
		}
		v = strconv.FormatFloat(n, 'f', -1, 64)
	case KindTime:
		t, err := time.Parse("15:04", v)
		if err != nil {
			return "", why("%q is not a time like 21:00", "« %s » n’est pas une heure comme 21:00", value)
		}
		v = t.Format("15:04")
	case KindChoice:
		v = strings.ToLower(v)
		ok := false
		for _, c := range s.Choices {
			ok = ok || c == v
		}
		if !ok {
			return "", why("%q is not one of %s", "« %s » n’est pas parmi %s", value, strings.Join(s.Choices, ", "))
		}
	case KindEmail:
		if _, err := netmail.ParseAddress(v); err != nil {
			return "", why("%q is not an email address", "« %s » n’est pas une adresse courriel", value)
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
				return "", why("%q is not a host name (like track.example.com, no http:// and no port)", "« %s » n’est pas un nom d’hôte (comme track.example.com, sans http:// ni port)", h)
			}
			hosts = append(hosts, h)
		}
		v = strings.Join(hosts, ",")
	case KindJSON:
		if !bytes.HasPrefix(bytes.TrimSpace([]byte(v)), []byte("{")) || !json.Valid([]byte(v)) {
			return "", why("%q is not a JSON object", "« %s » n’est pas un objet JSON", value)
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
	return false, why("%q is not true or false", "« %s » n’est ni true ni false", v)
}

// checkTogether says what is wrong with values that only make sense
// together (warm below hot, both ends of the quiet hours); get reads a
// setting as it will be once saved.
func checkTogether(get func(key string) string) error {
	warm, _ := strconv.ParseFloat(orDefault(get, TemperatureWarm), 64)
	hot, _ := strconv.ParseFloat(orDefault(get, TemperatureHot), 64)
	if warm >= hot {
		return &Error{Key: TemperatureWarm, Err: why("the warm score (%g) must be below the hot one (%g)", "le seuil tiède (%g) doit être plus bas que le seuil chaud (%g)", warm, hot)}
	}
	if from, to := get(QuietFrom), get(QuietTo); (from == "") != (to == "") {
		key := QuietTo
		if from == "" {
			key = QuietFrom
		}
		return &Error{Key: key, Err: why("quiet hours need both a start and an end", "les heures calmes demandent un début et une fin")}
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
		return why("%q is not an address like 127.0.0.1:47800", "« %s » n’est pas une adresse comme 127.0.0.1:47800", addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return why("%q: port %q is not a number from 0 to 65535", "« %s » : le port « %s » n’est pas un nombre de 0 à 65535", addr, port)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return why("%s is not a loopback address: local servers only listen on this machine", "%s n’est pas une adresse de cet ordinateur : les serveurs locaux n’écoutent que sur cette machine", addr)
	}
	return nil
}

func bareAddress(v string) (string, error) {
	a, _ := netmail.ParseAddress(v)
	return a.Address, nil
}

func checkToken(v string) (string, error) {
	if len(v) < 16 || strings.ContainsAny(v, " \t\r\n") {
		return "", why("a key needs at least 16 characters and no spaces", "une clé demande au moins 16 caractères, sans espace")
	}
	return v, nil
}

// checkRelay decodes an SMTP relay and refuses a field it does not know.
func checkRelay(v string) (string, error) {
	var p mail.Profile
	dec := json.NewDecoder(strings.NewReader(v))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return "", why("not an SMTP relay: %v", "ce n’est pas un relais SMTP : %v", err)
	}
	if strings.TrimSpace(p.Host) == "" {
		return "", why("the relay needs a host", "le relais demande un serveur")
	}
	switch p.Security {
	case "", mail.SecurityNone, mail.SecurityStartTLS, mail.SecurityTLS:
	default:
		return "", why("security %q must be none, starttls or tls", "la sécurité « %s » doit être none, starttls ou tls", p.Security)
	}
	switch p.AuthMethod {
	case "", mail.AuthPlain, mail.AuthLogin:
	default:
		return "", why("auth method %q must be plain or login", "la méthode de connexion « %s » doit être plain ou login", p.AuthMethod)
	}
	if p.Port < 0 || p.Port > 65535 {
		return "", why("port %d is out of range", "le port %d est hors limites", p.Port)
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
		return why("decay: values cannot be negative", "effacement : les valeurs ne peuvent pas être négatives")
	case percent > 100:
		return why("decay: a percentage is at most 100", "effacement : un pourcentage va jusqu’à 100 au plus")
	case halfLifeDays == 0 && percent > 0 && everyDays == 0:
		return why("decay: say every how many days points lose a percentage", "effacement : dites tous les combien de jours les points perdent un pourcentage")
	}
	return nil
}

func checkDecay(v string) (string, error) {
	var d decay
	dec := json.NewDecoder(strings.NewReader(v))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return "", why("not a decay (percent, every_days, half_life_days): %v", "ce n’est pas un effacement (percent, every_days, half_life_days) : %v", err)
	}
	return v, CheckDecay(d.Percent, d.EveryDays, d.HalfLifeDays)
}
