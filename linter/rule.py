"""The rule interface. A rule is a small class in its own module under rules/, named after its
code and name (rules/rl101_section_missing.py):

    class SectionMissing(Rule, code="RL101", name="section-missing", severity="error", title="缺少部分"):
        \"\"\"中文一句话说明。

        One line summary. What it checks, why the format demands it, a bad and a good example.
        \"\"\"

        def check(self, report):
            yield self.finding(report, span, "…")

(`code`, `name`, `severity` and `applies_to_mandated_only` may also be class attributes, as
plugins written before may have them.) Table rules walk `report.cells(kind)` or
`report.notes(kind)` and report with `self.cell_finding(report, table, message, row, col, cell)`.

The docstring is the rule's documentation (`report-lint rule RL101`), opening with a one-line
Chinese summary (what `report-lint rules` lists); `title` is the rule's Chinese name, shown before
the English `name`. Rules read the Report
model; they never re-read the text or spell the format's labels themselves.
"""
from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Iterable, Iterator

from report_lint.findings import Finding
from report_lint.model import Cell, Report, Span, Table

if TYPE_CHECKING:
    from report_lint.grammar import Column, Row

FAMILIES = {
    "RL1": "structure — sections and tables present, in order, numbered as mandated",
    "RL2": "tables — cells readable, counts consistent (勾稽关系)",
    "RL3": "prose — numbers, percentages and sums in the text",
    "RL4": "metadata — year, format version, citations, deadlines",
    "RL5": "copy damage — text broken by copying from a web page",
    "RL6": "across years — a report against last year's report of the same agency",
}


#: longest text quoted in a message 「…」 and longest `actual`/`expected` string: a 10 MB cell or
#: heading is quoted by its start, so that no output format has to carry (and wrap) it whole
MAX_QUOTE = 80
MAX_VALUE = 200
MAX_MESSAGE = 1000


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit - 20]}…（共{len(text)}字）"


def clip_message(msg: str) -> str:
    """Clip every over-long quote of a message (「…」 or “…”), then the message itself. Linear:
    str.find, no regex (a `「[^」]{81,}」` search is quadratic on a run of 「)."""
    if len(msg) <= MAX_QUOTE:
        return msg
    for left, right in ("「」", "“”"):
        out, i = [], 0
        while (a := msg.find(left, i)) >= 0 and (b := msg.find(right, a + 1)) >= 0:
            out += [msg[i:a + 1], clip(msg[a + 1:b], MAX_QUOTE)]
            i = b
        out.append(msg[i:])
        msg = "".join(out)
    return clip(msg, MAX_MESSAGE)


class Rule:
    code: str = ""
    name: str = ""
    title: str = ""          # the Chinese name a clerk reads (`缺少表格`); plugins may leave it out
    severity: str = "warning"
    #: apply only to reports held to the national format (2019/2021); pre-2019 reports are not
    applies_to_mandated_only: bool = True

    def __init_subclass__(cls, code: str | None = None, name: str | None = None, severity: str | None = None,
                          applies_to_mandated_only: bool | None = None, title: str | None = None, **kw):
        super().__init_subclass__(**kw)
        for attr, value in (("code", code), ("name", name), ("severity", severity),
                            ("applies_to_mandated_only", applies_to_mandated_only), ("title", title)):
            if value is not None:
                setattr(cls, attr, value)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def label(cls) -> str:
        """The Chinese title, else the name."""
        return cls.title or cls.name

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0].strip()

    @classmethod
    def family(cls) -> str:
        return FAMILIES.get(cls.code[:3], "")

    def check(self, report: Report) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(self, report: Report, span: Span, message: str, **kw) -> Finding:
        for k in ("actual", "expected"):
            if isinstance(kw.get(k), str) and len(kw[k]) > MAX_VALUE:
                kw[k] = clip(kw[k], MAX_VALUE)
        return Finding(self.code, self.name, kw.pop("severity", self.severity), clip_message(message),
                       span, **kw)

    def cell_finding(self, report: Report, table: Table, message: str, row: "Row | None" = None,
                     col: "Column | None" = None, cell: Cell | None = None, span: Span | None = None,
                     **kw) -> Finding:
        """A finding about a table, a row of it or a cell: the section, the table and the cell
        (row × column in the format's own labels) are filled in; it points at `span`, else the
        cell, else the row's label, else the table."""
        return self.finding(report, span or table.span_of(cell, row), message,
                            section=table.section_number, table=table.table, cell=cell_ref(row, col), **kw)

    def run(self, report: Report) -> Iterator[Finding]:
        if self.applies_to_mandated_only and not report.mandated:
            return iter(())
        return iter(self.check(report))


def cell_ref(row: "Row | None", col: "Column | None" = None) -> dict | None:
    """The JSON `cell` of a finding: {"row": …, "column": …} in the format's own labels."""
    if row is None or not row.id:
        return None
    if col is None:
        return {"row": row.name}   # a finding about the whole row
    return {"row": row.name, "column": col.name}
