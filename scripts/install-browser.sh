#!/bin/sh
# Installs headless Chromium from Debian for the browser tests, if missing; Playwright drives
# this system browser, so nothing is downloaded at test time.
# Safe to run repeatedly: it does nothing when Chromium is already there.
set -eu
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "install-browser: chromium did not install" >&2; exit 1; }
