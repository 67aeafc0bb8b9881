"""The table reader: a Table block's LABEL and CELL tokens → cells addressed by canonical
row and column (report_lint.model.Cell), and notes (report_lint.model.Note) on what could not
be read. The arithmetic of the format (勾稽关系) is report_lint.arithmetic's.

Steps, for each mandated table of a report:

1. **Merge.** A table broken into fragments by garbled headers or Markdown headings (008, 010)
   is one table: the fragments of the same table in the same section are merged.
2. **Format.** The table's own labels decide whether it is the 2019 or the 2021 table
   (表二's columns, 表三's （六） rows); without evidence, the report's format applies.
3. **Rows.** Each row label of the layout is looked up (by its grammar rule id); the chunks
   between it and the next label are its cells. A label printed twice (a list of headings, then
   the table) keeps the occurrence that carries numbers.
4. **Cells.** Separated layouts (pipes, one cell per line, tabs, spaces, Markdown) map chunks
   one-to-one onto the row's columns. Where a row has fewer chunks than columns and some chunk
   is a digit run, the run is split (report_lint.split) under the row's relations (表三: the
   总计 column; 表四: each group's 总计); 表三's rows that stay ambiguous are then combined
   under the column relations. One consistent split: it is used. Several, or none: the cells
   stay unknown and a note (Table.notes) carries the candidates for the rules to report.
5. **表四** is read as three rows of five outcomes; printed as one run of fifteen numbers after
   its headers (the usual shape), the fifteen are taken in print order.

No label is spelled here: rows and columns are the grammar's (report_lint.grammar.layout()).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Iterator

from report_lint.arithmetic import (T3_CARRIED, T3_COL_TOTAL, T3_FORWARD, T3_NEW, T3_TOTAL, T4_COL_TOTAL,
                                   equations, slot_kind, total_relation)
from report_lint.grammar import Row, TableLayout, layout
from report_lint.model import Cell, Note, Paragraph, Report, Span, Table, Token
from report_lint.split import DEFAULT_BUDGET, MAX_RUN, Chunk, Piece, number, split, splittable

# grammar rule ids that tell 表三's format (ids, not labels)
T3_2021_ONLY = ("row3_no_correction", "row3_no_fee")
T3_OTHER_2019 = "row3_other_2019"
_UNIT = re.compile(r"(?<![\d,])([+-]?\d[\d,]*(?:\.\d+)?)(?:万元|元|件)")  # (lookbehind: linear in search too)
STRUCTURAL_LIMIT = 300     # splits of a row that breaks its relation, kept to be settled


@dataclass(slots=True)
class _Item:
    """One chunk of a row: a CELL token, possibly a run of several cells."""
    token: Token
    text: str
    kind: str          # number | blank | placeholder | unreadable
    atomic: bool


@dataclass(slots=True)
class _Occurrence:
    """A row label found in a table, with the items (cells, number runs) that follow it."""
    token: Token                 # the row label
    row_ids: set                 # row ids the label may stand for in this layout
    other: bool                  # the label may also be a column or header (总计, 其他)
    items: list[_Item] = field(default_factory=list)
    filled: int = 0              # items that are not blank (set with the items)


# ------------------------------------------------------------------------------------------
# merging fragments, deciding the format

def merge_fragments(report: Report) -> None:
    """One Table per mandated table per section: fragments are merged into the first."""
    for container in [report.preamble] + [s.blocks for s in report.sections]:
        first: dict[str, Table] = {}
        parts: dict[str, list[list[Token]]] = {}   # joined once at the end: `head.tokens +
        keep = []                                  # block.tokens` per fragment was quadratic
        for block in container:
            if isinstance(block, Table):
                head = first.get(block.table)
                if head is not None:
                    parts.setdefault(block.table, [head.tokens]).append(block.tokens)
                    head.span = Span(min(head.span.start, block.span.start), max(head.span.end, block.span.end))
                    if head.template is None:
                        head.template = block.template
                    elif block.template is not None and block.template != head.template:
                        head.template = None  # contradictory fragments: decided again below
                    continue
                first[block.table] = block
            keep.append(block)
        for table, lists in parts.items():
            first[table].tokens = [tok for toks in lists for tok in toks]
        container[:] = keep


def label_format(table: Table) -> str | None:
    """The format the table's own labels show, or None."""
    if table.table == "三":
        # a 2021-only row anywhere decides; else （六）其他处理 with its own seven numbers is the
        # 2019 row (one pass over the tokens for both)
        toks = table.tokens
        other_2019 = False
        for k, tok in enumerate(toks):
            if tok.type != "LABEL":
                continue
            for i in tok.info["infos"]:
                if i.label.id in T3_2021_ONLY:
                    return "2021"
                if i.label.id == T3_OTHER_2019 and k + 1 < len(toks) and toks[k + 1].type == "CELL" \
                        and toks[k + 1].info.get("kind") == "number":
                    other_2019 = True
        return "2019" if other_2019 else None
    votes = {"2019": 0, "2021": 0}
    name = table.table
    for tok in table.tokens:
        if tok.type != "LABEL":
            continue
        # a label votes for the one format it belongs to in this table (none if both)
        seen = None
        for i in tok.info["infos"]:
            for t, f in i.owners:
                if t == name and f != seen:
                    seen = f if seen is None else ""
        if seen:
            votes[seen] += 1
    if votes["2019"] != votes["2021"]:
        return "2019" if votes["2019"] > votes["2021"] else "2021"
    return None


