import re

from report_lint.rule import Rule

_FIX = re.compile(r"整改")
_FIXED = re.compile(r"改进|解决|落实|完成")


class PreviousProblemsMissing(Rule, code="RL408", name="previous-problems-missing", severity="info",
                              title="未写上年问题整改"):
    """第五部分没有说明上一年度问题的整改情况。

    Section 五 does not say how last year's problems were dealt with.

    In the 2021 format, section 五 (存在的主要问题及改进情况) is read as a follow-up: what the
    previous report named as problems, and how they were rectified (上年度问题整改情况), then
    this year's problems and plans: without it a reader cannot tell whether last year's
    promises were kept. 国办公开办函〔2021〕30号 is not quoted here as making the follow-up
    compulsory, and none of the real 2021-format reports in examples/ has it, so this is a
    note (info), not a warning. The section passes when it speaks of 整改, or of the previous
    year (上年, 去年, 上一年度, or the year itself) together with what was improved or solved.

    Bad (a 2023 report):

        五、存在的主要问题及改进情况
        我局政务公开工作仍存在不足……下一步，我局将……

    Good:

        五、存在的主要问题及改进情况
        （一）上年度问题整改情况：针对2022年度报告中指出的政策解读形式单一的问题，我局……
        （二）存在的主要问题……（三）改进措施……
    """

    def check(self, report):
        if report.template != "2021" or report.year is None:
            return
        for sec in report.sections_numbered("五")[:1]:
            body = sec.body_text()
            if not body.strip():
                continue
            prev = re.search(rf"上年|上一年|去年|前一年|{report.year - 1}年", body)
            if _FIX.search(body) or (prev and _FIXED.search(body)):
                continue
            yield self.finding(
                report, sec.heading,
                f"第五部分没有说明上一年度问题的整改情况：建议在这一部分开头写上一年度"
                f"（{report.year - 1} 年度）报告所列问题的整改落实情况，再写本年度存在的问题和改进措施，"
                "让读者看到上年的承诺是否兑现。",
                section="五")
