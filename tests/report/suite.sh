#!/bin/sh
# The report in make check: renders the samples' report with dealc, runs the
# content and safety checks (run.sh), proves xsltproc writes the same bytes
# from `dealc eval` output, that --no-deal-pages leaves the deal pages out,
# and loads three pages in headless Chromium (when it can be had): the
# rendered DOM must carry the key figures, and a PNG of each page is saved
# under build/ for a person to look at.
# Usage: tests/report/suite.sh path/to/dealc
set -eu

dealc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs="samples/team.xml samples/processes samples/deals samples/exports"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() {
    echo "FAIL $1"
    failed=$((failed + 1))
}

cd "$top"
rm -rf "$build/report-test"
# shellcheck disable=SC2086
if "$dealc" report -q --as-of 2026-12-03 -o "$build/report-test" $inputs; then ok; else fail "dealc report exited $?"; fi
if tests/report/run.sh "$build/report-test" >"$work/run.out" 2>&1; then
    ok
else
    fail "the report's content checks:"
    tail -20 "$work/run.out" | sed 's/^/    /'
fi

# shellcheck disable=SC2086
"$dealc" eval -q --as-of 2026-12-03 $inputs >"$work/state.xml"
tests/report/render-xsltproc.sh "$work/state.xml" "$work/xsltproc" >/dev/null 2>&1
if diff -r "$build/report-test" "$work/xsltproc" >"$work/diff" 2>&1; then
    ok
else
    fail "xsltproc on dealc eval's output writes other pages than dealc report:"
    head -20 "$work/diff" | sed 's/^/    /'
fi

# The same inputs twice: the same bytes.
# shellcheck disable=SC2086
"$dealc" report -q --as-of 2026-12-03 -o "$work/again" $inputs
if diff -r "$build/report-test" "$work/again" >/dev/null; then ok; else fail "two renders differ"; fi

# shellcheck disable=SC2086
"$dealc" report -q --no-deal-pages --as-of 2026-12-03 -o "$work/nodeals" $inputs
if [ -f "$work/nodeals/index.html" ] && [ -z "$(ls "$work/nodeals/deals" 2>/dev/null)" ] &&
    ! grep -q 'href="deals/' "$work/nodeals/index.html"; then
    ok
else
    fail "--no-deal-pages wrote deal pages or links to them"
fi

# Lists cut short: --list-limit N shows what xsltproc shows with list-limit N,
# whose pages say how many there are in all (the statistics' totals).
for limit in 1 3; do
    for pages in yes no; do
        flag=
        [ $pages = no ] && flag=--no-deal-pages
        # shellcheck disable=SC2086
        "$dealc" report -q $flag --list-limit $limit --as-of 2026-12-03 -o "$work/cut" $inputs
        tests/report/render-xsltproc.sh "$work/state.xml" "$work/cut-x" --param list-limit $limit \
            --stringparam deal-pages $pages >/dev/null 2>&1
        if diff -r "$work/cut" "$work/cut-x" >"$work/diff" 2>&1; then
            ok
        else
            fail "--list-limit $limit (deal pages: $pages) writes other pages than xsltproc:"
            head -20 "$work/diff" | sed 's/^/    /'
        fi
    done
    if python3 - "$work/cut" "$work/state.xml" $limit <<'PY'; then ok; else fail "--list-limit $limit: the lists are not cut as they should be"; fi
import re, sys
import xml.etree.ElementTree as ET
out, state, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
ns = "{urn:dealc:state:1}"
root = ET.parse(state).getroot()
stats = {s.get("ref"): s for s in root.find(ns + "statistics")}
def section(html, sid):
    m = re.search(r'<section[^>]*id="%s".*?</section>' % sid, html, re.S)
    assert m, sid
    return m.group(0)
std = open(f"{out}/processes/standard.html", encoding="utf-8").read()
open_deals = section(std, "open-deals")
assert open_deals.count("<tr>") - 1 == limit, open_deals.count("<tr>")
total = int(stats["standard"].get("open"))
assert f"The first {limit} of {total} open deals" in open_deals, "open total"
# the furthest along open deal of standard comes first
deals = [d for d in root.find(ns + "deals") if d.get("process") == "standard" and d.get("status") == "open"]
stage_pos = {s.get("id"): i for p in root.find(ns + "processes") if p.get("id") == "standard"
             for i, s in enumerate(p.find(ns + "stages"))}
first = sorted(deals, key=lambda d: (-stage_pos[d.get("stage")], -int(d.get("progress")), d.get("id")))[0]
assert first.find(ns + "title").text in open_deals, "the first open deal"
index = open(f"{out}/index.html", encoding="utf-8").read()
attention = section(index, "attention")
assert attention.count("<tr>") - 1 == limit, attention.count("<tr>")
total = sum(int(s.get("attention")) for s in stats.values())
assert f"The first {limit} of {total} deals needing attention" in attention, "attention total"
PY
done

# A state written by an earlier dealc has none of the totals the lists use
# (process-statistics blocked, rotting, with-errors, attention; input deals;
# summary run-diagnostics): the stylesheet counts its deals instead, to the same pages.
python3 - "$work/state.xml" "$work/state-old.xml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def strip(tag, names):
    global text
    def cut(m):
        s = m.group(0)
        for n in names:
            s = re.sub(r' %s="[^"]*"' % n, "", s)
        return s
    text = re.sub(r"<%s [^>]*>" % tag, cut, text)