# ------------------------------------------------------------------------------------------
# reading

def _items(report: Report, tokens: list[Token]) -> list[_Item]:
    return [it for _, it in _each_item(report, tokens)]


def _each_item(report: Report, tokens: list[Token]) -> Iterator[tuple[int, _Item]]:
    """(index of the token, its item) for the tokens that are cells (in print order)."""
    nt = report.normalised
    text = nt.original
    starts = nt.line_starts
    # the line's shape is looked up once per line, not per token: the tokens come in print
    # order, so a token before the next line's start is on the line of the token before it
    line_start = next_start = 0
    skip = False
    for k, tok in enumerate(tokens):
        at = tok.span.start
        if not line_start <= at < next_start:
            line = bisect.bisect_right(starts, at)         # (1-based, as line_col counts)
            line_start = starts[line - 1]
            next_start = starts[line] if line < len(starts) else len(text) + 1
            shape = _line(report, line)
            skip = shape.rule or shape.footer
            pipes = shape.pipes
        if skip:
            continue  # a Markdown table's |---|---| line, a page footer: not cells
        kind = tok.info.get("kind", "unreadable")
        raw = tok.text
        if kind == "unreadable":
            m = _UNIT.fullmatch(raw)
            if m:
                raw, kind = m.group(1), "number"
            elif splittable(raw):
                kind = "number"   # a collapsed run with a sign inside: `5-1104`"
        if kind != "number":
            atomic = True
        elif (pipes or tok.span.end >= next_start) and _next_to_pipe(text, tok.span) or "," in raw:
            atomic = True         # (a cell within a line without a pipe has none next to it)
        elif raw.isascii() and raw.isdigit():
            atomic = len(raw) > MAX_RUN     # what splittable() answers for plain digits
        else:
            atomic = not splittable(raw)
        yield k, _Item(tok, raw, kind, atomic)


# A Markdown rule row `| --- | :---: |`. Written so that no two quantifiers can share a run
# (each `[ \t]*` is anchored by a `|` before it) and a search never restarts inside a run (the
# lookbehind): the naive form was cubic on a long line of spaces or dashes.
_MD_RULE = re.compile(r"(?<![ \t|:-])[ \t]*(?:\|[ \t]*)?(?::?-{2,}:?[ \t]*\|[ \t]*)+(?::?-{2,}:?[ \t]*)?")


_FOOTER = re.compile(r"[—–-]{1,2} ?\d{1,4} ?[—–-]{1,2}|第 ?\d{1,4} ?页(?:[,，/] ?共 ?\d{1,4} ?页)?")


def _md_rule_line(line: str) -> bool:
    return "-" in line and bool(_MD_RULE.fullmatch(line))


def _is_text(it: _Item) -> bool:
    return it.kind == "unreadable" and len(it.text) > 1 and bool(_han().search(it.text))


