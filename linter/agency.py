"""Who reports, and the report's own title line: what the title rule checks and what pairs a
report with last year's report of the same agency.

``title(report)`` finds the title among the first blocks of the preamble (a short line naming the
subject and ending in 报告, not a sentence, not a page's breadcrumb), joining a title broken over
two lines (`2025年上海市人民政府办公厅政府信息公开` / `工作年度报告`). ``agency(report)`` is the
name before (or after) the year in the title, else in a preamble sentence that names the report
(`特编制XX局2023年政府信息公开工作年度报告`); ``agency_key`` normalises it for comparison.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from report_lint.model import Paragraph, Report

MAX_TITLE = 80
_LABEL = re.compile(r"^(?:标题|题目|名称)[:：]")
_SUBJECT = re.compile(r"政府信息公开|政务公开|信息公开")
_NOT_TITLE = re.compile(r"[。；;]|^(?:根据|依据|按照|为|本报告|现将|特|当前位置|您当前|首页)|当前位置|来源[:：]")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(度)?")
_REPORT_IN_SENTENCE = re.compile(r"(?:编制|发布|公布|形成|编制完成|现公布|特编制)(?:了)?(?:本|此)?"
                                 r"(?P<name>[^，,。；;《》()（）]{2,40}?)(?:19|20)\d\d\s*年度?"
                                 r"(?:政府信息公开|政务公开)")
# what varies in how one agency writes its name from year to year
_BRACKETED = re.compile(r"[(（【\[][^()（）【】\[\]]{0,12}[)）】\]]")
_GOV_SUFFIX = re.compile(r"(?:党工委)?(?:人民政府|政府|管委会|管理委员会|行政公署)$")
_PREFIX = re.compile(r"^(?:中共|关于)")
# a line that is only an agency's name (`淮安市洪泽区人民政府`): no digit, space or punctuation
NAME_LINE = re.compile(r"[^\d\s，,。；;：:、（）()《》“”]{2,30}")


@dataclass
class Title:
    """The title line: its text (compact, label and Markdown marks removed) and where it is."""
    text: str
    block: Paragraph
    start: int          # offset of ``text`` in the block's text
    end: int


def _clean(text: str) -> tuple[str, int]:
    """The title text without a `标题:` label or Markdown marks, and its offset in ``text``."""
    s = 0
    m = _LABEL.match(text)
    if m:
        s = m.end()
    while s < len(text) and text[s] in "#* \t|":
        s += 1
    e = len(text)
    while e > s and text[e - 1] in "#* \t|":
        e -= 1
    return text[s:e], s


def title(report: Report) -> Title | None:
    if "agency.title" in report.derived:
        return report.derived["agency.title"]
    found = None
    paras = [b for b in report.preamble[:8] if isinstance(b, Paragraph)]
    for i, p in enumerate(paras):
        text, s = _clean(p.text)
        if not text or len(text) > MAX_TITLE or _NOT_TITLE.search(text) or not _SUBJECT.search(text):
            continue
        if text.endswith("报告"):
            prev = paras[i - 1] if i else None
            above, a = _clean(prev.text) if prev is not None else ("", 0)
            if _YEAR.match(text) and NAME_LINE.fullmatch(above) and len(above) + len(text) <= MAX_TITLE:
                # `淮安市洪泽区人民政府` / `2024年政府信息公开工作年度报告`: the agency on the line above
                found = Title(above + text, prev, a, a + len(above))
            else:
                found = Title(text, p, s, s + len(text))
            break
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is not None:
            more, _ = _clean(nxt.text)
            if more.endswith("报告") and len(text) + len(more) <= MAX_TITLE and not _NOT_TITLE.search(more):
                found = Title(text + more, p, s, s + len(text))
                break
    report.derived["agency.title"] = found
    return found


@dataclass
class TitleParts:
    """A title cut into the agency, the year and the wording after them (`政府信息公开工作年度报告`)."""
    agency: str
    year: int | None
    du: bool            # 年度 rather than 年
    wording: str
    year_start: int | None   # offsets in the title text
    wording_start: int


def split_title(text: str) -> TitleParts:
    m = _YEAR.search(text)
    subj = _SUBJECT.search(text, m.end() if m else 0) or _SUBJECT.search(text)
    ws = subj.start() if subj else len(text)
    if m and m.start() < ws:
        before, after = text[:m.start()], text[m.end():ws]
        agency = (before + after).strip(" :：")
        return TitleParts(agency, int(m.group(1)), bool(m.group(2)), text[ws:], m.start(), ws)
    return TitleParts(text[:ws].strip(" :："), None, False, text[ws:], None, ws)


def agency(report: Report) -> str | None:
    """The reporting agency's name as written (compact text), or None."""
    t = title(report)
    if t is not None:
        name = split_title(t.text).agency
        if name:
            return _PREFIX.sub("", name)
    for b in report.preamble[:8]:
        if isinstance(b, Paragraph):
            m = _REPORT_IN_SENTENCE.search(b.text)
            if m:
                return _PREFIX.sub("", m.group("name"))
    return None


def agency_key(name: str | None) -> str | None:
    """A name as compared across years: no spaces, no bracketed asides (`（管委会）`), no
    trailing 人民政府/管委会 (`平潭综合实验区管委会` and `平潭综合实验区` are one reporter)."""
    if not name:
        return None
    key = re.sub(r"\s+", "", name)
    key = _BRACKETED.sub("", key)
    key = _PREFIX.sub("", key)
    key = _GOV_SUFFIX.sub("", key) or key
    return key or None
