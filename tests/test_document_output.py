"""Where a finding stands in a document, in every output format; `report-lint text`."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT
from report_lint.cli import cli

DATA = ROOT / "tests" / "data"
DOCX = DATA / "docx-001.docx"
HTML = DATA / "documents" / "003.html"
CELL = "第 2 个表格第 1 行第 1 列"          # 表三's empty-table finding: the corner cell of the 2nd table


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)
    for var in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "GITHUB_ACTIONS"):
        monkeypatch.delenv(var, raising=False)


def test_json_and_json_lines_carry_the_place():
    doc = json.loads(run("--format", "json", "--isolated", DOCX, HTML).stdout)
    for f in doc["files"]:
        assert f["findings"] and all(x["place"] for x in f["findings"]), f["path"]
    t3 = next(x for x in doc["files"][0]["findings"] if x["code"] == "RL108" and x["table"] == "三")
    assert t3["place"] == {"table_no": 2, "row": 1, "column": 1}
    lines = [json.loads(x) for x in run("--format", "json-lines", "--isolated", DOCX).stdout.splitlines()]
    assert all(x["place"] for x in lines)


@pytest.mark.parametrize("fmt", ["full", "concise", "junit", "gitlab", "github"])
def test_text_formats_name_the_place_in_chinese(fmt):
    out = run("--format", fmt, "--isolated", DOCX).stdout
    assert CELL in out and "第 1 段" in out


def test_concise_appends_it_in_brackets():
    line = next(x for x in run("--format", "concise", "--isolated", DOCX).stdout.splitlines() if "表三没有" in x)
    assert line.endswith(f" [{CELL}]")


def test_junit_stays_parseable():
    ET.fromstring(run("--format", "junit", "--isolated", DOCX, HTML).stdout)


def test_sarif_logical_location_and_schema():
    doc = json.loads(run("--format", "sarif", "--isolated", DOCX, HTML).stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(doc))
    assert not errors, errors[0]
    results = doc["runs"][0]["results"]
    assert results and all(r["locations"][0]["logicalLocations"][0]["name"] for r in results)
    assert all(r["properties"]["place"] for r in results)
    assert any(r["locations"][0]["logicalLocations"][0]["name"] == CELL for r in results)


def test_text_command_prints_what_the_lines_refer_to():
    text = run("text", DOCX).stdout
    finding = next(x for x in json.loads(run("--format", "json", "--isolated", DOCX).stdout)["files"][0]["findings"]
                   if x["code"] == "RL108" and x["table"] == "三")
    line = text.splitlines()[finding["line"] - 1]
    assert line[finding["column"] - 1:].startswith("（本列数据的勾稽关系为")
    numbered = run("text", "-n", DOCX).stdout.splitlines()
    assert numbered[finding["line"] - 1].lstrip().startswith(f"{finding['line']}  | （本列数据")


def test_text_command_on_a_bad_document_is_one_line(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04garbage")
    r = CliRunner().invoke(cli, ["text", str(bad)])
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and "坏.docx" in r.stderr


def test_extract_gives_each_cell_its_place_in_the_document():
    recs = json.loads(run("extract", DATA / "documents" / "052.docx").stdout)
    cell = next(r for r in recs if r["table"] == "三" and r["row"] == "一、本年新收政府信息公开申请数量"
                and r["column"] == "自然人")
    assert cell["place"] == {"table_no": 2, "row": 4, "column": 4}      # the official grid: row 4, column 4
    assert all(r.get("place") for r in recs)
    assert "place" not in json.loads(run("extract", DATA / "documents" / "052.txt").stdout)[0]
