#!/bin/sh
# The machine formats of `dealc check`, each read back by a real consumer:
#   json    Python's json module, with the documented fields checked;
#   junit   xmllint --schema against tests/formats/junit.xsd (the JUnit
#           schema Jenkins reads; see its header), then ElementTree;
#   github  a strict regular expression of the workflow command syntax;
# and all of them against each other and against the text format
# (tests/formats/check.py). The inputs are the samples, the broken samples,
# and files made here whose names and step names need every escape: a comma,
# a colon, a percent sign, a line feed, a carriage return; plus an empty file
# (a diagnostic without a column).
# Usage: tests/formats/run.sh path/to/dealc
set -eu

dealc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() {
    echo "FAIL formats: $*"
    failed=$((failed + 1))
}

for tool in python3 xmllint; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL formats: '$tool' is missing"; exit 1; }
done

sed -n 's/.*{"\([a-z-]*\)", SEV_\([A-Z]*\)}.*/\1 \2/p' "$top/compiler/diag.c" |
    tr 'A-Z' 'a-z' >"$work/codes"
[ -s "$work/codes" ] || { echo "FAIL formats: no code table in compiler/diag.c"; exit 1; }

# ---- the inputs ----
mkdir "$work/in"
cp -r "$top/samples/team.xml" "$top/samples/processes" "$top/samples/broken" "$work/in/"
mkdir "$work/in/odd" "$work/in/odd/deals"
cat >"$work/in/odd/process.xml" <<'EOF'
<process xmlns="urn:dealc:1" id="odd" name="Odd names" currency="PLN">
  <stage id="one" name="One">
    <step id="approve" name="Approve: 100%, then&#10;sign&#13;off" value="10" obligatory="true">
      <can-complete><managers/></can-complete>
    </step>
  </stage>
  <stage id="two" name="Two"/>
</process>
EOF
deal() { # ID FILE
    cat >"$2" <<EOF
<deal xmlns="urn:dealc:1" id="$1" process="odd" owner="ola" created="2026-11-01">
  <title>Odd $1</title>
  <log>
    <done step="approve" by="ola" at="2026-11-02T10:00:00Z"/>
  </log>
</deal>
EOF
}
cr=$(printf '\r')
deal odd-1 "$work/in/odd/deals/a,b:c%d.xml"
deal odd-2 "$work/in/odd/deals/new
line.xml"
deal odd-3 "$work/in/odd/deals/cr${cr}name.xml"
: >"$work/in/odd/empty.xml"

# Runs check in the inputs' folder with FORMAT (and more options); the status in $work/status.FORMAT.
run() { # NAME OPTIONS...
    name=$1
    shift
    status=0
    (cd "$work/in" && exec "$dealc" check -q --as-of 2026-12-03 "$@" .) >"$work/$name" 2>"$work/$name.err" </dev/null ||
        status=$?
    echo "$status" >"$work/status.$name"
}

consumers() { # LABEL WANT-STATUS: runs the four formats and reads them back
    label=$1
    run text
    run json --format json
    run junit --format junit
    run github --format github
    for f in text json junit github; do
        if [ "$(cat "$work/status.$f")" = "$2" ] && [ ! -s "$work/$f.err" ]; then
            ok
        else
            fail "$label: --format $f exits $(cat "$work/status.$f") (expected $2); stderr: $(cat "$work/$f.err")"
        fi
    done
    if xmllint --noout --nonet --schema "$here/junit.xsd" "$work/junit" 2>"$work/xmllint"; then
        ok
    else
        fail "$label: the JUnit report does not validate against junit.xsd:"
        sed 's/^/    /' "$work/xmllint"
    fi
    (cd "$work/in" && find . -name '.*' ! -name . -prune -o -name '*.xml' -type f -print0) >"$work/files"
    if python3 "$here/check.py" "$work/codes" "$work/files" "$work/json" "$work/text" "$work/github" "$work/junit"; then
        ok
    else
        failed=$((failed + 1))
        echo "    ($label)"
    fi
}

# ---- with errors, warnings, notes and every escape ----
consumers "broken and odd inputs" 1
# Every kind of record is there, so nothing above passed for want of data.
for want in '"severity": "warning"' '"notes": [
        {' '"file": "./odd/deals/new\nline.xml"' '"file": "./odd/deals/cr\rname.xml"' \
    'Approve: 100%, then\nsign\roff' '"file": "./odd/empty.xml",
      "line": 1,
      "severity"'; do
    if grep -Fq "$want" "$work/json" || python3 -c 'import sys; sys.exit(sys.argv[1] not in open(sys.argv[2], encoding="utf-8").read())' "$want" "$work/json"; then
        ok
    else
        fail "the JSON output lacks $want"
    fi
done
for want in '%0A' '%0D' '%25' '%2C' '%3A' '::warning ' '::notice ' ',title=xml-malformed::'; do
    if grep -Fq -- "$want" "$work/github"; then ok; else fail "the GitHub output lacks $want"; fi
done
grep -q '<testsuite name="other"' "$work/junit" && grep -q '<system-out>' "$work/junit" && ok ||
    fail "the JUnit report lacks the 'other' suite or a system-out"

# No colour in a machine format, whatever --color says.
for f in json junit github; do
    cp "$work/$f" "$work/$f.plain"
    run "$f" --format "$f" --color=always
    if cmp -s "$work/$f" "$work/$f.plain"; then ok; else fail "--format $f --color=always differs from --format $f"; fi
done

# ---- clean inputs: every format says so, and exits 0 ----
rm -rf "$work/in"
mkdir "$work/in"
cp -r "$top/samples/team.xml" "$top/samples/processes" "$top/samples/deals" "$top/samples/exports" "$work/in/"
consumers "clean samples" 0
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["diagnostics"] == [] and d["summary"]["errors"] == 0 and d["summary"]["warnings"] == 0, d["summary"]
assert d["summary"]["files"] == 55 and d["summary"]["deals"] > 50, d["summary"]
' "$work/json" && [ ! -s "$work/github" ] && ! grep -q '<failure' "$work/junit"; then
    ok
else
    fail "clean samples: the formats report problems"
fi

echo "formats: $passed passed, $failed failed"
[ "$failed" = 0 ]
