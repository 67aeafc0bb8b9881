import re

from report_lint import prose
from report_lint.rule import Rule

# `2023年，我局…` — a year opening an account of what was done; `2020年我局将…` — a plan
# (the assertion after the first characters: a pattern that begins with a literal or a class lets
# the search skip ahead; one that begins with an assertion is tried at every character)
_ACCOUNT = re.compile(r"(20(?<![\d\-~至到和与及、较比]20)\d\d)年度?[,:，：]")
_PLAN = re.compile(r"(20(?<![\d\-~至到和与及、较比]20)\d\d)年度?[,，]?(?:我局|我们|我委|我办|我厅|我署|我中心|我市|我区|我县|我镇|我乡|本机关|本单位)(?:将|计划|拟|要)")
_PLAN_WORDS = re.compile(r"将|计划|拟|下一步|力争|继续|要")
_RELATIVE = re.compile(r"相比|同比|上年|去年|上一年|以来|期间|之前|以前")


class StaleYear(Rule, code="RL404", name="stale-year", severity="warning", applies_to_mandated_only=False,
                title="年份陈旧"):
    """正文把另一年份当作本报告年度来写：沿用了往年的文字。

    The text speaks of another year as if it were the report year: last year's text reused.

    A 2024 report whose own account says `2023年，我局…` (real/052: `主动公开政府信息的主要
    类别2023年，在主动公开的61条政府信息中…`), or whose plans are for the report year itself
    (`2020年我局将…` in a 2020 report, real/058), was written by editing last year's report
    and missed a year. The report must state the current year's facts (条例 第五十条) and
    国办公开办函〔2021〕30号 三(四) names reports that are 内容雷同、敷衍塞责 as grounds for
    accountability. Plans for the following year (`2025年，我局将…` in a 2024 report) and
    comparisons with earlier years (`与2023年相比`, `2023年以来`) are not reported; section 五,
    which may recount last year's problems, is left alone for the account form.

    Bad (in a 2024 report):

        2023年，我局共主动公开政府信息61条。

    Good:

        2024年，我局共主动公开政府信息61条。
    """

    def check(self, report):
        year = report.year
        if year is None:
            return
        for b in prose.blocks(report):
            if b.section is None:
                continue        # the preamble cites documents and notices of other years
            text = b.text
            for m in _PLAN.finditer(text):
                y = int(m.group(1))
                if y <= year:
                    yield self.finding(
                        report, prose.span(report, b, m.start(1), m.end(1) + 1),
                        f"年份疑似沿用旧文本：这是 {year} 年度的报告，这里却写“{m.group()}…”，计划的是 {y} 年的工作。"
                        f"改进计划应针对 {year + 1} 年，请核对年份。",
                        section=b.section_number, expected=year + 1, actual=y)
            if b.section_number == "五":
                continue
            for m in _ACCOUNT.finditer(text):
                y = int(m.group(1))
                if y >= year or y < year - 3:
                    continue
                s_start, s_end = prose.sentence_bounds(text, m.start())
                clause = text[m.end():s_end]
                if _PLAN_WORDS.search(clause[:20]) or _RELATIVE.search(text[s_start:s_end]):
                    continue
                yield self.finding(
                    report, prose.span(report, b, m.start(1), m.end(1) + 1),
                    f"年份疑似沿用旧文本：这是 {year} 年度的报告，这里却以“{y}年”开头叙述本机关的工作。"
                    f"如果说的是本年度的情况，应为“{year}年”。",
                    section=b.section_number, expected=year, actual=y)
