"""`--format full` (the default on a terminal): each finding with the source line and a caret
under the flagged text. Everything is laid out by terminal cell width (a hanzi is two cells)
and wrapped here, not by the terminal: a source line wider than the screen is cut into rows
with the carets under the row that holds the flagged text, and message lines continue
indented — never a row that starts with `；` or `。`."""
from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from report_lint.formats import shown
from report_lint.formats.concise import summary_line
from report_lint.places import where
from report_lint.registry import SEVERITY_WORDS as _WORD, title_of

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LONG_LINE = 160        # a line longer than this (a collapsed report) is shown by an excerpt
CONTEXT = 30           # characters of context either side of the flagged text in an excerpt
MAX_FLAGGED = 240      # longest flagged stretch shown in full; a longer one is shown by its start
TAB = 8                # cells a tab may take (the widest a terminal gives it)
# punctuation that must not begin a row (Chinese line breaking): it stays on the row before
_NO_ROW_START = set("，。；：、！？）」』”’》〉】,.;:!?)]")


def _cells(ch: str) -> int:
    return TAB if ch == "\t" else cell_len(ch)


def caret_line(line: str, col: int, end_col: int | None) -> str:
    """Spaces up to the flagged column (by cell width, tabs kept), then carets under it."""
    before = shown(line[:col - 1])      # as printed: an escaped control character is wider
    pad = "".join("\t" if ch == "\t" else " " * cell_len(ch) for ch in before)
    flagged = shown(line[col - 1:(end_col - 1) if end_col and end_col > col else col])
    width = max(1, cell_len(flagged)) if flagged else 1
    return pad + "^" * width


def _units(text: str):
    """Runs of ASCII letters, digits and number punctuation (`--max-warnings`, `1690.9913`,
    a path) stay whole; any other character is a unit of its own."""
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j].isascii() and not text[j].isspace():
            j += 1
        if j > i:
            yield text[i:j]
            i = j
        else:
            yield text[i]
            i += 1


def wrap(text: str, width: int) -> list[str]:
    """Rows of at most `width` cells (up to two more for a punctuation mark kept on its row);
    the concatenated rows are the text unchanged."""
    rows, row, used = [], [], 0
    for unit in _units(text):
        w = sum(_cells(ch) for ch in unit)
        if w > width:                   # longer than a row: cut it by characters
            for ch in unit:
                if row and used + _cells(ch) > width:
                    rows.append("".join(row))
                    row, used = [], 0
                row.append(ch)
                used += _cells(ch)
            continue
        if row and used + w > width and not (unit in _NO_ROW_START and used + w <= width + 2):
            rows.append("".join(row))
            row, used = [], 0
        row.append(unit)
        used += w
    if row or not rows:
        rows.append("".join(row))
    return rows


def excerpt(line: str, start: int, end: int) -> tuple[str, int, int, bool, bool]:
    """The part of a long line to show around the flagged [start, end): the text, the flagged
    stretch's offsets in it, and whether text was cut before and after."""
    end = min(end, start + MAX_FLAGGED)
    lo, hi = max(0, start - CONTEXT), min(len(line), end + CONTEXT)
    return line[lo:hi], start - lo, end - lo, lo > 0, hi < len(line)


def source_rows(line: str, col: int, end_col: int | None, width: int) -> list[tuple[str, str | None]]:
    """(text row, caret row or None) for showing `line` with [col, end_col) marked, in rows of
    at most `width` cells."""
    start = col - 1
    end = (end_col - 1) if end_col and end_col > col else col
    end = max(start + 1, min(end, len(line))) if line else start + 1
    cut_before = cut_after = False
    if len(line) > LONG_LINE:
        line, start, end, cut_before, cut_after = excerpt(line, start, end)
    if cut_before:
        line, start, end = "…" + line, start + 1, end + 1
    if cut_after:
        line += "…"
    out, pos = [], 0
    for row in wrap(line, width):
        a, b = pos, pos + len(row)
        caret = None
        if start < b and end > a:
            lo, hi = max(start, a) - a, min(end, b) - a
            caret = caret_line(row, lo + 1, hi + 1)
        out.append((row, caret))
        pos = b
    return out


def render(results, summary, out, quiet: bool = False, max_warnings: int | None = None, **_):
    console = Console(file=out, highlight=False, soft_wrap=True)
    width = max(40, console.width)
    for r in results:
        if r.error:
            console.print(f"[bold]{escape(shown(r.path))}[/]: [bold red]无法检查[/]：{escape(shown(r.error))}")
            continue
        for f in r.findings:
            console.print(f"[bold]{escape(shown(r.path))}:{f.line}:{f.column}[/]: "
                          f"[{_STYLE.get(f.severity, 'bold')}]{f.code} {_WORD.get(f.severity, f.severity)}[/] "
                          f"{escape(title_of(f.code, f.name))} [dim]{f.name}[/]" + escape(where(f.place, "  （{}）")))
            for k, row in enumerate(wrap(shown(f.message), width - 4)):
                console.print(("  " if k == 0 else "    ") + escape(row if k == 0 else row.lstrip()))
            line = r.lines.get(f.line)
            if line is not None and line.strip() and f.span.end >= f.span.start:
                end_col = f.end_column if f.end_line == f.line else len(line) + 1
                for text, caret in source_rows(line, f.column, end_col, width - 4):
                    console.print("  [dim]|[/] " + escape(shown(text)))
                    if caret is not None:
                        console.print("  [dim]|[/] [bold]" + caret + "[/]")
            console.print()
    if not quiet:
        console.print(escape(summary_line(summary, results, max_warnings)))
