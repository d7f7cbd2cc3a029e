// Package settings is the one list of workspace settings: each key with its
// type, default, allowed values, English and French label and help, and
// whether it is a secret. The engine reads settings through Load (a typed
// snapshot, one query) or Get; the window and the command line list them
// with List and change them with Set, which refuses a bad value saying
// which setting and why.
//
// Engine state kept in the same table (the events mark, anniversaries
// done, switched-off scripts, teammates, declared events) is not a setting:
// it is written by the engine or by its own screen, and is not listed here.
package settings

import (
	"fmt"
	"sort"
)

// Keys of every workspace setting. No other package defines a setting key.
const (
	Language        = "language"         // the window's language: en or fr ("" follows the system)
	MyEmail         = "my_email"         // where "Send a test to me" goes
	From            = "from_address"     // the sender of every email
	Relay           = "smtp_relay"       // JSON of mail.Profile; "" = the capture mailbox
	CapPerDay       = "cap_per_day"      // marketing emails per contact per day; 0 = no cap
	CapPerWeek      = "cap_per_week"     // marketing emails per contact per week; 0 = no cap
	QuietFrom       = "quiet_from"       // "21:00" in the contact's timezone; "" = no quiet hours
	QuietTo         = "quiet_to"         // "08:00"
	TemperatureWarm = "temperature_warm" // score from which a contact is warm
	TemperatureHot  = "temperature_hot"  // score from which a contact is hot
	StageBackwards  = "stage_backwards"  // "true" lets a contact's stage go back
	ScoreDecay      = "score_decay"      // JSON of the lead-score decay
	HTTPAddr        = "http_addr"        // the local tracking and intake server
	CaptureAddr     = "capture_addr"     // the local capture mailbox
	PublicHost      = "public_host"      // host names a proxy or tunnel forwards as, comma-separated
	IntakeToken     = "intake_token"     // the event API's token (secret)
	TrackingKey     = "tracking_key"     // signs tracking links (secret)
	HonourDNT       = "honour_dnt"       // "true": the website snippet records nothing for Do Not Track browsers
)

// Defaults that other packages need as values.
const (
	DefaultFrom        = "Flightplan <hello@flightplan.localhost>"
	DefaultHTTPAddr    = "127.0.0.1:47800"
	DefaultCaptureAddr = "127.0.0.1:2525"
	DefaultWarm        = 30.0
	DefaultHot         = 60.0
)

// Kind says how a setting's value is written and checked.
type Kind string

// Kinds of settings.
const (
	KindBool    Kind = "bool"    // true or false
	KindInt     Kind = "int"     // a whole number within Min..Max
	KindNumber  Kind = "number"  // a number within Min..Max
	KindTime    Kind = "time"    // a time of day like 21:00, or empty
	KindChoice  Kind = "choice"  // one of Choices
	KindEmail   Kind = "email"   // an email address, with or without a name
	KindAddress Kind = "address" // host:port on this machine
	KindHosts   Kind = "hosts"   // host names, comma-separated
	KindJSON    Kind = "json"    // a JSON object, checked by the setting
	KindSecret  Kind = "secret"  // a generated secret, shown masked
)

// Group gathers settings on the Settings screen and in `flightplan settings`.
type Group string

// Groups, in the order they are shown.
const (
	GroupYou      Group = "you"
	GroupSending  Group = "sending"
	GroupRules    Group = "rules"
	GroupContacts Group = "contacts"
	GroupEngine   Group = "engine"
)

// Groups lists the groups in display order.
var Groups = []Group{GroupYou, GroupSending, GroupRules, GroupContacts, GroupEngine}

// Title names a group as the Settings screen does.
func (g Group) Title() Text {
	return map[Group]Text{
		GroupYou:      T("You", "Vous"),
		GroupSending:  T("Sending emails", "Envoi des courriels"),
		GroupRules:    T("Sending rules", "Règles d’envoi"),
		GroupContacts: T("Contacts", "Contacts"),
		GroupEngine:   T("Tracking and local servers", "Suivi et serveurs locaux"),
	}[g]
}

// Text is a sentence in English and French.
type Text struct {
	En string `json:"en"`
	Fr string `json:"fr"`
}

// T builds a Text.
func T(en, fr string) Text { return Text{En: en, Fr: fr} }

// In returns the text in lang ("fr" or anything else for English).
func (t Text) In(lang string) string {
	if lang == "fr" {
		return t.Fr
	}
	return t.En
}

// Setting describes one workspace setting.
type Setting struct {
	Key   string `json:"key"`
	Group Group  `json:"group"`
	Kind  Kind   `json:"kind"`
	// Default is the value when the setting was never set, as stored.
	Default string `json:"default"`
	// Min and Max bound a number (nil: unbounded).
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
	// Choices are the allowed values of a KindChoice setting.
	Choices []string `json:"choices,omitempty"`
	Label   Text     `json:"label"`
	Help    Text     `json:"help"`
	// Where says where the window edits the setting.
	Where Text `json:"where"`
	// Secret values are never printed in clear: List masks them.
	Secret bool `json:"secret"`
	// SecretField, for a secret JSON setting, is the one field that is
	// secret ("" when the whole value is).
	SecretField string `json:"-"`
	// ReadOnly, when set, says why the setting cannot be changed by hand.
	ReadOnly Text `json:"read_only"`
	// check normalises a value and says what is wrong with it, past the
	// checks of its Kind.
	check func(v string) (string, error)
}

