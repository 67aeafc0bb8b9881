"""Errors the command line meets outside the reports (issue #11, items 5 and 9-11): each is one
line on standard error naming the file and the problem, exit code 2, never a traceback and never
"internal error"."""
import os

import pytest

from conftest import run_cli, seed

REPORT = seed("002")


def one_line_error(p, *expect):
    err = p.stderr.decode("utf-8", "replace")
    assert p.returncode == 2, (p.returncode, err)
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("report-lint: "), err
    for e in expect:
        assert e in lines[0], err
    return lines[0]


# --- 10. output errors are ordinary errors ----------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ("-o", "/dev/full", REPORT), ("--format", "json", "-o", "/dev/full", REPORT),
    ("extract", "-o", "/dev/full", REPORT), ("template", "--year", "2022", "-o", "/dev/full")])
def test_a_full_output_file(args):
    one_line_error(run_cli(*args), "/dev/full", "No space left")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    (REPORT,), ("--format", "sarif", REPORT), ("extract", REPORT), ("rules",), ("rule", "RL101"),
    ("config",), ("template", "--year", "2022"), ("--version",)])
def test_a_full_standard_output(args):
    import subprocess
    import sys

    with open("/dev/full", "wb") as full:
        p = subprocess.run([sys.executable, "-m", "report_lint", *map(str, args)], stdout=full,
                           stderr=subprocess.PIPE, cwd=REPORT.parent)
    one_line_error(p, "No space left")


def test_an_output_in_a_missing_directory(tmp_path):
    one_line_error(run_cli("-o", tmp_path / "no" / "out.txt", REPORT), "no/out.txt", "无法写入")


def test_a_closed_standard_input():
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "report_lint", "--format", "concise", "-"],
                       capture_output=True,
                       preexec_fn=lambda: os.close(0))
    out = p.stdout.decode()
    assert p.returncode == 2 and "internal error" not in out + p.stderr.decode(), out
    assert "标准输入已关闭" in out


# --- 11. usage errors are one line --------------------------------------------------------------

# (`report-lint` with no argument is no error line: it prints the commands, issue #14 item 11,
# tests/test_cli_docs.py)
@pytest.mark.parametrize("args", [("--bogus", REPORT), ("--format", "nope", REPORT),
                                  ("--config", "/", REPORT), ("rule", "XX999"),
                                  ("--update-baseline", REPORT)])
def test_usage_errors_are_one_line(args):
    one_line_error(run_cli(*args), "usage error")


# --- 5. a FIFO (or any non-regular file) as --config or --baseline --------------------------

@pytest.mark.parametrize("option", [("--config",), ("--baseline",), ("--baseline", "--update-baseline")])
def test_a_fifo_is_refused_not_opened(tmp_path, option):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    p = run_cli(option[0], fifo, *option[1:], REPORT)      # run_cli's timeout: a hang fails
    one_line_error(p, "fifo", "not a regular file")
    assert fifo.is_fifo()


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_device_is_refused(option):
    one_line_error(run_cli(option, "/dev/zero", REPORT), "/dev/zero", "not a regular file")


# --- 9. bounds on configuration and baseline files ------------------------------------------

@pytest.mark.parametrize("text, expect", [
    ("[" + ".".join(["a"] * 100_000) + "]\n", "nested too deeply"),
    ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ("a = " + "{b = " * 5_000 + "1" + "}" * 5_000 + "\n", "nested too deeply"),
    ("# " + "x" * (2 * 1024 * 1024) + "\n", "file too large"),
])
def test_a_configuration_out_of_bounds(tmp_path, text, expect):
    cfg = tmp_path / "report-lint.toml"
    cfg.write_text(text)
    one_line_error(run_cli("--config", cfg, REPORT), str(cfg), expect)
    one_line_error(run_cli(REPORT.resolve(), "--isolated", "--config", cfg), expect)


def test_dots_inside_strings_and_comments_are_no_depth(tmp_path):
    cfg = tmp_path / "report-lint.toml"
    cfg.write_text('# ' + "." * 100 + '\n[per-file-ignores]\n"' + "a." * 40 + 'txt" = ["RL1"]\n')
    p = run_cli("--config", cfg, "--format", "concise", REPORT)
    assert p.returncode == 1, p.stderr


@pytest.mark.parametrize("data, expect", [
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"findings": [{"path": [1], "code": "RL1", "fingerprint": "x"}]}', "not a report-lint baseline"),
    (b" " * (33 * 1024 * 1024), "file too large"),
])
def test_a_baseline_out_of_bounds(tmp_path, data, expect):
    base = tmp_path / "b.json"
    base.write_bytes(data)
    one_line_error(run_cli("--baseline", base, REPORT), str(base), expect)


def test_messages_go_where_the_readme_says(tmp_path):
    """A file that cannot be read is part of the output (standard output or the -o file); the
    run's own errors are one line on standard error."""
    missing = tmp_path / "missing.txt"
    p = run_cli("--format", "concise", missing, REPORT)
    assert p.returncode == 2 and f"{missing}: 错误 (error): 文件不存在" in p.stdout.decode()
    assert p.stderr == b""
    out = tmp_path / "out.txt"
    p = run_cli("--format", "concise", "-o", out, missing)
    assert f"{missing}: 错误 (error)" in out.read_text(encoding="utf-8")
    assert p.stdout == b"" and p.stderr.decode().startswith("检查了 1 个文件")
    one_line_error(run_cli("--baseline", tmp_path / "none.json", REPORT), "baseline file not found")


@pytest.mark.parametrize("cmd", [["extract", "--format", "csv"], ["summary", "--format", "csv"]])
def test_output_dash_is_standard_output_not_a_file_named_dash(tmp_path, cmd):
    """`-o -` is standard output for every command, as for check: extract and summary used to
    create a file named `-` (found by fuzz/cli.py, where that file was also an input)."""
    import subprocess
    import sys

    report = seed("002")
    p = subprocess.run([sys.executable, "-m", "report_lint", *cmd, "-o", "-", str(report)],
                       capture_output=True, cwd=tmp_path, timeout=120)
    assert p.returncode in (0, 1), p.stderr
    assert not (tmp_path / "-").exists()
    assert p.stdout.decode("utf-8-sig").count("\n") >= 1
