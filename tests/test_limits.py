"""Input limits, through the command line as a user meets them (issue #6).

Each unreadable input is ONE line naming the file, exit code 2, never a traceback — and the
other files of the batch are still checked. Plus: the linter never writes to the files it
checks, never reaches the network, and gives byte-identical JSON whatever the job count.
"""
import json
import os
import shutil
import socket
import stat
import subprocess
import sys

import pytest

from conftest import EXAMPLES, REAL, ROOT, SEEDS, run_cli, seed

GOOD = REAL / "003.txt"


def _json(p):
    assert "Traceback" not in p.stderr.decode("utf-8", "replace")
    return json.loads(p.stdout)


def _batch_with(bad_path, *extra):
    """Lint [good, bad, good] as JSON: the bad file is one clean error, the good ones are checked."""
    p = run_cli("--format", "json", *extra, GOOD, bad_path, seed("001"))
    doc = _json(p)
    assert p.returncode == 2, p.stderr
    files = {f["path"]: f for f in doc["files"]}
    bad = files[str(bad_path)]
    assert bad["error"] and "\n" not in bad["error"] and bad["findings"] == []
    assert files[str(GOOD)]["error"] is None
    ok = files[str(seed("001"))]
    assert ok["error"] is None and {f["code"] for f in ok["findings"]} >= {"RL107"}
    assert doc["summary"]["unreadable"] == 1
    return bad["error"]


def _concise_one_line(path, *extra, expect):
    """The concise format: exactly one line for the file, naming it, and the exit code 2."""
    p = run_cli("--format", "concise", *extra, path)
    out, err = p.stdout.decode(), p.stderr.decode()
    assert p.returncode == 2, (out, err)
    assert "Traceback" not in out + err
    lines = [ln for ln in out.splitlines() if ln.startswith(str(path) + ":")]
    assert len(lines) == 1 and expect in lines[0], out
    return lines[0]


# --- size -----------------------------------------------------------------------------------

def test_too_large_by_default(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:           # sparse: 20 MB + 1 byte without writing them
        f.truncate(20 * 1024 * 1024 + 1)
    assert "file too large" in _batch_with(big)
    _concise_one_line(big, expect="文件过大")


def test_exactly_the_limit_is_read(tmp_path):
    text = GOOD.read_bytes()
    f = tmp_path / "r.txt"
    f.write_bytes(text)
    p = run_cli("--format", "json", "--max-size", len(text), f)
    assert _json(p)["files"][0]["error"] is None
    p = run_cli("--format", "json", "--max-size", len(text) - 1, f)
    assert "file too large" in _json(p)["files"][0]["error"] and p.returncode == 2


def test_max_size_overrides_the_default(tmp_path):
    f = tmp_path / "r.txt"
    shutil.copy(GOOD, f)
    p = run_cli("--format", "json", "--max-size", "1000", f)
    assert p.returncode == 2 and "file too large" in _json(p)["files"][0]["error"]
    p = run_cli("--format", "json", "--max-size", str(10 ** 9), f)
    assert p.returncode == 0 and _json(p)["files"][0]["error"] is None


def test_max_size_on_stdin():
    data = GOOD.read_bytes()
    p = run_cli("--format", "json", "--max-size", "1000", "-", input=data)
    doc = _json(p)
    assert p.returncode == 2 and "file too large" in doc["files"][0]["error"]
    p = run_cli("--format", "json", "-", input=data)
    assert p.returncode == 0 and _json(p)["files"][0]["error"] is None


@pytest.mark.parametrize("value", ["0", "-5", "abc", "1e9"])
def test_bad_max_size_is_a_usage_error(value):
    p = run_cli("--max-size", value, GOOD)
    assert p.returncode == 2 and "Traceback" not in p.stderr.decode()


def test_a_10mb_single_line_is_linted(tmp_path):
    """Not a limit: a long collapsed line below the size cap is checked, in linear time."""
    f = tmp_path / "long.txt"
    f.write_text(GOOD.read_text(encoding="utf-8").replace("\n", "") + "1" * 10_000_000, encoding="utf-8")
    p = run_cli("--format", "json", f)
    doc = _json(p)
    assert doc["files"][0]["error"] is None and p.returncode in (0, 1)


# --- empty, binary, undecodable ---------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", b"\xff\xfe", "\u3000\n".encode()],
                         ids=["zero-bytes", "whitespace", "bom-only", "bom-space", "utf16-bom-only", "ideographic-space"])
