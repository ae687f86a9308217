#!/bin/sh
# Installs the npm packages the browser tests load into headless Chromium (YASGUI for the
# cross-origin client test, axe-core for the accessibility check), exactly as locked in each
# folder's package-lock.json; installs Node.js and npm from Debian first if they are missing.
# Safe to run repeatedly: a folder whose node_modules matches its lock file is left alone.
set -eu
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        nodejs npm >/dev/null
fi
for dir in tests/browser/js tests/browser/axe; do
    if [ -f "$dir/node_modules/.package-lock.json" ] \
        && cmp -s "$dir/package-lock.json" "$dir/.installed-lock" 2>/dev/null; then
        continue
    fi
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    cp "$dir/package-lock.json" "$dir/.installed-lock"
done
