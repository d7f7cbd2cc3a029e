package script

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// Error kinds. The kind tells the runner and the editor what went wrong
// without parsing messages.
const (
	KindCompile = "compile" // syntax or compile error; the script never ran
	KindRuntime = "runtime" // a Lua error while running (including error() calls)
	KindTimeout = "timeout" // the deadline passed, or the caller's context was canceled
	KindLimit   = "limit"   // a sandbox cap was hit: call stack or value stack
	KindResult  = "result"  // the script ran but returned the wrong kind of value
)

// Error is a script failure that names the script and, when known, the line.
// It is what the editor shows next to the code and what the runner writes on
// the enrollment: never a silent "no".
type Error struct {
	Script  string
	Line    int // 1-based; 0 when unknown
	Message string
	Kind    string // one of the Kind* constants

	cause     error // context error for timeouts, so errors.Is works
	hostPanic bool  // a Go panic inside the protected call: the state is suspect
}

// Error formats as `script "hot-lead": line 7: attempt to index a nil value`.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("script %q: line %d: %s", e.Script, e.Line, e.Message)
	}
	return fmt.Sprintf("script %q: %s", e.Script, e.Message)
}

// Unwrap returns the context error behind a timeout, if any.
func (e *Error) Unwrap() error { return e.cause }

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var se *Error
	ok := errors.As(err, &se)
	return se, ok
}

// compileError turns a gopher-lua parse or compile error into an *Error.
func compileError(name, src string, err error) *Error {
	e := &Error{Script: name, Kind: KindCompile, Message: strings.TrimSpace(err.Error())}
	var pe *parse.Error
	var ce *lua.CompileError
	switch {
	case errors.As(err, &pe):
		e.Line, e.Message = pe.Pos.Line, pe.Message
		if pe.Pos.Line == parse.EOF {
			e.Line = strings.Count(strings.TrimRight(src, "\n"), "\n") + 1
			e.Message = pe.Message + " at the end of the script"
		} else if pe.Token != "" {
			e.Message += " near '" + pe.Token + "'"
		}
	case errors.As(err, &ce):
		e.Line, e.Message = ce.Line, ce.Message
	}
	return e
}

// runtimeError turns what PCall returned into an *Error with the line the
// script was on. gopher-lua prefixes messages raised from Lua code with
// "name:line:"; errors raised inside Go helpers carry no position, so the
// traceback's first frame in the script gives the line instead.
func runtimeError(name string, err error) *Error {
	e := &Error{Script: name, Kind: KindRuntime}
	var msg, trace string
	if ae, ok := err.(*lua.ApiError); ok {
		trace = ae.StackTrace
		e.hostPanic = ae.Type == lua.ApiErrorPanic
		// Never call __tostring here: the protected call is over, so a
		// metamethod error would escape as a Go panic.
		switch obj := ae.Object.(type) {
		case lua.LString:
			msg = string(obj)
		case nil:
			msg = err.Error()
		default:
			if obj == lua.LNil {
				msg = "error object is nil"
			} else {
				msg = "error object is a " + obj.Type().String() + " value"
			}
		}
	} else {
		msg = err.Error()
	}
	msg = strings.TrimSpace(msg)
	// error(s) with a huge s must not carry megabytes into the journal and
	// the editor.
	if len(msg) > maxErrorMessage {
		msg = truncateUTF8(msg, maxErrorMessage) + "…"
	}
	if line, rest, ok := cutPosition(name, msg); ok {
		e.Line, msg = line, rest
	} else if line, ok := firstTraceLine(name, trace); ok {
		e.Line = line
	}
	e.Message = msg
	switch {
	case msg == "stack overflow" || strings.HasSuffix(msg, " stack overflow"):
		e.Kind = KindLimit
		e.Message = "call stack overflow: too many nested calls (runaway recursion?)"
	case strings.HasPrefix(msg, errStringTooLong.Error()):
		e.Kind = KindLimit
	case strings.HasSuffix(msg, "pattern too complex"):
		e.Kind = KindLimit
	case strings.Contains(msg, "registry overflow"):
		e.Kind = KindLimit
		e.Message = "value stack overflow: too many values at once (huge unpack or vararg call?)"
	}
	return e
}

// maxErrorMessage caps a runtime error's message, in bytes.
const maxErrorMessage = 2000

// cutPosition strips a leading "name:line:" from msg. Nested positions
// ("name:3: name:7: boom" from error() rethrowing) keep the innermost line,
// which is where the problem is.
func cutPosition(name, msg string) (int, string, bool) {
	found, line := false, 0
	for {
		rest, ok := strings.CutPrefix(msg, name+":")
		if !ok {
			break
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(rest) || rest[i] != ':' {
			break
		}
		n, _ := strconv.Atoi(rest[:i])
		found, line, msg = true, n, strings.TrimSpace(rest[i+1:])
	}
	return line, msg, found
}

// firstTraceLine finds the innermost frame of the script in a gopher-lua
// traceback ("\tname:7: in main chunk").
func firstTraceLine(name, trace string) (int, bool) {
	for _, ln := range strings.Split(trace, "\n") {
		ln = strings.TrimSpace(ln)
		if line, _, ok := cutPosition(name, ln); ok {
			return line, true
		}
	}
	return 0, false
}

// timeoutError reports a deadline or a cancellation.
func timeoutError(name string, cause error, budget string) *Error {
	msg := "ran past its deadline of " + budget + " (infinite loop?)"
	if errors.Is(cause, context.Canceled) {
		msg = "evaluation canceled"
	}
	return &Error{Script: name, Kind: KindTimeout, Message: msg, cause: cause}
}

// errInstructions is the cause recorded when an evaluation spends its
// instruction budget (Options.Instructions).
var errInstructions = errors.New("instruction budget exceeded")

// instructionsError reports a spent instruction budget.
func instructionsError(n uint64) error {
	return fmt.Errorf("%w: ran too long, past its budget of %d Lua instructions (infinite loop?)", errInstructions, n)
}

// resultError reports a wrong return type.
func resultError(name, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	if len(msg) > maxErrorMessage { // a key or value of megabytes quoted in the message
		msg = truncateUTF8(msg, maxErrorMessage) + "…"
	}
	return &Error{Script: name, Kind: KindResult, Message: msg}
}
