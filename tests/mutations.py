"""Single-cell changes in real collapsed reports: how often does report-lint name the cell?

    .venv/bin/python tests/mutations.py            # every cell of 表三 and 表四, prints the figures
    .venv/bin/python tests/mutations.py --step 7   # every 7th cell (what the test suite runs)

For each report of examples/ whose tables are collapsed (`examples/real/MANIFEST.tsv`:
table_layout `collapsed`; the seeds have none), for each cell of 表三 and 表四 that report-lint
reads as a number from its own stretch of the text, one digit of that cell is changed (0 → 1,
d → d + 1, 9 → 8; never a new leading zero) and the changed text is linted again. The change is
*named* when a finding's `cell` is that cell (row and column as the format prints them), and
*detected* when the table gets any new error. 表二 is left out: it has no relation that a
changed cell could break.
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TABLES = ("三", "四")


def collapsed_reports() -> list[Path]:
    rows = csv.DictReader((EXAMPLES / "real" / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t")
    return [EXAMPLES / "real" / r["file"] for r in rows if r["table_layout"] == "collapsed"]


def _lint(text: str):
    from report_lint.lint import Options, lint_source
    from report_lint.read import Source
    from report_lint.registry import all_rules

    return lint_source(Source("mutant.txt", text, "utf-8"), Options(), list(all_rules()))


def _changed(raw: str) -> str:
    d = int(raw[0])
    new = 8 if d == 9 else d + 1
    return str(new) + raw[1:]


@dataclass
class Figures:
    cells: int = 0
    named: int = 0
    detected: int = 0
    missed: list = field(default_factory=list)    # (file, table, row, column, old, new)

    def percent(self, n: int) -> float:
        return 100.0 * n / self.cells if self.cells else 0.0


def measure(paths: list[Path] | None = None, step: int = 1) -> Figures:
    fig = Figures()
    k = 0
    for path in paths or collapsed_reports():
        text = path.read_text(encoding="utf-8")
        base = _lint(text)
        before = {(f.code, f.table, str(f.cell)) for f in base.findings}
        for t in base.report.tables:
            if t.table not in TABLES or t.layout is None:
                continue
            for row in t.layout.rows:
                for col in row.cells:
                    c = t.cells.get((row.id, col.id))
                    if c is None or c.kind != "number" or c.span is None or not c.raw.isdigit():
                        continue
                    if text[c.span.start:c.span.end] != c.raw:
                        continue
                    k += 1
                    if (k - 1) % step:
                        continue
                    new = _changed(c.raw)
                    res = _lint(text[:c.span.start] + new + text[c.span.end:])
                    fig.cells += 1
                    want = {"row": row.name, "column": col.name}
                    if any(f.cell == want for f in res.findings):
                        fig.named += 1
                    else:
                        fig.missed.append((path.name, t.table, row.name, col.name, c.raw, new))
                    if any(f.severity == "error" and f.table == t.table
                           and (f.code, f.table, str(f.cell)) not in before for f in res.findings):
                        fig.detected += 1
    return fig


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--step", type=int, default=1, help="change every STEP-th cell only")
    ap.add_argument("--missed", action="store_true", help="list the changes whose cell is not named")
    a = ap.parse_args(argv)
    fig = measure(step=a.step)
    print(f"single-cell changes in collapsed reports ({', '.join(p.name for p in collapsed_reports())}): "
          f"{fig.cells}; cell named: {fig.named} ({fig.percent(fig.named):.1f} %); "
          f"detected: {fig.detected} ({fig.percent(fig.detected):.1f} %)")
    if a.missed:
        for m in fig.missed:
            print("  not named:", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
