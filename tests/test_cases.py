"""Rule cases as data: tests/cases/<rule>.toml holds inputs and the findings expected of them.

Each [[case]] has `text` (the report), or `file` = a path under examples/, or `base` = a report
of tests/cases/base/ (`"2019"`, `"2021"`: clean reports of each format) with `replace` = a list
of ["old", "new"] pairs applied in order, each `old` found exactly once — so a table case is the
lines it changes, as SQLFluff's `fail_str` is. Optional `year`, `template`, `deadline` (the
configuration key), `select` (default: the rule of the file), and `expect`: a list of tables with
the keys to compare (code, line, column, section, table, cell, severity, expected, actual,
message_contains). `expect = []` means the rule must stay silent. Order does not matter; each
expected finding must match a distinct actual one, and no other finding of the selected rules
may appear (unless `exhaustive = false`).

Rules across years (RL6xx) take last year's report too: `previous` (its text), `previous_file`
or `previous_base`, with `previous_replace`, checked as `--previous` does; `replace` also patches
a `file` (a real report with a carry-over changed, its years moved on).
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from report_lint import registry
from report_lint.lint import lint_source, Options
from report_lint.read import Source

from conftest import EXAMPLES

CASES = Path(__file__).parent / "cases"
BASES = CASES / "base"


def case_text(case: dict, prefix: str = "") -> str:
    """The report a case lints: its own text, a file of examples/, or a base report, patched by
    `replace`. With ``prefix="previous_"``: last year's report of a rule across years
    (`previous` is its text, `previous_file`, `previous_base`, `previous_replace`)."""
    if prefix + "file" in case:
        text = (EXAMPLES / case[prefix + "file"]).read_text(encoding="utf-8")
    elif prefix + "base" in case:
        text = (BASES / f"{case[prefix + 'base']}.txt").read_text(encoding="utf-8")
    else:
        return case["text"] if not prefix else case[prefix.rstrip("_")]
    for old, new in case.get(prefix + "replace", []):
        assert text.count(old) == 1, f"{prefix}replace: {old!r} is not found exactly once"
        text = text.replace(old, new)
    return text


def _load():
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data.get("case", [])):
            yield pytest.param(path.stem, case, id=f"{path.stem}[{case.get('name', i)}]")


def _matches(exp: dict, f) -> bool:
    d = f.to_dict()
    for k, v in exp.items():
        if k == "message_contains":
            if v not in f.message:
                return False
        elif d.get(k) != v:
            return False
    return True


def _deadline(case) -> dict:
    """`deadline = "01-15"` or a table per kind of reporter, read as the configuration reads it."""
    if "deadline" not in case:
        return {}
    from report_lint.config import parse
    return parse({"deadline": case["deadline"]}, "case.toml").deadline


@pytest.mark.parametrize("stem,case", list(_load()))
def test_case(stem, case):
    code = stem.split("_", 1)[0].upper()
    text = case_text(case)
    rules = registry.select(case.get("select", [code]), case.get("ignore"))
    opts = Options(year=case.get("year"), template=case.get("template"), deadline=_deadline(case))
    result = lint_source(Source("case.txt", text, "utf-8"), opts, rules)
    if any(k in case for k in ("previous", "previous_file", "previous_base")):
        from report_lint import years

        prev = lint_source(Source("previous.txt", case_text(case, "previous_"), "utf-8"), Options(),
                           registry.all_rules())
        years.cross_check([result], lambda r: (rules, {}), prev)
    remaining = list(result.findings)
    for exp in case["expect"]:
        hit = next((f for f in remaining if _matches(exp, f)), None)
        assert hit is not None, f"expected {exp}, got {[f.to_dict() for f in result.findings]}"
        remaining.remove(hit)
    if case.get("exhaustive", True):
        assert not remaining, f"unexpected findings: {[f.to_dict() for f in remaining]}"


def test_every_rule_has_cases():
    stems = {p.stem.split("_", 1)[0].upper() for p in CASES.glob("*.toml")}
    missing = [r.code for r in registry.all_rules() if r.code not in stems]
    assert not missing, f"rules without a case file in tests/cases/: {missing}"


def test_every_case_file_has_a_failing_and_a_passing_case():
    for path in CASES.glob("*.toml"):
        cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
        assert any(c["expect"] for c in cases), f"{path.name}: no case where the rule fires"
        assert any(not c["expect"] for c in cases), f"{path.name}: no case where the rule stays silent"


def test_base_reports_are_clean():
    """The reports the cases patch hold no structure, table or prose defect: what a case finds,
    its replacements put there."""
    for path in BASES.glob("*.txt"):
        result = lint_source(Source(path.name, path.read_text(encoding="utf-8"), "utf-8"), Options(),
                             registry.all_rules())
        bad = [f.to_dict() for f in result.findings if f.code[:3] in ("RL1", "RL2", "RL3")]
        assert not bad, f"{path.name}: {bad}"
