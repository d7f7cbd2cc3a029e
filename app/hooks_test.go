package app

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// boundNames names the types a window binds, sorted.
func boundNames(s *Services) []string {
	var out []string
	for _, b := range s.Bind() {
		out = append(out, reflect.TypeOf(b).Elem().Name())
	}
	sort.Strings(out)
	return out
}

// The window binds one service per domain; the benchmark and the
// end-to-end probe only in a build with the probe tag (wantHooks).
func TestBindListsTheServices(t *testing.T) {
	got := strings.Join(boundNames(newApp(t)), " ")
	want := "Contacts Emails Failures Forms Funnels Mailbox Preferences References Scoring Scripts Sending SettingsService Simulation Website Workspace"
	if wantHooks {
		want = "Contacts Emails Failures Forms Funnels Mailbox Perf Preferences Probe References Scoring Scripts Sending SettingsService Simulation Website Workspace"
	}
	if got != want {
		t.Errorf("bound %s\nwant  %s", got, want)
	}
}
