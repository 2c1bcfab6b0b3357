#!/usr/bin/env bash
# The engine with generated values (issue 18): req/s and CPU per request of `stampede run` for a
# plain request, one whose holes read only variables (prebuilt forms), and one with generated
# values (uuid(), randomInt(), timestamp(): rendered per request). 50 users, no think, workers: 0,
# against a minimal Node server pinned to CPU 1 (the CLI on CPU 0), REPS rounds interleaved.
#   usage: bash scripts/bench-generated.sh [REPS=3] [SECONDS=5]
# Prints one line per run: variant, req/s, CPU s per 10k requests (user+sys of the CLI).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REPS=${1:-3}
SECS=${2:-5}
dir=$(mktemp -d /tmp/stampede-bench-gen-XXXXXX)
port_file="$dir/port"
taskset -c 1 node -e '
  const s = require("http").createServer((q, r) => r.end("ok"));
  s.keepAliveTimeout = 60000;
  s.listen(0, "127.0.0.1", () => require("fs").writeFileSync(process.argv[1], String(s.address().port)));
' "$port_file" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
while [ ! -s "$port_file" ]; do sleep 0.1; done
port=$(cat "$port_file")
scenario() { # NAME URL HEADER
  cat > "$dir/$1.load.yaml" <<YAML
name: $1
target: http://127.0.0.1:$port
workers: 0
variables:
  client: [a, b]
load: { users: 50, spawnRate: 50, duration: ${SECS}s }
users:
  - name: u
    tasks:
      - name: r
        get: "$2"
        headers: { X-H: "$3" }
output: {}
YAML
}
scenario plain "/" "x"
scenario variables "/?c={{ client }}" "{{ client }}"
scenario generated "/?id={{ uuid() }}&n={{ randomInt(1, 100) }}" "{{ timestamp() }}"
for rep in $(seq "$REPS"); do
  for v in plain variables generated; do
    /usr/bin/time -f "%U %S" -o "$dir/time" taskset -c 0 node "$ROOT/dist/cli.js" run "$dir/$v.load.yaml" --quiet --json > "$dir/out.json" 2>/dev/null
    node -e '
      const [file, timeFile, v] = process.argv.slice(1);
      const fs = require("fs");
      const lines = fs.readFileSync(file, "utf8").trim().split("\n");
      const s = JSON.parse(lines[lines.length - 1]);
      const [u, sy] = fs.readFileSync(timeFile, "utf8").trim().split(/\s+/).map(Number);
      console.log(`${v.padEnd(10)} ${Math.round(s.rps).toString().padStart(7)} req/s  ${(((u + sy) / s.requests) * 1e4).toFixed(3)} CPU s / 10k  (${s.requests} requests, ${s.failures} failures)`);
    ' "$dir/out.json" "$dir/time" "$v"
  done
done
