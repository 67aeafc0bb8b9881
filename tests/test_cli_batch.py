"""Batches: many files and directories in one run, --jobs, input order, the closing summary,
an unreadable or crashing file reported while the rest are still checked; the exit policy."""
import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT, SEEDS, seed
from report_lint import batch
from report_lint.cli import cli, exit_code
from report_lint.lint import Options
from report_lint.registry import all_rules


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_batch_order_is_input_order_with_workers(tmp_path):
    paths = []
    for i in range(24):    # enough for the progress bar path, names out of scheduling order
        src = seed("003") if i % 3 == 0 else seed("001") if i % 3 == 1 else EXAMPLES / "clean-2021.txt"
        p = tmp_path / f"{23 - i:02d}.txt"
        shutil.copy(src, p)
        paths.append(str(p))
    tasks = [(p, Options(), list(all_rules())) for p in paths]
    one = batch.run(tasks, jobs=1)
    two = batch.run(tasks, jobs=2, progress=True)
    assert [r.path for r in two] == paths
    assert [r.to_dict() for r in one] == [r.to_dict() for r in two]
    # a batch keeps the findings and their source lines, not the models (memory of 1,000 reports)
    assert all(r.report is None for r in one + two)
    assert all(r.lines or not r.findings for r in one + two)


def test_workers_keep_each_files_own_options_and_rules(tmp_path):
    """A config file may differ per directory, so neighbouring files may have other options and
    rules: the workers take files in chunks, and no file is checked with its neighbour's."""
    rules = list(all_rules())
    structure = [r for r in rules if r.code.startswith("RL1")]
    tasks = []
    for i in range(40):
        p = tmp_path / f"{i:02d}.txt"
        shutil.copy(seed("003"), p)
        tasks.append((str(p), Options(year=2020) if i % 5 == 0 else Options(), structure if i % 2 else rules))
    one = batch.run(tasks, jobs=1)
    two = batch.run(tasks, jobs=2)
    assert [r.to_dict() for r in one] == [r.to_dict() for r in two]
    assert all(f.code.startswith("RL1") for r in two[1::2] for f in r.findings)
    assert all(any(not f.code.startswith("RL1") for f in r.findings) for r in two[0::2])
    assert {r.year for r in two[0::5]} == {2020} and 2020 not in {r.year for r in two[1::5]}


