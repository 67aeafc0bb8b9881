"""Configuration end to end through the CLI: discovery (closest file wins), select / ignore /
severity / per-file-ignores / year, --config and --isolated, `report-lint config`, baselines,
and broken files (exit 2, one line naming the file and the key)."""
import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import seed
from report_lint.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def codes(result):
    doc = json.loads(result.stdout)
    return [(x["code"], x["severity"]) for f in doc["files"] for x in f["findings"]]


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    shutil.copy(seed("001"), tmp_path / "r001.txt")      # 3 × RL107 error
    shutil.copy(seed("000"), tmp_path / "r000.txt")      # RL101, RL107, RL108
    return tmp_path


def test_select_in_report_lint_toml(work):
    (work / "report-lint.toml").write_text('select = ["RL101"]\n', encoding="utf-8")
    r = run("--format", "json", "r000.txt")
    assert {c for c, _ in codes(r)} == {"RL101"} and r.exit_code == 1


def test_ignore_by_name_in_pyproject(work):
    (work / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.report-lint]\nignore = ["table-missing"]\n',
                                         encoding="utf-8")
    r = run("--format", "json", "r001.txt")
    assert codes(r) == [] and r.exit_code == 0
    # the command line is a later layer: --extend-select brings the rule back
    assert {c for c, _ in codes(run("--format", "json", "--extend-select", "RL107", "r001.txt"))} == {"RL107"}
    # and a command-line --select starts afresh
    assert {c for c, _ in codes(run("--format", "json", "--select", "RL1", "r001.txt"))} == {"RL107"}


def test_pyproject_without_section_is_skipped_and_closest_file_wins(work):
    (work / "report-lint.toml").write_text('ignore = ["RL107"]\n', encoding="utf-8")
    sub = work / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")   # no [tool.report-lint]
    deeper = sub / "deeper"
    deeper.mkdir()
    (deeper / "report-lint.toml").write_text('select = ["RL107"]\n', encoding="utf-8")
    (deeper / ".report-lint.toml").write_text('select = ["RL108"]\n', encoding="utf-8")  # beats report-lint.toml
    shutil.copy(seed("000"), sub / "a.txt")
    shutil.copy(seed("000"), deeper / "b.txt")
    doc = json.loads(run("--format", "json", "r000.txt", "sub").stdout)
    by_file = {f["path"].replace("\\", "/"): {x["code"] for x in f["findings"]} for f in doc["files"]}
    assert by_file == {"r000.txt": {"RL101", "RL108"}, "sub/a.txt": {"RL101", "RL108"},
                       "sub/deeper/b.txt": {"RL108"}}


def test_explicit_config_and_isolated(work, tmp_path_factory):
    (work / "report-lint.toml").write_text('ignore = ["RL1"]\n', encoding="utf-8")
    other = tmp_path_factory.mktemp("cfg") / "custom.toml"
    other.write_text('select = ["RL108"]\n', encoding="utf-8")
    assert codes(run("--format", "json", "r000.txt")) == []
    assert {c for c, _ in codes(run("--format", "json", "--config", other, "r000.txt"))} == {"RL108"}
    assert {c for c, _ in codes(run("--format", "json", "--isolated", "r000.txt"))} == {"RL101", "RL107", "RL108"}


def test_severity_override_and_fail_on(work):
    (work / "report-lint.toml").write_text('[severity]\nRL107 = "warning"\n', encoding="utf-8")
    r = run("--format", "json", "r001.txt")
    assert codes(r) == [("RL107", "warning")] * 3 and r.exit_code == 0
    assert run("--format", "json", "--fail-on", "warning", "r001.txt").exit_code == 1
    (work / "report-lint.toml").write_text('fail-on = "warning"\n[severity]\ntable-missing = "info"\n',
                                           encoding="utf-8")
    r = run("--format", "json", "r001.txt")
    assert codes(r) == [("RL107", "info")] * 3 and r.exit_code == 0
    assert run("--format", "json", "--fail-on", "info", "r001.txt").exit_code == 1


