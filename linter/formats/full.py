"""`--format full` (the default on a terminal): each finding with the source line and a caret
under the flagged text. Carets are placed by terminal cell width (a hanzi is two cells)."""
from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from report_lint.formats import shown
from report_lint.formats.concise import summary_line
from report_lint.places import where
from report_lint.registry import SEVERITY_WORDS as _WORD, title_of

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def caret_line(line: str, col: int, end_col: int | None) -> str:
    """Spaces up to the flagged column (by cell width, tabs kept), then carets under it."""
    before = shown(line[:col - 1])      # as printed: an escaped control character is wider
    pad = "".join("\t" if ch == "\t" else " " * cell_len(ch) for ch in before)
    flagged = shown(line[col - 1:(end_col - 1) if end_col and end_col > col else col])
    width = max(1, cell_len(flagged)) if flagged else 1
    return pad + "^" * min(width, 80)


def render(results, summary, out, quiet: bool = False, **_):
    console = Console(file=out, highlight=False, soft_wrap=True)
    for r in results:
        if r.error:
            console.print(f"[bold]{escape(shown(r.path))}[/]: [bold red]无法检查[/]：{escape(shown(r.error))}")
            continue
        for f in r.findings:
            console.print(f"[bold]{escape(shown(r.path))}:{f.line}:{f.column}[/]: "
                          f"[{_STYLE.get(f.severity, 'bold')}]{f.code} {_WORD.get(f.severity, f.severity)}[/] "
                          f"{escape(title_of(f.code, f.name))} [dim]{f.name}[/]" + escape(where(f.place, "  （{}）")))
            console.print(f"  {escape(shown(f.message))}")
            line = r.lines.get(f.line)
            if line is not None and f.span.end >= f.span.start:
                view = line if len(line) <= 160 else _window(line, f.column)
                if view is line and line.strip():
                    end_col = f.end_column if f.end_line == f.line else len(line) + 1
                    console.print("  [dim]|[/] " + escape(shown(line)))
                    console.print("  [dim]|[/] [bold]" + caret_line(line, f.column, end_col) + "[/]")
                elif view is not line:
                    text, col = view
                    console.print("  [dim]|[/] …" + escape(shown(text)) + "…")
                    console.print("  [dim]|[/]  [bold]" + caret_line(text, col, None) + "[/]")
            console.print()
    if not quiet:
        console.print(escape(summary_line(summary, results)))


def _window(line: str, col: int, width: int = 60) -> tuple[str, int]:
    """A long (collapsed) line: show the stretch around the column."""
    start = max(0, col - 1 - width // 2)
    return line[start:start + width], col - start
