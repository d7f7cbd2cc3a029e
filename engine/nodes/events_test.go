package nodes

import "testing"

func TestResolveEventType(t *testing.T) {
	cat := EventCatalogue([]string{"demo_booked"})
	for typed, want := range map[string]string{
		"page visit": "page_visited", "Page visited": "page_visited", "page_visited": "page_visited",
		"Page visitée": "page_visited", "email opened": "email_opened", "Achat": "purchase",
		"demo booked": "demo_booked", "Cart abandoned": "cart_abandoned",
	} {
		got, ok := ResolveEventType(typed, cat)
		if !ok || got.Type != want {
			t.Errorf("%q: got %q (%v), want %q", typed, got.Type, ok, want)
		}
	}
	if got, ok := ResolveEventType("webinar", cat); ok {
		t.Errorf("webinar is not in the catalogue, got %q", got.Type)
	}
	if e, _ := ResolveEventType("page visit", cat); e.Name.En != "Page visited" || e.Name.Fr != "Page visitée" {
		t.Errorf("page_visited names: %+v", e.Name)
	}
}

// A workspace event the gallery declares reads as words in both languages;
// any other is its key made into words, the same in both.
func TestWorkspaceEventNames(t *testing.T) {
	cat := EventCatalogue([]string{"optin_confirmed", "demo_booked"})
	names := map[string]Text{}
	for _, e := range cat {
		names[e.Type] = e.Name
		if e.Type == "optin_confirmed" && e.System {
			t.Error("optin_confirmed is the workspace's own event, not a system one")
		}
	}
	if n := names["optin_confirmed"]; n.En != "Sign-up confirmed" || n.Fr != "Inscription confirmée" {
		t.Errorf("optin_confirmed: %+v", n)
	}
	if n := names["demo_booked"]; n.En != "Demo booked" || n.Fr != "Demo booked" {
		t.Errorf("demo_booked: %+v", n)
	}
	if e, ok := ResolveEventType("inscription confirmée", cat); !ok || e.Type != "optin_confirmed" {
		t.Errorf("typing the French name finds %q (%v)", e.Type, ok)
	}
}
