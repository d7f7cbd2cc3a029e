//go:build probe

package app

// wantHooks: a build with the probe tag binds the benchmark and the probe.
const wantHooks = true
