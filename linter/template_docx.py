"""`report-lint template --format docx`: the blank mandated report as a Word document.

The same content as the text template (report_lint.template: title, statistics period, the six
headings, the three tables, zeros to fill in), laid out as the official template does it:

* 表二: a 4-column grid; each block's caption spans the row, a block with fewer columns than the
  grid widens its last cell (2021's single 本年处理决定数量 spans three);
* 表三: a 10-column grid; the corner note spans 3 × 3, 申请人情况 spans the seven data columns,
  法人或其他组织 spans its five, 自然人 and 总计 span two header rows; 三、本年度办理结果 spans
  the rows it groups, each sub-group (（三）不予公开 …) the rows it holds;
* 表四: a 15-column grid; 行政复议 over its five outcomes, 行政诉讼 over its two groups of five.

Every label comes from the grammar (report_lint.grammar.layout()); python-docx writes the file.
"""
from __future__ import annotations

from report_lint.grammar import TableLayout, layout
from report_lint.template import PLACEHOLDER, template_format

ZERO = "0"


def _merge(table, r0: int, c0: int, r1: int, c1: int, text: str):
    """Merge the grid rectangle (inclusive) into one cell holding `text`."""
    cell = table.cell(r0, c0)
    if (r0, c0) != (r1, c1):
        cell = cell.merge(table.cell(r1, c1))
    cell.text = text
    return cell


def _table2(doc, tl: TableLayout) -> None:
    header = tl.headers[0].canonical if tl.headers else ""
    blocks = [(cap, [r for r in tl.rows if r.caption == cap]) for cap in tl.captions]
    width = 1 + max(len(rows[0].cells) for _, rows in blocks)
    table = doc.add_table(rows=sum(2 + len(rows) for _, rows in blocks), cols=width)
    table.style = "Table Grid"
    i = 0
    for cap, rows in blocks:
        _merge(table, i, 0, i, width - 1, cap.canonical)
        for j, texts in enumerate([[header] + [c.name for c in rows[0].cells]] +
                                  [[r.name] + [ZERO] * len(r.cells) for r in rows]):
            row = i + 1 + j
            for k, text in enumerate(texts):
                last = k == len(texts) - 1
                _merge(table, row, k, row, width - 1 if last else k, text)
        i += 2 + len(rows)


def _table3(doc, tl: TableLayout) -> None:
    from report_lint.arithmetic import T3_CARRIED, T3_FORWARD, T3_NEW

    cols = list(tl.columns)
    width = 3 + len(cols)
    rows = list(tl.rows)
    table = doc.add_table(rows=3 + len(rows), cols=width)
    table.style = "Table Grid"
    corner, over = (h.canonical for h in tl.headers)
    _merge(table, 0, 0, 2, 2, corner)
    _merge(table, 0, 3, 0, width - 1, over)
    c = 3
    while c < width:
        col = cols[c - 3]
        if col.group is None:
            _merge(table, 1, c, 2, c, col.name)
            c += 1
            continue
        members = [x for x in cols if x.group == col.group]
        _merge(table, 1, c, 1, c + len(members) - 1, col.group.canonical)
        for k, m in enumerate(members):
            _merge(table, 2, c + k, 2, c + k, m.name)
        c += len(members)
    results = next(g for g in tl.groups if not any(r.group == g for r in rows))
    inside = [i for i, r in enumerate(rows) if r.id not in (T3_NEW, T3_CARRIED, T3_FORWARD)]
    _merge(table, 3 + inside[0], 0, 3 + inside[-1], 0, results.canonical)
    i = 0
    while i < len(rows):
        r, g = rows[i], rows[i].group
        n = sum(1 for x in rows if x.group == g) if g is not None else 1
        if i not in inside:
            _merge(table, 3 + i, 0, 3 + i, 2, r.label.canonical)
        elif g is None:
            _merge(table, 3 + i, 1, 3 + i, 2, r.label.canonical)
        else:                               # a sub-group's label beside the rows it holds
            _merge(table, 3 + i, 1, 3 + i + n - 1, 1, g.canonical)
            for k in range(n):
                table.cell(3 + i + k, 2).text = rows[i + k].label.canonical
        for k in range(n):
            for j in range(len(cols)):
                table.cell(3 + i + k, 3 + j).text = ZERO
        i += n


def _table4(doc, tl: TableLayout) -> None:
    units: list[tuple] = []
    for r in tl.rows:
        if r.group is not None and units and units[-1][0] == r.group:
            units[-1][1].append(r)
        else:
            units.append((r.group, [r]))
    width = tl.cell_count
    table = doc.add_table(rows=4, cols=width)
    table.style = "Table Grid"
    c = 0
    for g, rows in units:
        n = sum(len(r.cells) for r in rows)
        if g is None:
            _merge(table, 0, c, 0, c + n - 1, rows[0].label.canonical)
            for k, col in enumerate(rows[0].cells):
                _merge(table, 1, c + k, 2, c + k, col.name)
        else:
            _merge(table, 0, c, 0, c + n - 1, g.canonical)
            k = c
            for r in rows:
                _merge(table, 1, k, 1, k + len(r.cells) - 1, r.label.canonical)
                for j, col in enumerate(r.cells):
                    table.cell(2, k + j).text = col.name
                k += len(r.cells)
        c += n
    for j in range(width):
        table.cell(3, j).text = ZERO


_BUILD = {"二": _table2, "三": _table3, "四": _table4}


def write_template(year: int, path: str) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    fmt = template_format(year)
    lay = layout()
    doc = docx.Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(f"{year}年政府信息公开工作年度报告").bold = True
    doc.add_paragraph(f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    for sec in lay.sections:
        doc.add_paragraph().add_run(sec.label.canonical).bold = True
        if sec.table:
            _BUILD[sec.table](doc, lay.table(sec.table, fmt))
        else:
            doc.add_paragraph(PLACEHOLDER)     # left there, an empty section (RL106)
    doc.save(path)
