package csvsafe

import (
	"encoding/csv"
	"io"
	"testing"
)

// benchRows are contact-export-like rows: mostly plain text, a phone number
// with a sign, and one formula cell in ten rows.
func benchRows() [][]string {
	rows := make([][]string, 1000)
	for i := range rows {
		note := "Salon 2024, stand B"
		if i%10 == 0 {
			note = `=HYPERLINK("http://evil.example","x")`
		}
		rows[i] = []string{"ana.tremblay@exemple.ca", "Ana", "Tremblay", "+1 514 555 0199", "Montréal", note, "vip, newsletter", "42"}
	}
	return rows
}

// BenchmarkWriter is the neutralising writer; BenchmarkFloorCSV is
// encoding/csv on the same rows, the floor it adds to.
func BenchmarkWriter(b *testing.B) {
	rows := benchRows()
	b.ReportAllocs()
	for b.Loop() {
		w := NewWriter(io.Discard)
		for _, r := range rows {
			w.Write(r)
		}
		w.Flush()
	}
}

func BenchmarkFloorCSV(b *testing.B) {
	rows := benchRows()
	b.ReportAllocs()
	for b.Loop() {
		w := csv.NewWriter(io.Discard)
		for _, r := range rows {
			w.Write(r)
		}
		w.Flush()
	}
}
