package engine

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"flightplan/engine/delivery"
	"flightplan/engine/flow"
	"flightplan/engine/forms"
	"flightplan/engine/mail"
	"flightplan/engine/store"
	"flightplan/engine/track"
	"flightplan/engine/website"
)

// liveForms is a started engine with a "White paper" form, and a clock the
// form's spam checks read that the test moves forward (time to fill).
type liveForms struct {
	e    *Engine
	base string
	form forms.Form
	skew atomic.Int64 // added to the checks' clock, in ns
}

func startForms(t *testing.T, burst int, edit func(*forms.Form), opts ...func(*delivery.Options)) *liveForms {
	t.Helper()
	e, err := New(Options{Workspace: testWorkspace(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	l := &liveForms{e: e}
	f := forms.Form{Name: "White paper", Lang: "en", Fields: []forms.Field{{Name: "email"}, {Name: "first_name", Required: true}, {Name: "company"}},
		Lists: []string{"Prospects"}, Tags: []string{"white-paper"}}
	if edit != nil {
		edit(&f)
	}
	if l.form, err = e.SaveForm(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	lim := forms.Limits{Burst: burst, Now: func() time.Time { return time.Now().Add(time.Duration(l.skew.Load())) }}
	do := delivery.Options{HTTPAddr: "127.0.0.1:0", CaptureAddr: "127.0.0.1:0", FormLimits: lim}
	for _, o := range opts {
		o(&do)
	}
	if err := e.Start(StartOptions{Poll: 20 * time.Millisecond, Delivery: do}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Stop)
	l.base = "http://" + e.Delivery.HTTPAddr()
	return l
}

var stampRE = regexp.MustCompile(`name="fp_t" value="([^"]+)"`)

// open GETs the hosted page and returns its time stamp.
func (l *liveForms) open(t *testing.T) string {
	t.Helper()
	resp, err := http.Get(l.base + "/f/" + l.form.Key)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := stampRE.FindSubmatch(body)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("form page: %d, no stamp in %s", resp.StatusCode, body)
	}
	return string(m[1])
}

// send POSTs the values (and the headers) to the form, as a browser would.
func (l *liveForms) send(t *testing.T, vals url.Values, header ...string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("POST", l.base+"/f/"+l.form.Key, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// filled is a person's submission: a stamp from a page opened 3 s ago.
func (l *liveForms) filled(t *testing.T, vals url.Values) url.Values {
	vals.Set(forms.StampField, l.open(t))
	l.skew.Add(int64(3 * time.Second))
	return vals
}

func (l *liveForms) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := l.e.Store.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// publishPaperFunnel publishes a funnel that starts on "submits the White
// paper form" and sends the "Your white paper, {first name}" email.
func (l *liveForms) publishPaperFunnel(t *testing.T) {
	t.Helper()
	l.e.Store.SaveTemplate("paper", "Your white paper", `{"subject":"Your white paper, {{ contact.first_name }}","text":"Here it is."}`, time.Now())
	f := flow.New("paper", "White paper")
	f.Nodes = []flow.Node{
		{ID: "start", Type: "trigger.form_submitted", Config: map[string]any{"form": "White paper"}},
		{ID: "mail", Type: "action.send_email", Config: map[string]any{"template": "paper"}},
	}
	f.Edges = []flow.Edge{{From: "start", To: "mail"}}
	if _, err := l.e.Store.Publish(f, "", time.Now()); err != nil {
		t.Fatal(err)
	}
}

// confirmLink is the double opt-in link in the capture mailbox's message
// to addr (its HTML part, else its text), with the parsed message.
func (l *liveForms) confirmLink(t *testing.T, addr string) (string, *mail.Parsed) {
	t.Helper()
	box, _ := l.e.Store.Mailbox(10)
	for _, m := range box {
		if m.To != addr {
			continue
		}
		raw, _ := l.e.Store.MailboxRaw(m.ID)
		p, err := mail.Parse(raw.Raw)
		if err != nil {
			t.Fatal(err)
		}
		link := confirmRE.FindString(p.HTML + "\n" + p.Text)
		if link == "" {
			t.Fatalf("no confirmation link in the message to %s:\n%s\n%s", addr, p.HTML, p.Text)
		}
		return link, &p
	}
	t.Fatalf("no message to %s in the mailbox %+v", addr, box)
	return "", nil
}

var confirmRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/f/\w+/confirm/[\w-]+`)

// A person sends the white-paper form: the contact is created in the
// form's list with its tag, and a funnel that starts on "submits the White
// paper form" sends its email to the capture mailbox.
func TestFormSubmissionStartsAFunnel(t *testing.T) {
	l := startForms(t, 0, nil)
	l.publishPaperFunnel(t)
	code, body, _ := l.send(t, l.filled(t, url.Values{"email": {"Ana@Example.com"}, "first_name": {"Ana"}, "company": {""}, forms.PageField: {"http://127.0.0.1:9/paper.html"}}))
	if code != 200 || !strings.Contains(body, "Thank you!") {
		t.Fatalf("send: %d %s", code, body)
	}
	id, err := store.ContactIDByEmail(t.Context(), l.e.Store, "ana@example.com")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := store.LoadContact(t.Context(), l.e.Store, id)
	if c.Identity["first_name"] != "Ana" || len(c.Lists) != 1 || c.Lists[0] != "Prospects" || len(c.Tags) != 1 || c.Tags[0] != "white-paper" {
		t.Fatalf("contact %+v, want Ana in Prospects tagged white-paper", c)
	}
	if n := l.count(t, `SELECT count(*) FROM events WHERE type='form_submitted' AND json_extract(props,'$.form')='White paper' AND json_extract(props,'$.url')='http://127.0.0.1:9/paper.html'`); n != 1 {
		t.Fatalf("%d form_submitted events naming the form and page, want 1", n)
	}
	waitFor(t, "the funnel's email", func() bool { box, _ := l.e.Store.Mailbox(10); return len(box) == 1 })
	box, _ := l.e.Store.Mailbox(10)
	if box[0].Subject != "Your white paper, Ana" || box[0].To != "ana@example.com" {
		t.Fatalf("mail %q to %q", box[0].Subject, box[0].To)
	}
	// Sent again with a company: merged into the same contact, the first
	// name kept when left empty.
	code, body, _ = l.send(t, l.filled(t, url.Values{"email": {"ana@example.com"}, "first_name": {"Ana"}, "company": {"Acme"}}))
	if code != 200 {
		t.Fatalf("second send: %d %s", code, body)
	}
	if n := l.count(t, `SELECT count(*) FROM contacts`); n != 1 {
		t.Fatalf("%d contacts, want the one merged", n)
	}
	c, _ = store.LoadContact(t.Context(), l.e.Store, id)
	if c.Identity["company"] != "Acme" || c.Identity["first_name"] != "Ana" {
		t.Fatalf("merged contact %+v", c.Identity)
	}
	if got, _ := l.e.Forms(t.Context()); len(got) != 1 || got[0].Submissions != 2 || got[0].Spam != 0 {
		t.Fatalf("form counts %+v, want 2 submissions", got)
	}
}

// A wrong value comes back next to its field, in the form's language, with
// what was typed kept; nothing is written.
func TestFormValidationNamesTheField(t *testing.T) {
	l := startForms(t, 0, func(f *forms.Form) { f.Lang = "fr" })
	code, body, _ := l.send(t, l.filled(t, url.Values{"email": {"ana@"}, "first_name": {""}, "company": {"Acme & fils"}}))
	if code != 422 {
		t.Fatalf("send: %d, want 422", code)
	}
	for _, want := range []string{
		`aria-describedby="fp-err-email"`, `<span class="fp-error" id="fp-err-email">Entrez une adresse courriel`,
		`<span class="fp-error" id="fp-err-first_name">Veuillez remplir ce champ.`,
		`value="ana@"`, `value="Acme &amp; fils"`, `lang="fr"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, `id="fp-err-company"`) {
		t.Error("the optional company, filled correctly, is marked wrong")
	}
	if n := l.count(t, `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatalf("%d contacts written from a refused submission", n)
	}
}

// The spam checks: a bot that fills the honeypot is told it worked and
// nothing is written; a form sent faster than a person fills it, or with
// no stamp, comes back to be sent again; a page from an undeclared site is
// refused; a flood from one address gets 429.
func TestFormSpamChecks(t *testing.T) {
	l := startForms(t, 4, nil)
	person := url.Values{"email": {"bob@example.com"}, "first_name": {"Bob"}}

	bot := l.filled(t, url.Values{"email": {"bot@example.com"}, "first_name": {"Bot"}, forms.HoneypotField: {"http://spam.example"}})
	if code, body, _ := l.send(t, bot); code != 200 || !strings.Contains(body, "Thank you!") {
		t.Fatalf("honeypot: %d %s, want a quiet thank you", code, body)
	}
	fast := url.Values{"email": {"bob@example.com"}, "first_name": {"Bob"}, forms.StampField: {l.open(t)}}
	code, body, _ := l.send(t, fast)
	if code != 422 || !strings.Contains(body, "send the form again") || !strings.Contains(body, `value="Bob"`) {
		t.Fatalf("sent at once: %d %s, want the page back with Bob kept", code, body)
	}
	if code, body, _ := l.send(t, person); code != 422 || !stampRE.MatchString(body) {
		t.Fatalf("no stamp: %d %s, want the page back with a fresh stamp", code, body)
	}
	if n := l.count(t, `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatalf("%d contacts written by bots", n)
	}
	if got, _ := l.e.Forms(t.Context()); got[0].Spam != 3 || got[0].Submissions != 0 {
		t.Fatalf("counts %+v, want 3 spam", got[0])
	}
	// The bucket held 4: the fourth post is from an undeclared site (403,
	// still spent), the fifth is one too many.
	if code, body, _ := l.send(t, l.filled(t, person), "Origin", "https://elsewhere.example"); code != 403 || !strings.Contains(body, "White paper") {
		t.Fatalf("undeclared site: %d %s, want 403 naming the form", code, body)
	}
	code, body, h := l.send(t, l.filled(t, person), "Origin", "http://127.0.0.1:9")
	if code != 200 {
		t.Fatalf("a loopback page's post: %d %s", code, body)
	}
	code, _, h = l.send(t, l.filled(t, person))
	if code != 429 || h.Get("Retry-After") == "" {
		t.Fatalf("flood: %d (Retry-After %q), want 429 with Retry-After", code, h.Get("Retry-After"))
	}
}

// Behind a reverse proxy (run --behind-proxy) the per-IP limit counts the
// client the proxy names in X-Forwarded-For, and a client cannot escape it
// by writing the header itself; without it the header is ignored and every
// post counts against the connection's address.
func TestFormLimitBehindAProxy(t *testing.T) {
	post := func(l *liveForms, email, xff string) int {
		t.Helper()
		code, body, _ := l.send(t, l.filled(t, url.Values{"email": {email}, "first_name": {"Pat"}}), "X-Forwarded-For", xff)
		if code != 200 && code != 429 {
			t.Fatalf("post from %s: %d %s", xff, code, body)
		}
		return code
	}
	l := startForms(t, 2, nil, func(o *delivery.Options) { o.TrustedProxies = track.DefaultTrustedProxies })
	for i, c := range []struct {
		xff  string
		want int
	}{
		{"203.0.113.5", 200}, {"203.0.113.5", 200}, {"203.0.113.5", 429}, // client A spends its burst of 2
		{"203.0.113.6", 200},               // client B has its own
		{"198.51.100.1, 203.0.113.5", 429}, // A writing another address first is still A
		{"203.0.113.5, 10.1.2.3", 429},     // A through a second, private proxy is still A
	} {
		if got := post(l, fmt.Sprintf("pat%d@example.com", i), c.xff); got != c.want {
			t.Errorf("post %d from %q: %d, want %d", i+1, c.xff, got, c.want)
		}
	}
	// Not behind a proxy: the header is anyone's, the peer (loopback) counts.
	l = startForms(t, 2, nil)
	for i, xff := range []string{"203.0.113.5", "203.0.113.6", "203.0.113.7"} {
		want := 200
		if i == 2 {
			want = 429
		}
		if got := post(l, fmt.Sprintf("sam%d@example.com", i), xff); got != want {
			t.Errorf("without a proxy, post %d from %q: %d, want %d", i+1, xff, got, want)
		}
	}
}

// A double opt-in form writes nothing until the link in its confirmation
// email is followed and its button pressed (a GET, which mail scanners
// make, confirms nothing).
func TestFormDoubleOptIn(t *testing.T) {
	l := startForms(t, 0, func(f *forms.Form) { f.DoubleOptIn = true })
	code, body, _ := l.send(t, l.filled(t, url.Values{"email": {"cleo@example.com"}, "first_name": {"Cléo"}}))
	if code != 200 || !strings.Contains(body, "Check your inbox") {
		t.Fatalf("send: %d %s", code, body)
	}
	if n := l.count(t, `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatal("a contact was written before confirmation")
	}
	if box, _ := l.e.Store.Mailbox(10); len(box) != 1 {
		t.Fatalf("mailbox %+v, want one confirmation to cleo", box)
	}
	link, p := l.confirmLink(t, "cleo@example.com")
	if p.Subject != "Please confirm your address" {
		t.Errorf("built-in confirmation's subject %q", p.Subject)
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if n := l.count(t, `SELECT count(*) FROM contacts`); resp.StatusCode != 200 || n != 0 || !strings.Contains(string(page), `<form method="post"><p><button type="submit">Confirm my address</button>`) {
		t.Fatalf("GET of the link: %d, %d contacts, %s; want the button page and nobody", resp.StatusCode, n, page)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("the confirmation page may be framed: %q", csp)
	}
	if resp, err = http.Post(link, "application/x-www-form-urlencoded", nil); err != nil {
		t.Fatal(err)
	}
	body2, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body2), "Address confirmed") {
		t.Fatalf("confirm: %d %s", resp.StatusCode, body2)
	}
	if n := l.count(t, `SELECT count(*) FROM contacts c JOIN contact_tags t ON t.contact_id=c.id WHERE c.email='cleo@example.com' AND c.first_name='Cléo' AND t.tag='white-paper'`); n != 1 {
		t.Fatal("the confirmed contact is not written with its tag")
	}
	// A tampered link is refused.
	if resp, err = http.Post(link[:len(link)-2]+"xx", "application/x-www-form-urlencoded", nil); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Fatalf("tampered link: %d, want 404", resp.StatusCode)
	}
}

// A double opt-in form sends the workspace email it picks: its merge
// fields are filled from what the form received, {{ confirm_url }} is the
// working link, its unsubscribe link says the address is not kept. The
// email checker warns when a picked confirmation email has no link.
func TestFormDoubleOptInSendsThePickedEmail(t *testing.T) {
	l := startForms(t, 0, func(f *forms.Form) { f.DoubleOptIn, f.ConfirmEmail = true, "confirm-paper" })
	tpl := mail.Template{ID: "confirm-paper", Name: "Confirm the white paper", Subject: "One click, {{ contact.first_name }}",
		HTML: `<p>Hello {{ contact.first_name }} from {{ contact.company | default: "your company" }},</p>` +
			`<p><a href="{{ confirm_url }}">Yes, send me the paper</a></p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>`}
	probs, err := l.e.SaveEmailTemplate(tpl)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		if p.Code == mail.CodeUnknownVariable || p.Code == mail.CodeNoConfirmLink {
			t.Errorf("a confirmation email with {{ confirm_url }}: %+v", p)
		}
	}
	code, body, _ := l.send(t, l.filled(t, url.Values{"email": {"cleo@example.com"}, "first_name": {"Cléo"}, "company": {"Acme"}}))
	if code != 200 || !strings.Contains(body, "Check your inbox") {
		t.Fatalf("send: %d %s", code, body)
	}
	link, p := l.confirmLink(t, "cleo@example.com")
	if p.Subject != "One click, Cléo" || !strings.Contains(p.HTML, "Hello Cléo from Acme") || !strings.Contains(p.HTML, `href="`+link+`"`) {
		t.Fatalf("confirmation %q:\n%s", p.Subject, p.HTML)
	}
	unsub := regexp.MustCompile(`href="([^"]+/unsubscribe)"`).FindStringSubmatch(p.HTML)
	if unsub == nil {
		t.Fatalf("no unsubscribe link in %s", p.HTML)
	}
	resp, err := http.Get(unsub[1])
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "You will get nothing more") {
		t.Fatalf("unsubscribe page: %d %s", resp.StatusCode, page)
	}
	if resp, err = http.Post(link, "application/x-www-form-urlencoded", nil); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if n := l.count(t, `SELECT count(*) FROM contacts WHERE email='cleo@example.com' AND first_name='Cléo'`); resp.StatusCode != 200 || n != 1 {
		t.Fatalf("confirm: %d, %d contacts", resp.StatusCode, n)
	}

	// Without the link, the checker says which form needs it.
	tpl.HTML = `<p>Hello {{ contact.first_name }}</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>`
	probs, err = l.e.CheckEmailTemplate(tpl)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range probs {
		found = found || p.Code == mail.CodeNoConfirmLink && p.Params["form"] == "White paper"
	}
	if !found {
		t.Fatalf("no no_confirm_link warning naming the form in %+v", probs)
	}
	// A picked email deleted since: the visitor is told to try later, the
	// log names the form.
	if err := l.e.DeleteEmailTemplate("confirm-paper"); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := l.send(t, l.filled(t, url.Values{"email": {"dan@example.com"}, "first_name": {"Dan"}})); code < 500 {
		t.Fatalf("send with the confirmation email deleted: %d, want a server error", code)
	}
}

// A tracked download records file_downloaded for the contact and sends the
// browser on; a tracked link records link_clicked.
func TestTrackedDownloadAndLink(t *testing.T) {
	l := startForms(t, 0, nil)
	id, err := l.e.AddContact(context.Background(), map[string]string{"email": "dan@example.com"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for what, typ := range map[string]string{"file": "file_downloaded", "link": "link_clicked"} {
		target := "https://example.com/" + what + ".pdf"
		resp, err := client.Get(l.e.Delivery.DownloadURL(what, id, target))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 302 || resp.Header.Get("Location") != target {
			t.Fatalf("%s: %d → %q", what, resp.StatusCode, resp.Header.Get("Location"))
		}
		if n := l.count(t, `SELECT count(*) FROM events WHERE contact_id=? AND type=? AND json_extract(props,'$.url')=?`, id, typ, target); n != 1 {
			t.Fatalf("%d %s events, want 1", n, typ)
		}
	}
}

// A button marked "Count as a download" in an email records, when the
// contact follows it, both the email's click and file_downloaded with the
// file's address, and lands on the file.
func TestEmailDownloadButton(t *testing.T) {
	file := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4 the white paper")
	}))
	defer file.Close()
	paper := file.URL + "/white-paper.pdf"
	l := startForms(t, 0, nil)
	tpl := mail.Template{ID: "paper-dl", Name: "The paper", Subject: "Your paper", Blocks: []mail.Block{
		{Type: mail.BlockButton, Text: "Download the paper", URL: paper, Download: true},
		{Type: mail.BlockButton, Text: "Read the blog", URL: file.URL + "/blog"},
		{Type: mail.BlockText, Text: `<a href="{{ unsubscribe_url }}">Unsubscribe</a>`}}}
	if _, err := l.e.SaveEmailTemplate(tpl); err != nil {
		t.Fatal(err)
	}
	f := flow.New("dl", "Paper")
	f.Nodes = []flow.Node{{ID: "start", Type: "trigger.contact_created"}, {ID: "mail", Type: "action.send_email", Config: map[string]any{"template": "paper-dl"}}}
	f.Edges = []flow.Edge{{From: "start", To: "mail"}}
	if _, err := l.e.Store.Publish(f, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	id, err := l.e.AddContact(t.Context(), map[string]string{"email": "eve@example.com"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the email", func() bool { box, _ := l.e.Store.Mailbox(10); return len(box) == 1 })
	box, _ := l.e.Store.Mailbox(10)
	raw, _ := l.e.Store.MailboxRaw(box[0].ID)
	p, err := mail.Parse(raw.Raw)
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`<a href="([^"]+)" data-fp-download`).FindStringSubmatch(p.HTML)
	if links == nil || strings.Contains(links[1], "white-paper") {
		t.Fatalf("no signed download button in %s", p.HTML)
	}
	resp, err := http.Get(html.UnescapeString(links[1]))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Request.URL.String() != paper || !strings.HasPrefix(string(body), "%PDF") {
		t.Fatalf("landed on %s: %.40q", resp.Request.URL, body)
	}
	waitFor(t, "the download and the click recorded", func() bool {
		return l.count(t, `SELECT count(*) FROM events WHERE contact_id=? AND type='file_downloaded' AND json_extract(props,'$.url')=?`, id, paper) == 1 &&
			l.count(t, `SELECT count(*) FROM events WHERE contact_id=? AND type='email_clicked' AND json_extract(props,'$.url')=?`, id, paper) == 1
	})
	if n := l.count(t, `SELECT count(*) FROM events WHERE type='file_downloaded' AND json_extract(props,'$.url') LIKE '%/blog'`); n != 0 {
		t.Fatal("a plain button counted as a download")
	}
}

// A form's definition is checked: the email field, known fields, a web
// address to redirect to, a name no other form has.
func TestSaveFormProblems(t *testing.T) {
	e, err := New(Options{Workspace: testWorkspace(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	_, err = e.SaveForm(t.Context(), forms.Form{Name: "x", Fields: []forms.Field{{Name: "nickname"}}, Redirect: "javascript:alert(1)"})
	pe, ok := err.(*forms.ProblemError)
	if !ok {
		t.Fatalf("err %v, want problems", err)
	}
	got := map[string]string{}
	for _, p := range pe.Problems {
		got[p.Code] = p.Field
	}
	if got[forms.ProbUnknownField] != "nickname" || len(got) != 3 {
		t.Fatalf("problems %+v, want unknown field nickname, no email, bad redirect", pe.Problems)
	}
	if !strings.Contains(err.Error(), `field "nickname", position 1`) {
		t.Errorf("message %q does not say where", err)
	}
	ok1, err := e.SaveForm(t.Context(), forms.Form{Name: "Demo", Fields: []forms.Field{{Name: "email"}}})
	if err != nil || ok1.Key == "" || !ok1.Fields[0].Required {
		t.Fatalf("save: %+v %v", ok1, err)
	}
	if _, err := e.SaveForm(t.Context(), forms.Form{Name: "demo", Fields: []forms.Field{{Name: "email"}}}); err == nil || !strings.Contains(err.Error(), forms.ProbNameTaken) {
		t.Fatalf("second Demo: %v, want name taken", err)
	}
}

// A form on a declared site carries the website visitor id: the visits the
// visitor made before signing up join the new contact, and the site's
// origin may post.
func TestFormJoinsTheVisitorsHistory(t *testing.T) {
	l := startForms(t, 0, nil)
	const origin = "https://client.example"
	site, err := website.Add(t.Context(), l.e.Store, origin, "")
	if err != nil {
		t.Fatal(err)
	}
	li := &liveIntake{e: l.e, base: l.base}
	v := "visitor-bbbbbbbbbbbbbbbb"
	for _, p := range []string{"/", "/pricing"} {
		body := map[string]any{"k": site.Key, "v": v, "e": []map[string]any{{"t": "page_visited", "d": map[string]any{"url": origin + p, "title": "T", "referrer": ""}}}}
		if code, b, _ := li.hit(t, origin, body); code != 200 {
			t.Fatalf("%s: %d %s", p, code, b)
		}
	}
	vals := l.filled(t, url.Values{"email": {"eve@example.com"}, "first_name": {"Eve"}, forms.VisitorField: {v}})
	if code, body, _ := l.send(t, vals, "Origin", origin); code != 200 {
		t.Fatalf("send from the declared site: %d %s", code, body)
	}
	id, err := store.ContactIDByEmail(t.Context(), l.e.Store, "eve@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if n := l.count(t, `SELECT count(*) FROM events WHERE contact_id=? AND type='page_visited'`, id); n != 2 {
		t.Fatalf("%d earlier visits on the contact, want 2", n)
	}
}

// Forgetting a contact leaves the engine working for everyone else: the
// next contact through the same funnel still gets its email.
func TestForgettingAContactKeepsTheFunnelsRunning(t *testing.T) {
	l := startForms(t, 0, nil)
	l.publishPaperFunnel(t)
	send := func(email, name string) {
		if code, body, _ := l.send(t, l.filled(t, url.Values{"email": {email}, "first_name": {name}, "company": {""}})); code != 200 {
			t.Fatalf("send %s: %d %s", email, code, body)
		}
	}
	send("ana@example.com", "Ana")
	waitFor(t, "Ana's email", func() bool { box, _ := l.e.Store.Mailbox(10); return len(box) == 1 })
	id, err := store.ContactIDByEmail(t.Context(), l.e.Store, "ana@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.e.Store.ForgetContact(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	send("ben@example.com", "Ben")
	waitFor(t, "Ben's email after Ana was forgotten", func() bool {
		box, _ := l.e.Store.Mailbox(10)
		for _, m := range box {
			if m.To == "ben@example.com" {
				return true
			}
		}
		return false
	})
}

// Journey 4 end to end: a double opt-in form sent from a site, its
// confirmation email, the link confirmed; only then does the contact enter
// the funnel that starts on the form, and get its email (with the first
// name the form received).
func TestFormDoubleOptInConfirmedEntersTheFunnel(t *testing.T) {
	l := startForms(t, 0, func(f *forms.Form) { f.DoubleOptIn = true })
	l.publishPaperFunnel(t)
	if code, body, _ := l.send(t, l.filled(t, url.Values{"email": {"noe@example.com"}, "first_name": {"Noé"}})); code != 200 || !strings.Contains(body, "Check your inbox") {
		t.Fatalf("send: %d %s", code, body)
	}
	if n := l.count(t, `SELECT count(*) FROM enrollments WHERE flow_id='paper'`); n != 0 {
		t.Fatalf("%d journeys before the address is confirmed", n)
	}
	link, _ := l.confirmLink(t, "noe@example.com")
	resp, err := http.Post(link, "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	waitFor(t, "the funnel's email after the confirmation", func() bool {
		box, _ := l.e.Store.Mailbox(10)
		for _, m := range box {
			if m.Subject == "Your white paper, Noé" && m.To == "noe@example.com" {
				return true
			}
		}
		return false
	})
	if n := l.count(t, `SELECT count(*) FROM enrollments WHERE flow_id='paper'`); n != 1 {
		t.Fatalf("%d journeys in the form's funnel after the confirmation, want 1", n)
	}
}
