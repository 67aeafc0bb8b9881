"""`--format concise`: one line per finding, `path:line:col: CODE [severity] message`, and for a
document where the finding stands in it: ` [第 2 个表格第 5 行第 3 列]`."""
from __future__ import annotations

from report_lint.formats import shown
from report_lint.places import where


def render(results, summary, out, quiet: bool = False, **_):
    for r in results:
        if r.error:
            out.write(f"{shown(r.path)}: 错误 (error): {shown(r.error)}\n")
            continue
        for f in r.findings:
            out.write(f"{shown(r.path)}:{f.line}:{f.column}: {f.code} [{f.severity}] {shown(f.message)}{where(f.place)}\n")
    if not quiet:
        out.write(summary_line(summary, results) + "\n")


def summary_line(s, results=None) -> str:
    line = (f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示"
            + (f"，{s['unreadable']} 个文件无法读取" if s["unreadable"] else "")
            + (f"，{s['baselined']} 个已在基线中" if s.get("baselined") else "") + "。")
    if results and len(results) > 1:
        line += f"有错误的文件 {s.get('files_with_errors', 0)} 个"
        slow = max((r for r in results if not r.error), key=lambda r: r.seconds, default=None)
        if slow is not None:
            line += f"；最慢：{shown(slow.path)}（{slow.seconds * 1000:.0f} 毫秒）"
        line += "。"
    return line
