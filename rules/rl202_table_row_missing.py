from itertools import groupby

from report_lint.rule import Rule

from ._helpers import truncation


class TableRowMissing(Rule, code="RL202", name="table-row-missing", severity="error", title="缺少表格行"):
    """规定表格缺少某一行。

    A row of a mandated table is missing.

    The format fixes every row of 表二, 表三 and 表四 (the tables of 国办公开办函〔2019〕60号 and
    〔2021〕30号: 表三 has 23 data rows in the 2019 format and 25 in the 2021 format). A table whose row is absent cannot be
    checked and does not report what the format demands. The finding names the row with its
    label as the format prints it and points where the row belongs (at the next row present).
    A table with no numbers at all is one RL108 finding instead. Three or more consecutive rows
    missing at the same place (a table cut off or pasted in part) are one finding that names
    the first and the last, not one per row.

    Bad — 表三 without the row 2.没有现成信息需要另行制作:

        1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Good:

        1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    def check(self, report):
        cut = truncation(report)
        gone = {(id(cut.table), r.id) for r in cut.rows} if cut else set()     # RL112 says so
        for _, found in groupby(report.notes("missing_row"), key=lambda tn: id(tn[0])):
            t, notes = None, []
            for t, n in found:
                if (id(t), n.row.id) not in gone:
                    notes.append(n)
            if not notes:
                continue
            order = {row.id: i for i, row in enumerate(t.layout.rows)}
            for run in _runs(notes, order):
                first, last = run[0].row, run[-1].row
                if len(run) < GROUP:
                    for n in run:
                        yield self.cell_finding(
                            report, t, f"表{t.table}缺少「{n.row.name}」这一行：规定格式要求列出这一行，没有发生的填 0。",
                            n.row, span=n.span, expected=n.row.label.canonical)
                    continue
                yield self.cell_finding(
                    report, t,
                    f"表{t.table}从「{first.name}」到「{last.name}」连续 {len(run)} 行都缺少"
                    f"（表格可能没有粘贴完整或被截断）：规定格式要求列出这些行，没有发生的填 0。",
                    first, span=run[0].span, expected="、".join(n.row.label.canonical for n in run))


GROUP = 3     # consecutive missing rows at one place from this many on: one finding


def _runs(notes, order):
    """Missing-row notes split into runs of rows adjacent in the layout that point at one place."""
    runs = []
    for n in notes:
        prev = runs[-1][-1] if runs else None
        if prev is not None and n.span == prev.span and order[n.row.id] == order[prev.row.id] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs
