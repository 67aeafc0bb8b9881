import re

from report_lint import prose
from report_lint.rule import Rule

# A year glued to the digits of a month or day: 年/月 lost in copying (`202111日`, `20215月份`,
# `2021年1231日`). Digit runs are bounded, so the pattern is linear.
# (the assertion after the first characters: a pattern that begins with a literal or a class lets
# the search skip ahead; one that begins with an assertion is tried at every character)
_DAMAGED = re.compile(r"(?P<year>(?:19|20)(?<![\d.]\d\d)\d\d)(?P<sep>年?)(?P<rest>\d{1,4})(?P<unit>[月日])")


def _valid_rest(rest: str, unit: str, sep: str) -> str | None:
    """What the digits after the year would be if 年/月 had not been lost, or None."""
    if unit == "月":
        if sep or not 1 <= int(rest) <= 12:
            return None
        return f"{int(rest)}月"
    splits = [(rest[:i], rest[i:]) for i in range(1, len(rest))] if len(rest) >= 2 else []
    for mo, d in splits:
        if len(mo) <= 2 and len(d) <= 2 and 1 <= int(mo) <= 12 and 1 <= int(d) <= 31 and not mo.startswith("0") | d.startswith("0"):
            return f"{int(mo)}月{int(d)}日"
    return None


class DamagedDate(Rule, code="RL501", name="damaged-date", severity="error", applies_to_mandated_only=False,
                  title="日期残缺"):
    """日期在复制时丢了字（“202111日”“20215月份”）。

    A date lost characters when it was copied (`202111日`, `20215月份`).

    Copying a report out of a web page often drops characters around the year: `2021年1月1日`
    becomes `202111日`, `2021年5月份` becomes `20215月份` (examples/seeds/002_f55af3b9fc6ef95b.txt: `统计期限为202111日至
    20211231日`). The date then reads as a meaningless number. A year immediately followed by
    the digits of a month or of a month and day, with `年` (or `月`) missing, is reported at its
    place so the clerk can restore it before publishing. The statistics period and dates are
    part of what the report states (条例 第五十条; 国办公开办函〔2021〕30号).

    Bad:

        本报告所列数据统计期限为202111日至20211231日。

    Good:

        本报告所列数据统计期限为2021年1月1日至2021年12月31日。
    """

    def check(self, report):
        for b, m in prose.search_blocks(report, _DAMAGED, needs=("月", "日")):
            nxt = b.text[m.end():m.end() + 1]
            if nxt.isdigit():
                continue
            meant = _valid_rest(m.group("rest"), m.group("unit"), m.group("sep"))
            if meant is None:
                continue
            want = f"{m.group('year')}年{meant}"
            yield self.finding(
                report, prose.span(report, b, m.start(), m.end()),
                f"日期缺字：“{m.group()}”少了“年”或“月”，应是“{want}”之类的写法"
                "（多半是从网页复制时丢失的），请补全后再发布。",
                section=b.section_number, expected=want, actual=m.group())
