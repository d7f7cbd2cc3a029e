package track

import (
	"net/http"
	"net/url"
)

// download records a tracked download or link for the contact the token
// names, then redirects; like a click, a HEAD is not counted.
func (h *Handler) download(w http.ResponseWriter, r *http.Request) {
	c, ok := h.claim(w, r.PathValue("token"), KindDownload)
	if !ok {
		return
	}
	u, err := url.Parse(c.Extra)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		h.log.Error("track: download token holds a non-web URL", "url", c.Extra)
		http.Error(w, "bad link", http.StatusBadRequest)
		return
	}
	if r.Method != http.MethodHead {
		if err := h.opt.Recorder.Record(r.Context(), c, KindDownload, map[string]string{"url": c.Extra, "user_agent": r.UserAgent()}); err != nil {
			h.log.Error("track: record download", "contact", c.ContactID, "err", err)
		}
	}
	noStore(w)
	http.Redirect(w, r, c.Extra, http.StatusFound)
}
