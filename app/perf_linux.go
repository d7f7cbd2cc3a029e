//go:build probe

package app

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// processStart is when the kernel started this process: its start time in
// /proc/self/stat (clock ticks since boot, 100 per second) set against the
// boot-time clock now. It counts what runs before main — the dynamic loader
// with GTK and WebKit, Go's runtime and package init.
func processStart() (time.Time, bool) {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return time.Time{}, false
	}
	// The command name (field 2) may hold spaces: fields are counted after its ')'.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return time.Time{}, false
	}
	f := strings.Fields(s[i+1:])
	// After ')' come field 3 (state) onwards; starttime is field 22.
	if len(f) < 20 {
		return time.Time{}, false
	}
	ticks, err := strconv.ParseUint(f[19], 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	const clockBoottime = 7 // CLOCK_BOOTTIME, the clock /proc's start time counts on
	var ts syscall.Timespec
	now := time.Now()
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockBoottime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return time.Time{}, false
	}
	const hz = 100 // USER_HZ: 100 on every Linux Go runs on
	age := time.Duration(ts.Nano()) - time.Duration(ticks)*time.Second/hz
	if age < 0 {
		return time.Time{}, false
	}
	return now.Add(-age), true
}
