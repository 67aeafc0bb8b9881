from report_lint.rule import Rule

from ._messages import cell_name


class CellPlaceholder(Rule, code="RL205", name="cell-placeholder", severity="warning", title="单元格是占位符"):
    """单元格里是“—”“-”“/”“无”等占位符，不是数字。

    A cell of a mandated table holds a placeholder (`—`, `-`, `/`, `无`) instead of a number.

    Every cell of 表二, 表三 and 表四 is a count or an amount; where nothing happened the
    number is 0 (the notices' tables ask for a number in every cell; placeholders are seen in
    practice but are not numbers).
    A placeholder is left out of the arithmetic rather than read as 0, so the table's relations
    cannot be fully checked. A table that writes its zeros so (more than half of its cells
    placeholders) is one finding for the table, not one per cell.

    Bad:

        行政强制 | —

    Good:

        行政强制 | 0
    """

    def check(self, report):
        by_table: dict[int, tuple] = {}
        for t, row, col, c in report.cells("placeholder"):
            by_table.setdefault(id(t), (t, []))[1].append((row, col, c))
        for t, found in by_table.values():
            present = sum(1 for c in t.cells.values() if c.kind != "missing")
            if len(found) > 1 and len(found) * 2 > present:      # the table's way of writing 0
                marks = "」「".join(sorted({c.raw for _, _, c in found}))
                yield self.cell_finding(
                    report, t, f"表{t.table}有 {len(found)} 格填的是「{marks}」而不是数字："
                    "没有发生的请填 0（占位符不计入合计核对）。", span=found[0][2].span, actual=marks)
                continue
            for row, col, c in found:
                yield self.cell_finding(report, t, f"{cell_name(t, row, col)}填的是「{c.raw}」而不是数字：没有发生的请填 0。",
                                        row, col, c, actual=c.raw)
