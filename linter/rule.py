"""The rule interface. A rule is a small class in its own module under rules/:

    class SectionMissing(Rule):
        \"\"\"One line summary.

        What it checks, why the format demands it, a bad and a good example.
        \"\"\"
        code = "RL101"
        name = "section-missing"
        severity = "error"

        def check(self, report):
            yield self.finding(report, span, "…")

The docstring is the rule's documentation (`report-lint rule RL101`). Rules read the Report
model; they never re-read the text or spell the format's labels themselves.
"""
from __future__ import annotations

import inspect
from typing import Iterable, Iterator

from report_lint.findings import Finding
from report_lint.model import Report, Span

FAMILIES = {
    "RL1": "structure — sections and tables present, in order, numbered as mandated",
    "RL2": "tables — cells readable, counts consistent (勾稽关系)",
    "RL3": "prose — numbers, percentages and sums in the text",
    "RL4": "metadata — year, format version, citations, deadlines",
    "RL5": "copy damage — text broken by copying from a web page",
}


class Rule:
    code: str = ""
    name: str = ""
    severity: str = "warning"
    #: apply only to reports held to the national format (2019/2021); pre-2019 reports are not
    applies_to_mandated_only: bool = True

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0].strip()

    @classmethod
    def family(cls) -> str:
        return FAMILIES.get(cls.code[:3], "")

    def check(self, report: Report) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(self, report: Report, span: Span, message: str, **kw) -> Finding:
        return Finding(self.code, self.name, kw.pop("severity", self.severity), message, span, **kw)

    def run(self, report: Report) -> Iterator[Finding]:
        if self.applies_to_mandated_only and not report.mandated:
            return iter(())
        return iter(self.check(report))
