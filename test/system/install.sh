#!/usr/bin/env bash
# Installs the Debian packages the system tests need (test/system/: real system services and
# kernel features, as root): iproute2 for `ip netns` (workers on test hosts in network namespaces),
# postgresql for the PostgreSQL recorder (the test starts its own cluster with initdb),
# prometheus (and its promtool) for the Prometheus output (remote write, /metrics, the dashboard),
# nginx (the HTTP client against a real server, nginx.test.ts), apache2-utils for htpasswd (a bcrypt
# password for a Prometheus that asks remote write to log in).
# Run as root; without root it names what is missing and the command that installs it.
set -euo pipefail
need=()
for p in iproute2 postgresql prometheus nginx apache2-utils; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
((${#need[@]})) || exit 0
if [ "$(id -u)" != 0 ]; then
  echo "test:system: missing Debian packages: ${need[*]}. Install them as root: apt-get update && apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "[system install] apt-get install ${need[*]}" >&2
log=$(mktemp /tmp/stampede-system-apt.XXXXXX)
apt-get update -qq >"$log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >>"$log" 2>&1 ||
  { tail -n 30 "$log" >&2; echo "test:system: apt-get install ${need[*]} failed (log above)" >&2; exit 1; }
