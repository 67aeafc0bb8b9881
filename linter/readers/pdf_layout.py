"""From characters and rules on PDF pages to the text the pipeline checks.

A PDF holds no paragraphs and no tables, only characters at positions and lines drawn on the
page. This module rebuilds them:

- **Tables** from the drawn rules: horizontal and vertical strokes (a cell's filled box counts
  by its edges) that meet form a grid; the elementary cells between neighbouring rules are
  joined where no rule separates them, which gives merged cells as printed. Each character
  belongs to the cell its centre lies in, so a number centred in a tall merged cell, a label
  wrapped over three lines or printed one glyph per line (vertical writing) is one cell.
- **Tables without rules** from runs of lines whose cells stand apart and end in a number: the
  columns are the bands the numbers stand in; labels printed down the left, wrapped around
  their numbers or split over two lines are joined again.
- **Lines** of prose: characters grouped by height, each joining the line whose running mean
  of y it is close to (not a fixed anchor: a comma sits lower than a character); a paragraph's
  wrapped lines are joined again when a line runs to the right margin and the next one starts
  at the left margin without an indent — across pages too.
- **Pages**: a page number alone on the first or last line of a page (`- 4 -`, `-3-`, `第 3 页`)
  is left out, and so is a running header or footer (the same line at the same height on most
  pages); a table that ends a page and one that starts the next with the same columns
  are one table (the header is not repeated); a merged label cell cut by the page break
  (`（四）无` | `法提供`) is one cell again.

Rows come out as pipe rows `| label | 1 | 2 |` for report_lint.tables, group labels of merged
cells (`（三）不予公开`) on the line before the first row they cover, as a Word template
prints them; each cell's stretch of text is recorded in `Places` with its page and its
position in the table's own grid (rows counted across pages).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from report_lint.places import Places
from report_lint.readers.pipe import GridCell, TextWriter
from report_lint.readers.pipe import cell_text as pipe_text

TOL = 2.0                    # points: rules closer than this are one rule
MAX_RULES = 600              # a page's merged rules (a full page of 表三: ~100); beyond: no tables
MAX_BANDS = 60               # number columns of a table without rules (表四 has 15)
_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
# `- 4 -`, `-3-`, `第 3 页`, `3/12`, `第3页共12页` (a line's text has single spaces at most)
_PAGE_NUMBER = re.compile(r"[-—–－~～ ]{0,4}(?:第 ?)?\d{1,4} ?页?(?:(?: ?[/／] ?| ?共 ?)\d{1,4} ?页?)?[-—–－~～ ]{0,4}")
_HEADING = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_MARKER = re.compile(r"[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、]")


@dataclass(slots=True)
class Glyph:
    """One character: its box's left and right, its centre's height (downward) and size."""
    ch: str
    x0: float
    x1: float
    yc: float
    size: float


@dataclass(slots=True)
class Rule:
    """A straight horizontal (pos = y, from a to b in x) or vertical (pos = x) stroke."""
    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass
class Page:
    number: int                  # 1-based
    glyphs: list[Glyph]
    rules: list[Rule]


@dataclass
class Cell:
    """A cell of a table: grid rows r0..r1-1 and columns c0..c1-1, 0-based."""
    r0: int
    r1: int
    c0: int
    c1: int
    page: int
    glyphs: list[Glyph] = field(default_factory=list)
    text: str = ""


@dataclass
class Grid:
    """A ruled table on one page: its rules' positions and its (merged) cells."""
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    index: list[list[int]]       # elementary (row, column) → index into cells
    page: int

    @property
    def top(self) -> float:
        return self.ys[0]


