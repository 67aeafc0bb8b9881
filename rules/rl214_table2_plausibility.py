from report_lint.rule import Rule

from ._messages import cell_name, show_value

# (smaller column, larger column, severity, why): the larger is usually at least the smaller
_ORDERED = (
    # 2021 T2-P1: 现行有效 + 废止 ≥ 制发 — checked separately (three cells)
    ("col2_published", "col2_published_total", "warning",
     "对外公开总数量是累计数，通常不小于本年新公开数量"),
    ("col2_published", "col2_made", "info",
     "本年新公开的文件通常不多于本年新制作的文件（公开往年文件时可以例外）"),
)
ISSUED, REPEALED, IN_FORCE, FEE = "col2_issued", "col2_repealed", "col2_in_force", "col2_fee_amount"


class Table2Plausibility(Rule, code="RL214", name="table2-plausibility", severity="warning",
                         title="表二数字不合常理"):
    """表二的数字不合常理（文件件数或金额可能有误）。

    表二's numbers are implausible (a document count or an amount that is probably wrong).

    表二 has no hard sums, but its numbers constrain each other (relations of plausibility,
    not identities the notices state, hence warnings — a weak one as a note):

    * 2021 (T2-P1): 现行有效件数 + 本年废止件数 ≥ 本年制发件数 — what was issued this year is
      either still in force or was repealed;
    * 2019 (T2o-P2): 对外公开总数量 ≥ 本年新公开数量 — the total is cumulative;
    * 2019 (T2o-P3, note): 本年新公开数量 ≤ 本年新制作数量, usually;
    * T2-P5: 本年收费金额 is in 万元; a whole number of seven digits or more is probably in 元.

    Bad:

        行政规范性文件 | 12 | 0 | 5

    Good:

        行政规范性文件 | 12 | 0 | 40
    """

    def check(self, report):
        for t in report.numbered_tables():
            if t.table == "二":
                for row in t.layout.rows:
                    yield from self._row(report, t, row)

    def _row(self, report, t, row):
        cols = {c.id: c for c in row.cells}
        val = {cid: t.cells.get((row.id, cid)) for cid in cols}
        num = {cid: c.value for cid, c in val.items() if c is not None and c.kind == "number"}

        def at(cid, message, **kw):
            return self.cell_finding(report, t, f"{cell_name(t, row, cols[cid])}{message}", row, cols[cid], val[cid],
                                     actual=num[cid], **kw)

        if {ISSUED, REPEALED, IN_FORCE} <= set(num) and num[IN_FORCE] + num[REPEALED] < num[ISSUED]:
            yield at(IN_FORCE, f"：现行有效 {show_value(num[IN_FORCE])} + 本年废止 {show_value(num[REPEALED])} 少于本年制发 "
                     f"{show_value(num[ISSUED])}——本年制发的文件应当仍然有效或已被废止，请核对。",
                     expected=f">= {show_value(num[ISSUED] - num[REPEALED])}")
        for small, large, sev, why in _ORDERED:
            if small in num and large in num and num[small] > num[large]:
                yield at(large, f"为 {show_value(num[large])}，小于「{cols[small].name}」{show_value(num[small])}：{why}，请核对。",
                         severity=sev, expected=f">= {show_value(num[small])}")
        fee = num.get(FEE)
        if fee is not None and float(fee).is_integer() and abs(fee) >= 1_000_000:
            yield at(FEE, f"为 {show_value(fee)}：单位是万元，这个数相当于 {show_value(fee / 10000)} 亿元，很可能是按元填写的，请核对单位。")
