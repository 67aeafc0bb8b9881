"""Small helpers shared by rules: where to point when something is absent."""
from __future__ import annotations

from report_lint.grammar import NUMERALS, layout
from report_lint.model import Report, Span, Subheading


def first_of_each(report: Report) -> dict[str, object]:
    """The first section found for each numeral 一…六."""
    out = {}
    for s in report.sections:
        if s.number and s.number not in out:
            out[s.number] = s
    return out


def where_missing_section(report: Report, numeral: str) -> Span:
    """Point at the heading of the next section that is present, else the end of the previous
    one, else the start of the file: that is where the missing heading belongs."""
    found = first_of_each(report)
    idx = NUMERALS.index(numeral)
    for n in NUMERALS[idx + 1:]:
        if n in found:
            h = found[n].heading
            return Span(h.start, h.start)
    for n in reversed(NUMERALS[:idx]):
        if n in found:
            e = found[n].span.end
            return Span(e, e)
    return Span(0, 0)


def headless_body(report: Report, numeral: str) -> Subheading | None:
    """The first sub-heading of a missing 第一部分 whose body is there, headless: before any
    section, numbered sub-headings (`（一）突出学习培训…`) are section 一's, as a title or an
    introduction has none (examples/seeds/000_9558721f09da518a.txt begins so). None for any other section."""
    if numeral != NUMERALS[0]:
        return None
    return next((b for b in report.preamble if isinstance(b, Subheading)), None)


def canonical_title(numeral: str) -> str:
    return layout().section(numeral).label.canonical


def heading_span(section) -> Span:
    return section.heading
