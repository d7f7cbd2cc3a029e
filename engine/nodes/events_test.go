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