def test_empty(tmp_path, data):
    f = tmp_path / "empty.txt"
    f.write_bytes(data)
    assert "empty file" in _batch_with(f)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"\x7fELF\x02\x01\x01" + b"\x00" * 500,
    "一、总体情况\n".encode() * 20 + b"\x00" * 50 + "二、主动公开".encode(),   # NUL-ridden text
    b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8,                   # a .docx saved as .txt
    bytes(range(1, 32)) * 40,                                                  # control characters, no NUL
], ids=["png", "elf", "nul-ridden", "zip", "controls"])
def test_binary(tmp_path, data):
    f = tmp_path / "bin.txt"
    f.write_bytes(data)
    # a zip is read as the Word document it may be, whatever its name: this one is no readable zip
    assert ("corrupt .docx" if data.startswith(b"PK") else "binary file") in _batch_with(f)


@pytest.mark.parametrize("text", ["hello world\n" * 50, "今天天气很好，我们去公园散步。\n" * 30,
                                  "def main():\n    return 0\n" * 40],
                         ids=["english", "chinese-prose", "source-code"])
def test_text_that_is_no_report(tmp_path, text):
    f = tmp_path / "other.txt"
    f.write_text(text, encoding="utf-8")
    assert "not an annual report" in _batch_with(f)


def test_a_report_without_headings_is_still_linted(tmp_path):
    """Not garbage: a draft that names its subject gets findings, not an input error."""
    f = tmp_path / "draft.txt"
    f.write_text("2023年政府信息公开工作年度报告\n本机关认真贯彻落实条例。\n", encoding="utf-8")
    p = run_cli("--format", "json", f)
    doc = json.loads(p.stdout)
    assert p.returncode == 1 and doc["files"][0]["error"] is None and doc["files"][0]["findings"]


