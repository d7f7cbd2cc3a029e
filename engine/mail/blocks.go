package mail

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// BlockType names a kind of block in the block editor.
type BlockType string

// The block types. The editor offers exactly these; RenderBlocks draws each
// as table-based, inline-styled HTML that Outlook, Gmail and Apple Mail agree
// on.
const (
	BlockHeading BlockType = "heading"
	BlockText    BlockType = "text"
	BlockButton  BlockType = "button"
	BlockImage   BlockType = "image"
	BlockDivider BlockType = "divider"
	BlockSpacer  BlockType = "spacer"
	BlockColumns BlockType = "columns"
)

// BlockTypes lists the block types in palette order.
var BlockTypes = []BlockType{BlockHeading, BlockText, BlockButton, BlockImage, BlockDivider, BlockSpacer, BlockColumns}

// Block is one element of block-editor content. Which fields matter depends
// on Type; text fields may hold Liquid.
type Block struct {
	// Type is one of BlockTypes.
	Type BlockType `json:"type"`
	// Text is the heading's or button's label (plain text), or the text
	// block's content: plain text (blank lines make paragraphs, line breaks
	// stay) or, if it holds HTML tags such as <p> or <b>, the editor's rich
	// text, used as it is.
	Text string `json:"text,omitempty"`
	// Level is the heading level, 1 to 3 (0 means 1).
	Level int `json:"level,omitempty"`
	// URL is the button's target, or the link around an image.
	URL string `json:"url,omitempty"`
	// Src is the image's address.
	Src string `json:"src,omitempty"`
	// Alt is the image's alternative text, shown when images are blocked
	// and used in the plain-text part.
	Alt string `json:"alt,omitempty"`
	// Width is the image width in pixels (at most 600; 0 means full width).
	Width int `json:"width,omitempty"`
	// Height is the spacer height in pixels (0 means 24).
	Height int `json:"height,omitempty"`
	// Align is left, center or right (default left; buttons and images
	// default to center).
	Align string `json:"align,omitempty"`
	// Color is the text colour, or the button's background, as #rgb or
	// #rrggbb.
	Color string `json:"color,omitempty"`
	// TextColor is the button label's colour.
	TextColor string `json:"text_color,omitempty"`
	// Download marks a button that offers a file (a white paper): following
	// it records "file downloaded" for the contact, besides the email's
	// click (DownloadAttr).
	Download bool `json:"download,omitempty"`
	// Columns holds the blocks of each column (2 to 4) of a columns block.
	// Columns inside columns are drawn one under the other.
	Columns [][]Block `json:"columns,omitempty"`
}

const (
	fontStack  = `-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif`
	blockWidth = 600
)

// htmlTagRE recognises the markup a rich-text editor produces, so that a
// plain text such as "a <b> c" is not taken for HTML by a lone '<'.
var htmlTagRE = regexp.MustCompile(`(?i)</?(?:p|br|b|i|u|s|a|em|strong|span|div|ul|ol|li|h[1-6]|img|table|font|small|sup|sub|blockquote|code|hr)(?:\s[^>]*)?/?>`)

var colorRE = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// color returns c when it is a plain hex colour, else def: style attributes
// are built by concatenation, so nothing else may reach them.
func color(c, def string) string {
	if colorRE.MatchString(c) {
		return c
	}
	return def
}

func align(a, def string) string {
	switch a {
	case "left", "center", "right":
		return a
	}
	return def
}

// escapeText HTML-escapes s but leaves its Liquid spans intact: escaping
// the quotes of `default: "there"` would break the template.
func escapeText(s string) string {
	ss := spans(s)
	if len(ss) == 0 {
		return html.EscapeString(s)
	}
	var b strings.Builder
	last := 0
	for _, sp := range ss {
		b.WriteString(html.EscapeString(s[last:sp.start]))
		b.WriteString(s[sp.start:sp.end])
		last = sp.end
	}
	b.WriteString(html.EscapeString(s[last:]))
	return b.String()
}

// escapeURL makes s safe inside a double-quoted attribute, Liquid kept.
// Only web, mail and phone links (or Liquid) are allowed: a block's link
// must not become javascript:.
func escapeURL(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	ok := strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") ||
		strings.HasPrefix(low, "mailto:") || strings.HasPrefix(low, "tel:") ||
		strings.HasPrefix(low, "{{") || strings.HasPrefix(low, "{%") || strings.HasPrefix(s, "#")
	if !ok {
		return "#"
	}
	return escapeText(s)
}

// RenderBlocks draws block-editor content as a complete email document: a
// 600px centred table that shrinks to the screen on phones (columns stack
// below 620px), every style inline because Gmail and Outlook drop most
// <style> rules.
func RenderBlocks(blocks []Block) string {
	var b strings.Builder
	b.Grow(2048 + 512*len(blocks))
	b.WriteString(`<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title></title>
<style>
@media only screen and (max-width:620px){
.fp-container{width:100%!important}
.fp-col{display:block!important;width:100%!important;max-width:100%!important;padding:0!important}
.fp-img{width:100%!important;height:auto!important}
}
</style>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="fp-container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background-color:#ffffff;border-radius:8px;">
`)
	for _, bl := range blocks {
		b.WriteString(`<tr><td style="padding:12px 32px;">`)
		writeBlock(&b, bl, blockWidth-64, 0)
		b.WriteString("</td></tr>\n")
	}
	b.WriteString(`</table>
</td></tr>
</table>
</body>
</html>
`)
	return b.String()
}

