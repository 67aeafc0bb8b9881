"""Fuzzing in the test suite (bounded: the whole file runs in well under a minute).

The property (fuzz/harness.py): for any input bytes and options, the linter returns findings or
a clean one-line input error — never an exception; every output format renders; `--format json`
is valid UTF-8 JSON; every position lies inside the original text; the same input gives the
same JSON. The same strategies run for hours in the standalone `fuzz/run.py`.
"""
import json

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import ROOT, fuzz_harness, run_cli

fuzz_harness()
from fuzz_harness import (HUGE, Case, arbitrary_text_bytes, cases, check_case, corpus,  # noqa: E402
                          mutated_report)

def FAST(n):
    return settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FAST(120)
@given(st.binary(max_size=800))
def test_arbitrary_bytes(workdir, data):
    check_case(Case(data), workdir)


@FAST(120)
@given(arbitrary_text_bytes())
def test_arbitrary_unicode(workdir, data):
    check_case(Case(data), workdir)


@FAST(50)
@given(mutated_report(scale=1))
@example("一、总体情况\n本年新收政府信息公开申请{}件，其中{}件已办结，占{}%。".format(HUGE, HUGE, HUGE).encode())
@example(("统计期限为2019年1月1日至2019年12月31日。\n" + "一、" * 5000).encode())
def test_mutated_reports(workdir, data):
    check_case(Case(data), workdir, determinism=True)


@FAST(100)
@given(cases(scale=1))
def test_mutated_reports_with_options(workdir, case):
    check_case(case, workdir)


@FAST(6)
@given(mutated_report(scale=1))
def test_through_the_cli_json_is_always_valid(tmp_path_factory, data):
    """The real command line: exit 0/1/2, JSON on stdout whatever happens, no traceback."""
    d = tmp_path_factory.mktemp("cli")
    f = d / "r.txt"
    f.write_bytes(data)
    p = run_cli("--format", "json", f)
    assert p.returncode in (0, 1, 2)
    assert b"Traceback" not in p.stderr
    doc = json.loads(p.stdout.decode("utf-8"))
    assert len(doc["files"]) == 1
    assert (p.returncode == 2) == bool(doc["files"][0]["error"])
    assert "internal error" not in (doc["files"][0]["error"] or "")


# --- regressions found by the fuzzer ----------------------------------------------------------

def test_huge_numbers_in_prose(workdir):
    """10**400 parsed as a float is inf; `int(inf)` raised OverflowError in numbers.is_count."""
    text = corpus()[0]
    import re
    data = re.sub(r"\d+", HUGE, text).encode()
    res, _, _ = check_case(Case(data), workdir)
    assert res.error is None


def test_thousands_of_table_rows(workdir):
    """A row repeated 3,000 times: linear (the loose-heading overlap test was quadratic)."""
    lines = corpus()[3].split("\n")
    i = next(k for k, ln in enumerate(lines) if any(ch.isdigit() for ch in ln) and "|" in ln)
    lines[i:i] = [lines[i]] * 3000
    res, _, _ = check_case(Case("\n".join(lines).encode()), workdir)
    assert res.error is None


def test_too_many_tokens_is_a_clean_input_error(workdir):
    """Millions of lines, table cells or numbers in the prose (a 10 MB dense line): a one-line
    input error, not gigabytes of tokens and minutes of parsing."""
    lines = corpus()[3].split("\n")
    i = next(k for k, ln in enumerate(lines) if any(ch.isdigit() for ch in ln) and "|" in ln)
    rows = lines[:i] + [lines[i]] * 40_000 + lines[i:]
    prose = corpus()[-1] + "\n" + "| 1 " * 120_000     # 120,000 numbers in one paragraph (843 MB at 10 MB)
    for data in ("一、总体情况\n" + "第一行\n" * 120_000, "\n".join(rows), prose):
        res, _, _ = check_case(Case(data.encode()), workdir, all_formats=False)
        assert res.error and "too many" in res.error, res.error


def test_collapsed_run_with_a_decimal_point_under_a_total():
    """`99.5` at the end of a collapsed row whose last cell is a total: the casting-out-nines
    shortcut called int() on it (ValueError). Found by the 30-minute fuzz run."""
    from report_lint.split import Chunk, split

    assert split([Chunk("12399.5", False)], ["int"] * 3, [(2, (0, 1))]).splits == []
    assert split([Chunk("1-2399", False)], ["int"] * 3, [(2, (0, 1))]).splits == []
    got = split([Chunk("12315", False)], ["int"] * 3, [(2, (0, 1))]).splits
    assert [[p.text for p in s] for s in got] == [["12", "3", "15"]]


def test_split_search_budget_is_shared_by_a_table(workdir):
    """26 collapsed garbage rows each spent the full per-split node budget (1.7 s for 9 KB,
    found by the fuzz run); a table now shares one budget, so the whole search is bounded."""
    from report_lint import split as split_mod
    import report_lint.tables as tables

    spent = []
    real = tables.split

    def counting(*a, **k):
        res = real(*a, **k)
        spent.append(res.nodes)
        return res

    tables.split = counting
    try:
        data = (ROOT / "tests" / "data" / "fuzz" / "slow-collapsed-rows.bin").read_bytes()
        check_case(Case(data, template="2019"), workdir)
    finally:
        tables.split = real
    assert len(spent) > 20
    assert sum(spent) <= 3 * (tables.TABLE_BUDGET + split_mod.DEFAULT_BUDGET)   # 表二, 表三, 表四



def test_a_huge_cell_is_quoted_by_its_start(workdir):
    """A 10 MB digit run read as one unreadable cell was quoted whole in RL206's message and
    `actual`: every format carried 10 MB, and `full` took 1.8 s to wrap it (found by the 30-minute
    fuzz run). Quotes are now clipped, so output stays small whatever the input."""
    from fuzz_harness import render

    lines = corpus()[-1].split("\n")                   # examples/clean-2021.txt: a cell per line
    lines[lines.index("规章") + 2] = "0123456789" * 30_000       # 表二「规章」×「本年制发件数」
    res, _, _ = check_case(Case("\n".join(lines).encode()), workdir, all_formats=False)
    assert any(f.code == "RL206" for f in res.findings)
    for f in res.findings:
        assert len(f.message) <= 1000 and "0123456789" * 10 not in f.message
        assert not isinstance(f.actual, str) or len(f.actual) <= 200
    assert len(render([res], "full")) < 50_000


def test_clip_message():
    from report_lint.rule import MAX_QUOTE, clip_message

    msg = clip_message("表三的「" + "9" * 500 + "」不是数字，正文写“" + "一" * 300 + "”。")
    assert msg.startswith("表三的「9999") and "…（共500字）」不是数字" in msg and "…（共300字）”。" in msg
    assert len(msg) < 2 * MAX_QUOTE + 40
    assert clip_message("「" * 5000).endswith("…（共5000字）")       # no closing quote: the length cap
    assert clip_message("短消息「原文」") == "短消息「原文」"


def test_fuzzer_copies_stay_bounded():
    """Copying a 10 MB line 10,000 times asked the fuzzer for 100 GB (a worker was OOM-killed in
    the 30-minute run): copies are capped at about 2 MB × scale of new text."""
    from fuzz_harness import _copies

    assert _copies("x" * 10_000_000, 10_000, 10) == 1
    assert _copies("x" * 1_000_000, 10_000, 10) == 19
    assert _copies("一行", 500, 1) == 500
