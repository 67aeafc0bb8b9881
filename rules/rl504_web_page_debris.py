import re

from report_lint import prose
from report_lint.rule import Rule

# Phrases of a web page's frame that never occur in a report's own text.
_PHRASES = ("您当前所在位置", "您现在的位置", "当前位置:", "当前位置：", "访问量:", "访问量：", "访问次数",
            "浏览次数:", "浏览次数：", "扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面", "返回顶部",
            "关闭本页", "关闭窗口", "打印本页", "关联稿件", "分享至:", "分享到:", "分享至：", "分享到：",
            "上一篇:", "下一篇:", "[打印]", "[关闭]", "字号:", "字体:", "字号：", "字体：", "[大][中][小]")
_PHRASE = re.compile("|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)))
# a breadcrumb: 首页 > 政务公开 > …
_CRUMB = re.compile(r"首页[ \t]*[>›»][^\n]{0,80}")
# debris next to each other is one finding (`返回顶部关闭本页`, `字体: 打印 分享至:`)
_JOIN = re.compile(r"[ \t:：|/\[\]大中小打印]*")


class WebPageDebris(Rule, code="RL504", name="web-page-debris", severity="warning", applies_to_mandated_only=False,
                    title="残留网页内容"):
    """复制时把网页的其他内容也带进了报告。

    Pieces of the web page were copied along with the report.

    A report copied from its web page often keeps the page's frame: the breadcrumb
    (`您当前所在位置: 首页>政务公开>…`), the hit counter (`访问量:`), font-size and print
    buttons (`字号`, `打印`), `扫一扫在手机打开当前页`, `返回顶部`, `关闭本页` (examples/seeds/002_f55af3b9fc6ef95b.txt). They
    are not part of the report; each is reported at its place so it can be removed before the
    text is published again.

    Bad:

        您当前所在位置: 首页>政务公开>信息公开>政府信息公开年报>2021年
        …
        扫一扫在手机打开当前页
        返回顶部关闭本页

    Good: the report starts with its title and ends with its last section (and signature).
    """

    def check(self, report):
        for b in prose.blocks(report):
            text = b.text
            hits = [m.span() for m in _PHRASE.finditer(text)]
            if "首页" in text:       # where a breadcrumb can be
                hits += [m.span() for m in _CRUMB.finditer(text)]
            if not hits:
                continue
            hits.sort()
            merged = [list(hits[0])]
            for s, e in hits[1:]:
                if s <= merged[-1][1] or _JOIN.fullmatch(text, merged[-1][1], s):
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            for s, e in merged:
                frag = text[s:e].strip()
                yield self.finding(
                    report, prose.span(report, b, s, e),
                    f"网页残留：“{frag[:40]}”是网页上的导航、计数或按钮文字，不是报告内容，请删除。",
                    section=b.section_number, actual=frag)
