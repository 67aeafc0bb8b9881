import re
from datetime import date, timedelta

from report_lint import prose
from report_lint.metadata import reporter
from report_lint.rule import Rule

# a page's publication date (`发布时间: 2025-01-23 16:43`, `发布日期：2021年1月29日`); the
# look-behind after 时: every alternative begins with a character, which the search skips to
_PAGE = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|印发日期|时(?<![统计期]时)间)[:：]?[ \t]*"
                   r"(?P<y>20\d\d)(?:-|/|\.|年)(?P<m>\d{1,2})(?:-|/|\.|月)(?P<d>\d{1,2})")
# a signing date closing the report: the last thing in one of its last blocks
_SIGNED = re.compile(r"(?P<y>20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[ \t)）]*(?:附件下载|相关附件[:：]?)?$")


def _date(m) -> date | None:
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


_KIND = {"department": "部门", "government": "政府", "township": "乡镇、街道", "other": "机关"}


def _deadline(report, year: int) -> tuple[date, str]:
    """The deadline for this report and the words that say where it comes from: the setting
    `deadline` for this kind of reporter if the configuration has one, else the statute's."""
    kind, _ = reporter(report)
    setting = report.settings.get("deadline") or {}
    key = kind if kind in _KIND else "other"
    if key in setting and report.template != "pre2019":
        m, d = int(setting[key][:2]), int(setting[key][3:])
        try:
            when = date(year + 1, m, d)
        except ValueError:                  # 02-29 in a common year: the last day of February
            when = date(year + 1, 3, 1) - timedelta(days=1)
        return when, (f"配置规定的期限 {when.year}年{when.month}月{when.day}日"
                      f"（配置项 deadline，{_KIND[key]}：次年{m}月{d}日前发布）。")
    if report.template == "pre2019" or kind != "department":
        return date(year + 1, 3, 31), (f"法定期限 {year + 1}年3月31日（《政府信息公开条例》第四十九条："
                                       "最迟应于次年3月31日前发布（部门为1月31日））。")
    return date(year + 1, 1, 31), (f"法定期限 {year + 1}年1月31日（《政府信息公开条例》第四十九条："
                                   "各部门应于次年1月31日前发布）。")


class PublicationDeadline(Rule, code="RL406", name="publication-deadline", severity="error", applies_to_mandated_only=False,
                          title="发布日期不符"):
    """报告的发布或落款日期不可能，或晚于规定期限。

    The report's publication or signing date is impossible or late.

    Article 49 of the 条例 sets the deadline: a 县级以上人民政府部门 publishes its report by
    31 January of the following year; a 县级以上地方人民政府's own report is due by 31 March
    (条例 第四十九条、第五十条; before 2019, every agency had until 31 March). A date on or before
    31 December of the report year is impossible — the year is not over, the statistics cannot
    be complete — and is reported as an error (usually last year's date left in place). A date
    after the deadline is reported as a warning; whether the reporter is a department is read
    from the title, and reports of governments, townships and unknown reporters are only held to
    31 March (the township deadline is set locally).

    Supervising offices often set earlier dates than the statute (townships by 1月31日 in some
    districts): the configuration key `deadline` sets the date, month-day of the following
    year, for every reporter (`deadline = "01-31"`) or per kind of reporter (`[deadline]`
    with `department`, `government`, `township`, `other` = `"MM-DD"`); without it the
    statute's dates apply. Pre-2019 reports are always held to the old 31 March.

    Dates come from the page header (`发布时间: 2025-01-23`) and from the signing date that
    closes the report (`XX局 2025年1月23日`).

    Bad (a 2024 report):

        平潭综合实验区财政金融局
        2024年12月20日

    Good:

        平潭综合实验区财政金融局
        2025年1月23日
    """

    def check(self, report):
        year = report.year
        if year is None:
            return
        deadline, why = _deadline(report, year)
        found = []
        blocks = prose.blocks(report)
        for b in blocks:
            if b.section is None:
                for m in _PAGE.finditer(b.text):
                    found.append((b, m, "发布日期"))
        for b in blocks[-4:]:
            m = _SIGNED.search(b.text)
            if m:
                found.append((b, m, "落款日期"))
        for b, m, what in found:
            d = _date(m)
            if d is None:
                continue
            where = prose.span(report, b, m.start("y"), m.end("d"))
            if d <= date(year, 12, 31):
                yield self.finding(
                    report, where,
                    f"{what}不可能：{year} 年度的报告，{what}却是 {d.year}年{d.month}月{d.day}日，"
                    f"早于（或等于）该年度结束。年度报告应在 {year + 1} 年初统计完全年数据后发布，"
                    "请核对日期（多半是沿用了上一年的日期）。",
                    section=b.section_number, expected=f"{year + 1}-01-01 – {deadline.isoformat()}",
                    actual=d.isoformat())
            elif d > deadline:
                yield self.finding(
                    report, where,
                    f"发布逾期：{year} 年度的报告，{what}是 {d.year}年{d.month}月{d.day}日，"
                    f"晚于{why}",
                    severity="warning", section=b.section_number, expected=deadline.isoformat(),
                    actual=d.isoformat())
