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

// treeCPU is the CPU time (user + system) used so far by this process and
// every process under it — WebKit draws and runs the page in child
// processes (WebKitWebProcess) — read from /proc, at the kernel's 10 ms
// resolution.
func treeCPU() (time.Duration, bool) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, false
	}
	type proc struct {
		ppid  int
		ticks uint64
	}
	procs := map[int]proc{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // gone meanwhile
		}
		s := string(data)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		// After ')': state (3), ppid (4), … utime (14), stime (15).
		f := strings.Fields(s[i+1:])
		if len(f) < 13 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseUint(f[11], 10, 64)
		st, _ := strconv.ParseUint(f[12], 10, 64)
		procs[pid] = proc{ppid: ppid, ticks: ut + st}
	}
	self := os.Getpid()
	var ticks uint64
	for pid, p := range procs {
		// Ours if self is among its ancestors (a short chain: at most a few hops).
		for q, hops := pid, 0; hops < 16; hops++ {
			if q == self {
				ticks += p.ticks
				break
			}
			up, ok := procs[q]
			if !ok || up.ppid == q {
				break
			}
			q = up.ppid
		}
	}
	const hz = 100 // USER_HZ
	return time.Duration(ticks) * time.Second / hz, true
}
