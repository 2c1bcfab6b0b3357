#!/usr/bin/env bash
# End-to-end suite in a real VS Code (code-server from npm) driven by playwright-core in Debian's
# chromium: installs what is missing (cached), packages the .vsix, starts code-server on loopback
# with a fresh user-data dir and a workspace of scenarios, runs test/e2e/drive.mjs, and stops every
# process it started. Screenshots: test/e2e/screenshots/. Exit 0 when every check passes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
T0=$SECONDS
stamp() { echo "[e2e +$((SECONDS - T0))s] $*"; }

# install.sh prints E2E_NODE_DIR and E2E_CODE_SERVER; a failed install stops here with its own message
# (inside $(...) a failure would be lost, and the script would die later on an unset variable).
TOOLS=$(mktemp /tmp/stampede-e2e-tools.XXXXXX)
bash test/e2e/install.sh >"$TOOLS" || { echo "e2e: installing the tools failed (see above)" >&2; exit 1; }
E2E_NODE_DIR=$(sed -n 's/^E2E_NODE_DIR=//p' "$TOOLS")
E2E_CODE_SERVER=$(sed -n 's/^E2E_CODE_SERVER=//p' "$TOOLS")
rm -f "$TOOLS"
[ -n "$E2E_NODE_DIR" ] && [ -n "$E2E_CODE_SERVER" ] || { echo "e2e: install.sh did not name Node 24 and code-server" >&2; exit 1; }
stamp "tools ready"

# The webview rendered in headless chromium (install.sh has made sure chromium is there).
node esbuild.mjs
node test/run.mjs test/browser
stamp "webview render tests done"

npm run --silent package >/dev/null
VSIX=$ROOT/dist/stampede.vsix
[ -f "$VSIX" ] || { echo "no $VSIX after npm run package" >&2; exit 1; }
stamp "packaged $(du -h "$VSIX" | cut -f1) $VSIX"

# The SQLite recorder through node:sqlite, on the Node that code-server brings (npm test, on the
# machine's Node 20, can only exercise sql.js). Uses the bundles `package` just built.
"$E2E_NODE_DIR/bin/node" test/e2e/sqliteNode.mjs
stamp "sqlite through node:sqlite checked"

R=$(mktemp -d /tmp/stampede-e2e.XXXXXX)
mkdir -p "$R/ud/User" "$R/ws" "$R/xdg"
export XDG_CONFIG_HOME=$R/xdg/config XDG_DATA_HOME=$R/xdg/data XDG_CACHE_HOME=$R/xdg/cache
cat > "$R/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "remote.autoForwardPorts": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.codeLens": true,
  "editor.autoIndent": "none",
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "editor.autoSurround": "never",
  "editor.acceptSuggestionOnEnter": "off",
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "stampede.workers": 1
}
JSON
cp test/e2e/workspace/*.load.yaml "$R/ws/"

CS_ARGS=(--config "$R/config.yaml" --user-data-dir "$R/ud" --extensions-dir "$R/extensions")
PATH=$E2E_NODE_DIR/bin:$PATH node "$E2E_CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$VSIX" >"$R/install-extension.log" 2>&1 ||
  { cat "$R/install-extension.log"; exit 1; }
stamp "extension installed"

# Its own process group, so the server, extension host, language server, engine and workers stop together.
PATH=$E2E_NODE_DIR/bin:$PATH setsid node "$E2E_CODE_SERVER" "${CS_ARGS[@]}" --bind-addr 127.0.0.1:0 --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust "$R/ws" >"$R/code-server.log" 2>&1 </dev/null &
CS_PID=$!
cleanup() { kill -- -"$CS_PID" 2>/dev/null || true; sleep 0.5; kill -9 -- -"$CS_PID" 2>/dev/null || true; }
trap cleanup EXIT
URL=
for _ in $(seq 300); do
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$R/code-server.log" | head -n 1 || true)
  [ -n "$URL" ] && break
  sleep 0.2
done
[ -n "$URL" ] || { cat "$R/code-server.log"; exit 1; }
stamp "code-server on $URL (process group $CS_PID)"

rm -f test/e2e/screenshots/[0-9][0-9]-*.png # this run's screenshots only (webview-*.png come from npm test)
rc=0
node test/e2e/drive.mjs "$URL" "$R/ws" "$ROOT/test/e2e/screenshots" "$R/extensions" || rc=$?
stamp "driver finished rc=$rc"
if [ "$rc" != 0 ]; then
  echo "--- code-server log (tail) ---"; tail -n 60 "$R/code-server.log"
  find "$R/ud/logs" -name '*.log' -path '*exthost*' -exec tail -n 40 {} + 2>/dev/null | tail -n 120 || true
fi
exit $rc