def _next_to_pipe(text: str, span: Span) -> bool:
    i = span.start - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    if i >= 0 and text[i] in "|｜":
        return True
    j = span.end
    while j < len(text) and text[j] in " \t\u3000":
        j += 1
    return j < len(text) and text[j] in "|｜"


def _occurrences(report: Report, table: Table, tl: TableLayout) -> tuple[list[_Occurrence], list[Token]]:
    """Row label occurrences with the chunks that follow each, and the CELL tokens that follow
    no row label (header areas, 表四's flattened row)."""
    row_ids = {r.id for r in tl.rows}
    occ: list[_Occurrence] = []
    loose: list[Token] = []
    current: _Occurrence | None = None
    cells: list[Token] = []          # the CELL tokens after a row label …
    owners: list[_Occurrence] = []   # … and its occurrence: read in one pass (one line state)
    for tok in table.tokens:
        if tok.type == "LABEL":
            infos = tok.info["infos"]
            ids = None      # (a loop, not a set per label and an intersection: most labels are no row)
            for i in infos:
                if i.kind == "row" and i.label.id in row_ids:
                    if ids is None:
                        ids = {i.label.id}
                    else:
                        ids.add(i.label.id)
            if ids:
                current = _Occurrence(tok, ids, any(i.kind != "row" for i in infos))
                occ.append(current)
            else:
                current = None
        elif current is None:
            loose.append(tok)
        else:
            cells.append(tok)
            owners.append(current)
    for k, it in _each_item(report, cells):
        o = owners[k]
        o.items.append(it)
        if it.kind != "blank":
            o.filled += 1
    # a label that may be a column header (总计, 其他) is a row only where numbers follow it
    return [o for o in occ if not o.other or o.filled or _numbered(o.token)], loose


def _numbered(tok: Token) -> bool:
    # lstrip, not a leading `\s*`: that would make a search over a run of spaces quadratic
    return bool(_NUMBERING_START.match(tok.text.lstrip())) and not tok.text.startswith(("总", "其"))


_NUMBERING_START = re.compile(r"[(一二三四五六七八九十\d]")


def _chosen(occ: list[_Occurrence]) -> dict[str, _Occurrence]:
    """Row id → the occurrence of the row that carries its numbers (most filled, first on a
    tie); a row absent from the answer has none."""
    best: dict[str, _Occurrence] = {}
    for o in occ:
        for rid in o.row_ids:
            found = best.get(rid)
            if found is None or o.filled > found.filled:
                best[rid] = o
    return best


def read_table(report: Report, table: Table, template: str) -> None:
    tl = layout().table(table.table, template)
    table.layout = tl
    table.cells = {}
    table.notes = []
    occ, loose = _occurrences(report, table, tl)
    if table.table == "四":
        _read_t4(report, table, tl, occ, loose)
    else:
        _read_rows(report, table, tl, occ)
        from report_lint.markdown_rows import recover
        recover(report, table)        # Markdown lines of numbers torn from their labels (PDF)
    _header_notes(table, tl)


def _missing_row(table: Table, row: Row, span: Span) -> None:
    for col in row.cells:
        table.cells[(row.id, col.id)] = Cell(row, col, "", None, "missing", None)


# Search nodes for all the collapsed rows of one table. A real row needs under a hundred (63 at
# most over examples/); a table of garbage runs could otherwise spend DEFAULT_BUDGET on every
# row (26 rows: seconds for a 9 KB file, found by the fuzz run). Past it, a row's split is
# reported as undecidable.
TABLE_BUDGET = DEFAULT_BUDGET


@dataclass
class _Budget:
    """The search nodes left for one table's collapsed rows, and the searches already made: a
    table's rows of zeros are the same digit run again and again (two thirds of the searches
    over examples/)."""
    left: int = TABLE_BUDGET
    done: dict = field(default_factory=dict)


def _split(budget: _Budget, chunks, kinds, relations, limit: int = 50):
    allowed = max(1, min(DEFAULT_BUDGET, budget.left))
    # (the chunks' fields, not the chunks: a dataclass hashes itself in Python)
    key = (tuple([(c.text, c.atomic) for c in chunks]), tuple(kinds), tuple(relations), limit)
    found = budget.done.get(key)
    # a search that ended within its budget ends the same way under any budget it fits in
    if found is not None and found[0].nodes <= min(found[1], allowed):
        res = found[0]
    else:
        res = split(chunks, kinds, relations, limit=limit, budget=allowed)
        budget.done[key] = (res, allowed)
    budget.left -= res.nodes
    return res


