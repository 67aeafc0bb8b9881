"""Checks across years through the command line: pairing in a batch, --previous, --no-pair,
the findings' `previous`, and `report-lint summary`.

The series are real reports: 平潭综合实验区 2021 → 2022 (examples/real/003, 004) as published,
and seven years of 宜春市 built from examples/clean-2021.txt by moving its years on and rolling
its carry-overs consistently (each year's 上年结转 is the year before's 结转下年度, the table and
the prose kept adding up), under file names that say nothing about agency or year.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, REAL
from report_lint.cli import cli

BASE = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
NAMES = ["q7.txt", "b2.txt", "x9.txt", "a4.txt", "m1.txt", "k5.txt", "c8.txt"]   # year 2021 + i
OVER, FORWARD = "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _set_row(text: str, label: str, values: list[int]) -> str:
    """Replace the 7 cells that follow ``label`` (one cell per line, as in clean-2021.txt)."""
    lines = text.split("\n")
    i = lines.index(label)
    k = 0
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            lines[j] = str(values[k])
            k += 1
            if k == 7:
                break
    return "\n".join(lines)


def year_report(i: int, over_shift: int = 0) -> str:
    """clean-2021.txt moved on by ``i`` years, carry-overs rolled: 上年结转 1 + 10i, 结转下年度
    11 + 10i (自然人 and 总计), the prose's figures with them. ``over_shift`` moves one application from 本年新收 to 上年结转 in
    the 自然人 column: the table and the prose still add up, only the carry-over is wrong."""
    text = re.sub(r"20\d\d(?=年)", lambda m: str(int(m.group()) + i), BASE)
    b, f = 1 + 10 * i + over_shift, 11 + 10 * i
    text = _set_row(text, OVER, [b, 0, 0, 0, 0, 0, b])
    text = _set_row(text, FORWARD, [f, 0, 0, 0, 0, 0, f])
    new = 530 - over_shift          # 一 + 二 = （七） + 四: both carry-overs grow alike
    text = _set_row(text, "一、本年新收政府信息公开申请数量", [new, 10, 9, 2, 2, 0, new + 23])
    text = text.replace("554件(含上一年结转1件)", f"{new + 23 + b}件(含上一年结转{b}件)")
    text = text.replace("自然人531件", f"自然人{new + b}件").replace("结转下一年11件", f"结转下一年{f}件")
    return text


def series(d, changed: int | None = None):
    d.mkdir(exist_ok=True)
    for i, name in enumerate(NAMES):
        (d / name).write_text(year_report(i, 1 if i == changed else 0), encoding="utf-8")
    return d


def findings(doc, code=None):
    return [(f["path"], x) for f in doc["files"] for x in f["findings"] if code is None or x["code"] == code]


def test_seven_years_pair_themselves_and_published_carryovers_raise_nothing(tmp_path):
    d = series(tmp_path / "s")
    r = run("--isolated", "--format", "json", "--jobs", "1", d)
    doc = json.loads(r.stdout)
    assert not findings(doc, "RL601") and not findings(doc, "RL605")
    assert not [x for _, x in findings(doc) if x["severity"] == "error"]    # the series is clean
    # every year but the first is paired with the year before: the copied text names it
    paired = {p: x["previous"] for p, x in findings(doc, "RL603")}
    by_year = {str(d / n): i for i, n in enumerate(NAMES)}
    assert {by_year[p]: by_year[q] for p, q in paired.items()} == {i: i - 1 for i in range(1, 7)}


def test_one_carryover_changed_is_one_error_naming_both_reports(tmp_path):
    d = series(tmp_path / "s", changed=4)
    doc = json.loads(run("--isolated", "--format", "json", d).stdout)
    errors = [(p, x) for p, x in findings(doc) if x["severity"] == "error"]
    assert len(errors) == 1
    path, f = errors[0]
    assert f["code"] == "RL601" and path == str(d / NAMES[4]) and f["previous"] == str(d / NAMES[3])
    assert str(d / NAMES[3]) in f["message"] and "“自然人”栏为 42" in f["message"]
    assert f["cell"] == {"row": OVER, "column": "自然人"} and (f["expected"], f["actual"]) == (41, 42)
    # the other formats name last year's report in the message
    concise = run("--isolated", "--format", "concise", "--select", "RL601", d).stdout
    assert concise.count("RL601") == 1 and str(d / NAMES[3]) in concise
    assert run("--isolated", "--select", "RL601", d).exit_code == 1


def test_jobs_do_not_change_the_cross_year_findings(tmp_path):
    d = series(tmp_path / "s", changed=2)
    outs = {run("--isolated", "--format", "json", "--jobs", j, d).stdout for j in (1, 2)}
    assert len(outs) == 1


def test_no_pair_and_config_turn_pairing_off(tmp_path, monkeypatch):
    d = series(tmp_path / "s", changed=4)
    assert not findings(json.loads(run("--isolated", "--format", "json", "--no-pair", d).stdout), "RL601")
    (tmp_path / "report-lint.toml").write_text("pair = false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert not findings(json.loads(run("--format", "json", "s").stdout), "RL601")


def test_two_candidates_pair_none_and_say_so(tmp_path):
    d = series(tmp_path / "s", changed=4)
    shutil.copy(d / NAMES[3], d / "zz-copy.txt")       # two reports of 2024
    doc = json.loads(run("--isolated", "--format", "json", d).stdout)
    assert not findings(doc, "RL601")
    notes = findings(doc, "RL605")
    assert [p for p, _ in notes] == [str(d / NAMES[4])]
    assert notes[0][1]["severity"] == "info" and "zz-copy.txt" in notes[0][1]["message"]


def test_previous_option_on_the_real_pair():
    r = run("--isolated", "--format", "json", "--select", "RL6", REAL / "004.txt", "--previous", REAL / "003.txt")
    assert r.exit_code == 0 and findings(json.loads(r.stdout)) == []      # published: consistent
    r = run("--isolated", "--format", "json", "--select", "RL6", REAL / "006.txt", "--previous", REAL / "011.txt")
    (path, f), = findings(json.loads(r.stdout))
    assert f["code"] == "RL605" and f["previous"] == str(REAL / "011.txt") and "不是相邻年度" in f["message"]


def test_unreadable_previous_is_exit_2_in_one_line(tmp_path):
    r = CliRunner().invoke(cli, ["--isolated", str(REAL / "004.txt"), "--previous", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2
    err = r.stderr.strip()
    assert "\n" not in err and "nope.txt" in err and "Traceback" not in err


def test_last_years_report_with_the_years_moved_on_scores_90(tmp_path):
    text = (REAL / "003.txt").read_text(encoding="utf-8")
    (tmp_path / "2022.txt").write_text(re.sub(r"20\d\d(?=年)", lambda m: str(int(m.group()) + 1), text),
                                       encoding="utf-8")
    r = run("--isolated", "--format", "json", "--select", "RL603", tmp_path / "2022.txt", "--previous", REAL / "003.txt")
    shares = {x["section"]: x["actual"] for _, x in findings(json.loads(r.stdout))}
    assert shares["一"] >= 90 and shares["五"] >= 90
    assert "第一部分有" in findings(json.loads(r.stdout))[0][1]["message"]


def test_baseline_accepts_cross_year_findings(tmp_path):
    d = series(tmp_path / "s", changed=4)
    base = tmp_path / "baseline.json"
    run("--isolated", "--baseline", base, "--update-baseline", d)
    r = run("--isolated", "--format", "json", "--baseline", base, d)
    assert r.exit_code == 0 and findings(json.loads(r.stdout)) == []


def test_summary_rows_with_pairs(tmp_path):
    d = series(tmp_path / "s")
    shutil.copy(REAL / "004.txt", d / "p2022.txt")
    shutil.copy(REAL / "003.txt", d / "p2021.txt")
    out = tmp_path / "summary.csv"
    r = run("summary", "--isolated", d, "-o", out)
    assert r.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                      # Excel on Chinese Windows reads UTF-8
    rows = json.loads(run("summary", "--isolated", "--format", "json", d).stdout)
    by = {r["path"].rsplit("/", 1)[1]: r for r in rows}
    assert by["p2022.txt"]["agency"] == "平潭综合实验区" and by["p2022.txt"]["year"] == 2022
    assert (by["p2022.txt"]["t3_new"], by["p2022.txt"]["t3_new_previous"], by["p2022.txt"]["t3_new_change"]) == (74, 70, 4)
    assert by["p2022.txt"]["previous"].endswith("p2021.txt") and by["p2021.txt"]["previous"] is None
    assert by["b2.txt"]["previous"].endswith("q7.txt") and by["b2.txt"]["t3_new_change"] == 0
    assert by["q7.txt"]["t3_carried_forward"] == 11 and by["q7.txt"]["warnings"] == 0
    header = raw.decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    assert header[:4] == ["文件", "机关", "年度", "格式"] and len(rows) == 9


def test_summary_of_an_unreadable_file_is_exit_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = CliRunner().invoke(cli, ["summary", "--isolated", "--format", "json", str(tmp_path)])
    assert r.exit_code == 2 and json.loads(r.stdout)[0]["error"]


def test_sarif_names_last_years_report_and_validates(tmp_path):
    import jsonschema

    from conftest import ROOT

    d = series(tmp_path / "s", changed=4)
    doc = json.loads(run("--isolated", "--format", "sarif", "--select", "RL601", d).stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    (res,) = doc["runs"][0]["results"]
    assert res["properties"]["previous"] == str(d / NAMES[3])
    assert res["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(NAMES[3])
