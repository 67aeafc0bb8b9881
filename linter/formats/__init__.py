"""Output formats. Each module has ``render(results, summary, out, **opts)``; only the chosen
one is imported (rich costs tens of milliseconds, machine formats never pay it).

Results arrive in input order; a result's ``report`` may be None (it crossed a process
boundary), so formatters use ``FileResult.lines`` for source text, never the model.
"""
from __future__ import annotations

import importlib
import os

FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab", "html")
TEXT_FORMATS = ("full", "concise")


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
