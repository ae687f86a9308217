#!/bin/sh
# Installs what the tests need from the OS: a Java runtime for the HermiT reasoner, strace, Apache
# httpd (for the .htaccess), and OpenLink Virtuoso (open source) for the tests that run the
# queries on a real triple store.
# Idempotent and non-interactive: installs only what is missing (Debian/Ubuntu packages).
set -eu
missing=""
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v virtuoso-t >/dev/null 2>&1 || missing="$missing virtuoso-opensource"
# strace lets the egress tests prove that no file outside the inputs is opened
command -v strace >/dev/null 2>&1 || missing="$missing strace"
# Apache httpd runs the site's .htaccess in the tests: the binary and modules only (apache2-bin),
# no system service; media-types gives it /etc/mime.types
[ -x /usr/sbin/apache2 ] || missing="$missing apache2-bin media-types"
if [ -z "$missing" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
# The Virtuoso package asks for a dba password through debconf; non-interactive keeps the
# default and leaves its system service disabled. The tests start private instances instead.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086 # $missing is a list of package names
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  $missing >/dev/null
