#!/usr/bin/env bash
# Issue 23, "CPU per request within 1.1x of wrk": the CPU seconds `stampede quick` spends per 10k
# requests on ../shared/bench's `max` shape (GET /, 2-byte body, 50 keep-alive connections, no
# think time) against the bench's nginx on CPU 1 with the CLI on CPU 0, and the top self-time
# items of one `node --cpu-prof` run of it.
#
#   npm run build && bash scripts/bench-cpu-profile.sh
#   CLIS="main=/work/main/dist/cli.js branch=$PWD/dist/cli.js" bash scripts/bench-cpu-profile.sh
#
# Env: CLIS (label=path pairs, default this tree's dist/cli.js), REPS=3, DURATION=10,
# CONNECTIONS=50, PROFILE_SECONDS=8 (0: no profile; the table reads its steady window, from 2 s to 1 s before the end), TOP=20, PROFILE_INTERVAL_US=100 (V8's sampling period), TARGET_PORT=18181 (its own nginx,
# apart from the bench's 18080), OUT (where profiles go; default a temporary directory).
# Takes the shared bench lock (/tmp/stampede-bench.lock) for the whole run; prints `uptime` first.
# Reps are interleaved across CLIS; the table shows each CLI's medians. DURATION must be >= 5.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# ../shared/bench beside the repository (a worktree under /work/wt finds it two levels up).
BENCH=${BENCH:-$ROOT/../shared/bench}
[[ -d $BENCH ]] || BENCH=$ROOT/../../shared/bench
REPS=${REPS:-3} DURATION=${DURATION:-10} CONNECTIONS=${CONNECTIONS:-50}
PROFILE_SECONDS=${PROFILE_SECONDS:-8} TOP=${TOP:-20} PROFILE_INTERVAL_US=${PROFILE_INTERVAL_US:-100}
CLIS=${CLIS:-"this=$ROOT/dist/cli.js"}
export TARGET_PORT=${TARGET_PORT:-18181}
export RUN_DIR=${RUN_DIR:-$(mktemp -d /tmp/stampede-cpu-profile.XXXXXX)}
OUT=${OUT:-$RUN_DIR}
URL="http://127.0.0.1:$TARGET_PORT/"
for tool in taskset nginx /usr/bin/time; do
  command -v "$tool" > /dev/null || { echo "bench-cpu-profile: needs $tool" >&2; exit 2; }
done

if [[ ${BENCH_LOCKED:-0} != 1 ]]; then
  exec env BENCH_LOCKED=1 RUN_DIR="$RUN_DIR" flock /tmp/stampede-bench.lock bash "$0" "$@"
fi
echo "load average before: $(uptime | sed 's/.*load average: //')"
trap 'bash "$BENCH/lib/target.sh" stop 2> /dev/null' EXIT
bash "$BENCH/lib/target.sh" start

# nginx's count of requests served (each read of the status page counts itself once).
served() { curl -fsS "http://127.0.0.1:$TARGET_PORT/nginx_status" | awk 'NR == 3 { print $3 }'; }
# user + system CPU of a process so far, in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLK=$(getconf CLK_TCK)

# One run: prints "requests cpu_seconds steady_cpu_per_10k p50 p99". The steady window is like
# ../shared/bench's: from 2 s after the start to 1 s before the end (no start-up, no drain),
# requests counted by nginx, CPU read from /proc; the whole-run figures are the CLI's own count
# and /usr/bin/time's.
run_once() {
  local cli=$1 timing json pid c0 c1 r0 r1
  timing=$(mktemp) json=$(mktemp)
  /usr/bin/time -o "$timing" -f '%U %S' taskset -c 0 \
    node "$cli" quick "$URL" -c "$CONNECTIONS" -d "$DURATION" --json > "$json" 2> /dev/null &
  sleep 0.3
  pid=$(pgrep -P $! node || pgrep -P $!)
  sleep 1.7
  c0=$(ticks "$pid") r0=$(served)
  sleep $((DURATION - 3))
  c1=$(ticks "$pid") r1=$(served)
  wait
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").pop());
    const [u, s] = require("fs").readFileSync(process.argv[2], "utf8").trim().split(/\s+/).map(Number);
    const [c0, c1, r0, r1, clk] = process.argv.slice(3).map(Number);
    const steady = ((c1 - c0) / clk / (r1 - r0 - 1)) * 1e4;
    console.log(r.requests, (u + s).toFixed(2), steady.toFixed(4), r.p50, r.p99);' \
    "$json" "$timing" "$c0" "$c1" "$r0" "$r1" "$CLK"
  rm -f "$timing" "$json"
}

declare -A results
for rep in $(seq 1 "$REPS"); do
  for pair in $CLIS; do
    label=${pair%%=*}
    line=$(run_once "${pair#*=}")
    echo "rep $rep $label: requests cpu_s steady_per_10k p50 p99 = $line"
    results[$label]+="$line;"
  done
done

if (( REPS > 0 )); then
  echo
  echo "| CLI | requests | CPU s | CPU s / 10k req (total) | CPU s / 10k req (steady; each rep) | p50 ms | p99 ms |"
  echo "|---|---|---|---|---|---|---|"
fi
for pair in $CLIS; do
  (( REPS > 0 )) || break
  label=${pair%%=*}
  node -e '
    const reps = process.argv[2].split(";").filter(Boolean).map((l) => l.split(" ").map(Number));
    const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
    const total = reps.map(([n, cpu]) => (cpu / n) * 1e4);
    const steady = reps.map((r) => r[2]);
    console.log(`| ${process.argv[1]} | ${med(reps.map((r) => r[0]))} | ${med(reps.map((r) => r[1])).toFixed(2)} | ${med(total).toFixed(4)} | **${med(steady).toFixed(4)}** (${steady.map((x) => x.toFixed(4)).join(", ")}) | ${med(reps.map((r) => r[3]))} | ${med(reps.map((r) => r[4]))} |`);
  ' "$label" "${results[$label]}"
done

if (( PROFILE_SECONDS > 0 )); then
  for pair in $CLIS; do
    label=${pair%%=*}
    dir="$OUT/profile-$label"
    mkdir -p "$dir"
    taskset -c 0 node --cpu-prof --cpu-prof-interval "$PROFILE_INTERVAL_US" --cpu-prof-dir="$dir" "${pair#*=}" quick "$URL" \
      -c "$CONNECTIONS" -d "$PROFILE_SECONDS" --json 2> /dev/null | tail -n 1 |
      node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(`\n### ${process.argv[1]}: ${JSON.parse(s).requests} requests in ${process.argv[2]} s under the profiler`))' "$label" "$PROFILE_SECONDS"
    node --import tsx "$ROOT/scripts/cpu-profile-top.ts" "$(ls -t "$dir"/*.cpuprofile | head -1)" \
      --from 2 --to $((PROFILE_SECONDS - 1)) --top "$TOP" --markdown
  done
  echo
  echo "profiles kept in $OUT"
fi
echo "load average after: $(uptime | sed 's/.*load average: //')"
