from report_lint.rule import Rule

from ._messages import cell_name


class CellUnreadable(Rule, code="RL206", name="cell-unreadable", severity="warning", title="单元格无法识别"):
    """单元格里的文字不是数字。

    A cell of a mandated table holds text that is not a number.

    Cells are counts or amounts; text such as `约5`, `5人次` or a letter O
    for a zero cannot be read, is left out of the arithmetic, and usually means a typing or
    conversion error. A count written with its unit (`8件`) or an amount with its unit
    (`3.5万元`) is read as the number and is no finding.

    Bad:

        行政许可 | 1O3

    Good:

        行政许可 | 103
    """

    def check(self, report):
        for t, row, col, c in report.cells("unreadable"):
            yield self.cell_finding(report, t, f"{cell_name(t, row, col)}的「{c.raw}」不是数字，无法读取：请只填阿拉伯数字。",
                                    row, col, c, actual=c.raw)
