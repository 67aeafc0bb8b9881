"""Robustness through the command line (issue #11, items 6-8): links between folders, UTF-16
without a byte-order mark, and output that stays bounded however many findings a file has."""
import json
import os
import re

import pytest

from conftest import run_cli, seed

REPORT = seed("002")


def _paths(p):
    return {f["path"]: f for f in json.loads(p.stdout)["files"]}


# --- 6. a link to a sibling folder is followed; only a cycle is a loop ----------------------

def test_a_link_to_a_sibling_folder_is_followed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "r.txt").write_bytes(REPORT.read_bytes())
    (tmp_path / "b" / "same").symlink_to("../a")
    p = run_cli("--format", "json", tmp_path)
    files = _paths(p)
    assert p.returncode == 1, p.stdout
    assert set(files) == {f"{tmp_path}/a/r.txt", f"{tmp_path}/b/same/r.txt"}
    assert all(f["error"] is None for f in files.values())


def test_only_a_link_to_an_enclosing_folder_is_a_loop(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "a" / "deep" / "r.txt").write_bytes(REPORT.read_bytes())
    (tmp_path / "a" / "deep" / "up").symlink_to("../..")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "cousin").symlink_to("../a/deep")
    files = _paths(p := run_cli("--format", "json", tmp_path))
    assert p.returncode == 2
    loops = sorted(k for k, f in files.items() if f["error"] and "symlink loop" in f["error"])
    assert loops == [f"{tmp_path}/a/deep/up", f"{tmp_path}/b/cousin/up"]
    assert files[f"{tmp_path}/b/cousin/r.txt"]["error"] is None


# --- 7. UTF-16 without a byte-order mark --------------------------------------------------------

@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, enc):
    text = REPORT.read_text(encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_bytes(text.encode(enc))
    utf8 = json.loads(run_cli("--format", "json", REPORT).stdout)["files"][0]
    p = run_cli("--format", "json", f)
    got = json.loads(p.stdout)["files"][0]
    assert got["error"] is None and got["encoding"] == enc, got["error"]
    assert [(x["code"], x["line"]) for x in got["findings"]] == [(x["code"], x["line"]) for x in utf8["findings"]]


def test_gb18030_and_binary_are_not_taken_for_utf16(tmp_path):
    text = REPORT.read_text(encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 64)
    files = _paths(run_cli("--format", "json", gb, noise))
    assert files[str(gb)]["encoding"] == "gb18030"
    assert "binary" in files[str(noise)]["error"]


# --- 8. findings are capped per rule and file, so every format stays bounded ------------------

FORMATS = ["full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab"]


def test_findings_are_capped_per_rule_and_file(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT.read_text(encoding="utf-8") + "\n" + "日期202111日。" * 5000 + "\n", encoding="utf-8")
    args = []
    for fmt in FORMATS:
        args += ["--format", fmt, "-o", tmp_path / f"out.{fmt}"]
    p = run_cli(*args, f)
    assert p.returncode == 1, p.stderr
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    dates = [x for x in doc["files"][0]["findings"] if x["code"] == "RL501"]
    assert len(dates) == 101
    assert dates[-1]["omitted"] > 4900 and f"{dates[-1]['omitted']} more findings" in dates[-1]["message"]
    assert [x["line"] for x in dates] == sorted(x["line"] for x in dates)        # the first ones
    for fmt in FORMATS:
        assert (tmp_path / f"out.{fmt}").stat().st_size < 400_000, fmt
