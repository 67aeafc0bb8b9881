"""What a page about a report needs from the parsed model, as plain picklable data.

The model is dropped before a result crosses a process boundary (``FileResult.detach``), so
`--format html` and `report-lint serve` ask `lint_source` for this snapshot instead
(``Options.view``): the original text, the agency the title names, the outline of the six
mandated sections and every cell of 表二/三/四 keyed by the layout's row and column ids (the
labels themselves stay in grammar/ and are looked up when the page is drawn). Other formats
never build it.
"""
from __future__ import annotations

from report_lint.model import Report


def snapshot(report: Report) -> dict:
    from report_lint import metadata

    return {"text": report.normalised.original, "agency": _plausible(metadata.agency(report)),
            "year_source": report.year_source, "template_source": report.template_source,
            "sections": outline(report), "tables": tables(report)}


def _plausible(name: str | None) -> str | None:
    """The title's agency when it reads as a name: a title the heuristic misreads (a first
    sentence that happens to hold a year) is left out of the index rather than shown."""
    if not name or len(name) > 30 or any(ch in name for ch in "《》，,。；;、：:（）()\"“”"):
        return None
    return name


def outline(report: Report) -> list[dict]:
    """The six mandated sections in the format's order, each with where (and how) the report
    has it. status: ok | missing | misplaced (found after a section that should follow it) |
    renumbered (found in place, written with another numeral)."""
    from report_lint.grammar import layout

    nt = report.normalised
    first: dict[int, int] = {}          # section index → position among the report's headings
    found = [s for s in report.sections if s.definition is not None]
    for pos, s in enumerate(found):
        first.setdefault(s.definition.index, pos)
    out = []
    for d in layout().sections:
        entry = {"numeral": d.numeral, "index": d.index, "status": "missing", "line": None,
                 "written": None}
        if d.index in first:
            s = found[first[d.index]]
            before = [t.definition.index for t in found[:first[d.index]]]
            entry["line"] = nt.line_col(s.heading.start)[0]
            entry["written"] = nt.original[s.heading.start:s.heading.end].strip()[:200]
            if any(i > d.index for i in before):
                entry["status"] = "misplaced"
            elif s.written_numeral and s.written_numeral != d.numeral:
                entry["status"] = "renumbered"
            else:
                entry["status"] = "ok"
        out.append(entry)
    return out


def tables(report: Report) -> list[dict]:
    """表二, 三, 四 as the rules see them (`Report.table`): format, section, line and cells
    {row id: {column id: [raw, kind, line, start]}} (start: where the cell's text begins — the
    cells of a row that could not be split share one); a table the report does not print has
    found=False."""
    nt = report.normalised
    out = []
    for name in ("二", "三", "四"):
        t = report.table(name)
        if t is None:
            out.append({"table": name, "found": False, "fmt": None})
            continue
        cells: dict[str, dict[str, list]] = {}
        for (row_id, col_id), c in t.cells.items():
            line = nt.line_col(c.span.start)[0] if c.span is not None else None
            start = c.span.start if c.span is not None else None
            cells.setdefault(row_id, {})[col_id] = [c.raw, c.kind, line, start]
        out.append({"table": name, "found": True,
                    "fmt": t.layout.template if t.layout is not None else t.template,
                    "section": t.section_number,
                    "line": nt.line_col(t.span.start)[0], "cells": cells})
    return out
