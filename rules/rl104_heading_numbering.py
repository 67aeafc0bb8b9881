from report_lint.rule import Rule


class HeadingNumbering(Rule, code="RL104", name="heading-numbering", severity="warning", title="标题序号不规范"):
    """部分标题的序号或分隔符与规定格式不一致。

    A section heading's numeral or separator deviates from the mandated form.

    The format numbers the sections `一、` to `六、`: a Chinese numeral followed by the
    enumeration comma `、`. Headings copied from web pages often lose the `、` (`一总体情况`)
    or carry the wrong numeral (`三、主动公开政府信息情况`). The section is still recognised by
    its title; this warning names the mandated form.

    Bad:

        一总体情况
        三、主动公开政府信息情况

    Good:

        一、总体情况
        二、主动公开政府信息情况
    """

    def check(self, report):
        for s in report.sections:
            if s.definition is None:
                continue
            want = s.definition.numeral
            if s.written_numeral != want:
                yield self.finding(
                    report, s.heading,
                    f"标题编号有误：「{s.title}」是第{want}部分，应编为「{s.definition.label.canonical}」，"
                    f"这里写成了「{s.written_numeral}{s.separator}」。",
                    section=want, expected=s.definition.label.canonical)
            elif s.separator != "、":
                written = f"「{s.written_numeral}{s.separator}」" if s.separator else f"「{s.written_numeral}」后没有顿号"
                yield self.finding(
                    report, s.heading,
                    f"标题编号格式不规范：{written}，应为「{s.definition.label.canonical}」（中文数字加顿号“、”）。",
                    section=want, expected=s.definition.label.canonical)
