from report_lint.rule import Rule


class TableMisplaced(Rule, code="RL109", name="table-misplaced", severity="error", title="表格位置错误"):
    """规定的表格放在了别的部分。

    A mandated table stands in the wrong section.

    表二 belongs in section 二, 表三 in 三, 表四 in 四. A table under another heading usually
    means a heading was lost or the tables were pasted in the wrong order.

    Bad:

        二、主动公开政府信息情况
        （本列数据的勾稽关系为：…）  ← 表三's corner note

    Good: 表三 under `三、收到和处理政府信息公开申请情况`.
    """

    def check(self, report):
        reported = set()
        for t in report.tables:
            where = t.section.number if t.section else None
            if where == t.table or t.table in reported:
                continue
            reported.add(t.table)
            place = f"第{where}部分" if where else "报告开头（第一部分之前）"
            yield self.finding(
                report, t.span,
                f"表{t.table}出现在{place}：它应放在第{t.table}部分之下。",
                section=where, table=t.table)
