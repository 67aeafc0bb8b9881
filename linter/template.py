"""`report-lint template --year YYYY`: the blank mandated skeleton of a report year's format —
the six headings, then the three tables with every row and column, zeros to fill in.

Everything comes from the grammar (report_lint.grammar.layout and the order of the rules in
table*.lark): no heading, row or column label is spelt here. Tables are printed as pipe rows,
one cell per column of the row, in the format's print order:

* 表二: per block its caption (第二十条第（…）项), the `信息内容` header with the block's
  columns, then its rows;
* 表三: the corner note, the header rows (申请人情况; the columns and the group spanning
  several), then every row — a group header (（三）不予公开 …) on its own line before its rows;
* 表四: the header rows (groups and outcomes) and one row of all the numbers (15).
"""
from __future__ import annotations

from report_lint.grammar import Label, TableLayout, layout, template_of_year

SEP = " | "
#: what the template puts in a section to be written; left there, the section is empty (RL106)
PLACEHOLDER = "（请在此填写本部分内容。）"


def template_format(year: int) -> str:
    template = template_of_year(year)
    if template not in ("2019", "2021"):
        raise ValueError("2019 年以前没有规定格式 (no mandated format before 2019)")
    return template


def _row(label: str, cells: int, values: list[str] | None = None) -> str:
    return SEP.join([label] + (values if values is not None else ["0"] * cells))


def _values(row, values: dict | None) -> list[str] | None:
    """A row's cells in print order from {(row id, column id): text}; None: zeros."""
    if values is None:
        return None
    return [values.get((row.id, c.id), "") for c in row.cells]


def _table2(tl: TableLayout, values: dict | None = None) -> list[str]:
    out = []
    header = tl.headers[0].canonical if tl.headers else None
    for caption in tl.captions:
        rows = [r for r in tl.rows if r.caption == caption]
        out.append(caption.canonical)
        cols = [c.name for c in rows[0].cells]
        out.append(SEP.join(([header] if header else []) + cols))
        out += [_row(r.name, len(r.cells), _values(r, values)) for r in rows]
    return out


def _column_headers(columns) -> list[str]:
    """Header lines for columns some of which sit under a spanning group label."""
    top, sub = [], []
    for c in columns:
        if c.group is None:
            top.append(c.name)
        else:
            if c.group.canonical not in top:
                top.append(c.group.canonical)
            sub.append(c.name)
    return [SEP.join(top)] + ([SEP.join(sub)] if sub else [])


def _table3(tl: TableLayout, values: dict | None = None) -> list[str]:
    out = [h.canonical for h in tl.headers]
    out += _column_headers(tl.columns)
    order = layout().order
    # rows in the layout's print order; a group header before its first row (a header of no
    # row's own, 三、本年度办理结果, before the first row the grammar defines after it)
    items = [((i, 1), _row(r.label.canonical, len(r.cells), _values(r, values)))
             for i, r in enumerate(tl.rows)]
    for g in tl.groups:
        first = next((i for i, r in enumerate(tl.rows) if r.group == g), None)
        if first is None:
            first = next((i for i, r in enumerate(tl.rows) if order[r.id] > order[g.id]), len(tl.rows))
        items.append(((first, 0), g.canonical))
    out += [text for _, text in sorted(items)]
    return out


def _table4(tl: TableLayout, values: dict | None = None) -> list[str]:
    # units in print order: a row on its own, or a group of rows under a spanning label
    units: list[tuple[Label | None, list]] = []
    for r in tl.rows:
        if r.group is not None and units and units[-1][0] == r.group:
            units[-1][1].append(r)
        else:
            units.append((r.group, [r]))
    line1 = [g.canonical if g else rows[0].label.canonical for g, rows in units]
    line2, line3 = [], []
    for g, rows in units:
        if g is None:
            line2 += [c.name for c in rows[0].cells]
        else:
            line2 += [r.label.canonical for r in rows]
            for r in rows:
                line3 += [c.name for c in r.cells]
    lines = [SEP.join(line1), SEP.join(line2)] + ([SEP.join(line3)] if line3 else [])
    lines.append(SEP.join(["0"] * tl.cell_count if values is None else
                          [v for r in tl.rows for v in _values(r, values)]))
    return lines


_RENDER = {"二": _table2, "三": _table3, "四": _table4}


def table_lines(table: str, fmt: str, values: dict | None = None) -> list[str]:
    """A mandated table as pipe rows; `values` {(row id, column id): text} fills the cells
    (a cell it lacks is left blank), None fills them with zeros."""
    return _RENDER[table](layout().table(table, fmt), values)


def render_template(year: int) -> str:
    template = template_format(year)
    lay = layout()
    lines = [f"{year}年政府信息公开工作年度报告", "",
             f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", ""]
    for sec in lay.sections:
        lines.append(sec.label.canonical)
        lines.append("")
        if sec.table:
            lines += table_lines(sec.table, template)
        else:
            lines.append(PLACEHOLDER)
        lines.append("")
    return "\n".join(lines)
