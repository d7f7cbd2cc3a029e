package sim

import (
	"io"
	"strconv"

	"flightplan/engine/csvsafe"
)

// CSVHeader is the first row of WriteCSV.
var CSVHeader = []string{"row", "flow", "node", "type", "port", "to", "entered", "waiting", "skipped", "errors", "exited", "jumped", "count", "percent"}

// WriteCSV writes one row per node ("node") and one per edge ("edge") of
// every flow, for a spreadsheet. Node rows leave count and percent empty;
// edge rows leave the node counters empty.
func WriteCSV(w io.Writer, r *Result) error {
	cw := csvsafe.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	itoa := strconv.Itoa
	for _, f := range r.Flows {
		types := map[string]string{}
		for _, n := range f.Nodes {
			types[n.ID] = n.Type
			if err := cw.Write([]string{"node", f.ID, n.ID, n.Type, "", "", itoa(n.Entered), itoa(n.Waiting), itoa(n.Skipped), itoa(n.Errors),
				itoa(n.Exited), itoa(n.Jumped), "", ""}); err != nil {
				return err
			}
		}
		for _, e := range f.Edges {
			if err := cw.Write([]string{"edge", f.ID, e.From, types[e.From], e.Port, e.To, "", "", "", "", "", "", itoa(e.Count),
				strconv.FormatFloat(e.Percent, 'f', 2, 64)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