def test_per_file_ignores(work):
    (work / "archive").mkdir()
    shutil.copy(seed("001"), work / "archive" / "old.txt")
    (work / "report-lint.toml").write_text('[per-file-ignores]\n"archive/*" = ["table-missing"]\n"r0*.txt" = ["RL108"]\n',
                                           encoding="utf-8")
    doc = json.loads(run("--format", "json", ".").stdout)
    by_file = {f["path"].replace("\\", "/").removeprefix("./"): {x["code"] for x in f["findings"]} for f in doc["files"]}
    assert by_file == {"archive/old.txt": set(), "r000.txt": {"RL101", "RL107"}, "r001.txt": {"RL107"}}


def test_year_and_template_from_config(work):
    (work / "report-lint.toml").write_text('year = 2017\n', encoding="utf-8")
    doc = json.loads(run("--format", "json", "r001.txt").stdout)
    f = doc["files"][0]
    assert (f["year"], f["template"]) == (2017, "pre2019")
    assert [x["code"] for x in f["findings"]] == ["RL401"]


def test_config_command_shows_resolved_settings(work):
    (work / "report-lint.toml").write_text('select = ["RL1"]\nignore = ["RL104"]\nfail-on = "warning"\n'
                                           '[severity]\nRL105 = "error"\n', encoding="utf-8")
    r = run("config", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["config-file"] == str(work / "report-lint.toml")
    assert doc["fail-on"] == "warning"
    rules = {x["code"]: x["severity"] for x in doc["rules"]}
    assert "RL104" not in rules and rules["RL105"] == "error" and all(c.startswith("RL1") for c in rules)
    text = run("config").stdout
    assert "config-file" in text and "RL105" in text


@pytest.mark.parametrize("content, key, word", [
    ('selekt = ["RL1"]\n', "selekt", "select"),                 # unknown key, with a suggestion
    ('select = ["RL999"]\n', "select", "RL999"),                # unknown selector
    ('ignore = "RL1', None, "TOML"),                           # not TOML at all
    ('fail-on = "sometimes"\n', "fail-on", "sometimes"),
    ('year = "2020"\n', "year", "2020"),
    ('[severity]\nRL101 = "fatal"\n', "severity.RL101", "fatal"),
    ('[per-file-ignores]\n"a/*" = "nope"\n', "per-file-ignores", "nope"),
    ('deadline = "1月31日"\n', "deadline", "1月31日"),
    ('deadline = "02-30"\n', "deadline", "02-30"),
    ('[deadline]\ncounty = "01-31"\n', "deadline.county", "county"),
    ('pair = "no"\n', "pair", "no"),
])
def test_broken_config_is_exit_2_in_one_line(work, content, key, word):
    (work / "report-lint.toml").write_text(content, encoding="utf-8")
    r = CliRunner().invoke(cli, ["--format", "json", "r001.txt"])
    assert r.exit_code == 2
    assert r.stdout == ""
    err = r.stderr.strip()
    assert "\n" not in err and "Traceback" not in err
    assert str(work / "report-lint.toml") in err and word in err
    if key:
        assert f"`{key}" in err


def test_broken_pyproject_section_names_the_table(work):
    (work / "pyproject.toml").write_text('[tool.report-lint]\nmax-warnings = -1\n', encoding="utf-8")
    r = CliRunner().invoke(cli, ["r001.txt"])
    assert r.exit_code == 2 and "[tool.report-lint].max-warnings" in r.stderr


def test_baseline_end_to_end(work):
    base = work / "report-lint-baseline.json"
    n = len(codes(run("--format", "json", "r001.txt", "r000.txt")))
    r = run("--format", "json", "--baseline", base, "--update-baseline", "r001.txt", "r000.txt")
    assert r.exit_code == 0 and codes(r) == []
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert len(entries) == n >= 6 and {e["path"] for e in entries} == {"r001.txt", "r000.txt"}
    # known findings no longer fail, even when the lines move
    text = (work / "r001.txt").read_text(encoding="utf-8")
    (work / "r001.txt").write_text("\n\n" + text, encoding="utf-8")
    r = run("--format", "json", "--baseline", base, "r001.txt", "r000.txt")
    assert r.exit_code == 0 and codes(r) == []
    assert json.loads(r.stdout)["summary"]["baselined"] == n
    # a new finding does
    (work / "r001.txt").write_text(text.replace("一、", "", 1), encoding="utf-8")
    r = run("--format", "json", "--baseline", base, "r001.txt")
    assert r.exit_code == 1 and [c for c, _ in codes(r)] == ["RL101"]   # only the new one
    # the baseline can come from the configuration
    (work / "report-lint.toml").write_text(f'baseline = "{base.name}"\n', encoding="utf-8")
    assert [c for c, _ in codes(run("--format", "json", "r001.txt"))] == ["RL101"]


def test_bad_baseline_is_exit_2(work):
    bad = work / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--baseline", str(bad), "r001.txt"])
    assert r.exit_code == 2 and "b.json" in r.stderr and "\n" not in r.stderr.strip()
    r = CliRunner().invoke(cli, ["--baseline", str(work / "none.json"), "r001.txt"])
    assert r.exit_code == 2 and "--update-baseline" in r.stderr
    r = CliRunner().invoke(cli, ["--update-baseline", "r001.txt"])
    assert r.exit_code == 2


def test_extend_layers_a_file_over_another(work):
    (work / "base.toml").write_text('select = ["RL1"]\nignore = ["RL107"]\nfail-on = "warning"\n'
                                    '[per-file-ignores]\n"team/old-*.txt" = ["RL108"]\n', encoding="utf-8")
    team = work / "team"
    team.mkdir()
    (team / "report-lint.toml").write_text('extend = "../base.toml"\nextend-select = ["RL107"]\n', encoding="utf-8")
    shutil.copy(seed("000"), team / "r000.txt")
    shutil.copy(seed("000"), team / "old-000.txt")
    shutil.copy(seed("000"), work / "top.txt")
    (work / "report-lint.toml").write_text('extend = "base.toml"\n', encoding="utf-8")
    doc = json.loads(run("--format", "json", "team", "top.txt").stdout)
    by_file = {f["path"].replace("\\", "/"): {x["code"] for x in f["findings"]} for f in doc["files"]}
    assert by_file == {"team/old-000.txt": {"RL101", "RL107"},           # the base's glob, from the base's dir
                       "team/r000.txt": {"RL101", "RL107", "RL108"},     # RL107 back: a later layer
                       "top.txt": {"RL101", "RL108"}}                    # the base alone: RL107 ignored
    shown = json.loads(run("config", "--format", "json", "team").stdout)
    assert shown["extend"] == [str(work / "base.toml")] and shown["fail-on"] == "warning"
    assert shown["per-file-ignores"] == {"old-*.txt": ["RL108"]}
    assert {r["code"] for r in shown["rules"]} == {r.code for r in __import__("report_lint.registry").registry.all_rules()
                                                   if r.code.startswith("RL1")}


@pytest.mark.parametrize("files, word", [
    ({"report-lint.toml": 'extend = "a.toml"\n', "a.toml": 'extend = "report-lint.toml"\n'}, "extend cycle"),
    ({"report-lint.toml": 'extend = "nope.toml"\n'}, "nope.toml"),
    ({"report-lint.toml": 'extend = "a.toml"\n', "a.toml": 'ignore = 3\n'}, "a.toml"),
])
def test_broken_extend_is_exit_2(work, files, word):
    for name, content in files.items():
        (work / name).write_text(content, encoding="utf-8")
    r = CliRunner().invoke(cli, ["r001.txt"])
    assert r.exit_code == 2 and word in r.stderr and "\n" not in r.stderr.strip()
