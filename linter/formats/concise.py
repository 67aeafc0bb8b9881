"""`--format concise`: one line per finding, `path:line:col: CODE [severity] message`."""
from __future__ import annotations


def render(results, summary, out, **_):
    for r in results:
        if r.error:
            out.write(f"{r.path}: 错误 (error): {r.error}\n")
            continue
        for f in r.findings:
            out.write(f"{r.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}\n")
    out.write(_summary_line(summary) + "\n")


def _summary_line(s) -> str:
    return (f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示"
            + (f"，{s['unreadable']} 个文件无法读取" if s["unreadable"] else "") + "。")
