#!/bin/sh
# CLI tests as data, in the manner of jq's tests. Each folder under
# tests/cases/ is one case:
#   cmd              the arguments to dealc, one line, split on blanks
#                    (default: check --as-of 2026-12-03 -q in), run in the case folder
#   in/              the input documents
#   expected         the exact standard output
#   status           the exact exit status
#   expected-stderr  optional: the exact standard error
#   env              optional: VAR=value lines exported for the run
# Usage: tests/cli/run.sh path/to/dealc [CASE...]
set -eu
set -f

dealc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
root=$(cd "$(dirname "$0")/../cases" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -eq 0 ]; then
    set +f
    for d in "$root"/*/; do
        set -- "$@" "$(basename "$d")"
    done
    set -f
fi

passed=0
failed=0
for name in "$@"; do
    case_dir=$root/$name
    if [ -f "$case_dir/cmd" ]; then
        args=$(cat "$case_dir/cmd")
    else
        args="check --as-of 2026-12-03 -q in"
    fi
    if [ ! -f "$case_dir/status" ] || [ ! -f "$case_dir/expected" ]; then
        echo "FAIL $name: the case needs 'expected' and 'status' files"
        failed=$((failed + 1))
        continue
    fi
    status=0
    (
        cd "$case_dir"
        if [ -f env ]; then
            while IFS= read -r line; do
                [ -n "$line" ] && export "$line"
            done <env
        fi
        # shellcheck disable=SC2086
        exec "$dealc" $args
    ) >"$work/out" 2>"$work/err" </dev/null || status=$?
    want_status=$(cat "$case_dir/status")
    ok=1
    if [ "$status" != "$want_status" ]; then
        echo "FAIL $name: exit status $status, expected $want_status"
        ok=0
    fi
    if ! diff -u "$case_dir/expected" "$work/out" >"$work/diff"; then
        echo "FAIL $name: standard output differs:"
        sed 's/^/    /' "$work/diff"
        ok=0
    fi
    if [ -f "$case_dir/expected-stderr" ] && ! diff -u "$case_dir/expected-stderr" "$work/err" >"$work/diff"; then
        echo "FAIL $name: standard error differs:"
        sed 's/^/    /' "$work/diff"
        ok=0
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1))
    else
        if [ -s "$work/err" ]; then
            echo "    stderr was:"
            sed 's/^/    /' "$work/err"
        fi
        failed=$((failed + 1))
    fi
done
echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
