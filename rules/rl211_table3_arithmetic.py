from report_lint.rule import Rule

from ._tables_arith import arithmetic_findings


class Table3Arithmetic(Rule, code="RL211", name="table3-arithmetic", severity="error", title="表三勾稽关系不符"):
    """表三的数字加不上（总计列、（七）总计行，或 一 + 二 = （七） + 四）。

    表三's numbers do not add up (总计 column, （七）总计 row, or 一 + 二 = （七） + 四).

    表三 imposes three families of relations (all hard identities; the corner note of the
    notices' 表三 states the last one):
    every row's 总计 is the sum of the six applicant columns (T3-ROW); in every column
    （七）总计 is the sum of （一）…（六） with their sub-items (T3-SUM; （六） is one row in the
    2019 format, three in 2021); in every column 一 + 二 = （七）总计 + 四 — printed in the
    table's corner note (T3-BAL). A single wrong cell breaks one row relation and one or two
    column relations; report-lint names that cell, its value and the value that satisfies them
    all, with the broken equations and their numbers. When no single (or paired row-and-total)
    change explains the breaks, each broken equation is reported. Blank and placeholder cells
    are left out, not read as 0.

    Bad — 自然人: 530 + 1 ≠ 521 + 11:

        一、本年新收政府信息公开申请数量 | 530 | … | 553
        二、上年结转政府信息公开申请数量 | 1 | … | 1
        （七）总计 | 521 | … | 543
        四、结转下年度继续办理 | 11 | … | 11

    Good: （七）总计 × 自然人 = 520 (530 + 1 = 520 + 11).
    """

    def check(self, report):
        yield from arithmetic_findings(self, report, "三")
