#!/usr/bin/env python3
"""Fuzzing the command line itself: options, file names, folders with links, configuration and
baseline files, output files and every output format — not only the linter's library calls.

    nice -n 10 .venv/bin/python fuzz/cli.py --inputs 100000 --minutes 60

Each input is a *scenario*, a JSON-able dict (so a failure is saved, replayed and kept as a
regression exactly): a folder of small mutated reports under hostile names (control characters,
bytes that are no UTF-8, 255-byte names, names like options), links to files and folders (a
sibling, a cycle, a dangling one), perhaps a configuration file (valid, mutated, deep, huge, a
FIFO), perhaps a baseline (valid, damaged, deep, a FIFO), and an argument list: formats paired
with `-o` files (sometimes an input, /dev/full or a missing folder), rule selection, severity
gates, `--statistics`, `--quiet`, `--encoding`, `--max-size`, `--year`, `--template`, the
baseline update, `extract`, `template`. Most scenarios run in-process through
``report_lint.cli.main`` (a few milliseconds each); one in ``--subprocess-every`` runs the real
``python -m report_lint`` (with ``--jobs 2`` now and then, and a damaged cache).

What must hold, for every scenario (``check``): exit code 0, 1 or 2; no traceback and no
"internal error"; every error on standard error one line starting `report-lint: `; every output
valid for its format (JSON, JSON Lines, SARIF against the 2.1.0 schema, GitLab JSON, JUnit XML,
GitHub workflow commands, concise lines) and free of control characters in the human formats;
no input file changed (but a baseline being updated); and a budget per input (``--budget``,
2 s of CPU time, which a loaded machine does not inflate) — findings and rendering included. The run reports the inputs tried, the
slowest inputs and their size, and the worker's peak memory.

A scenario whose behaviour is new (exit code, error kinds, rule codes, formats) goes into the
corpus (``fuzz/corpus/``) and is mutated again later. Failures are saved under ``fuzz/out/``;
the ones worth keeping are copied to ``tests/data/fuzz/cli/``, which ``tests/test_fuzz_cli.py``
replays in the normal suite.

Documents (.docx, .pdf, .html): ``DOCUMENT_MUTATORS`` below is the hook. Today it produces files
that only *look* like such documents (the readers' content sniffing sees a zip, `%PDF-`,
`<html>`), so they reach ``report_lint.readers``; when a reader lands, add a mutator that
corrupts real documents (zip entries, XML, PDF objects) next to them.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import harness  # noqa: E402  (fuzz/harness.py: the corpus and the text mutations)

FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab", "html")
HUMAN = ("full", "concise", "github")
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

# --- scenarios ------------------------------------------------------------------------------

MAX_CHARS = 16_000       # small reports: thousands of inputs a minute, and 2 s is a real budget
NAME_PARTS = ["r", "年报", "2021", "report", " ", "\t", "\n", "\x1b[31m", "\r", "\x07", "\u202e",
              "..", "-", "--format", "#", "*", "?", "[x]", "'", '"', "\\", "%0A", "::error", "<a>&",
              "\udce9", "\udcb9\udcab", "\udcff", "\u00e9", "\u3000", "𠮷", "a" * 60]
EXTS = [".txt", ".txt", ".txt", ".md", ".TXT", ".docx", ".pdf", ".html", ""]
SELECTORS = ["RL1", "RL107", "RL2", "RL5", "table-missing", "heading-wording", "RL", "RL999", "nope", "", ",",
             "RL1,RL2", "rl1"]
TOML_KEYS = ["select", "extend-select", "ignore", "fail-on", "max-warnings", "year", "template", "baseline",
             "extend", "severity", "per-file-ignores", "bogus"]


def _name(rnd: random.Random) -> str:
    if rnd.random() < 0.02:
        return "n" * rnd.randint(200, 251) + ".txt"             # near NAME_MAX (255 bytes)
    n = "".join(rnd.choice(NAME_PARTS) for _ in range(rnd.randint(1, 3))).replace("/", "_").replace("\0", "")
    return (n or "r")[:100] + rnd.choice(EXTS)


def _content(rnd: random.Random) -> bytes:
    """A small report: a slice of a real one, mutated at line and character level, encoded."""
    r = rnd.random()
    if r < 0.04:
        return rnd.choice([b"", b"\xef\xbb\xbf", b"\x00" * 10, os.urandom(rnd.randint(1, 300)), b"\n\n", b"\xff\xfe"])
    if r < 0.08:
        return rnd.choice(DOCUMENT_MUTATORS)(rnd)
    text = rnd.choice(harness.corpus())
    lines = text.split("\n")
    if rnd.random() < 0.8:                                   # a slice keeps each input small and fast
        i = rnd.randrange(len(lines))
        lines = lines[i:i + rnd.randint(5, 60)]
    for _ in range(rnd.randint(0, 3)):
        op = rnd.random()
        if op < 0.2 and len(lines) > 1:
            del lines[rnd.randrange(len(lines))]
        elif op < 0.35:
            i = rnd.randrange(len(lines))
            lines[i:i] = [lines[i]] * rnd.randint(1, 30)
        elif op < 0.5:
            sub = rnd.choice(harness._NUMBER_SUBS)
            lines = [re.sub(r"\d+", lambda m: sub if rnd.random() < 0.2 else m.group(), ln) for ln in lines]
        elif op < 0.7:
            i = rnd.randrange(len(lines))
            k = rnd.randint(0, len(lines[i]))
            lines[i] = lines[i][:k] + rnd.choice(harness._INSERTS + harness._CJK_RUNS) * rnd.randint(1, 50) + lines[i][k:]
        elif op < 0.8:
            lines.insert(rnd.randrange(len(lines) + 1), rnd.choice(harness._HEADINGS))
        elif op < 0.85:
            lines = ["".join(lines)]
        elif op < 0.9:
            lines.insert(0, "日期202111日。" * rnd.randint(50, 300))  # many findings of one rule
        else:
            i = rnd.randrange(len(lines))
            lines[i] += chr(rnd.choice([0, 1, 7, 8, 0x1b, 0x7f, 0x85, 0x202e, 0x2028, 0xfffd]))
    enc = rnd.choice(harness.ENCODINGS)
    data = harness._encode("\n".join(lines)[:MAX_CHARS], enc)
    if rnd.random() < 0.05 and len(data) > 2:
        data = data[:rnd.randrange(1, len(data))]
    return data


def _zip_like(rnd):
    return b"PK\x03\x04" + os.urandom(rnd.randint(0, 200))


def _pdf_like(rnd):
    return b"%PDF-1." + str(rnd.randint(0, 7)).encode() + b"\n" + os.urandom(rnd.randint(0, 200))


def _html_like(rnd):
    body = rnd.choice(harness.corpus())[:rnd.randint(0, 2000)]
    return ("<!DOCTYPE html><html><head><meta charset=utf-8></head><body><p>" + body.replace("\n", "<p>")
            + rnd.choice(["</body></html>", "", "<table><tr><td>1</td>", "<script>"])).encode("utf-8")


# The hook for documents: each mutator returns the bytes of one file. When the .docx/.pdf/.html
# readers land, add mutators that start from real documents and corrupt them here.
DOCUMENT_MUTATORS = [_zip_like, _pdf_like, _html_like]


def _config_text(rnd: random.Random) -> str:
    r = rnd.random()
    if r < 0.05:
        return "[" + ".".join(["a"] * rnd.randint(30, 3000)) + "]\n"
    if r < 0.08:
        return "a = " + "[" * rnd.randint(100, 3000) + "]" * rnd.randint(0, 3000) + "\n"
    if r < 0.1:
        return "".join(rnd.choice('[]="\'.{}\n#x1 ') for _ in range(rnd.randint(1, 200)))
    lines = []
    for _ in range(rnd.randint(0, 4)):
        key = rnd.choice(TOML_KEYS)
        val = rnd.choice([json.dumps([rnd.choice(SELECTORS)]), json.dumps(rnd.choice(SELECTORS)),
                          "2021", "1989", "-1", "true", '"2019"', '"warning"', '"never"', '"b.json"',
                          '"../nope.toml"', '"cfg.toml"', "{}", '{RL1 = "error"}', '{"*.txt" = ["RL1"]}', "3.5"])
        lines.append(f"{key} = {val}")
    return "\n".join(lines) + "\n"


def _baseline_text(rnd: random.Random) -> bytes:
    r = rnd.random()
    if r < 0.3:
        return b""                        # to be filled by an update, or invalid JSON
    if r < 0.4:
        return b"[" * rnd.randint(1000, 50000)
    if r < 0.5:
        return os.urandom(rnd.randint(1, 100))
    entries = [{"path": rnd.choice(["a.txt", "sub/r.txt", 1, None, "-"]), "code": rnd.choice(["RL501", "RL1", 5]),
                "fingerprint": rnd.choice(["0" * 16, "x", [], "915b3f0b26878fb8"])} for _ in range(rnd.randint(0, 5))]
    doc = rnd.choice([{"version": 1, "tool": "report-lint", "findings": entries}, {"findings": {}}, [], "x"])
    return json.dumps(doc).encode()


def scenario(rnd: random.Random) -> dict:
    files = []
    for _ in range(rnd.choice([1, 1, 1, 2, 3])):
        files.append({"path": rnd.choice(["", "", "sub/", "sub/deep/"]) + _name(rnd),
                      "data": base64.b64encode(_content(rnd)).decode()})
    links = []
    if rnd.random() < 0.15:
        links.append(rnd.choice([{"path": "sub/up", "to": ".."}, {"path": "other/sib", "to": "../sub"},
                                 {"path": "dangling.txt", "to": "nowhere.txt"},
                                 {"path": "link.txt", "to": files[0]["path"].split("/")[-1]}]))
    s = {"files": files, "links": links, "config": None, "baseline": None, "cache": None,
         "via": "inproc", "argv": []}
    argv: list[str] = []
    sub = rnd.random()
    if sub < 0.03:
        s["argv"] = ["template", "--year", rnd.choice(["2019", "2022", "2018", "x"])] + rnd.choice([[], ["-o", "t.txt"], ["-o", "/dev/full"]])
        s["targets"] = []
        return s
    if sub < 0.08:
        argv = ["extract", "--format", rnd.choice(["json", "csv"])] + rnd.choice([[], [], ["-o", "cells.out"], ["-o", files[0]["path"]]])
    if rnd.random() < 0.25:
        cfg = {"path": rnd.choice(["report-lint.toml", ".report-lint.toml", "pyproject.toml", "cfg.toml", "sub/report-lint.toml"]),
               "text": _config_text(rnd), "fifo": rnd.random() < 0.03}
        if cfg["path"] == "pyproject.toml":
            cfg["text"] = "[tool.report-lint]\n" + cfg["text"]
        s["config"] = cfg
        if not argv and rnd.random() < 0.4:
            argv += ["--config", cfg["path"]]
    if not argv:
        if rnd.random() < 0.2:
            s["baseline"] = {"path": "b.json", "data": base64.b64encode(_baseline_text(rnd)).decode(),
                             "fifo": rnd.random() < 0.03}
            argv += ["--baseline", "b.json"]
            if rnd.random() < 0.5:
                argv.append("--update-baseline")
        for _ in range(rnd.choice([0, 1, 1, 2, 3])):
            fmt = rnd.choice(FORMATS)
            argv += ["--format", fmt]
            if rnd.random() < 0.6:
                argv += ["-o", rnd.choice([f"out.{fmt}", f"out.{fmt}", "sub/o.txt", "missing/o.txt", "/dev/full",
                                           files[0]["path"], "b.json", "\udce9.out"])]
        for opt, values in (("--select", SELECTORS), ("--ignore", SELECTORS), ("--extend-select", SELECTORS),
                            ("--fail-on", ["error", "warning", "info", "never", "bad"]),
                            ("--max-warnings", ["0", "3", "-1", "x"]), ("--year", ["2019", "2021", "1800", "2100"]),
                            ("--template", ["pre2019", "2019", "2021", "2030"]),
                            ("--encoding", ["gb18030", "utf-8", "big5", "utf-16", "latin-1", "nope", "rot13"]),
                            ("--max-size", ["1", "100", "1000000", "0"])):
            if rnd.random() < 0.07:
                argv += [opt, rnd.choice(values)]
        for flag in ("--statistics", "-q", "--exit-zero", "--isolated"):
            if rnd.random() < 0.07:
                argv.append(flag)
        if rnd.random() < 0.01:          # an option without its value: first, so it takes an option
            argv.insert(0, rnd.choice(["--bogus", "--format", "-o", "--jobs=0"]))
    targets = [f["path"] for f in files]
    if links and rnd.random() < 0.5:
        targets.append(links[0]["path"])
    if rnd.random() < 0.3 or any("/" in t for t in targets):
        targets = ["."]                                      # walk the folder
    if rnd.random() < 0.03:
        targets.append(rnd.choice(["missing.txt", "sub", "/dev/null"]))
    s["argv"] = argv + ["--"] if any(t.startswith("-") for t in targets) else argv
    s["targets"] = targets
    return s


def mutate(s: dict, rnd: random.Random) -> dict:
    """A corpus scenario changed a little: other contents, other options, another name."""
    s = json.loads(json.dumps(s))
    r = rnd.random()
    if r < 0.4 and s["files"]:
        rnd.choice(s["files"])["data"] = base64.b64encode(_content(rnd)).decode()
    elif r < 0.7:
        fresh = scenario(rnd)
        if fresh["argv"][:1] not in (["template"], ["extract"]) and s["argv"][:1] != ["template"]:
            s["argv"] = fresh["argv"]
        if "." not in s["targets"]:
            s["files"], s["targets"] = fresh["files"], fresh["targets"]
        s["links"], s["config"], s["baseline"] = fresh["links"], fresh["config"], fresh["baseline"]
    else:
        return scenario(rnd)
    return s


# --- running one ----------------------------------------------------------------------------

def materialise(s: dict, d: Path) -> dict[str, bytes]:
    """Write the scenario's files under ``d``; return {path: bytes} of the inputs to watch."""
    dfs = os.fsencode(d)
    watched = {}
    for f in s["files"]:
        p = os.path.join(dfs, os.fsencode(f["path"]))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        data = base64.b64decode(f["data"])
        try:
            with open(p, "wb") as fh:
                fh.write(data)
            watched[p] = data
        except OSError:
            pass                      # a name the file system refuses (too long with its folder)
    for link in s["links"]:
        p = os.path.join(dfs, os.fsencode(link["path"]))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        try:
            os.symlink(os.fsencode(link["to"]), p)
        except OSError:
            pass
    for key in ("config", "baseline"):
        c = s.get(key)
        if not c:
            continue
        p = os.path.join(dfs, os.fsencode(c["path"]))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if c.get("fifo"):
            os.mkfifo(p)
            continue
        data = c["text"].encode() if "text" in c else base64.b64decode(c["data"])
        with open(p, "wb") as fh:
            fh.write(data)
        if key == "config":
            watched[p] = data
    return watched


