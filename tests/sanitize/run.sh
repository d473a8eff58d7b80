#!/bin/sh
# The test suites against binaries built with AddressSanitizer and
# UndefinedBehaviorSanitizer (make sanitize): the unit tests, the CLI cases,
# the state tests and the scale tests. Sanitizer reports go to files under
# DIR/logs (not to stderr, where the CLI cases compare output), and a run
# fails when any suite fails or any report was written, even by a dealc whose
# exit status a test ignores.
# Usage: tests/sanitize/run.sh DIR   (DIR holds dealc and unit-tests)
set -eu

dir=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
logs=$dir/logs
rm -rf "$logs"
mkdir -p "$logs"

# exitcode 86: a sanitizer report is never mistaken for dealc's own 1 or 2.
ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:exitcode=86:log_path=$logs/asan"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86:log_path=$logs/ubsan"
export ASAN_OPTIONS UBSAN_OPTIONS

failed=""
suite() { # NAME COMMAND...
    name=$1
    shift
    echo "== sanitize: $name"
    if ! "$@"; then
        failed="$failed $name"
    fi
}

suite unit "$dir/unit-tests"
suite cli "$top/tests/cli/run.sh" "$dir/dealc"
suite state "$top/tests/state/run.sh" "$dir/dealc"
suite scale "$top/tests/scale/run.sh" "$dir/dealc"

reports=$(find "$logs" -type f | LC_ALL=C sort)
if [ -n "$reports" ]; then
    for f in $reports; do
        echo "---- $f"
        head -n 60 "$f"
    done
    echo "sanitize: FAILED: $(echo "$reports" | wc -l) sanitizer report(s) under $logs"
    exit 1
fi
if [ -n "$failed" ]; then
    echo "sanitize: FAILED:$failed"
    exit 1
fi
echo "sanitize: unit, CLI, state and scale tests passed under ASan+UBSan, no report"