def test_undecodable_with_forced_encoding(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(GOOD.read_text(encoding="utf-8").encode("gb18030"))
    err = _batch_with(f, "--encoding", "utf-8")
    assert "utf-8" in err


@pytest.mark.parametrize("enc", ["unicode_escape", "utf-7", "raw_unicode_escape"])
def test_codecs_that_produce_lone_surrogates(tmp_path, enc):
    """A codec that decodes to lone surrogates (`\\ud800`) must give an input error, not a crash
    in OpenCC or in the UTF-8 output."""
    f = tmp_path / "s.txt"
    f.write_bytes({"unicode_escape": b"\\ud800 \xe4\xb8\x80\xe3\x80\x81\\udfff",
                   "utf-7": b"+2AA- abc +3/8-", "raw_unicode_escape": b"\\ud800 abc"}[enc])
    p = run_cli("--format", "json", "--encoding", enc, f)
    doc = _json(p)
    assert p.returncode == 2 and doc["files"][0]["error"]
    assert "internal error" not in doc["files"][0]["error"]


@pytest.mark.parametrize("enc", ["nope", "rot13", "base64"])
def test_unknown_or_non_text_encoding(tmp_path, enc):
    f = tmp_path / "r.txt"
    shutil.copy(GOOD, f)
    p = run_cli("--format", "json", "--encoding", enc, f)
    doc = _json(p)
    assert p.returncode == 2 and doc["files"][0]["error"] and "internal error" not in doc["files"][0]["error"]


# --- what is not a regular file ---------------------------------------------------------------

def test_fifo_is_not_opened(tmp_path):
    """A FIFO given directly would block forever on open(); it must be refused unopened."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _batch_with(fifo)   # run_cli's timeout turns a hang into a failure


def test_fifo_inside_a_directory(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    shutil.copy(GOOD, tmp_path / "good.txt")
    p = run_cli("--format", "json", tmp_path)
    doc = _json(p)
    errors = {os.path.basename(f["path"]): f["error"] for f in doc["files"]}
    assert p.returncode == 2 and "not a regular file" in errors["pipe.txt"] and errors["good.txt"] is None


@pytest.mark.parametrize("dev", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices(dev):
    if not os.path.exists(dev):
        pytest.skip(f"no {dev}")
    assert "not a regular file" in _batch_with(dev)


def test_socket_file(tmp_path):
    path = tmp_path / "s.txt"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(path))
    except OSError:
        pytest.skip("cannot bind a unix socket here")
    try:
        assert "not a regular file" in _batch_with(path)
    finally:
        s.close()


def test_directory_given_as_file_with_stdin_dash_mixed(tmp_path):
    (tmp_path / "d").mkdir()
    p = run_cli("--format", "json", GOOD, "-", input=seed("001").read_bytes())
    doc = _json(p)
    assert [f["error"] for f in doc["files"]] == [None, None]


def test_missing_file():
    assert "file not found" in _batch_with(ROOT / "no-such-report.txt")


def test_directory_symlink_loop(tmp_path):
    d = tmp_path / "reports"
    (d / "a" / "b").mkdir(parents=True)
    shutil.copy(GOOD, d / "a" / "b" / "r.txt")
    os.symlink("../..", d / "a" / "b" / "up")          # b/up -> reports: a loop
    os.symlink("self", d / "self")                      # a link to itself: ELOOP
    p = run_cli("--format", "json", d)
    doc = _json(p)
    paths = [f["path"] for f in doc["files"]]
    checked = [f for f in doc["files"] if f["error"] is None]
    assert len(checked) == 1 and checked[0]["path"].endswith("r.txt")          # each report once
    loops = [f for f in doc["files"] if f["error"] and "symlink loop" in f["error"]]
    assert loops and all("\n" not in f["error"] for f in loops)
    assert p.returncode == 2 and len(paths) == len(set(paths))


def test_dangling_symlink(tmp_path):
    link = tmp_path / "gone.txt"
    os.symlink(tmp_path / "nowhere.txt", link)
    assert "file not found" in _batch_with(link)


# --- permissions --------------------------------------------------------------------------------

def _without_read_override():
    """Root reads a chmod-000 file anyway. Run the CLI without CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH (setpriv) so the permission bits apply to root too."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without setpriv: chmod 000 cannot stop root from reading")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def _run_unprivileged(*args):
    prefix = _without_read_override()
    return subprocess.run([*prefix, sys.executable, "-m", "report_lint", *map(str, args)],
                          capture_output=True, cwd=ROOT, timeout=120)


def test_unreadable_file(tmp_path):
    f = tmp_path / "secret.txt"
    shutil.copy(GOOD, f)
    f.chmod(0)
    try:
        p = _run_unprivileged("--format", "json", GOOD, f, seed("001"))
    finally:
        f.chmod(0o644)
    doc = _json(p)
    errors = [x["error"] for x in doc["files"]]
    assert p.returncode == 2 and errors[0] is None and errors[2] is None
    assert "permission denied" in errors[1]


def test_unreadable_directory_in_a_walk(tmp_path):
    d = tmp_path / "reports"
    (d / "locked").mkdir(parents=True)
    shutil.copy(GOOD, d / "good.txt")
    shutil.copy(GOOD, d / "locked" / "r.txt")
    (d / "locked").chmod(0)
    try:
        p = _run_unprivileged("--format", "json", d)
    finally:
        (d / "locked").chmod(0o755)
    doc = _json(p)
    by_name = {os.path.basename(x["path"]): x["error"] for x in doc["files"]}
    assert p.returncode == 2 and by_name["good.txt"] is None
    assert any(e and "locked" in path for path, e in ((x["path"], x["error"]) for x in doc["files"]))


# --- never write to the inputs, never reach the network, never differ ---------------------------

def test_output_file_is_never_a_checked_file(tmp_path):
    f = tmp_path / "r.txt"
    shutil.copy(GOOD, f)
    before = f.read_bytes()
    p = run_cli("--format", "json", "-o", f, f)
    assert p.returncode == 2 and f.read_bytes() == before
    assert "Traceback" not in p.stderr.decode() and len(p.stderr.decode().strip().splitlines()) == 1
    link = tmp_path / "alias.txt"                      # the same file under another name
    os.symlink(f, link)
    p = run_cli("--format", "concise", "-o", link, tmp_path)
    assert p.returncode == 2 and f.read_bytes() == before


