from report_lint.rule import Rule

from ._messages import cell_name


class RowUnaligned(Rule, code="RL207", name="row-unaligned", severity="warning", title="数值个数不符"):
    """表格某一行的数值个数与规定的单元格数不一致。

    A table row has more or fewer values than the format has cells in it.

    Each row of the mandated tables has a fixed number of cells (表三: seven; 表四: five per
    group, fifteen in its usual one-row print; 表二: one to three). A row
    with separated values that do not match that number cannot be assigned to its columns —
    a value was lost, doubled or merged (examples/real/010.md's 表二: `规章 | 22 | 235`). No value of the row
    is guessed; the row is left out of the arithmetic.

    Bad:

        规章 | 22 | 235

    Good:

        规章 | 22 | 0 | 235
    """

    def check(self, report):
        for t, n in report.notes("unaligned"):
            yield self.cell_finding(
                report, t, f"{cell_name(t, n.row)}有 {n.found} 个数值（{n.raw}），但规定格式这一行有 {n.expected} 个单元格："
                "无法确定各数值属于哪一栏，请核对这一行。", n.row, span=n.span, expected=n.expected, actual=n.found)
