from report_lint import prose
from report_lint.numbers import rounds_to
from report_lint.rule import Rule


class PercentageMismatch(Rule, code="RL301", name="percentage-mismatch", severity="error", applies_to_mandated_only=False,
                         title="百分比不符"):
    """正文中的占比（“…N件，占B%”）与件数和总数对不上。

    A share stated in the text (`…N件，占B%`) does not match its count and total.

    Where the text gives a total and a breakdown with the share of each part
    (`共收到申请3392宗。其中自然人提交2936宗，占86.56%`), report-lint recomputes each share
    from the part and the total and compares it with the stated figure at the stated precision
    (86.56 % of 3392 is 2936; 86.65 % is not). A wrong percentage usually means a number was
    changed after the text was written, or copied from last year's report. Reviewers and courts
    read the prose as carefully as the tables (条例 第五十条: the report must be accurate;
    国办公开办函〔2021〕30号 三(四): inaccurate reports lead to accountability).

    Only shares whose base the text itself establishes are checked: rates such as 同比增长,
    满意率, 答复率 without counts are left alone, and approximate figures (`约`, `余`, `超过`)
    are never the basis of a finding.

    Bad:

        全市共收到政府信息公开申请3392宗。其中自然人提交2936宗，占86.65%。

    Good:

        全市共收到政府信息公开申请3392宗。其中自然人提交2936宗，占86.56%。
    """

    def check(self, report):
        for sh in prose.shares(report):
            total, part, pct = sh.total.int_value, sh.count.int_value, sh.percent
            if total <= 0 or part > total or sh.total.approx or sh.count.approx:
                continue
            computed = part / total * 100
            if rounds_to(computed, pct.value, pct.decimals):
                continue
            shown = f"{computed:.{max(pct.decimals, 2)}f}"
            expected = f"{computed:.{pct.decimals}f}%"
            u = sh.total.unit
            yield self.finding(
                report, prose.span(report, sh.block, pct.start, pct.end + 1),
                f"百分比与数字不符：{sh.count.text}{u} 占总数 {sh.total.text}{u} 的 {shown}%，"
                f"按所写精度应为 {expected}，文中写的是 {pct.text}%。请核对这一项的数字或百分比。",
                section=sh.block.section_number, expected=expected, actual=f"{pct.text}%")
