from report_lint.grammar import layout
from report_lint.model import Span
from report_lint.rule import Rule

from ._helpers import first_of_each, headless_body, truncation, where_missing_section


class SectionMissing(Rule, code="RL101", name="section-missing", severity="error", title="缺少部分"):
    """缺少规定格式要求的某一部分。

    A mandated section is missing.

    The national format (国办公开办函〔2019〕60号, 〔2021〕30号; 条例 第五十条) prescribes six
    sections, 一 to 六, for every annual report from report year 2019 on. A report without one
    of them is incomplete. The finding names the missing section with its canonical title and
    points where its heading belongs (at the next section that is present). A report that opens
    with numbered sub-headings (`（一）…`) before any section has section 一's body without its
    heading: the finding points at the first sub-heading and asks for the heading only.

    Bad — the report jumps from 一 to 三:

        一、总体情况 …
        三、收到和处理政府信息公开申请情况 …

    Good:

        一、总体情况 …
        二、主动公开政府信息情况 …
        三、收到和处理政府信息公开申请情况 …
    """

    def check(self, report):
        found = first_of_each(report)
        cut = truncation(report)
        for sdef in layout().sections:
            if sdef.numeral in found or (cut and sdef.numeral in cut.sections):   # RL112 says so
                continue
            body = headless_body(report, sdef.numeral)
            if body is not None:     # the content is there, only its heading is not
                start = body.span.start
                first = report.normalised.original[start:body.span.end][:20]
                yield self.finding(
                    report, Span(start, start),
                    f"缺少第{sdef.numeral}部分的标题「{sdef.label.canonical}」：这里的「{first}」看来是"
                    f"这一部分的内容，请在它前面补上标题（年度报告格式规定的六个部分必须齐全）。",
                    section=sdef.numeral, expected=sdef.label.canonical)
            else:
                yield self.finding(
                    report, where_missing_section(report, sdef.numeral),
                    f"缺少第{sdef.numeral}部分「{sdef.label.canonical}」：年度报告格式规定的六个部分必须齐全，"
                    f"请在此处补上这一部分的标题和内容。",
                    section=sdef.numeral, expected=sdef.label.canonical)
