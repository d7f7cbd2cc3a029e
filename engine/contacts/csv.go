package contacts

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Encodings reported by imports.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8 (BOM)"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncCP1252  = "windows-1252"
	EncMixed   = "mixed utf-8 and windows-1252"
)

// cp1252 maps bytes 0x80–0x9F, where Windows-1252 differs from Latin-1.
// The five bytes Windows leaves undefined map to the C1 code points, as
// Windows itself does, so no byte is ever lost.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8d, 'Ž', 0x8f,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9d, 'ž', 'Ÿ',
}

// decode turns a file's bytes into UTF-8 text and names the encoding it
// found. Windows-1252 (a superset of Latin-1 for printable text) is decided
// line by line: files assembled from several exports mix UTF-8 lines with
// Latin-1 lines, and each line is read in the encoding it is valid in.
func decode(b []byte) (string, string) {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		text, enc := decode(b[3:])
		if enc == EncUTF8 {
			enc = EncUTF8BOM
		}
		return text, enc
	case len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF):
		le := b[0] == 0xFF
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			if le {
				u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
			} else {
				u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
			}
		}
		if le {
			return string(utf16.Decode(u)), EncUTF16LE
		}
		return string(utf16.Decode(u)), EncUTF16BE
	case utf8.Valid(b):
		return string(b), EncUTF8
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	sawUTF8 := false
	for len(b) > 0 {
		n := strings.IndexByte(string(b), '\n') + 1 // the conversion does not allocate
		if n == 0 {
			n = len(b)
		}
		line := b[:n]
		b = b[n:]
		if utf8.Valid(line) {
			sawUTF8 = sawUTF8 || !isASCII(line)
			sb.Write(line)
			continue
		}
		for _, c := range line {
			switch {
			case c < 0x80:
				sb.WriteByte(c)
			case c < 0xA0:
				sb.WriteRune(cp1252[c-0x80])
			default:
				sb.WriteRune(rune(c))
			}
		}
	}
	if sawUTF8 {
		return sb.String(), EncMixed
	}
	return sb.String(), EncCP1252
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// detectSeparator picks the column separator from the first lines: the
// candidate that appears on the header line and the same number of times
// on most following lines. Quoted text is not counted, so commas inside
// "Dupont, Jean" do not vote.
func detectSeparator(text string) byte {
	cands := []byte{';', ',', '\t', '|'}
	var lines [][4]int
	var cur [4]int
	inQ, nonEmpty := false, false
	for i := 0; i < len(text) && len(lines) < 20; i++ {
		c := text[i]
		switch {
		case c == '"':
			inQ = !inQ
			nonEmpty = true
		case (c == '\n' || c == '\r') && !inQ:
			if nonEmpty {
				lines = append(lines, cur)
			}
			cur, nonEmpty = [4]int{}, false
		case !inQ:
			for k, s := range cands {
				if c == s {
					cur[k]++
				}
			}
			if c != ' ' {
				nonEmpty = true
			}
		}
	}
	if nonEmpty && len(lines) < 20 {
		lines = append(lines, cur)
	}
	if len(lines) == 0 {
		return ','
	}
	best, bestAgree, bestCount := byte(','), -1, 0
	for k, s := range cands {
		h := lines[0][k]
		if h == 0 {
			continue
		}
		agree := 0
		for _, l := range lines[1:] {
			if l[k] == h {
				agree++
			}
		}
		if agree > bestAgree || agree == bestAgree && h > bestCount {
			best, bestAgree, bestCount = s, agree, h
		}
	}
	return best
}

// record is one CSV record and the physical line it starts on.
type record struct {
	line   int // first physical line (1-based)
	fields []string
	err    string // the record could not be read
}

// parseCSV splits text into records (RFC 4180, leniently): quoted fields
// may hold separators, doubled quotes and line breaks; a stray quote inside
// an unquoted field is kept as text; \n, \r\n and a lone \r all end a line.
// Unlike encoding/csv it keeps empty lines as records and the physical line
// of each record, so imports can count the first and report the second.
func parseCSV(text string, sep byte, width int) []record {
	var recs []record
	line, i, n := 1, 0, len(text)
	var fb strings.Builder
	for i < n {
		rec := record{line: line, fields: make([]string, 0, width)}
		for {
			j := i
			for j < n && (text[j] == ' ' || text[j] == '\t' && sep != '\t') {
				j++
			}
			var field string
			if j < n && text[j] == '"' {
				i = j + 1
				fb.Reset()
				closed := false
				for i < n {
					c := text[i]
					if c == '"' {
						if i+1 < n && text[i+1] == '"' {
							fb.WriteByte('"')
							i += 2
							continue
						}
						i++
						closed = true
						break
					}
					if c == '\r' || c == '\n' {
						if c == '\r' && i+1 < n && text[i+1] == '\n' {
							i++
						}
						fb.WriteByte('\n')
						line++
						i++
						continue
					}
					fb.WriteByte(c)
					i++
				}
				if !closed {
					rec.err = "a quote opened on this line is never closed: the rest of the file is one value"
					rec.fields = append(rec.fields, fb.String())
					break
				}
				for i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r' {
					fb.WriteByte(text[i]) // text after the closing quote: keep it
					i++
				}
				field = fb.String()
			} else {
				start := i
				for i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r' {
					i++
				}
				field = text[start:i]
			}
			rec.fields = append(rec.fields, field)
			if i < n && text[i] == sep {
				i++
				continue
			}
			if i < n { // end of line
				if text[i] == '\r' && i+1 < n && text[i+1] == '\n' {
					i++
				}
				i++
				line++
			}
			break
		}
		recs = append(recs, rec)
		if rec.err != "" {
			break
		}
	}
	return recs
}

// blank reports a record with nothing in it: an empty line, or a line of
// separators only (";;;;" as spreadsheets export an empty row).
func (r *record) blank() bool {
	for _, f := range r.fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return r.err == ""
}