strip("process-statistics", ["blocked", "rotting", "with-errors", "attention"])
strip("input", ["deals"])
strip("summary", ["run-diagnostics"])
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
tests/report/render-xsltproc.sh "$work/state-old.xml" "$work/old-x" >/dev/null 2>&1
if ! grep -q 'attention=' "$work/state-old.xml" && diff -r "$build/report-test" "$work/old-x" >"$work/diff" 2>&1; then
    ok
else
    fail "a state without the new totals renders other pages:"
    head -20 "$work/diff" | sed 's/^/    /'
fi

# More deals than the default lists hold, and more run-level problems (schema-
# invalid deals): the same pages from dealc's parts as from xsltproc's whole state.
python3 tests/bench/gen.py "$work/big" 1500 --layout bulk --invalid 20 >/dev/null
"$dealc" eval -q --as-of 2026-12-03 "$work/big" >"$work/big.xml" || true
"$dealc" report -q --no-deal-pages --as-of 2026-12-03 -o "$work/big-report" "$work/big" || true
tests/report/render-xsltproc.sh "$work/big.xml" "$work/big-x" --stringparam deal-pages no >/dev/null 2>&1
if diff -r "$work/big-report" "$work/big-x" >"$work/diff" 2>&1 &&
    grep -q 'The first 200 of [0-9,]* deals needing attention' "$work/big-report/index.html" &&
    grep -q 'The first 200 of [0-9,]* problems outside the deals' "$work/big-report/index.html"; then
    ok
else
    fail "a report of 1,500 deals cut to 200 a list differs from xsltproc's or is not cut:"
    head -20 "$work/diff" | sed 's/^/    /'
fi

# A stylesheet of one's own runs under the same rules: no file read, no
# network, no write outside DIR. Each attempt is refused with a clear error,
# exit 2, and the previous report stays as it was.
mkdir -p "$work/evil"
cp -r "$build/report-test" "$work/kept"
for attack in "document('/etc/passwd')" "document('http://127.0.0.1:9/x.xml')" "document('file:///etc/passwd')"; do
    cat >"$work/evil/read.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><out><xsl:copy-of select="$attack"/></out></xsl:template>
</xsl:stylesheet>
XSL
    status=0
    # shellcheck disable=SC2086
    "$dealc" report -q --as-of 2026-12-03 --stylesheet "$work/evil/read.xsl" -o "$build/report-test" $inputs \
        2>"$work/evil.err" || status=$?
    if [ "$status" = 2 ] && grep -q 'refused\|denied' "$work/evil.err" && ! grep -q 'root:' "$build/report-test/index.html" &&
        diff -r "$work/kept" "$build/report-test" >/dev/null; then
        ok
    else
        fail "a stylesheet doing $attack: status $status, $(head -3 "$work/evil.err")"
    fi
done
cat >"$work/evil/write.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:template match="/">
    <exsl:document href="../../../../../../tmp/dealc-escaped.html"><p>out</p></exsl:document>
  </xsl:template>
</xsl:stylesheet>
XSL
rm -f /tmp/dealc-escaped.html
status=0
# shellcheck disable=SC2086
"$dealc" report -q --as-of 2026-12-03 --stylesheet "$work/evil/write.xsl" -o "$build/report-test" $inputs \
    2>"$work/evil.err" || status=$?
if [ "$status" = 2 ] && [ ! -e /tmp/dealc-escaped.html ] && grep -q 'refused\|denied' "$work/evil.err" &&
    diff -r "$work/kept" "$build/report-test" >/dev/null; then
    ok
else
    fail "a stylesheet writing outside DIR: status $status"
fi

# A real browser.
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "SKIP browser test: Chromium is not installed (apt-get install chromium)"
else
    blocked=silesia-steel-quotes
    for page in index.html processes/standard.html "deals/$blocked.html"; do
        name=$(echo "$page" | tr '/.' '--')
        profile=$(mktemp -d)
        flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir=$profile"
        # shellcheck disable=SC2086
        timeout 60 "$browser" $flags --dump-dom "file://$build/report-test/$page" \
            >"$work/$name.dom" 2>/dev/null || true
        # shellcheck disable=SC2086
        timeout 60 "$browser" $flags --window-size=1280,2200 --screenshot="$build/report-$name.png" \
            "file://$build/report-test/$page" >/dev/null 2>&1 || true
        rm -rf "$profile"
        if [ -s "$build/report-$name.png" ]; then ok; else fail "no screenshot of $page"; fi
    done
    if python3 - "$work" "$work/state.xml" "$blocked" <<'PY'; then ok; else fail "the rendered pages lack key figures"; fi
import re, sys
import xml.etree.ElementTree as ET
work, state, blocked = sys.argv[1:4]
ns = "{urn:dealc:state:1}"
root = ET.parse(state).getroot()
def text(name):
    html = open(f"{work}/{name}.dom", encoding="utf-8").read()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
index = text("index-html")
for p in root.find(ns + "processes"):
    assert p.get("name") in index, p.get("name")
stats = {s.get("ref"): s for s in root.find(ns + "statistics")}
std = text("processes-standard-html")
assert stats["standard"].get("win-rate").rstrip("0").rstrip(".") in std, "win rate"
deal = text(f"deals-{blocked}-html")
d = [x for x in root.find(ns + "deals") if x.get("id") == blocked][0]
for b in d.find(ns + "blockers"):
    step = [s for p in root.find(ns + "processes") for st in p.find(ns + "stages")
            for s in st.find(ns + "steps") if s.get("id") == b.get("step")][0]
    assert step.get("name") in deal, step.get("name")
assert d.get("progress") + "%" in deal.replace(" %", "%"), "progress"
PY
fi

echo "report: $passed passed, $failed failed"
[ "$failed" = 0 ]
