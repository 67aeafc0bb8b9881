import re

from report_lint import prose
from report_lint.grammar import NUMERALS
from report_lint.rule import Rule

_NUM = "一二三四五六七八九十"
_COUNT = re.compile(rf"(?<![第\d{_NUM}])(?P<n>[{_NUM}]|\d{{1,2}})个?(?:大)?部分")
_FRAME = re.compile(r"报告|全文")
_VERB = re.compile(r"由|包括|包含|分为|分成|共分|共有|共|组成")


def _value(n: str) -> int:
    return int(n) if n.isdigit() else _NUM.index(n) + 1


class PartCountMismatch(Rule, code="RL111", name="part-count-mismatch", severity="warning", title="部分数目不符"):
    """前言自述的部分数目与报告实际的部分不一致。

    The preamble's own count of parts disagrees with the sections the report has.

    Many reports announce their structure (`本报告由总体情况、……等六个部分组成`, `全文共分五
    部分`). The format mandates six (国办公开办函〔2019〕60号, 〔2021〕30号: 总体情况 to 其他需要
    报告的事项); a preamble announcing another number, or a report that lost or merged a section
    after the preamble was written, tells a reader the text was not checked as a whole. The
    count is compared with the sections found under the format's headings.

    Bad:

        本报告由总体情况、主动公开政府信息情况……等五个部分组成。
        一、总体情况 … 六、其他需要报告的事项

    Good:

        本报告由总体情况、主动公开政府信息情况……和其他需要报告的事项等六个部分组成。
    """

    def check(self, report):
        found = {s.number for s in report.sections if s.number}
        present = [n for n in NUMERALS if n in found]
        if not present:
            return
        for b in prose.blocks(report):
            if b.section is not None:
                break
            if "部分" not in b.text:      # (every match holds it; the pattern begins with a look-behind)
                continue
            for m in _COUNT.finditer(b.text):
                s, e = prose.sentence_bounds(b.text, m.start())
                sentence = b.text[s:e]
                if not (_FRAME.search(sentence) and _VERB.search(sentence[:m.start() - s])):
                    continue
                n = _value(m.group("n"))
                if n == len(present):
                    return
                yield self.finding(
                    report, prose.span(report, b, m.start(), m.end()),
                    f"前言说本报告共{m.group('n')}个部分，但正文中有 {len(present)} 个部分"
                    f"（{'、'.join(present)}）。年度报告格式规定六个部分；请核对前言的表述和正文的各部分标题。",
                    expected=len(present), actual=n)
                return
