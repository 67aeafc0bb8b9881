"""The command line end to end: exit codes, JSON shape, stdin, directories, bad input."""
import json

from conftest import EXAMPLES, seed


def test_seed_001_exit_1_and_json_shape(cli):
    p = cli("--format", "json", seed("001"))
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    f = doc["files"][0]
    assert set(f) >= {"path", "encoding", "script", "year", "template", "error", "findings"}
    assert f["script"] == "simplified" and f["year"] == 2019 and f["template"] == "2019" and f["error"] is None
    codes = sorted((x["code"], x["table"]) for x in f["findings"] if x["severity"] == "error" and x["code"].startswith("RL1"))
    assert sorted(codes, key=lambda c: "二三四".index(c[1])) == [("RL107", "二"), ("RL107", "三"), ("RL107", "四")]
    for x in f["findings"]:
        assert set(x) >= {"code", "name", "severity", "message", "line", "column", "end_line", "end_column", "section", "table"}
    assert set(doc["summary"]) >= {"files", "errors", "warnings", "infos"}


def test_clean_example_exits_0(cli):
    p = cli(EXAMPLES / "clean-2021.txt")
    assert p.returncode == 0, p.stdout.decode()


def test_clean_example_says_what_examples_readme_says(cli):
    """examples/README.md: no error or warning, one note (RL408) — and the note says what to do."""
    doc = json.loads(cli("--format", "json", EXAMPLES / "clean-2021.txt").stdout)
    found = doc["files"][0]["findings"]
    assert [(f["code"], f["severity"]) for f in found] == [("RL408", "info")]
    assert "建议" in found[0]["message"] and "未能核实" not in found[0]["message"]
    row = next(l for l in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines()
               if l.startswith("| `clean-2021.txt`"))
    assert "no error or warning, exit 0; one note (RL408)" in row


def test_stdin(cli):
    p = cli("--format", "json", "-", input=seed("001").read_bytes())
    assert p.returncode == 1
    assert json.loads(p.stdout)["files"][0]["path"] == "-"


def test_directory_is_walked_recursively(cli, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(seed("001").read_bytes())
    (tmp_path / "b.md").write_bytes((EXAMPLES / "clean-2021.txt").read_bytes())
    (tmp_path / "ignored.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README.md").write_text("# 说明\n本目录存放年度报告。\n", encoding="utf-8")
    p = cli("--format", "json", tmp_path)
    doc = json.loads(p.stdout)
    assert sorted(f["path"].rsplit("/", 1)[1] for f in doc["files"]) == ["a.txt", "b.md"]
    assert p.returncode == 1


def test_unreadable_file_is_exit_2_and_batch_goes_on(cli, tmp_path):
    missing = tmp_path / "nope.txt"
    p = cli("--format", "concise", missing, seed("001"))
    assert p.returncode == 2
    out = p.stdout.decode()
    assert "nope.txt" in out and "RL107" in out
    assert "Traceback" not in p.stderr.decode()


def test_empty_and_binary_files_are_input_errors(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    for f, word in ((empty, "空"), (binary, "二进制")):
        p = cli("--format", "concise", f)
        assert p.returncode == 2
        line = [l for l in p.stdout.decode().splitlines() if str(f.name) in l]
        assert len(line) == 1 and word in line[0]


def test_usage_error_is_exit_2(cli):
    assert cli("--no-such-option", seed("001")).returncode == 2
    assert cli("--select", "RL999", seed("001")).returncode == 2
    assert cli().returncode == 2


def test_select_and_ignore(cli):
    p = cli("--format", "json", "--select", "RL1", "--ignore", "table-missing", seed("001"))
    codes = {f["code"] for f in json.loads(p.stdout)["files"][0]["findings"]}
    assert "RL107" not in codes
    assert p.returncode == 0


def test_rules_and_rule(cli):
    p = cli("rules", "--format", "json")
    rows = json.loads(p.stdout)
    assert any(r["code"] == "RL101" and r["name"] == "section-missing" for r in rows)
    p = cli("rule", "section-missing")
    assert p.returncode == 0 and "RL101" in p.stdout.decode() and "Bad" in p.stdout.decode()
    assert cli("rule", "nope").returncode == 2


def test_full_format_caret_under_chinese(cli):
    from report_lint.formats.full import caret_line
    line = "一、总体情况2019年"
    # column 3 (总) sits after two double-width characters: four cells of padding
    assert caret_line(line, 3, 7) == "    " + "^" * 8
