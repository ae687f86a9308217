#!/bin/sh
# Installs axe-core (the accessibility checker the explorer's browser test injects) from the
# npm registry into tests/browser/axe, as pinned by its package-lock.json; installs Node.js and
# npm from Debian first if they are missing. Idempotent: does nothing when axe-core is there.
set -eu
here=$(dirname "$0")/../tests/browser/axe
if [ -f "$here/node_modules/axe-core/axe.min.js" ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        nodejs npm >/dev/null
fi
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
