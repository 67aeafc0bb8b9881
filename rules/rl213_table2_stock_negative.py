from report_lint.rule import Rule

from ._messages import cell_name, show_value

PREV, CHANGE = "col2_prev_items", "col2_change"


class Table2StockNegative(Rule, code="RL213", name="table2-stock-negative", severity="error",
                          title="表二现行有效件数为负"):
    """2019 年版表二中，上一年项目数量加本年增/减为负数。

    In the 2019 表二, 上一年项目数量 plus 本年增/减 is negative.

    The 2019 format's blocks （五）（六）（八） report a stock of items: last year's number
    (`上一年项目数量`) and this year's change (`本年增/减`, signed). Their sum is this year's
    number of items and cannot be below zero (a hard relation: a stock can't be negative). Usually the sign of the change or the previous number is wrong.

    Bad:

        行政许可 | 5 | -8 | 120

    Good:

        行政许可 | 5 | -3 | 120
    """

    def check(self, report):
        for t, row, col, change in report.cells("number"):
            if col.id != CHANGE:
                continue
            prev = t.cell(row.id, PREV)
            if prev is None or prev.kind != "number" or prev.value + change.value >= 0:
                continue
            p, c = show_value(prev.value), show_value(change.value)
            yield self.cell_finding(
                report, t, f"{cell_name(t, row, col)}为 {c}，而「{prev.column.name}」只有 {p}："
                f"{p} + ({c}) = {show_value(prev.value + change.value)}，本年项目数量不能为负，请核对。",
                row, col, change, expected=f">= {show_value(-prev.value)}", actual=change.value)
