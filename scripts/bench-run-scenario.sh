#!/usr/bin/env bash
# `stampede run` on a realistic scenario file, for ../shared/bench (issue "Engine speed": run must
# stay within 10 % of quick). Writes the scenario for the bench's placeholders, then runs it
# in-process (workers: 0, the same single process the peers are measured as).
#   usage: bench-run-scenario.sh BASE PATH USERS DURATION_S THINK_S
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
base=$1 path=$2 users=$3 duration=$4 think=$5
file=$(mktemp /tmp/stampede-bench-XXXXXX.load.yaml)
trap 'rm -f "$file"' EXIT
spawn=$(node -e "const u=+process.argv[1],t=+process.argv[2];console.log(t>0?u/t:u*10)" "$users" "$think")
think_line=""
if node -e "process.exit(+process.argv[1] > 0 ? 0 : 1)" "$think"; then
  think_line="    think: $(node -e "console.log(Math.round(+process.argv[1]*1000))" "$think")ms"
fi
cat > "$file" <<YAML
name: bench run
target: "$base"
workers: 0
variables:
  client: [bench-a, bench-b]
load: { users: $users, spawnRate: $spawn, duration: ${duration}s }
users:
  - name: visitor
$think_line
    tasks:
      - name: page
        weight: 3
        get: "$path"
        headers: { X-Client: "{{ client }}" }
        check: { status: 200 }
      - name: page again
        weight: 1
        get: "$path"
        check: { status: [200, 304] }
output: {}
YAML
exec node "$ROOT/dist/cli.js" run "$file" --quiet --json
