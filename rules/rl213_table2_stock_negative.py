from report_lint.rule import Rule
from report_lint.tables import cell_name, cell_ref, cell_span, has_numbers, section_of, show_value

PREV, CHANGE = "col2_prev_items", "col2_change"


class Table2StockNegative(Rule):
    """In the 2019 表二, 上一年项目数量 plus 本年增/减 is negative.

    The 2019 format's blocks （五）（六）（八） report a stock of items: last year's number
    (`上一年项目数量`) and this year's change (`本年增/减`, signed). Their sum is this year's
    number of items and cannot be below zero (report-format.md §3.4 T2o-P1, a hard relation:
    a stock can't be negative). Usually the sign of the change or the previous number is wrong.

    Bad:

        行政许可 | 5 | -8 | 120

    Good:

        行政许可 | 5 | -3 | 120
    """
    code = "RL213"
    name = "table2-stock-negative"
    severity = "error"

    def check(self, report):
        for t in report.tables_named("二"):
            if not has_numbers(t) or t.layout is None:
                continue
            for row in t.layout.rows:
                ids = [c.id for c in row.cells]
                if PREV not in ids or CHANGE not in ids:
                    continue
                prev, change = t.cells.get((row.id, PREV)), t.cells.get((row.id, CHANGE))
                if not prev or not change or prev.kind != "number" or change.kind != "number":
                    continue
                if prev.value + change.value >= 0:
                    continue
                col = next(c for c in row.cells if c.id == CHANGE)
                pcol = next(c for c in row.cells if c.id == PREV)
                yield self.finding(
                    report, cell_span(t, change, row),
                    f"{cell_name(t, row, col)}为 {show_value(change.value)}，而「{pcol.name}」只有 {show_value(prev.value)}："
                    f"{show_value(prev.value)} + ({show_value(change.value)}) = {show_value(prev.value + change.value)}，"
                    "本年项目数量不能为负，请核对。",
                    section=section_of(t), table=t.table, cell=cell_ref(row, col),
                    expected=f">= {show_value(-prev.value)}", actual=change.value)
