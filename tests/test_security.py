"""Security properties, through the command line (issue #11): nothing report-lint reads back can
run code or redirect a write, it never writes one of its inputs, and no file name can forge a
line of its output."""
import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import run_cli, seed

REPORT = seed("002")     # a report with findings: exit code 1
UID = os.getuid()


def _env(tmp_path, cache=None):
    """A private temporary directory, home and cache for one run."""
    home = tmp_path / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {"TMPDIR": str(tmp_path), "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    env["REPORT_LINT_CACHE_DIR"] = str(cache or tmp_path / "cache")
    return env


def _payload(marker) -> bytes:
    """A pickle that runs a shell command when it is loaded."""
    return f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()


def _concise(p):
    assert "Traceback" not in p.stderr.decode("utf-8", "replace"), p.stderr
    return p.stdout.decode("utf-8")


# --- 1. caches ------------------------------------------------------------------------------

def test_a_planted_cache_never_runs_code(tmp_path):
    expected = _concise(run_cli("--isolated", "--format", "concise", REPORT, env=_env(tmp_path / "x")))
    marker = tmp_path / "pwned"
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    # the places older versions read: Lark's cache in the temporary directory, the pickled layout
    (tmp_path / f"report-lint-{UID}.lark-cache").write_bytes(b"0\n" + _payload(marker))
    for name in ("parser.json", "layout.json", "layout-0123456789abcdef.pickle"):
        (cache / name).write_bytes(_payload(marker))
    p = run_cli("--isolated", "--format", "concise", REPORT, env=_env(tmp_path))
    assert not marker.exists()
    assert _concise(p) == expected and p.returncode == 1


def test_a_planted_link_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    (tmp_path / f"report-lint-{UID}.lark-cache").symlink_to(victim)
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    for name in ("parser.json", "layout.json"):
        (cache / name).symlink_to(victim)
    p = run_cli("--isolated", "--format", "concise", REPORT, env=_env(tmp_path))
    assert p.returncode == 1, p.stderr
    assert victim.read_text() == "precious\n"
    for name in ("parser.json", "layout.json"):       # rebuilt as files of their own
        st = os.lstat(cache / name)
        assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600


def test_the_cache_is_private(tmp_path):
    cache = tmp_path / "deep" / "cache"
    p = run_cli("--isolated", "--format", "concise", REPORT, env=_env(tmp_path, cache))
    assert p.returncode == 1, p.stderr
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700
    assert sorted(os.listdir(cache)) == ["layout.json", "parser.json"]
    assert all(stat.S_IMODE(os.stat(cache / n).st_mode) == 0o600 for n in os.listdir(cache))
    assert not list(tmp_path.glob("report-lint-*"))     # nothing in the shared temporary directory


def test_a_directory_others_can_write_is_not_used(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    p = run_cli("--isolated", "--format", "concise", REPORT, env=_env(tmp_path))
    assert p.returncode == 1, p.stderr
    assert os.listdir(cache) == []


@pytest.mark.skipif(UID != 0, reason="needs root to give the directory to another user")
def test_another_users_directory_is_not_used(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    os.chown(cache, 65534, 65534)
    p = run_cli("--isolated", "--format", "concise", REPORT, env=_env(tmp_path))
    assert p.returncode == 1, p.stderr
    assert os.listdir(cache) == []


@pytest.mark.parametrize("damage", ["garbage", "wrong-type", "wrong-key", "huge-nesting", "bad-ref"])
def test_a_damaged_cache_is_rebuilt(tmp_path, damage):
    env = _env(tmp_path)
    cache = tmp_path / "cache"
    expected = _concise(run_cli("--isolated", "--format", "concise", REPORT, env=env))
    good = {n: (cache / n).read_bytes() for n in ("parser.json", "layout.json")}
    for name, data in good.items():
        doc = json.loads(data)
        if damage == "garbage":
            new = data[: len(data) // 2]
        elif damage == "wrong-type":
            new = json.dumps({"key": doc["key"], "value": [1, 2, 3]}).encode()
        elif damage == "wrong-key":
            new = json.dumps({"key": "0" * 24, "value": doc["value"]}).encode()
        elif damage == "huge-nesting":
            new = b'{"key": "%s", "value": ' % doc["key"].encode() + b"[" * 100000 + b"]" * 100000 + b"}"
        else:
            new = json.dumps({"key": doc["key"], "value": {"__t": "ref", "v": 99}}).encode()
        (cache / name).write_bytes(new)
    p = run_cli("--isolated", "--format", "concise", REPORT, env=env)
    assert _concise(p) == expected and p.returncode == 1
    for name, data in good.items():                                 # rewritten, whole
        assert json.loads((cache / name).read_bytes())["key"] == json.loads(data)["key"]


# --- 2. never write an input ----------------------------------------------------------------

def _copy(tmp_path, name="r.txt"):
    p = tmp_path / name
    p.write_bytes(REPORT.read_bytes())
    return p


def _refused(p, what):
    err = p.stderr.decode()
    assert p.returncode == 2 and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1 and "拒绝覆盖" in err and what in err, err


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "dotted"])
def test_the_baseline_update_never_overwrites_a_report(tmp_path, how):
    r = _copy(tmp_path)
    target = {"same": r, "symlink": tmp_path / "l.json", "hardlink": tmp_path / "h.json",
              "dotted": tmp_path / "." / "r.txt"}[how]
    if how == "symlink":
        target.symlink_to(r)
    elif how == "hardlink":
        os.link(r, target)
    _refused(run_cli("--baseline", target, "--update-baseline", r), str(target))
    assert r.read_bytes() == REPORT.read_bytes()


@pytest.mark.parametrize("how", ["symlink", "hardlink", "in-directory"])
def test_an_output_file_is_never_a_report(tmp_path, how):
    r = _copy(tmp_path)
    if how == "symlink":
        out, arg = tmp_path / "out.txt", r
        out.symlink_to(r)
    elif how == "hardlink":
        out, arg = tmp_path / "out.txt", r
        os.link(r, out)
    else:
        out, arg = r, tmp_path           # the report is found by walking the directory
    _refused(run_cli("--format", "json", "-o", out, arg), str(out))
    assert r.read_bytes() == REPORT.read_bytes()


def test_an_output_is_never_the_configuration_or_the_baseline(tmp_path):
    r = _copy(tmp_path)
    cfg = tmp_path / "report-lint.toml"
    cfg.write_text('select = ["RL1"]\n')
    _refused(run_cli("-o", cfg, r), str(cfg))                       # found by discovery
    _refused(run_cli("--config", cfg, "--format", "json", "-o", cfg, r), str(cfg))
    assert cfg.read_text() == 'select = ["RL1"]\n'
    base = tmp_path / "b.json"
    assert run_cli("--isolated", "--baseline", base, "--update-baseline", r).returncode == 0
    before = base.read_bytes()
    _refused(run_cli("--isolated", "--baseline", base, "-o", base, r), str(base))
    _refused(run_cli("--baseline", cfg, "--update-baseline", r), str(cfg))
    assert base.read_bytes() == before and cfg.read_text() == 'select = ["RL1"]\n'


def test_extract_never_overwrites_a_report(tmp_path):
    r = _copy(tmp_path)
    link = tmp_path / "cells.json"
    link.symlink_to(r)
    _refused(run_cli("extract", "-o", link, r), str(link))
    assert r.read_bytes() == REPORT.read_bytes()


def test_a_planted_temporary_baseline_name_is_not_followed(tmp_path):
    r = _copy(tmp_path)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    base = tmp_path / "b.json"
    (tmp_path / "b.json.tmp").symlink_to(victim)       # the name older versions wrote through
    p = run_cli("--isolated", "--baseline", base, "--update-baseline", r)
    assert p.returncode == 0, p.stderr
    assert victim.read_text() == "precious\n" and json.loads(base.read_text())["findings"]


# --- 3, 4. file names and text that would forge or break the output -------------------------

FORGED = "x.txt:1:1: RL000 [error] forged"
NAMES = [b"evil\n" + FORGED.encode() + b".txt", b"esc\x1b[2J\x1b]0;title\x07.txt",
         b"rtl\xe2\x80\xaetxt.exe.txt", b"caf\xe9 gbk \xb9\xab\xbf\xaa.txt"]
HUMAN = ["concise", "full", "github", "junit"]


@pytest.fixture
def hostile(tmp_path):
    """A folder of reports with hostile names, one of them with escape codes in its text."""
    d = tmp_path / "in"
    d.mkdir()
    text = REPORT.read_bytes().replace("访问量:".encode(), "访问量:\x1b[2J\x1b]0;pwned\x07\r".encode(), 1)
    for name in NAMES:
        with open(os.path.join(os.fsencode(d), name), "wb") as f:
            f.write(text)
    return d


def _files_seen(text, d):
    return {line.split(".txt")[0] for line in text.splitlines() if line.startswith(f"{d}/")}


@pytest.mark.parametrize("fmt", HUMAN + ["json", "json-lines", "sarif", "gitlab"])
def test_hostile_names_and_text_cannot_forge_output(hostile, fmt, tmp_path):
    p = run_cli("--format", fmt, hostile)
    out = p.stdout.decode("utf-8")           # valid UTF-8, whatever the names' bytes
    assert p.returncode == 1 and "Traceback" not in p.stderr.decode(), p.stderr
    assert not any(line.startswith(FORGED) for line in out.splitlines())
    if fmt in HUMAN:
        assert not any(c in out for c in "\x1b\x07\r\u202e"), [c for c in "\x1b\x07\r\u202e" if c in out]
    if fmt == "concise":
        lines = out.splitlines()
        assert all(line.startswith(f"{hostile}/") for line in lines[:-1]), lines
        assert len(_files_seen(out, hostile)) == len(NAMES)
        assert f"{hostile}/caf\\xe9 gbk \\xb9\\xab\\xbf\\xaa.txt:" in out
        assert f"{hostile}/evil\\n{FORGED}.txt:" in out
    elif fmt == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    elif fmt == "junit":
        import xml.etree.ElementTree as ET
        assert len(ET.fromstring(out.encode()).findall("testsuite")) == len(NAMES)
    elif fmt == "json":
        assert len(json.loads(out)["files"]) == len(NAMES)
    elif fmt == "json-lines":
        assert len({json.loads(line)["path"] for line in out.splitlines()}) == len(NAMES)
    elif fmt == "full":
        assert len(_files_seen(out, hostile)) == len(NAMES)
    else:
        json.loads(out)


def test_a_name_that_is_no_utf8_does_not_stop_the_run(hostile, tmp_path):
    """Also as the -o file, with several formats at once and the baseline."""
    out = os.path.join(os.fsencode(tmp_path), b"r\xe9sultat.json")
    base = tmp_path / "baseline.json"
    p = run_cli("--format", "json", "-o", os.fsdecode(out), "--format", "concise",
                "--baseline", base, "--update-baseline", hostile)
    assert p.returncode == 0 and "Traceback" not in p.stderr.decode(), p.stderr
    doc = json.loads(open(out, "rb").read().decode("utf-8"))
    assert len(doc["files"]) == len(NAMES) and doc["summary"]["baselined"] > 0
    json.loads(base.read_bytes().decode("utf-8"))
    again = run_cli("--baseline", base, "--format", "concise", hostile)      # the keys match
    assert again.returncode == 0 and "0 个错误" in again.stdout.decode()


def test_a_hostile_name_in_an_error_line(tmp_path):
    bad = os.path.join(os.fsencode(tmp_path), b"empty\n" + FORGED.encode() + b"\xff.txt")
    open(bad, "wb").close()
    for fmt in HUMAN:
        p = run_cli("--format", fmt, os.fsdecode(bad))
        out = p.stdout.decode("utf-8")
        assert p.returncode == 2 and not any(line.startswith(FORGED) for line in out.splitlines()), out
    with open(bad, "wb") as f:
        f.write(b"select = [\n")                               # broken TOML
    p = run_cli("--config", os.fsdecode(bad), REPORT)          # an error on standard error
    assert p.returncode == 2 and len(p.stderr.decode().strip().splitlines()) == 1, p.stderr


def test_a_baseline_update_keeps_the_files_permissions(tmp_path):
    r = _copy(tmp_path)
    base = tmp_path / "b.json"
    base.write_text('{"findings": []}\n')
    base.chmod(0o600)
    assert run_cli("--isolated", "--baseline", base, "--update-baseline", r).returncode == 0
    assert stat.S_IMODE(base.stat().st_mode) == 0o600 and json.loads(base.read_text())["findings"]
