#!/usr/bin/env bash
# Issue "Engine speed" in one command: runs ../shared/bench (nginx target on CPU 1, every tool on
# CPU 0, interleaved reps) with Stampede's CLI beside the peers, for every scenario, then the
# 10,000-user run. Prints the markdown tables that docs/benchmarks.md records.
#
#   npm run build && bash scripts/bench-peers.sh            # ~15 minutes
#   REPS=1 DURATION=5 bash scripts/bench-peers.sh           # a quick look
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
cd "$ROOT"
[ -f dist/cli.js ] || node esbuild.mjs
export REPS=${REPS:-3} DURATION=${DURATION:-10}
QUICK="stampede-quick:node $ROOT/dist/cli.js quick {url} -c {connections} -d {duration} --think {think} --json --quiet"
RUN="stampede-run:bash $ROOT/scripts/bench-run-scenario.sh {base} {path} {connections} {duration} {think}"
export EXTRA_TOOL_VERSION=$(git rev-parse --short HEAD)

echo "## max, json, delay, vu (${REPS} x ${DURATION} s)"
TOOLS=${TOOLS:-wrk,autocannon,locust} SCENARIOS=${SCENARIOS:-max,json,delay,vu} \
  bash "$BENCH/run.sh" --tool "$QUICK" --tool "$RUN"

echo
echo "## vu with 10,000 users"
NO_SETUP=1 TOOLS=${TOOLS_10K:-locust} SCENARIOS=vu VU_USERS=10000 \
  bash "$BENCH/run.sh" --tool "$QUICK"