def test_unreadable_file_in_a_batch(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    r = run("--format", "json", "--isolated", "--jobs", "2", seed("001"), bad, tmp_path / "missing.txt", seed("003"))
    assert r.exit_code == 2
    files = json.loads(r.stdout)["files"]
    assert [f["path"] for f in files] == [str(seed("001")), str(bad), str(tmp_path / "missing.txt"), str(seed("003"))]
    assert [bool(f["error"]) for f in files] == [False, True, True, False]
    assert files[0]["findings"] and json.loads(r.stdout)["summary"]["unreadable"] == 2


def _boom(path, opts, rules):
    if path.endswith("crash.txt"):
        raise RuntimeError("boom")
    return _real_lint_path(path, opts, rules)


def test_internal_error_in_a_worker_is_one_line_and_the_batch_goes_on(tmp_path, monkeypatch):
    global _real_lint_path
    import report_lint.lint as lint
    _real_lint_path = lint.lint_path
    shutil.copy(seed("001"), tmp_path / "crash.txt")
    monkeypatch.setattr(lint, "lint_path", _boom)      # inherited by the forked workers
    for jobs in ("1", "2"):
        r = run("--format", "concise", "--isolated", "--jobs", jobs, tmp_path / "crash.txt", seed("001"), seed("000"))
        assert r.exit_code == 2
        lines = r.stdout.splitlines()
        crash = [l for l in lines if "crash.txt" in l]
        assert len(crash) == 1 and "内部错误" in crash[0] and "RuntimeError: boom" in crash[0]
        assert sum("RL107" in l for l in lines) >= 4        # the other files were checked


def test_closing_summary():
    args = ("--isolated", SEEDS, EXAMPLES / "clean-2021.txt")
    doc = json.loads(run("--format", "json", *args).stdout)
    s = doc["summary"]
    with_errors = sum(1 for f in doc["files"] if any(x["severity"] == "error" for x in f["findings"]))
    assert s["files"] == 6 and s["files_with_errors"] == with_errors >= 2 and s["errors"] >= 8 and s["infos"] >= 1
    last = run("--format", "concise", *args).stdout.splitlines()[-1]
    assert last.startswith(f"检查了 6 个文件：{s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示。")
    assert f"有错误的文件 {with_errors} 个；最慢：" in last and "毫秒" in last


@pytest.mark.parametrize("summary, kw, code", [
    ({"errors": 0, "warnings": 0, "infos": 0, "unreadable": 0}, {}, 0),
    ({"errors": 1, "warnings": 0, "infos": 0, "unreadable": 0}, {}, 1),
    ({"errors": 0, "warnings": 5, "infos": 3, "unreadable": 0}, {}, 0),
    ({"errors": 0, "warnings": 5, "infos": 0, "unreadable": 0}, {"fail_on": "warning"}, 1),
    ({"errors": 0, "warnings": 0, "infos": 1, "unreadable": 0}, {"fail_on": "warning"}, 0),
    ({"errors": 0, "warnings": 0, "infos": 1, "unreadable": 0}, {"fail_on": "info"}, 1),
    ({"errors": 3, "warnings": 0, "infos": 0, "unreadable": 0}, {"fail_on": "never"}, 0),
    ({"errors": 0, "warnings": 3, "infos": 0, "unreadable": 0}, {"max_warnings": 3}, 0),
    ({"errors": 0, "warnings": 4, "infos": 0, "unreadable": 0}, {"max_warnings": 3}, 1),
    ({"errors": 0, "warnings": 4, "infos": 0, "unreadable": 0}, {"fail_on": "never", "max_warnings": 3}, 1),
    ({"errors": 9, "warnings": 9, "infos": 0, "unreadable": 0}, {"exit_zero": True, "max_warnings": 0}, 0),
    ({"errors": 0, "warnings": 0, "infos": 0, "unreadable": 1}, {"exit_zero": True}, 2),
    ({"errors": 2, "warnings": 0, "infos": 0, "unreadable": 1}, {"fail_on": "never"}, 2),
])
def test_exit_policy(summary, kw, code):
    assert exit_code(summary, **kw) == code


def test_exit_codes_end_to_end(cli, tmp_path):
    """True subprocesses: what a CI job sees."""
    assert cli("--format", "concise", seed("001")).returncode == 1
    assert cli("--format", "concise", "--exit-zero", seed("001"), tmp_path / "missing.txt").returncode == 2
    cfg = tmp_path / "c.toml"
    cfg.write_text('selectt = []\n', encoding="utf-8")
    p = cli("--config", cfg, seed("001"))
    assert p.returncode == 2 and p.stdout == b"" and len(p.stderr.decode().strip().splitlines()) == 1


def test_exit_options_through_the_cli(tmp_path):
    assert run("--format", "concise", "--exit-zero", seed("001")).exit_code == 0
    assert run("--format", "concise", "--fail-on", "info", seed("004")).exit_code == 1
    assert run("--format", "concise", "--fail-on", "never", seed("001")).exit_code == 0
    cfg = tmp_path / "c.toml"
    cfg.write_text('select = ["RL107"]\n[severity]\nRL107 = "warning"\n', encoding="utf-8")
    assert run("--config", cfg, "--format", "concise", "--max-warnings", "2", seed("001")).exit_code == 1
    assert run("--config", cfg, "--format", "concise", "--max-warnings", "3", seed("001")).exit_code == 0
    cfg.write_text('select = ["RL107"]\nmax-warnings = 2\n[severity]\nRL107 = "warning"\n', encoding="utf-8")
    assert run("--config", cfg, "--format", "concise", seed("001")).exit_code == 1


def test_a_directory_that_cannot_be_walked_keeps_its_place(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    shutil.copy(seed("000"), d / "a.txt")
    (d / "loop").symlink_to(d, target_is_directory=True)       # walked once, the loop is reported
    r = run("--format", "json", "--isolated", seed("001"), d, seed("003"))
    files = json.loads(r.stdout)["files"]
    assert [(f["path"].rsplit("/", 1)[-1], bool(f["error"])) for f in files] == [
        (seed("001").name, False), ("a.txt", False), ("loop", True), (seed("003").name, False)]
    assert r.exit_code == 2


def test_stdin_among_files_with_workers():
    args = ["--format", "json", "--isolated", seed("000"), "-", seed("003")]
    one = run("--jobs", "1", *args, input=seed("001").read_bytes())
    two = run("--jobs", "2", *args, input=seed("001").read_bytes())
    assert one.stdout == two.stdout
    files = json.loads(two.stdout)["files"]
    assert [f["path"] for f in files] == [str(seed("000")), "-", str(seed("003"))]
    assert [x["code"] for x in files[1]["findings"]].count("RL107") == 3


def test_no_files_found_is_a_warning(tmp_path):
    r = CliRunner().invoke(cli, ["--format", "concise", "--isolated", str(tmp_path)])
    assert r.exit_code == 0 and "no files found" in r.stderr
    assert r.stdout.startswith("检查了 0 个文件")


def _die(path, opts, rules):
    if path.endswith("die.txt"):
        import os
        os._exit(3)                      # the worker process vanishes
    return _real_lint_path(path, opts, rules)


def test_a_dying_worker_does_not_lose_the_batch_output(tmp_path, monkeypatch):
    global _real_lint_path
    import report_lint.lint as lint
    _real_lint_path = lint.lint_path
    shutil.copy(seed("001"), tmp_path / "die.txt")
    monkeypatch.setattr(lint, "lint_path", _die)
    r = run("--format", "json", "--isolated", "--jobs", "2", tmp_path / "die.txt", seed("001"))
    assert r.exit_code == 2
    files = json.loads(r.stdout)["files"]
    assert [f["path"] for f in files] == [str(tmp_path / "die.txt"), str(seed("001"))]
    assert "内部错误" in files[0]["error"]


@pytest.mark.parametrize("jobs,to", [("2", "group"), ("2", "parent"), ("1", "group")])
def test_ctrl_c_stops_a_batch_at_once(tmp_path, jobs, to):
    """Ctrl-C (SIGINT to the terminal's process group, or to report-lint alone) stops the batch
    within a second or two with `已中断` and exit 130. It used to freeze while the workers went
    through the whole batch, then exit 2 without a word."""
    import os
    import signal
    import subprocess
    import sys
    import time

    text = seed("002").read_text(encoding="utf-8") * 3
    for i in range(300):     # ~10 s of work for two workers: far longer than the wait below
        (tmp_path / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "report_lint", "-j", jobs, "--format", "concise", str(tmp_path)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    try:
        time.sleep(2.0)
        assert p.poll() is None, "the batch ended before it could be interrupted"
        sent = time.monotonic()
        if to == "group":
            os.killpg(p.pid, signal.SIGINT)
        else:
            p.send_signal(signal.SIGINT)
        err = p.communicate(timeout=30)[1].decode()
        took = time.monotonic() - sent
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130 and "已中断" in err and "Traceback" not in err
    assert took < 3.0
