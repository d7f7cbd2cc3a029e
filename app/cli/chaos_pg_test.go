package cli

import (
	"fmt"
	"io"
	"math/rand"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	netmail "net/mail"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"flightplan/engine"
	"flightplan/engine/store/pgtest"
)

// chaosFlow: a signup is tagged and gets a first email; 5 s later, a
// branch on whether it was opened sends a thank-you or a reminder.
const chaosFlow = `{
  "format": "flightplan.flow/v1", "id": "chaos", "name": "Chaos",
  "nodes": [
    {"id": "start", "type": "trigger.event", "config": {"event_type": "signup"}},
    {"id": "tag", "type": "action.tag_add", "config": {"tag": "in"}},
    {"id": "first", "type": "action.send_email", "config": {"template": "hello"}},
    {"id": "pause", "type": "wait.delay", "config": {"duration": "5s"}},
    {"id": "opened", "type": "condition.email_engagement", "config": {"email_node": "first", "engagement": "opened"}},
    {"id": "thanks", "type": "action.send_email", "config": {"template": "thanks"}},
    {"id": "remind", "type": "action.send_email", "config": {"template": "remind"}},
    {"id": "end", "type": "exit"}
  ],
  "edges": [{"from": "start", "to": "tag"}, {"from": "tag", "to": "first"}, {"from": "first", "to": "pause"},
    {"from": "pause", "to": "opened"}, {"from": "opened", "port": "yes", "to": "thanks"}, {"from": "opened", "port": "no", "to": "remind"},
    {"from": "thanks", "to": "end"}, {"from": "remind", "to": "end"}]
}`

// chaosReceiver is a real SMTP server on loopback that keeps, for every
// Message-ID, when each copy arrived; a recipient whose address starts
// with "o" opens the first email: it fetches its open pixel, from any
// engine still up (they share the tracking key).
type chaosReceiver struct {
	addr  string
	mu    sync.Mutex
	got   map[string][]time.Time
	first map[string]*chaosSession // the connection that brought a message's first copy
	hosts func() []string          // the engines' HTTP addresses
	opens sync.WaitGroup
}

var pixelURL = regexp.MustCompile(`https?://[^/"]+(/o/[^"]+\.gif)`)

func (r *chaosReceiver) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &chaosSession{r: r}, nil
}

// chaosSession is one SMTP connection, which belongs to one engine: it
// ends when that engine closes it or dies.
type chaosSession struct {
	r     *chaosReceiver
	to    string
	ended time.Time // under r.mu
}

func (s *chaosSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *chaosSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = to
	return nil
}
func (s *chaosSession) Reset() {}
func (s *chaosSession) Logout() error {
	s.r.mu.Lock()
	s.ended = time.Now()
	s.r.mu.Unlock()
	return nil
}
func (s *chaosSession) Data(rd io.Reader) error {
	msg, err := netmail.ReadMessage(rd)
	if err != nil {
		return err
	}
	id := strings.Trim(msg.Header.Get("Message-Id"), "<> ")
	var html string
	if strings.HasPrefix(s.to, "o") && strings.Contains(id, ".first.") {
		html = htmlPart(msg)
	} else {
		io.Copy(io.Discard, msg.Body)
	}
	s.r.mu.Lock()
	s.r.got[id] = append(s.r.got[id], time.Now())
	if s.r.first[id] == nil {
		s.r.first[id] = s
	}
	s.r.mu.Unlock()
	if m := pixelURL.FindStringSubmatch(html); m != nil {
		s.r.opens.Add(1)
		go s.r.open(m[1])
	}
	return nil
}

// htmlPart returns a message's HTML, decoded.
func htmlPart(msg *netmail.Message) string {
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			return ""
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
			b, _ := io.ReadAll(quotedprintable.NewReader(p))
			return string(b)
		}
	}
}

// open fetches a pixel from the engines, trying the next one while an
// engine is down.
func (r *chaosReceiver) open(path string) {
	defer r.opens.Done()
	for try := 0; try < 50; try++ {
		hosts := r.hosts()
		resp, err := http.Get("http://" + hosts[try%len(hosts)] + path)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (r *chaosReceiver) copies() map[string][]time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string][]time.Time, len(r.got))
	for k, v := range r.got {
		out[k] = append([]time.Time(nil), v...)
	}
	return out
}

// firstEnded is when the connection that brought message id's first copy
// ended (zero while it is open): a copy sent again was left unsettled by
// the death of that connection's engine, not of whichever engine a kill
// hit next.
func (r *chaosReceiver) firstEnded(id string) time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s := r.first[id]; s != nil {
		return s.ended
	}
	return time.Time{}
}