_AUDIT = r"""
import sys, os
inputs = [os.path.realpath(p) for p in sys.argv[1:] if os.path.exists(p)]
events = []
def hook(event, args):
    if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
        events.append(("network", event))
    elif event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                  (isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_TRUNC))
        if writing and isinstance(path, (str, bytes)) and os.path.realpath(os.fsdecode(path)) in inputs_real:
            events.append(("write", path))
    elif event in ("os.remove", "os.rename", "os.truncate", "os.chmod", "os.utime"):
        events.append(("modify", event, args[0]))
inputs_real = set()
for p in sys.argv[1:]:
    if os.path.isdir(p):
        for root, _, names in os.walk(p):
            inputs_real.update(os.path.realpath(os.path.join(root, n)) for n in names)
    elif os.path.exists(p):
        inputs_real.add(os.path.realpath(p))
sys.addaudithook(hook)
from report_lint.cli import main
fmt = os.environ["RL_FORMAT"]
sys.argv = ["report-lint", "--format", fmt, *(["--jobs", "2"] if os.environ.get("RL_JOBS") else []), *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    code = e.code
import json
sys.stderr.write("\nAUDIT " + json.dumps([list(map(str, e)) for e in events]) + "\n")
"""


@pytest.mark.parametrize("fmt", ["json", "concise", "full"])
def test_never_writes_inputs_nor_reaches_the_network(tmp_path, fmt):
    d = tmp_path / "reports"
    shutil.copytree(REAL, d)
    shutil.copy(seed("000"), d / "seed.txt")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in d.iterdir()}
    env = dict(os.environ, RL_FORMAT=fmt)
    p = subprocess.run([sys.executable, "-c", _AUDIT, str(d), str(GOOD)], capture_output=True,
                       cwd=ROOT, env=env, timeout=120)
    err = p.stderr.decode()
    audit = json.loads(err.rsplit("AUDIT ", 1)[1])
    assert audit == [], audit
    assert "Traceback" not in err
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in d.iterdir()} == before


def _has_jobs() -> bool:
    p = run_cli("check", "--help")
    return b"--jobs" in p.stdout


def test_json_is_byte_identical_across_runs_and_job_counts(tmp_path):
    d = tmp_path / "reports"
    shutil.copytree(REAL, d)
    shutil.copytree(SEEDS, d / "seeds")
    shutil.copy(EXAMPLES / "clean-2021.txt", d)
    (d / "bad.txt").write_bytes(b"\x00\x01binary")
    (d / "empty.txt").write_bytes(b"")
    runs = [run_cli("--format", "json", d), run_cli("--format", "json", d)]
    if _has_jobs():
        runs += [run_cli("--format", "json", "--jobs", n, d) for n in (1, 2, 3)]
    outs = {r.stdout for r in runs}
    assert len(outs) == 1, "JSON output differs between runs"
    doc = json.loads(runs[0].stdout)
    assert len(doc["files"]) == 14 + 5 + 1 + 2         # examples/real holds 14 reports and a manifest
    assert {r.returncode for r in runs} == {2}


def test_internal_error_is_one_line(tmp_path):
    """An exception inside a rule is reported as one line for that file, exit 2, and the batch
    goes on — simulated by a plugin-free monkeypatch in a subprocess."""
    code = r"""
import sys
from report_lint import tables
def boom(report):
    if "003" in report.path:
        raise RuntimeError("simulated")
    return orig(report)
orig = tables.read_tables
tables.read_tables = boom
from report_lint.cli import main
sys.argv = ["report-lint", "--format", "json", "--jobs", "1", *sys.argv[1:]] if "--jobs" in sys.argv[0:0] or True else None
main()
"""
    code = code.replace('"--jobs", "1", ', '"--jobs", "1", ' if _has_jobs() else "")
    p = subprocess.run([sys.executable, "-c", code, str(GOOD), str(seed("001"))], capture_output=True,
                       cwd=ROOT, timeout=120)
    doc = json.loads(p.stdout)
    assert p.returncode == 2 and "Traceback" not in p.stderr.decode()
    e = doc["files"][0]["error"]
    assert "internal error" in e and "simulated" in e and "\n" not in e
    assert doc["files"][1]["error"] is None and doc["files"][1]["findings"]
