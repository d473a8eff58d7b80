#!/bin/sh
# One thread or several, the output is the same: check (text and JSON) and
# eval (XML and JSON) on a generated bulk file large enough to be cut into
# pieces, on a folder of one-deal files, and on bulk files broken in the
# middle (a bad tag, a truncation) or carrying a DOCTYPE, compared byte for
# byte between -j1 and -j2 (and -j3, more threads than cores).
# Usage: tests/scale/run.sh path/to/dealc
set -eu

dealc=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$top/tests/bench/gen.py" "$work/repo" 8000 --layout bulk --breaks 5 --invalid 1
python3 "$top/tests/bench/gen.py" "$work/files" 400 --layout files --breaks 5 --invalid 1 --seed 7
bulk=$work/repo/bulk/deals.xml

# A tag broken at about two thirds of the file, and a file cut off in the middle.
mkdir -p "$work/broken/bulk" "$work/cut/bulk"
cp -r "$work/repo/team.xml" "$work/repo/processes" "$work/broken/"
cp -r "$work/repo/team.xml" "$work/repo/processes" "$work/cut/"
lines=$(wc -l <"$bulk")
awk -v n=$((lines * 2 / 3)) 'NR == n && /<title>/ { sub(/<title>/, "<title x=>") } { print }' "$bulk" \
    >"$work/broken/bulk/deals.xml"
awk -v n=$((lines * 2 / 3)) '/<title>/ && NR >= n && !done { sub(/<\/title>/, "</titel>"); done = 1 } { print }' \
    "$bulk" >"$work/broken/bulk/deals2.xml"
head -c $(($(wc -c <"$bulk") / 2)) "$bulk" >"$work/cut/bulk/deals.xml"
# A stray end tag between deals at about two thirds: libxml2 names the open
# root and its line, which a piece must give as the whole file's parse does.
mkdir -p "$work/stray/bulk"
cp -r "$work/repo/team.xml" "$work/repo/processes" "$work/stray/"
awk -v n=$((lines * 2 / 3)) '/<\/deal>/ && NR >= n && !done { sub(/<\/deal>/, "</deal></stage>"); done = 1 } { print }' \
    "$bulk" >"$work/stray/bulk/deals.xml"
# Text among the deals (said at the real root, not at a piece's copy of it), and
# an element that is not a deal (after which the file is not read) at two thirds.
for set in text foreign; do
    mkdir -p "$work/$set/bulk"
    cp -r "$work/repo/team.xml" "$work/repo/processes" "$work/$set/"
done
awk -v n=$((lines * 2 / 3)) '/<\/deal>/ && NR >= n && !done { sub(/<\/deal>/, "</deal> stray text"); done = 1 } { print }' \
    "$bulk" >"$work/text/bulk/deals.xml"
awk -v n=$((lines * 2 / 3)) '/<\/deal>/ && NR >= n && !done { sub(/<\/deal>/, "</deal><foo/>"); done = 1 } { print }' \
    "$bulk" >"$work/foreign/bulk/deals.xml"
# One-deal files whose deal has a schema error found at its end tag and an
# unknown process, at one place: streamed or held by a worker, the same order.
mkdir -p "$work/order"
cp -r "$work/repo/team.xml" "$work/order/"
for i in 1 2 3; do
    printf '<deal xmlns="urn:dealc:1" id="o%s" process="nowhere" owner="ola" created="2026-11-20">\n  <title>T</title>\n</deal>\n' $i \
        >"$work/order/o$i.xml"
done
# A start tag of 300 attributes at about two thirds: the splitter, which sees
# every tag of the pieces it hands out, must leave it to the loader's guard.
mkdir -p "$work/attrs/bulk"
cp -r "$work/repo/team.xml" "$work/repo/processes" "$work/attrs/"
many=$(python3 -c 'print(" ".join("a%d=\"=\"" % i for i in range(300)))')
awk -v n=$((lines * 2 / 3)) -v many="$many" '/<title>/ && NR >= n && !done { sub(/<title>/, "<title " many ">"); done = 1 } { print }' \
    "$bulk" >"$work/attrs/bulk/deals.xml"
