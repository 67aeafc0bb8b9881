from itertools import accumulate

from report_lint import prose
from report_lint.rule import Rule


class SumMismatch(Rule, code="RL302", name="sum-mismatch", severity="error", applies_to_mandated_only=False,
                  title="合计不符"):
    """正文中的合计数不等于各分项之和。

    A total stated in the text does not equal the sum of its breakdown.

    Where the text gives a total followed by its parts (`共…N件，其中…a件、…b件…`), the parts
    must add up to the total: examples/seeds/001_e9f423f1b4386ae3.txt holds (3394 = 1680 + 144 + 471 + 666 + 201 + 232;
    130 = 85 + 14 + 15 + 16). Parts that add up to MORE than their total are an error whatever
    the wording. Parts that add up to less are reported (as a warning) only when the breakdown
    reads as complete — three or more parts, not introduced by `其中包括` or `主要`, no trailing
    `等`. A mismatch means one of the figures is wrong, which the report must not be (条例
    第五十条; 国办公开办函〔2021〕30号 三(四)). Approximate parts (`余`, `多`, `约`) are never
    checked.

    Bad:

        全文电子化的主动公开信息数共61条，其中：减税降费5条，政策解读1条；预算决算7条；
        资金直达12条；其他文件51条。        (5 + 1 + 7 + 12 + 51 = 76 ≠ 61)

    Good:

        行政复议130宗，其中维持85宗，结果纠正14宗，其他结果15宗，尚未审结16宗。
    """

    def check(self, report):
        for bd in prose.breakdowns(report):
            if len(bd.parts) < 2 or any(p.approx or not p.is_count for p in bd.parts):
                continue
            total = bd.total.int_value
            values = [p.int_value for p in bd.parts]
            if total in accumulate(values):
                continue      # the breakdown ends where the sum is reached (a new figure follows)
            s = sum(values)
            if s < total and (bd.open_ended or len(values) < 3):
                continue      # may not be exhaustive
            u = bd.total.unit
            expr = " + ".join(p.text for p in bd.parts)
            if s > total:
                msg = (f"分项之和超过总数：总数写的是 {bd.total.text}{u}，但其中各项 {expr} = {s}{u}，"
                       f"多出 {s - total}{u}。总数或某一分项有误，请核对。")
                sev = "error"
            else:
                msg = (f"分项之和与总数不符：总数写的是 {bd.total.text}{u}，但其中各项 {expr} = {s}{u}，"
                       f"少 {total - s}{u}。如果还有未列出的分项请补上，否则请核对数字。")
                sev = "warning"
            end = bd.parts[-1].end + len(bd.parts[-1].unit)
            yield self.finding(report, prose.span(report, bd.block, bd.total.start, end),
                               f"{bd.total.text} ≠ {expr}：" + msg, severity=sev,
                               section=bd.block.section_number, expected=total, actual=s)
