#!/bin/sh
# Renders the report of a state document with xsltproc, the way dealc does
# with libxslt: no network, no writes outside OUTDIR, then report.css copied in.
#
#   tests/report/render-xsltproc.sh STATE.xml OUTDIR [xsltproc options...]
#
# OUTDIR is emptied first. Extra options go to xsltproc, for example
#   --stringparam pages summary   or   --stringparam deal-pages no
set -eu

if [ $# -lt 2 ]; then
    echo "usage: $0 STATE.xml OUTDIR [xsltproc options...]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=$1
out=$2
shift 2

if [ ! -f "$state" ]; then
    echo "$0: no state file $state" >&2
    exit 2
fi
rm -rf "$out"
mkdir -p "$out/processes" "$out/deals"
out_abs=$(cd "$out" && pwd)

# The trailing slash matters: exsl:document hrefs resolve against it.
xsltproc --nonet --nomkdir --writesubtree "$out_abs" "$@" \
    --output "$out_abs/" "$root/reports/report.xsl" "$state"
cp "$root/reports/report.css" "$out_abs/report.css"
