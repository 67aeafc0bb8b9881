"""Structure over the real corpus (examples/real, see its MANIFEST.tsv)."""
import csv

import pytest

from report_lint import registry
from report_lint.lint import Options, lint_path

from conftest import REAL

MANIFEST = list(csv.DictReader((REAL / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
RULES = registry.select(["RL1"], None)


def _lint(name):
    return lint_path(str(REAL / name), Options(), RULES)


@pytest.mark.parametrize("row", [r for r in MANIFEST if r["complete"] == "yes" and r["template"] != "pre2019"],
                         ids=lambda r: r["file"])
def test_complete_reports_have_all_sections(row):
    res = _lint(row["file"])
    assert res.template == row["template"] and res.year == int(row["report_year"])
    numbers = [s.number for s in res.report.sections]
    missing = {f.section for f in res.findings if f.code == "RL101"}
    if row["file"] == "010.md":  # its problems section starts at （一）… with no 五、 heading
        assert missing == {"五"}
    else:
        assert numbers == list("一二三四五六"), numbers
        assert not missing
    wording = [f.section for f in res.findings if f.code == "RL105"]
    # 004.txt's misspelt section-四 heading (MANIFEST: `header typo 行政法复议`) is its one RL105
    assert wording == (["四"] if "header typo" in row["notes"] else [])
    assert not [f for f in res.findings if f.code in ("RL102", "RL103")]


@pytest.mark.parametrize("row", [r for r in MANIFEST if r["complete"] == "excerpt"], ids=lambda r: r["file"])
def test_excerpts_get_their_missing_sections_named(row):
    res = _lint(row["file"])
    found = {s.number for s in res.report.sections}
    missing = {f.section for f in res.findings if f.code == "RL101"}
    cut = [f for f in res.findings if f.code == "RL112"]        # the excerpt stops mid-table
    assert len(cut) == 1 and "被截断" in cut[0].message
    missing |= set(cut[0].extra["sections"])
    assert missing and missing == set("一二三四五六") - found
    for f in res.findings:
        if f.code == "RL101":
            assert f.expected.startswith(f.section + "、")


def test_060_heading_without_dunhao_is_a_numbering_warning_only():
    res = _lint("060.txt")
    warn = [f for f in res.findings if f.code == "RL104"]
    assert len(warn) == 1 and warn[0].severity == "warning" and warn[0].section == "一"
    assert not [f for f in res.findings if f.severity == "error" and f.code in ("RL101", "RL102", "RL103")]


def test_pre2019_report_has_no_structure_findings():
    assert not _lint("011.txt").findings
