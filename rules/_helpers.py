"""Small helpers shared by rules: where to point when something is absent."""
from __future__ import annotations

from dataclasses import dataclass

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


#: text after a table's last label that still reads as the same cut row (`(二)部分公开(区分处理的,只`)
CUT_TAIL = 40


@dataclass
class Cut:
    """A report that stops in the middle of a table: everything from one row on is absent."""
    span: Span                      # the end of the text
    table: object                   # the Table it stops in
    rows: list                      # layout rows from the cut on (the cut row, then the missing ones)
    sections: list[str]             # the numerals of the sections that never come


def truncation(report: Report) -> Cut | None:
    """Where an excerpt stops (examples/real/019.txt, 021.txt, 026.txt — pages copied in part):
    the text ends inside the last table, within a few characters of its last label, the rows
    after the cut are missing to the table's end and no later section is there. One finding
    says so (RL112) instead of a missing row run, a blank row and a missing section apiece."""
    if "rules.truncation" in report.derived:
        return report.derived["rules.truncation"]
    report.derived["rules.truncation"] = cut = _truncation(report)
    return cut


def _truncation(report: Report) -> Cut | None:
    text = report.normalised.original
    end = len(text.rstrip())
    tables = [t for t in report.tables if t.layout is not None and t.section is not None]
    if not tables or not report.sections:
        return None
    t = max(tables, key=lambda x: x.span.end)
    tail = text[t.span.end:end]
    if len(tail) > CUT_TAIL or "。" in tail or tail.count("\n") > 1:
        return None
    rows = list(t.layout.rows)
    missing = {n.row.id for n in t.notes if n.kind == "missing_row"}
    if not missing or rows[-1].id not in missing:
        return None
    k = len(rows)
    while k and rows[k - 1].id in missing:
        k -= 1
    cut_rows = rows[k:]
    if k and all(c is None or c.kind in ("blank", "missing") for c in (t.cells.get((rows[k - 1].id, col.id))
                                                                       for col in rows[k - 1].cells)):
        cut_rows.insert(0, rows[k - 1])           # the row whose numbers the cut took
    last = max(NUMERALS.index(s.number) for s in report.sections if s.number)
    if NUMERALS.index(t.section.number) != last:
        return None
    return Cut(Span(end, end), t, cut_rows, list(NUMERALS[last + 1:]))
