package flow

import "fmt"

// Severity of a validation issue. Errors block publishing; warnings do not.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Issue is one validation problem, as data: the canvas shows it on the node and
// in the inspector field; Code is stable so tests and translations can key on it.
type Issue struct {
	NodeID   string   `json:"node_id,omitempty"`
	Field    string   `json:"field,omitempty"`
	Port     string   `json:"port,omitempty"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// String renders the issue with its position, outermost first.
func (i Issue) String() string {
	where := ""
	if i.NodeID != "" {
		where = fmt.Sprintf("node %q: ", i.NodeID)
		if i.Field != "" {
			where += fmt.Sprintf("field %q: ", i.Field)
		}
		if i.Port != "" {
			where += fmt.Sprintf("port %q: ", i.Port)
		}
	}
	return fmt.Sprintf("%s: %s%s [%s]", i.Severity, where, i.Message, i.Code)
}

// HasErrors reports whether any issue is an error.
func HasErrors(issues []Issue) bool {
	for _, i := range issues {
		if i.Severity == Error {
			return true
		}
	}
	return false
}
