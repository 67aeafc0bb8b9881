import re

from report_lint.rule import Rule

_FEE = re.compile(r"信息处理费|处理费|收费|费用|收取")


class FeeStatementMissing(Rule, code="RL409", name="fee-statement-missing", severity="warning",
                          title="未说明收费情况"):
    """第六部分没有说明是否收取信息处理费。

    Section 六 does not say whether information processing fees (信息处理费) were charged.

    Since 2021 an agency may charge a 信息处理费 for applications whose number or frequency
    clearly exceeds a reasonable range (条例 第四十二条; 《政府信息公开信息处理费管理办法》,
    国办函〔2020〕109号). Reports in the 2021 format state in section 六 whether fees were
    charged — fee notices issued, amounts collected — and say so even when none were
    (`本年度无收取信息处理费情况`). The exact wording of the obligation in 国办公开办函
    〔2021〕30号 is not quoted here, so this is a warning, not an error.

    Bad:

        六、其他需要报告的事项
        无。

    Good:

        六、其他需要报告的事项
        本年度本机关未发出收费通知，未收取信息处理费。
    """

    def check(self, report):
        if report.template != "2021":
            return
        for sec in report.sections_numbered("六")[:1]:
            if _FEE.search(sec.body_text()):
                continue
            yield self.finding(
                report, sec.heading,
                "第六部分没有说明信息处理费的收取情况：2021 年版格式的年度报告应写明本年度是否发出收费通知、"
                "收取信息处理费的件数和金额；没有收取也应写明（如“本年度未收取信息处理费”）。",
                section="六")
