"""The text a document is read into, and where each piece of it stands in the document.

Body paragraphs become lines; a table row becomes a pipe row `| label | 1 | 2 |` holding the
row's cells as printed — a merged cell once, at its top-left grid position, a vertically merged
label only in its first row — which is the layout the text reader (report_lint.tables) reads
cell by cell. Every paragraph and every cell gets its stretch in `Places`, so a finding at an
offset of this text is placed in the document: paragraph N, or table N row R column C of the
document's own grid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from report_lint.places import Places
from report_lint.read import InputError

# a document's text is checked like a text file: the same bound (read.DEFAULT_MAX_BYTES, in characters)
MAX_CHARS = 20 * 1024 * 1024
_SPACE = re.compile(r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]+")
_PIPE = re.compile(r"\s*\|\s*")


@dataclass
class GridCell:
    """One printed cell: its text and its top-left position in the table's grid (1-based)."""
    text: str
    row: int
    column: int


def cell_text(lines: list[str]) -> str:
    """A cell's paragraphs as one chunk of a pipe row: no line breaks, no pipes, no padding.

    A label wrapped over two lines (`商业` / `企业`) is one word again; numbers or Latin
    words on separate lines keep a space between them."""
    out = ""
    for line in lines:
        line = _SPACE.sub(" ", line).strip()
        if not line:
            continue
        if out and (out[-1].isascii() and out[-1].isalnum()) and (line[0].isascii() and line[0].isalnum()):
            out += " "
        out += line
    return _PIPE.sub("／", out) if "|" in out else out


class TextWriter:
    """Builds the read text and its Places; paragraphs and tables are numbered in document order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.places = Places()
        self.paragraphs = 0
        self.tables = 0

    def _put(self, s: str) -> int:
        start = self.size
        self.parts.append(s)
        self.size += len(s)
        if self.size > MAX_CHARS:
            raise InputError(f"文档正文超过 {MAX_CHARS} 个字符 (document text too large)")
        return start

    def paragraph(self, text: str, **where: int) -> None:
        """A body paragraph: one line (several when it holds line breaks). An empty paragraph is
        an empty line and not counted: the clerk counts the paragraphs they see."""
        text = text.replace("\r", "\n")
        if not text.strip():
            self._put("\n")
            return
        self.paragraphs += 1
        start = self._put(text)
        self.places.add(start, start + len(text), paragraph=self.paragraphs, **where)
        self._put("\n")

    def piece(self, text: str, **where: int) -> None:
        """A stretch of a line placed as given, no line break, no paragraph counted (a PDF's
        paragraph is rebuilt from lines, each with its own page)."""
        start = self._put(text)
        if where:
            self.places.add(start, start + len(text), **where)

    def new_table(self) -> int:
        self.tables += 1
        return self.tables

    def row(self, table_no: int, cells: list[GridCell], **where: int) -> None:
        """A table row as `| a | b |`; each cell's stretch covers its text and the spaces around it."""
        if not cells:
            return
        self._put("|")
        for c in cells:
            start = self._put(f" {c.text} " if c.text else "  ")
            self.places.add(start, self.size, table_no=table_no, row=c.row, column=c.column, **where)
            self._put("|")
        self._put("\n")

    def text(self) -> str:
        return "".join(self.parts)
