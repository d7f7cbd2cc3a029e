package words

// The codes the engine writes, and their phrases. A phrase's {key} is
// replaced by parameter key, formatted by its name (see format): {email}
// is an email's name, {step} a step's title, {for} a duration, {at} a
// date and time in the contact's timezone, {count} a number…

// Codes of a journey's steps.
const (
	// Starts.
	Entered       Code = "enter"       // entered the funnel (no event)
	EnteredOn     Code = "enter.event" // {event}
	EnteredList   Code = "enter.list"  // {list}
	EnteredTag    Code = "enter.tag"   // {tag}
	EnteredFrom   Code = "enter.from"  // {funnel}
	EnteredByHand Code = "enter.manual"

	// Checks.
	FieldIs         Code = "check.field"       // {field} {got} {op} {want}
	FieldIsEmptyOp  Code = "check.field_empty" // {field} {got} {op}
	InList          Code = "check.list.yes"    // {list}
	NotInList       Code = "check.list.no"
	HasTag          Code = "check.tag.yes" // {tag}
	NotHasTag       Code = "check.tag.no"
	InSegment       Code = "check.segment.yes" // {segment}
	NotInSegment    Code = "check.segment.no"
	DidCount        Code = "check.behaviour" // {event} {count} {window} {days} {min}
	EmailNotSent    Code = "check.email.not_sent"
	EmailOpened     Code = "check.email.opened" // {step}
	EmailClicked    Code = "check.email.clicked"
	EmailNotOpened  Code = "check.email.not_opened"
	EmailNotClicked Code = "check.email.not_clicked"
	RuleAnswered    Code = "check.script" // {script} {answer}

	// Splits.
	SplitRandom Code = "split.random" // {roll} {branch} {percent}
	SplitCase   Code = "split.field"  // {field} {got}
	SplitOther  Code = "split.other"  // {field} {got}

	// Waits.
	Waiting          Code = "wait.for"         // {for}
	Waited           Code = "wait.done"        // {for}
	WaitNoDate       Code = "wait.date.empty"  // {field}
	WaitDatePassed   Code = "wait.date.passed" // {at} {tz}
	WaitingUntil     Code = "wait.until"       // {at} {tz}
	WaitHoursReached Code = "wait.hours.reached"
	WaitInHours      Code = "wait.hours.within"
	WaitingHours     Code = "wait.hours" // {at} {tz}
	WaitBestReached  Code = "wait.best.reached"
	WaitBestNow      Code = "wait.best.now"      // {hour} {source}
	WaitingBest      Code = "wait.best"          // {hour} {source}
	EventHappened    Code = "wait.event.met"     // {event} {after}
	EventTimedOut    Code = "wait.event.timeout" // {event} {within}
	EventAlready     Code = "wait.event.already" // {event} {lookback}
	WaitingEvent     Code = "wait.event"         // {event}
	WaitingEventMax  Code = "wait.event.max"     // {event} {max}

	// Actions.
	EmailQueued   Code = "email.queued" // {email}
	Alerted       Code = "alert.sent"   // {to}
	AlertNoOwner  Code = "alert.no_owner"
	ListAdded     Code = "list.added" // {list}
	ListAlreadyIn Code = "list.already_in"
	ListRemoved   Code = "list.removed"
	Tagged        Code = "tag.added" // {tag}
	Untagged      Code = "tag.removed"
	StageSet      Code = "stage.set"      // {stage}
	StageStays    Code = "stage.stays"    // {stage} {asked}
	ScorePoints   Code = "score.points"   // {points}
	ScoreScript   Code = "score.script"   // {points} {script}
	FieldSet      Code = "field.set"      // {field} {value}
	SentToFunnel  Code = "funnel.sent"    // {funnel}
	WebhookQueued Code = "webhook.queued" // {url}
	ScriptRan     Code = "script.ran"     // {script}
	GoalReached   Code = "goal.reached"
	Ended         Code = "end"

	// The journey's rules.
	LeftOnEvent      Code = "exit.event"                 // {event}
	GoalJumpEvent    Code = "goal.jump.event"            // {step} {event}
	GoalJumpTag      Code = "goal.jump.tag"              // {step} {tag}
	GoalJumpList     Code = "goal.jump.list"             // {step} {list}
	SkipUnsubscribed Code = "email.skipped.unsubscribed" // {email}
	SkipBounced      Code = "email.skipped.bounced"
	SkipNoAddress    Code = "email.skipped.no_address"
	SkipCap          Code = "email.skipped.cap"    // {cap} {per}
	QuietHours       Code = "email.quiet_hours"    // {email} {at} {tz}
	FunnelNotLive    Code = "funnel.not_published" // {funnel}
	FunnelNoEntry    Code = "funnel.no_entry"      // {funnel}
	FunnelNoReentry  Code = "funnel.no_reentry"    // {funnel}
	FunnelLeftOut    Code = "funnel.left_out"      // {funnel}: a simulation leaves out an unfinished funnel
	SimLeftOut       Code = "sim.left_out"         // {from} {funnel}: a note on a simulation's result
	StepFailed       Code = "step.error"           // {error}
	StepLoop         Code = "step.loop"            // {steps}

	// Delivery of a step's message ({email}, {to} or {url} says which).
	SentAfterAll   Code = "send.sent_after_all"
	SendRetry      Code = "send.retry"   // {error} {at} {tz}
	SendGaveUp     Code = "send.gave_up" // {error} {tries}
	SendRefused    Code = "send.refused" // {error}
	SendFailed     Code = "send.failed"  // {error}
	SendDeleted    Code = "send.cancelled.deleted"
	SendSuppressed Code = "send.cancelled.suppressed"

	// A contact's history: what became of a message ({error} the relay's
	// answer), how many tries it took, where score points came from, and
	// what an event concerns.
	MessagePending  Code = "message.pending"
	MessageSending  Code = "message.sending"
	MessageSent     Code = "message.sent"
	MessageRetrying Code = "message.retrying"  // {error}
	MessageFailed   Code = "message.failed"    // {error}
	MessageBounced  Code = "message.bounced"   // {error}
	MessageSkipped  Code = "message.skipped"   // {error}
	MessageTries    Code = "message.tries"     // {tries}
	CauseFunnel     Code = "cause.funnel"      // {funnel}
	CauseScript     Code = "cause.script"      // {script}
	CauseRule       Code = "cause.rule"        // {rule}
	EventList       Code = "event.list"        // {list}
	EventTag        Code = "event.tag"         // {tag}
	EventSegment    Code = "event.segment"     // {segment}
	EventURL        Code = "event.url"         // {url}
	EventField      Code = "event.field"       // {field}
	EventCause      Code = "event.cause"       // {cause}
	EventTemp       Code = "event.temperature" // {temperature}
	EventEmail      Code = "event.email"       // {email}
	EventFunnel     Code = "event.funnel"      // {funnel}
	EventGoal       Code = "event.goal"        // {step}
	EventProp       Code = "event.prop"        // {prop} {val}

	// Errors said in plain words: an email deleted since the funnel was
	// published, and a relay refusing at a stage of the conversation
	// ({addr} its address).
	ErrEmailGone   Code = "error.email_gone"
	ErrRelayDNS    Code = "error.relay.dns"
	ErrRelayConn   Code = "error.relay.connect"
	ErrRelayTLS    Code = "error.relay.tls"
	ErrRelayAuth   Code = "error.relay.auth"
	ErrRelaySender Code = "error.relay.sender"
	ErrRelayRcpt   Code = "error.relay.recipient"
	ErrRelayData   Code = "error.relay.data"
	// ErrRelayAuthAs is ErrRelayAuth naming the user refused ({value}).
	ErrRelayAuthAs Code = "error.relay.auth_as"

	// A contact's address that is not one ({value}; {domain} its part
	// after the @), and a CSV line with more values than its header has
	// columns ({values} and {columns}): why an import refused a row.
	ErrEmailMissing   Code = "error.email.missing"
	ErrEmailNoAt      Code = "error.email.no_at"
	ErrEmailTwoAt     Code = "error.email.two_at"
	ErrEmailNoLocal   Code = "error.email.no_local"
	ErrEmailNoDomain  Code = "error.email.no_domain"
	ErrEmailBadChar   Code = "error.email.bad_char"
	ErrEmailBadDot    Code = "error.email.bad_dot"
	ErrEmailDomainDot Code = "error.email.domain_no_dot"
	ErrEmailBadDomain Code = "error.email.bad_domain"
	ErrRowTooLong     Code = "error.row.too_long"

	// A Lua rule's failure ({script} its name, {line} where it stopped,
	// {error} the rest, itself said in words where it has a known shape),
	// and Lua's commonest run-time mistake: reading {value} out of
	// nothing ({what}: nil, a number…).
	ErrScriptLine Code = "error.script.line"
	ErrScript     Code = "error.script"
	ErrLuaIndex   Code = "error.lua.index"
	ErrLuaUnknown Code = "error.lua.unknown_name"

	// Text is a sentence written before reasons had codes (an old
	// journal row), shown as it was written: {text}.
	Text0 Code = "text"
)

