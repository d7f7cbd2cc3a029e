// Package csvsafe writes CSV files that spreadsheet programs open as data.
//
// Excel, LibreOffice and Google Sheets run a cell that starts with '=', '+',
// '-' or '@' as a formula — `=HYPERLINK(...)` that leaks data when clicked,
// `=cmd|' /C calc'!A0` that starts a program — and some also strip a
// leading tab or carriage return before deciding. Contacts come from web
// forms and imported files, so any value may be such a cell. Every CSV file
// Flightplan writes goes through Writer, which puts an apostrophe in front
// of those cells: spreadsheets show the text as typed (the apostrophe marks
// "text" and is not displayed).
package csvsafe

import (
	"encoding/csv"
	"io"
)

// Writer is a csv.Writer whose Write and WriteAll neutralise formula cells.
type Writer struct {
	*csv.Writer
	rec []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{Writer: csv.NewWriter(w)} }

// Write writes one record, each cell passed through Cell.
func (w *Writer) Write(record []string) error {
	w.rec = w.rec[:0]
	for _, c := range record {
		w.rec = append(w.rec, Cell(c))
	}
	return w.Writer.Write(w.rec)
}

// WriteAll writes every record through Write and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// Cell returns s as a spreadsheet will show it rather than run it: with an
// apostrophe in front when it starts with '=', '+', '-', '@', a tab or a
// carriage return. A signed number or phone number ("-12.5", "+33 6 12 34
// 56 78", "+1 (555) 010-9999") is left alone: without letters or a '|' it
// cannot call anything, and it should stay a number.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if len(s) > 1 && numberLike(s[1:]) {
			return s
		}
		return "'" + s
	}
	return s
}

// numberLike: digits with the punctuation of numbers and phone numbers,
// at least one digit.
func numberLike(s string) bool {
	digit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digit = true
		case c == ' ', c == '.', c == ',', c == '(', c == ')', c == '-', c == '/':
		default:
			return false
		}
	}
	return digit
}