func writeBlock(b *strings.Builder, bl Block, width, depth int) {
	switch bl.Type {
	case BlockHeading:
		lvl := bl.Level
		if lvl < 1 || lvl > 3 {
			lvl = 1
		}
		size := [...]int{0, 28, 22, 18}[lvl]
		tag := "h" + strconv.Itoa(lvl)
		b.WriteString("<" + tag + ` style="margin:0;font-family:` + fontStack + `;font-size:` + strconv.Itoa(size) +
			`px;line-height:1.3;font-weight:700;color:` + color(bl.Color, "#111827") + `;text-align:` + align(bl.Align, "left") + `;">`)
		b.WriteString(escapeText(bl.Text))
		b.WriteString("</" + tag + ">")
	case BlockText:
		style := `margin:0 0 12px 0;font-family:` + fontStack + `;font-size:16px;line-height:1.6;color:` +
			color(bl.Color, "#374151") + `;text-align:` + align(bl.Align, "left") + `;`
		if htmlTagRE.MatchString(stripLiquid(bl.Text)) {
			b.WriteString(`<div style="` + style + `">` + bl.Text + `</div>`)
			return
		}
		for _, para := range splitParagraphs(bl.Text) {
			b.WriteString(`<p style="` + style + `">`)
			b.WriteString(strings.ReplaceAll(escapeText(para), "\n", "<br>\n"))
			b.WriteString("</p>")
		}
	case BlockButton:
		bg := color(bl.Color, "#2563eb")
		a := align(bl.Align, "center")
		b.WriteString(`<table role="presentation" cellpadding="0" cellspacing="0" border="0" align="` + a + `" style="margin:8px auto;">` +
			`<tr><td align="center" bgcolor="` + bg + `" style="border-radius:6px;background-color:` + bg + `;">`)
		dl := ""
		if bl.Download {
			dl = " " + DownloadAttr
		}
		b.WriteString(`<a href="` + escapeURL(bl.URL) + `"` + dl + ` target="_blank" style="display:inline-block;padding:12px 28px;font-family:` + fontStack +
			`;font-size:16px;font-weight:600;line-height:1.2;color:` + color(bl.TextColor, "#ffffff") + `;text-decoration:none;border-radius:6px;">`)
		b.WriteString(escapeText(bl.Text))
		b.WriteString("</a></td></tr></table>")
	case BlockImage:
		w := bl.Width
		if w <= 0 || w > width {
			w = width
		}
		img := `<img class="fp-img" src="` + escapeURL(bl.Src) + `" alt="` + escapeText(bl.Alt) + `" width="` + strconv.Itoa(w) +
			`" style="display:block;width:` + strconv.Itoa(w) + `px;max-width:100%;height:auto;border:0;outline:none;text-decoration:none;` +
			marginFor(align(bl.Align, "center")) + `">`
		if strings.TrimSpace(bl.URL) != "" {
			img = `<a href="` + escapeURL(bl.URL) + `" target="_blank" style="text-decoration:none;">` + img + `</a>`
		}
		b.WriteString(img)
	case BlockDivider:
		b.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>` +
			`<td style="border-top:1px solid ` + color(bl.Color, "#e5e7eb") + `;font-size:0;line-height:0;height:1px;">&nbsp;</td></tr></table>`)
	case BlockSpacer:
		h := bl.Height
		if h <= 0 || h > 400 {
			h = 24
		}
		hs := strconv.Itoa(h)
		b.WriteString(`<div style="height:` + hs + `px;line-height:` + hs + `px;font-size:1px;">&nbsp;</div>`)
	case BlockColumns:
		n := len(bl.Columns)
		if n == 0 {
			return
		}
		if depth > 0 || n == 1 {
			for _, col := range bl.Columns {
				for _, inner := range col {
					writeBlock(b, inner, width, depth+1)
				}
			}
			return
		}
		colW := width / n
		pct := strconv.Itoa(100/n) + "%"
		b.WriteString(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>`)
		for i, col := range bl.Columns {
			pad := "0 8px"
			switch i {
			case 0:
				pad = "0 8px 0 0"
			case n - 1:
				pad = "0 0 0 8px"
			}
			b.WriteString(`<td class="fp-col" width="` + pct + `" valign="top" style="width:` + pct + `;padding:` + pad + `;vertical-align:top;">`)
			for _, inner := range col {
				writeBlock(b, inner, colW-16, depth+1)
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr></table>")
	default:
		// Unknown types draw nothing; Check reports them.
	}
}

func marginFor(a string) string {
	switch a {
	case "left":
		return "margin:0 auto 0 0;"
	case "right":
		return "margin:0 0 0 auto;"
	}
	return "margin:0 auto;"
}

func splitParagraphs(s string) []string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stripLiquid removes Liquid spans, so a '<' inside `{% if a < b %}` does not
// make plain text look like HTML.
func stripLiquid(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return spanRE.ReplaceAllString(s, "")
}
