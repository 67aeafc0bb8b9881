from report_lint.rule import Rule

from ._messages import cell_name, show_candidates


class SplitAmbiguous(Rule, code="RL208", name="split-ambiguous", severity="warning", title="连写数字有多种读法"):
    """某一行的数字连在一起，可以有几种拆分读法。

    A row whose cells run together can be read in several ways.

    Scraped reports often lose the separators between cells: `行政规范性文件693665` is three
    numbers run together. report-lint splits such runs only where the format leaves exactly one
    reading (no leading zeros, the row totals of 表三 and 表四, the column relations of 表三).
    表二 has no such relations, so a run like `693665` (6/93/665? 69/36/65? …) stays ambiguous:
    no value is guessed, the row is left out of the checks, and the finding lists the readings.
    Publish the table with its cells separated.

    Bad:

        行政规范性文件693665

    Good:

        行政规范性文件 | 69 | 36 | 65
    """

    def check(self, report):
        for t, n in report.notes("ambiguous"):
            yield self.cell_finding(
                report, t, f"{cell_name(t, n.row)}的数字连在一起（{n.raw}），可以有多种拆分："
                f"{show_candidates(n.candidates, n.complete)}。无法确定各单元格的值，请把各栏数字分开填写。",
                n.row, span=n.span, actual=n.raw, extra={"candidates": [list(c) for c in n.candidates]})