def _inputs(s: dict, d: Path, written: dict[bytes, bytes]) -> dict[bytes, bytes]:
    """The files the run reads, which it must never write: the reports it checks (as the CLI
    expands its paths), the configuration files, and the baseline unless it is being updated."""
    from report_lint.files import expand_ordered

    old = os.getcwd()
    os.chdir(d)
    try:
        targets = _positionals(list(s["argv"]) + list(s["targets"]))
        reports = {os.path.realpath(os.fsencode(p)) for p, err in expand_ordered(targets) if err is None}
    finally:
        os.chdir(old)
    dfs = os.fsencode(d)
    keep = {os.path.join(dfs, os.fsencode(c["path"])) for c in (s.get("config"),) if c}
    return {p: data for p, data in written.items() if os.path.realpath(p) in reports or p in keep}


def run_inproc(argv: list[str]) -> tuple[int, bytes, bytes]:
    """report_lint.cli.main as the console script runs it, with bytes for stdout and stderr."""
    from report_lint import cli

    out, err = io.BytesIO(), io.BytesIO()
    so = io.TextIOWrapper(out, encoding="utf-8", errors="strict", newline="\n", write_through=True)
    se = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True)
    saved = sys.argv, sys.stdout, sys.stderr
    sys.argv, sys.stdout, sys.stderr = ["report-lint", *argv], so, se
    code = 0
    try:
        cli.main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    finally:
        sys.argv, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def run_subprocess(argv: list[str], cwd: Path, env: dict) -> tuple[int, bytes, bytes]:
    p = subprocess.run([sys.executable, "-m", "report_lint", *argv], cwd=cwd, env=env,
                       capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


class Failure(AssertionError):
    pass


_VALIDATOR = None


def _sarif_validator():
    global _VALIDATOR
    if _VALIDATOR is None:
        import jsonschema
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        _VALIDATOR = jsonschema.validators.validator_for(schema)(schema)
    return _VALIDATOR


VALUED = {"--format", "-o", "--select", "--ignore", "--extend-select", "--config", "--year", "--template",
          "--encoding", "--max-size", "--baseline", "--fail-on", "--max-warnings", "--jobs", "-j"}


def _positionals(argv: list[str]) -> list[str]:
    """The paths the CLI checks: the words no option takes (`-o FILE` takes FILE, even when
    FILE was meant as a report)."""
    out, i = [], 0
    if argv[:1] in (["extract"], ["template"]):
        argv = argv[1:]
    while i < len(argv):
        if argv[i] == "--":
            return out + argv[i + 1:]
        if argv[i] in VALUED:
            i += 2
            continue
        if not argv[i].startswith("-") or argv[i] == "-":
            out.append(argv[i])
        i += 1
    return out


def _pairs(argv: list[str]) -> list[tuple[str, str | None]]:
    """The (format, -o file) pairs of a check command, as the CLI pairs them: an option that takes
    a value takes the next word whatever it is (`-o --format` names a file `--format`)."""
    fmts, outs, i = [], [], 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] in VALUED and i + 1 < len(argv):
            (fmts if argv[i] == "--format" else outs if argv[i] == "-o" else []).append(argv[i + 1])
            i += 2
        else:
            i += 1
    return [(fmts[i] if i < len(fmts) else "concise", outs[i] if i < len(outs) else None)
            for i in range(max(len(fmts), len(outs), 1))]


