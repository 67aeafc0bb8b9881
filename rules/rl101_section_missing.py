from report_lint.grammar import layout
from report_lint.rule import Rule

from ._helpers import first_of_each, where_missing_section


class SectionMissing(Rule):
    """A mandated section is missing.

    The national format (国办公开办函〔2019〕60号, 〔2021〕30号; 条例 第五十条) prescribes six
    sections, 一 to 六, for every annual report from report year 2019 on. A report without one
    of them is incomplete. The finding names the missing section with its canonical title and
    points where its heading belongs (at the next section that is present).

    Bad — the report jumps from 一 to 三:

        一、总体情况 …
        三、收到和处理政府信息公开申请情况 …

    Good:

        一、总体情况 …
        二、主动公开政府信息情况 …
        三、收到和处理政府信息公开申请情况 …
    """
    code = "RL101"
    name = "section-missing"
    severity = "error"

    def check(self, report):
        found = first_of_each(report)
        for sdef in layout().sections:
            if sdef.numeral not in found:
                yield self.finding(
                    report, where_missing_section(report, sdef.numeral),
                    f"缺少第{sdef.numeral}部分「{sdef.label.canonical}」：年度报告格式规定的六个部分必须齐全，"
                    f"请在此处补上这一部分的标题和内容。",
                    section=sdef.numeral, expected=sdef.label.canonical)
