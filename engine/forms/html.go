package forms

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"flightplan/engine/contacts"
)

// Names of the hidden inputs every form carries besides its fields. The
// honeypot is a text input people never see (moved off screen, skipped by
// Tab and screen readers) that form-filling bots do fill.
const (
	HoneypotField = "fp_website"
	StampField    = "fp_t"
	VisitorField  = "fp_vid"
	PageField     = "fp_page"
)

// Texts are a page's fixed words in one language.
type Texts struct {
	Send, Required, Thanks, ThanksText, Confirm, ConfirmText, Check, TooFast, Busy, Yes string
	Invalid                                                                             map[contacts.FieldType]string
	InvalidOther                                                                        string
	ConfirmSubject, ConfirmBody, ConfirmButton, Confirmed, ConfirmedText, Expired       string
	Optional                                                                            string
	// NotKept and NotKeptText answer the unsubscribe link of a
	// confirmation email: an address not confirmed is not kept.
	NotKept, NotKeptText string
}

var texts = map[string]Texts{
	"en": {
		Send: "Send", Required: "Please fill in this field.", Thanks: "Thank you!", ThanksText: "We have received your details.",
		Confirm: "Check your inbox", ConfirmText: "We sent you an email: follow its link to confirm your address.",
		Check: "Please check the fields marked below.", TooFast: "Please check your details and send the form again.",
		Busy: "Too many attempts from your connection. Please wait a minute and try again.", Yes: "Yes",
		Invalid: map[contacts.FieldType]string{
			contacts.TypeEmail: "Enter an email address, such as name@example.com.", contacts.TypeNumber: "Enter a number.",
			contacts.TypeDate: "Enter a date, such as 1985-03-31.", contacts.TypePhone: "Enter a phone number.",
			contacts.TypeChoice: "Pick one of the choices.", contacts.TypeBoolean: "Answer yes or no.",
		},
		InvalidOther:   "This value is not accepted.",
		ConfirmSubject: "Please confirm your address", ConfirmBody: "Someone (we hope you) filled in our form “%s” with this address. Confirm it by following this link:",
		ConfirmButton: "Confirm my address", Confirmed: "Address confirmed", ConfirmedText: "Thank you, your address is confirmed.",
		Expired: "This link is no longer valid. Please fill in the form again.", Optional: "optional",
		NotKept: "You will get nothing more", NotKeptText: "Without confirmation your address is not kept, and we will send you nothing more.",
	},
	"fr": {
		Send: "Envoyer", Required: "Veuillez remplir ce champ.", Thanks: "Merci!", ThanksText: "Nous avons bien reçu vos coordonnées.",
		Confirm: "Vérifiez votre boîte de réception", ConfirmText: "Nous vous avons envoyé un courriel : suivez son lien pour confirmer votre adresse.",
		Check: "Veuillez vérifier les champs indiqués ci-dessous.", TooFast: "Veuillez vérifier vos coordonnées et envoyer le formulaire de nouveau.",
		Busy: "Trop d'essais depuis votre connexion. Attendez une minute, puis réessayez.", Yes: "Oui",
		Invalid: map[contacts.FieldType]string{
			contacts.TypeEmail: "Entrez une adresse courriel, par exemple nom@exemple.com.", contacts.TypeNumber: "Entrez un nombre.",
			contacts.TypeDate: "Entrez une date, par exemple 1985-03-31.", contacts.TypePhone: "Entrez un numéro de téléphone.",
			contacts.TypeChoice: "Choisissez une des réponses proposées.", contacts.TypeBoolean: "Répondez par oui ou non.",
		},
		InvalidOther:   "Cette valeur n'est pas acceptée.",
		ConfirmSubject: "Confirmez votre adresse", ConfirmBody: "Quelqu'un (vous, espérons-le) a rempli notre formulaire « %s » avec cette adresse. Confirmez-la en suivant ce lien :",
		ConfirmButton: "Confirmer mon adresse", Confirmed: "Adresse confirmée", ConfirmedText: "Merci, votre adresse est confirmée.",
		Expired: "Ce lien n'est plus valide. Veuillez remplir le formulaire de nouveau.", Optional: "facultatif",
		NotKept: "Vous ne recevrez plus rien", NotKeptText: "Sans confirmation, votre adresse n'est pas conservée et nous ne vous enverrons plus rien.",
	},
}

