// Package script is Flightplan's Lua sandbox for custom conditions, lead
// scoring and actions, built on gopher-lua.
//
// A script is a Lua chunk that returns its result: a condition returns a
// boolean, a scoring rule a number of points, an action a table of changes.
// It reads the contact, the triggering event, the node's params and the
// time through read-only globals, and the contact's history through the
// events helpers. The full API that users read is scripts/README.md.
//
// How it is kept safe and fast:
//
//   - Allowlist: states start with SkipOpenLibs; only base, string, table,
//     math and a time-only os are opened, and only allowlisted names are
//     copied into the sandbox table (no io, debug, package, load*, dofile,
//     require, rawset, setfenv, string.rep, string.dump...).
//   - Isolation: every shared table (modules, contact, fields, params,
//     event, the string metatable) is an empty proxy with a locked
//     metatable that refuses writes; script globals land in a scratch table
//     that is replaced after any evaluation that wrote to it.
//   - Deadline: every call runs under a context set with SetContext for that
//     call (Options.Timeout, default 50ms, or the caller's earlier deadline);
//     the VM checks it between instructions, and the pattern matcher
//     (string.find/match/gmatch/gsub, reimplemented for this) checks it while
//     backtracking, so infinite loops and catastrophic patterns end with a
//     "timeout" error.
//   - Caps: the call stack, the value stack, pattern nesting and string
//     length are bounded, so runaway recursion, huge unpack() calls and
//     string doubling loops end with a "limit" error before memory runs
//     away.
//   - Memory budget (budget.go): every evaluation may allocate
//     Options.MemoryBudget bytes (64 MiB). Library functions charge what
//     they build before building it, the deadline's per-instruction hook
//     charges the VM's allocating instructions (a concatenation is measured
//     before it runs), and the result is converted to Go under the same
//     budget and deadline. Spending it stops the evaluation for good (pcall
//     cannot catch it) with a "limit" error.
//   - Cost: scripts are parsed and compiled once (cached by name and
//     source) and the prototype is shared; states are pooled (at most
//     PoolSize, never one per evaluation); the contact is exposed through
//     views that convert a value only when the script reads it, and keep
//     the scalars each script has read for its next evaluation, checked
//     against the new input before it starts (learned.go).
//
// What the sandbox cannot do: the budget is counted, not measured (gopher-lua
// has no allocation hook; the costs of tables and closures are estimates,
// and garbage is not credited back). Go library calls that could run long
// read the clock as they go (the pattern matcher, table.concat, text.split,
// table.sort of more than a thousand items); the others are bounded by the
// value stack or the string length.
package script
