"""The parsed report: plain dataclasses, built by report_lint.parse.

Every element carries a Span of ORIGINAL offsets (code points into the decoded text); the
Normalised object turns those into line and column.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from report_lint.grammar import Label, Row, Column, SectionDef, TableLayout
    from report_lint.normalise import Normalised


# slots, not frozen: created per token, cell or number, and a frozen dataclass's __init__ costs
# twice as much; treated as immutable (hashable all the same)
@dataclass(slots=True, unsafe_hash=True)
class Span:
    """Offsets [start, end) in the original text."""
    start: int
    end: int


@dataclass(slots=True)
class Token:
    """What the scanner feeds the parser: a heading, a label, a cell or a run of prose."""
    type: str              # SECTION, SUBHEADING, TEXT, LABEL, CELL (see grammar/report.lark)
    text: str              # normalised (compact) text of the token
    span: Span             # original offsets
    # SECTION: the SectionDef, the numeral and separator as written, whether the title is exact
    # LABEL: the grammar Label, its kind and the tables it may belong to
    info: dict = field(default_factory=dict)

    def __str__(self) -> str:   # what Lark's Token (a str) holds; repr() would cost per token
        return self.text


@dataclass(slots=True)
class Paragraph:
    """A run of prose in a section."""
    text: str
    span: Span
    offset: int | None = None    # compact offset of text[0] (Normalised.to_orig maps it back)


@dataclass(slots=True)
class Subheading:
    """A numbered sub-heading inside a section (`（一）主动公开情况`)."""
    text: str
    span: Span
    offset: int | None = None    # compact offset of text[0]


@dataclass(slots=True)
class Cell:
    """One cell of a mandated table, addressed by its canonical row and column."""
    row: "Row"
    column: "Column"
    raw: str                      # the text as written ("" for a blank cell)
    value: int | float | None     # None: blank, placeholder or unreadable
    kind: str                     # number | blank | placeholder | unreadable | missing
    span: Span | None             # None when the cell is absent from the text


@dataclass
class Note:
    """What the table reader could not read, reported by the RL2 rules."""
    kind: str                 # ambiguous | inconsistent | unaligned | missing_row | missing_header
    span: Span
    row: "Row | None" = None
    label: "Label | None" = None   # the grammar Label a missing_header note is about
    raw: str = ""             # the row's chunks as written
    candidates: list = field(default_factory=list)   # ambiguous/inconsistent: value tuples
    complete: bool = True     # False: the candidate search was cut short
    expected: int = 0         # unaligned: number of cells the row has
    found: int = 0            # unaligned: number of values found


@dataclass
class Table:
    """A block of table tokens attributed to one mandated table (二, 三 or 四)."""
    table: str                          # 二 / 三 / 四
    template: str | None                # 2019 / 2021 as told by the labels, None if undecidable
    tokens: list[Token]
    span: Span
    section: "Section | None" = None    # the section it was found in (None: preamble)
    # filled by the table reader: cells keyed by (row id, column id)
    layout: "TableLayout | None" = None
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)   # what the reader could not read

    @property
    def labels(self) -> list[Token]:
        return [t for t in self.tokens if t.type == "LABEL"]

    @property
    def numbers(self) -> list[Token]:
        return [t for t in self.tokens if t.type == "CELL" and t.info.get("kind") == "number"]

    @property
    def section_number(self) -> str | None:
        """The numeral 一…六 of the section the table was found in (None: preamble, unknown)."""
        return self.section.number if self.section else None

    def has_numbers(self) -> bool:
        """Does the table hold any number? (A table without is RL108's single finding.)"""
        return any(c.kind == "number" for c in self.cells.values()) or bool(self.numbers)

    def cell(self, row_id: str, col_id: str) -> Cell | None:
        """The cell at (row id, column id) — grammar rule ids such as ("row3_new",
        "col3_total") — or None if this table's format has no such cell. An id that no format
        of this table has is a typo, and raises KeyError instead of making a rule go quiet."""
        found = self.cells.get((row_id, col_id))
        if found is None:
            from report_lint.grammar import layout
            layout().check_cell(self.table, row_id, col_id)
        return found

    def span_of(self, cell: Cell | None, row: "Row | None" = None) -> Span:
        """Where a finding about a cell points: the cell, else its row's label, else the table."""
        if cell is not None and cell.span is not None:
            return cell.span
        if row is not None:
            for tok in self.labels:
                if any(i.label.id == row.id for i in tok.info["infos"]):
                    return tok.span
        return Span(self.span.start, self.span.start)


@dataclass
class Section:
    """A top-level section as found in the text, with its blocks (paragraphs, sub-headings, tables)."""
    definition: "SectionDef | None"     # which mandated section the heading names
    written_numeral: str                # as written (may be wrong or missing); `number` is canonical
    separator: str                      # 、 . or "" as written
    title: str                          # as written (normalised)
    exact_title: bool                   # the title is the canonical one or an accepted variant
    heading: Span
    span: Span                          # heading start to the next section's heading
    blocks: list = field(default_factory=list)  # Paragraph | Subheading | Table, in order

    @property
    def number(self) -> str | None:
        """The canonical numeral 一…六 of the section the heading names (None: unknown)."""
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
    normalised: "Normalised"            # the text: original, compact form, offset and line maps
    preamble: list = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    year: int | None = None
    year_source: str | None = None      # title | period | body | option
    template: str = "unknown"           # pre2019 | 2019 | 2021 | unknown
    template_source: str | None = None  # year | tables | option
    title: Paragraph | None = None
    # settings of the configuration that rules read (`deadline`): key → value
    settings: dict = field(default_factory=dict, repr=False, compare=False)
    # extractions computed once and shared by rules (report_lint.prose): key → value
    derived: dict = field(default_factory=dict, repr=False, compare=False)
    # Report.tables as last built, with the block counts it was built from
    _tables: list | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> "Normalised":
        """The same Normalised as `normalised` (the name rule plugins were written against)."""
        return self.normalised

    @property
    def script(self) -> str:
        return self.normalised.script

    @property
    def tables(self) -> list[Table]:
        """The tables of the preamble and of each section, in order. Kept between calls (rules
        ask a few dozen times a report); whatever changes the block lists (only the table
        reader does: fragments merged, a detached row adopted; tables.read_tables) calls
        ``blocks_changed()`` afterwards."""
        if self._tables is None:
            out = [b for b in self.preamble if isinstance(b, Table)]
            for s in self.sections:
                out += [b for b in s.blocks if isinstance(b, Table)]
            self._tables = out
        return list(self._tables)     # a copy: a caller may change its list

    def blocks_changed(self) -> None:
        """Forget what was derived from the block lists (``tables``)."""
        self._tables = None

    def tables_named(self, table: str) -> list[Table]:
        return [t for t in self.tables if t.table == table]

    def table(self, table: str) -> Table | None:
        """The report's 表二/三/四 as one grid (fragments of a section are merged by the
        reader): the one in its own section if there, else the first found; None if absent."""
        found = self.tables_named(table)
        own = [t for t in found if t.section is not None and t.section.number == table]
        return (own or found or [None])[0]

    def numbered_tables(self) -> Iterator[Table]:
        """The tables that were read and hold numbers: what the cell rules look at (a table
        without numbers is RL108's single finding)."""
        for t in self.tables:
            if t.layout is not None and t.has_numbers():
                yield t

    def notes(self, kind: str) -> Iterator[tuple[Table, Note]]:
        """(table, note) for each reader note of `kind` in the tables that hold numbers."""
        for t in self.numbered_tables():
            for n in t.notes:
                if n.kind == kind:
                    yield t, n

    def cells(self, kind: str | None = None) -> list[tuple[Table, Row, Column, Cell]]:
        """(table, row, column, cell) for each cell of `kind` (any kind if None) in the tables
        that hold numbers, in the format's print order. Walked once per report (several rules
        ask, each for one kind): call it once the tables are read."""
        by_kind = self.derived.get("model.cells")
        if by_kind is None:
            by_kind = self.derived["model.cells"] = {None: []}
            for t in self.numbered_tables():
                for row in t.layout.rows:
                    for col in row.cells:
                        c = t.cells.get((row.id, col.id))
                        if c is not None:
                            by_kind[None].append(item := (t, row, col, c))
                            by_kind.setdefault(c.kind, []).append(item)
        return by_kind.get(kind, [])

    def sections_numbered(self, numeral: str) -> list[Section]:
        return [s for s in self.sections if s.number == numeral]

    @property
    def mandated(self) -> bool:
        """Is the report held to the national format (2019 or 2021)?"""
        return self.template in ("2019", "2021")