def _written(d: Path, o: str, before: set) -> str | None:
    """What report-lint wrote to the -o file ``o`` (None: a file that was there before, an input
    it refused to overwrite; or a device)."""
    if o.startswith("/"):
        return None
    p = os.path.join(os.fsencode(d), os.fsencode(o))
    if p in before or not os.path.isfile(p):
        return None
    with open(p, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Failure(f"-o {o!r} is not UTF-8: {e}") from None


def _valid_html(text: str) -> None:
    """The page runs only its own script: one <script> with the page's code, the folded reports
    as inert `text/html` scripts, and no element with an event-handler attribute or a link
    that runs code — whatever the report's text or file name held."""
    import lxml.html

    from report_lint.formats.html import JS

    if not text.strip():
        raise Failure("empty html output")
    doc = lxml.html.document_fromstring(text.encode("utf-8"))
    own = 0
    for el in doc.iter("script"):
        if el.get("type") == "text/html":
            continue
        if (el.text or "") != JS:
            raise Failure(f"a script the page did not write: {(el.text or '')[:200]!r}")
        own += 1
    if own != 1:
        raise Failure(f"{own} page scripts, expected 1")
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or value.strip().lower().startswith("javascript:"):
                raise Failure(f"<{el.tag} {name}={value[:80]!r}> in the html output")


def validate(fmt: str, text: str, full_schema: bool) -> None:
    if fmt in ("json", "sarif", "gitlab"):
        doc = json.loads(text)
        if fmt == "sarif" and full_schema:
            errors = list(_sarif_validator().iter_errors(doc))
            if errors:
                raise Failure(f"SARIF does not validate: {errors[0].message[:300]}")
        if fmt == "json" and not (isinstance(doc, list) or {"files", "summary"} <= set(doc)):
            raise Failure("JSON without files/summary")
    elif fmt == "json-lines":
        for line in text.splitlines():
            json.loads(line)
    elif fmt == "junit":
        import xml.etree.ElementTree as ET
        ET.fromstring(text.encode("utf-8"))
    elif fmt == "html":
        _valid_html(text)
    elif fmt == "github":
        bad = [ln for ln in text.splitlines() if not ln.startswith("::")]
        if bad:
            raise Failure(f"a github line that is no workflow command: {bad[0][:200]!r}")
    if fmt in HUMAN + ("junit",) and _CONTROL.search(text):
        raise Failure(f"control character in {fmt} output: {_CONTROL.search(text).group()!r}")


def check(s: dict, work: Path, env: dict | None = None, full_schema: bool = False) -> dict:
    """Run one scenario in a fresh folder and assert everything; return what it did."""
    d = work / "case"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    written = materialise(s, d)
    before = {os.path.join(r, n) for r, _, ns in os.walk(os.fsencode(d)) for n in ns}
    argv = list(s["argv"]) + list(s["targets"])
    watched = _inputs(s, d, written)
    if s["via"] == "inproc" and argv[:1] not in (["template"], ["extract"]):
        argv = ["--jobs", "1", *argv]         # no worker processes inside the fuzzer's own
    old = os.getcwd()
    os.chdir(d)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        if s["via"] == "inproc":
            code, out, err = run_inproc(argv)
        else:
            code, out, err = run_subprocess(argv, d, env or os.environ.copy())
    finally:
        os.chdir(old)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    errtext = err.decode("utf-8", "replace")
    if code not in (0, 1, 2):
        raise Failure(f"exit code {code}: {errtext[-500:]}")
    if "Traceback" in errtext or "内部错误" in errtext or "internal error" in errtext:
        raise Failure(f"traceback or internal error: {errtext[-2000:]}")
    try:
        outtext = out.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Failure(f"standard output is not UTF-8: {e}") from None
    if "内部错误" in outtext:
        raise Failure(f"internal error in the output: {outtext[:500]}")
    for line in errtext.splitlines():
        if not line.startswith(("report-lint: ", "已把 ", "检查了 ")):
            raise Failure(f"stray line on standard error: {line[:300]!r}")
        if _CONTROL.search(line):
            raise Failure(f"control character on standard error: {line[:300]!r}")
    for p, data in watched.items():
        if os.path.isfile(p) and open(p, "rb").read() != data:
            raise Failure(f"an input was written: {os.fsdecode(p)!r}")
    formats = []
    if argv[:1] == ["extract"]:
        fmt = argv[argv.index("--format") + 1]
        o = argv[argv.index("-o") + 1] if "-o" in argv else None
        text = outtext if o is None else _written(d, o, before)
        if text:
            try:
                json.loads(text) if fmt == "json" else list(__import__("csv").reader(io.StringIO(text)))
            except Exception as e:
                raise Failure(f"extract {fmt} output is not valid: {type(e).__name__}: {e}") from None
    elif argv[:1] != ["template"]:
        for fmt, o in _pairs(argv):
            text = outtext if o in (None, "-") else _written(d, o, before)
            if text:
                try:
                    validate(fmt, text, full_schema)
                except Failure:
                    raise
                except Exception as e:
                    raise Failure(f"{fmt} output is not valid: {type(e).__name__}: {e}") from None
                formats.append(fmt)
    codes = sorted(set(re.findall(r"RL\d{3}", outtext)))[:20]
    kinds = sorted(set(re.findall(r"\(([a-z][a-z ;-]{3,40})\)", outtext + errtext)))[:10]
    return {"code": code, "seconds": seconds, "cpu": cpu, "signature": (code, tuple(codes), tuple(kinds), tuple(formats)),
            "bytes": sum(len(base64.b64decode(f["data"])) for f in s["files"])}


# --- the run --------------------------------------------------------------------------------

def _save(out: Path, kind: str, s: dict, note: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(s, ensure_ascii=True, indent=1)
    p = out / f"{kind}-{hashlib.sha1(text.encode()).hexdigest()[:12]}.json"
    p.write_text(text)
    p.with_suffix(".txt").write_text(note, encoding="utf-8")
    return p


def worker(args) -> int:
    import faulthandler

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    out, corpus_dir = Path(args.out), Path(args.corpus)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    corpus = [json.loads(p.read_text()) for p in sorted(corpus_dir.glob("*.json"))]
    seen = set()
    rnd = random.Random(args.seed)
    env = dict(os.environ, REPORT_LINT_CACHE_DIR=str(work / "cache"))
    env.pop("GITHUB_ACTIONS", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    os.environ.pop("GITHUB_ACTIONS", None)
    os.environ.pop("GITHUB_STEP_SUMMARY", None)
    stats = {"inputs": 0, "subprocess": 0, "failures": 0, "slow": 0, "corpus": len(corpus), "slowest": []}
    stats_path = work / "stats.json"
    last = 0.0
    deadline = float(args.until)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stats["max_rss_growth_mb"] = 0.0
    while time.time() < deadline and stats["inputs"] < args.inputs:
        s = mutate(rnd.choice(corpus), rnd) if corpus and rnd.random() < 0.3 else scenario(rnd)
        if rnd.randrange(args.subprocess_every) == 0:
            s["via"] = "subprocess"
            if rnd.random() < 0.3 and "--jobs" not in s["argv"] and s["argv"][:1] not in (["template"], ["extract"]):
                s["argv"] = ["--jobs", "2", *s["argv"]]
            if rnd.random() < 0.1:
                cache = work / "cache"
                for n in ("parser.json", "layout.json"):
                    if (cache / n).exists():
                        (cache / n).write_bytes(rnd.choice([b"", b"{", b'{"key": 1}', os.urandom(50)]))
        (work / "current.json").write_text(json.dumps(s, ensure_ascii=True))
        faulthandler.dump_traceback_later(args.hang, exit=True)
        try:
            got = check(s, work, env, full_schema=stats["inputs"] % args.schema_every == 0)
        except Exception as e:
            stats["failures"] += 1
            tb = "".join(traceback.format_exception(e))
            p = _save(out, "fail", s, tb)
            print(f"FAIL {type(e).__name__}: {str(e)[:300]} -> {p}", flush=True)
            got = None
        finally:
            faulthandler.cancel_dump_traceback_later()
        stats["inputs"] += 1
        stats["subprocess"] += s["via"] == "subprocess"
        if got:
            if got["cpu"] > args.budget and s["via"] == "inproc":
                stats["slow"] += 1
                p = _save(out, "slow", s, f"{got['cpu']:.2f} s CPU ({got['seconds']:.2f} s wall) for {got['bytes']} bytes\n")
                print(f"SLOW {got['cpu']:.2f} s CPU ({got['bytes']} bytes) -> {p}", flush=True)
            if s["via"] == "inproc":
                stats["slowest"] = sorted(stats["slowest"] + [[round(got["cpu"], 3), round(got["seconds"], 3), got["bytes"],
                                                               s["argv"][:12]]], reverse=True)[:5]
            if got["signature"] not in seen:
                seen.add(got["signature"])
                if len(corpus) < args.corpus_max:
                    corpus.append(s)
                    _save(corpus_dir, "c", s, "")
                    stats["corpus"] = len(corpus)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stats["max_rss_growth_mb"] = max(stats["max_rss_growth_mb"], round((rss - rss0) / 1024, 1))
        rss0 = max(rss0, rss)
        stats["peak_rss_mb"] = round(rss / 1024, 1)
        if time.monotonic() - last > 2:
            stats_path.write_text(json.dumps(stats))
            last = time.monotonic()
    stats_path.write_text(json.dumps(stats))
    return 0


def supervise(args) -> int:
    work = Path(args.workdir)
    deadline = time.time() + args.minutes * 60
    totals = {"inputs": 0, "subprocess": 0, "failures": 0, "slow": 0, "hangs": 0, "slowest": [], "peak_rss_mb": 0.0,
              "max_rss_growth_mb": 0.0}
    t0 = time.time()
    seed = args.seed
    print(f"fuzzing the CLI for up to {args.minutes} min or {args.inputs} inputs "
          f"(budget {args.budget} s per input, hang after {args.hang} s)", flush=True)
    while time.time() < deadline - 1 and totals["inputs"] < args.inputs:
        shutil.rmtree(work / "case", ignore_errors=True)
        (work / "stats.json").unlink(missing_ok=True)
        cmd = [sys.executable, __file__, "--worker", "--until", str(deadline), "--workdir", str(work),
               "--out", args.out, "--corpus", args.corpus, "--seed", str(seed), "--budget", str(args.budget),
               "--hang", str(args.hang), "--inputs", str(args.inputs - totals["inputs"]),
               "--subprocess-every", str(args.subprocess_every), "--schema-every", str(args.schema_every),
               "--corpus-max", str(args.corpus_max)]
        rc = subprocess.call(cmd)
        seed += 1
        st = json.loads((work / "stats.json").read_text()) if (work / "stats.json").exists() else {}
        for k in ("inputs", "subprocess", "failures", "slow"):
            totals[k] += st.get(k, 0)
        for k in ("peak_rss_mb", "max_rss_growth_mb"):
            totals[k] = max(totals[k], st.get(k, 0.0))
        totals["slowest"] = sorted(totals["slowest"] + st.get("slowest", []), reverse=True)[:5]
        totals["corpus"] = st.get("corpus", totals.get("corpus", 0))
        if rc != 0:
            totals["hangs"] += 1
            cur = work / "current.json"
            s = json.loads(cur.read_text()) if cur.exists() else {}
            p = _save(Path(args.out), "hang", s, f"worker exit {rc}\n")
            print(f"HANG or worker death (exit {rc}) -> {p}", flush=True)
    totals["minutes"] = round((time.time() - t0) / 60, 1)
    print(json.dumps(totals, ensure_ascii=False, indent=1))
    print(f"tried {totals['inputs']} inputs ({totals['subprocess']} through a subprocess) in {totals['minutes']} min: "
          f"{totals['failures']} failures, {totals['hangs']} hangs, {totals['slow']} over {args.budget} s", flush=True)
    return 1 if totals["failures"] or totals["hangs"] or totals["slow"] else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--budget", type=float, default=2.0,
                    help="CPU seconds an in-process input may take (CPU, not wall: the machine is shared)")
    ap.add_argument("--hang", type=float, default=60, help="wall seconds before an input counts as a hang")
    ap.add_argument("--subprocess-every", type=int, default=200, help="one input in N runs `python -m report_lint`")
    ap.add_argument("--schema-every", type=int, default=25, help="validate SARIF against the schema every N inputs")
    ap.add_argument("--corpus-max", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--out", default=str(HERE / "out"))
    ap.add_argument("--corpus", default=str(HERE / "corpus"))
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--until", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.workdir is None:           # a memory file system where there is one: thousands of folders
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        args.workdir = tempfile.mkdtemp(prefix="report-lint-fuzz-cli-", dir=shm)
    return worker(args) if args.worker else supervise(args)


if __name__ == "__main__":
    sys.exit(main())