def _read_rows(report: Report, table: Table, tl: TableLayout, occ: list[_Occurrence]) -> None:
    pending: dict[str, tuple] = {}   # row id → (row, occurrence, items, candidates)
    budget = _Budget()
    closing = None      # do this table's rows end with a closing pipe? (asked when needed)
    chosen = _chosen(occ)
    for idx, row in enumerate(tl.rows):
        o = chosen.get(row.id)
        if o is None:
            _missing_row(table, row, table.span)
            table.notes.append(Note("missing_row", _missing_row_span(table, tl, idx, chosen), row))
            continue
        items = list(o.items)
        slots = list(row.cells)
        # the cell the 2019 表二 leaves empty by design: a chunk printed there is dropped
        if len(slots) < len(row.columns) and len(items) == len(row.columns):
            items = [it for it, col in zip(items, row.columns) if col is not None]
        if len(items) > len(slots):
            items = _own_line(report, o, items, len(slots))
        # trailing merged-cell gaps, and a broken label that ran into the row (`（四）无`)
        while len(items) > len(slots) and (items[-1].kind == "blank" or _is_text(items[-1])
                                            or _cut_numbering(report, items[-1])):
            items.pop()
        if len(items) < len(slots):
            if closing is None:
                closing = _closing_pipes(report, tl, occ)
            items = _blank_cells_left_out(report, o, items, len(slots), closing)
        if not items:
            for col in slots:
                table.cells[(row.id, col.id)] = Cell(row, col, "", None, "missing", Span(o.token.span.end, o.token.span.end))
            continue
        if len(items) == len(slots):
            for it, col in zip(items, slots):
                table.cells[(row.id, col.id)] = _cell(row, col, it)
            continue
        if len(items) > len(slots) or all(it.atomic for it in items):
            _unaligned(table, row, o, items, len(slots))
            continue
        kinds, relations = _row_shape(tl, row)
        chunks = [Chunk(it.text, it.atomic) for it in items]
        res = _split(budget, chunks, kinds, relations)
        cands = res.splits
        complete = res.complete
        kind = "ambiguous"
        if not cands and relations:
            structural = _split(budget, chunks, kinds, (), limit=STRUCTURAL_LIMIT)
            if len(structural.splits) == 1 and structural.complete:
                cands, complete = structural.splits, True   # the digits allow one reading only
            else:   # no split adds up: settled below if one corrected cell makes the table hold
                cands, complete, kind = structural.splits, structural.complete, "inconsistent"
        elif not cands:
            _unaligned(table, row, o, items, len(slots))
            continue
        pending[row.id] = (row, items, cands, complete, kind)
    if table.table == "三":
        _settle_t3(table, tl, pending)
    for rid, (row, items, cands, complete, kind) in pending.items():
        if len(cands) == 1 and complete:
            _apply(table, [(row, col) for col in row.cells], items, cands[0])
            continue
        _set_unknown(table, row, items, kind)
        if kind == "ambiguous":
            _keep_agreed(table, row, items, cands)
        table.notes.append(Note(kind, _items_span(items), row, raw=_raw(items),
                                candidates=[_values(s) for s in cands], complete=complete))


@dataclass(slots=True)     # (not frozen: a frozen __init__ costs twice as much; never changed)
class _Line:
    """What the row readers ask of a line, computed once per line and report (a 50 KB
    collapsed line holds thousands of rows: stripping it per row was quadratic)."""
    first: str          # first and last character that is not a space ("" for a blank line)
    last: str
    end: int            # original offset just after the last such character
    short: str | None   # the stripped line when it is short (a cell on its own line)
    rule: bool          # a Markdown table's |---|---| line
    footer: bool        # a page footer of a PDF extraction (`— 4 —`, `- 4 -`, `第 4 页`)
    pipes: bool         # the line holds a pipe (| or ｜)