// TextsFor returns the fixed words of a language (English for any other).
func TextsFor(lang string) Texts {
	if t, ok := texts[lang]; ok {
		return t
	}
	return texts["en"]
}

// identityLabels name the built-in fields on a page, in each language.
var identityLabels = map[string][2]string{
	"email": {"Email", "Courriel"}, "first_name": {"First name", "Prénom"}, "last_name": {"Last name", "Nom"},
	"company": {"Company", "Entreprise"}, "job_title": {"Job title", "Poste"}, "phone": {"Phone", "Téléphone"},
	"country": {"Country", "Pays"}, "city": {"City", "Ville"}, "timezone": {"Time zone", "Fuseau horaire"},
	"language": {"Language", "Langue"}, "birth_date": {"Birth date", "Date de naissance"}, "owner": {"Owner", "Responsable"},
}

// Label is what a page shows above a field: the form's own label, else the
// built-in field's name in the form's language, else the custom field's
// label.
func Label(f *Form, fl Field, defs map[string]contacts.FieldDef) string {
	if fl.Label != "" {
		return fl.Label
	}
	if l, ok := identityLabels[fl.Name]; ok {
		if f.Lang == "fr" {
			return l[1]
		}
		return l[0]
	}
	if d, ok := defs[fl.Name]; ok && d.Label != "" {
		return d.Label
	}
	return fl.Name
}

// ErrorText says a field's error code in the form's language.
func ErrorText(f *Form, code string, def contacts.FieldDef) string {
	t := TextsFor(f.Lang)
	if code == ErrRequired {
		return t.Required
	}
	if s, ok := t.Invalid[def.Type]; ok {
		return s
	}
	return t.InvalidOther
}

// State is what a page shows besides the form's definition.
type State struct {
	// Action is the URL the form posts to.
	Action string
	// Stamp is the signed time the page was made (time to fill).
	Stamp string
	// Values are the values typed, kept when the page comes back with
	// errors; Errors the fields' problems; Message a line above the form.
	Values  map[string]string
	Errors  FieldErrors
	Message string
	// Done shows the success (or "check your inbox") text instead of the
	// form; DoneTitle and DoneText override it.
	Done                bool
	DoneTitle, DoneText string
	// Embedded drops the page's margins (inside an iframe).
	Embedded bool
	// Button, instead of the form, shows a one-button form posting back to
	// the page's own address (the double opt-in page: a GET, as mail
	// scanners make, must not confirm).
	Button string
}

type input struct {
	Name, Label, Type, Value, Error, ErrID string
	Required, Checked, Choice, Bool        bool
	Options                                []string
}

type pageData struct {
	Lang, Title, Intro, Action, Stamp, Send, Message, Optional string
	Inputs                                                     []input
	Done                                                       bool
	DoneTitle, DoneText                                        string
	Embedded                                                   bool
	HP, StampName, VisitorName, PageName                       string
	Visitor, Page                                              string
	Button                                                     string
}

func inputs(f *Form, defs map[string]contacts.FieldDef, st State) []input {
	var out []input
	for _, fl := range f.Fields {
		d := defs[fl.Name]
		in := input{Name: fl.Name, Label: Label(f, fl, defs), Required: fl.Required, Value: st.Values[fl.Name]}
		switch d.Type {
		case contacts.TypeEmail:
			in.Type = "email"
		case contacts.TypePhone:
			in.Type = "tel"
		case contacts.TypeDate:
			in.Type = "date"
		case contacts.TypeBoolean:
			in.Bool = true
			in.Checked = in.Value != ""
		case contacts.TypeChoice:
			in.Choice, in.Options = true, d.Options
		default:
			in.Type = "text"
		}
		if code, ok := st.Errors[fl.Name]; ok {
			in.Error = ErrorText(f, code, d)
			in.ErrID = "fp-err-" + fl.Name
		}
		out = append(out, in)
	}
	return out
}

