#!/usr/bin/env python3
"""Compare figures of an evaluated state document (JSON) with expected values.

Usage: check-figures.py FIGURES.txt STATE.json

FIGURES.txt holds one figure a line, `path = value`; blank lines and lines
starting with `#` are ignored. A path is a dot-separated list of segments
walked from the top of the JSON document:
  - in an object, a segment is a member name;
  - in an array, a segment selects the element whose `id`, `ref`, `step` or
    `currency` member equals it (so `statistics.standard.stages.collect`,
    `deals.acme-rollout`, `...open-amounts.PLN`), or, when it is a whole
    number, the element at that (0-based) index;
  - the segment `#` is the length of an array (or object).
The expected value `<absent>` means the last member or element must not exist
(a deal without an amount has no weighted amount).
The value found is compared exactly, as a string, with the expected value:
a JSON string as its text, a number as written in the JSON (`50.0` stays
`50.0`), true/false/null as those words. An array or object is not a value.

This script runs nothing itself; make the JSON with
`dealc eval --format json ...`. It prints each mismatch, then
`figures: N passed, N failed`, and exits 1 on any mismatch, 2 on bad usage.
"""
import json
import sys

KEYS = ("id", "ref", "step", "currency")
ABSENT = "<absent>"


class Missing(Exception):
    pass


def raw(text):
    return text


def step(node, seg):
    if seg == "#":
        if isinstance(node, (list, dict)):
            return str(len(node))
        raise Missing("'#' of a value that is not an array")
    if isinstance(node, dict):
        if seg in node:
            return node[seg]
        raise Missing(f"no member '{seg}'")
    if isinstance(node, list):
        for el in node:
            if isinstance(el, dict) and any(el.get(k) == seg for k in KEYS):
                return el
        if seg.isdigit() and int(seg) < len(node):
            return node[int(seg)]
        raise Missing(f"no element '{seg}'")
    raise Missing(f"'{seg}' below a value")


def as_text(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    raise Missing("an array or object, not a value")


def main(argv):
    if len(argv) != 3:
        print("usage: check-figures.py FIGURES.txt STATE.json", file=sys.stderr)
        return 2
    try:
        with open(argv[2], encoding="utf-8") as f:
            # numbers keep their JSON spelling: parse them as strings
            state = json.load(f, parse_float=raw, parse_int=raw, parse_constant=raw)
        with open(argv[1], encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, ValueError) as e:
        print(f"check-figures.py: {e}", file=sys.stderr)
        return 2
    passed = failed = 0
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        path, sep, expected = text.partition(" = ")
        if not sep:
            print(f"{argv[1]}:{n}: not 'path = value': {text}", file=sys.stderr)
            return 2
        path, expected = path.strip(), expected.strip()
        node = state
        try:
            for seg in path.split("."):
                node = step(node, seg)
            got = as_text(node) if expected != ABSENT else "present"
        except Missing as e:
            if expected == ABSENT and str(e).startswith("no "):
                passed += 1
                continue
            failed += 1
            print(f"{argv[1]}:{n}: {path}: expected {expected}, {e}")
            continue
        if got == expected:
            passed += 1
        else:
            failed += 1
            print(f"{argv[1]}:{n}: {path}: expected {expected}, got {got}")
    print(f"figures: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
