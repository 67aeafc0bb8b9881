"""`--format github`: GitHub Actions workflow commands, one annotation per finding
(``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message``), escaped as
actions/toolkit does. GitHub shows only the first ten annotations of each kind per step, so
when ``$GITHUB_STEP_SUMMARY`` is set the full table is appended there as Markdown.
Paths are relative to ``$GITHUB_WORKSPACE`` (else the current directory).
"""
from __future__ import annotations

import os

from report_lint.formats import display_path, shown
from report_lint.places import where

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    """actions/toolkit's escaping (a newline is part of the message: %0A), then every other
    character a log viewer would act on is written as an escape."""
    return shown(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(kind: str, message: str, **props) -> str:
    ps = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind} {ps}::{escape_data(message)}" if ps else f"::{kind}::{escape_data(message)}"


def render(results, summary, out, **_):
    base = os.environ.get("GITHUB_WORKSPACE") or None
    for r in results:
        path = display_path(r.path, base)
        if r.error:
            out.write(annotation("error", r.error, file=path, title="report-lint: 无法检查") + "\n")
            continue
        for f in r.findings:
            out.write(annotation(COMMAND.get(f.severity, "warning"), f.message + where(f.place), file=path,
                                 line=f.line, endLine=f.end_line, col=f.column, endColumn=f.end_column,
                                 title=f"{f.code} {f.name}") + "\n")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as s:
            s.write(step_summary(results, summary, base))


def _cell(s) -> str:
    return shown(str(s)).replace("|", "\\|")


def step_summary(results, summary, base=None) -> str:
    lines = ["## report-lint", "",
             f"{summary['files']} 个文件：{summary['errors']} 个错误，{summary['warnings']} 个警告，"
             f"{summary['infos']} 个提示，{summary['unreadable']} 个文件无法读取。", ""]
    rows = []
    for r in results:
        path = display_path(r.path, base)
        if r.error:
            rows.append(f"| {_cell(path)} | | | 无法检查 | {_cell(r.error)} |")
        for f in r.findings:
            rows.append(f"| {_cell(path)} | {f.line}:{f.column}{_cell(where(f.place, ' {}'))} | {f.code} {f.name} | {f.severity} "
                        f"| {_cell(f.message)} |")
    if rows:
        lines += ["| 文件 | 位置 | 规则 | 级别 | 说明 |", "|---|---|---|---|---|", *rows, ""]
    return "\n".join(lines) + "\n"
