#!/usr/bin/env python3
"""Where a cold start goes: one `report-lint FILE` run cut into phases, each timed in a fresh
interpreter, medians over several runs.

    .venv/bin/python bench/startup.py [FILE]

Phases, in the order the CLI meets them: the interpreter with site set-up (`python -c pass`),
importing click, lark and opencc, importing our pipeline modules, importing the rule modules,
loading the grammar (cached layout and LALR tables, JSON) and OpenCC's dictionary, linting the file,
and rendering `concise` output. Bytecode is allowed, as in a user's install.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, _env  # noqa: E402

PROBE = r"""
import sys, time, json, io
t = [time.perf_counter()]
def mark():
    t.append(time.perf_counter())
import click; mark()
import lark; mark()
import opencc; mark()
from report_lint import cli, lint, parse, tables, prose, scan, normalise, numbers, metadata, formats; mark()
from report_lint import registry; rules = registry.all_rules(); mark()
from report_lint.grammar import layout; layout(); parse.parser(); normalise.converter(); mark()
res = lint.lint_path(sys.argv[1], lint.Options(), rules); mark()
buf = io.StringIO(); formats.get("concise").render([res], formats.summarise([res]), buf); mark()
print(json.dumps([b - a for a, b in zip(t, t[1:])]))
"""
PHASES = ["import click", "import lark", "import opencc", "import report_lint pipeline",
          "import the rules", "grammar, LALR tables, OpenCC dictionary", "lint the file", "render concise"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples" / "seeds" / "002_f55af3b9fc6ef95b.txt"))
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args(argv)
    env = _env()

    def wall(args, capture=False):
        t = time.perf_counter()
        p = subprocess.run([sys.executable, *args], capture_output=True, env=env, cwd=ROOT)
        return (time.perf_counter() - t) * 1e3, p.stdout

    wall(["-c", PROBE, a.file])
    floor = statistics.median(wall(["-c", "pass"])[0] for _ in range(a.runs))
    cli = statistics.median(wall(["-m", "report_lint", "--isolated", "--format", "concise", a.file])[0]
                            for _ in range(a.runs))
    runs = [json.loads(wall(["-c", PROBE, a.file])[1]) for _ in range(a.runs)]
    med = [statistics.median(r[i] for r in runs) * 1e3 for i in range(len(PHASES))]
    print(f"{Path(a.file).name}: report-lint --format concise {cli:.0f} ms, median of {a.runs} cold runs")
    print(f"  {'interpreter and site (python -c pass)':<44} {floor:6.1f} ms")
    for name, ms in zip(PHASES, med):
        print(f"  {name:<44} {ms:6.1f} ms")
    print(f"  {'sum':<44} {floor + sum(med):6.1f} ms (the CLI adds its option parsing and config lookup)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