func num(f float64) *float64 { return &f }

var (
	whereYou      = T("Settings → You", "Réglages → Vous")
	whereSending  = T("Settings → Sending emails", "Réglages → Envoi des courriels")
	whereRules    = T("Settings → Sending rules", "Réglages → Règles d’envoi")
	whereContacts = T("Settings → Contacts", "Réglages → Contacts")
	whereEngine   = T("Settings → Tracking and website events", "Réglages → Suivi et événements du site")
	whereServers  = T("Settings → Local servers", "Réglages → Serveurs locaux")
	whereTemp     = T("Settings → Sending rules, or Contacts → Scoring", "Réglages → Règles d’envoi, ou Contacts → Pointage")
)

// all is the registry, in display order within each group.
var all = []Setting{
	{Key: Language, Group: GroupYou, Kind: KindChoice, Choices: []string{"en", "fr"}, Where: whereYou,
		Label: T("Language of the app", "Langue de l’application"),
		Help:  T("Until you pick one, the app follows your computer’s language.", "Tant que vous n’en choisissez pas, l’application suit la langue de votre ordinateur.")},
	{Key: MyEmail, Group: GroupYou, Kind: KindEmail, Where: whereYou, check: bareAddress,
		Label: T("Your email address", "Votre adresse courriel"),
		Help:  T("Where a test email goes when you send one to yourself.", "Là où arrive un courriel de test quand vous vous en envoyez un.")},

	{Key: From, Group: GroupSending, Kind: KindEmail, Default: DefaultFrom, Where: whereSending,
		Label: T("Sender", "Expéditeur"),
		Help:  T("The name and address your contacts see on every email.", "Le nom et l’adresse que vos contacts voient sur chaque courriel.")},
	{Key: Relay, Group: GroupSending, Kind: KindJSON, Secret: true, SecretField: "password", Where: whereSending, check: checkRelay,
		Label: T("SMTP relay", "Relais SMTP"),
		Help:  T("Empty: emails stay in the offline mailbox and nothing leaves this computer. Set: emails are really sent through this server.", "Vide : les courriels restent dans la boîte hors ligne et rien ne quitte cet ordinateur. Rempli : les courriels partent vraiment par ce serveur.")},

	{Key: CapPerDay, Group: GroupRules, Kind: KindInt, Default: "0", Min: num(0), Where: whereRules,
		Label: T("Marketing emails per contact, at most per day", "Courriels marketing par contact, au plus par jour"),
		Help:  T("0: no limit. An email over the limit is skipped, not sent later.", "0 : aucune limite. Un courriel au-delà de la limite n’est pas envoyé, ni plus tard.")},
	{Key: CapPerWeek, Group: GroupRules, Kind: KindInt, Default: "0", Min: num(0), Where: whereRules,
		Label: T("Marketing emails per contact, at most per week", "Courriels marketing par contact, au plus par semaine"),
		Help:  T("0: no limit.", "0 : aucune limite.")},
	{Key: QuietFrom, Group: GroupRules, Kind: KindTime, Where: whereRules,
		Label: T("Quiet hours start", "Début des heures calmes"),
		Help:  T("From this time (in the contact’s time zone) marketing emails wait until quiet hours end. Empty: no quiet hours.", "À partir de cette heure (dans le fuseau du contact), les courriels marketing attendent la fin des heures calmes. Vide : pas d’heures calmes.")},
	{Key: QuietTo, Group: GroupRules, Kind: KindTime, Where: whereRules,
		Label: T("Quiet hours end", "Fin des heures calmes"),
		Help:  T("The time emails held by quiet hours go out.", "L’heure où partent les courriels retenus par les heures calmes.")},

	{Key: TemperatureWarm, Group: GroupContacts, Kind: KindNumber, Default: "30", Min: num(0), Where: whereTemp,
		Label: T("Warm from (points)", "Tiède à partir de (points)"),
		Help:  T("A contact is warm from this many points. Below the hot score.", "Un contact est tiède à partir de ce nombre de points. Plus bas que « chaud ».")},
	{Key: TemperatureHot, Group: GroupContacts, Kind: KindNumber, Default: "60", Min: num(0), Where: whereTemp,
		Label: T("Hot from (points)", "Chaud à partir de (points)"),
		Help:  T("Funnels that start “when a lead gets hot” react when a contact reaches it.", "Les tunnels qui démarrent « quand un prospect devient chaud » réagissent quand un contact atteint ce pointage.")},
	{Key: StageBackwards, Group: GroupContacts, Kind: KindBool, Default: "false", Where: whereContacts,
		Label: T("Let a contact’s stage go back", "Permettre à l’étape du cycle d’un contact de reculer"),
		Help:  T("Off: a customer never becomes a lead again because an old form was sent again. On: a funnel or a person can move a contact to an earlier stage.", "Désactivé : un client ne redevient jamais un prospect parce qu’un vieux formulaire a été renvoyé. Activé : un tunnel ou une personne peut ramener un contact à une étape du cycle précédente.")},
	{Key: ScoreDecay, Group: GroupContacts, Kind: KindJSON, Where: T("Contacts → Scoring", "Contacts → Pointage"), check: checkDecay,
		Label: T("Old points count less", "Les vieux points comptent moins"),
		Help:  T("How points earned long ago fade, so a lead active a year ago is not hot today. Empty: points are kept.", "Comment s’effacent les points gagnés il y a longtemps, pour qu’un prospect actif il y a un an ne soit pas chaud aujourd’hui. Vide : les points sont gardés.")},

	{Key: HTTPAddr, Group: GroupEngine, Kind: KindAddress, Default: DefaultHTTPAddr, Where: whereServers,
		Label: T("Tracking and events address", "Adresse du suivi et des événements"),
		Help:  T("Opens, clicks, unsubscribes and your website’s events arrive here. It only listens on this computer. Applies the next time the app starts.", "Les ouvertures, les clics, les désabonnements et les événements de votre site arrivent ici. Il n’écoute que sur cet ordinateur. S’applique au prochain démarrage de l’application.")},
	{Key: CaptureAddr, Group: GroupEngine, Kind: KindAddress, Default: DefaultCaptureAddr, Where: whereServers,
		Label: T("Offline mailbox address", "Adresse de la boîte hors ligne"),
		Help:  T("Where emails go when no SMTP relay is set. It only listens on this computer. Applies the next time the app starts.", "Là où vont les courriels quand aucun relais SMTP n’est réglé. Elle n’écoute que sur cet ordinateur. S’applique au prochain démarrage de l’application.")},
	{Key: PublicHost, Group: GroupEngine, Kind: KindHosts, Where: whereServers,
		Label: T("Public names of this computer", "Noms publics de cet ordinateur"),
		Help:  T("Names a proxy or tunnel uses to reach the tracking server (for example track.example.com), separated by commas. Empty: this computer only.", "Les noms qu’un mandataire ou un tunnel utilise pour joindre le serveur de suivi (par exemple track.example.com), séparés par des virgules. Vide : cet ordinateur seulement.")},
	{Key: IntakeToken, Group: GroupEngine, Kind: KindSecret, Secret: true, Where: whereEngine, check: checkToken,
		Label: T("Events key", "Clé des événements"),
		Help:  T("Your website sends it with every event. Made for you the first time; change it if it leaked (your website must then use the new one).", "Votre site l’envoie avec chaque événement. Créée pour vous la première fois ; changez-la si elle a fuité (votre site devra alors utiliser la nouvelle).")},
	{Key: HonourDNT, Group: GroupEngine, Kind: KindBool, Default: "true", Where: T("Settings → Website", "Réglages → Site web"),
		Label: T("Respect “Do Not Track”", "Respecter « Ne pas me pister »"),
		Help:  T("On: the website snippet records nothing for a visitor whose browser asks not to be tracked.", "Activé : le code de suivi du site n’enregistre rien pour un visiteur dont le navigateur demande à ne pas être pisté.")},
	{Key: TrackingKey, Group: GroupEngine, Kind: KindSecret, Secret: true, Where: whereEngine,
		ReadOnly: T("it signs the links of every email already sent: a new one would break them, unsubscribe links included", "elle signe les liens de chaque courriel déjà envoyé : une nouvelle les briserait, y compris les liens de désabonnement"),
		Label:    T("Link signing key", "Clé de signature des liens"),
		Help:     T("Made for you the first time; it proves the tracking links in your emails are yours.", "Créée pour vous la première fois ; elle prouve que les liens de suivi de vos courriels sont les vôtres.")},
}

