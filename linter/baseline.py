"""Fingerprints of findings, and the baseline file of known, accepted findings.

A published report must never carry comments to silence a rule, so accepted findings live
outside it, in a baseline file (ESLint's model). A finding is keyed by its file, its rule and a
fingerprint of the text it flags — not its line, which shifts whenever a paragraph is added
above it. The fingerprint hashes the rule code, the flagged text (normalised: simplified
characters, folded widths, no whitespace) with a few characters of context on each side, and
the occurrence index of that same (rule, text) pair in the file, so two identical findings stay
two. The same fingerprint is SARIF's ``partialFingerprints`` and GitLab's ``fingerprint``.

The file (JSON, sorted, one entry per finding)::

    {"version": 1, "tool": "report-lint",
     "findings": [{"path": "reports/2019.txt", "code": "RL107", "fingerprint": "…"}]}

Paths are relative to the baseline file's directory, with ``/`` separators.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter

CONTEXT = 8          # characters of context on each side of the flagged text
_WS = re.compile(r"\s\s*")   # (not \s+: a class first lets the search skip ahead)


def flagged_text(norm: str, start: int, end: int) -> str:
    lo, hi = max(0, start - CONTEXT), min(len(norm), max(end, start) + CONTEXT)
    return _WS.sub("", norm[lo:hi])


def assign(findings, norm: str) -> None:
    """Set ``extra["fingerprint"]`` on every finding of one file (findings in file order)."""
    seen: Counter = Counter()
    for f in findings:
        text = flagged_text(norm, f.span.start, f.span.end)
        key = (f.code, text)
        idx = seen[key]
        seen[key] += 1
        h = hashlib.sha256(f"{f.code}\0{text}\0{idx}".encode("utf-8")).hexdigest()[:16]
        f.extra["fingerprint"] = h


def _key_path(path: str, base_dir: str) -> str:
    if path == "-":
        return "-"
    return os.path.relpath(os.path.abspath(path), base_dir).replace(os.sep, "/")


class BaselineError(Exception):
    """A baseline file that cannot be used (exit code 2)."""


MAX_BYTES = 32 * 1024 * 1024     # ~250,000 accepted findings


def load(path: str) -> Counter:
    from report_lint.read import NOT_FOUND, InputError, read_regular

    try:
        doc = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
    except InputError as e:
        if str(e) == NOT_FOUND:
            raise BaselineError(f"{path}: 基线文件不存在 (baseline file not found; create it with --update-baseline)") from None
        raise BaselineError(f"{path}: 无法读取基线文件：{e}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BaselineError(f"{path}: 基线文件不是有效的 JSON (invalid JSON: {e})") from None
    except RecursionError:
        raise BaselineError(f"{path}: 基线文件嵌套过深 (nested too deeply)") from None
    entries = doc.get("findings") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and {"path", "code", "fingerprint"} <= set(e) for e in entries):
        raise BaselineError(f"{path}: 基线文件格式不对：应有 findings 列表，每项含 path、code、fingerprint "
                            "(not a report-lint baseline)")
    try:
        return Counter((e["path"], e["code"], e["fingerprint"]) for e in entries)
    except TypeError:           # a list or an object where a string belongs: not hashable
        raise BaselineError(f"{path}: 基线文件中 path、code、fingerprint 应为字符串 (not a report-lint baseline)") from None


def apply(results, path: str) -> int:
    """Drop the findings the baseline accepts; return how many were dropped."""
    known = load(path)
    base_dir = os.path.dirname(os.path.abspath(path))
    dropped = 0
    for r in results:
        if not r.findings:
            continue
        p = _key_path(r.path, base_dir)
        keep = []
        for f in r.findings:
            k = (p, f.code, f.extra.get("fingerprint"))
            if known[k] > 0:
                known[k] -= 1
                dropped += 1
            else:
                keep.append(f)
        r.findings = keep
    return dropped


def write(results, path: str) -> int:
    """Write every current finding to the baseline file; return how many."""
    base_dir = os.path.dirname(os.path.abspath(path))
    entries = sorted(
        ({"path": _key_path(r.path, base_dir), "code": f.code, "fingerprint": f.extra["fingerprint"]}
         for r in results if not r.error for f in r.findings),
        key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    doc = {"version": 1, "tool": "report-lint", "findings": entries}
    from report_lint.outputs import write_atomic   # OutputError: one line, exit 2

    write_atomic(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return len(entries)
