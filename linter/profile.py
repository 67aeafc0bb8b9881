"""A report's profile: the little a comparison with another year's report needs, computed once
while the parsed model is at hand and kept on the FileResult after the model is dropped (it
crosses process boundaries in a batch, so it is plain picklable data, a few kilobytes).

It holds who reports and for which year (report_lint.agency), the 表三 rows that carry
applications over (上年结转, 结转下年度继续办理) and the totals a supervising office tabulates,
表二's cells, whether the text reports a clean-up of normative documents, the problems section
五 lists, and each section's text as hashed shingles for the copied-text share
(report_lint.shingles). Every value that a finding may point at carries a Spot: where it is in
this report's original text.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

from report_lint.baseline import flagged_text
from report_lint.model import Report, Span
from report_lint.shingles import shingles

T3_ROWS = ("row3_new", "row3_carried_over", "row3_open", "row3_partial", "row3_total", "row3_carried_forward")
T3_COLUMNS = ("col3_natural", "col3_business", "col3_research", "col3_welfare", "col3_legal_service",
              "col3_other", "col3_total")
T4_ROWS = ("row4_review", "row4_direct", "row4_after_review")
_RESET = re.compile(r"清理")
_DOCS = re.compile(r"规范性文件|规章")


@dataclass
class Spot:
    """A place in this report's original text, with what a finding there needs once the text
    itself is gone: line and column, the text the fingerprint hashes and the document place
    (for .docx/.pdf); its source line (for `full`) is in Profile.lines."""
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    flagged: str
    place: dict | None = None

    # a batch pickles every profile from worker to parent: each of these classes pickles as
    # its constructor's arguments, smaller and quicker both ways than the default (a dict of
    # field names, rebuilt by NEWOBJ and BUILD)
    def __reduce__(self):
        return Spot, (self.start, self.end, self.line, self.column, self.end_line, self.end_column,
                      self.flagged, self.place)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass
class CellValue:
    """A cell's value (None: blank or unreadable), its labels and where it is."""
    value: int | float | None
    row: str
    column: str
    spot: Spot | None

    def __reduce__(self):       # see Spot.__reduce__
        return CellValue, (self.value, self.row, self.column, self.spot)


@dataclass
class SectionText:
    """A section's prose as hashed shingles (masked years and figures), and its heading."""
    numeral: str
    chars: int                 # masked characters
    hashes: array              # array('I'): one hash per shingle, in text order
    weights: array             # array('I'): the characters each shingle stands for
    heading: Spot

    def __reduce__(self):       # see Spot.__reduce__
        return SectionText, (self.numeral, self.chars, self.hashes, self.weights, self.heading)


@dataclass
class Profile:
    path: str
    agency: str | None = None          # as written
    key: str | None = None             # normalised for pairing (report_lint.agency.agency_key)
    year: int | None = None
    template: str = "unknown"
    kind: str = "text"
    anchor: Spot | None = None         # the title, else the start of the text: where report-wide findings point
    t2: dict[tuple[str, str], CellValue] = field(default_factory=dict)
    t3: dict[tuple[str, str], CellValue] = field(default_factory=dict)
    t4: dict[tuple[str, str], CellValue] = field(default_factory=dict)
    reset: bool = False                # the text reports a clean-up (清理) of normative documents
    sections: dict[str, SectionText] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)   # the problems section 五 lists
    five: str = ""                     # section 五's text (compact), for this year's follow-up
    lines: dict[int, str] = field(default_factory=dict)   # the source lines of the spots

    def t3_value(self, row: str, col: str = "col3_total"):
        c = self.t3.get((row, col))
        return c.value if c is not None else None


def spot(report: Report, span: Span, places=None, lines: dict | None = None) -> Spot:
    nt = report.normalised
    line, col = nt.line_col(span.start)
    end_line, end_col = nt.line_col(max(span.end, span.start))
    where = (places.locate(span.start) or None) if places is not None else None
    if lines is not None and line not in lines:
        lines[line] = nt.line_text(line)
    return Spot(span.start, span.end, line, col, end_line, end_col,
                flagged_text(nt.norm, span.start, span.end), where)


