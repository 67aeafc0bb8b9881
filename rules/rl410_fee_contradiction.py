import re

from report_lint import prose
from report_lint.rule import Rule

_NO_FEE = re.compile(r"(?:无|未|没有|不曾|均未|暂无)(?:发出|产生|收取|收费|开具|出具)?[^。;；,，]{0,12}?"
                     r"(?:信息处理费|处理费|收费通知|收费|费用)")
_COLS = ("col3_natural", "col3_business", "col3_research", "col3_welfare", "col3_legal_service", "col3_other")


class FeeContradiction(Rule, code="RL410", name="fee-contradiction", severity="warning", title="收费说法矛盾"):
    """表三记有因逾期未缴费不再处理的申请，第六部分却说没有收费。

    表三 records applications dropped for unpaid fees, but section 六 says no fee was charged.

    Row （六）2 of the 2021 表三 (申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府
    信息公开申请) counts applications the agency stopped processing because the applicant did
    not pay a fee notice. A number above 0 there means fee notices were issued (信息处理费管理
    办法, 国办函〔2020〕109号); section 六 then has to
    report them, and cannot say that no fee was charged or no notice issued.

    Bad (表三 （六）2 总计 = 2):

        六、其他需要报告的事项
        本年度无收取信息处理费情况。

    Good:

        六、其他需要报告的事项
        本年度发出收费通知2件，申请人均未缴费，未实际收取信息处理费。
    """

    def check(self, report):
        if report.template != "2021":
            return
        n = self._unpaid(report)
        if not n:
            return
        for b in prose.blocks(report):
            if b.section_number != "六":
                continue
            m = _NO_FEE.search(b.text)
            if not m or re.search(r"收费通知\d|通知\d+件|发出收费通知", b.text):
                continue      # the section reports the notices, then says nothing was collected
            yield self.finding(
                report, prose.span(report, b, m.start(), m.end()),
                f"第六部分与表三不一致：表三“（六）其他处理 / 2.申请人逾期未按收费通知要求缴纳费用…”为 {n}，"
                f"说明本年度发出过收费通知，但第六部分写的是“{m.group()}”。请写明发出收费通知的件数和实际收费情况。",
                section="六", table="三", expected=n)
            return

    @staticmethod
    def _unpaid(report) -> int | None:
        best = None
        for t in report.tables_named("三"):
            c = t.cell("row3_no_fee", "col3_total")
            if c is not None and c.kind == "number" and c.value is not None:
                v = int(c.value)
            else:
                vals = [t.cell("row3_no_fee", col) for col in _COLS]
                if any(x is None or x.kind != "number" or x.value is None for x in vals):
                    continue
                v = int(sum(x.value for x in vals))
            best = v if best is None else max(best, v)
        return best
