from report_lint.years import YearRule, consecutive

# (row, stock column, issued column, repealed column) in the 2021 format; in the 2019 format the
# stock of items is 上一年项目数量, moved on by last year's 本年增/减
_STOCK_2021 = [(row, "col2_in_force", "col2_issued", "col2_repealed") for row in ("row2_rules", "row2_normative_2021")]
_ITEMS_2019 = ("row2_licensing", "row2_other_services", "row2_penalty", "row2_coercion", "row2_fees")


def _v(prof, row, col):
    c = prof.t2.get((row, col))
    return None if c is None or c.value is None else c


class Table2StockMismatch(YearRule, code="RL602", name="table2-stock-mismatch", severity="warning",
                          title="现行有效件数不衔接"):
    """表二的现行有效件数不等于上年现行有效件数加本年制发、减本年废止。

    表二's stock does not follow from last year's: 现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止.

    In the 2021 format (国办公开办函〔2021〕30号) 表二 counts, for 规章 and 行政规范性文件, the
    documents issued and repealed in the year and those in force at its end: what is in force
    this year is what was in force last year, plus this year's new documents, minus this year's
    repealed ones. In the 2019 format (〔2019〕60号) 上一年项目数量 of 行政许可, 其他对外管理服务
    事项, 行政处罚, 行政强制 and 行政事业性收费 is last year's 上一年项目数量 moved on by last year's
    本年增/减. Third-party checkers apply this relation; it breaks legitimately when documents
    lapse at the end of their term (有效期届满 is not 废止) or after a clean-up, so it is a warning,
    and it is silent when the report states a clean-up (`清理`, `集中清理…后现行有效`). Only what
    both years' tables hold is compared: a 2020 report (2019 format) and a 2021 report share no
    such column.

    Bad (2022: 现行有效 20; 2023: 本年制发 3, 本年废止 1):

        2023: 行政规范性文件 | 3 | 1 | 25

    Good:

        2023: 行政规范性文件 | 3 | 1 | 22
    """

    def compare(self, pair):
        if not consecutive(pair):
            return
        cur, prev = pair.cur.profile, pair.prev.profile
        if cur.reset:
            return
        if cur.template == "2021" and prev.template == "2021":
            for row, stock, issued, repealed in _STOCK_2021:
                now, before = _v(cur, row, stock), _v(prev, row, stock)
                made, gone = _v(cur, row, issued), _v(cur, row, repealed)
                if None in (now, before, made, gone):
                    continue
                want = before.value + made.value - gone.value
                if now.value == want:
                    continue
                yield self._cell(
                    pair, now, want,
                    f"表二“{now.row}”的现行有效件数与上一年度对不上：上一年度报告（{pair.prev_name}）"
                    f"现行有效 {before.value} 件，加本年制发 {made.value} 件、减本年废止 {gone.value} 件，"
                    f"应为 {want} 件，本报告却是 {now.value} 件。若本年开展了清理或有文件到期失效，请在正文中说明；"
                    "否则请核对。")
        elif cur.template == "2019" and prev.template == "2019":
            for row in _ITEMS_2019:
                now, before = _v(cur, row, "col2_prev_items"), _v(prev, row, "col2_prev_items")
                change = _v(prev, row, "col2_change")
                if None in (now, before, change):
                    continue
                want = before.value + change.value
                if now.value == want:
                    continue
                yield self._cell(
                    pair, now, want,
                    f"表二“{now.row}”的上一年项目数量与上一年度报告对不上：上一年度报告（{pair.prev_name}）"
                    f"上一年项目数量 {before.value}、本年增/减 {change.value}，本年的上一年项目数量应为 {want}，"
                    f"本报告却是 {now.value}。请核对。")

    def _cell(self, pair, now, want, message):
        return self.at(now.spot or pair.cur.profile.anchor, message, pair, table="二", section="二",
                       cell={"row": now.row, "column": now.column}, expected=want, actual=now.value)
