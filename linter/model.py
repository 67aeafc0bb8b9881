"""The parsed report: plain dataclasses, built by report_lint.parse.

Every element carries a Span of ORIGINAL offsets (code points into the decoded text); the
Normalised object turns those into line and column.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from report_lint.grammar import Label, Row, Column, SectionDef, TableLayout
    from report_lint.normalise import Normalised


@dataclass(frozen=True)
class Span:
    """Offsets [start, end) in the original text."""
    start: int
    end: int


@dataclass
class Token:
    """What the scanner feeds the parser: a heading, a label, a cell or a run of prose."""
    type: str              # SECTION, SUBHEADING, TEXT, LABEL, CELL (see grammar/report.lark)
    text: str              # normalised (compact) text of the token
    span: Span             # original offsets
    # SECTION: the SectionDef, the numeral and separator as written, whether the title is exact
    # LABEL: the grammar Label, its kind and the tables it may belong to
    info: dict = field(default_factory=dict)


@dataclass
class Paragraph:
    """A run of prose in a section."""
    text: str
    span: Span
    offset: int | None = None    # compact offset of text[0] (Normalised.to_orig maps it back)


@dataclass
class Subheading:
    """A numbered sub-heading inside a section (`（一）主动公开情况`)."""
    text: str
    span: Span
    offset: int | None = None    # compact offset of text[0]


@dataclass
class Cell:
    """One cell of a mandated table, addressed by its canonical row and column."""
    row: "Row"
    column: "Column"
    raw: str                      # the text as written ("" for a blank cell)
    value: int | float | None     # None: blank, placeholder or unreadable
    kind: str                     # number | blank | placeholder | unreadable | missing
    span: Span | None             # None when the cell is absent from the text


@dataclass
class Table:
    """A block of table tokens attributed to one mandated table (二, 三 or 四)."""
    table: str                          # 二 / 三 / 四
    fmt: str | None                     # 2019 / 2021 as told by the labels, None if undecidable
    tokens: list[Token]
    span: Span
    section: "Section | None" = None    # the section it was found in (None: preamble)
    # filled by the table reader: cells keyed by (row id, column id)
    layout: "TableLayout | None" = None
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    notes: list = field(default_factory=list)   # reader diagnostics (ambiguous splits …)

    @property
    def labels(self) -> list[Token]:
        return [t for t in self.tokens if t.type == "LABEL"]

    @property
    def numbers(self) -> list[Token]:
        return [t for t in self.tokens if t.type == "CELL" and t.info.get("kind") == "number"]

    def cell(self, row_id: str, col_id: str) -> Cell | None:
        return self.cells.get((row_id, col_id))


@dataclass
class Section:
    """A top-level section as found in the text, with its blocks (paragraphs, sub-headings, tables)."""
    definition: "SectionDef | None"     # which mandated section the heading names
    numeral: str                        # as written (may be wrong or missing)
    separator: str                      # 、 . or "" as written
    title: str                          # as written (normalised)
    exact_title: bool                   # the title is the canonical one or an accepted variant
    heading: Span
    span: Span                          # heading start to the next section's heading
    blocks: list = field(default_factory=list)  # Paragraph | Subheading | Table, in order

    @property
    def number(self) -> str | None:
        return self.definition.numeral if self.definition else None

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks if isinstance(b, (Paragraph, Subheading)))


@dataclass
class Report:
    """The parsed report: its text, preamble and sections, the year and format it was judged by,
    and what rules have derived from it."""
    path: str
    encoding: str
    text: "Normalised"
    preamble: list = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    year: int | None = None
    year_source: str | None = None      # title | period | body | option
    template: str = "unknown"           # pre2019 | 2019 | 2021 | unknown
    template_source: str | None = None  # year | tables | option
    title: Paragraph | None = None
    # extractions computed once and shared by rules (report_lint.prose): key → value
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def script(self) -> str:
        return self.text.script

    @property
    def tables(self) -> list[Table]:
        out = [b for b in self.preamble if isinstance(b, Table)]
        for s in self.sections:
            out += s.tables
        return out

    def tables_named(self, table: str) -> list[Table]:
        return [t for t in self.tables if t.table == table]

    def table(self, table: str) -> Table | None:
        """The report's 表二/三/四 as one grid (fragments of a section are merged by the
        reader): the one in its own section if there, else the first found; None if absent."""
        found = self.tables_named(table)
        own = [t for t in found if t.section is not None and t.section.number == table]
        return (own or found or [None])[0]

    def sections_numbered(self, numeral: str) -> list[Section]:
        return [s for s in self.sections if s.number == numeral]

    @property
    def mandated(self) -> bool:
        """Is the report held to the national format (2019 or 2021)?"""
        return self.template in ("2019", "2021")
