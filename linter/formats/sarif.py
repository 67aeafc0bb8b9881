"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

One run; ``tool.driver.rules`` lists every known rule (id, name, descriptions from the rule's
docstring, default level); each result carries ``ruleId``/``ruleIndex``/``level``, a region in
1-based lines and columns counted in Unicode code points (``columnKind``), and
``partialFingerprints`` with the same content fingerprint the baseline file uses. Files that
could not be read are ``toolExecutionNotifications`` of the invocation. A finding on a .docx,
.pdf or .html carries its place in the document (page, paragraph, table grid cell) as a
``logicalLocation`` of its location (`第 2 个表格第 5 行第 3 列`) and as ``properties.place``.
(validated in tests against the official 2.1.0 schema.)
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from report_lint import __version__
from report_lint.formats import display_path
from report_lint.places import describe

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _trim(text: str, limit: int = 1024) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def rule_descriptor(r) -> dict:
    doc = r.doc()
    summary = r.summary()
    rest = doc.split("\n\n", 2)
    full = rest[1].replace("\n", " ").strip() if len(rest) > 1 else summary
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": _trim(summary)},
        "fullDescription": {"text": _trim(full or summary)},
        "help": {"text": doc or summary, "markdown": doc or summary},
        "defaultConfiguration": {"level": LEVEL.get(r.severity, "warning")},
        "properties": {"tags": [r.code[:3]], "precision": "high",
                       "problem.severity": {"info": "recommendation"}.get(r.severity, r.severity)},
    }


def _artifact(path: str) -> dict:
    """A path below the current directory is relative to %SRCROOT% (what GitHub wants);
    one outside it is an absolute file: URI."""
    shown = display_path(path)
    if path == "-":
        return {"uri": "stdin"}
    if os.path.isabs(shown):
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": "%SRCROOT%"}


def _location(path: str, f=None) -> dict:
    loc: dict = {"artifactLocation": _artifact(path)}
    if f is not None:
        loc["region"] = {"startLine": max(1, f.line), "startColumn": max(1, f.column),
                         "endLine": max(1, f.end_line or f.line),
                         "endColumn": max(1, f.end_column or f.column)}
    return {"physicalLocation": loc}


def document(results, summary) -> dict:
    from report_lint.registry import all_rules

    rules = list(all_rules())
    index = {r.code: i for i, r in enumerate(rules)}
    out_results, notes = [], []
    for r in results:
        if r.error:
            notes.append({"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                          "locations": [_location(r.path)]})
            continue
        for f in r.findings:
            res = {"ruleId": f.code, "level": LEVEL.get(f.severity, "warning"),
                   "message": {"text": f.message}, "locations": [_location(r.path, f)]}
            if f.code in index:
                res["ruleIndex"] = index[f.code]
            if f.extra.get("fingerprint"):
                res["partialFingerprints"] = {"reportLint/v1": f.extra["fingerprint"]}
            props = {k: v for k, v in (("section", f.section), ("table", f.table), ("cell", f.cell),
                                       ("expected", f.expected), ("actual", f.actual),
                                       ("place", f.place), ("previous", f.extra.get("previous"))) if v is not None}
            if f.place:     # where in the .docx/.pdf/.html: a logical location a viewer shows
                res["locations"][0]["logicalLocations"] = [
                    {"name": describe(f.place), "kind": "element",
                     "fullyQualifiedName": "/".join(f"{k}={v}" for k, v in f.place.items())}]
            if props:
                res["properties"] = props
            if f.extra.get("previous"):     # a finding across years: last year's report
                res["relatedLocations"] = [{"id": 0, **_location(f.extra["previous"]),
                                            "message": {"text": "上一年度报告 (last year's report)"}}]
            out_results.append(res)
    run = {
        "tool": {"driver": {"name": "report-lint", "semanticVersion": __version__,
                            "rules": [rule_descriptor(r) for r in rules]}},
        "invocations": [{"executionSuccessful": not notes,
                         "toolExecutionNotifications": notes}],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results, summary, out, **_):
    out.write(json.dumps(document(results, summary), ensure_ascii=False, indent=2))
    out.write("\n")