var byKey = func() map[string]*Setting {
	m := make(map[string]*Setting, len(all))
	for i := range all {
		m[all[i].Key] = &all[i]
	}
	return m
}()

// All returns every setting, grouped in display order.
func All() []Setting {
	out := make([]Setting, len(all))
	copy(out, all)
	rank := map[Group]int{}
	for i, g := range Groups {
		rank[g] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Group] < rank[out[j].Group] })
	return out
}

// Lookup returns the setting of a key.
func Lookup(key string) (Setting, bool) {
	s, ok := byKey[key]
	if !ok {
		return Setting{}, false
	}
	return *s, true
}

// SecretFields maps each secret setting to its secret JSON field ("" when
// the whole value is secret); the store keeps these out of the file when a
// keyring is reachable.
func SecretFields() map[string]string {
	m := map[string]string{}
	for _, s := range all {
		if s.Secret {
			m[s.Key] = s.SecretField
		}
	}
	return m
}

// ErrUnknown is returned (wrapped) for a key that is not a setting.
var ErrUnknown = fmt.Errorf("no such setting")

func lookup(key string) (*Setting, error) {
	s, ok := byKey[key]
	if !ok {
		return nil, fmt.Errorf("%w %q (see `flightplan settings` for the list)", ErrUnknown, key)
	}
	return s, nil
}
