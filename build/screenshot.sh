#!/usr/bin/env bash
# screenshot.sh starts the release desktop binary under Xvfb on a fresh
# workspace holding a sample funnel, checks that the window stays alive, and
# saves a screenshot of the screen to build/screenshot.png.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/flightplan
go build -tags desktop,production,webkit2_41 -ldflags "-w -s" -o "$bin" .
tmp=$(mktemp -d)
disp=:$((90 + RANDOM % 9))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
cleanup() { kill "${app:-}" "$xvfb" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
export FLIGHTPLAN_WORKSPACE="$tmp/screenshot.flightplan"
# A sample funnel so the window shows a canvas, not only an empty state.
if [[ -f build/sample.flow.json ]]; then
  "$bin" import flow build/sample.flow.json --workspace "$FLIGHTPLAN_WORKSPACE" >/dev/null
fi
sleep 1
DISPLAY="$disp" "$bin" >"$tmp/app.log" 2>&1 &
app=$!
sleep 8
if ! kill -0 "$app" 2>/dev/null; then
  echo "screenshot: the app exited early:"; cat "$tmp/app.log"; exit 1
fi
DISPLAY="$disp" import -window root build/screenshot.png
# The window must show something: a blank screen compresses to almost nothing
# and has a single colour.
colours=$(convert build/screenshot.png -format %k info:)
echo "screenshot: build/screenshot.png ($colours colours)"
if (( colours < 50 )); then echo "screenshot: the window looks blank"; exit 1; fi
