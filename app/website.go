package app

import (
	"errors"

	"flightplan/engine/settings"
	"flightplan/engine/track"
	"flightplan/engine/website"
)

// Website is the window's Settings → Website: the sites the workspace
// tracks with its snippet, each with the tag to paste in its pages.
type Website struct{ w *window }

// SiteView is a declared site with its snippet.
type SiteView struct {
	track.Site
	// Snippet is the HTML to paste before </head> of every page.
	Snippet string `json:"snippet"`
	// Seen says what the snippet recorded so far (it works once a visitor
	// is counted).
	Seen website.Seen `json:"seen"`
}

// Sites lists the declared sites with their snippets.
func (s *Website) Sites() ([]SiteView, error) {
	sites, err := website.Sites(s.w.ctx, s.w.eng.Store)
	if err != nil {
		return nil, err
	}
	seen, err := website.SeenBySite(s.w.ctx, s.w.eng.Store)
	if err != nil {
		return nil, err
	}
	base := "http://" + s.trackingAddr()
	out := make([]SiteView, len(sites))
	for i, site := range sites {
		out[i] = SiteView{site, website.Snippet(base, site), seen[site.ID]}
	}
	return out, nil
}

// trackingAddr is where the snippet is served: the running server, or the
// address it will listen on.
func (s *Website) trackingAddr() string {
	if d := s.w.eng.Delivery; d != nil {
		return d.HTTPAddr()
	}
	v, err := settings.Get(s.w.eng.Store, settings.HTTPAddr)
	if err != nil || v == "" {
		return settings.DefaultHTTPAddr
	}
	return v
}

// AddSite declares a site by its address (https://www.example.com, or a
// loopback address for a local copy) and returns the list. A refused
// address is said in the window's language.
func (s *Website) AddSite(origin, name string) ([]SiteView, error) {
	if _, err := website.Add(s.w.ctx, s.w.eng.Store, origin, name); err != nil {
		return nil, s.plain(err)
	}
	return s.Sites()
}

// SetConsent turns "record nothing until the visitor agrees" on or off.
func (s *Website) SetConsent(id int64, required bool) ([]SiteView, error) {
	if err := website.SetConsent(s.w.ctx, s.w.eng.Store, id, required); err != nil {
		return nil, err
	}
	return s.Sites()
}

// RemoveSite forgets a site; its snippet stops recording at once.
func (s *Website) RemoveSite(id int64) ([]SiteView, error) {
	if err := website.Remove(s.w.ctx, s.w.eng.Store, id); err != nil {
		return nil, err
	}
	return s.Sites()
}

func (s *Website) plain(err error) error {
	var we *website.Error
	if errors.As(err, &we) {
		return errors.New(we.In(s.w.lang()))
	}
	return err
}
