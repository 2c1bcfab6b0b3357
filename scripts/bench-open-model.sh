#!/usr/bin/env bash
# Open model at 5,000 / 20,000 / 50,000 arrivals per second (issue 23), beside autocannon's
# `--overallRate` (its rate-limited mode, corrected for coordinated omission), interleaved: rep 1 of
# every rate and tool, then rep 2, ... The target is ../shared/bench's nginx (lib/target.sh, its
# own scratch dir and port), pinned to TARGET_CPU; each load generator is pinned to LOAD_CPU.
# The achieved rate is counted by nginx (stub_status), not by the tool.
#
#   node esbuild.mjs && flock /tmp/stampede-bench.lock scripts/bench-open-model.sh
#
# Env: RATES ("5000 20000 50000"), REPS (3), DURATION (10 s), USERS (500: Stampede's maxUsers and
# autocannon's connections), WORKERS (0: master and one worker in one process), LOAD_CPU (0),
# TARGET_CPU (1), TARGET_PORT (18190), BENCH_DIR (/work/shared/bench), PEERS_HOME (/tmp/peers),
# TOOLS ("stampede autocannon").
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RATES=${RATES:-"5000 20000 50000"}
REPS=${REPS:-3}
DURATION=${DURATION:-10}
USERS=${USERS:-500}
WORKERS=${WORKERS:-0}
LOAD_CPU=${LOAD_CPU:-0}
TOOLS=${TOOLS:-"stampede autocannon"}
BENCH_DIR=${BENCH_DIR:-/work/shared/bench}
PEERS_HOME=${PEERS_HOME:-/tmp/peers}
AUTOCANNON=$PEERS_HOME/tools/node_modules/.bin/autocannon
export TARGET_PORT=${TARGET_PORT:-18190} TARGET_CPU=${TARGET_CPU:-1}
RUN_DIR=$(mktemp -d /tmp/bench-open-model.XXXXXX)
export RUN_DIR
URL=http://127.0.0.1:$TARGET_PORT/

[[ -f $ROOT/dist/cli.js ]] || { echo "build first: node esbuild.mjs" >&2; exit 2; }
[[ " $TOOLS " != *" autocannon "* || -x $AUTOCANNON ]] || { echo "autocannon not found at $AUTOCANNON (set PEERS_HOME)" >&2; exit 2; }
trap 'bash "$BENCH_DIR/lib/target.sh" stop || true; rm -rf "$RUN_DIR"' EXIT
bash "$BENCH_DIR/lib/target.sh" start

served() { curl -fsS "http://127.0.0.1:$TARGET_PORT/nginx_status" | awk 'NR==3 {print $3}'; }

scenario() {
  cat > "$RUN_DIR/open-$1.load.yaml" <<EOF
name: open model $1/s
target: http://127.0.0.1:$TARGET_PORT
workers: $WORKERS
load: { arrivalRate: $1, duration: ${DURATION}s, maxUsers: $USERS }
users:
  - name: u
    tasks:
      - get: /
output: {}
EOF
  echo "$RUN_DIR/open-$1.load.yaml"
}

RESULTS=$RUN_DIR/results.tsv
: > "$RESULTS"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for rep in $(seq 1 "$REPS"); do
  for rate in $RATES; do
    for tool in $TOOLS; do
      out=$RUN_DIR/$tool-$rate-$rep.json
      before=$(served)
      case $tool in
        stampede)
          /usr/bin/time -f '%U %S' -o "$RUN_DIR/time" taskset -c "$LOAD_CPU" \
            node "$ROOT/dist/cli.js" run "$(scenario "$rate")" --json --quiet > "$out" 2> "$RUN_DIR/stderr" || true
          json=$(tail -n 1 "$out")
          started=$(jq '.arrival.started' <<< "$json")
          dropped=$(jq '.arrival.dropped' <<< "$json")
          ip50=$(jq '.arrival.intended.p50' <<< "$json")
          ip99=$(jq '.arrival.intended.p99' <<< "$json")
          ;;
        autocannon)
          /usr/bin/time -f '%U %S' -o "$RUN_DIR/time" taskset -c "$LOAD_CPU" \
            "$AUTOCANNON" -c "$USERS" -R "$rate" -d "$DURATION" --json "$URL" > "$out" 2> "$RUN_DIR/stderr" || true
          json=$(tail -n 1 "$out")
          started=$(jq '.requests.total' <<< "$json")
          dropped=-
          ip50=$(jq '.latency.p50' <<< "$json")
          ip99=$(jq '.latency.p99' <<< "$json")
          ;;
      esac
      after=$(served)
      cpu=$(awk '{printf "%.2f", $1 + $2}' "$RUN_DIR/time")
      # The stub_status request itself is counted once between the two readings.
      achieved=$(awk -v a="$after" -v b="$before" -v d="$DURATION" 'BEGIN {printf "%d", (a - b - 1) / d}')
      load=$(cut -d' ' -f1 /proc/loadavg)
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$rate" "$rep" "$achieved" "$started" "$dropped" "$ip50" "$ip99" "$cpu" "$load" | tee -a "$RESULTS" >&2
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Medians per tool and rate (ratios of medians are what to compare; single runs swing).
node - "$RESULTS" "$DURATION" <<'EOF'
const fs = require('node:fs');
const [file, duration] = process.argv.slice(2);
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t'));
const median = (xs) => {
  const v = xs.filter((x) => x !== '-' && x !== 'null' && x !== '').map(Number).sort((a, b) => a - b);
  if (v.length === 0) return '-';
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const fmt = (x, d = 0) => (x === '-' ? '-' : Number(x).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
console.log(`| tool | arrivals/s | achieved at nginx (req/s) | started | dropped | started + dropped | from intended start p50 / p99 ms | client CPU s (of ${duration} s) | load avg |`);
console.log('|---|---|---|---|---|---|---|---|---|');
const keys = [...new Set(rows.map((r) => `${r[0]}\t${r[1]}`))];
for (const key of keys) {
  const rs = rows.filter((r) => `${r[0]}\t${r[1]}` === key);
  const col = (i) => median(rs.map((r) => r[i]));
  const sum = rs.every((r) => r[5] !== '-') ? median(rs.map((r) => String(Number(r[4]) + Number(r[5])))) : '-';
  const [tool, rate] = key.split('\t');
  console.log(
    `| ${tool} | ${fmt(rate)} | ${fmt(col(3))} | ${fmt(col(4))} | ${fmt(col(5))} | ${fmt(sum)} | ${fmt(col(6), 2)} / ${fmt(col(7), 2)} | ${fmt(col(8), 2)} | ${rs.map((r) => r[9]).join(', ')} |`,
  );
}
console.log(`\nEvery run (tool, rate, rep, achieved, started, dropped, p50, p99, CPU s, load):`);
for (const r of rows) console.log(`    ${r.join('  ')}`);
EOF
