from report_lint.model import Span
from report_lint.rule import Rule


def _has_number_token(t) -> bool:
    """Is a number among the table's tokens? (Table.numbers lists them all; one is enough.)"""
    return any(tok.type == "CELL" and tok.info.get("kind") == "number" for tok in t.tokens)


class TableEmpty(Rule, code="RL108", name="table-empty", severity="error", title="表格没有数字"):
    """规定的表格在，但其中一个数字也没有。

    A mandated table is present but holds no numbers at all.

    When a table is copied as an image or its cells are lost, the grid or its labels survive
    with every cell blank (examples/seeds/000_9558721f09da518a.txt). That is one defect — the data are missing — reported
    once for the table, not once per cell. Write `0` where there is nothing to report: a blank
    cell is not a zero.

    Bad:

        一、本年新收政府信息公开申请数量 | | | | | | |

    Good:

        一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """

    def check(self, report):
        by_table = {}
        for t in report.tables:
            by_table.setdefault(t.table, []).append(t)
        for table, parts in by_table.items():
            if any(_has_number_token(p) for p in parts):
                continue
            first = parts[0]
            sec = first.section.number if first.section else None
            yield self.finding(
                report, Span(first.span.start, first.span.end),
                f"表{table}没有任何数字：表格的栏目在，但所有单元格都是空的。请填入数据（没有发生的填 0，不要留空）。",
                section=sec, table=table)
