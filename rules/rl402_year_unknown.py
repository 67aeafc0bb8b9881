from report_lint.model import Span
from report_lint.rule import Rule


class YearUnknown(Rule, code="RL402", name="year-unknown", severity="warning", applies_to_mandated_only=False,
                  title="无法确定年度"):
    """无法确定报告的年度。

    The report year could not be determined.

    The year decides which format applies (2019 format for 2019–2020, 2021 format from 2021)
    and which deadline. report-lint looks for it in the title (`…2023年政府信息公开工作年度报告`),
    the statistics period (`统计期限为2023年1月1日至2023年12月31日`) and the body. A report
    that states none is hard to file and to check: say the year in the title.

    Bad: a report whose title and text never name the year.

    Good: `XX局2023年政府信息公开工作年度报告`.
    """

    def check(self, report):
        if report.year is None and report.template_source != "option":
            how = "已按表格栏目判断为 " + report.template + " 格式" if report.template != "unknown" else "无法判断适用的格式"
            yield self.finding(
                report, Span(0, 0),
                f"无法确定报告年度：标题、统计期限和正文都没有写明年份（{how}）。请在标题中写明年度，或用 --year 指定。")
