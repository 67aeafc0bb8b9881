"""Findings: what a rule reports, as plain data."""
from __future__ import annotations

from dataclasses import dataclass, field

from report_lint.model import Span

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    """One problem a rule found, with its place in the original file."""
    code: str
    name: str
    severity: str
    message: str            # Chinese, for a clerk: what is wrong, where, what was expected
    span: Span
    section: str | None = None   # 一 … 六
    table: str | None = None     # 二 / 三 / 四
    cell: dict | None = None     # {"row": …, "column": …} in the format's own labels
    expected: object = None
    actual: object = None
    # filled by the engine from the span: 1-based, columns in code points of the ORIGINAL text
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    # documents only: where the finding stands in the .docx/.pdf/.html (see report_lint.places)
    place: dict | None = None
    extra: dict = field(default_factory=dict)

    def __reduce__(self):
        # a batch pickles every finding from worker to parent: the constructor's arguments, the
        # span as its two offsets (Span's slots make its default pickling a Python-level
        # getstate/setstate), are smaller and quicker both ways than the default field dict
        return _finding, (self.code, self.name, self.severity, self.message, self.span.start,
                          self.span.end, self.section, self.table, self.cell, self.expected,
                          self.actual, self.line, self.column, self.end_line, self.end_column,
                          self.place, self.extra)

    def sort_key(self):
        return (self.span.start, self.span.end, self.code)  # stable: ties keep the rule's order

    def to_dict(self) -> dict:
        d = {
            "code": self.code, "name": self.name, "severity": self.severity, "message": self.message,
            "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "section": self.section, "table": self.table,
        }
        if self.cell is not None:
            d["cell"] = self.cell
        if self.expected is not None:
            d["expected"] = self.expected
        if self.actual is not None:
            d["actual"] = self.actual
        if self.place:
            d["place"] = self.place
        d.update(self.extra)
        return d


def _finding(code, name, severity, message, start, end, *rest) -> Finding:
    """A Finding unpickled (see Finding.__reduce__)."""
    return Finding(code, name, severity, message, Span(start, end), *rest)