// chaosSize is how many contacts TestThreeEnginesSurviveSIGKILL runs:
// $FLIGHTPLAN_PG_CHAOS_CONTACTS (make test-pg-chaos sets 10,000), else a
// size that keeps make test within its budget.
func chaosSize(t *testing.T) int {
	if v := os.Getenv("FLIGHTPLAN_PG_CHAOS_CONTACTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 10 {
			t.Fatalf("FLIGHTPLAN_PG_CHAOS_CONTACTS=%q: give a number of contacts, 10 or more", v)
		}
		return n
	}
	return 1000
}

// Three `flightplan run` engines serve one PostgreSQL workspace while one
// of them, picked at random, is killed with SIGKILL every few seconds and
// started again. Every journey ends, every step is journaled once, every
// email reaches the SMTP server, and a copy arrives twice only for a
// message a kill left unsettled (at most one per connection of the killed
// engine, reported per kill). The dead engine's claimed emails are sent by
// the others when their lease runs out (--lease 2s).
func TestThreeEnginesSurviveSIGKILL(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	const engines, conns = 3, 2
	n := chaosSize(t)
	dir := t.TempDir()
	ws := pgtest.Database(t)
	cli := func(args ...string) string { t.Helper(); return must(t, append(args, "--workspace", ws)...) }
	for _, e := range []string{"hello", "thanks", "remind"} {
		cli("emails", "import", writeFile(t, dir, e+".html", "<p>"+e+" {{ contact.email }}</p>\n<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>\n"), "--subject", e)
	}
	cli("import", "flow", writeFile(t, dir, "chaos.flow.json", chaosFlow))
	cli("publish", "chaos")
	// Half the contacts open their first email ("o…"), half never do.
	var people, events strings.Builder
	people.WriteString("email\n")
	for i := 0; i < n; i++ {
		p := "o"
		if i%2 == 1 {
			p = "x"
		}
		fmt.Fprintf(&people, "%s%d@example.com\n", p, i)
		fmt.Fprintf(&events, `{"email":"%s%d@example.com","type":"signup"}`+"\n", p, i)
	}
	cli("import", "contacts", writeFile(t, dir, "people.csv", people.String()))
	cli("import", "events", writeFile(t, dir, "signups.jsonl", events.String()))

	ports := make([]string, engines)
	for i := range ports {
		ports[i] = fmt.Sprintf("127.0.0.1:%d", freePort(t))
	}
	rcv := &chaosReceiver{got: map[string][]time.Time{}, first: map[string]*chaosSession{}, hosts: func() []string { return ports }}
	rcv.addr = serveSMTP(t, rcv)

	var (
		logMu  sync.Mutex
		errors []string
	)
	start := func(slot int) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperArgs+"=run --workspace "+ws+" --http "+ports[slot]+" --capture 127.0.0.1:0 --relay "+rcv.addr+
			" --connections "+strconv.Itoa(conns)+" --poll 50ms --lease 2s")
		return startEngine(t, cmd, func(line string) {
			logMu.Lock()
			errors = append(errors, fmt.Sprintf("engine %d: %s", slot+1, line))
			logMu.Unlock()
		})
	}
	began := time.Now()
	procs := make([]*exec.Cmd, engines)
	for i := range procs {
		procs[i] = start(i)
	}
	defer func() {
		for _, p := range procs {
			p.Process.Signal(syscall.SIGTERM)
			p.Wait()
		}
	}()

	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	db := eng.Store.ReadDB()
	unfinished := func() (open, unsent int) {
		db.QueryRow(`SELECT count(*) FROM enrollments WHERE status<>'done'`).Scan(&open)
		db.QueryRow(`SELECT count(*) FROM outbox WHERE status<>'sent'`).Scan(&unsent)
		var journeys int
		db.QueryRow(`SELECT count(*) FROM enrollments`).Scan(&journeys)
		return open + n - journeys, unsent
	}

	defer func() {
		logMu.Lock()
		defer logMu.Unlock()
		for i, e := range errors {
			if i == 10 {
				t.Logf("… %d more", len(errors)-10)
				break
			}
			t.Log(e)
		}
	}()

	// Kill every 2 to 5 s while there is work (up to one kill per 500
	// contacts), every 1 to 2.5 s in a small run so that several kills
	// fall within it; then let the engines finish.
	every := 2 * time.Second
	if n < 5000 {
		every = time.Second
	}
	rng := rand.New(rand.NewSource(18))
	var kills []time.Time
	maxKills := max(5, n/500)
	var deadline time.Time
	for {
		open, unsent := unfinished()
		if open == 0 && unsent == 0 {
			break
		}
		if len(kills) == maxKills {
			if deadline.IsZero() {
				deadline = time.Now().Add(time.Duration(60+n/10) * time.Second)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d journeys and %d emails unfinished after %d kills", open, unsent, len(kills))
			}
			time.Sleep(200 * time.Millisecond)
			continue
		}
		time.Sleep(every + time.Duration(rng.Int63n(int64(every*3/2))))
		if open, unsent := unfinished(); open == 0 && unsent == 0 {
			break
		}
		slot := rng.Intn(engines)
		procs[slot].Process.Signal(syscall.SIGKILL)
		procs[slot].Wait()
		kills = append(kills, time.Now())
		procs[slot] = start(slot)
	}
	took := time.Since(began)
	rcv.opens.Wait()
	time.Sleep(500 * time.Millisecond) // a copy sent twice would arrive by now

	// Every journey: these steps, in order, once; the branch agrees with
	// the opens (a contact who never opens is reminded).
	rows, err := db.Query(`SELECT c.email, string_agg(s.node || ':' || CASE WHEN s.port<>'' THEN s.port ELSE '(' || s.outcome || ')' END, ' ' ORDER BY s.id)
		FROM steps s JOIN contacts c ON c.id = s.contact_id GROUP BY s.enrollment_id, c.email`)
	if err != nil {
		t.Fatal(err)
	}
	const head = "start:next tag:next first:next pause:(wait) pause:next "
	yes, no, bad := 0, 0, 0
	for rows.Next() {
		var email, path string
		rows.Scan(&email, &path)
		switch {
		case path == head+"opened:yes thanks:next end:(end)":
			yes++
			if strings.HasPrefix(email, "x") {
				t.Errorf("%s never opened, and took the opened branch", email)
			}
		case path == head+"opened:no remind:next end:(end)":
			no++
		default:
			if bad++; bad <= 10 {
				t.Errorf("%s: %s", email, path)
			}
		}
	}
	rows.Close()
	if yes+no+bad != n {
		t.Errorf("%d journeys journaled, want %d", yes+no+bad, n)
	}
	if yes == 0 {
		t.Errorf("no journey took the opened branch: the opens never came back")
	}

	// Every email reached the server; a duplicate is charged to the kill
	// that ended the connection its first copy came by (the first kill
	// after that connection ended: a dead engine's sockets close before
	// the kill is noted). Charging it to the first kill after the copy
	// arrived blamed the wrong kill whenever the kill hit another engine.
	got := rcv.copies()
	keys, err := db.Query(`SELECT key FROM outbox`)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	lost := 0
	for keys.Next() {
		var k string
		keys.Scan(&k)
		want++
		if len(got[messageID(k)]) == 0 {
			lost++
		}
	}
	keys.Close()
	perKill := make([]int, len(kills))
	dups, stray := 0, 0
	for id, at := range got {
		if len(at) < 2 {
			continue
		}
		dups += len(at) - 1
		ended := rcv.firstEnded(id)
		k := sort.Search(len(kills), func(i int) bool { return kills[i].After(ended.Add(-time.Second)) })
		if ended.IsZero() || ended.After(at[1]) || (k < len(kills) && kills[k].After(at[1])) {
			k = len(kills) // its connection outlived the second copy: no kill explains it
		}
		if k == len(kills) {
			stray += len(at) - 1
			continue
		}
		perKill[k] += len(at) - 1
	}
	var per []string
	for i, d := range perKill {
		per = append(per, strconv.Itoa(d))
		if d > conns {
			t.Errorf("kill %d: %d duplicates, more than the killed engine's %d connections", i+1, d, conns)
		}
	}
	t.Logf("%d contacts, %d engines, %d kills; all done in %s (%.0f emails/s); %d journeys opened, %d reminded; %d emails, %d distinct received, %d lost; duplicates per kill: %s (total %d)",
		n, engines, len(kills), took.Round(time.Second), float64(want)/took.Seconds(), yes, no, want, len(got), lost, strings.Join(per, " "), dups)
	if want != 2*n || lost != 0 || len(got) != want {
		t.Errorf("%d emails queued (want %d), %d distinct received, %d never arrived", want, 2*n, len(got), lost)
	}
	if stray != 0 {
		t.Errorf("%d duplicates arrived with no kill after their first copy: a live engine sent a message twice", stray)
	}
	if len(kills) < 3 {
		t.Errorf("only %d kills fell while there was work: the test proves little", len(kills))
	}
}
