#!/usr/bin/env bash
# test.sh runs every suite of Flightplan, keeps going after a failure, and
# ends with one summary line: "suites: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"

passed=0; failed=0; failures=()
suite() {
  local name="$1"; shift
  echo "=== suite: $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed+1)); echo "--- ok: $name ($((SECONDS-start))s)"
  else
    failed=$((failed+1)); failures+=("$name"); echo "--- FAILED: $name ($((SECONDS-start))s)"
  fi
}

frontend_ok=1
suite "frontend: catalogue fixture matches the engine" bash -c 'cd frontend && npm run --silent fixture:check'
suite "frontend: type check" bash -c 'cd frontend && npm run --silent check'
suite "frontend: unit tests (vitest)" bash -c 'cd frontend && npm test --silent'
# npm run build is the type check and then Vite: the type check is the suite
# above, so the build suite runs Vite alone (tsc twice cost ~25 s of CPU).
suite "frontend: build" bash -c 'cd frontend && npx --no-install vite build' || frontend_ok=0
suite "go vet" go vet ./...
suite "go test (engine, app, cli)" go test -count=1 ./...
suite "go test (the window's benchmark and probe hooks, -tags probe)" go test -count=1 -tags probe ./app/

# Every Go fuzz target (func Fuzz* in a _test.go file) runs for a short,
# bounded time (FUZZTIME, 5 s by default). An input that fails is written
# to the package's testdata/fuzz/FuzzName/, where plain go test replays it.
fuzz_all() {
  local n=0 bad=0 file name log
  log=$(mktemp)
  while IFS=: read -r file name; do
    n=$((n+1))
    echo "fuzz: $name in ./$(dirname "$file")"
    local try ok=0
    for try in 1 2; do
      if go test -run '^$' -fuzz "^${name}\$" -fuzztime "${FUZZTIME:-5s}" "./$(dirname "$file")" >"$log" 2>&1; then ok=1; break; fi
      # Go's fuzzer can end a time-bounded run with "context deadline
      # exceeded" and no input at fault (its workers stop as the time runs
      # out); that says nothing about the code, so the target runs again.
      # A real finding writes its input and fails both times.
      grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log" || break
      echo "fuzz: $name stopped on the fuzzer's own deadline, with no input at fault: once more"
    done
    if [[ $ok -eq 0 ]]; then
      bad=$((bad+1)); tail -40 "$log"
    fi
  done < <(grep -rEo --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.git '^func Fuzz[A-Za-z0-9_]*' . | sed 's|^\./||; s|:func |:|' | sort)
  rm -f "$log"
  echo "fuzz targets: $n run, $bad failed"
  [[ $n -gt 0 && $bad -eq 0 ]]
}
suite "fuzz (every Fuzz target, ${FUZZTIME:-5s} each)" fuzz_all
# The generator runs the app's start-up: give it a throwaway workspace, never the user's.
suite "bindings up to date" bash -c 'd=$(mktemp -d) && XDG_DATA_HOME=$d FLIGHTPLAN_WORKSPACE=$d/bindings.flightplan wails generate module -tags probe >/dev/null 2>&1; rc=$?; rm -rf "$d"; [[ $rc -eq 0 ]] && git -c core.fileMode=false diff --exit-code -- frontend/wailsjs'
suite "desktop window under Xvfb" bash build/screenshot.sh
suite "desktop window end-to-end (WebKitGTK under Xvfb)" bash -c 'WINDOW_E2E_NO_BUILD=1 bash build/window-e2e.sh'
# The release binary (built by screenshot.sh) has no benchmark or probe hooks; the walk's probe build (window-e2e.sh) has both.
suite "release window without the probe hooks" bash -c '! grep -q -e FLIGHTPLAN_E2E_PROBE -e FLIGHTPLAN_PERF_OUT build/bin/flightplan && grep -q FLIGHTPLAN_E2E_PROBE build/bin/flightplan-probe && grep -q FLIGHTPLAN_PERF_OUT build/bin/flightplan-probe'
suite "browser end-to-end (Chromium + real backend)" bash -c 'go build -tags dev,webkit2_41 -o build/bin/flightplan-dev . && FLIGHTPLAN_DEV_BIN=$PWD/build/bin/flightplan-dev node frontend/e2e/run.mjs'

echo
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "suites: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