def _line(report: Report, n: int) -> _Line:
    cache = report.derived.setdefault("tables.lines", {})
    found = cache.get(n)
    if found is None:
        nt = report.normalised
        text = nt.line_text(n)
        stripped = text.strip()
        end = nt.line_starts[n - 1] + len(text.rstrip())
        found = cache[n] = _Line(stripped[:1], stripped[-1:], end, stripped if len(stripped) <= 200 else None,
                                 _md_rule_line(text), len(stripped) <= 20 and bool(_FOOTER.fullmatch(stripped)),
                                 "|" in text or "｜" in text)
    return found


def _own_line(report: Report, o: _Occurrence, items: list[_Item], want: int) -> list[_Item]:
    """A row of a pipe table is one line: values on the lines after a label's own full line
    are an unlabelled row of their own (report_lint.markdown_rows gives it its row), not more
    values of this one (14 values, RL207)."""
    nt = report.normalised
    line = nt.line_col(o.token.span.end - 1)[0]
    shape = _line(report, line)
    if shape.first not in "|｜" and shape.last not in "|｜":
        return items
    same = [it for it in items if nt.line_col(it.token.span.start)[0] == line]
    nonblank = [it for it in same if it.kind != "blank"]
    if len(same) < len(items) and want <= len(same) and len(nonblank) == want:
        return nonblank if len(same) > want else same
    return items


def _cut_numbering(report: Report, it: _Item) -> bool:
    """The numbering of a next row whose label the end of the text cut off (`…0\n\n2`)."""
    text = report.normalised.original
    return len(it.text) <= 2 and it.text.isdigit() and not text[it.token.span.end:].strip()


def _closing_pipes(report: Report, tl: TableLayout, occ: list[_Occurrence]) -> bool:
    """Do the complete rows of this table (`label | 0 | … | 0 |`) end with a pipe after their
    last value? Then a pipe ending a row closes it; otherwise it separates an empty last cell."""
    nt = report.normalised
    votes = [0, 0]
    cells = {r.id: len(r.cells) for r in tl.rows}
    for o in occ:
        if not o.items or len(o.items) != max(cells.get(rid, 0) for rid in o.row_ids):
            continue
        votes[_line(report, nt.line_col(o.items[-1].token.span.start)[0]).last in "|｜"] += 1
    return votes[1] >= votes[0]


def _blank_cells_left_out(report: Report, o: _Occurrence, items: list[_Item], want: int,
                          closing: bool) -> list[_Item]:
    """Blank cells the scanner has no token for: the last cell of `label | 0 | … | 0 | ` left
    empty after its separator (in a table whose rows do not end with a closing pipe), and an
    empty line in the one-cell-per-line layout. Without them the row has a value too few and
    is unaligned (RL207) instead of a blank cell (RL204)."""
    nt = report.normalised
    line = nt.line_col(o.token.span.end - 1)[0]
    shape = _line(report, line)
    if len(items) == want - 1 and not closing and shape.first not in "|｜" and shape.last and shape.last in "|｜" \
            and all(nt.line_col(it.token.span.start)[0] == line for it in items):
        return items + [_blank_item(Span(shape.end, shape.end))]
    # one cell per line (every line, or every other line as in examples/seeds/002_…): the
    # lines after the label at that stride, each a value or empty, one per cell
    own = {}
    for it in items:
        n = nt.line_col(it.token.span.start)[0]
        if n in own or n <= line or _line(report, n).short != it.token.text.strip():
            return items
        own[n] = it
    if not own:
        return items
    at = sorted(own)
    gaps = [b - a for a, b in zip([line] + at, at)]
    stride = min(gaps)
    if stride > 2 or any(g % stride for g in gaps) or at[-1] > line + want * stride \
            or line + want * stride > len(nt.line_starts):
        return items
    out = []
    for n in range(line + 1, line + want * stride + 1):
        if (n - line) % stride:
            if _line(report, n).first:
                return items           # something between the cells: not this layout
        elif n in own:
            out.append(own[n])
        elif not _line(report, n).first:
            start = nt.line_starts[n - 1]
            out.append(_blank_item(Span(start, start)))
        else:
            return items
    return out


