"""Output formats. Each module has ``render(results, summary, out, **opts)``; only the chosen
one is imported (rich costs tens of milliseconds, machine formats never pay it)."""
from __future__ import annotations

import importlib

FORMATS = ("full", "concise", "json")


def get(name: str):
    return importlib.import_module(f"report_lint.formats.{name.replace('-', '_')}")


def summarise(results) -> dict:
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
    return {"files": len(results), "errors": counts["error"], "warnings": counts["warning"],
            "infos": counts["info"], "unreadable": sum(1 for r in results if r.error)}
