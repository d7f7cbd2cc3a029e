package runner

import (
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/settings"
	"flightplan/engine/store"
	"flightplan/engine/templates"
)

// newGallery publishes every gallery funnel.
func newGallery(t *testing.T) *harness {
	h := newHarness(t)
	all, err := templates.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range all {
		if _, err := h.st.Publish(tp.Flow, "", t0); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

func (h *harness) contactWith(email string, identity map[string]string) int64 {
	h.t.Helper()
	id, err := h.r.CreateContact(h.ctx, &contact.Contact{Email: email, Identity: identity}, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

func TestDoubleOptIn(t *testing.T) {
	h := newGallery(t)
	quick := h.contact("quick@example.com")
	late := h.contact("late@example.com")
	never := h.contact("never@example.com")
	for _, id := range []int64{quick, late, never} {
		h.event(id, contact.EventFormSubmitted, map[string]any{"form": "newsletter"})
	}
	h.runFor(time.Hour)
	h.event(quick, "optin_confirmed", nil)
	h.runFor(3 * 24 * time.Hour) // past the first 2-day limit: late gets the reminder
	h.event(late, "optin_confirmed", nil)
	h.runFor(5 * 24 * time.Hour)

	want := map[int64]string{
		quick: "signup:next pending:next confirm:next wait1(wait) wait1:met join:next cleanpending:next(end)",
		late:  "signup:next pending:next confirm:next wait1(wait) wait1:timeout remind:next wait2(wait) wait2:met join:next cleanpending:next(end)",
		never: "signup:next pending:next confirm:next wait1(wait) wait1:timeout remind:next wait2(wait) wait2:timeout remove:next unconfirmed:next(end)",
	}
	for id, p := range want {
		if got := h.path(id, "double-optin"); got != p {
			t.Errorf("contact %d:\n got %s\nwant %s", id, got, p)
		}
	}
	for id, lists := range map[int64]string{quick: "newsletter", late: "newsletter", never: ""} {
		c, _ := store.LoadContact(h.ctx, h.st.ReadDB(), id)
		if got := strings.Join(c.Lists, ","); got != lists {
			t.Errorf("contact %d lists = %q, want %q", id, got, lists)
		}
	}
}

func TestBirthdayFiresOnTheDayAtNine(t *testing.T) {
	h := newGallery(t)
	// t0 is 2 March 2026 09:00 UTC. Birthdays on 4 March and 10 April.
	soon := h.contactWith("soon@example.com", map[string]string{"birth_date": "1990-03-04"})
	later := h.contactWith("later@example.com", map[string]string{"birth_date": "1985-04-10"})
	h.runFor(2*24*time.Hour - time.Minute) // 4 March 08:59
	if got := h.path(soon, "birthday"); got != "" {
		t.Fatalf("fired early: %s", got)
	}
	h.runFor(time.Hour)
	if got := h.path(soon, "birthday"); got != "bday:next customer:no wish:next(end)" {
		t.Fatalf("soon: %s", got)
	}
	steps, _ := h.r.Path(h.ctx, soon, "birthday")
	if at := steps[0].At; at.Format("01-02 15:04") != "03-04 09:00" {
		t.Errorf("fired at %s, want 03-04 09:00", at)
	}
	if got := h.path(later, "birthday"); got != "" {
		t.Errorf("later fired in March: %s", got)
	}
}

func TestLeadNurturingAlertsSalesWhenHot(t *testing.T) {
	h := newGallery(t)
	hot := h.contactWith("hot@example.com", map[string]string{"owner": "sales@example.com"})
	cold := h.contactWith("cold@example.com", map[string]string{"owner": "sales@example.com"})
	h.runFor(time.Hour)
	h.event(hot, contact.EventPageVisited, map[string]any{"url": "https://example.com/pricing"})
	// 40 points from the funnel + 25 from elsewhere make 65: hot (≥ 60).
	if _, err := h.st.DB().Exec(`UPDATE contacts SET score=25 WHERE id=?`, hot); err != nil {
		t.Fatal(err)
	}
	h.runFor(10 * 24 * time.Hour)
	if got := h.path(hot, "lead-nurturing"); got != "signup:next lead:next guide:next wait3d(wait) wait3d:next pricing:yes hotpoints:next hot:yes alert:next sql:next(end)" {
		t.Errorf("hot: %s", got)
	}
	if got := h.path(cold, "lead-nurturing"); got != "signup:next lead:next guide:next wait3d(wait) wait3d:next pricing:no case:next wait4d(wait) wait4d:next hot:no mql:next(end)" {
		t.Errorf("cold: %s", got)
	}
	var alerts int
	h.st.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE kind='notify' AND json_extract(payload,'$.to')='sales@example.com' AND contact_id=?`, hot).Scan(&alerts)
	if alerts != 1 {
		t.Errorf("%d sales alerts for the hot lead, want 1", alerts)
	}
	c, _ := store.LoadContact(h.ctx, h.st.ReadDB(), hot)
	if c.Stage != "sql" || c.Temperature != "hot" || c.Score != 65 {
		t.Errorf("hot lead: stage %s, temperature %s, score %g", c.Stage, c.Temperature, c.Score)
	}
}

func TestLinkedFlowsAscensionToSegmentation(t *testing.T) {
	h := newGallery(t)
	buyer := h.contactWith("buyer@example.com", map[string]string{"country": "Canada"})
	again := h.contactWith("again@example.com", map[string]string{"country": "Japan"})
	h.event(buyer, contact.EventPurchase, map[string]any{"amount": 49.0})
	h.event(again, contact.EventPurchase, map[string]any{"amount": 49.0})
	h.runFor(20 * 24 * time.Hour)
	h.event(again, contact.EventPurchase, map[string]any{"amount": 99.0}) // buys the upsell
	h.runFor(20 * 24 * time.Hour)
	if got := h.path(buyer, "ascension"); got != "bought:next customer:next wait14d(wait) wait14d:next offer:next waitbuy(wait) waitbuy:timeout tosegment(end)" {
		t.Errorf("buyer ascension: %s", got)
	}
	if got := h.path(buyer, "segmentation"); got != "from:next ask:next wait3d(wait) wait3d:next pro:no tagperso:next country:case_canada ca:next(end)" {
		t.Errorf("buyer segmentation: %s", got)
	}
	if got := h.path(again, "segmentation"); got != "" {
		t.Errorf("upsold contact should not be segmented: %s", got)
	}
	if !strings.Contains(h.path(again, "ascension"), "waitbuy(jump) upsold(end)") {
		t.Errorf("again ascension: %s", h.path(again, "ascension"))
	}
}

func TestUnsubscribedContactsGetNoMarketingEmail(t *testing.T) {
	h := newGallery(t)
	id := h.contact("gone@example.com")
	if _, err := h.st.DB().Exec(`UPDATE contacts SET unsubscribed=1 WHERE id=?`, id); err != nil {
		t.Fatal(err)
	}
	h.event(id, contact.EventCartAbandoned, nil)
	h.runFor(2 * 24 * time.Hour)
	steps, _ := h.r.Path(h.ctx, id, "cart")
	found := false
	for _, s := range steps {
		if s.Node == "nudge" {
			found = s.Outcome == "skipped" && strings.Contains(string(s.Why.Code), "unsubscribed")
		}
	}
	if !found {
		t.Errorf("nudge step not journaled as skipped with the reason: %+v", steps)
	}
	if n := len(h.outbox(id)); n != 0 {
		t.Errorf("%d emails queued for an unsubscribed contact", n)
	}
}

func TestFrequencyCapAndQuietHours(t *testing.T) {
	h := newGallery(t)
	h.st.SetSetting(settings.CapPerDay, "1")
	h.st.SetSetting(settings.QuietFrom, "21:00")
	h.st.SetSetting(settings.QuietTo, "08:00")
	id := h.contact("busy@example.com", "newsletter") // welcome-1 queued now (09:00, allowed)
	h.event(id, contact.EventCartAbandoned, nil)      // cart reminder 4h later: cap reached
	h.runFor(6 * time.Hour)
	steps, _ := h.r.Path(h.ctx, id, "cart")
	var nudge Step
	for _, s := range steps {
		if s.Node == "nudge" {
			nudge = s
		}
	}
	if nudge.Outcome != "skipped" || !strings.Contains(string(nudge.Why.Code), "cap") {
		t.Errorf("nudge = %+v, want skipped by the frequency cap", nudge)
	}
	// A sign-up at 22:00 is queued for 08:00 the next morning.
	h.clk.Set(time.Date(2026, 3, 5, 22, 0, 0, 0, time.UTC))
	night := h.contact("night@example.com", "newsletter")
	h.runFor(time.Minute)
	var next int64
	h.st.ReadDB().QueryRow(`SELECT next_at FROM outbox WHERE contact_id=?`, night).Scan(&next)
	if got := store.FromMS(next).Format("01-02 15:04"); got != "03-06 08:00" {
		t.Errorf("queued for %s, want 03-06 08:00", got)
	}
}
