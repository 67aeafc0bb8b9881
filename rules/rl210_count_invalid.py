from report_lint.rule import Rule
from report_lint.tables import SIGNED_COLUMNS, DECIMAL_COLUMNS, cell_name, cell_ref, cell_span, has_numbers, section_of, show_value


class CountInvalid(Rule):
    """A count in a mandated table is negative or not a whole number.

    Every cell of 表三 and 表四 and the counts of 表二 are numbers of applications, cases,
    documents or items: integers ≥ 0 (report-format.md §3.1 T3-INT, §3.3 T2-INT, §3.4 T2o-INT).
    Only the 2019 表二's `本年增/减` may be negative, and only the amounts (`本年收费金额`,
    `采购总金额`) may have decimals — never negative.

    Bad:

        4.保护第三方合法权益 | -1 | 0 | 0 | 0 | 0 | 0 | -1

    Good:

        4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1
    """
    code = "RL210"
    name = "count-invalid"
    severity = "error"

    def check(self, report):
        for t in report.tables:
            if not has_numbers(t) or t.layout is None:
                continue
            for row in t.layout.rows:
                for col in row.cells:
                    c = t.cells.get((row.id, col.id))
                    if c is None or c.kind != "number" or c.value is None:
                        continue
                    v = c.value
                    if v < 0 and col.id not in SIGNED_COLUMNS:
                        what = "不能是负数"
                    elif isinstance(v, float) and not v.is_integer() and col.id not in DECIMAL_COLUMNS:
                        what = "应是整数（件数、项数不能有小数）"
                    else:
                        continue
                    yield self.finding(
                        report, cell_span(t, c, row),
                        f"{cell_name(t, row, col)}是 {show_value(v)}：{what}。",
                        section=section_of(t), table=t.table, cell=cell_ref(row, col), actual=v)
