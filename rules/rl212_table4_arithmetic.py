from report_lint.rule import Rule

from ._tables_arith import arithmetic_findings


class Table4Arithmetic(Rule, code="RL212", name="table4-arithmetic", severity="error", title="表四总计不符"):
    """表四行政复议、未经复议直接起诉或复议后起诉的总计不等于各结果之和。

    表四's 总计 of 行政复议, 未经复议直接起诉 or 复议后起诉 is not the sum of its outcomes.

    In each of the three groups of 表四 the 总计 counts every case once, in exactly one of
    结果维持, 结果纠正, 其他结果 and 尚未审结 (总计 = the sum of the four outcomes, a hard
    identity). The finding shows the equation with its numbers.

    Bad:

        行政复议: 结果维持 2 | 结果纠正 1 | 其他结果 0 | 尚未审结 0 | 总计 4

    Good:

        行政复议: 结果维持 2 | 结果纠正 1 | 其他结果 0 | 尚未审结 0 | 总计 3
    """

    def check(self, report):
        yield from arithmetic_findings(self, report, "四")
