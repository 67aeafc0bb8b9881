"""`--format concise`: one line per finding, `path:line:col: CODE [severity] message`, and for a
document where the finding stands in it: ` [第 2 个表格第 5 行第 3 列]`."""
from __future__ import annotations

from report_lint.formats import shown
from report_lint.places import where


def render(results, summary, out, quiet: bool = False, max_warnings: int | None = None, **_):
    for r in results:
        if r.error:
            out.write(f"{shown(r.path)}: 错误 (error): {shown(r.error)}\n")
            continue
        for f in r.findings:
            out.write(f"{shown(r.path)}:{f.line}:{f.column}: {f.code} [{f.severity}] {shown(f.message)}{where(f.place)}\n")
    if not quiet:
        out.write(summary_line(summary, results, max_warnings) + "\n")


def summary_line(s, results=None, max_warnings: int | None = None) -> str:
    """`检查了 N 个文件：…` — with the files that are no report counted apart from those that
    could not be read, and the reason when the warnings alone fail the run."""
    from report_lint.lint import NOT_A_REPORT

    not_reports = sum(1 for r in results or () if r.error and r.error.startswith(NOT_A_REPORT))
    unreadable = s["unreadable"] - not_reports
    line = (f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示"
            + (f"，{not_reports} 个文件不是年度报告" if not_reports else "")
            + (f"，{unreadable} 个文件无法读取" if unreadable else "")
            + (f"，{s['baselined']} 个已在基线中" if s.get("baselined") else "") + "。")
    if max_warnings is not None and s["warnings"] > max_warnings:
        line += f"警告超过 --max-warnings 允许的 {max_warnings} 个，因此检查不通过。"
    if results and len(results) > 1:
        line += f"有错误的文件 {s.get('files_with_errors', 0)} 个"
        slow = max((r for r in results if not r.error), key=lambda r: r.seconds, default=None)
        if slow is not None:
            line += f"；最慢：{shown(slow.path)}（{slow.seconds * 1000:.0f} 毫秒）"
        line += "。"
    return line
