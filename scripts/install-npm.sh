#!/bin/sh
# Installs the npm packages the browser tests load into headless Chromium (YASGUI for the
# cross-origin client test), exactly as locked in each folder's package-lock.json.
# Safe to run repeatedly: a folder whose node_modules matches its lock file is left alone.
set -eu
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || { echo "install-npm: npm is missing (install Node.js)" >&2; exit 1; }
for dir in tests/browser/js; do
    if [ -f "$dir/node_modules/.package-lock.json" ] \
        && cmp -s "$dir/package-lock.json" "$dir/.installed-lock" 2>/dev/null; then
        continue
    fi
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    cp "$dir/package-lock.json" "$dir/.installed-lock"
done