// The page is plain HTML and CSS (no script): it works in any browser, and
// the same markup makes the embed snippet.
var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{{if .Done}}{{.DoneTitle}}{{else if .Button}}{{.Button}}{{else if .Title}}{{.Title}}{{else}}{{.Send}}{{end}}</title>
<style>` + css + `{{if .Embedded}}body{margin:0;padding:.5rem}{{end}}</style></head><body>
<main class="fp-form">
{{if .Done}}<h1>{{.DoneTitle}}</h1><p role="status">{{.DoneText}}</p>
{{else if .Button}}<h1>{{.Button}}</h1><form method="post"><p><button type="submit">{{.Button}}</button></p></form>
{{else}}{{template "form" .}}{{end}}
</main></body></html>
{{define "form"}}{{if .Title}}<h1>{{.Title}}</h1>{{end}}{{if .Intro}}<p>{{.Intro}}</p>{{end}}
{{if .Message}}<p class="fp-message" role="alert">{{.Message}}</p>{{end}}
<form method="post" action="{{.Action}}" accept-charset="utf-8">
{{range .Inputs}}<p class="fp-field{{if .Error}} fp-invalid{{end}}">
{{if .Bool}}<label><input type="checkbox" name="{{.Name}}" value="yes"{{if .Checked}} checked{{end}}{{if .Error}} aria-invalid="true" aria-describedby="{{.ErrID}}"{{end}}> {{.Label}}</label>
{{else}}<label for="fp-{{.Name}}">{{.Label}}{{if not .Required}} <small>({{$.Optional}})</small>{{end}}</label>
{{if .Choice}}<select id="fp-{{.Name}}" name="{{.Name}}"{{if .Required}} required{{end}}{{if .Error}} aria-invalid="true" aria-describedby="{{.ErrID}}"{{end}}><option value=""></option>{{$v := .Value}}{{range .Options}}<option{{if eq . $v}} selected{{end}}>{{.}}</option>{{end}}</select>
{{else}}<input id="fp-{{.Name}}" name="{{.Name}}" type="{{.Type}}" value="{{.Value}}"{{if .Required}} required{{end}}{{if .Error}} aria-invalid="true" aria-describedby="{{.ErrID}}"{{end}}>{{end}}{{end}}
{{if .Error}}<span class="fp-error" id="{{.ErrID}}">{{.Error}}</span>{{end}}</p>
{{end}}<p class="fp-hp" aria-hidden="true"><label>Website <input type="text" name="{{.HP}}" tabindex="-1" autocomplete="off"></label></p>
<input type="hidden" name="{{.StampName}}" value="{{.Stamp}}"><input type="hidden" name="{{.VisitorName}}" value="{{.Visitor}}"><input type="hidden" name="{{.PageName}}" value="{{.Page}}">
<p><button type="submit">{{.Send}}</button></p>
</form>{{end}}`))

const css = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;line-height:1.5;margin:3rem auto;max-width:30rem;padding:0 1rem}
.fp-form h1{font-size:1.4rem;margin:0 0 .5rem}.fp-field{margin:0 0 1rem}.fp-field label{display:block;font-weight:600;margin-bottom:.25rem}
.fp-field small{font-weight:400;color:#52606d}.fp-form input[type=text],.fp-form input[type=email],.fp-form input[type=tel],.fp-form input[type=date],.fp-form select{box-sizing:border-box;width:100%;font:inherit;padding:.5rem .6rem;border:1px solid #9aa5b1;border-radius:.3rem}
.fp-form .fp-invalid input,.fp-form .fp-invalid select{border-color:#c0392b;box-shadow:0 0 0 1px #c0392b}.fp-error{display:block;color:#b42318;font-size:.9rem;margin-top:.25rem}
.fp-message{background:#fdecea;border-radius:.3rem;padding:.5rem .75rem;color:#8a1c12}
.fp-form button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:.3rem;background:#2563eb;color:#fff;cursor:pointer}
.fp-hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}`

