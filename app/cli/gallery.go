package cli

// gallery: the window's gallery of ready-made funnels, from the command line.

import (
	"fmt"

	"flightplan/engine"
)

type galleryJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Emails      int    `json:"emails"`
}

// cmdGallery lists the gallery's funnels, or makes a draft from one (with
// its emails and lists) as the window's gallery does, in the workspace's
// language (else --lang or the locale's).
func cmdGallery(c *ctx, args []string) int {
	switch {
	case len(args) == 1 && args[0] == "list":
		return c.read(func(eng *engine.Engine) int {
			ts, err := eng.Gallery(c.language())
			if err != nil {
				return c.fail("%v", err)
			}
			out := []galleryJSON{}
			for _, t := range ts {
				out = append(out, galleryJSON{t.ID, t.Name, t.Description, len(t.Emails)})
			}
			if c.json {
				c.emit(out)
				return 0
			}
			for _, t := range out {
				fmt.Fprintf(c.stdout, "%-16s %s — %s\n", t.ID, t.Name, t.Description)
			}
			return 0
		})
	case len(args) == 2 && args[0] == "use":
		return c.write("gallery use", func(eng *engine.Engine) int {
			doc, err := eng.CreateFromTemplate(c.ctxBG(), args[1], c.language())
			if err != nil {
				return c.fail("gallery use: %v", err)
			}
			c.say(map[string]any{"flow": doc.Flow.ID, "name": doc.Flow.Name, "template": args[1]},
				c.pick("funnel %q made from %q: a draft, publish it when ready\n", "tunnel « %[1]s » fait à partir de « %[2]s » : un brouillon, publiez-le quand il est prêt\n"), doc.Flow.ID, args[1])
			return 0
		})
	}
	return c.usageErr("gallery", c.mt().wrongArgs, "gallery", args)
}
