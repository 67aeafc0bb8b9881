import re

from report_lint import prose
from report_lint.rule import Rule

# the marks of a covering letter: its subject line, its formula of sending, its closing
_LETTER = re.compile(r"关于报送[^。\n]{0,60}?(?:年度报告|年报|工作报告)[^。\n]{0,6}?的?(?:函|报告|请示)|报送函|"
                     r"现(?:将|把)[^。\n]{0,60}?(?:年度报告|年报)[^。\n]{0,20}?(?:报送|呈报|报上|报来|印送|送上)|"
                     r"特此函告|特此报送")


class CoveringLetterOnly(Rule, code="RL110", name="covering-letter-only", severity="error", applies_to_mandated_only=False,
                         title="只有报送函"):
    """所谓“报告”只有报送它的公函，六个部分一个也没有。

    The "report" is only the covering letter that sent it: none of the six sections is there.

    A department sends its annual report to the supervising office with a covering letter (报送
    函, `关于报送2023年度政府信息公开工作年度报告的函`, `现将…报送你办`). What must be published
    and checked is the report itself — the six sections and three tables of 国办公开办函〔2021〕
    30号 (〔2019〕60号 for 2019–2020) — not the letter: a letter uploaded in its place means the
    report is missing (条例 第四十九条, 第五十条). This is an error; the sections the letter lacks
    are listed by RL101 as well.

    Bad:

        关于报送XX局2023年度政府信息公开工作年度报告的函
        区政务公开办：
        现将我局2023年度政府信息公开工作年度报告报送你办，请审阅。
        附件：XX局2023年度政府信息公开工作年度报告

    Good: the report itself, `一、总体情况` to `六、其他需要报告的事项` with the tables.
    """

    def check(self, report):
        if report.sections or report.tables:
            return
        for b, m in prose.search_blocks(report, _LETTER):
            yield self.finding(
                report, prose.span(report, b, m.start(), m.end()),
                f"这是报送年度报告的函（“{m.group()}”），不是年度报告本身：文中没有年度报告格式规定的"
                "任何一个部分。请发布（检查）报告正文：一、总体情况至六、其他需要报告的事项，以及表二、表三、表四。",
                actual=m.group())
            return
