from report_lint.years import YearRule, consecutive

OVER, FORWARD = "row3_carried_over", "row3_carried_forward"


class CarryoverMismatch(YearRule, code="RL601", name="carryover-mismatch", severity="error", title="结转数不衔接"):
    """本年表三的“上年结转”与上一年度报告的“结转下年度继续办理”不一致。

    This year's 上年结转 row of 表三 differs from last year's 结转下年度继续办理 row.

    What a report carries into the next year (表三 四、结转下年度继续办理) is exactly what the
    next report must carry in (二、上年结转政府信息公开申请数量), column by column: the same
    pending applications, counted once at the end of one year and once at the start of the next
    (国办公开办函〔2021〕30号 and 〔2019〕60号 use the same rows and columns). A difference
    means one of the two reports is wrong; it stays invisible inside either report, since each
    table can add up on its own. Checked when last year's report is given (`--previous FILE`)
    or found in the batch, the two years are consecutive and both cells were read; the finding
    points at this year's cell and names last year's report and cell.

    Bad (2021: 四、结转下年度继续办理 自然人 1):

        2022: 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2

    Good:

        2022: 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1
    """

    def compare(self, pair):
        if not consecutive(pair):
            return
        cur, prev = pair.cur.profile, pair.prev.profile
        wrong = []
        # the profile holds 表三's cells row by row in the layout's column order
        for (row, col), a in cur.t3.items():
            b = prev.t3.get((FORWARD, col)) if row == OVER else None
            if b is None or a.value is None or b.value is None:
                continue
            if a.value != b.value:
                wrong.append((a, b))
        if not wrong:
            return
        a, b = wrong[0]
        others = "；".join(f"“{x.column}”栏本报告为 {x.value}、上一年度为 {y.value}" for x, y in wrong[1:])
        yield self.at(
            a.spot or cur.anchor,
            f"表三上年结转与上一年度报告不一致：本报告“{a.row}”行“{a.column}”栏为 {a.value}，"
            f"而上一年度报告（{pair.prev_name}，{prev.year} 年度）“{b.row}”行“{b.column}”栏为 {b.value}"
            + (f"（另有{others}）" if others else "")
            + "。上一年度结转下年度继续办理的申请就是本年度的上年结转，两者应逐栏相等，请核对哪一份报告有误。",
            pair, table="三", section="三", cell={"row": a.row, "column": a.column},
            expected=b.value, actual=a.value)
