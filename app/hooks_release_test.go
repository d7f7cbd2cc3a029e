//go:build !probe

package app

// wantHooks: a build without the probe tag binds no benchmark or probe.
const wantHooks = false
