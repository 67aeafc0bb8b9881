"""Where a piece of the checked text stands in the original document.

A .docx, .pdf or .html report is read into text (paragraphs as lines, tables as pipe rows), and
the rules see that text like any other. The reader also records, for each stretch of that text,
where it came from: the page of a PDF, the paragraph of a Word file, the row and column of a
cell in the document's own table grid. A finding at an offset of the text is then placed in the
document by `Places.locate`, so the clerk can find it in Word or in the PDF viewer.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# The keys a place may carry, in the order they are shown; every value is a 1-based int.
#   page        PDF page
#   paragraph   .docx / .html body paragraph (tables not counted), in document order
#   table_no    the document's N-th table (any table, mandated or not), in document order
#   row, column that table's grid row and column (merged cells: the top-left grid position)
KEYS = ("page", "paragraph", "table_no", "row", "column")


@dataclass
class Places:
    """Stretches [start, end) of the read text, each with its place in the document.

    Stretches are added in text order and do not overlap; an offset outside every stretch
    takes the place of the stretch before it (the text between two paragraphs is closest to
    the earlier one)."""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    where: list[dict] = field(default_factory=list)

    def add(self, start: int, end: int, **where: int) -> None:
        assert not self.starts or start >= self.starts[-1], "stretches must come in text order"
        self.starts.append(start)
        self.ends.append(end)
        self.where.append({k: where[k] for k in KEYS if where.get(k) is not None})

    def locate(self, offset: int) -> dict:
        """The place of an offset of the read text ({} when nothing is known)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return dict(self.where[0]) if self.where else {}
        where = dict(self.where[i])
        if offset >= self.ends[i]:       # between stretches: the page or paragraph, not a cell
            for k in ("table_no", "row", "column"):
                where.pop(k, None)
        return where


def where(place: dict | None, fmt: str = " [{}]") -> str:
    """A finding's place for appending to a line of output ("" when it has none)."""
    return fmt.format(describe(place)) if place else ""


def describe(place: dict) -> str:
    """The place in words for a clerk: `第 3 页，表格第 5 行第 3 列`."""
    parts = []
    if "page" in place:
        parts.append(f"第 {place['page']} 页")
    if "paragraph" in place and "row" not in place:
        parts.append(f"第 {place['paragraph']} 段")
    if "row" in place:
        no = f"第 {place['table_no']} 个表格" if "table_no" in place else "表格"
        parts.append(f"{no}第 {place['row']} 行第 {place['column']} 列")
    return "，".join(parts)
