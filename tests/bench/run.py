#!/usr/bin/env python3
"""The dealc benchmark: `make bench`.

Generates synthetic repositories with gen.py (cached under build/bench/) and
times, in the same run and on the same files, dealc against xmllint:

  bulk file:  dealc check -j1, dealc check (all cores)
              vs  xmllint --noout --stream --schema schemas/deal.xsd FILE;
              dealc eval and dealc report --no-deal-pages once each, for memory
  many files: dealc check (all cores) vs xmllint --noout --schema schemas/deal.xsd FILES...

Each command runs several times; the table shows the median wall time, the
ratio to xmllint, peak resident memory (from wait4) and MB/s, and is written
to build/bench.txt. The targets of issue 5 are checked and printed as PASS or
MISS; the benchmark itself never fails the build.

usage: run.py [--sizes 10000,100000,1000000] [--files 10000] [--runs 3]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEALC = os.path.join(TOP, "build", "dealc")
SCHEMA = os.path.join(TOP, "schemas", "deal.xsd")
CACHE = os.path.join(TOP, "build", "bench")


def run_once(argv):
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 3):  # xmllint exits 3 on invalid documents
        sys.exit(f"bench: {' '.join(argv[:3])}... exited {code}")
    return wall, usage.ru_maxrss / 1024.0


def measure_interleaved(commands, runs):
    """Runs each command once per round, rounds in a row, so that a burst of
    load on this shared machine falls on all of them alike. Returns per
    command the median wall time, the peak memory, and the median of its
    per-round ratio to the first command (the baseline)."""
    walls = [[] for _ in commands]
    peaks = [0.0 for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            w, m = run_once(argv)
            walls[i].append(w)
            peaks[i] = max(peaks[i], m)
    out = []
    for i in range(len(commands)):
        ratios = [walls[i][k] / walls[0][k] for k in range(runs)]
        out.append((statistics.median(walls[i]), peaks[i], statistics.median(ratios)))
    return out


def generate(n, layout):
    out = os.path.join(CACHE, f"{layout}-{n}")
    stamp = os.path.join(out, ".done")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, os.path.join(TOP, "tests", "bench", "gen.py"), out, str(n),
                        "--layout", layout], check=True)
        open(stamp, "w").close()
    return out


def size_mb(paths):
    total = 0
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
        else:
            total += os.path.getsize(p)
    return total / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    os.makedirs(CACHE, exist_ok=True)
    asof = ["--as-of", "2026-12-03", "-q"]
    rows = []
    verdicts = []
    peaks = {}

    for n in [int(s) for s in a.sizes.split(",") if s]:
        repo = generate(n, "bulk")
        bulk = os.path.join(repo, "bulk", "deals.xml")
        defs = [os.path.join(repo, "team.xml"), os.path.join(repo, "processes")]
        mb = size_mb([bulk])
        runs = a.runs if n < 1000000 else 2
        report_dir = os.path.join(CACHE, "report-out")
        labels = ["xmllint --stream --schema", "dealc check -j1", "dealc check", "dealc eval",
                  "dealc report --no-deal-pages"]
        commands = [["xmllint", "--noout", "--stream", "--schema", SCHEMA, bulk],
                    [DEALC, "check", "-j1"] + asof + defs + [bulk],
                    [DEALC, "check"] + asof + defs + [bulk],
                    [DEALC, "eval", "-o", os.devnull] + asof + defs + [bulk],
                    [DEALC, "report", "--no-deal-pages", "-o", report_dir] + asof + defs + [bulk]]
        # eval and report have no time target and are the longest commands
        # here: they run once, for their memory, their ratio to the median xmllint.
        results = measure_interleaved(commands[:3], runs)
        for argv in commands[3:]:
            w, m = run_once(argv)
            results.append((w, m, w / results[0][0]))
        for i, (label, (w, m, ratio)) in enumerate(zip(labels, results)):
            rows.append((f"bulk {n:,} deals ({mb:.0f} MB)" if i == 0 else "", label, w, ratio, m, mb / w))
            peaks[(label, n)] = m
            if label == "dealc check -j1":
                verdicts.append((f"bulk {n:,}: check -j1 <= 1.15x xmllint", ratio <= 1.15, f"{ratio:.2f}x"))
            if label == "dealc check":
                verdicts.append((f"bulk {n:,}: check on all cores <= 0.65x xmllint", ratio <= 0.65, f"{ratio:.2f}x"))
        if n >= 1000000:
            for label in ("dealc check", "dealc eval", "dealc report --no-deal-pages"):
                m = peaks[(label, n)]
                verdicts.append((f"{label} peak memory at {n:,} deals < 100 MB", m < 100, f"{m:.0f} MB"))
                # What grows is the id set only: ten times the deals, at most twice the memory.
                if (label, n // 10) in peaks:
                    growth = m / peaks[(label, n // 10)]
                    verdicts.append((f"{label} peak memory at {n:,} deals <= 2x that at {n // 10:,}",
                                     growth <= 2, f"{growth:.2f}x"))

    if a.files:
        repo = generate(a.files, "files")
        folder = os.path.join(repo, "files")
        files = sorted(os.path.join(root, f) for root, _, fs in os.walk(folder) for f in fs)
        mb = size_mb(files)
        (base, base_mem, _), (w, m, ratio) = measure_interleaved(
            [["xmllint", "--noout", "--schema", SCHEMA] + files,
             [DEALC, "check"] + asof + [os.path.join(repo, "team.xml"), os.path.join(repo, "processes"), folder]],
            a.runs)
        rows.append((f"{len(files):,} files ({mb:.0f} MB)", "xmllint --schema FILES", base, 1.0, base_mem, mb / base))
        rows.append(("", "dealc check", w, ratio, m, mb / w))
        verdicts.append((f"{len(files):,} files: check <= 0.65x xmllint", ratio <= 0.65, f"{ratio:.2f}x"))

    lines = [f"dealc benchmark, {os.cpu_count()} cores, median of {a.runs} rounds (2 at 1M deals; eval and report once);",
             "commands interleaved round by round; ratio = median of the per-round ratios to xmllint", "",
             f"{'input':<28} {'command':<28} {'wall s':>8} {'ratio':>7} {'peak MB':>8} {'MB/s':>7}",
             "-" * 92]
    for inp, cmd, w, r, m, rate in rows:
        lines.append(f"{inp:<28} {cmd:<28} {w:>8.2f} {r:>6.2f}x {m:>8.1f} {rate:>7.1f}")
    lines += ["", "targets:"]
    for what, ok, value in verdicts:
        lines.append(f"  {'PASS' if ok else 'MISS'}  {what}  ({value})")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(TOP, "build", "bench.txt"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
