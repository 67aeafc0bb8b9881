from report_lint.arithmetic import DECIMAL_COLUMNS, SIGNED_COLUMNS
from report_lint.rule import Rule

from ._messages import cell_name, show_value


class CountInvalid(Rule, code="RL210", name="count-invalid", severity="error", title="件数无效"):
    """规定表格中的件数是负数或不是整数。

    A count in a mandated table is negative or not a whole number.

    Every cell of 表三 and 表四 and the counts of 表二 are numbers of applications, cases,
    documents or items: integers ≥ 0.
    Only the 2019 表二's `本年增/减` may be negative, and only the amounts (`本年收费金额`,
    `采购总金额`) may have decimals — never negative.

    Bad:

        4.保护第三方合法权益 | -1 | 0 | 0 | 0 | 0 | 0 | -1

    Good:

        4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1
    """

    def check(self, report):
        for t, row, col, c in report.cells("number"):
            v = c.value
            if v is None:
                continue
            if v < 0 and col.id not in SIGNED_COLUMNS:
                what = "不能是负数"
            elif isinstance(v, float) and not v.is_integer() and col.id not in DECIMAL_COLUMNS:
                what = "应是整数（件数、项数不能有小数）"
            else:
                continue
            yield self.cell_finding(report, t, f"{cell_name(t, row, col)}是 {show_value(v)}：{what}。", row, col, c, actual=v)
