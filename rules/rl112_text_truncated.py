from report_lint.rule import Rule

from ._helpers import truncation


class TextTruncated(Rule, code="RL112", name="text-truncated", severity="error", title="文本被截断"):
    """报告在表格中途断了：其后的行和部分都不在。

    The text stops in the middle of a table: the rest of the report is not there.

    A report copied from a web page or a PDF in part (an excerpt, a page that did not load to
    the end) stops mid-table: the row at the cut has no numbers, the rows after it and every
    later section are missing. That is one defect with one fix — paste the whole report — so
    it is one finding at the end of the text naming what is absent, not a finding per missing
    row run, blank row and section (RL202, RL204 and RL101 stay silent about them). Examples:
    examples/real/019.txt, 021.txt and 026.txt.

    Bad — the text ends here:

        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        三、本年度办理结果 | (一)予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        (二)部分公开(区分处理的,只

    Good: the whole report, to section 六.
    """

    def check(self, report):
        cut = truncation(report)
        if cut is None:
            return
        t = cut.table
        rows = f"表{t.table}从「{cut.rows[0].name}」起的 {len(cut.rows)} 行"
        parts = "、".join(cut.sections)
        absent = rows + (f"和第{parts}部分" if cut.sections else "")
        yield self.cell_finding(
            report, t, f"文本似乎在这里被截断：{absent}都没有。请粘贴完整的报告再检查。",
            cut.rows[0], span=cut.span, extra={"sections": cut.sections})
