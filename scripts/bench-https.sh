#!/usr/bin/env bash
# HTTPS against nginx (issue 23): Stampede's `quick` beside autocannon and wrk, interleaved reps.
#   keepalive: 50 keep-alive connections, as many requests as they can (one TLS handshake each).
#   close:     a new connection (and TLS handshake) per request; Stampede with and without
#              TLS session resumption (--no-tls-resume).
# nginx (1 worker, pinned to TARGET_CPU) runs from a temporary directory with a self-signed P-256
# certificate made by openssl, session cache and tickets on, on a free loopback port. Every tool
# runs on LOAD_CPU under /usr/bin/time. The access log counts requests server-side and says which
# connections resumed a TLS session ($ssl_session_reused). Prints markdown tables.
#
#   node esbuild.mjs && flock /tmp/stampede-bench.lock bash scripts/bench-https.sh
#   REPS=1 DURATION=5 MODES=close bash scripts/bench-https.sh      # a quick look
#
# Env (defaults): REPS=3 DURATION=10 CONNECTIONS=50 MODES=keepalive,close LOAD_CPU=0 TARGET_CPU=1
#   TOOLS=<all> (stampede,stampede-no-resume,autocannon,wrk) KEEP=1 (keep logs and outputs)
#   AUTOCANNON=/tmp/peers/tools/node_modules/.bin/autocannon (the peers' install, ../shared/bench)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REPS=${REPS:-3} DURATION=${DURATION:-10} CONNECTIONS=${CONNECTIONS:-50}
MODES=${MODES:-keepalive,close} LOAD_CPU=${LOAD_CPU:-0} TARGET_CPU=${TARGET_CPU:-1}
AUTOCANNON=${AUTOCANNON:-/tmp/peers/tools/node_modules/.bin/autocannon}
for need in nginx openssl wrk taskset /usr/bin/time "$AUTOCANNON" "$ROOT/dist/cli.js"; do
  command -v "$need" >/dev/null || { echo "bench-https: $need not found" >&2; exit 2; }
done

DIR=$(mktemp -d /tmp/stampede-bench-https.XXXXXX)
chmod 755 "$DIR"
# A copy of the build: a rebuild in the worktree while this runs cannot mix two builds in one table.
cp -r "$ROOT/dist" "$DIR/dist"
CLI=$DIR/dist/cli.js
NGINX_PID=
cleanup() {
  [[ -n $NGINX_PID ]] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  if [[ -n ${KEEP:-} ]]; then echo "bench-https: logs kept in $DIR" >&2; else rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$DIR/key.pem" -out "$DIR/cert.pem" 2>/dev/null
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL=https://127.0.0.1:$PORT/

cat > "$DIR/nginx.conf" <<EOF
daemon off;
worker_processes 1;
worker_rlimit_nofile 65535;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 16384; use epoll; multi_accept on; }
http {
  server_tokens off;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  client_body_temp_path $DIR/body; proxy_temp_path $DIR/proxy; fastcgi_temp_path $DIR/fastcgi;
  uwsgi_temp_path $DIR/uwsgi; scgi_temp_path $DIR/scgi;
  # One line per request: when, whether its connection resumed a TLS session, its number on the
  # connection (1 = a new connection), and the status. Buffered: the target's cost stays small.
  log_format bench '\$msec \$ssl_session_reused \$connection_requests \$status';
  access_log $DIR/access.log bench buffer=256k flush=1s;
  ssl_certificate $DIR/cert.pem;
  ssl_certificate_key $DIR/key.pem;
  ssl_session_cache shared:SSL:20m;
  ssl_session_tickets on;
  ssl_session_timeout 1h;
  server {
    listen 127.0.0.1:$PORT ssl backlog=4096;
    location = / { default_type text/plain; return 200 "ok"; }
  }
}
EOF
taskset -c "$TARGET_CPU" nginx -c "$DIR/nginx.conf" -e "$DIR/error.log" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -ksf -o /dev/null "$URL" && break; sleep 0.1; done
curl -ksf -o /dev/null "$URL" || { cat "$DIR/error.log" >&2; exit 3; }

# tool mode -> the command line in CMD (run on LOAD_CPU under /usr/bin/time).
set_command() {
  local quick=(node "$CLI" quick "$URL" -c "$CONNECTIONS" -d "$DURATION" --insecure --json --quiet)
  local cannon=("$AUTOCANNON" -j -c "$CONNECTIONS" -d "$DURATION" -t 10)
  local wrk=(wrk -t1 "-c$CONNECTIONS" "-d${DURATION}s" --timeout 10s)
  case "$1:$2" in
    stampede:keepalive) CMD=("${quick[@]}") ;;
    stampede:close) CMD=("${quick[@]}" --no-keepalive) ;;
    stampede-no-resume:close) CMD=("${quick[@]}" --no-keepalive --no-tls-resume) ;;
    autocannon:keepalive) CMD=("${cannon[@]}" "$URL") ;;
    autocannon:close) CMD=("${cannon[@]}" -D 1 "$URL") ;; # reconnect after every response
    wrk:keepalive) CMD=("${wrk[@]}" "$URL") ;;
    wrk:close) CMD=("${wrk[@]}" -H 'Connection: close' "$URL") ;;
  esac
}
tools_for() {
  case "$1" in
    keepalive) echo "stampede autocannon wrk" ;;
    close) echo "stampede stampede-no-resume autocannon wrk" ;;
  esac
}

RESULTS=$DIR/results.tsv
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "$REPS"); do
  for mode in ${MODES//,/ }; do
    for tool in $(tools_for "$mode"); do
      [[ ,${TOOLS:-$tool}, == *,$tool,* ]] || continue
      : > "$DIR/access.log"
      set_command "$tool" "$mode"
      /usr/bin/time -f '%U %S' -o "$DIR/time.txt" taskset -c "$LOAD_CPU" "${CMD[@]}" > "$DIR/tool.out" 2>&1 || true
      sleep 1.5 # the access log's buffer is flushed every second
      [[ -n ${KEEP:-} ]] && cp "$DIR/access.log" "$DIR/access.$mode.$tool.$rep.log" && cp "$DIR/tool.out" "$DIR/out.$mode.$tool.$rep.txt"
      read -r user sys < <(tail -1 "$DIR/time.txt")
      # Steady rate: the middle 80 % of the requests the server logged over the time they took
      # (leaves out each tool's start-up, ramp and end alike, whatever its length).
      line=$(sort -n "$DIR/access.log" | awk -v user="$user" -v sys="$sys" '
        { t[NR] = $1; total++; if ($3 == 1) { conns++; if ($2 == "r") resumed++ } if ($4 != 200) errors++ }
        END {
          lo = int(total * 0.1) + 1; hi = int(total * 0.9)
          rps = hi > lo && t[hi] > t[lo] ? (hi - lo) / (t[hi] - t[lo]) : 0
          printf "%.0f\t%d\t%d\t%d\t%d\t%.3f", rps, total, conns, resumed, errors, user + sys
        }')
      printf '%s\t%s\t%s\t%s\n' "$mode" "$tool" "$rep" "$line" | tee -a "$RESULTS" >&2
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
node "$ROOT/scripts/bench-https-report.mjs" "$RESULTS"
