from report_lint.rule import Rule


class HeadingWording(Rule, code="RL105", name="heading-wording", severity="warning", title="标题措辞不规范"):
    """部分标题的文字与规定的标题不一致。

    A section heading's wording deviates from the mandated title.

    The six titles are fixed by the format (国办公开办函〔2019〕60号, 〔2021〕30号; grammar/sections.lark
    lists them with the variants accepted in practice, e.g. `二、行政机关主动公开政府信息情况`). A heading recognised only
    by its resemblance to a title (`五、存在问题和改进措施`) is reported with the mandated
    wording, so the clerk can restore it.

    Bad:

        五、存在的问题和下一步工作

    Good:

        五、存在的主要问题及改进情况
    """

    def check(self, report):
        for s in report.sections:
            if s.definition is not None and not s.exact_title:
                yield self.finding(
                    report, s.heading,
                    f"标题措辞与规定格式不一致：「{s.written_numeral}{s.separator}{s.title}」应为「{s.definition.label.canonical}」。",
                    section=s.definition.numeral, expected=s.definition.label.canonical)
