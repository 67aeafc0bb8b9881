"""The report's year and format version (template).

Year: the title (`…2019年政府信息公开工作年度报告`), then the statistics period
(`统计期限为2021年1月1日至2021年12月31日`), then the year that dominates the body — counting
only years the report speaks of as past (`2019年，我局…`), not plans (`2020年，我们将…`).
Template: pre2019 for years ≤ 2018, 2019 for 2019–2020, 2021 from 2021 on; without a year,
the tables' own labels decide.
"""
from __future__ import annotations

import re
from collections import Counter

from report_lint.grammar import template_of_year
from report_lint.model import Report

_TITLE = re.compile(r"(20\d\d|19\d\d)\s*年度?[^。\n]{0,40}?(?:政府信息公开|政务公开)[^。\n]{0,20}?(?:年度)?报告")
_PERIOD = re.compile(r"统计(?:期限|时限|区间|时间|期)[^。\n]{0,12}?(20\d\d)\s*年\s*1\s*月\s*1\s*日")
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)\s*年(?!\d)(.{0,12})")
_PLAN = re.compile(r"将|计划|拟|下一步|下一年|明年|继续|力争|要")


def detect_year(report: Report) -> tuple[int | None, str | None]:
    text = report.normalised.compact
    head = text[:1500]
    m = _TITLE.search(head)
    if m:
        return int(m.group(1)), "title"
    m = _PERIOD.search(text)
    if m:
        return int(m.group(1)), "period"
    counts: Counter = Counter()
    for m in _YEAR.finditer(text):
        if _PLAN.search(m.group(2)):
            continue
        counts[int(m.group(1))] += 1
    if counts:
        (year, n), *rest = counts.most_common(2)
        # ties go to the later year: a report mentions the year before more than the one after
        if rest and rest[0][1] == n:
            year = max(year, rest[0][0])
        return year, "body"
    m = _TITLE.search(text)
    if m:
        return int(m.group(1)), "title"
    return None, None


_PERIOD_END = re.compile(r"统计(?:期限|时限|区间|时间|期)[^。\n]{0,30}?[至到\-~][^。\n\d]{0,3}(20\d\d)\s*年\s*12\s*月\s*31\s*日")


def year_marks(report: Report) -> dict[str, tuple[int, int, int]]:
    """Where the report states its year: ``title``, ``period_start``, ``period_end`` →
    (year, compact start, compact end) of the year as written. Absent keys: not stated."""
    if "metadata.year_marks" in report.derived:
        return report.derived["metadata.year_marks"]
    text = report.normalised.compact
    out: dict[str, tuple[int, int, int]] = {}
    m = _TITLE.search(text[:1500])
    if m:
        out["title"] = (int(m.group(1)), m.start(1), m.end(1))
    m = _PERIOD.search(text)
    if m:
        out["period_start"] = (int(m.group(1)), m.start(1), m.end(1))
    m = _PERIOD_END.search(text)
    if m:
        out["period_end"] = (int(m.group(1)), m.start(1), m.end(1))
    report.derived["metadata.year_marks"] = out
    return out


def detect(report: Report, year: int | None = None, template: str | None = None) -> None:
    if year is not None:
        report.year, report.year_source = year, "option"
    else:
        report.year, report.year_source = detect_year(report)
    if template is not None:
        report.template, report.template_source = template, "option"
    elif report.year is not None:
        report.template, report.template_source = template_of_year(report.year), "year"
    else:
        seen = Counter(t.template for t in report.tables if t.template)
        if seen:
            report.template, report.template_source = seen.most_common(1)[0][0], "tables"


_GOV_LEVELS = ("自治区", "自治州", "自治县", "省", "市", "州", "盟", "县", "旗", "区")
_TOWNSHIP = re.compile(r"(?:镇|乡|街道|街道办事处|苏木)(?:人民政府)?$")
_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办公厅|办|厅|中心|署|院|站|所|队|处|馆|部|社|行|公司|集团|学校|医院|研究会|事务所|分局)$")
_GOV = re.compile(r"(?:人民政府|政府|管委会|管理委员会|行政公署)$")


def _after_label(line: str) -> str:
    """The line from its first ideograph on, without a leading `标题：` (a pattern with the CJK
    range would cost ~1 ms to compile at every start-up)."""
    i = next((k for k, ch in enumerate(line) if "\u4e00" <= ch <= "\u9fff"), len(line))
    line = line[i:]
    if line.startswith("标题"):
        line = line[3:] if line[2:3] in (":", "：") else line[2:]
    return line


def agency(report: Report) -> str | None:
    """The reporting agency as the title names it before the year (`宜春市人民政府`, in the
    normalised spelling), or None when no title is found."""
    text = report.normalised.compact
    m = _TITLE.search(text[:1500])
    if not m:
        return None
    line_start = text.rfind("\n", 0, m.start()) + 1
    name = _after_label(text[line_start:m.start()]).strip(" :：|#*")
    if not name and line_start:     # the agency printed on its own line above the title
        from report_lint.agency import NAME_LINE

        above = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1].strip(" :：|#*")
        if NAME_LINE.fullmatch(above):
            name = above
    return re.sub(r"关于$|的$", "", name)


def reporter(report: Report) -> tuple[str | None, str | None]:
    """Who reports, from the name before the year in the title: (kind, level).

    kind: ``government`` (a 县级以上人民政府's own report: `宜春市`, `XX县人民政府`,
    `平潭综合实验区`), ``department`` (`…局`, `…委员会`, `…办公室`), ``township``
    (`…镇人民政府`, `…街道`), or None when the title names no agency. level: the
    administrative unit a government governs (市, 县, 区 …), used to tell its own scope
    (`全市` in a city government's report) from a wider one."""
    if "metadata.reporter" in report.derived:
        return report.derived["metadata.reporter"]
    out: tuple[str | None, str | None] = (None, None)
    name = agency(report)
    if name is not None:
        if _TOWNSHIP.search(name):
            out = ("township", None)
        elif _DEPARTMENT.search(name):
            out = ("department", None)
        elif name:
            base = _GOV.sub("", name)
            level = next((lv for lv in _GOV_LEVELS if base.endswith(lv)), None)
            if _GOV.search(name) or level or base.endswith(("实验区", "新区", "开发区", "高新区")):
                out = ("government", level or "区")
    report.derived["metadata.reporter"] = out
    return out
