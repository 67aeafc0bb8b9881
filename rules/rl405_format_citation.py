import re

from report_lint import prose
from report_lint.rule import Rule

# 国办公开办函〔2019〕60号 / 〔2021〕30号, also with square or round brackets
_CITE = re.compile(r"公开办函[〔\[(]?(?P<year>20\d\d)[〕\])]?(?P<num>\d{1,3})号")
_FORMATS = {(2019, 60): (2019, 2020), (2021, 30): (2021, 9999)}


class FormatCitation(Rule, code="RL405", name="format-citation", severity="error", title="格式文号引用错误"):
    """报告引用的格式通知是另一版格式的。

    The report cites the format notice of another format version.

    The format of the annual report is set by the State Council General Office's notice:
    国办公开办函〔2019〕60号 for report years 2019 and 2020, 国办公开办函〔2021〕30号 (signed
    26 September 2021) from report year 2021 on. A 2022 report that says
    it was compiled under 〔2019〕60号 was built on an old template (and probably uses the old
    tables); a 2020 report cannot cite a notice issued in September 2021.

    Bad (a 2022 report):

        根据国办公开办函〔2019〕60号的要求，编制本报告。

    Good:

        根据国办公开办函〔2021〕30号的要求，编制本报告。
    """

    def check(self, report):
        year = report.year
        if year is None or year < 2019:
            return
        for b, m in prose.search_blocks(report, _CITE):
            key = (int(m.group("year")), int(m.group("num")))
            if key not in _FORMATS:
                continue
            lo, hi = _FORMATS[key]
            if lo <= year <= hi:
                continue
            want = "〔2019〕60号" if year <= 2020 else "〔2021〕30号"
            cited = f"〔{key[0]}〕{key[1]}号"
            yield self.finding(
                report, prose.span(report, b, m.start(), m.end()),
                f"引用的格式文件与年度不符：这是 {year} 年度的报告，应依据国办公开办函{want}，"
                f"这里引用的是国办公开办函{cited}（适用于 {lo}"
                + (f"–{hi} 年度" if hi < 9999 else " 年度起") + "）。请改正引用，并确认所用表格是相应年度的格式。",
                section=b.section_number, expected=want, actual=cited)
