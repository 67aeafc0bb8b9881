from report_lint.rule import Rule

from report_lint.arithmetic import determined, numeric_values

from ._helpers import truncation
from ._messages import cell_name, show_value

_ABSENT = ("blank", "missing")


class CellMissing(Rule, code="RL204", name="cell-missing", severity="warning", title="单元格空白"):
    """规定表格的某个单元格是空的。

    A cell of a mandated table is blank.

    A blank cell is not a zero: the format expects a number in every cell (write `0` where
    nothing happened). A blank cell is left out of the arithmetic rather
    than read as 0. A row with all its cells blank is one finding; a table with no number at all
    is one RL108 finding; the two cells the 2019 表二 leaves empty by design (（八） and （九）'s
    third column) are never findings. A blank cell whose value the table's relations fix and
    that is not 0 (a 总计 left empty while its row adds up to 1) is an error giving that value:
    the table as published is wrong, not merely incomplete.

    Bad:

        规章 | 0 | | 3

    Good:

        规章 | 0 | 0 | 3
    """

    def check(self, report):
        cut = truncation(report)
        for t in report.numbered_tables():
            missing_rows = {n.row.id for n in t.notes if n.kind == "missing_row"}
            if cut is not None and cut.table is t:
                missing_rows |= {r.id for r in cut.rows}      # the row at the cut: RL112 says so
            vals = None       # the table's numbers, read at the first blank (most tables have none)
            blank = {rid for (rid, _), c in t.cells.items() if c.kind in _ABSENT}
            for row in t.layout.rows:
                if row.id in missing_rows or row.id not in blank:
                    continue
                cells = [t.cells.get((row.id, c.id)) for c in row.cells]
                absent = [c for c in cells if c is not None and c.kind in _ABSENT]
                if not absent:
                    continue
                if vals is None:
                    vals = numeric_values(t)
                owed = [(c, v) for c in absent if (v := determined(t, (row.id, c.column.id), vals))]
                if len(absent) == len(cells) > 1:
                    due = "；".join(f"「{c.column.name}」应为 {show_value(v)}" for c, v in owed)
                    yield self.cell_finding(
                        report, t, f"{cell_name(t, row)}整行没有数字：" + (
                            f"按表中其他数字，{due}，请填入。" if owed else "请填入数据（没有发生的填 0，不要留空）。"),
                        row, cell=cells[0], **({"severity": "error"} if owed else {}))
                    continue
                for c in absent:
                    v = dict((id(x), v) for x, v in owed).get(id(c))
                    if v:
                        yield self.cell_finding(
                            report, t, f"{cell_name(t, row, c.column)}是空的，但按表中其他数字应为 {show_value(v)}"
                            "（勾稽关系要求这个数）：请填入。", row, c.column, c, severity="error", expected=v)
                        continue
                    yield self.cell_finding(
                        report, t, f"{cell_name(t, row, c.column)}是空的：请填入数字（没有发生的填 0）；空格不计入合计核对。",
                        row, c.column, c)