# The same inside a comment: the guard takes it for a tag; the pieces must agree.
mkdir -p "$work/comment/bulk"
cp -r "$work/repo/team.xml" "$work/repo/processes" "$work/comment/"
awk -v n=$((lines * 2 / 3)) -v many="$many" '/<\/deal>/ && NR >= n && !done { sub(/<\/deal>/, "</deal><!-- <x " many "> -->"); done = 1 } { print }' \
    "$bulk" >"$work/comment/bulk/deals.xml"

passed=0
failed=0
compare() { # NAME ARGS...
    name=$1
    shift
    "$dealc" "$@" -j1 >"$work/one" 2>"$work/one.err" || true
    for j in 2 3; do
        "$dealc" "$@" -j$j >"$work/many" 2>"$work/many.err" || true
        if cmp -s "$work/one" "$work/many" && cmp -s "$work/one.err" "$work/many.err"; then
            passed=$((passed + 1))
        else
            echo "FAIL $name: -j1 and -j$j differ"
            diff "$work/one" "$work/many" | head -10 | sed 's/^/    /'
            diff "$work/one.err" "$work/many.err" | head -10 | sed 's/^/    /'
            failed=$((failed + 1))
        fi
    done
    if [ ! -s "$work/one" ]; then
        echo "FAIL $name: no output at all"
        failed=$((failed + 1))
    fi
}

for set in repo files broken cut attrs comment stray text foreign order; do
    compare "$set check" check --as-of 2026-12-03 "$work/$set"
    compare "$set check json" check --as-of 2026-12-03 --format json "$work/$set"
    compare "$set eval" eval --as-of 2026-12-03 "$work/$set"
    compare "$set eval json" eval --as-of 2026-12-03 --format json "$work/$set"
done

# The broken files must report their break and still report the deals before it.
"$dealc" check --as-of 2026-12-03 -q "$work/broken" >"$work/out" 2>/dev/null || true
if grep -q 'xml-malformed' "$work/out" && grep -q 'not-permitted\|win-blocked' "$work/out"; then
    passed=$((passed + 1))
else
    echo "FAIL broken: the malformation or the deals before it are not reported"
    failed=$((failed + 1))
fi

# The text is reported at the root's start tag (line 2); after <foo/> no deal is read.
"$dealc" check --as-of 2026-12-03 -q "$work/text" >"$work/out" 2>/dev/null || true
if grep -q 'deals.xml:2:1: error: .*Character content' "$work/out"; then
    passed=$((passed + 1))
else
    echo "FAIL text: text among the deals is not reported at the root"
    failed=$((failed + 1))
fi
"$dealc" eval --as-of 2026-12-03 -q --format json "$work/foreign" >"$work/out" 2>/dev/null || true
foo_line=$(grep -n '<foo/>' "$work/foreign/bulk/deals.xml" | cut -d: -f1)
last_read=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(max(d["line"] for d in s["deals"] + s["ignored"]))' "$work/out")
if [ "$last_read" -lt "$foo_line" ] && grep -q 'the rest of the file is not read' "$work/out"; then
    passed=$((passed + 1))
else
    echo "FAIL foreign: deals after <foo/> (line $foo_line) were read (last at $last_read)"
    failed=$((failed + 1))
fi

# The tag of too many attributes is refused on its own line, and the deals before it are checked.
"$dealc" check --as-of 2026-12-03 -q "$work/attrs" >"$work/out" 2>/dev/null || true
attrs_line=$(grep -n '<title a0=' "$work/attrs/bulk/deals.xml" | cut -d: -f1)
if grep -q "deals.xml:$attrs_line:.*more than 256 attributes" "$work/out" && grep -q 'not-permitted\|win-blocked' "$work/out"; then
    passed=$((passed + 1))
else
    echo "FAIL attrs: the tag of 300 attributes is not refused at line $attrs_line, or the deals before it are not checked"
    failed=$((failed + 1))
fi

echo "scale: $passed passed, $failed failed"
[ "$failed" = 0 ]
