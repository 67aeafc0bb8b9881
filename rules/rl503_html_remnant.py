import re
from functools import cache

from report_lint import prose
from report_lint.rule import Rule

_NAMES = r"(?:span|p|div|font|br|hr|strong|em|a|b|i|u|s|sup|sub|img|td|tr|th|table|tbody|thead|li|ul|ol|h[1-6]|section|article|style|script|o:p|center|label|input)"
# (attributes or a lone `/`, never both ways: `(?:[ \t][^<>\n]{0,200})?/?>` matched `<p x/>` two
# ways and backtracked exponentially over a run of such tags that fails at its end)
_TAG = (rf"</?{_NAMES}(?:[ \t][^<>\n]{{0,200}}|/)?>"
        # a closing tag whose `<` was eaten with a broken character (examples/seeds/003_0b1325ff460d94b6.txt: `方案?/span>`);
        # the look-behind after the `/`: every alternative then begins with a character (< / &),
        # which the search skips to, instead of trying the pattern at every character
        rf"|/(?<![A-Za-z0-9<]/){_NAMES}>")
_ENTITY = r"&(?:nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|emsp|ensp|times|#\d{2,6}|#x[0-9A-Fa-f]{2,5});?"
# a run of tags and entities is one remnant (`&nbsp;&nbsp;`, `</span></p>`)
_REMNANT = rf"(?:{_TAG}|{_ENTITY})(?:[ \t]*(?:{_TAG}|{_ENTITY}))*"


@cache
def _remnant() -> re.Pattern:
    # compiled on first need: ~2 ms of a cold start, and most reports have no `>` or `&` at all
    return re.compile(_REMNANT)


class HtmlRemnant(Rule, code="RL503", name="html-remnant", severity="warning", applies_to_mandated_only=False,
                  title="残留网页标签"):
    """正文中残留 HTML 标签或实体（“</span>”“&nbsp;”）。

    HTML tags or entities left in the text (`</span>`, `&nbsp;`).

    A report copied out of a web page's source keeps pieces of markup: a closing `</span>`
    in the middle of a sentence (examples/seeds/003_0b1325ff460d94b6.txt), `&nbsp;` instead
    of a space, `&ldquo;` instead of a quotation mark. They are not part of the report and show up verbatim when it is
    published. Each run of markup is reported at its place.

    Bad:

        四是宝城镇政府工作报告、重点工作的建设或实施方案</span>等；

    Good:

        四是宝城镇政府工作报告、重点工作的建设或实施方案等；
    """

    def check(self, report):
        if ">" not in report.normalised.compact and "&" not in report.normalised.compact:   # every tag ends with >
            return
        for b, m in prose.search_blocks(report, _remnant()):
            yield self.finding(
                report, prose.span(report, b, m.start(), m.end()),
                f"网页代码残留：“{m.group()[:40]}”是网页的 HTML 代码，不是报告内容，请删除"
                + ("（&nbsp; 之类的实体字符换成相应的空格或标点）。" if "&" in m.group() else "。"),
                section=b.section_number, actual=m.group())
