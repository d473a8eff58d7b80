#!/bin/sh
# The state document as consumers see it: every input set of the CLI cases
# and the samples is evaluated as XML (validated against schemas/state.xsd)
# and as JSON (parsed back, and checked to carry the same deals), twice, and
# with the inputs named in reverse order: all runs must be byte-identical.
# SOURCE_DATE_EPOCH must set the as-of date.
# Usage: tests/state/run.sh path/to/dealc
set -eu

dealc=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
schema=$top/schemas/state.xsd
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
fail() {
    echo "FAIL $1"
    failed=$((failed + 1))
}

check_set() { # NAME DIR
    name=$1
    dir=$2
    files=$(find "$dir" -name '*.xml' -not -path '*/.*' | LC_ALL=C sort)
    reversed=$(printf '%s\n' "$files" | LC_ALL=C sort -r)
    # shellcheck disable=SC2086
    "$dealc" eval -q --as-of 2026-12-03 $files >"$work/a.xml" 2>/dev/null || true
    # shellcheck disable=SC2086
    "$dealc" eval -q --as-of 2026-12-03 $files >"$work/b.xml" 2>/dev/null || true
    # shellcheck disable=SC2086
    "$dealc" eval -q --as-of 2026-12-03 $reversed >"$work/c.xml" 2>/dev/null || true
    # shellcheck disable=SC2086
    "$dealc" eval -q --as-of 2026-12-03 --format json $files >"$work/a.json" 2>/dev/null || true
    ok=1
    if ! xmllint --noout --schema "$schema" "$work/a.xml" 2>"$work/err"; then
        fail "$name: the state does not match schemas/state.xsd:"
        sed 's/^/    /' "$work/err" | head -20
        ok=0
    fi
    if ! cmp -s "$work/a.xml" "$work/b.xml"; then
        fail "$name: two runs differ"
        ok=0
    fi
    if ! cmp -s "$work/a.xml" "$work/c.xml"; then
        fail "$name: the order of the inputs on the command line changes the state"
        ok=0
    fi
    if ! python3 - "$work/a.json" "$work/a.xml" <<'PY' 2>"$work/err"; then
import json, sys
import xml.etree.ElementTree as ET
state = json.load(open(sys.argv[1], encoding="utf-8"))
root = ET.parse(sys.argv[2]).getroot()
ns = "{urn:dealc:state:1}"
xml_deals = [d.get("id") for d in root.find(ns + "deals")]
json_deals = [d["id"] for d in state["deals"]]
assert xml_deals == json_deals, (xml_deals, json_deals)
assert state["as-of"] == root.get("as-of")
assert len(state["diagnostics"]) == len(root.find(ns + "diagnostics"))
for d in state["deals"]:
    assert isinstance(d["progress"], int) and isinstance(d["can-win"], bool)
# The counts the report shows instead of counting deals, re-derived from the deals.
for ps in state["statistics"]:
    mine = [d for d in state["deals"] if d["process"] == ps["ref"]]
    blocked = [d for d in mine if d["status"] == "open" and not d["can-win"]]
    assert ps["blocked"] == len(blocked), ps["ref"]
    assert ps["rotting"] == sum(d["rotting"] for d in mine), ps["ref"]
    assert ps["with-errors"] == sum(d["errors"] > 0 for d in mine), ps["ref"]
    assert ps["attention"] == sum((d["status"] == "open" and not d["can-win"]) or d["rotting"] or d["errors"] > 0
                                  for d in mine), ps["ref"]
for i in state["inputs"]:
    assert i["deals"] == sum(d["file"] == i["path"] for d in state["deals"]), i["path"]
assert state["summary"]["run-diagnostics"] == len(state["diagnostics"])
PY
        fail "$name: the JSON state does not parse or differs from the XML:"
        sed 's/^/    /' "$work/err" | tail -5
        ok=0
    fi
    [ $ok = 1 ] && passed=$((passed + 1))
    return 0
}

