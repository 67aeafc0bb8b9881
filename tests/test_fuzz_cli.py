"""The command-line fuzzer (fuzz/cli.py) in the test suite: every saved scenario in
tests/data/fuzz/cli/ is replayed, and a short run of fresh scenarios checks the fuzzer itself.
A scenario passes when the run exits 0/1/2 with no traceback or internal error, every error on
standard error is one `report-lint: ` line, every output is valid for its format and no input
was written (fuzz/cli.py: check)."""
import json
import random

import pytest

from conftest import ROOT, fuzz_module

REGRESSIONS = sorted((ROOT / "tests" / "data" / "fuzz" / "cli").glob("*.json"))


def _fuzzer():
    return fuzz_module("cli")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_saved_scenario(path, tmp_path):
    s = json.loads(path.read_text())
    _fuzzer().check(s, tmp_path, full_schema=True)     # raises fuzz_cli.Failure


def test_fresh_scenarios(tmp_path):
    fz = _fuzzer()
    rnd = random.Random(11)
    codes = set()
    for i in range(40):
        s = fz.scenario(rnd)
        codes.add(fz.check(s, tmp_path, full_schema=i % 10 == 0)["code"])
    assert codes >= {1, 2}           # the scenarios reach findings and errors alike


def test_the_checker_catches_forged_output():
    fz = _fuzzer()
    with pytest.raises(fz.Failure):
        fz.validate("concise", "a.txt:1:1: RL101 [error] x\x1b[2J\n", False)
    with pytest.raises(fz.Failure):
        fz.validate("github", "::error file=a::x\nforged\n", False)
    with pytest.raises(Exception):
        fz.validate("junit", "<testsuites><testsuite>", False)
