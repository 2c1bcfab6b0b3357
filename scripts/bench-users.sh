#!/usr/bin/env bash
# Many think-time users on one machine (issue 23): USERS users, each one request per THINK_S
# seconds (`think: pacing(...)`, keep-alive), ramped in over RAMP_S, then STEADY_S of steady load,
# against an nginx this script starts from a temp dir (the embedded demo target would hold every
# server socket in the master). Prints one markdown row:
#   achieved rate in the steady window counted in nginx's access log vs the ideal USERS/THINK_S,
#   the peak RSS summed over every stampede process (master + workers, sampled from /proc each
#   second), stampede's p50/p99 beside nginx's $request_time, and the load average.
# Usage (under the shared lock):
#   flock /tmp/stampede-bench.lock scripts/bench-users.sh            # 100,000 users, 8 workers
#   USERS=10000 WORKERS=2 flock /tmp/stampede-bench.lock scripts/bench-users.sh
# Env: USERS (100000) WORKERS (8) THINK_S (10) RAMP_S (60) STEADY_S (60) NGINX_WORKERS (8)
#      PORT (18090) KEEP=1 keeps the temp dir.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
USERS=${USERS:-100000} WORKERS=${WORKERS:-8} THINK_S=${THINK_S:-10} RAMP_S=${RAMP_S:-60}
STEADY_S=${STEADY_S:-60} NGINX_WORKERS=${NGINX_WORKERS:-8} PORT=${PORT:-18090}
# The steady window (every user started and had a full period, 5 s margin before the end) must exist.
[ "$STEADY_S" -gt $((THINK_S + 5)) ] || { echo "bench-users: STEADY_S ($STEADY_S) must exceed THINK_S + 5 ($((THINK_S + 5))) for a steady window to count" >&2; exit 2; }
command -v nginx >/dev/null || { echo "bench-users: needs nginx (apt-get install nginx-light)" >&2; exit 2; }
[ -f "$ROOT/dist/cli.js" ] || { echo "bench-users: build first (node esbuild.mjs)" >&2; exit 2; }

dir=$(mktemp -d /tmp/stampede-users-XXXXXX)
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ "${KEEP:-}" = 1 ] || rm -rf "$dir"
}
trap cleanup EXIT

# nginx: one worker process per share of the sockets (reuseport spreads connections evenly), each
# under this machine's hard open-file limit; keep-alive longer than the think time.
hard=$(ulimit -Hn)
per_nginx=$(( (USERS + NGINX_WORKERS - 1) / NGINX_WORKERS + 1000 ))
if [ "$hard" != unlimited ] && [ "$per_nginx" -gt "$hard" ]; then
  echo "bench-users: $NGINX_WORKERS nginx workers would hold $per_nginx sockets each, above ulimit -Hn $hard: raise NGINX_WORKERS" >&2
  exit 2
fi
mkdir -p "$dir/tmp"
cat > "$dir/nginx.conf" <<CONF
daemon off;
master_process on;
user root;
worker_processes $NGINX_WORKERS;
worker_rlimit_nofile $((per_nginx + 100));
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections $per_nginx; use epoll; }
http {
  log_format t '\$msec \$request_time';
  access_log $dir/access.log t buffer=1m flush=1s;
  keepalive_timeout 300s;
  keepalive_requests 1000000;
  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$PORT reuseport backlog=65535;
    location / { return 200 "ok"; }
  }
}
CONF
nginx -c "$dir/nginx.conf" -p "$dir" &
nginx_pid=$!
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done

spawn=$(( (USERS + RAMP_S - 1) / RAMP_S ))
cat > "$dir/users.load.yaml" <<YAML
name: bench users
target: http://127.0.0.1:$PORT
workers: $WORKERS
load: { users: $USERS, spawnRate: $spawn, duration: $((RAMP_S + STEADY_S))s }
users:
  - name: reader
    think: pacing(${THINK_S}s)
    tasks:
      - get: /
output: {}
YAML

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
node "$ROOT/dist/cli.js" run "$dir/users.load.yaml" --quiet --json > "$dir/summary.json" 2> "$dir/stampede.log" &
cli=$!
# Peak RSS of the whole tree (the CLI's master and the workers it forks), one sample a second.
peak=0
while kill -0 "$cli" 2>/dev/null; do
  total=0
  for p in $cli $(ps -o pid= --ppid "$cli" 2>/dev/null); do
    kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$(( total + ${kb:-0} ))
  done
  [ "$total" -gt "$peak" ] && peak=$total
  sleep 1
done
wait "$cli" && code=0 || code=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
kill -HUP "$nginx_pid" 2>/dev/null || true # reopen logs flushes the buffer
sleep 2

echo "| users | workers | ideal req/s | achieved (nginx, steady window) | peak RSS (all stampede processes) | stampede p50 / p99 ms | nginx \$request_time p50 / p99 ms | requests stampede / nginx | failures | exit | load avg before → after |"
node - "$dir/access.log" "$dir/summary.json" "$USERS" "$THINK_S" "$RAMP_S" "$STEADY_S" "$WORKERS" \
  "$peak" "$code" "$load_before" "$load_after" <<'JS'
const fs = require('fs');
const [log, summaryFile, users, think, ramp, steady, workers, peakKb, code, lb, la] = process.argv.slice(2);
const lines = fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
const times = lines.map((l) => l.split(' ').map(Number));
const t0 = times.reduce((m, t) => Math.min(m, t[0]), Infinity);
// Steady window: every user has started and had one full period; 5 s margin before the end.
const from = t0 + +ramp + +think;
const to = t0 + +ramp + +steady - 5;
const inWindow = times.filter((t) => t[0] >= from && t[0] < to);
const ideal = users / think;
const achieved = inWindow.length / (to - from);
const rt = inWindow.map((t) => t[1] * 1000).sort((a, b) => a - b);
const q = (p) => (rt.length ? rt[Math.min(rt.length - 1, Math.floor(p * rt.length))] : NaN);
let s = {};
try {
  s = JSON.parse(fs.readFileSync(summaryFile, 'utf8').trim().split('\n').pop());
} catch {}
const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
console.log(
  `| ${(+users).toLocaleString('en-US')} | ${workers} | ${Math.round(ideal).toLocaleString('en-US')} | ` +
    `${Math.round(achieved).toLocaleString('en-US')} (${f((100 * achieved) / ideal)} %) | ` +
    `${f(peakKb / 1048576, 2)} GiB | ${f(s.p50, 2)} / ${f(s.p99, 2)} | ${f(q(0.5), 0)} / ${f(q(0.99), 0)} | ` +
    `${(s.requests ?? NaN).toLocaleString('en-US')} / ${lines.length.toLocaleString('en-US')} | ${s.failures ?? '-'} | ` +
    `${code} | ${lb} → ${la} |`,
);
JS
[ "$code" = 0 ] || { echo "stampede exited $code; its log:" >&2; tail -20 "$dir/stampede.log" >&2; }