// Phrases are the sentences of every code: English, then French.
var Phrases = map[Code][2]string{
	Entered:       {"Entered the funnel", "Entré dans le tunnel"},
	EnteredOn:     {"Entered the funnel: {event}", "Entré dans le tunnel : {event}"},
	EnteredList:   {"Entered the funnel on joining the list {list}", "Entré dans le tunnel en rejoignant la liste {list}"},
	EnteredTag:    {"Entered the funnel on getting the tag {tag}", "Entré dans le tunnel en recevant l’étiquette {tag}"},
	EnteredFrom:   {"Came from the funnel {funnel}", "Arrivé depuis le tunnel {funnel}"},
	EnteredByHand: {"Added to the funnel by hand", "Ajouté au tunnel à la main"},

	FieldIs:         {"{field} is {got}; the check wanted: {op} {want}", "{field} vaut {got} ; le test demandait : {op} {want}"},
	FieldIsEmptyOp:  {"{field} is {got}; the check wanted: {op}", "{field} vaut {got} ; le test demandait : {op}"},
	InList:          {"Is in the list {list}", "Est dans la liste {list}"},
	NotInList:       {"Is not in the list {list}", "N’est pas dans la liste {list}"},
	HasTag:          {"Has the tag {tag}", "A l’étiquette {tag}"},
	NotHasTag:       {"Does not have the tag {tag}", "N’a pas l’étiquette {tag}"},
	InSegment:       {"Matches the segment {segment}", "Correspond au segment {segment}"},
	NotInSegment:    {"Does not match the segment {segment}", "Ne correspond pas au segment {segment}"},
	DidCount:        {"{event}: {count} {window}; the check wanted at least {min}", "{event} : {count} {window} ; le test en demandait au moins {min}"},
	EmailNotSent:    {"The email of the step {step} was not sent", "Le courriel de l’étape {step} n’a pas été envoyé"},
	EmailOpened:     {"Opened the email of the step {step}", "A ouvert le courriel de l’étape {step}"},
	EmailClicked:    {"Clicked in the email of the step {step}", "A cliqué dans le courriel de l’étape {step}"},
	EmailNotOpened:  {"Has not opened the email of the step {step}", "N’a pas ouvert le courriel de l’étape {step}"},
	EmailNotClicked: {"Has not clicked in the email of the step {step}", "N’a pas cliqué dans le courriel de l’étape {step}"},
	RuleAnswered:    {"The rule {script} answered {answer}", "La règle {script} a répondu {answer}"},

	SplitRandom: {"Random draw: branch {branch} ({percent})", "Tirage au sort : branche {branch} ({percent})"},
	SplitCase:   {"{field} is {got}: its branch", "{field} vaut {got} : sa branche"},
	SplitOther:  {"{field} is {got}: no branch for it, took “Other”", "{field} vaut {got} : aucune branche pour cette valeur, passe par « Autre »"},

	Waiting:          {"Waiting {for}", "Attend {for}"},
	Waited:           {"Waited {for}", "A attendu {for}"},
	WaitNoDate:       {"{field} is empty: no date to wait for", "{field} est vide : aucune date à attendre"},
	WaitDatePassed:   {"The date ({at}) has already passed", "La date ({at}) est déjà passée"},
	WaitingUntil:     {"Waiting until {at}", "Attend jusqu’au {at}"},
	WaitHoursReached: {"Office hours have come", "Les heures ouvrées sont arrivées"},
	WaitInHours:      {"Within office hours", "Pendant les heures ouvrées"},
	WaitingHours:     {"Waiting for office hours: {at}", "Attend les heures ouvrées : {at}"},
	WaitBestReached:  {"The best time has come", "Le meilleur moment est arrivé"},
	WaitBestNow:      {"The best time ({hour}, {source}) is now", "Le meilleur moment ({hour}, {source}), c’est maintenant"},
	WaitingBest:      {"Waiting for the best time: {hour} ({source})", "Attend le meilleur moment : {hour} ({source})"},
	EventHappened:    {"{event} after {after}", "{event} au bout de {after}"},
	EventTimedOut:    {"Not done within {within}: {event}", "Pas fait en {within} : {event}"},
	EventAlready:     {"Already done in the last {lookback}: {event}", "Déjà fait il y a moins de {lookback} : {event}"},
	WaitingEvent:     {"Waiting for: {event}", "Attend : {event}"},
	WaitingEventMax:  {"Waiting for: {event} (at most {max})", "Attend : {event} (au plus {max})"},

	EmailQueued:   {"Email {email} on its way", "Courriel {email} en route"},
	Alerted:       {"Alerted {to}", "{to} prévenu"},
	AlertNoOwner:  {"No alert: the contact has no owner", "Pas d’alerte : le contact n’a pas de responsable"},
	ListAdded:     {"Added to the list {list}", "Ajouté à la liste {list}"},
	ListAlreadyIn: {"Already in the list {list}", "Déjà dans la liste {list}"},
	ListRemoved:   {"Removed from the list {list}", "Retiré de la liste {list}"},
	Tagged:        {"Tagged {tag}", "Étiquette {tag} ajoutée"},
	Untagged:      {"Tag {tag} removed", "Étiquette {tag} retirée"},
	StageSet:      {"Lifecycle stage set to {stage}", "Étape du cycle passée à {stage}"},
	StageStays:    {"Lifecycle stage stays {stage}: stages only move forward ({asked} was asked)", "L’étape du cycle reste {stage} : elle ne fait qu’avancer ({asked} demandé)"},
	ScorePoints:   {"{points}", "{points}"},
	ScoreScript:   {"{points} from the script {script}", "{points} selon le script {script}"},
	FieldSet:      {"{field} set to {value}", "{field} passe à {value}"},
	SentToFunnel:  {"Sent to the funnel {funnel}", "Envoyé vers le tunnel {funnel}"},
	WebhookQueued: {"Call to {url} on its way", "Appel à {url} en route"},
	ScriptRan:     {"The script {script} ran", "Le script {script} s’est exécuté"},
	GoalReached:   {"Goal reached", "Objectif atteint"},
	Ended:         {"Left the funnel here", "Sorti du tunnel ici"},

	LeftOnEvent:      {"Left the funnel: {event}", "Sorti du tunnel : {event}"},
	GoalJumpEvent:    {"Went straight to the goal {step}: {event}", "Passé directement à l’objectif {step} : {event}"},
	GoalJumpTag:      {"Went straight to the goal {step}: got the tag {tag}", "Passé directement à l’objectif {step} : a reçu l’étiquette {tag}"},
	GoalJumpList:     {"Went straight to the goal {step}: joined the list {list}", "Passé directement à l’objectif {step} : a rejoint la liste {list}"},
	SkipUnsubscribed: {"Email {email} not sent: the contact unsubscribed", "Courriel {email} non envoyé : le contact s’est désabonné"},
	SkipBounced:      {"Email {email} not sent: the address was refused before", "Courriel {email} non envoyé : l’adresse a déjà été refusée"},
	SkipNoAddress:    {"Email {email} not sent: the contact has no email address", "Courriel {email} non envoyé : le contact n’a pas d’adresse courriel"},
	SkipCap:          {"Email not sent: the limit of {cap} per {per} is reached", "Courriel non envoyé : la limite de {cap} par {per} est atteinte"},
	QuietHours:       {"Email {email} held for quiet hours, goes {at}", "Courriel {email} retenu pendant les heures calmes, part le {at}"},
	FunnelNotLive:    {"The funnel {funnel} is not published: the contact stays out of it", "Le tunnel {funnel} n’est pas publié : le contact n’y entre pas"},
	FunnelNoEntry:    {"The funnel {funnel} has no “Comes from another funnel” start", "Le tunnel {funnel} n’a pas de départ « Vient d’un autre tunnel »"},
	FunnelNoReentry:  {"Sent to the funnel {funnel}, which does not let the contact in again", "Envoyé vers le tunnel {funnel}, qui ne laisse pas le contact y revenir"},
	FunnelLeftOut:    {"The funnel {funnel} is not finished, so this simulation leaves it out: the contact stops here", "Le tunnel {funnel} n’est pas terminé, cette simulation le laisse de côté : le contact s’arrête ici"},
	SimLeftOut:       {"The funnel {from} sends contacts to {funnel}, which is not finished: this simulation leaves it out, and those contacts stop there", "Le tunnel {from} envoie des contacts vers {funnel}, qui n’est pas terminé : cette simulation le laisse de côté, et ces contacts s’y arrêtent"},
	StepFailed:       {"Stopped by an error: {error}", "Arrêté par une erreur : {error}"},
	StepLoop:         {"Stopped after {steps} steps without a wait, to avoid an endless loop", "Arrêté après {steps} étapes sans attente, pour éviter une boucle sans fin"},

	SentAfterAll:   {"{message} sent after all", "{message} finalement envoyé"},
	SendRetry:      {"{message} not sent yet: {error} (next try: {at})", "{message} pas encore envoyé : {error} (nouvel essai le {at})"},
	SendGaveUp:     {"{message} not sent: {error} (gave up after {tries} tries)", "{message} non envoyé : {error} (abandon après {tries} essais)"},
	SendRefused:    {"{message} not sent: the address was refused ({error})", "{message} non envoyé : l’adresse a été refusée ({error})"},
	SendFailed:     {"{message} not sent: {error}", "{message} non envoyé : {error}"},
	SendDeleted:    {"{message} not sent: the contact was deleted meanwhile", "{message} non envoyé : le contact a été supprimé entre-temps"},
	SendSuppressed: {"{message} not sent: the contact unsubscribed or their address was refused meanwhile", "{message} non envoyé : le contact s’est désabonné ou son adresse a été refusée entre-temps"},

	MessagePending:  {"Waiting to be sent", "En attente d’envoi"},
	MessageSending:  {"Being sent", "En cours d’envoi"},
	MessageSent:     {"Sent", "Envoyé"},
	MessageRetrying: {"Not sent yet, will be tried again: {error}", "Pas encore envoyé, nouvel essai prévu : {error}"},
	MessageFailed:   {"Not sent: {error}", "Non envoyé : {error}"},
	MessageBounced:  {"The address was refused: {error}", "L’adresse a été refusée : {error}"},
	MessageSkipped:  {"Not sent: {error}", "Non envoyé : {error}"},
	MessageTries:    {"{tries} tries", "{tries} essais"},
	CauseFunnel:     {"From the funnel {funnel}", "Par le tunnel {funnel}"},
	CauseScript:     {"From the script {script}", "Par le script {script}"},
	CauseRule:       {"Scoring rule {rule}", "Règle de pointage {rule}"},
	EventList:       {"List {list}", "Liste {list}"},
	EventTag:        {"Tag {tag}", "Étiquette {tag}"},
	EventSegment:    {"Segment {segment}", "Segment {segment}"},
	EventURL:        {"Page {url}", "Page {url}"},
	EventField:      {"Field: {field}", "Champ : {field}"},
	EventCause:      {"Cause: {cause}", "Cause : {cause}"},
	EventTemp:       {"Temperature: {temperature}", "Température : {temperature}"},
	EventEmail:      {"Email {email}", "Courriel {email}"},
	EventFunnel:     {"Funnel {funnel}", "Tunnel {funnel}"},
	EventGoal:       {"Goal {step}", "Objectif {step}"},
	EventProp:       {"{prop}: {val}", "{prop} : {val}"},

	ErrEmailGone:   {"the email no longer exists (deleted after the funnel was published): choose an email in the step, or create it again, then retry", "le courriel n’existe plus (supprimé après la publication du tunnel) : choisissez un courriel dans l’étape, ou recréez-le, puis réessayez"},
	ErrRelayDNS:    {"the relay’s name ({addr}) could not be found", "le nom du relais ({addr}) est introuvable"},
	ErrRelayConn:   {"could not connect to the relay ({addr})", "connexion impossible au relais ({addr})"},
	ErrRelayTLS:    {"the secure connection to the relay ({addr}) failed", "la connexion sécurisée au relais ({addr}) a échoué"},
	ErrRelayAuth:   {"the relay ({addr}) refused the login", "le relais ({addr}) a refusé l’identification"},
	ErrRelaySender: {"the relay ({addr}) refused the sender", "le relais ({addr}) a refusé l’expéditeur"},
	ErrRelayRcpt:   {"the relay ({addr}) refused the recipient", "le relais ({addr}) a refusé le destinataire"},
	ErrRelayData:   {"the relay ({addr}) refused the message", "le relais ({addr}) a refusé le message"},
	ErrRelayAuthAs: {"the relay ({addr}) refused the login as {value}", "le relais ({addr}) a refusé l’identification de {value}"},

	ErrEmailMissing:   {"no email address", "pas d’adresse courriel"},
	ErrEmailNoAt:      {"{value} is not an email address: it has no @", "{value} n’est pas une adresse courriel : il n’y a pas de @"},
	ErrEmailTwoAt:     {"{value} is not an email address: it has more than one @", "{value} n’est pas une adresse courriel : il y a plus d’un @"},
	ErrEmailNoLocal:   {"{value} is not an email address: nothing comes before the @", "{value} n’est pas une adresse courriel : il n’y a rien avant le @"},
	ErrEmailNoDomain:  {"{value} is not an email address: nothing comes after the @", "{value} n’est pas une adresse courriel : il n’y a rien après le @"},
	ErrEmailBadChar:   {"{value} is not an email address: it holds a space or a character no address can have", "{value} n’est pas une adresse courriel : elle contient une espace ou un caractère interdit dans une adresse"},
	ErrEmailBadDot:    {"{value} is not an email address: a dot is out of place before the @", "{value} n’est pas une adresse courriel : un point est mal placé avant le @"},
	ErrEmailDomainDot: {"{value} is not an email address: its domain {domain} has no dot", "{value} n’est pas une adresse courriel : son domaine {domain} n’a pas de point"},
	ErrEmailBadDomain: {"{value} is not an email address: its domain {domain} is not a valid one", "{value} n’est pas une adresse courriel : son domaine {domain} n’est pas valide"},
	ErrRowTooLong:     {"the line has {values} values but the header has {columns} columns (a separator inside a value without quotes?)", "la ligne a {values} valeurs mais l’en-tête a {columns} colonnes (un séparateur dans une valeur sans guillemets ?)"},
	ErrScriptLine:     {"the rule {script}, line {line}: {error}", "la règle {script}, ligne {line} : {error}"},
	ErrScript:         {"the rule {script}: {error}", "la règle {script} : {error}"},
	ErrLuaIndex:       {"{value} cannot be read from a value that is {what}", "impossible de lire {value} dans une valeur qui vaut {what}"},
	ErrLuaUnknown:     {"{error} ({value} is a name Lua does not know: it is nil here)", "{error} ({value} est un nom que Lua ne connaît pas : il vaut nil ici)"},

	Text0: {"{text}", "{text}"},
}
