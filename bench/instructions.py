#!/usr/bin/env python3
"""Instructions per report: what a report costs the pipeline, counted by valgrind's callgrind,
so that the figure is the same on a quiet and on a busy machine (wall-clock figures on a shared
2-core machine move by ±30 % from one run to the next; an instruction count does not move).

    .venv/bin/python bench/instructions.py                 # the reports under examples/
    .venv/bin/python bench/instructions.py --corpus DIR    # another folder of reports
    .venv/bin/python bench/instructions.py --stages        # also where it goes, per stage

The count is the difference between a run that checks every report once (start-up, imports and
first calls) and one that checks them 1 + N times, divided by N × reports: the steady cost of
one report in a worker, as a batch pays it. It takes about a minute (callgrind runs the
interpreter some 50 times slower). --stages adds where the time goes: each stage of the pipeline
(read, normalise, parse, tables, rules, profile) timed in this process over five passes, as
shares — callgrind cannot tell Python's stages apart.

Without valgrind installed it says so and exits 0: a benchmark informs, the test suite gates.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}

# the part that runs under callgrind: check each report `reps` times, as a batch worker does
# (check_one with keep_report=False: the model is dropped, the findings kept)
CHILD = r"""
import sys
from report_lint import batch, registry
from report_lint.lint import Options
files = sys.argv[2:]
rules = registry.select(None, None)
opts = Options()
for _ in range(int(sys.argv[1])):
    for f in files:
        batch.check_one(f, opts, rules, keep_report=False)
"""


def reports(dirs: list[Path]) -> list[Path]:
    out = []
    for d in dirs:
        out += sorted(p for p in d.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                      and not p.name.upper().startswith("README"))
    return out


def count(files: list[Path], reps: int, tmp: Path) -> int:
    """Instructions callgrind counts for the whole child process."""
    out = tmp / f"callgrind.{reps}"
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        sys.executable, "-c", CHILD, str(reps), *map(str, files)],
                       capture_output=True, text=True, cwd=ROOT)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        sys.exit(f"callgrind failed: {p.stderr.strip()[-500:]}")
    return int(m.group(1))


def stages(files: list[Path], reps: int) -> dict[str, float]:
    """Seconds per stage summed over reps × files, in this process (after one warm pass)."""
    import time

    from report_lint import metadata, registry
    from report_lint.baseline import assign
    from report_lint.lint import run_rules
    from report_lint.normalise import normalise
    from report_lint.parse import parse
    from report_lint.profile import build
    from report_lint.read import read_source
    from report_lint.tables import read_tables

    rules = registry.select(None, None)
    t: dict[str, float] = dict.fromkeys(("read", "normalise", "parse", "tables", "rules", "profile"), 0.0)
    for rep in range(reps + 1):
        for f in files:
            marks = [time.perf_counter()]
            s = read_source(str(f), None, 10 ** 8)
            marks.append(time.perf_counter())
            nt = normalise(s.text)
            marks.append(time.perf_counter())
            r = parse(nt, s.path, s.encoding)
            marks.append(time.perf_counter())
            metadata.detect(r, None, None)
            read_tables(r)
            marks.append(time.perf_counter())
            found = run_rules(r, rules, None, s.places)
            assign(found, r.normalised.norm)
            marks.append(time.perf_counter())
            build(r, s.kind, s.places)
            marks.append(time.perf_counter())
            if rep:                                   # the first pass warms caches
                for k, a, b in zip(t, marks, marks[1:]):
                    t[k] += b - a
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", type=Path, help="a folder of reports (default: examples/)")
    ap.add_argument("--reps", type=int, default=2, help="extra passes counted (default 2)")
    ap.add_argument("--stages", action="store_true", help="also the share of each pipeline stage (timed)")
    args = ap.parse_args()
    files = reports(args.corpus or [ROOT / "examples"])
    if not files:
        sys.exit("no reports found")
    if args.stages:
        t = stages(files, 5)
        total = sum(t.values())
        print(f"stages over {len(files)} reports × 5 (wall clock, this process):")
        for k, v in t.items():
            print(f"  {k:10s} {v / (5 * len(files)) * 1e3:6.2f} ms   {100 * v / total:5.1f} %")
    if not shutil.which("valgrind"):
        print("valgrind is not installed: no instruction count (apt-get install valgrind)")
        return
    with tempfile.TemporaryDirectory() as d:
        one = count(files, 1, Path(d))
        more = count(files, 1 + args.reps, Path(d))
    per = (more - one) / (args.reps * len(files))
    print(f"{len(files)} reports: {per / 1e6:.2f} M instructions per report "
          f"(start-up and first pass: {one / 1e6:.0f} M)")


if __name__ == "__main__":
    main()
