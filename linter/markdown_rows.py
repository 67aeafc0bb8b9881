"""Rows of a Markdown table that PDF extraction tore from their labels (examples/real/010.md).

A PDF table converted to Markdown keeps one table row per Markdown line, but its labels do
not survive: a label wrapped over two lines of the PDF cell comes out as text lines before
the row (`（二）部分公开（区分处理的，只计这一情` / `形，不计其他情形）` then `| 2 | 0 | … | 2 |`),
a label split across cells (`| （三）不 | 4.保护第三方合法权益 | 0 | …`), or no label at all
(`| 0 | 0 | 0 | 0 | 0 | 0 | 0 |`). After the rows have been read by their labels, this module
gives the lines of numbers that no row took to the rows still unread:

* a line whose text before the numbers names exactly one unread row (`4.保护第三方合法权益`,
  `缴纳费用、 | 行政机关不再处理其政`) is that row's;
* between two rows that were read, the unlabelled lines go, in order, to the unread rows the
  format puts between them — only when there are exactly as many lines as rows.

A line counts when it ends in as many numbers as the row has cells; a line that names its row
with fewer numbers (`| 规章 | 22 | 235 |` for three cells) shows the row is there but misaligned
(RL207), not missing.
"""
from __future__ import annotations

import re

from report_lint.model import Cell, Note, Report, Span, Table
from report_lint.normalise import normalise_label

_NUMBER = re.compile(r"\d+")
_NUMBERING = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+\.)")


def _label_text(label) -> list[str]:
    return [normalise_label(t) for t in label.texts]


def _value_lines(report: Report, table: Table, width: int, taken: set[int]):
    """(line, prefix text, [(value, start, end)]) for each pipe line of the table's stretch
    that ends in exactly `width` numbers and whose numbers no row has taken."""
    nt = report.normalised
    first = nt.line_col(table.span.start)[0]
    # to the end of the table's section: a row torn from the table may come after its last label
    end = table.section.span.end if table.section is not None else table.span.end
    last = nt.line_col(max(table.span.start, end - 1))[0]
    for n in range(first, last + 1):
        if n in taken:
            continue
        text = nt.line_text(n)
        if "|" not in text or len(text) > 400:
            continue
        base = nt.line_starts[n - 1]
        cells, pos = [], 0
        for part in text.split("|"):
            stripped = part.strip()
            if stripped:
                at = part.index(stripped)
                cells.append((stripped, base + pos + at, base + pos + at + len(stripped)))
            pos += len(part) + 1
        values = []
        while cells and _NUMBER.fullmatch(cells[-1][0]):
            values.insert(0, cells.pop())
        if not values or len(values) > width:
            continue
        yield n, normalise_label("".join(c[0] for c in cells)), [(int(v), s, e) for v, s, e in values]


def recover(report: Report, table: Table) -> None:
    tl = table.layout
    if tl is None or table.table == "四":
        return
    rows = list(tl.rows)

    # a row's cells are read together (report_lint.tables): all missing, or none, so its first
    # cell tells (a look per row, not per cell: most tables have nothing to recover)
    cells = table.cells
    todo = [r for r in rows if (c := cells.get((r.id, r.cells[0].id))) is None or c.kind == "missing"]
    if not todo:
        return
    nt = report.normalised
    read_line = {}          # row id → the line its numbers are on
    taken = set()
    for (rid, _), c in table.cells.items():
        if c.kind != "missing" and c.span is not None:
            n = nt.line_col(c.span.start)[0]
            taken.add(n)
            read_line.setdefault(rid, n)
    width = len(todo[0].cells)
    lines = list(_value_lines(report, table, width, taken))
    if not lines:
        return
    names = {r.id: _label_text(r.label) for r in todo}
    width_of = {r.id: len(r.cells) for r in todo}

    def owner(prefix: str):
        prefix = _NUMBERING.sub("", prefix)
        # a short label (规章) only as the whole text; a long one within it, or it within the label
        found = {rid for rid, texts in names.items()
                 if prefix and any(t == prefix or (len(t) >= 4 and t in prefix) or (len(prefix) >= 4 and prefix in t)
                                   for t in texts)}
        return found.pop() if len(found) == 1 else None

    assigned: dict[str, tuple] = {}
    # a line whose text names one unread row is that row's, wherever it stands
    labelled = set()
    for ln in lines:
        rid = owner(ln[1]) if ln[1] else None
        if rid is not None:
            labelled.add(ln[0])
            if rid not in assigned:
                assigned[rid] = ln
    # stretches between rows that were read, in the format's order
    anchors = [(-1, 0)] + [(k, read_line[r.id]) for k, r in enumerate(rows) if r.id in read_line] \
        + [(len(rows), 10 ** 9)]
    for (a, la), (b, lb) in zip(anchors, anchors[1:]):
        if lb <= la:
            continue                     # rows out of order: nothing is guessed
        gap = [r for r in rows[a + 1:b] if r in todo]
        if not gap:
            continue
        plain = [ln for ln in lines if la < ln[0] < lb and ln[0] not in labelled and len(ln[2]) == width]
        left = [r for r in gap if r.id not in assigned and width_of[r.id] == width]
        if left and len(left) == len(plain):
            for r, ln in zip(left, plain):
                assigned[r.id] = ln
    if not assigned:
        return
    for r in rows:
        if r.id not in assigned:
            continue
        _, _, values = assigned[r.id]
        if len(values) != len(r.cells):     # the row is there, its values are not all: RL207
            span = Span(values[0][1], values[-1][2])
            raw = " ".join(str(v) for v, _, _ in values)
            for col in r.cells:
                table.cells[(r.id, col.id)] = Cell(r, col, raw, None, "unaligned", span)
            table.notes.append(Note("unaligned", span, r, raw=raw, expected=len(r.cells), found=len(values)))
            continue
        for col, (v, s, e) in zip(r.cells, values):
            table.cells[(r.id, col.id)] = Cell(r, col, str(v), v, "number", Span(s, e))
    table.notes[:] = [n for n in table.notes if not (isinstance(n, Note) and n.kind == "missing_row"
                                                      and n.row is not None and n.row.id in assigned)]
