#!/bin/sh
# Makes sure the libraries and tools dealc builds and tests with are present.
# On a Debian machine where we are root, missing packages are installed with
# apt-get; elsewhere the exact command to run is printed and we stop.
# Usage: tools/ensure-deps.sh build|check|demo
set -eu

purpose=${1:-build}
missing=""

need_pkgconfig() { # MODULE PACKAGE
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$1" 2>/dev/null; then
        missing="$missing $2"
    fi
}
need_command() { # COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_command cc gcc
need_command pkg-config pkg-config
need_pkgconfig libxml-2.0 libxml2-dev
need_pkgconfig libxslt libxslt1-dev
need_pkgconfig libexslt libxslt1-dev
case "$purpose" in
check | demo)
    need_pkgconfig check "check libsubunit-dev"
    need_command xmllint libxml2-utils
    need_command xsltproc xsltproc
    need_command python3 python3
    need_command git git
    ;;
esac

[ -z "$missing" ] && exit 0
# Each package once, in a stable order.
missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "dealc: installing missing packages: $missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >&2
    exit 0
fi
echo "dealc: missing packages for '$purpose': $missing" >&2
echo "dealc: install them with:  sudo apt-get install -y $missing" >&2
exit 1
