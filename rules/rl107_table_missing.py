from report_lint.rule import Rule

from ._helpers import first_of_each


class TableMissing(Rule, code="RL107", name="table-missing", severity="error", title="缺少表格"):
    """某一部分缺少规定的表格。

    A mandated table is missing from its section.

    Sections 二, 三 and 四 consist of the format's tables (表二 主动公开, 表三 依申请公开, 表四
    复议诉讼). Reports copied from a web page often lose them: the heading is there, the table
    is not (examples/seeds/001_e9f423f1b4386ae3.txt). The finding points at the section heading. A table found under another
    section is reported by RL109 (table-misplaced), not here.

    Bad:

        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况

    Good:

        二、主动公开政府信息情况
        第二十条第（一）项 | …
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 3
        …
    """

    def check(self, report):
        sections = first_of_each(report)
        for numeral, sec in sections.items():
            table = sec.definition.table
            if table is None or report.tables_named(table):
                continue
            yield self.finding(
                report, sec.heading,
                f"第{numeral}部分缺少表{table}：规定格式要求这一部分列出表{table}"
                f"（{sec.definition.label.texts[0]}），但这里没有找到它的任何栏目。",
                section=numeral, table=table)
