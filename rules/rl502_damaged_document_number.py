import re

from report_lint import prose
from report_lint.rule import Rule

# 〔2021〕30号 with a bracket or the year lost: 〔202130号, 〔2021〕号, 函2021〕30号
_DAMAGED = re.compile(r"〔(?P<a>(?:19|20)\d\d)(?P<b>\d{1,4})号"
                      r"|〔(?P<c>(?:19|20)\d\d)〕号"
                      r"|(?<=[\u4e00-\u9fff])(?P<d>(?:19|20)\d\d)〕(?P<e>\d{1,4})号"
                      r"|〔〕\d{1,4}号")


class DamagedDocumentNumber(Rule, code="RL502", name="damaged-document-number", severity="error", applies_to_mandated_only=False,
                            title="文号残缺"):
    """文号在复制时丢了字（“〔202130号”）。

    A document number lost characters when it was copied (`〔202130号`).

    Document numbers (文号) are written `国办公开办函〔2021〕30号`. Copying from a web page
    often drops the closing bracket or the number (examples/seeds/002_f55af3b9fc6ef95b.txt: `国办公开办函〔202130号`), which
    leaves a citation nobody can look up. Reported at its place: a `〔` followed by the year and
    the number with no `〕`, a bracketed year with no number, or a `〕` without its `〔`.

    Bad:

        本报告严格按照国办公开办函〔202130号文件要求编制。

    Good:

        本报告严格按照国办公开办函〔2021〕30号文件要求编制。
    """

    def check(self, report):
        for b, m in prose.search_blocks(report, _DAMAGED, needs=("号",)):
            if m.group("a"):
                want = f"〔{m.group('a')}〕{m.group('b')}号"
            elif m.group("d"):
                want = f"〔{m.group('d')}〕{m.group('e')}号"
            elif m.group("c"):
                want = f"〔{m.group('c')}〕…号"
            else:
                want = "〔年份〕…号"
            yield self.finding(
                report, prose.span(report, b, m.start(), m.end()),
                f"文号缺字：“{m.group()}”不完整，应写成“{want}”的形式"
                "（多半是从网页复制时丢失了括号或数字），请核对原文件后补全。",
                section=b.section_number, expected=want, actual=m.group())
