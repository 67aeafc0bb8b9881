"""Output formats. Each module has ``render(results, summary, out, **opts)``; only the chosen
one is imported (rich costs tens of milliseconds, machine formats never pay it).

Results arrive in input order; a result's ``report`` may be None (it crossed a process
boundary), so formatters use ``FileResult.lines`` for source text, never the model.
"""
from __future__ import annotations

import importlib
import os
import re

FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab", "html")
TEXT_FORMATS = ("full", "concise")


# What a terminal or a log viewer would act on rather than show: C0 controls but the tab (a
# newline in a file name would print a forged finding line, ESC starts a terminal command), DEL
# and C1, the line and paragraph separators, the bidirectional overrides that reorder what is
# shown (the "Trojan Source" trick), and lone surrogates (a file name whose bytes are no UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:       # os.fsdecode's stand-in for an undecodable byte: show the byte
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def shown(text: str) -> str:
    """Text for a human-readable format: every character that could forge or hide output is
    written as a Python-style escape (`\\n`, `\\x1b`, `\\u202e`); the rest is left alone."""
    return _UNSAFE.sub(_escape, text)


def valid_path(path: str) -> str:
    """A file name as valid Unicode (the bytes that are no UTF-8 escaped as `\\xNN`), so that it
    can be written in UTF-8 by every format: JSON, SARIF and the baseline included."""
    return _SURROGATE.sub(_escape, path)


def get(name: str):
    return importlib.import_module(f"report_lint.formats.{name.replace('-', '_')}")


def summarise(results, baselined: int = 0) -> dict:
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
    return {"files": len(results), "errors": counts["error"], "warnings": counts["warning"],
            "infos": counts["info"], "unreadable": sum(1 for r in results if r.error),
            "files_with_errors": sum(1 for r in results if any(f.severity == "error" for f in r.findings)),
            "baselined": baselined}


def display_path(path: str, base: str | None = None) -> str:
    """A path relative to ``base`` (default: the current directory) when it lies below it, with
    ``/`` separators — what CI systems expect (repository-relative paths)."""
    if path == "-":
        return path
    base = os.path.abspath(base or os.getcwd())
    ap = os.path.abspath(path)
    if ap == base or ap.startswith(base.rstrip(os.sep) + os.sep):
        return os.path.relpath(ap, base).replace(os.sep, "/")
    return path.replace(os.sep, "/")


def statistics(results) -> list[dict]:
    """Findings per rule: [{code, name, severity, count}], most frequent first."""
    counts: dict[tuple[str, str], list] = {}
    for r in results:
        for f in r.findings:
            e = counts.setdefault((f.code, f.name), [0, {}])
            e[0] += 1
            e[1][f.severity] = e[1].get(f.severity, 0) + 1
    rows = [{"code": c, "name": n, "severity": max(sev, key=sev.get), "count": k}
            for (c, n), (k, sev) in counts.items()]
    return sorted(rows, key=lambda x: (-x["count"], x["code"]))
