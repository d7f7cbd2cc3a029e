#!/usr/bin/env bash
# window-bench.sh measures the real desktop window (WebKitGTK under Xvfb):
# how long after launch the app is ready, and how fast the canvas opens and
# pans funnels of 200 and 1000 steps. It builds the frontend and the release
# binary with the probe tag (the tags of screenshot.sh, plus probe: the
# release window has no benchmark hooks), then launches the app with
# $FLIGHTPLAN_PERF_OUT set: the page measures itself and reports to Go
# (src/perf.ts → app/perf.go), which writes a JSON file and quits.
#
#   window ready: 640 ms (painted 600, page loaded 450, main 12)
#   window canvas 200 steps: open 250 ms (backend 30, drawing 220), floor's first picture 180 ms
#   window canvas 200 steps, whole funnel, pan: 52 fps, floor 58 fps, ratio 0.90; CPU 30.1 ms a frame, floor 27.0 ms, ratio 0.90
#   window canvas 200 steps, whole funnel, drag: 55 fps, floor 60 fps, ratio 0.92; CPU …
#   window canvas 200 steps, zoomed in, pan: …   (and drag; then 1000 steps)
#   | steps | view | motion | product fps | floor fps | ratio |   (the same, as a table)
#
# window ready: from the process's start (the kernel's start time) to the
# first frame where the shell is usable — catalogue and funnel list loaded —
# on an existing empty workspace; a first launch warms the caches and is not
# counted. open: from asking for the funnel (canvas closed) to the first
# frame with every drawn step measured, the backend's load and validation
# included; pan: frames per second while the view moves and zooms for 3 s,
# as in the headless canvas benchmark (frontend/bench/canvas.mjs); drag:
# frames per second while a step is dragged in a circle (real mouse events
# on the step and the window, one move per frame) for as long, then put
# back with Undo. The floor (frontend/src/perfFloor.tsx) is raw React Flow
# with its default nodes and links, the same steps (count, places,
# measured sizes) and links, over the same area of the same window, panned
# and dragged with the same motion; the page pans product, floor, product,
# floor, whole funnel fitted and then at 100 % on the first step, then
# drags the same way (the step nearest the middle of the whole funnel, the
# first step zoomed in), and keeps the best of each pair. Around each
# motion it also takes the CPU time of the app's processes (WebKit's
# included, from /proc): CPU per frame, the least of each pair, is what a
# frame costs, a figure the neighbours' load hardly moves (frame rates on a
# shared machine mostly measure the neighbours). Each figure is
# the median of RUNS launches (default 3); each ratio is the median of the
# launches' ratios.
#
# Environment: RUNS, SIZES (default 200,1000), PAN_MS (default 3000),
# WINDOW_BENCH_NO_BUILD=1 to reuse build/bin/flightplan-probe and frontend/dist,
# WINDOW_BENCH_BIN=PATH to measure another probe binary (with NO_BUILD: two
# builds compared launch by launch),
# WINDOW_BENCH_NO_FRONTEND=1 to reuse frontend/dist only,
# WINDOW_BENCH_KEEP=DIR to keep the JSON files of every launch,
# WINDOW_BENCH_VARIANTS=edges,icons,… to pan the product again with a part
# of it left undrawn (the list is VARIANTS in frontend/src/perf.ts), for
# each part's share of a frame: a table of CPU ms a frame per variant,
# beside the full product and the floor of the same launches,
# WINDOW_BENCH_IDLE=SECONDS to wait (at most that long) before each launch
# until the CPUs are at least 80% idle over 2 s, on a machine others share.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WINDOW_BENCH_BIN:-build/bin/flightplan-probe}
RUNS=${RUNS:-3}
SIZES=${SIZES:-200,1000}
PAN_MS=${PAN_MS:-3000}
VARIANTS=${WINDOW_BENCH_VARIANTS:-}
nvariants=0
[[ -z "$VARIANTS" ]] || nvariants=$(($(tr -cd , <<<"$VARIANTS" | wc -c) + 2))

if [[ "${WINDOW_BENCH_NO_BUILD:-}" != 1 ]]; then
  echo "window bench: building the frontend and the release binary with the probe tag…" >&2
  [[ "${WINDOW_BENCH_NO_FRONTEND:-}" == 1 ]] || npm --prefix frontend run --silent build >/dev/null
  go build -tags desktop,production,webkit2_41,probe -ldflags "-w -s" -o "$bin" .
