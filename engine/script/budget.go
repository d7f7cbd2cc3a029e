package script

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// Memory budget.
//
// gopher-lua has no allocation hook, and Go cannot recover from running out
// of memory: one script building a 1 GB string kills the whole app, and
// every restart dies again on the same pending work. So every evaluation has
// a budget of bytes it may allocate (Options.MemoryBudget, 64 MiB by
// default), counted, not measured:
//
//   - Library functions that build something (string.format, gsub, upper,
//     table.concat, text.split, the text helpers...) charge what they are
//     about to allocate before allocating it, and refuse a string longer
//     than MaxStringLen whatever the time.
//   - The VM is charged through the one hook it has: the deadline's Done,
//     called before every instruction. For scripts whose bytecode can
//     allocate (Script.allocates: concatenation, table constructors,
//     table writes, closures), Done peeks at the instruction about to run
//     and charges it; a concatenation is measured before it runs, so a
//     single wide `a .. b .. c ...` of big strings is refused before
//     gopher-lua allocates its result. Scripts without such instructions (a
//     typical scoring rule) pay one boolean test per instruction.
//   - Converting a result to Go (an action's table of changes) is charged
//     too, and runs before the deadline is disarmed.
//
// The count is cumulative (garbage is not credited back), which is what
// bounds the work the garbage collector can be handed in one evaluation.
// Once the budget is spent the evaluation is stopped like a timeout, so a
// pcall cannot swallow the error and carry on: it ends with a "limit"
// error that says how much was used.

// DefaultMemoryBudget is the default Options.MemoryBudget.
const DefaultMemoryBudget = 64 << 20

// errMemory is the cause recorded when an evaluation spends its budget.
var errMemory = errors.New("memory budget exceeded")

// Rough costs of what the VM allocates, in bytes, for the budget. They
// follow gopher-lua's structures (an LTable is about 100 bytes before any
// entry; a slot holds a 16-byte interface value, a hash slot more).
const (
	costTable   = 128
	costSlot    = 32
	costClosure = 96
	costBox     = 16 // an LString or LNumber boxed in an interface
)

// memoryError is the message of a spent budget.
func memoryError(used, limit int64) error {
	return fmt.Errorf("%w: the script allocated more than %d MiB (%.1f MiB so far; a loop building strings or tables?)",
		errMemory, limit>>20, float64(used)/(1<<20))
}

// alloc charges n bytes to the running evaluation. Once the budget is
// spent it stops the evaluation and returns why it stopped.
func (d *deadline) alloc(n int64) error {
	d.used += n
	if d.used <= d.limit {
		return nil
	}
	d.stop(memoryError(d.used, d.limit))
	return d.stopCause()
}

// charge is alloc for library functions: it raises the "limit" error in
// the script.
func (st *state) charge(L *lua.LState, n int) {
	if err := st.dl.alloc(int64(n)); err != nil {
		L.RaiseError("%s", err.Error())
	}
}

// checkLen refuses to build a string longer than MaxStringLen.
func checkLen(L *lua.LState, n int) {
	if n > MaxStringLen {
		raiseTooLong(L, n)
	}
}

// allocates reports whether proto, or a function nested in it, has an
// instruction the budget charges (see peek).
func allocates(proto *lua.FunctionProto) bool {
	for _, inst := range proto.Code {
		switch int(inst >> 26) {
		case lua.OP_CONCAT, lua.OP_NEWTABLE, lua.OP_SETTABLE, lua.OP_SETTABLEKS, lua.OP_SETLIST, lua.OP_CLOSURE:
			return true
		}
	}
	for _, p := range proto.FunctionPrototypes {
		if allocates(p) {
			return true
		}
	}
	return false
}

// peek charges the instruction the VM is about to run, from Done. It
// returns closedChan when the evaluation must stop.
func (d *deadline) peek() <-chan struct{} {
	L := d.L
	inst, ok := currentInstruction(L)
	if !ok {
		return nil
	}
	var n int64
	switch int(inst >> 26) {
	case lua.OP_CONCAT:
		b, c := int(inst&0x1ff), int(inst>>9)&0x1ff
		for i := b; i <= c; i++ {
			switch v := L.Get(i + 1).(type) {
			case lua.LString:
				n += int64(len(v))
			case lua.LNumber:
				n += 24
			}
		}
		if n > MaxStringLen {
			return d.stop(fmt.Errorf("%w: a string of %.1f MiB exceeds the %d MiB limit",
				errStringTooLong, float64(n)/(1<<20), MaxStringLen>>20))
		}
		n += costBox
	case lua.OP_NEWTABLE:
		n = costTable
	case lua.OP_SETTABLE, lua.OP_SETTABLEKS:
		n = costSlot
	case lua.OP_SETLIST:
		nelem := int(inst & 0x1ff)
		if nelem == 0 {
			nelem = max(L.GetTop()-(int(inst>>18)&0xff)-1, 0)
		}
		n = int64(nelem) * costSlot
	case lua.OP_CLOSURE:
		n = costClosure
	default:
		return nil
	}
	if d.alloc(n) != nil {
		return closedChan
	}
	return nil
}

// The VM's current instruction is not exported by gopher-lua: peek reads
// LState.currentFrame's function and program counter through offsets found
// by reflection once, and checked, so that a gopher-lua upgrade that changes
// these structures fails at start-up (and in every test) instead of reading
// garbage.
var frameOffsets = func() (o struct{ frame, fn, pc uintptr }) {
	lt := reflect.TypeOf(lua.LState{})
	f, ok := lt.FieldByName("currentFrame")
	if !ok || f.Type.Kind() != reflect.Pointer || f.Type.Elem().Kind() != reflect.Struct {
		panic("script: gopher-lua's LState.currentFrame has changed; update budget.go")
	}
	cf := f.Type.Elem()
	fn, ok1 := cf.FieldByName("Fn")
	pc, ok2 := cf.FieldByName("Pc")
	if !ok1 || !ok2 || fn.Type != reflect.TypeOf((*lua.LFunction)(nil)) || pc.Type.Kind() != reflect.Int {
		panic("script: gopher-lua's callFrame has changed; update budget.go")
	}
	o.frame, o.fn, o.pc = f.Offset, fn.Offset, pc.Offset
	return o
}()

// currentInstruction returns the instruction the VM is about to execute
// (mainLoopWithContext increments the frame's Pc before asking Done).
func currentInstruction(L *lua.LState) (uint32, bool) {
	cf := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(L), frameOffsets.frame))
	if cf == nil {
		return 0, false
	}
	fn := *(**lua.LFunction)(unsafe.Add(cf, frameOffsets.fn))
	if fn == nil || fn.IsG || fn.Proto == nil {
		return 0, false
	}
	pc := *(*int)(unsafe.Add(cf, frameOffsets.pc))
	if pc < 1 || pc > len(fn.Proto.Code) {
		return 0, false
	}
	return fn.Proto.Code[pc-1], true
}
