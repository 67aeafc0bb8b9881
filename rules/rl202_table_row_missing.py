from report_lint.rule import Rule
from report_lint.tables import cell_ref, has_numbers, section_of


class TableRowMissing(Rule):
    """A row of a mandated table is missing.

    The format fixes every row of 表二, 表三 and 表四 (report-format.md §2: 表三 has 23 data
    rows in the 2019 format and 25 in the 2021 format). A table whose row is absent cannot be
    checked and does not report what the format demands. The finding names the row with its
    label as the format prints it and points where the row belongs (at the next row present).
    A table with no numbers at all is one RL108 finding instead.

    Bad — 表三 without the row 2.没有现成信息需要另行制作:

        1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0

    Good:

        1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    """
    code = "RL202"
    name = "table-row-missing"
    severity = "error"

    def check(self, report):
        for t in report.tables:
            if not has_numbers(t):
                continue
            for n in t.notes:
                if n.kind != "missing_row":
                    continue
                yield self.finding(
                    report, n.span,
                    f"表{t.table}缺少「{n.row.name}」这一行：规定格式要求列出这一行，没有发生的填 0。",
                    section=section_of(t), table=t.table, cell=cell_ref(n.row),
                    expected=n.row.label.canonical)
