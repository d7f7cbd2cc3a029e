#!/usr/bin/env bash
# window-e2e.sh walks the welcome sequence and its failure path in the real
# desktop window (the release binary, WebKitGTK under Xvfb) with real X
# mouse and keyboard input (xdotool): build/window-e2e.mjs says what it
# covers. Screenshots go to build/window-e2e/. The last line is
# `window-e2e: N passed, M failed`; the walk has a budget of under 4 minutes and the
# app and Xvfb are always stopped.
#
# The binary is the release build plus the probe tag (build/bin/flightplan-probe):
# the walk asks the page where things are through app/probe.go, which the
# release window does not contain.
#
# Environment: WALK_LANG=fr to walk in French (and list what still reads in
# English or as an id), WINDOW_E2E_NO_BUILD=1 to reuse frontend/dist (the
# probe binary is always built: warm, that takes a few seconds). Run
# build/window-e2e.mjs directly with WINDOW_E2E_BIN=PATH to walk another probe
# binary (one built while a benchmark uses build/bin/flightplan-probe).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${WINDOW_E2E_NO_BUILD:-}" != 1 ]]; then
  echo "window-e2e: building the frontend…" >&2
  npm --prefix frontend run --silent build >/dev/null
fi
go build -tags desktop,production,webkit2_41,probe -ldflags "-w -s" -o build/bin/flightplan-probe .
tmp=$(mktemp -d)
cleanup() {
  # The walk stops what it started; these are in case it was killed.
  if [[ -f "$tmp/pids" ]]; then while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$tmp/pids"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# Each language keeps its own screenshots (fr-*.png in French).
mkdir -p build/window-e2e
if [[ "${WALK_LANG:-}" == fr ]]; then find build/window-e2e -name 'fr-*.png' -delete; else find build/window-e2e -name '*.png' ! -name 'fr-*' -delete; fi
timeout -k 5 255 node build/window-e2e.mjs "$PWD" "$tmp"