fi

tmp=$(mktemp -d)
disp=:$((90 + RANDOM % 9))
while [[ -e /tmp/.X11-unix/X${disp#:} ]]; do disp=:$((90 + RANDOM % 9)); done
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
app=
cleanup() {
  [[ -n "$app" ]] && kill "$app" 2>/dev/null
  kill "$xvfb" 2>/dev/null
  wait 2>/dev/null
  if [[ -n "${WINDOW_BENCH_KEEP:-}" ]]; then mkdir -p "$WINDOW_BENCH_KEEP" && cp "$tmp"/*.json "$tmp"/*.log "$WINDOW_BENCH_KEEP"/ 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${disp#:} ]] && break; sleep 0.1; done
# WebKit's caches and local storage stay in the temporary folder.
export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"

# Funnels of N steps in a grid of 20 columns, chained: the funnel of the
# canvas benchmark (benchFlow in frontend/src/features/funnel/canvas/bench.tsx).
node - "$tmp" "$SIZES" <<'EOF'
const [dir, sizes] = process.argv.slice(2);
const W = 248, H = 96; // NODE_WIDTH, NODE_HEIGHT in frontend/src/features/funnel/canvas/layout.ts
const types = ['action.send_email', 'wait.delay', 'action.tag_add', 'condition.tag'];
for (const n of sizes.split(',').map(Number)) {
  const nodes = [], edges = [];
  for (let i = 0; i < n; i++) {
    const type = i === 0 ? 'trigger.list_joined' : types[i % types.length];
    const config = type === 'trigger.list_joined' ? { list: 'newsletter' } : type === 'action.send_email' ? { template: `email-${i}` } : type === 'wait.delay' ? { duration: '1d' } : { tag: `tag-${i}` };
    nodes.push({ id: `s${i}`, type, config, position: { x: (i % 20) * (W + 64), y: Math.floor(i / 20) * (H + 96) } });
    if (i > 0) {
      const prev = nodes[i - 1];
      edges.push(prev.type === 'condition.tag' ? { from: prev.id, port: 'yes', to: `s${i}` } : { from: prev.id, to: `s${i}` });
    }
  }
  const flow = { format: 'flightplan.flow/v1', id: `bench-${n}`, name: `Bench ${n}`, settings: { reentry: 'once' }, nodes, edges };
  require('fs').writeFileSync(`${dir}/bench-${n}.flow.json`, JSON.stringify(flow, null, 1));
}
EOF
empty="$tmp/empty.flightplan"
flows="$tmp/flows.flightplan"
ids=()
for n in ${SIZES//,/ }; do
  "$bin" import flow "$tmp/bench-$n.flow.json" --workspace "$flows" >/dev/null
  ids+=("bench-$n")
done

# idle prints how idle the CPUs were over the next 2 s, in percent.
idle() {
  local a b
  read -r -a a </proc/stat; sleep 2; read -r -a b </proc/stat
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $((total > 0 ? 100 * (b[4] - a[4]) / total : 100))
}

# waitIdle waits up to $WINDOW_BENCH_IDLE seconds for idle CPUs.
waitIdle() {
  [[ -n "${WINDOW_BENCH_IDLE:-}" ]] || return 0
  local until=$((SECONDS + WINDOW_BENCH_IDLE)) pct
  while pct=$(idle); ((pct < 80)); do
    if ((SECONDS >= until)); then echo "window bench: CPUs still busy (${pct}% idle), launching anyway" >&2; return 0; fi
  done
}

# launch NAME WORKSPACE [FLOWS] runs the app once and leaves $tmp/NAME.json.
launch() {
  waitIdle
  local name=$1 ws=$2 flowlist=${3:-} limit=$((60 + (50 + (24 + 7 * nvariants) * PAN_MS / 1000) * ${#ids[@]}))
  rm -f "$tmp/$name.json"
  FLIGHTPLAN_WORKSPACE="$ws" FLIGHTPLAN_PERF_OUT="$tmp/$name.json" FLIGHTPLAN_PERF_QUIT=1 \
    FLIGHTPLAN_PERF_FLOWS="$flowlist" FLIGHTPLAN_PERF_PAN_MS="$PAN_MS" FLIGHTPLAN_PERF_VARIANTS="$VARIANTS" DISPLAY="$disp" \
    "$bin" >"$tmp/$name.log" 2>&1 &
  app=$!
  local waited=0
  while kill -0 "$app" 2>/dev/null && ((waited < limit * 10)); do sleep 0.1; waited=$((waited + 1)); done
  if kill -0 "$app" 2>/dev/null; then kill "$app" 2>/dev/null; fi
  wait "$app" 2>/dev/null || true
  app=
  if [[ ! -s "$tmp/$name.json" ]]; then
    echo "window bench: launch $name wrote no figures; its log:" >&2
    tail -20 "$tmp/$name.log" >&2
    return 1
  fi
}

# Other work on the machine shows in these figures: say how busy it was.
echo "window bench: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores at start" >&2
echo "window bench: window ready, $RUNS launches on an empty workspace (one more to warm up)…" >&2
launch warmup "$empty"
for r in $(seq "$RUNS"); do launch "ready-$r" "$empty"; done
echo "window bench: canvas, $RUNS launches opening and panning ${ids[*]}…" >&2
flowlist=$(IFS=,; echo "${ids[*]}")
for r in $(seq "$RUNS"); do launch "canvas-$r" "$flows" "$flowlist"; done

echo "window bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" >&2
node - "$tmp" "$RUNS" "$flowlist" "$VARIANTS" <<'EOF'
const fs = require('fs');
const [dir, runs, flowlist, variants] = process.argv.slice(2);
const load = (name) => JSON.parse(fs.readFileSync(`${dir}/${name}.json`, 'utf8'));
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
const r = (x) => (isNaN(x) ? '?' : String(Math.round(x)));
const problems = [];
const ready = [], canvas = [];
for (let i = 1; i <= Number(runs); i++) {
  ready.push(load(`ready-${i}`));
  canvas.push(load(`canvas-${i}`));
}
for (const j of [...ready, ...canvas]) if (j.problem) problems.push(j.problem);
const mark = (k) => median(ready.map((j) => j.marks_ms[k]));
const src = ready[0].start_source === 'proc' ? '' : ` (from ${ready[0].start_source})`;
console.log(`window ready: ${r(mark('window_ready'))} ms${src} (painted ${r(mark('shell_painted'))}, page loaded ${r(mark('dom_ready'))}, main ${r(mark('main'))})`);
const table = [];
for (const id of flowlist.split(',')) {
  const fig = (k) => median(canvas.map((j) => j.figures[`flow.${id}.${k}`]));
  const n = fig('steps');
  const name = isNaN(n) ? id : n;
  // Opening: to the first picture with every drawn step measured, the
  // backend's part apart; the floor's first picture is raw React Flow
  // mounted with the same nodes (no backend, nothing deferred).
  console.log(`window canvas ${name} steps: open ${r(fig('open_ms'))} ms (loaded ${r(fig('fetch_ms'))} of which the backend alone ${r(fig('backend_ms'))}; React's first render ${r(fig('render_ms') - fig('fetch_ms'))}; measuring and painting ${r(fig('open_ms') - fig('render_ms'))}), floor's first picture ${r(fig('floor_open_ms'))} ms`);
  // Ratios per launch (product and floor measured in turn in the same launch), then the median.
  const ratio = (a, b) => median(canvas.map((j) => j.figures[`flow.${id}.${a}`] / j.figures[`flow.${id}.${b}`])).toFixed(2);
  // CPU per frame (the app's processes, WebKit's included): what a frame
  // costs, which the neighbours' load hardly changes; the ratio is the
  // floor's cost over the product's (1 = as cheap as the floor).
  const ms1 = (x) => (isNaN(x) ? '?' : x.toFixed(1));
  for (const [view, pan, drag, cpuPan, cpuDrag] of [
    ['whole funnel', 'pan', 'drag', 'fit', 'drag_fit'],
    ['zoomed in', 'pan_zoomed', 'drag_zoomed', 'zoomed', 'drag_zoomed'],
  ]) {
    for (const [motion, k, c] of [
      ['pan', pan, cpuPan],
      ['drag', drag, cpuDrag],
    ]) {
      const line = [name, view, motion, r(fig(`${k}_fps`)), r(fig(`floor_${k}_fps`)), ratio(`${k}_fps`, `floor_${k}_fps`), ms1(fig(`${c}_cpu_ms`)), ms1(fig(`floor_${c}_cpu_ms`)), ratio(`floor_${c}_cpu_ms`, `${c}_cpu_ms`)];
      table.push(line);
      console.log(`window canvas ${name} steps, ${view}, ${motion}: ${line[3]} fps, floor ${line[4]} fps, ratio ${line[5]}; CPU ${line[6]} ms a frame, floor ${line[7]} ms, ratio ${line[8]}`);
    }
  }
}
// The worst frames (median of the launches): of a pan and a drag over the
// whole funnel, of the moment a pan stops (far out, the steps come back in
// place of the picture: frontend/src/features/funnel/canvas/farPicture.ts),
// and of a zoom from the whole funnel to 60 % (across the picture's threshold).
const worst = [];
for (const id of flowlist.split(',')) {
  const fig = (k) => median(canvas.map((j) => j.figures[`flow.${id}.${k}`]));
  const n = fig('steps');
  const line = [isNaN(n) ? id : n, r(fig('pan_worst_frame_ms')), r(fig('floor_pan_worst_frame_ms')), r(fig('drag_worst_frame_ms')), r(fig('floor_drag_worst_frame_ms')), r(fig('settle_worst_ms')), r(fig('cross_worst_ms')), r(fig('floor_cross_worst_ms'))];
  worst.push(line);
  console.log(`window canvas ${line[0]} steps, whole funnel, worst frame: pan ${line[1]} ms (floor ${line[2]}), drag ${line[3]} ms (floor ${line[4]}), when a pan stops ${line[5]} ms, zooming in across 28 % ${line[6]} ms (floor ${line[7]})`);
  // The first frame of a far-out pan after the view rested (the picture drawn ahead), and without drawing ahead.
  console.log(`window canvas ${line[0]} steps, whole funnel, first frame of a pan after a rest: ${r(fig('first_far_frame_ms'))} ms (not drawn ahead: ${r(fig('first_far_frame_noahead_ms'))})`);
}
// The same figures as a table (median of the launches; the floor measured in the same launches).
// React's work while the view moved: steps and links rendered during a pan (0 is the aim).
for (const id of flowlist.split(',')) {
  const most = (k) => Math.max(...canvas.map((j) => j.figures[`flow.${id}.${k}`] ?? NaN));
  console.log(`window canvas ${id}: rendered during a pan: ${r(most('pan_step_renders'))} steps, ${r(most('pan_link_renders'))} links (most of any launch)`);
}
// Variants: the product panned with one part left out, in the same
// launches; what a frame saves without it is that part's cost.
if (variants) {
  console.log(`\n| steps | view | variant | CPU ms/frame | saved vs full product | floor CPU ms/frame | floor ÷ variant |\n|---|---|---|---|---|---|---|`);
  for (const id of flowlist.split(',')) {
    const fig = (k) => median(canvas.map((j) => j.figures[`flow.${id}.${k}`]));
    for (const [view, k] of [['whole funnel', 'fit'], ['zoomed in', 'zoomed']]) {
      const all = fig(`variant_all_${k}_cpu_ms`);
      const floor = fig(`variant_floor_${k}_cpu_ms`);
      for (const v of ['all', ...variants.split(',')]) {
        const c = fig(`variant_${v}_${k}_cpu_ms`);
        console.log(`| ${id} | ${view} | ${v === 'all' ? 'full product' : 'no ' + v} | ${isNaN(c) ? '?' : c.toFixed(1)} | ${isNaN(c) ? '?' : (all - c).toFixed(1)} | ${isNaN(floor) ? '?' : floor.toFixed(1)} | ${isNaN(c) ? '?' : (floor / c).toFixed(2)} |`);
      }
    }
  }
}
console.log(`\n| steps | view | motion | product fps | floor fps | ratio | product CPU ms/frame | floor CPU ms/frame | CPU ratio (floor ÷ product) |\n|---|---|---|---|---|---|---|---|---|`);
for (const l of table) console.log(`| ${l.join(' | ')} |`);
console.log(`\n| steps | worst pan frame ms (floor) | worst drag frame ms (floor) | pan stops ms | zoom in across 28 % ms (floor) |\n|---|---|---|---|---|`);
for (const l of worst) console.log(`| ${l[0]} | ${l[1]} (${l[2]}) | ${l[3]} (${l[4]}) | ${l[5]} | ${l[6]} (${l[7]}) |`);
for (const p of new Set(problems)) console.error(`window bench: the page said: ${p}`);
if (problems.length) process.exit(1);
EOF
