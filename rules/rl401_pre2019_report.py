from report_lint.model import Span
from report_lint.rule import Rule


class Pre2019Report(Rule, code="RL401", name="pre2019-report", severity="info", applies_to_mandated_only=False,
                    title="2019年以前的报告"):
    """2019 年以前年度的报告不适用规定格式。

    A report on a year before 2019 is not held to the mandated format.

    The six-section format and its three tables apply from report year 2019 (国办公开办函
    〔2019〕60号, under the 2019 条例). Earlier reports followed article 32 of the 2007 条例 and
    local rules, with sections of their own choosing (examples/seeds/004_095096a99dab435c.txt). report-lint says so once and
    does not apply the structural and table rules; override with `--year` or `--template`.

    Bad — a report on 2018, noted once (as information), with no section or table errors:

        丰城市2018年政府信息公开工作年度报告

    Good — a report on 2019 or later is held to the format and checked in full:

        丰城市2019年政府信息公开工作年度报告
    """

    def check(self, report):
        if report.template == "pre2019":
            src = {"title": "标题", "period": "统计期限", "body": "正文", "option": "命令行参数"}.get(report.year_source, "")
            yield self.finding(
                report, Span(0, 0),
                f"这是 {report.year} 年度的报告（依据{src}判断）：2019 年以前的年度报告不适用国办规定的六部分格式和三张统计表，"
                "因此不检查结构和表格。",
                expected=None)
