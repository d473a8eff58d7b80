#!/bin/sh
# Reviewing a process change with Git, in a temporary repository built here:
# the samples are committed, then a change makes the step "follow-up" of the
# standard process obligatory, which makes two won deals unwinnable.
#   check --changed-since HEAD  reports the two win-blocked deals (in files the
#                               change did not touch) and nothing older;
#   diff HEAD:FILE FILE         lists exactly the deals whose state changes.
# Usage: tests/git/run.sh path/to/dealc
set -eu

dealc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() {
    echo "FAIL $1"
    failed=$((failed + 1))
}

cd "$work"
git init -q repo
cd repo
git config user.name "dealc tests"
git config user.email "tests@dealc.invalid"
cp -r "$top/samples/team.xml" "$top/samples/processes" "$top/samples/deals" .
# One deal with a problem from before the change, which the review must not repeat.
cp "$top/samples/broken/rotting.xml" deals/
git add . && git commit -qm "the samples"

# Nothing changed: nothing to report.
status=0
"$dealc" check -q --as-of 2026-12-03 --changed-since HEAD . >"$work/out" || status=$?
if [ "$status" = 0 ] && [ ! -s "$work/out" ]; then ok; else fail "unchanged tree: status $status, output: $(cat "$work/out")"; fi

sed -i 's|<step id="follow-up" name="Agree next steps" value="5">|<step id="follow-up" name="Agree next steps" value="5" obligatory="true">|' \
    processes/standard.xml
git diff --quiet && fail "the test's change did not apply"

status=0
"$dealc" check -q --as-of 2026-12-03 --changed-since HEAD . >"$work/out" || status=$?
codes=$(sed -n 's/.*\[\([a-z-]*\)\]$/\1/p' "$work/out" | sort | uniq -c | tr -s ' ')
if [ "$status" = 1 ] && [ "$(grep -c 'error: .*\[win-blocked\]' "$work/out")" = 2 ] &&
    grep -q "^./deals/2026/baltic-foods-analytics.xml:[0-9]*:[0-9]*: error: deal 'baltic-foods-analytics' cannot be won" "$work/out" &&
    grep -q "^./deals/2026/torun-gingerbread.xml:" "$work/out" && ! grep -q 'rotting' "$work/out"; then
    ok
else
    fail "changed-since: status $status, codes: $codes"
    sed 's/^/    /' "$work/out"
fi

# The full check still reports the old problem too.
"$dealc" check -q --as-of 2026-12-03 . >"$work/all" || true
if grep -q '\[rotting\]' "$work/all"; then ok; else fail "the full check lost the rotting deal"; fi

# A change in a deal file itself is reported whole, old problems included.
printf '\n' >>deals/rotting.xml
"$dealc" check -q --as-of 2026-12-03 --changed-since HEAD . >"$work/out" || true
if grep -q 'rotting.xml.*\[rotting\]' "$work/out"; then ok; else fail "a changed file's own diagnostics are not all reported"; fi
git checkout -q deals/rotting.xml

status=0
"$dealc" diff --as-of 2026-12-03 HEAD:processes/standard.xml processes/standard.xml . >"$work/diff" || status=$?
if [ "$status" = 1 ] && grep -q '^deal baltic-foods-analytics ' "$work/diff" &&
    grep -q 'status:    won -> open' "$work/diff" && grep -q '^7 of 51 deals change\.$' "$work/diff"; then
    ok
else
    fail "diff: status $status"
    sed 's/^/    /' "$work/diff"
fi

status=0
"$dealc" diff --format json --as-of 2026-12-03 HEAD:processes/standard.xml processes/standard.xml . >"$work/diff.json" || status=$?
if [ "$status" = 1 ] && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"] == {"deals": 51, "changed": 7}, d["summary"]
byid = {x["id"]: x for x in d["deals"]}
t = byid["torun-gingerbread"]
assert t["before"]["status"] == "won" and t["after"]["status"] == "open"
assert "follow-up" in t["after"]["blockers"].split()
' "$work/diff.json"; then ok; else fail "diff --format json: status $status"; fi

# The same version on both sides: no change, exit 0.
status=0
"$dealc" diff --as-of 2026-12-03 processes/standard.xml processes/standard.xml . >"$work/same" || status=$?
if [ "$status" = 0 ] && grep -q '^0 of 51 deals change\.$' "$work/same"; then ok; else fail "diff of a file with itself: status $status"; fi

# A revision that does not exist: exit 2.
status=0
"$dealc" diff --as-of 2026-12-03 nosuchrev:processes/standard.xml processes/standard.xml . >/dev/null 2>&1 || status=$?
if [ "$status" = 2 ]; then ok; else fail "diff with a bad revision: status $status"; fi
status=0
"$dealc" check -q --as-of 2026-12-03 --changed-since nosuchrev . >/dev/null 2>&1 || status=$?
if [ "$status" = 2 ]; then ok; else fail "changed-since a bad revision: status $status"; fi

echo "git: $passed passed, $failed failed"
[ "$failed" = 0 ]
