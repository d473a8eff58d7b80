#!/usr/bin/env python3
"""Reads the four outputs of one `dealc check` run back, each with a real
consumer, and holds them to the documented formats and to each other.

    check.py CODES FILES JSON TEXT GITHUB JUNIT

CODES: "code severity" lines (from compiler/diag.c); FILES: the paths of the
*.xml files under the checked folder, NUL-terminated, as dealc names them;
JSON, TEXT, GITHUB, JUNIT: the outputs of --format json, text, github and
junit on the same inputs. JUNIT has already been validated by xmllint
against junit.xsd.

- JSON is parsed by Python's json module: exactly the documented fields,
  of the documented types; the summary counts what the list holds.
- The text output is rebuilt from the JSON records, byte for byte.
- Every GitHub line matches a strict regular expression of the workflow
  command syntax (::LEVEL file=F,line=L,col=C,title=T::MESSAGE, with %, CR
  and LF escaped everywhere and : and , also in properties); decoded the
  way the runner decodes them, they are the JSON records again.
- The JUnit report, parsed by ElementTree: a testsuite per input kind with
  counts that match its test cases, a test case per input file, a failure
  per error (type the code, message the message), warnings in system-out.
  (A file passed over, not being a dealc document, is a test case without
  failure in the "other" suite; the summary's "files" does not count it.)
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

failures = []


def fail(message):
    failures.append(message)


def check_place(where, obj):
    if not isinstance(obj.get("file"), str) or not obj["file"]:
        fail(f"{where}: 'file' is not a non-empty string: {obj!r}")
    for key in ("line", "column"):
        if key in obj and not (type(obj[key]) is int and obj[key] >= 1):
            fail(f"{where}: '{key}' is not a positive integer: {obj[key]!r}")
    if "column" in obj and "line" not in obj:
        fail(f"{where}: a column without a line")


def main():
    codes_path, files_path, json_path, text_path, github_path, junit_path = sys.argv[1:7]
    with open(files_path, "rb") as f:
        walked = sorted(p.decode("utf-8") for p in f.read().split(b"\0")[:-1])
    codes = {}
    with open(codes_path, encoding="utf-8") as f:
        for line in f:
            code, sev = line.split()
            codes[code] = sev

    # ---- JSON ----
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)  # the whole file: one document and nothing after it
    if not isinstance(doc, dict) or set(doc) != {"version", "diagnostics", "summary"}:
        fail(f"json: top-level keys are {sorted(doc) if isinstance(doc, dict) else type(doc)}")
        return
    if doc["version"] != "1":
        fail(f"json: version is {doc['version']!r}, not \"1\"")
    diags = doc["diagnostics"]
    if not isinstance(diags, list):
        fail("json: diagnostics is not a list")
        return
    for i, d in enumerate(diags):
        where = f"json: diagnostic {i}"
        keys = set(d)
        if not {"file", "severity", "code", "message", "notes"} <= keys <= {
            "file", "line", "column", "severity", "code", "message", "notes"}:
            fail(f"{where}: keys {sorted(keys)}")
            continue
        check_place(where, d)
        if d["code"] not in codes:
            fail(f"{where}: unknown code {d['code']!r}")
        elif d["severity"] != codes[d["code"]]:
            fail(f"{where}: code {d['code']} has severity {d['severity']!r}, not {codes[d['code']]!r}")
        if not isinstance(d["message"], str) or not d["message"].strip():
            fail(f"{where}: empty message")
        if not isinstance(d["notes"], list):
            fail(f"{where}: notes is not a list")
            continue
        for j, n in enumerate(d["notes"]):
            if not {"file", "message"} <= set(n) <= {"file", "line", "column", "message"}:
                fail(f"{where}, note {j}: keys {sorted(n)}")
                continue
            check_place(f"{where}, note {j}", n)
            if not isinstance(n["message"], str) or not n["message"].strip():
                fail(f"{where}, note {j}: empty message")
    summary = doc["summary"]
    if not isinstance(summary, dict) or set(summary) != {"errors", "warnings", "files", "deals"}:
        fail(f"json: summary keys {sorted(summary) if isinstance(summary, dict) else summary!r}")
        return
    for key in summary:
        if type(summary[key]) is not int or summary[key] < 0:
            fail(f"json: summary.{key} is not a count: {summary[key]!r}")
    errors = sum(d["severity"] == "error" for d in diags)
    warnings = sum(d["severity"] == "warning" for d in diags)
    if (summary["errors"], summary["warnings"]) != (errors, warnings):
        fail(f"json: summary says {summary['errors']} errors, {summary['warnings']} warnings; "
             f"the list holds {errors} and {warnings}")

    # ---- text, rebuilt from JSON ----
    def text_line(place, sev, message, code):
        # One diagnostic, one line: a break in a file name is written \n, \r or \t.
        loc = place["file"].replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        if "line" in place:
            loc += f":{place['line']}"
            if "column" in place:
                loc += f":{place['column']}"
        return f"{loc}: {sev}: {message} [{code}]\n"

    rebuilt = "".join(
        text_line(d, d["severity"], d["message"], d["code"])
        + "".join(text_line(n, "note", n["message"], d["code"]) for n in d["notes"])
        for d in diags)
    with open(text_path, encoding="utf-8", newline="") as f:
        text = f.read()
    if rebuilt != text:
        a, b = rebuilt.splitlines(True), text.splitlines(True)
        k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        fail(f"text: differs from the JSON records at line {k + 1}: "
             f"JSON gives {a[k] if k < len(a) else 'EOF'!r}, text is {b[k] if k < len(b) else 'EOF'!r}")

    # ---- GitHub workflow commands ----
    prop = r"(?:[^%\r\n:,]|%25|%0D|%0A|%3A|%2C)+"
    data = r"(?:[^%\r\n]|%25|%0D|%0A)*"
    command = re.compile(
        rf"::(error|warning|notice) file=({prop})(?:,line=([1-9][0-9]*)(?:,col=([1-9][0-9]*))?)?"
        rf",title=({prop})::({data})")

    def unescape(s, is_property):
        table = {"%25": "%", "%0D": "\r", "%0A": "\n"}
        if is_property:
            table.update({"%3A": ":", "%2C": ","})
        return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: table.get(m.group(0), m.group(0)), s)

    with open(github_path, encoding="utf-8", newline="") as f:
        github = f.read()
    if github and not github.endswith("\n"):
        fail("github: the last line has no line feed")
    got = []
    for k, line in enumerate(github.split("\n")[:-1] if github else []):
        m = command.fullmatch(line)
        if not m:
            fail(f"github: line {k + 1} is not a workflow command: {line!r}")
            continue
        level, file, ln, col, title, message = m.groups()
        place = {"file": unescape(file, True)}
        if ln:
            place["line"] = int(ln)
        if col:
            place["column"] = int(col)
        got.append((level, place, unescape(title, True), unescape(message, False)))
    want = []
    for d in diags:
        place = {key: d[key] for key in ("file", "line", "column") if key in d}
        want.append((d["severity"], place, d["code"], d["message"]))
        for n in d["notes"]:
            place = {key: n[key] for key in ("file", "line", "column") if key in n}
            want.append(("notice", place, d["code"], n["message"]))
    if got != want:
        k = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
        fail(f"github: command {k + 1} decodes to {got[k] if k < len(got) else 'nothing'!r}, "
             f"the JSON record is {want[k] if k < len(want) else 'nothing'!r}")

    # ---- JUnit ----
    root = ET.parse(junit_path).getroot()
    if root.tag != "testsuites" or root.get("name") != "dealc":
        fail(f"junit: root is <{root.tag} name={root.get('name')!r}>, not <testsuites name='dealc'>")
    kinds = ["team", "process", "deals", "other"]
    suites = root.findall("testsuite")
    names = [s.get("name") for s in suites]
    if names != [k for k in kinds if k in names] or len(set(names)) != len(names):
        fail(f"junit: suites {names}: not a subset of {kinds} in that order")
    cases = {}
    for s in suites:
        tcs = s.findall("testcase")
        n_fail = sum(len(tc.findall("failure")) for tc in tcs)
        if s.get("tests") != str(len(tcs)) or s.get("failures") != str(n_fail) or s.get("errors") != "0":
            fail(f"junit: suite {s.get('name')} says tests={s.get('tests')} failures={s.get('failures')} "
                 f"errors={s.get('errors')}; it holds {len(tcs)} test cases and {n_fail} failures")
        for tc in tcs:
            if tc.get("classname") != s.get("name"):
                fail(f"junit: test case {tc.get('name')!r} has classname {tc.get('classname')!r}")
            if tc.get("name") in cases:
                fail(f"junit: two test cases for {tc.get('name')!r}")
            cases[tc.get("name")] = tc
    # A test case per dealc document read; someone else's XML passed over in a folder is none.
    if not set(cases) <= set(walked):
        fail(f"junit: test cases {sorted(set(cases) - set(walked))!r} are not files found")
    if len(cases) != summary["files"]:
        fail(f"junit: {len(cases)} test cases for {summary['files']} files read")
    for d in diags:
        if d["file"] not in cases:
            fail(f"junit: no test case for {d['file']!r}, which has a diagnostic")
    for name, tc in cases.items():
        mine = [d for d in diags if d["file"] == name]
        errs = [d for d in mine if d["severity"] == "error"]
        fl = tc.findall("failure")
        if [(f.get("type"), f.get("message")) for f in fl] != [(d["code"], d["message"]) for d in errs]:
            fail(f"junit: the failures of {name!r} are {[(f.get('type'), f.get('message')) for f in fl]}, "
                 f"the errors are {[(d['code'], d['message']) for d in errs]}")
        for f, d in zip(fl, errs):
            body = f.text or ""
            # The body is the text format's line, where a break in a file name is written \n, \r, \t.
            shown = d["file"].replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
            if not body.startswith(shown + ":") or d["message"] not in body or f"[{d['code']}]" not in body:
                fail(f"junit: the text of failure {d['code']} of {name!r} is {body!r}")
            for n in d["notes"]:
                if n["message"] not in body:
                    fail(f"junit: the text of failure {d['code']} of {name!r} lacks the note {n['message']!r}")
        warns = [d for d in mine if d["severity"] == "warning"]
        outs = tc.findall("system-out")
        out = "".join(o.text or "" for o in outs)
        if warns and len(outs) != 1:
            fail(f"junit: {name!r} has {len(warns)} warnings and {len(outs)} system-out elements")
        for d in warns:
            if f"warning: {d['message']} [{d['code']}]" not in out:
                fail(f"junit: the system-out of {name!r} lacks the warning {d['message']!r}")
        if not warns and outs:
            fail(f"junit: {name!r} has no warning but a system-out")


main()
for message in failures:
    print("FAIL formats: " + message)
sys.exit(1 if failures else 0)
