"""The table reader: a Table block's LABEL and CELL tokens → cells addressed by canonical
row and column (report_lint.model.Cell).

Separated layouts (pipe rows, one cell per line, tab/space separated, Markdown) map the cells
that follow a row label one-to-one onto the row's columns.
"""
from __future__ import annotations

from report_lint.grammar import layout
from report_lint.model import Cell, Report, Table


def _value(raw: str):
    s = raw.replace(",", "")
    try:
        return float(s) if "." in s else int(s)
    except ValueError:
        return None


def read_table(table: Table, fmt: str) -> None:
    tl = layout().table(table.table, fmt)
    table.layout = tl
    rows_by_label = {}
    for r in tl.rows:
        rows_by_label[r.label.id] = r
    current = None
    pending = []
    for tok in table.tokens:
        if tok.type == "LABEL":
            ids = {i.label.id for i in tok.info["infos"]}
            row = next((rows_by_label[i] for i in ids if i in rows_by_label), None)
            if row is not None:
                current, pending = row, []
            continue
        if current is not None:
            pending.append(tok)
            cols = current.cells
            if len(pending) <= len(cols):
                col = cols[len(pending) - 1]
                kind = tok.info.get("kind")
                table.cells[(current.id, col.id)] = Cell(current, col, tok.text,
                                                         _value(tok.text) if kind == "number" else None,
                                                         kind, tok.span)


def read_tables(report: Report) -> None:
    for t in report.tables:
        fmt = t.fmt or (report.template if report.template in ("2019", "2021") else "2021")
        read_table(t, fmt)
