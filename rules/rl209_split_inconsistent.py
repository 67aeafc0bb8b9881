from report_lint.rule import Rule

from ._messages import cell_name, show_candidates


class SplitInconsistent(Rule, code="RL209", name="split-inconsistent", severity="error", title="连写数字对不上"):
    """某一行的数字连在一起，无论怎样拆分都对不上勾稽关系。

    A row whose cells run together cannot be read in any way that adds up.

    When a collapsed digit run (`一、本年新收政府信息公开申请数量640020470`) is split into the
    row's cells, the format's relations must hold: in 表三 the 总计 column is the sum of the six
    applicant columns, in 表四 each group's 总计 is the sum of its four outcomes
    (identities of the notices' tables, see RL211 and RL212). When no split satisfies them, the published numbers are wrong
    (a real arithmetic defect), not merely run together. The finding lists the possible readings;
    no value is guessed.

    Bad — no split of `64002047` gives seven cells whose first six add up to the last:

        一、本年新收政府信息公开申请数量64002047

    Good:

        一、本年新收政府信息公开申请数量 | 64 | 0 | 0 | 2 | 0 | 4 | 70
    """

    def check(self, report):
        for t, n in report.notes("inconsistent"):
            found = (f"可能的拆分有：{show_candidates(n.candidates, n.complete)}，但没有一种满足合计关系"
                     if n.candidates else "无法拆分成规定的单元格数")
            yield self.cell_finding(
                report, t, f"{cell_name(t, n.row)}的数字连在一起（{n.raw}）：{found}。这一行的数字有误，请核对。",
                n.row, span=n.span, actual=n.raw, extra={"candidates": [list(c) for c in n.candidates]})
