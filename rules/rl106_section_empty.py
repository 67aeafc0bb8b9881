import re

from report_lint.model import Paragraph
from report_lint.normalise import normalise_label
from report_lint.rule import Rule
from report_lint.template import PLACEHOLDER


class SectionEmpty(Rule, code="RL106", name="section-empty", severity="error", title="部分没有内容"):
    """某一部分只有标题（或只有模板的占位文字），没有内容。

    A section has a heading but no content.

    Every section must say something: 一 the overview, 五 the problems and improvements, 六
    the other matters (even if only `无。`). A heading followed directly by the next heading
    is an empty section, and so is a section that still holds only the placeholder of
    `report-lint template` (`（请在此填写本部分内容。）`): the skeleton was never filled in.
    Sections 二, 三 and 四 consist of their tables; when those are
    missing, RL107 (table-missing) reports it instead.

    Bad:

        五、存在的主要问题及改进情况
        六、其他需要报告的事项

    Good:

        五、存在的主要问题及改进情况
        （一）存在的主要问题 …
        六、其他需要报告的事项
        无。
    """

    def check(self, report):
        for s in report.sections:
            if s.definition is None or s.definition.table is not None:
                continue
            if not s.blocks:
                yield self.finding(
                    report, s.heading,
                    f"第{s.number}部分「{s.definition.label.canonical}」只有标题，没有内容：请补写这一部分（没有可报告的事项时写“无”）。",
                    section=s.number)
            elif all(_placeholder(b) for b in s.blocks):
                yield self.finding(
                    report, s.blocks[0].span,
                    f"第{s.number}部分「{s.definition.label.canonical}」仍是模板的占位文字「{PLACEHOLDER}」，"
                    f"没有内容：请换成这一部分的内容（没有可报告的事项时写“无”）。",
                    section=s.number)


_IGNORED = r"[\s()（）。.]*"
# the placeholder's characters with anything ignored between them: a paragraph that is not the
# placeholder fails at its first other character (stripping a whole paragraph before comparing
# costs a pass over it and a copy); \A: a search tries it only at the start
_PLACEHOLDER = re.compile(r"\A" + _IGNORED + _IGNORED.join(
    map(re.escape, re.sub(_IGNORED, "", normalise_label(PLACEHOLDER)))) + _IGNORED)


def _placeholder(block) -> bool:
    """Is the block the placeholder, give or take blanks, brackets and full stops?"""
    return isinstance(block, Paragraph) and _PLACEHOLDER.fullmatch(block.text) is not None
