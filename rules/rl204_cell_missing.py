from report_lint.rule import Rule

from ._messages import cell_name

_ABSENT = ("blank", "missing")


class CellMissing(Rule, code="RL204", name="cell-missing", severity="warning", title="单元格空白"):
    """规定表格的某个单元格是空的。

    A cell of a mandated table is blank.

    A blank cell is not a zero: the format expects a number in every cell (write `0` where
    nothing happened). A blank cell is left out of the arithmetic rather
    than read as 0. A row with all its cells blank is one finding; a table with no number at all
    is one RL108 finding; the two cells the 2019 表二 leaves empty by design (（八） and （九）'s
    third column) are never findings.

    Bad:

        规章 | 0 | | 3

    Good:

        规章 | 0 | 0 | 3
    """

    def check(self, report):
        for t in report.numbered_tables():
            missing_rows = {n.row.id for n in t.notes if n.kind == "missing_row"}
            for row in t.layout.rows:
                if row.id in missing_rows:
                    continue
                cells = [t.cells.get((row.id, c.id)) for c in row.cells]
                absent = [c for c in cells if c is not None and c.kind in _ABSENT]
                if len(absent) == len(cells) > 1:
                    yield self.cell_finding(
                        report, t, f"{cell_name(t, row)}整行没有数字：请填入数据（没有发生的填 0，不要留空）。",
                        row, cell=cells[0])
                    continue
                for c in absent:
                    yield self.cell_finding(
                        report, t, f"{cell_name(t, row, c.column)}是空的：请填入数字（没有发生的填 0）；空格不计入合计核对。",
                        row, c.column, c)