func data(f *Form, defs map[string]contacts.FieldDef, st State) pageData {
	t := TextsFor(f.Lang)
	send := f.Submit
	if send == "" {
		send = t.Send
	}
	d := pageData{Lang: f.Lang, Title: f.Title, Intro: f.Intro, Action: st.Action, Stamp: st.Stamp, Send: send,
		Message: st.Message, Optional: t.Optional, Inputs: inputs(f, defs, st), Done: st.Done, Embedded: st.Embedded,
		HP: HoneypotField, StampName: StampField, VisitorName: VisitorField, PageName: PageField,
		Visitor: st.Values[VisitorField], Page: st.Values[PageField], Button: st.Button}
	if st.Done {
		d.DoneTitle, d.DoneText = st.DoneTitle, st.DoneText
		if d.DoneTitle == "" {
			d.DoneTitle = t.Thanks
		}
		if d.DoneText == "" {
			d.DoneText = f.Success
		}
		if d.DoneText == "" {
			d.DoneText = t.ThanksText
		}
	}
	return d
}

// Page renders the hosted page of a form.
func Page(f *Form, defs map[string]contacts.FieldDef, st State) []byte {
	var b bytes.Buffer
	if err := pageTmpl.Execute(&b, data(f, defs, st)); err != nil {
		panic(err) // the template and its data are ours: a bug, not input
	}
	return b.Bytes()
}

// Snippets are the two ways to put a form on a site.
type Snippets struct {
	// HTML is a plain <form> posting to the engine, with its style and a
	// one-line script that stamps the time and the visitor; it works
	// without the script too (the engine then asks once more to send).
	HTML string `json:"html"`
	// IFrame shows the hosted page inside the site's page.
	IFrame string `json:"iframe"`
	// Page is the hosted page's address.
	Page string `json:"page"`
}

// Embed returns the snippets of a form served under base (the engine's
// public address, no trailing slash).
func Embed(f *Form, defs map[string]contacts.FieldDef, base string) Snippets {
	page := base + "/f/" + f.Key
	var b bytes.Buffer
	d := data(f, defs, State{Action: page})
	b.WriteString("<div class=\"fp-form\" id=\"fp-form-" + f.Key + "\">\n<style>" + scopedCSS(f.Key) + "</style>\n")
	if err := pageTmpl.ExecuteTemplate(&b, "form", d); err != nil {
		panic(err)
	}
	// The script fills the hidden inputs: the signed time the page was
	// opened (time to fill), the website visitor id the tracking snippet
	// keeps, and the page's address.
	b.WriteString("\n<script>(function(d){var f=d.querySelector('form');f." + PageField + ".value=location.href;" +
		"var v='';try{v=localStorage.getItem('fp_v')||''}catch(e){}if(!v){v=(document.cookie.match('(?:^|; )fp_v=([^;]*)')||[])[1]||''}f." + VisitorField + ".value=v;" +
		"fetch('" + page + "/t').then(function(r){return r.text()}).then(function(t){f." + StampField + ".value=t})" +
		"})(document.getElementById('fp-form-" + f.Key + "'))</script>\n</div>\n")
	iframe := `<iframe src="` + template.HTMLEscapeString(page) + `?embed=1" title="` + template.HTMLEscapeString(f.Name) +
		`" style="width:100%;max-width:32rem;height:` + strconv.Itoa(220+90*len(f.Fields)) + `px;border:0" loading="lazy"></iframe>`
	return Snippets{HTML: b.String(), IFrame: iframe, Page: page}
}

// scopedCSS is the page's style limited to the snippet's box, so it does
// not restyle the site around it.
func scopedCSS(key string) string {
	var out []string
	for _, rule := range strings.Split(css, "\n") {
		if strings.HasPrefix(rule, "body{") {
			continue
		}
		sel, body, ok := strings.Cut(rule, "{")
		if !ok {
			continue
		}
		var parts []string
		for _, s := range strings.Split(sel, ",") {
			s = strings.TrimPrefix(s, ".fp-form ")
			parts = append(parts, "#fp-form-"+key+" "+s)
		}
		out = append(out, strings.Join(parts, ",")+"{"+body)
	}
	return strings.Join(out, "\n")
}
