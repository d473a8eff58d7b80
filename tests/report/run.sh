#!/bin/sh
# The report test: inspects an already rendered report of the samples, then
# renders the hostile fixture and checks that none of it became markup.
#
#   tests/report/run.sh OUTDIR [STATE.xml]
#
# OUTDIR: a report rendered from the samples (by `dealc report` or by
# render-xsltproc.sh). STATE.xml: the state document it was rendered from;
# when left out it is made again with dealc (DEALC, default build/dealc) from
# the clean samples, at the as-of date shown in OUTDIR/index.html, or from all
# of samples/ (broken files included) when that is what OUTDIR shows.
#
# Needs POSIX sh, xsltproc and python3 (standard library only). The checks
# themselves are in check.py; the last line is "report: N passed, N failed".
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dealc=${DEALC:-$root/build/dealc}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 OUTDIR [STATE.xml]" >&2
    exit 2
fi
out=$1
if [ ! -f "$out/index.html" ]; then
    echo "$0: $out/index.html not found: render the report first" >&2
    exit 2
fi
for tool in xsltproc python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: $tool is needed" >&2
        exit 2
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dealc-report-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ $# -eq 2 ]; then
    state=$2
else
    if [ ! -x "$dealc" ]; then
        echo "$0: no STATE.xml given and no dealc at $dealc to make one" >&2
        exit 2
    fi
    as_of=$(sed -n 's/.*<time datetime="\([0-9-]*\)".*/\1/p' "$out/index.html" | head -n 1)
    state=$tmp/state.xml
    (cd "$root" && "$dealc" eval -q --as-of "$as_of" samples/team.xml samples/processes \
        samples/deals samples/exports) >"$state" || true
    # A report of all of samples/ (the broken files too) shows their errors.
    if grep -q 'samples/broken/' "$out/index.html"; then
        (cd "$root" && "$dealc" eval -q --as-of "$as_of" samples) >"$state" || true
    fi
fi

# The hostile fixture: titles, names, notes and hrefs that try to be markup.
hostile_state=$tmp/hostile.xml
hostile_out=$tmp/hostile
if [ -x "$dealc" ]; then
    (cd "$root" && "$dealc" eval -q --as-of 2026-12-03 tests/report/hostile) >"$hostile_state" || true
    "$here/render-xsltproc.sh" "$hostile_state" "$hostile_out"
    exec python3 "$here/check.py" "$out" "$state" --hostile "$hostile_out" "$hostile_state"
else
    echo "$0: no dealc at $dealc: the hostile fixture is not checked" >&2
    exec python3 "$here/check.py" "$out" "$state"
fi
