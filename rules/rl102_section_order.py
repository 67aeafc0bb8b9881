from report_lint.grammar import NUMERALS
from report_lint.model import Span
from report_lint.rule import Rule


class SectionOrder(Rule, code="RL102", name="section-order", severity="error", title="部分顺序错误"):
    """各部分的顺序与规定格式不一致。

    Sections are out of order.

    The six sections must appear in the order 一、二、三、四、五、六 (国办公开办函〔2019〕60号 /
    〔2021〕30号). A section that comes after one with a higher number is reported at its
    heading, naming the section it should precede.

    Bad:

        一、总体情况 …
        三、收到和处理政府信息公开申请情况 …
        二、主动公开政府信息情况 …

    Good:

        一、总体情况 …
        二、主动公开政府信息情况 …
        三、收到和处理政府信息公开申请情况 …
    """

    def check(self, report):
        seen_max = -1
        seen = set()
        last = None
        for s in report.sections:
            if s.number is None or s.number in seen:
                seen.add(s.number)
                continue
            idx = NUMERALS.index(s.number)
            if idx < seen_max:
                yield self.finding(
                    report, Span(s.heading.start, s.heading.end),
                    f"第{s.number}部分「{s.definition.label.canonical}」出现在第{last.number}部分之后："
                    f"六个部分应按一至六的顺序排列，请把这一部分移到第{last.number}部分之前。",
                    section=s.number)
            else:
                seen_max, last = idx, s
            seen.add(s.number)
