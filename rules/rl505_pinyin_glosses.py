from report_lint.model import Span
from report_lint.rule import Rule


class PinyinGlosses(Rule, code="RL505", name="pinyin-glosses", severity="warning", applies_to_mandated_only=False,
                    title="带拼音注音"):
    """正文在汉字后带有拼音注音（“國(guó)”）：是镜像网站的副本。

    The text carries pinyin glosses after characters (`國(guó)`): a mirror site's copy.

    Some mirror sites convert a page to traditional characters and insert the pinyin of
    characters they consider rare (`公開(kāi)`, `根據(jù)`; examples/seeds/003_0b1325ff460d94b6.txt,
    examples/real/015.txt). The report
    was copied from such a mirror, not from the agency's own page. report-lint reads through
    the glosses (they do not disturb any other check) and says so once for the whole file,
    pointing at the first gloss: take the text from the original publication instead.

    Bad:

        為深入貫徹《中華人民共和國(guó)政府信息公開(kāi)條例》…

    Good:

        为深入贯彻《中华人民共和国政府信息公开条例》…
    """

    def check(self, report):
        found = report.normalised.glosses      # (start, end) of each `(guó)`, found by normalise
        if not found:
            return
        start, end = found[0]
        yield self.finding(
            report, Span(start, end),
            f"全文有 {len(found)} 处字后注音（如“{report.normalised.original[start - 1:end]}”）："
            "这是镜像网站转换繁体时加入的拼音，说明文本不是从发布机关的原始页面复制的。"
            "请改用原始发布的文本。",
            actual=len(found))
