package sim_test

import (
	"encoding/json"
	"testing"

	"flightplan/engine/flow"
)

// A simulated alert to a teammate of the workspace (stored by id) counts
// as an alert, as one to a plain address does: the simulation sends
// nothing, so it does not need the teammate's address.
func TestAlertToTeammateCounts(t *testing.T) {
	trig, _ := json.Marshal(gallery(t, "welcome").Nodes[0])
	src := `{"format":"flightplan.flow/v1","id":"alert","nodes":[` + string(trig) + `,
		{"id":"tell","type":"action.notify","config":{"to":"tm_ana"}},
		{"id":"tell-old","type":"action.notify","config":{"to":"sam@example.com"}}],
		"edges":[{"from":"` + gallery(t, "welcome").Nodes[0].ID + `","to":"tell"},{"from":"tell","to":"tell-old"}]}`
	f, err := flow.Parse("alert", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cfg := galleryConfig(t, "welcome")
	cfg.Flows = []*flow.Flow{f}
	cfg.N = 200
	r := run(t, cfg)
	fr := flowOf(t, r, "alert")
	if fr.Enrolled == 0 || r.Totals.Errors != 0 || r.Totals.Notifications != 2*fr.Enrolled {
		t.Errorf("%d enrolled, %d alerts, %d errors: want two alerts each and no error", fr.Enrolled, r.Totals.Notifications, r.Totals.Errors)
	}
}
