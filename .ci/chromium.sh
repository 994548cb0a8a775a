#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/test_browser.py); prints its path.
#
# Usage: .ci/chromium.sh || echo "no Chromium"
# The detail of every step goes to $CHROMIUM_LOG; on any failure it prints one line saying which step failed
# and exits non-zero, so the caller can go on without a browser (the browser tests then skip).
set -uo pipefail

CHROMIUM_LOG=${CHROMIUM_LOG:-/tmp/claimgraph-ci-chromium.log}
: >"$CHROMIUM_LOG"

fail() {
    echo "Chromium setup failed at: $1 (details in $CHROMIUM_LOG); the browser tests will be skipped." >&2
    exit 1
}
step() { echo "+ $*" >>"$CHROMIUM_LOG"; "$@" >>"$CHROMIUM_LOG" 2>&1; }

if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo -n); else fail "root needed"; fi

export DEBIAN_FRONTEND=noninteractive
step "${SUDO[@]}" timeout 600 apt-get update || fail "apt-get update"
step "${SUDO[@]}" timeout 900 apt-get install -y --no-install-recommends chromium || fail "apt-get install chromium"
[ -x /usr/bin/chromium ] || fail "finding /usr/bin/chromium after the install"
step /usr/bin/chromium --version || fail "running chromium --version"
echo /usr/bin/chromium
