from report_lint.rule import Rule


class SectionRepeated(Rule, code="RL103", name="section-repeated", severity="error", title="部分重复"):
    """同一部分的标题出现了不止一次。

    A section heading appears more than once.

    Each of the six mandated sections appears exactly once. A second heading with the same
    title usually means text pasted twice, or a sub-heading written like a top-level one.
    The repeat is reported at its heading, with the line of the first occurrence.

    Bad:

        二、主动公开政府信息情况 …
        二、主动公开政府信息情况 …

    Good: one heading per section.
    """

    def check(self, report):
        first = {}
        for s in report.sections:
            if s.number is None:
                continue
            if s.number in first:
                line, _ = report.normalised.line_col(first[s.number].heading.start)
                yield self.finding(
                    report, s.heading,
                    f"第{s.number}部分「{s.definition.label.canonical}」重复出现（第一次在第 {line} 行）："
                    f"每个部分只能出现一次，请删除或合并重复的部分。",
                    section=s.number)
            else:
                first[s.number] = s