@dataclass
class Line:
    glyphs: list[Glyph]
    page: int

    @property
    def y(self) -> float:
        return sum(g.yc for g in self.glyphs) / len(self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def size(self) -> float:
        sizes = sorted(g.size for g in self.glyphs)
        return sizes[len(sizes) // 2]


@dataclass
class Table:
    """A table as read: one grid, or several joined over page breaks."""
    cells: list[Cell]
    rows: int


# ------------------------------------------------------------------------------------------
# lines

def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Characters → lines, top to bottom, each left to right (doubled bold glyphs dropped)."""
    lines: list[list[Glyph]] = []
    mean = 0.0
    for g in sorted(glyphs, key=lambda g: g.yc):
        if lines and g.yc - mean <= 0.5 * max(g.size, lines[-1][0].size) * 0.9:
            line = lines[-1]
            line.append(g)
            mean += (g.yc - mean) / len(line)
        else:
            lines.append([g])
            mean = g.yc
    out = []
    for line in lines:
        line.sort(key=lambda g: g.x0)
        kept = [line[0]]
        for g in line[1:]:
            last = kept[-1]
            if g.ch == last.ch and abs(g.x0 - last.x0) < 0.3 * (last.x1 - last.x0) \
                    and abs(g.yc - last.yc) < 0.15 * g.size:
                continue              # WPS and Word print "bold" Chinese twice, slightly shifted
            kept.append(g)
        out.append(kept)
    return out


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def line_text(glyphs: list[Glyph]) -> str:
    """A line's characters; a space where two Latin letters or digits stand apart (`2024 95`),
    or where a gap of two characters parts anything else; Chinese spaced out by justification
    is joined."""
    parts = [glyphs[0].ch]
    for prev, g in zip(glyphs, glyphs[1:]):
        gap = g.x0 - prev.x1
        size = max(prev.size, g.size)
        if (_ascii_word(prev.ch) and _ascii_word(g.ch) and gap > 0.15 * size) or gap > 2 * size:
            parts.append(" ")
        parts.append(g.ch)
    return "".join(parts)


def cell_text(glyphs: list[Glyph]) -> str:
    """A cell's lines joined: a label wrapped over lines, or printed one glyph per line."""
    out = ""
    for line in group_lines(glyphs):
        text = line_text(line)
        if out and _ascii_word(out[-1]) and _ascii_word(text[0]) and not out[-1].isdigit():
            out += " "
        out += text
    return out.strip()


# ------------------------------------------------------------------------------------------
# ruled tables

def _cluster(values: list[float]) -> list[float]:
    """Positions closer than TOL merged into their mean, ascending."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _merge(rules: list[Rule]) -> list[Rule]:
    """Strokes on one line (within TOL) that touch or overlap → one rule."""
    rules = sorted(rules, key=lambda r: r.pos)
    groups: list[list[Rule]] = []
    for r in rules:
        if groups and r.pos - groups[-1][-1].pos <= TOL:
            groups[-1].append(r)
        else:
            groups.append([r])
    out = []
    for group in groups:
        pos = sum(r.pos for r in group) / len(group)
        spans = sorted((r.a, r.b) for r in group)
        a, b = spans[0]
        for a2, b2 in spans[1:]:
            if a2 <= b + TOL:
                b = max(b, b2)
            else:
                out.append(Rule(group[0].horizontal, pos, a, b))
                a, b = a2, b2
        out.append(Rule(group[0].horizontal, pos, a, b))
    return out


def find_grids(rules: list[Rule], page: int) -> list[Grid]:
    """The ruled tables of a page: connected horizontal and vertical rules, cut into cells."""
    hs = _merge([r for r in rules if r.horizontal])
    vs = _merge([r for r in rules if not r.horizontal])
    if len(hs) + len(vs) > MAX_RULES or not hs or not vs:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vs_by_x = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    vx = [vs[j].pos for j in vs_by_x]
    for i, h in enumerate(hs):
        lo, hi = bisect.bisect_left(vx, h.a - TOL), bisect.bisect_right(vx, h.b + TOL)
        for j in vs_by_x[lo:hi]:
            v = vs[j]
            if v.a - TOL <= h.pos <= v.b + TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for h_rules, v_rules in groups.values():
        grid = _grid(h_rules, v_rules, page)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.top)


def _grid(hs: list[Rule], vs: list[Rule], page: int) -> Grid | None:
    ys = _cluster([h.pos for h in hs])
    xs = _cluster([v.pos for v in vs])
    if len(ys) < 2 or len(xs) < 3:
        return None                       # a box around a paragraph, or a column of boxes: no table
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows * n_cols > 20_000:
        return None

    def covered(rules: list[Rule], pos: float, at: float) -> bool:
        return any(abs(r.pos - pos) <= TOL and r.a - TOL <= at <= r.b + TOL for r in rules)

    h_at = {i: [h for h in hs if abs(h.pos - ys[i]) <= TOL] for i in range(1, n_rows)}
    v_at = {j: [v for v in vs if abs(v.pos - xs[j]) <= TOL] for j in range(1, n_cols)}
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            xmid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not covered(v_at[c + 1], xs[c + 1], ymid):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and not covered(h_at[r + 1], ys[r + 1], xmid):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    boxes: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            box = boxes.setdefault(find(r * n_cols + c), [r, r + 1, c, c + 1])
            box[0], box[1] = min(box[0], r), max(box[1], r + 1)
            box[2], box[3] = min(box[2], c), max(box[3], c + 1)
    if len(boxes) < 2:
        return None
    cells, slot = [], {}
    for root, (r0, r1, c0, c1) in sorted(boxes.items(), key=lambda kv: (kv[1][0], kv[1][2])):
        slot[root] = len(cells)
        cells.append(Cell(r0, r1, c0, c1, page))
    index = [[slot[find(r * n_cols + c)] for c in range(n_cols)] for r in range(n_rows)]
    return Grid(xs, ys, cells, index, page)


def _place(grids: list[Grid], g: Glyph) -> Cell | None:
    xc = (g.x0 + g.x1) / 2
    for grid in grids:
        if grid.xs[0] < xc < grid.xs[-1] and grid.ys[0] < g.yc < grid.ys[-1]:
            r = bisect.bisect_right(grid.ys, g.yc) - 1
            c = bisect.bisect_right(grid.xs, xc) - 1
            return grid.cells[grid.index[r][c]]
    return None


# ------------------------------------------------------------------------------------------
# pages → blocks

def _blocks(page: Page) -> list[Line | Grid]:
    """A page's prose lines and tables, top to bottom, its page number left out."""
    grids = find_grids(page.rules, page.number)
    prose = []
    for g in page.glyphs:
        cell = _place(grids, g)
        if cell is None:
            prose.append(g)
        else:
            cell.glyphs.append(g)
    for grid in grids:
        for cell in grid.cells:
            cell.text = cell_text(cell.glyphs) if cell.glyphs else ""
    grids = [grid for grid in grids if any(cell.text for cell in grid.cells)]
    lines = [Line(glyphs, page.number) for glyphs in group_lines(prose)]
    for edge in (-1, 0):                  # a page number on the last line or the first
        if lines and _PAGE_NUMBER.fullmatch(line_text(lines[edge].glyphs)):
            if not grids or (grids[-1].ys[-1] < lines[edge].y if edge == -1 else grids[0].top > lines[edge].y):
                del lines[edge]
    blocks: list[Line | Grid] = [*lines, *grids]
    blocks.sort(key=lambda b: b.top if isinstance(b, Grid) else b.y)
    return blocks


def _numeric(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def _datum(text: str) -> bool:
    """A data cell's content: blank, a number or a placeholder (`-`, `/`, `无`), no header."""
    return len(text) <= 2 and not any("\u4e00" <= ch <= "\u9fff" and ch not in "无零" for ch in text) \
        or _numeric(text)


def _same_columns(a: Grid, b: Grid) -> bool:
    if abs(a.xs[0] - b.xs[0]) > 3 * TOL or abs(a.xs[-1] - b.xs[-1]) > 3 * TOL:
        return False
    shared = sum(1 for x in b.xs if any(abs(x - y) <= TOL for y in a.xs))
    return shared * 2 >= min(len(a.xs), len(b.xs))


def _join(parts: list[Grid]) -> Table:
    """Grids continued over page breaks → one table with one column grid and rows counted on."""
    xs = _cluster([x for grid in parts for x in grid.xs])

    def col(x: float) -> int:                 # the nearest of the joined columns' rules
        i = bisect.bisect_left(xs, x)
        return i if i == 0 or i < len(xs) and xs[i] - x < x - xs[i - 1] else i - 1

    cells, offset, seams = [], 0, []
    for grid in parts:
        if cells:
            seams.append(offset)
        for cell in grid.cells:
            cell.c0, cell.c1 = col(grid.xs[cell.c0]), col(grid.xs[cell.c1])
            cell.r0 += offset
            cell.r1 += offset
            cells.append(cell)
        offset += len(grid.ys) - 1
    table = Table(cells, offset)
    for seam in seams:
        _mend(table, seam)
    return table


def _label_columns(table: Table) -> int:
    """Columns left of the first column holding a number: the row labels' columns."""
    firsts = [c.c0 for c in table.cells if c.text and _numeric(c.text)]
    return min(firsts) if firsts else 0


def _mend(table: Table, seam: int) -> None:
    """A merged group label cut by a page break is one cell again: below the seam its column
    is empty, or goes on without a numbering of its own (`（四）无` | `法提供`) beside the
    row's own label. (A row label below the seam is a row of its own: `信息内容` | `行政许可`.)"""
    labels = _label_columns(table)
    above = {(c.c0, c.c1): c for c in table.cells if c.r1 == seam and c.c0 < labels}
    below = [c for c in table.cells if c.r0 == seam and c.c0 < labels]
    gone = set()
    for cell in below:
        top = above.get((cell.c0, cell.c1))
        if top is None or not top.text or _numeric(top.text) or _numeric(cell.text):
            continue
        if cell.text and (_MARKER.match(cell.text) or not any(c.c0 > cell.c0 and c.text for c in below)):
            continue
        top.text += cell.text
        top.r1 = cell.r1
        gone.add(id(cell))
    table.cells = [c for c in table.cells if id(c) not in gone]


def _apart(line: Line, neighbour: Line | Grid) -> bool:
    """Set apart from the body by more than a line's spacing: in the page's margin."""
    if isinstance(neighbour, Grid):
        gap = min(abs(line.y - neighbour.ys[0]), abs(line.y - neighbour.ys[-1]))
    else:
        gap = abs(line.y - neighbour.y)
    return gap > 2.2 * line.size


def _drop_running(pages: list[list[Line | Grid]]) -> None:
    """A running header or footer — the same line at the same height at the top or the bottom
    of most pages (`XX市人民政府办公室`, a document number) — is the page's, not the report's."""
    for edge in (0, -1):
        seen: dict[tuple[str, int], list[int]] = {}
        for i, blocks in enumerate(pages):
            if len(blocks) > 1 and isinstance(blocks[edge], Line) and _apart(blocks[edge], blocks[1 if edge == 0 else -2]):
                seen.setdefault((line_text(blocks[edge].glyphs), round(blocks[edge].y / 3)), []).append(i)
        for where in seen.values():
            if len(where) >= 2 and 2 * len(where) >= len(pages):
                for i in where:
                    del pages[i][edge]


def _tables_and_lines(pages: list[Page]) -> list[Line | Table]:
    per_page = [_blocks(page) for page in pages]
    _drop_running(per_page)
    blocks = [block for page in per_page for block in page]
    out: list[Line | Table] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Grid):
            out.append(block)
            i += 1
            continue
        parts = [block]
        while i + 1 < len(blocks) and isinstance(blocks[i + 1], Grid) and blocks[i + 1].page == parts[-1].page + 1 \
                and _same_columns(parts[-1], blocks[i + 1]):
            i += 1
            parts.append(blocks[i])
        out.append(_join(parts))
        i += 1
    return _find_unruled(out)


def _find_unruled(blocks: list[Line | Table]) -> list[Line | Table]:
    """Each page's runs of lines, searched for tables without rules."""
    out: list[Line | Table] = []
    run: list[Line] = []
    for block in [*blocks, None]:
        if isinstance(block, Line) and (not run or run[-1].page == block.page):
            run.append(block)
            continue
        if run:
            out.extend(_unruled(run, run[0].page))
        run = [block] if isinstance(block, Line) else []
        if isinstance(block, Table):
            out.append(block)
    return out


# ------------------------------------------------------------------------------------------
# tables without rules

FIELD_GAP = 1.5              # ems: a wider gap parts the cells of a table without rules


def _fields(glyphs: list[Glyph], edges: tuple[float, ...] | list[float] = ()) -> list[list[Glyph]]:
    """A line cut at its wide gaps — the cells of a table row printed without rules. A number
    is its own cell past half an em (digits of one number touch); so is a header's cell where a
    column's edge (`edges`) lies in the gap."""
    out = [[glyphs[0]]]
    for prev, g in zip(glyphs, glyphs[1:]):
        gap, size = g.x0 - prev.x1, max(prev.size, g.size)
        if gap > FIELD_GAP * size or gap > 0.25 * size and (prev.ch.isdigit() != g.ch.isdigit()) or \
                gap > 0.5 * size and (prev.ch.isdigit() or any(prev.x1 <= e <= g.x0 for e in edges)):
            out.append([])
        out[-1].append(g)
    return out


def _is_row(fields: list[list[Glyph]]) -> bool:
    return len(fields) >= 2 and _numeric(line_text(fields[-1]))


def _unruled(lines: list[Line], page: int) -> list[Line | Table]:
    """Runs of a page's lines that are the rows of a table without rules → Tables whose columns
    are the bands the numbers stand in, blank where a row has no number in a band; other lines
    stay lines."""
    cut = [_fields(line.glyphs) for line in lines]
    out: list[Line | Table] = []
    i = 0
    while i < len(lines):
        if not _is_row(cut[i]) and not (len(cut[i]) >= 2 and i + 1 < len(lines) and _is_row(cut[i + 1])):
            out.append(lines[i])
            i += 1
            continue
        j, rows, numbers_from = i, 0, float("inf")
        while j < len(lines):
            if _is_row(cut[j]):
                rows += 1
                numbers_from = min(numbers_from, min(f[0].x0 for f in cut[j] if _numeric(line_text(f))))
            elif len(cut[j]) < 2 and not (rows and any(_is_row(c) for c in cut[j + 1:j + 4])
                                          and cut[j][0][-1].x1 < numbers_from):
                break     # lone labels between rows (wrapped, a group's) stay in; a caption ends it
            j += 1
        table = _band_table(cut[i:j], page) if rows >= 2 else None
        if table is None:
            out.extend(lines[i:j])
        else:
            out.append(table)
        i = j
    return out


def _band_table(rows: list[list[list[Glyph]]], page: int) -> Table | None:
    """Rows of fields → a Table: columns 1 (a label printed down the left, one glyph a line),
    2 (group labels), 3 (row labels), then one column per band of numbers."""
    numbers = [f for fields in rows if _is_row(fields) for f in fields if _numeric(line_text(f))]
    bands: list[list[float]] = []
    for a, b in sorted((f[0].x0, f[-1].x1) for f in numbers):   # overlapping numbers: one column
        if bands and a <= bands[-1][1] + TOL:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    if len(bands) > MAX_BANDS:
        return None                       # numbers strewn over the page: no table
    first = bands[0][0]
    edges = [x for band in bands for x in band]
    rows = [fields if _is_row(fields) else _fields([g for f in fields for g in f], edges) for fields in rows]
    cells: list[Cell] = []
    _down_the_left(rows, first, page, cells)
    _rejoin_rows(rows, first, bands)
    _rejoin_labels(rows, first)
    starts = sorted(f[0].x0 for fields in rows if _is_row(fields) for f in fields[:1] if f[-1].x1 <= first + TOL)
    row_x = starts[len(starts) // 2] if starts else first       # where row labels start
    groups: list[Cell] = []
    for r, fields in enumerate(rows):
        labels = [f for f in fields if f[-1].x1 <= first + TOL]
        own = [f for f in labels if f[0].x0 >= row_x - TOL] or labels[-1:]
        for f in labels:
            if any(f is g for g in own):
                continue
            text, x0 = line_text(f), f[0].x0
            last = groups[-1] if groups else None
            if last and last.r1 == r and abs(last.glyphs[0].x0 - x0) <= TOL and not _MARKER.match(text):
                last.text += text         # a group label wrapped over rows (`（四）无` | `法提供`)
                last.r1 = r + 1
            else:
                groups.append(Cell(r, r + 1, 1, 2, page, glyphs=f, text=text))
        if own:
            cells.append(Cell(r, r + 1, 2, 3, page, text="".join(line_text(f) for f in own)))
        taken: dict[int, tuple[list[list[Glyph]], int]] = {}     # band → its fields, end band
        for f in fields:
            if f[-1].x1 > first + TOL:
                a, b = f[0].x0, f[-1].x1
                hits = [k for k, (x, y) in enumerate(bands) if a <= y and x <= b] or \
                    [min(range(len(bands)), key=lambda k: abs(bands[k][0] - a))]
                parts, end = taken.get(hits[0], ([], hits[0] + 1))
                # a header cell over several columns spans them; a number is one cell
                taken[hits[0]] = (parts + [f], end if _is_row(fields) else max(end, hits[-1] + 1))
        for k in range(len(bands)):
            if k in taken:
                parts, end = taken[k]
                cells.append(Cell(r, r + 1, k + 3, end + 3, page, text="".join(line_text(f) for f in parts)))
            elif _is_row(fields):
                cells.append(Cell(r, r + 1, k + 3, k + 4, page))
    cells += groups
    cells.sort(key=lambda c: (c.r0, c.c0))
    return Table(cells, len(rows))


def _rejoin_rows(rows: list[list[list[Glyph]]], first: float, bands: list[list[float]]) -> None:
    """A row printed over two lines — its numbers at two heights beside a wrapped label, each
    line holding the numbers the other lacks — is one row again; the second line's labels go on
    the first's (the group label's column, the row label's)."""
    def filled(fields) -> set[int]:
        return {k for f in fields if f[-1].x1 > first + TOL and _numeric(line_text(f))
                for k, (x, y) in enumerate(bands) if f[0].x0 <= y and x <= f[-1].x1}

    r = 0
    while r + 1 < len(rows):
        top, low = rows[r], rows[r + 1]
        labels = [f for f in low if f[-1].x1 <= first + TOL]
        if _is_row(top) and _is_row(low) and not filled(top) & filled(low) and \
                not (labels and _MARKER.match(line_text(labels[-1]))):
            top_labels = [f for f in top if f[-1].x1 <= first + TOL]
            if labels and top_labels and labels[-1][0].x0 >= top_labels[-1][0].x0 - TOL:
                top_labels[-1].extend(labels.pop())     # (left of it: a group label's part)
            merged = [f for f in top if f not in labels] + labels + [f for f in low if f[-1].x1 > first + TOL]
            rows[r] = sorted(merged, key=lambda f: f[0].x0)
            rows[r + 1] = []
            r += 2
        else:
            r += 1


def _rejoin_labels(rows: list[list[list[Glyph]]], first: float) -> None:
    """A row label wrapped around its numbers: a line of label alone goes to the row of numbers
    after it when it opens a label (`1.申请人…`) and that row has none, else to the row before
    (`计其他情形）`, `已获取信息`)."""
    def lone_label(fields) -> bool:
        return len(fields) == 1 and fields[0][-1].x1 <= first + TOL

    def label_of(fields) -> list[Glyph] | None:
        labels = [f for f in fields if f[-1].x1 <= first + TOL]
        return labels[-1] if labels else None

    for r, fields in enumerate(rows):
        if not lone_label(fields):
            continue
        text = line_text(fields[0])
        after = rows[r + 1] if r + 1 < len(rows) else None
        before = next((rows[k] for k in range(r - 1, -1, -1) if rows[k]), None)
        if _MARKER.match(text) and after is not None and _is_row(after) and label_of(after) is None:
            after.insert(0, fields.pop())
        elif _MARKER.match(text) and before is not None and _is_row(before) and label_of(before) is None:
            before.insert(0, fields.pop())      # a label centred below its numbers
        elif not _MARKER.match(text) and before is not None and _is_row(before) and label_of(before) is not None \
                and abs(fields[0][0].x0 - label_of(before)[0].x0) <= 2 * fields[0][0].size:
            label_of(before).extend(fields.pop())   # (a caption centred over the table is none)


def _down_the_left(rows: list[list[list[Glyph]]], first: float, page: int, cells: list[Cell]) -> None:
    """Glyphs standing alone at one x left of the labels in three rows or more: a label printed
    down the left (`三、本年度办理结果`), taken out of the rows into one cell."""
    lone = [fields[0][0] for fields in rows if fields and len(fields[0]) == 1 and fields[0][0].x1 <= first
            and (len(fields) == 1 or fields[1][0].x1 <= first)]
    if len(lone) < 3:
        return
    x, size = (lone[0].x0 + lone[0].x1) / 2, lone[0].size
    at = [r for r, fields in enumerate(rows)
          if fields and abs((fields[0][0].x0 + fields[0][0].x1) / 2 - x) <= 0.5 * size and fields[0][0].x1 <= first]
    if len(at) < 3:
        return
    text = ""
    for r in at:
        text += rows[r][0][0].ch
        rows[r][0] = rows[r][0][1:]
        if not rows[r][0]:
            del rows[r][0]
    cells.append(Cell(at[0], at[-1] + 1, 0, 1, page, text=text))


# ------------------------------------------------------------------------------------------
# text and places

def _write_table(w: TextWriter, table: Table, table_no: int) -> None:
    labels = _label_columns(table)
    starting: dict[int, list[Cell]] = {}
    for cell in table.cells:
        starting.setdefault(cell.r0, []).append(cell)

    def row(cells: list[Cell]) -> None:       # a row lies on one page
        w.row(table_no, [GridCell(pipe_text([c.text]), c.r0 + 1, c.c0 + 1) for c in cells], page=cells[0].page)

    for r in sorted(starting):
        cells = sorted(starting[r], key=lambda c: c.c0)
        data = [c for c in cells if c.c0 >= labels]
        heads = [c for c in cells if c.c0 < labels and c.text]
        if data and (any(_numeric(c.text) for c in data) or heads and all(_datum(c.text) for c in data)):
            for head in heads[:-1]:           # group labels of merged cells: a line each
                w.piece(pipe_text([head.text]), page=head.page, table_no=table_no, row=head.r0 + 1,
                        column=head.c0 + 1)
                w.piece("\n")
            row(heads[-1:] + data)
            continue
        filled = [c for c in cells if c.text]
        if len(filled) == 1:
            c = filled[0]
            w.piece(pipe_text([c.text]), page=c.page, table_no=table_no, row=c.r0 + 1, column=c.c0 + 1)
            w.piece("\n")
        elif filled:
            row(filled)


def _continues(prev: Line, line: Line, margins: dict[int, tuple[float, float]]) -> bool:
    """A wrapped paragraph: the line before runs to the right margin, this one starts at the
    left margin (no first-line indent), on the same page or the next."""
    _, right = margins[prev.page]
    left, _ = margins[line.page]
    size = max(prev.size, line.size)
    return prev.x1 >= right - 1.5 * size and line.x0 <= left + 0.5 * size and \
        (line.page == prev.page or line.page == prev.page + 1) and \
        not _HEADING.match(line_text(line.glyphs[:8])) and not _spread(prev) and not _spread(line)


def _spread(line: Line) -> bool:
    """Cells of a table without rules, set apart by wide gaps: a row, no wrapped prose."""
    return any(g.x0 - p.x1 > FIELD_GAP * max(p.size, g.size) for p, g in zip(line.glyphs, line.glyphs[1:]))


def layout(pages: list[Page]) -> tuple[str, Places]:
    """The text of a PDF's pages and where each stretch of it is."""
    blocks = _tables_and_lines(pages)
    margins: dict[int, tuple[float, float]] = {}
    for block in blocks:
        if isinstance(block, Line):
            left, right = margins.get(block.page, (block.x0, block.x1))
            margins[block.page] = (min(left, block.x0), max(right, block.x1))
    w = TextWriter()
    prev: Line | None = None
    for block in blocks:
        if isinstance(block, Table):
            if prev is not None:
                w.piece("\n")
            _write_table(w, block, w.new_table())
            prev = None
            continue
        text = line_text(block.glyphs)
        if prev is not None:
            if _continues(prev, block, margins):
                if _ascii_word(w.parts[-1][-1]) and _ascii_word(text[0]) and not text[0].isdigit():
                    w.piece(" ")
            else:
                w.piece("\n")
        w.piece(text, page=block.page)
        prev = block
    if prev is not None:
        w.piece("\n")
    return w.text(), w.places
