from report_lint.metadata import year_marks
from report_lint.model import Span
from report_lint.rule import Rule

_WHERE = {"title": "标题", "period_start": "统计期限的起始日期", "period_end": "统计期限的截止日期"}


class YearMismatch(Rule, code="RL403", name="year-mismatch", severity="error", applies_to_mandated_only=False,
                   title="年度不一致"):
    """标题和统计期限写的年度不同。

    The title and the statistics period name different years.

    The report covers one calendar year: the year in the title (`…2024年度政府信息公开工作年度
    报告`) must be the year of the statistics period (`统计期限为2024年1月1日至2024年12月31日`),
    whose start and end lie in that same year (the statistical period is 1 January – 31
    December of the report year: 条例 第五十条, and e.g. 四川 DB51/T 2660—2019 §2.1). A different year in one place is usually last year's text left in place. The
    finding points at the year that disagrees with the title (or with the period start).

    Bad:

        XX局2024年度政府信息公开工作年度报告
        本报告所列数据统计期限为2023年1月1日至2023年12月31日。

    Good:

        XX局2024年度政府信息公开工作年度报告
        本报告所列数据统计期限为2024年1月1日至2024年12月31日。
    """

    def check(self, report):
        marks = year_marks(report)
        ref_key = "title" if "title" in marks else "period_start" if "period_start" in marks else None
        if ref_key is None:
            return
        ref = marks[ref_key][0]
        nt = report.normalised
        for key in ("period_start", "period_end"):
            if key == ref_key or key not in marks:
                continue
            year, s, e = marks[key]
            if year == ref:
                continue
            yield self.finding(
                report, Span(nt.to_orig(s), nt.to_orig(e - 1) + 1),
                f"年份前后不一致：{_WHERE[ref_key]}写的是 {ref} 年，{_WHERE[key]}却写 {year} 年。"
                f"年度报告的统计期限应为 {ref} 年1月1日至 {ref} 年12月31日，请核对（多半是沿用了上一年的文本）。",
                expected=ref, actual=year)
