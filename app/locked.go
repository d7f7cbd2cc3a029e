package app

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"strings"
	"time"

	"flightplan/engine/store"
)

// The window shown instead of the app when its workspace is open elsewhere
// (another window, `flightplan run`, an import): a person who launched
// Flightplan from a menu sees no terminal, so the refusal must be on screen.
// It is a page of its own, served without the app's bindings: there is no
// engine behind it.

var lockedPage = template.Must(template.New("locked").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>Flightplan</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:28px 32px;color:#0f172a;background:#f8fafc}
h1{font-size:19px;margin:0 0 10px}p{margin:0 0 10px}.who{color:#334155}.path{font:13px ui-monospace,monospace;color:#475569;word-break:break-all}
button{font:inherit;padding:6px 16px;border-radius:6px;border:1px solid #1d4ed8;background:#2563eb;color:#fff;cursor:pointer}
</style></head><body data-testid="workspace-locked">
<h1>{{.Title}}</h1>
<p class="who">{{.Who}}</p>
<p>{{.Hint}}</p>
<p class="path">{{.Path}}</p>
<p><button type="button" onclick="window.runtime && window.runtime.Quit ? window.runtime.Quit() : window.close()">{{.Close}}</button></p>
</body></html>`))

// LockedPage renders the page for a workspace another process has open,
// in lang ("en" or "fr"), naming that process.
func LockedPage(e *store.LockedError, lang string) []byte {
	h := e.Holder
	type page struct{ Lang, Title, Who, Hint, Path, Close string }
	p := page{Lang: "en", Title: "This workspace is already open", Path: e.Path, Close: "Close",
		Hint: "Close it there first, then open Flightplan again. Two Flightplans on one workspace would send the same emails twice."}
	if lang == "fr" {
		p = page{Lang: "fr", Title: "Cet espace de travail est déjà ouvert", Path: e.Path, Close: "Fermer",
			Hint: "Fermez-le d’abord là-bas, puis rouvrez Flightplan. Deux Flightplan sur le même espace de travail enverraient les mêmes courriels deux fois."}
	}
	switch {
	case h.PID == 0 && lang == "fr":
		p.Who = "Un autre Flightplan l’utilise."
	case h.PID == 0:
		p.Who = "Another Flightplan is using it."
	default:
		what, clock := h.Command, "15:04"
		if lang == "fr" {
			clock = "15 h 04"
		}
		since := h.Since.Local()
		at := since.Format(clock)
		if y, m, d := time.Now().Date(); since.Year() != y || since.Month() != m || since.Day() != d {
			at = since.Format("2006-01-02 " + clock)
		}
		if lang == "fr" {
			switch {
			case what == "window":
				what = "une autre fenêtre Flightplan"
			case strings.HasPrefix(what, "flightplan "):
				what = "la commande « " + what + " »"
			}
			p.Who = fmt.Sprintf("Il est ouvert dans %s (processus %d%s, depuis %s).", what, h.PID, onHost(h.Host, " sur "), at)
		} else {
			switch {
			case what == "window":
				what = "another Flightplan window"
			case strings.HasPrefix(what, "flightplan "):
				what = "the command “" + what + "”"
			}
			p.Who = fmt.Sprintf("It is open in %s (process %d%s, since %s).", what, h.PID, onHost(h.Host, " on "), at)
		}
	}
	var b bytes.Buffer
	_ = lockedPage.Execute(&b, p)
	return b.Bytes()
}

func onHost(host, sep string) string {
	if me, _ := os.Hostname(); host == "" || host == me {
		return ""
	}
	return sep + host
}

// OpenFailedPage renders the page for a workspace that could not be opened
// for another reason than a lock (a folder that cannot be written to, a
// full disk, a damaged file), in lang ("en" or "fr"), with the error as
// said by the engine: launched from a menu, the app would otherwise close
// without a word.
func OpenFailedPage(path string, err error, lang string) []byte {
	type page struct{ Lang, Title, Who, Hint, Path, Close string }
	p := page{Lang: "en", Title: "Flightplan could not open its workspace", Who: err.Error(), Path: path, Close: "Close",
		Hint: "Check that this file's folder can be written to and that the disk is not full, then open Flightplan again."}
	if lang == "fr" {
		p.Lang, p.Title, p.Close = "fr", "Flightplan n’a pas pu ouvrir son espace de travail", "Fermer"
		p.Hint = "Vérifiez qu’on peut écrire dans le dossier de ce fichier et que le disque n’est pas plein, puis rouvrez Flightplan."
	}
	var b bytes.Buffer
	_ = lockedPage.Execute(&b, p)
	return b.Bytes()
}

// PageHandler serves one page for every request of a window that shows
// only it (LockedPage, OpenFailedPage).
func PageHandler(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(body)
	})
}

// LockedHandler serves LockedPage for every request of the refusal window.
func LockedHandler(e *store.LockedError) http.Handler {
	return PageHandler(LockedPage(e, SystemLanguage()))
}