for d in "$top"/tests/cases/*/in; do
    [ -d "$d" ] || continue
    check_set "$(basename "$(dirname "$d")")" "$d"
done
check_set samples "$top/samples"

# SOURCE_DATE_EPOCH is the as-of date when --as-of is not given: 2026-12-03 is 1796256000.
SOURCE_DATE_EPOCH=1796256000 "$dealc" eval -q "$top/samples/team.xml" "$top/samples/processes" \
    >"$work/sde.xml" 2>/dev/null || true
if grep -q 'as-of="2026-12-03"' "$work/sde.xml"; then
    passed=$((passed + 1))
else
    fail "SOURCE_DATE_EPOCH=1796256000 does not give as-of 2026-12-03"
fi

# Figures of the samples, computed by hand and by an independent evaluator.
"$dealc" eval -q --as-of 2026-12-03 --format json "$top/samples/team.xml" "$top/samples/processes" \
    "$top/samples/deals" "$top/samples/exports" >"$work/samples.json" 2>/dev/null || true
if python3 "$top/tests/state/check-figures.py" "$top/tests/state/samples-figures.txt" "$work/samples.json" \
    >"$work/figures.out" 2>&1; then
    passed=$((passed + 1))
else
    fail "the samples' figures differ from the hand-checked ones:"
    sed 's/^/    /' "$work/figures.out" | tail -20
fi

# More run-level diagnostics than the state writer keeps in memory (256; the
# rest wait in a temporary file): all of them, in check's order, with their
# notes, in XML and JSON alike; with every deal's own diagnostics they are
# exactly what check says.
python3 "$top/tests/bench/gen.py" "$work/many" 1200 --layout bulk --invalid 40 --breaks 10 >/dev/null
"$dealc" check -q --format json --as-of 2026-12-03 "$work/many" >"$work/many-check.json" 2>/dev/null || true
"$dealc" eval -q --format json --as-of 2026-12-03 "$work/many" >"$work/many.json" 2>/dev/null || true
"$dealc" eval -q --as-of 2026-12-03 "$work/many" >"$work/many.xml" 2>/dev/null || true
if python3 - "$work/many-check.json" "$work/many.json" "$work/many.xml" <<'PY' 2>"$work/err"; then
import json, sys
import xml.etree.ElementTree as ET
check = json.load(open(sys.argv[1], encoding="utf-8"))["diagnostics"]
state = json.load(open(sys.argv[2], encoding="utf-8"))
def key(d):
    return (d["file"], d.get("line"), d.get("column"), d["severity"], d["code"], d["message"],
            tuple((n["file"], n.get("line"), n.get("column"), n["message"]) for n in d["notes"]))
in_deals = [key(d) for deal in state["deals"] for d in deal["diagnostics"]]
run = [key(d) for d in state["diagnostics"]]
assert len(run) > 256, len(run)
assert state["summary"]["run-diagnostics"] == len(run)
said = [key(d) for d in check]
rest = list(said)
for k in in_deals:
    rest.remove(k)
assert rest == run, "the run-level diagnostics differ from check's"
ns = "{urn:dealc:state:1}"
root = ET.parse(sys.argv[3]).getroot()
xml_run = [(d.get("code"), d.findtext(ns + "message")) for d in root.find(ns + "diagnostics")]
assert xml_run == [(k[4], k[5]) for k in run], "XML and JSON differ"
PY
    passed=$((passed + 1))
else
    fail "more than 256 run-level diagnostics are not all in the state, in order:"
    sed 's/^/    /' "$work/err" | tail -5
fi

# -o to something that is not a regular file writes into it, never renames over it.
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from-fifo" &
reader=$!
"$dealc" eval -q --as-of 2026-12-03 -o "$work/fifo" "$top/samples/team.xml" 2>/dev/null || true
wait $reader || true
if [ -p "$work/fifo" ] && grep -q '<state' "$work/from-fifo"; then
    passed=$((passed + 1))
else
    fail "eval -o FIFO replaced the FIFO or wrote nothing into it"
fi

# A file name that is not UTF-8 still gives a state that is well-formed XML and valid JSON.
mkdir -p "$work/names"
cp "$top/samples/team.xml" "$work/names/caf$(printf '\351').xml"
"$dealc" eval -q --as-of 2026-12-03 "$work/names" >"$work/names.xml" 2>/dev/null || true
"$dealc" eval -q --as-of 2026-12-03 --format json "$work/names" >"$work/names.json" 2>/dev/null || true
if xmllint --noout "$work/names.xml" 2>/dev/null && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/names.json"; then
    passed=$((passed + 1))
else
    fail "a file name that is not UTF-8 breaks the state"
fi

echo "state: $passed passed, $failed failed"
[ "$failed" = 0 ]
