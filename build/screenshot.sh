#!/usr/bin/env bash
# screenshot.sh starts the release desktop binary under Xvfb on a fresh
# workspace holding a sample funnel, checks that the window stays alive, and
# saves a screenshot of the screen to build/screenshot.png.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/flightplan
go build -tags desktop,production,webkit2_41 -ldflags "-w -s" -o "$bin" .
tmp=$(mktemp -d)
# Xvfb picks a free display itself and writes its number once it accepts
# connections: no clash with another X server on a shared machine, and no
# guess at how long it takes to start.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
cleanup() { kill "${app:-}" "$xvfb" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 300); do [[ -s "$tmp/display" ]] && break; sleep 0.1; done
if [[ ! -s "$tmp/display" ]]; then echo "screenshot: Xvfb did not start in 30 s:"; cat "$tmp/xvfb.log"; exit 1; fi
disp=:$(head -1 "$tmp/display")
export FLIGHTPLAN_WORKSPACE="$tmp/screenshot.flightplan"
# A sample funnel so the window shows a canvas, not only an empty state.
if [[ -f build/sample.flow.json ]]; then
  "$bin" import flow build/sample.flow.json --workspace "$FLIGHTPLAN_WORKSPACE" >/dev/null
fi
DISPLAY="$disp" "$bin" >"$tmp/app.log" 2>&1 &
app=$!
# The window must stay up at least 8 s and show something: a blank screen
# has a single colour. On a busy machine drawing can take longer than 8 s,
# so the screen is looked at again every 2 s, for up to a minute.
sleep 8
colours=0
for _ in $(seq 27); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "screenshot: the app exited early:"; cat "$tmp/app.log"; exit 1
  fi
  DISPLAY="$disp" import -window root build/screenshot.png
  colours=$(convert build/screenshot.png -format %k info:)
  (( colours >= 50 )) && break
  sleep 2
done
echo "screenshot: build/screenshot.png ($colours colours)"
if (( colours < 50 )); then echo "screenshot: the window looks blank"; exit 1; fi