def _blank_item(span: Span) -> _Item:
    return _Item(Token("CELL", "", span, {"kind": "blank"}), "", "blank", True)


def _row_relations(table: str, row: Row) -> list:
    total = {"三": T3_COL_TOTAL, "四": T4_COL_TOTAL}.get(table)
    return [total_relation([c.id for c in row.cells], total)] if total else []


def _row_shape(tl: TableLayout, row: Row) -> tuple[tuple[str, ...], tuple]:
    """The kinds of a row's cells and its relations, for a split (built once per layout row)."""
    key = (tl.table, tl.template, row.id)
    found = _ROW_SHAPES.get(key)
    if found is None:
        found = _ROW_SHAPES[key] = (tuple(slot_kind(c.id) for c in row.cells), tuple(_row_relations(tl.table, row)))
    return found


_ROW_SHAPES: dict[tuple[str, str, str], tuple[tuple[str, ...], tuple]] = {}


def _settle_t3(table: Table, tl: TableLayout, pending: dict) -> None:
    """Rows of 表三 with several splits: keep the splits some combination satisfying every
    relation uses (report_lint.settle) — or, when none does, one corrected cell. A row that
    broke its own relation is read only if exactly one of its splits is left."""
    from report_lint.settle import settle

    fixed = {k: c.value for k, c in table.cells.items() if c.kind == "number"}
    rows: dict[str, tuple] = {}
    for rid, (row, items, cands, complete, kind) in pending.items():
        keys = [(rid, col.id) for col in row.cells]
        values = [tuple(p.value for p in c) for c in cands]
        if len(cands) == 1 and complete:
            fixed.update(zip(keys, values[0]))
        elif cands and complete:
            rows[rid] = (keys, values)
    eqs = _t3_equations(tl)
    chosen_all = settle(eqs, fixed, rows)
    ambiguous = {rid: rows[rid] for rid in rows if pending[rid][4] == "ambiguous"}
    if ambiguous and not any(rid in chosen_all for rid in ambiguous) and len(ambiguous) < len(rows):
        # a row that adds up in no way (an unreadable （七）总计) may be what blocks the others:
        # settle them without it, through the relations that do not involve it
        chosen_all = settle(eqs, fixed, ambiguous)
    for rid, chosen in chosen_all.items():
        row, items, cands, complete, kind = pending[rid]
        if kind == "ambiguous" or len(chosen) == 1:
            pending[rid] = (row, items, [cands[k] for k in chosen], complete, kind)


def _t3_equations(tl: TableLayout) -> list:
    """表三's relations and those derived from them without （七）总计 (built once per layout)."""
    from report_lint.settle import derived_equations

    key = (tl.table, tl.template)
    if key not in _T3_EQUATIONS:
        eqs = list(equations(tl))
        _T3_EQUATIONS[key] = eqs + derived_equations(eqs, [r.id for r in tl.rows], T3_NEW, T3_CARRIED, T3_TOTAL,
                                                     T3_FORWARD)
    return _T3_EQUATIONS[key]


_T3_EQUATIONS: dict[tuple[str, str], list] = {}


def _keep_agreed(table: Table, row: Row, items: list[_Item], cands) -> None:
    """The cells of an ambiguous row that every remaining split reads alike (same value, same
    place) are read; the others stay unknown."""
    for n, col in enumerate(row.cells):
        pieces = {(p[n].chunk, p[n].start, p[n].end, p[n].text) for p in cands}
        if len(pieces) == 1 and not items[cands[0][n].chunk].atomic:
            _apply(table, [(row, col)], items, (cands[0][n],))


def _apply(table: Table, slots: list[tuple[Row, object]], items: list[_Item], pieces: tuple[Piece, ...]) -> None:
    """Cells from a split: each slot (row, column) takes its piece of a chunk."""
    for (row, col), piece in zip(slots, pieces):
        it = items[piece.chunk]
        start = it.token.span.start + piece.start
        span = Span(start, start + (piece.end - piece.start)) if it.kind == "number" else it.token.span
        if it.atomic:
            table.cells[(row.id, col.id)] = _cell(row, col, it)
        else:
            table.cells[(row.id, col.id)] = Cell(row, col, piece.text, piece.value, "number", span)


