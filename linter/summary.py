"""`report-lint summary`: one row per report for a supervising office — who, which year, which
format, the totals of 表三 and 表四, the findings per severity, and, where last year's report of
the same agency is in the batch (or named with --previous), the change of 本年新收 over the year.

``rows(results, pairs)`` returns the rows as plain dicts (keys in ``FIELDS``), for any output
that wants them (CSV, JSON, an HTML index). CSV carries a UTF-8 BOM so that Excel on a Chinese
Windows opens it as UTF-8, and Chinese column headings.
"""
from __future__ import annotations

import csv
import json
from typing import IO

# (key, CSV heading)
FIELDS = (
    ("path", "文件"), ("agency", "机关"), ("year", "年度"), ("template", "格式"), ("kind", "文件类型"),
    ("t3_new", "本年新收"), ("t3_carried_over", "上年结转"), ("t3_open", "予以公开"),
    ("t3_partial", "部分公开"), ("t3_total", "办理结果总计"), ("t3_carried_forward", "结转下年度"),
    ("t4_review", "行政复议总计"), ("t4_direct", "未经复议直接起诉总计"), ("t4_after_review", "复议后起诉总计"),
    ("errors", "错误"), ("warnings", "警告"), ("infos", "提示"),
    ("previous", "上一年度报告"), ("t3_new_previous", "上一年度本年新收"), ("t3_new_change", "本年新收增减"),
    ("t3_new_change_pct", "本年新收增减（%）"), ("error", "无法读取的原因"),
)
_T3 = {"t3_new": "row3_new", "t3_carried_over": "row3_carried_over", "t3_open": "row3_open",
       "t3_partial": "row3_partial", "t3_total": "row3_total", "t3_carried_forward": "row3_carried_forward"}
_T4 = {"t4_review": "row4_review", "t4_direct": "row4_direct", "t4_after_review": "row4_after_review"}


def row(result, previous=None) -> dict:
    """The summary row of one FileResult (``previous``: last year's FileResult, if paired)."""
    out = dict.fromkeys(k for k, _ in FIELDS)
    out["path"] = result.path
    out["error"] = result.error
    p = result.profile
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    out.update(errors=counts["error"], warnings=counts["warning"], infos=counts["info"])
    if p is None:
        return out
    out.update(agency=p.agency, year=p.year, template=p.template, kind=p.kind)
    for key, rid in _T3.items():
        out[key] = p.t3_value(rid)
    for key, rid in _T4.items():
        c = p.t4.get((rid, "col4_total"))
        out[key] = c.value if c is not None else None
    if previous is not None and previous.profile is not None:
        out["previous"] = previous.path
        before, now = previous.profile.t3_value("row3_new"), out["t3_new"]
        out["t3_new_previous"] = before
        if before is not None and now is not None:
            out["t3_new_change"] = now - before
            out["t3_new_change_pct"] = round((now - before) * 100 / before, 1) if before else None
    return out


def rows(results, pairs=()) -> list[dict]:
    """One row per result, in input order; ``pairs``: report_lint.years.Pair of the run."""
    prev = {id(p.cur): p.prev for p in pairs if p.prev is not None}
    return [row(r, prev.get(id(r))) for r in results]


def write(table: list[dict], fmt: str, out: IO[str]) -> None:
    if fmt == "csv":
        out.write("\ufeff")
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow([label for _, label in FIELDS])
        for r in table:
            w.writerow(["" if r[k] is None else r[k] for k, _ in FIELDS])
        return
    json.dump(table, out, ensure_ascii=False, indent=1)
    out.write("\n")
