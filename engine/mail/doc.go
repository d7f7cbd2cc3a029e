// Package mail renders, builds, tracks, sends and captures email.
//
// The path of one message:
//
//	r := NewRenderer()                        // once; caches compiled templates
//	out, err := r.Render(tpl, Data{Contact: c, Extra: map[string]any{"unsubscribe_url": unsub}})
//	html := Track(out.HTML, Tracking{Links: urls, MessageID: id, ContactID: cid})
//	raw, err := Build(Outgoing{From: …, To: …, Subject: out.Subject, HTML: html,
//	        Text: TrackText(out.Text, …), Key: id, Marketing: true, UnsubscribeURL: unsub})
//	res := sender.Send(ctx, env, raw)         // sent, retry (the caller schedules it) or bounce
//
// Templates are Liquid (github.com/osteele/liquid). In the HTML body every
// {{ output }} is HTML-escaped after its filters ran (values stay raw for
// comparisons and filters); subject and text are not escaped. `| raw` opts
// out for a value that is HTML on purpose.
//
// The capture mailbox (CaptureServer) is a loopback SMTP server that keeps
// every message it receives, byte for byte, through a Sink; Parse takes a
// stored message apart for display.
//
// The package imports no other Flightplan package: it declares the small
// interfaces it needs (Sink, LinkSigner) and the runner adapts.
package mail