def _cell(row: Row, col, it: _Item) -> Cell:
    if it.kind == "number":
        value = number(it.text)
        return Cell(row, col, it.text, value, "number" if value is not None else "unreadable", it.token.span)
    if it.kind == "blank":
        return Cell(row, col, "", None, "blank", it.token.span)
    return Cell(row, col, it.text, None, it.kind, it.token.span)


def _set_unknown(table: Table, row: Row, items: list[_Item], kind: str, cols=None) -> None:
    span = _items_span(items)
    for col in cols or row.cells:
        table.cells[(row.id, col.id)] = Cell(row, col, _raw(items), None, kind, span)


def _unaligned(table: Table, row: Row, o: _Occurrence, items: list[_Item], expected: int) -> None:
    _set_unknown(table, row, items, "unaligned")
    table.notes.append(Note("unaligned", _items_span(items), row, raw=_raw(items), expected=expected,
                            found=sum(1 for it in items if it.kind != "blank")))


def _items_span(items: list[_Item]) -> Span:
    return Span(items[0].token.span.start, items[-1].token.span.end)


def _raw(items: list[_Item]) -> str:
    return " ".join(it.text if it.kind != "blank" else "（空）" for it in items)


def _values(pieces: tuple[Piece, ...]) -> tuple:
    return tuple(p.value for p in pieces)


def _missing_row_span(table: Table, tl: TableLayout, idx: int, chosen: dict[str, _Occurrence]) -> Span:
    """Where the missing row tl.rows[idx] belongs: at the next row that is present (the
    occurrence read as that row — not a column header that shares its label, as 总计 and 其他
    do), else the table's end. (The index is given: rows.index() compares rows field by field.)"""
    for later in tl.rows[idx + 1:]:
        o = chosen.get(later.id)
        if o is not None:
            return Span(o.token.span.start, o.token.span.start)
    return Span(table.span.end, table.span.end)


def _read_t4(report: Report, table: Table, tl: TableLayout, occ: list[_Occurrence], loose: list[Token]) -> None:
    best = _chosen(occ)
    chosen = {row.id: best.get(row.id) for row in tl.rows}
    if all(o is not None and o.filled for o in chosen.values()) and len({id(o) for o in chosen.values()}) == len(tl.rows):
        _read_rows(report, table, tl, occ)
        return
    # flattened: every chunk of the table in print order, header blanks dropped
    toks = [t for t in table.tokens if t.type == "CELL"]
    items = _items(report, toks)
    first = next((k for k, it in enumerate(items) if it.kind != "blank"), len(items))
    items = items[first:]                  # (not pop(0) in a loop: quadratic in the blanks)
    slots = [(row, col) for row in tl.rows for col in row.cells]
    while len(items) > len(slots) and items[-1].kind == "blank":
        items.pop()
    for row in tl.rows:
        if chosen[row.id] is None:
            table.notes.append(Note("missing_header", table.span, row, label=row.label))
    if not items:
        for row in tl.rows:
            for col in row.cells:
                table.cells[(row.id, col.id)] = Cell(row, col, "", None, "missing", None)
        return
    if len(items) == len(slots):
        for it, (row, col) in zip(items, slots):
            table.cells[(row.id, col.id)] = _cell(row, col, it)
        return
    flat = Row("", tl.rows[0].label, tuple(c for _, c in slots))
    if len(items) > len(slots) or all(it.atomic for it in items):
        for row in tl.rows:
            _set_unknown(table, row, items, "unaligned")
        table.notes.append(Note("unaligned", _items_span(items), None, raw=_raw(items), expected=len(slots),
                                found=sum(1 for it in items if it.kind != "blank")))
        return
    kinds = ["int"] * len(slots)
    relations = []
    for k, row in enumerate(tl.rows):
        ids = [c.id for c in row.cells]
        relations.append(total_relation(ids, T4_COL_TOTAL, k * len(ids)))
    chunks = [Chunk(it.text, it.atomic) for it in items]
    budget = _Budget()
    res = _split(budget, chunks, kinds, relations)
    cands, complete = res.splits, res.complete
    kind = "ambiguous"
    if not cands:
        structural = _split(budget, chunks, kinds, (), limit=T4_STRUCTURAL_LIMIT)
        fits = _one_correction(tl, slots, structural.splits) if structural.complete else []
        if len(structural.splits) == 1 and structural.complete:
            cands, complete = structural.splits, True
        elif len(fits) == 1:     # the one reading a single corrected cell makes add up: RL212 names it
            cands, complete = fits, True
        else:
            cands, complete, kind = structural.splits[:12], structural.complete, "inconsistent"
    if len(cands) == 1 and complete and kind == "ambiguous":
        _apply(table, slots, items, cands[0])
        return
    for row in tl.rows:
        _set_unknown(table, row, items, kind)
    table.notes.append(Note(kind, _items_span(items), flat, raw=_raw(items),
                            candidates=[_values(s) for s in cands], complete=complete))


