"""Every output format, produced on the seeds and checked: SARIF against the official 2.1.0
schema, GitHub annotations escaped, JUnit parseable, GitLab Code Quality shaped, JSON stable
across runs and across --jobs 1 / --jobs 2."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT, SEEDS, seed
from report_lint.cli import cli
from report_lint.findings import Finding
from report_lint.formats import github
from report_lint.lint import FileResult
from report_lint.model import Span

DATA = Path(__file__).parent / "data"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="module")
def seeds_json():
    return json.loads(CliRunner().invoke(cli, ["--format", "json", "--jobs", "1", "--isolated", str(SEEDS)]).stdout)


def test_sarif_validates_against_the_official_schema(tmp_path):
    missing = tmp_path / "missing.txt"
    r = run("--format", "sarif", "--isolated", SEEDS, missing)
    assert r.exit_code == 2                    # one input is missing: exit 2, the rest checked
    doc = json.loads(r.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, errors[0]
    run_ = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert {"RL101", "RL107"} <= {x["id"] for x in rules}
    for res in run_["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["partialFingerprints"]["reportLint/v1"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("examples/seeds/")
    assert len(run_["results"]) >= 8
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert "missing.txt" in run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    note_uri = run_["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert note_uri == {"uri": missing.as_uri()}                 # outside the current directory: a file: URI
    # a broken document is rejected by the same validator (the check can fail)
    bad = json.loads(r.stdout)
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(bad))


def test_sarif_fingerprints_are_stable_when_lines_shift(tmp_path):
    text = seed("001").read_text(encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text("\n\n\n" + text, encoding="utf-8")        # every finding moves three lines down

    def prints(p):
        doc = json.loads(run("--format", "sarif", "--isolated", p).stdout)
        return [(x["ruleId"], x["partialFingerprints"]["reportLint/v1"],
                 x["locations"][0]["physicalLocation"]["region"]["startLine"]) for x in doc["runs"][0]["results"]]

    pa, pb = prints(a), prints(b)
    assert [x[:2] for x in pa] == [x[:2] for x in pb]
    assert [x[2] + 3 for x in pa] == [x[2] for x in pb]
    assert len({x[1] for x in pa}) == len(pa)               # three RL107: three distinct prints


def test_github_annotation_escaping():
    f = Finding("RL999", "x-y", "warning", "100% 错误: a, b\nsecond line\r", Span(0, 1),
                line=3, column=2, end_line=3, end_column=5)
    res = FileResult("dir,1/a:b%.txt", findings=[f])
    import io
    out = io.StringIO()
    github.render([res], {"files": 1, "errors": 0, "warnings": 1, "infos": 0, "unreadable": 0}, out)
    line = out.getvalue()
    assert line == ("::warning file=dir%2C1/a%3Ab%25.txt,line=3,endLine=3,col=2,endColumn=5,"
                    "title=RL999 x-y::100%25 错误: a, b%0Asecond line%0D\n")
    assert line.count("\n") == 1


def test_github_format_on_seeds_and_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    r = run("--format", "github", "--isolated", SEEDS, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines and all(l.startswith(("::error ", "::warning ", "::notice ")) for l in lines)
    assert any(l.startswith("::error file=examples/seeds/001_") and "title=RL107 table-missing::" in l for l in lines)
    assert any(l.startswith("::notice ") for l in lines)        # info → notice
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("## report-lint")
    assert md.count("| examples/seeds/") == len(lines)         # every finding in the table


def test_junit_is_parseable(tmp_path, seeds_json):
    r = run("--format", "junit", "--isolated", SEEDS, tmp_path / "nope.txt")
    root = ET.fromstring(r.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == len(SEED_FILES) + 1
    n = sum(len(f["findings"]) for f in seeds_json["files"])
    assert int(root.get("failures")) == n == len(root.findall(".//failure"))
    assert len(root.findall(".//error")) == 1
    clean = [s for s in suites if s.get("failures") == "0" and s.get("errors") == "0"]
    assert all(len(s.findall("testcase")) == 1 for s in clean)


def test_gitlab_code_quality(seeds_json):
    issues = json.loads(run("--format", "gitlab", "--isolated", SEEDS).stdout)
    assert len(issues) == sum(len(f["findings"]) for f in seeds_json["files"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for i in issues:
        assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert i["location"]["path"].startswith("examples/seeds/") and i["location"]["lines"]["begin"] >= 1


def test_json_lines_matches_json(seeds_json):
    lines = run("--format", "json-lines", "--isolated", SEEDS).stdout.splitlines()
    objs = [json.loads(l) for l in lines]
    flat = [{"path": f["path"], **x} for f in seeds_json["files"] for x in f["findings"]]
    assert objs == flat


def test_json_is_stable_across_runs_and_jobs():
    args = ["--format", "json", "--isolated", SEEDS, EXAMPLES / "real", EXAMPLES / "clean-2021.txt"]
    one = run("--jobs", "1", *args).stdout
    two = run("--jobs", "2", *args).stdout
    again = run("--jobs", "2", *args).stdout
    assert one == two == again
    doc = json.loads(one)
    paths = [f["path"] for f in doc["files"]]
    assert paths == ([str(p) for p in SEED_FILES] + sorted(str(p) for p in (EXAMPLES / "real").glob("*.[tm][xd]*"))
                     + [str(EXAMPLES / "clean-2021.txt")])         # input order, whatever the scheduling
    assert all("fingerprint" in x for f in doc["files"] for x in f["findings"])


def test_concise_and_full(seeds_json):
    r = run("--format", "concise", "--isolated", seed("001"))
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"{seed('001')}:10:1: RL107 [error] ")
    assert lines[-1].startswith("检查了 1 个文件")
    r = run("--format", "full", "--isolated", seed("001"), "--jobs", "2")
    assert "RL107 错误" in r.stdout and "^" in r.stdout            # snippet and caret
    assert "二、" in r.stdout


def test_full_format_from_worker_results_shows_source_lines():
    """Results that crossed a process boundary have no model; the snippet still shows."""
    r = run("--format", "full", "--isolated", "--jobs", "2", seed("001"), seed("000"))
    assert r.stdout.count("  | ") >= 2 * 5 and "^" in r.stdout


def test_several_formats_in_one_run(tmp_path):
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    r = run("--format", "sarif", "-o", sarif, "--format", "junit", "-o", junit, "--format", "concise",
            "--isolated", seed("001"))
    assert r.exit_code == 1
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    ET.fromstring(junit.read_bytes())
    assert "RL107" in r.stdout and r.stdout.count("\n") == 4
    r = CliRunner().invoke(cli, ["--format", "sarif", "-o", str(sarif), "--isolated", str(seed("001"))])
    assert r.stdout == "" and r.stderr.startswith("检查了 1 个文件：")   # the closing summary, on stderr
    r = CliRunner().invoke(cli, ["--format", "json", "--format", "concise", str(seed("001"))])
    assert r.exit_code == 2 and "标准输出" in r.stderr


def test_statistics_and_quiet():
    r = run("--statistics", "--isolated", "--format", "concise", SEEDS)
    rows = [l.split() for l in r.stdout.splitlines()[:-1]]
    assert ["5", "RL107", "table-missing", "[error]"] in rows
    counts = [int(x[0]) for x in rows]
    assert counts == sorted(counts, reverse=True)
    assert r.stdout.splitlines()[-1].startswith("检查了 5 个文件")
    stats = json.loads(run("--statistics", "--isolated", "--format", "json", SEEDS).stdout)
    assert {"code": "RL107", "name": "table-missing", "severity": "error", "count": 5} in stats
    assert [[x["code"], str(x["count"])] for x in stats] == [[r[1], r[0]] for r in rows]
    q = run("-q", "--isolated", "--format", "concise", SEEDS)
    assert "检查了" not in q.stdout and q.stdout.count("RL107") == 5


def test_github_actions_default_and_the_documented_workflow_step(cli, tmp_path):
    """The lint step of docs/github-actions.md, run as written, in a fake workspace."""
    import re
    import shlex
    doc = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    step = re.search(r"^\s+run: (report-lint .*)$", doc, re.M).group(1)
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("001", "003"):
        (reports / f"{name}.txt").write_bytes(seed(name).read_bytes())
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary)}
    args = [a.replace("reports/", str(reports)).replace("report-lint.sarif", str(tmp_path / "r.sarif"))
            for a in shlex.split(step)[1:]]
    p = cli(*args, env=env)
    assert p.returncode == 1                                     # fails the job on errors
    out = p.stdout.decode()
    assert out.startswith("::error file=reports/001.txt,line=")  # workspace-relative paths
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    assert "reports/001.txt" in summary.read_text(encoding="utf-8")
    # without --format, a GitHub Actions log gets annotations too
    p = cli(reports / "001.txt", env=env)
    assert p.stdout.decode().startswith("::error file=reports/001.txt,")


def _unescape(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_escaping_round_trips():
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from("%:,\r\n a中%0A%25"), max_size=30),
           st.text(alphabet=st.sampled_from("%:,\r\n a中%0A%25"), max_size=30))
    def prop(message, prop_value):
        line = github.annotation("error", message, file=prop_value, title=prop_value)
        assert "\n" not in line and "\r" not in line
        head, _, body = line[len("::error "):].partition("::")
        props = dict(p.split("=", 1) for p in head.split(","))
        assert set(props) == {"file", "title"}
        assert _unescape(props["file"]) == prop_value == _unescape(props["title"])
        assert _unescape(body) == message

    prop()


def _under_carets(text_row: str, caret_row: str) -> str:
    """The characters of `text_row` the carets of `caret_row` stand under (by cell width)."""
    from rich.cells import cell_len
    cols = {i for i, ch in enumerate(caret_row) if ch == "^"}
    out, pos = [], 0
    for ch in text_row:
        if pos in cols:
            out.append(ch)
        pos += cell_len(ch)
    return "".join(out)


def test_full_marks_the_span_on_long_lines_and_wraps_by_width(monkeypatch):
    """A collapsed report is one line of thousands of characters: the whole flagged run is
    marked, the caret row stands under the row that holds it, message rows continue indented
    and no row starts with `；`."""
    import re
    monkeypatch.setenv("COLUMNS", "100")
    out = run("--format", "full", "--isolated", EXAMPLES / "real" / "058.txt").stdout.splitlines()
    runs = 0
    for k, line in enumerate(out):
        if line.lstrip().startswith(("；", "。", "，")):
            raise AssertionError(f"row starts with punctuation: {line!r}")
        if line.startswith("  | ") and set(line[4:]) <= {" ", "^", "\t"} and "^" in line:
            assert out[k - 1].startswith("  | ")
            shown = _under_carets(out[k - 1][4:], line[4:])
            head = next(l for l in reversed(out[:k]) if l.startswith(str(EXAMPLES)) or l.startswith("examples"))
            msg = out[out.index(head) + 1]
            m = re.search(r"数字连在一起（(\d[\d.]*)）", msg)
            if m:
                assert shown.startswith(m.group(1)), (shown, msg)   # (a unit may follow: 万元)
                runs += 1
    assert runs >= 5
    from rich.cells import cell_len
    for line in out:
        assert cell_len(line) <= 100 + 2 or line.startswith(("examples", str(EXAMPLES), "检查了")), line
    continued = [l for l in out if l.startswith("    ") and not l.startswith("  | ")]
    assert continued, "some message of 058.txt is wider than 100 cells and must continue indented"


def test_full_rows_unit():
    from report_lint.formats.full import source_rows, wrap
    line = "甲" * 300 + "8814314" + "乙" * 300
    rows = source_rows(line, 301, 308, 60)
    marked = [(t, c) for t, c in rows if c]
    assert len(marked) == 1 and _under_carets(*marked[0]) == "8814314"
    assert rows[0][0].startswith("…") and rows[-1][0].endswith("…")
    assert wrap("一二三；四", 6) == ["一二三；", "四"]                 # `；` stays on its row
    assert wrap("路径 examples/real/060.txt", 24) == ["路径 ", "examples/real/060.txt"]
    wide = source_rows("数" * 50, 10, 50, 20)                        # a span over several rows
    assert sum(c.count("^") for _, c in wide if c) == 80                 # 40 hanzi, two cells each


def test_summary_says_why_the_run_failed_and_what_is_no_report(tmp_path):
    other = tmp_path / "清单.txt"
    other.write_text("hello world\n这是一份购物清单。\n", encoding="utf-8")
    for fmt in ("concise", "full"):
        r = run("--format", fmt, "--isolated", "--max-warnings", "0", EXAMPLES / "real" / "060.txt")
        assert r.exit_code == 1 and "警告超过 --max-warnings 允许的 0 个，因此检查不通过" in r.stdout
        r = run("--format", fmt, "--isolated", "--max-warnings", "5", EXAMPLES / "real" / "060.txt")
        assert r.exit_code == 0 and "max-warnings" not in r.stdout
        r = run("--format", fmt, "--isolated", other, seed("003"))
        last = r.stdout.strip().splitlines()[-1]
        assert "1 个文件不是年度报告" in last and "无法读取" not in last