def _cells(report: Report, table: str, keys, places, lines: dict, spotted=()) -> dict:
    """Cells of a table (keys: the (row, column) ids wanted, or None for all); where each of the
    ``spotted`` rows or (row, column) pairs is (a finding across years may point there)."""
    t = report.table(table)
    out = {}
    if t is None:
        return out
    cells = t.cells
    if keys is None:
        items = cells.items()
    else:           # a few rows wanted out of a hundred-odd cells: look them up
        items = [(k, cells[k]) for k in keys if k in cells]
    for key, c in items:
        value = c.value if c.kind == "number" else None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        where = None
        if c.span is not None and (key[0] in spotted or key in spotted):
            where = spot(report, c.span, places, lines)
        out[key] = CellValue(value, c.row.name, c.column.name, where)
    return out


_T3_KEYS = tuple((r, c) for r in T3_ROWS for c in T3_COLUMNS)
_T4_KEYS = tuple((r, "col4_total") for r in T4_ROWS)


# the 表二 cells a finding across years points at (RL602): the stocks
T2_SPOTTED = {("row2_rules", "col2_in_force"), ("row2_normative_2021", "col2_in_force"),
              *((r, "col2_prev_items") for r in ("row2_licensing", "row2_other_services", "row2_penalty",
                                                  "row2_coercion", "row2_fees"))}


_PROBLEM = re.compile(r"不够|不足|有待|欠缺|较少|不高|不强|不到位|滞后|薄弱|单一|不及时|不全面|不规范|不深|不完善|不平衡|差距|短板")
_LEAD = re.compile(r"取得|成效|成绩|进展")     # `工作取得了一定成绩，但仍存在不足`: a lead-in, no problem named
_REMEDY = re.compile(r"改进|下一步|措施|计划|将")
_CLAUSE = re.compile(r"[。；;！？!?\n]|[一二三四五六七八九十]是|（[一二三四五六七八九十]）|\([一二三四五六七八九十]\)")


def problems(text: str) -> list[str]:
    """The problems a section 五 lists: its clauses that say something falls short
    (`政策解读形式单一`), before it turns to remedies (`下一步`, `改进措施`)."""
    out = []
    for clause in _CLAUSE.split(text):
        clause = clause.strip(" ，,:：")
        if len(clause) < 6:
            continue
        if _REMEDY.search(clause[:8]) and out:
            break                      # the remedies begin
        if _PROBLEM.search(clause) and not _LEAD.search(clause):
            out.append(clause[:120])
    return out


def build(report: Report, kind: str = "text", places=None) -> Profile:
    from report_lint import agency

    name = agency.agency(report)
    prof = Profile(report.path, name, agency.agency_key(name), report.year, report.template, kind)
    lines = prof.lines
    t = agency.title(report)
    if t is not None and t.block.offset is not None:
        nt = report.normalised
        prof.anchor = spot(report, Span(nt.to_orig(t.block.offset + t.start),
                                        nt.to_orig(t.block.offset + t.end - 1) + 1), places, lines)
    else:
        prof.anchor = spot(report, Span(0, 0), places, lines)
    prof.t2 = _cells(report, "二", None, places, lines, T2_SPOTTED)
    prof.t3 = _cells(report, "三", _T3_KEYS, places, lines, {"row3_carried_over"})
    prof.t4 = _cells(report, "四", _T4_KEYS, places, lines)
    compact = report.normalised.compact
    prof.reset = any(_DOCS.search(compact, max(0, m.start() - 60), m.end() + 60)
                     for m in _RESET.finditer(compact))
    for s in report.sections:
        if s.number is None or s.number in prof.sections:
            continue
        text = s.body_text()
        hashes, weights = shingles(text)
        prof.sections[s.number] = SectionText(s.number, sum(weights), hashes, weights,
                                              spot(report, s.heading, places, lines))
        if s.number == "五":
            prof.five = text
            prof.problems = problems(text)
    return prof