T4_STRUCTURAL_LIMIT = 500  # readings of 表四's run looked at for one corrected cell


def _one_correction(tl: TableLayout, slots, splits) -> list:
    """The readings of a run under which every relation holds after one cell is corrected."""
    from report_lint.settle import one_fix

    eqs = equations(tl)
    out = []
    for pieces in splits:
        vals = {(row.id, col.id): p.value for (row, col), p in zip(slots, pieces)}
        broken = [e for e in eqs if e.holds(vals) is False]
        if broken and one_fix(eqs, broken, vals):
            out.append(pieces)
            if len(out) > 1:
                break
    return out


def _header_notes(table: Table, tl: TableLayout) -> None:
    """Column headers of the format that the table does not print (garbled or lost)."""
    if not any(c.kind == "number" for c in table.cells.values()):
        return
    # the headers come first: the labels are read only until every one is found
    wanted = {col.label.id for col in tl.columns}
    for tok in table.labels:
        for i in tok.info["infos"]:
            wanted.discard(i.label.id)
        if not wanted:
            return
    for col in tl.columns:
        if col.label.id in wanted:
            table.notes.append(Note("missing_header", Span(table.span.start, table.span.start), None, label=col.label))


def adopt_detached_row(report: Report, default: str) -> None:
    """表四 is one row of numbers under a two-level header. PDF extraction often garbles that
    header into lines the scanner cannot read as labels (`结果结果其他尚未`), so the table's
    run of labels ends before its numbers, and the numbers read as a paragraph. When a 表四
    has no number at all, and within the next few short lines of its section comes a line of
    nothing but numbers whose count is exactly the table's number of cells, that line is the
    table's row. Anything else (prose, a sub-heading, a wrong count) leaves the table as it is."""
    from report_lint.scan import cells_between

    nt = report.normalised
    for container in [report.preamble] + [s.blocks for s in report.sections]:
        for i, block in enumerate(container):
            if not isinstance(block, Table) or block.table != "四" or block.numbers:
                continue
            want = sum(len(row.cells) for row in layout().table("四", block.template or default).rows)
            for j in range(i + 1, min(i + 1 + DETACHED_LOOKAHEAD, len(container))):
                b = container[j]
                if not isinstance(b, Paragraph) or b.offset is None:
                    break
                if _han().search(b.text):
                    if len(b.text) > 80 and not b.text.startswith("注"):
                        break                      # prose: the table is over
                    continue                       # a garbled header line or a note
                cells = cells_between(nt, b.offset, b.offset + len(b.text))
                nums = [c for c in cells if c.info["kind"] == "number"]
                if nums and len(nums) == want and all(c.info["kind"] in ("number", "blank") for c in cells):
                    block.tokens = block.tokens + cells
                    block.span = Span(block.span.start, max(block.span.end, b.span.end))
                    del container[j]
                    break


DETACHED_LOOKAHEAD = 10


@cache
def _han() -> re.Pattern:
    # compiled on first need (a CJK range costs ~2 ms to compile; both uses are rare paths)
    return re.compile(r"[\u4e00-\u9fff]")


def read_tables(report: Report) -> None:
    merge_fragments(report)
    default = report.template if report.template in ("2019", "2021") else "2021"
    adopt_detached_row(report, default)
    report.blocks_changed()      # both removed blocks: the tables are listed afresh
    for t in report.tables:
        own = label_format(t)
        t.template = own
        read_table(report, t, own or default)
