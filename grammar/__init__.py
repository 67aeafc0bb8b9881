"""The mandated layouts, read from the Lark grammar files beside this module.

``sections.lark`` and ``table2/3/4.lark`` are the single description of the report skeleton
and of every table's rows and columns. This module reads them with Lark's own grammar of
grammars (``lark.lark``, through the public ``Lark`` API) and walks their rules into plain
dataclasses that the scanner, the rules and ``report-lint template`` use. Nothing here spells a
label: every label comes from the grammar files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

if not __name__.startswith("report_lint."):   # the folder grammar/ is report_lint.grammar
    raise ImportError(f"the folder grammar/ is the package report_lint.grammar: import that, not {__name__}")

_FILES = ("sections.lark", "table2.lark", "table3.lark", "table4.lark")
NUMERALS = "一二三四五六"
TABLES = ("二", "三", "四")
TEMPLATES = ("2019", "2021")   # the national formats: 国办公开办函〔2019〕60号, 〔2021〕30号


def template_of_year(year: int) -> str:
    """The format a report on `year` is held to: none before 2019 (`pre2019`), the 2019 format
    for the 2019 and 2020 reports, the 2021 format from 2021 on."""
    if year <= 2018:
        return "pre2019"
    return "2019" if year <= 2020 else "2021"


@dataclass(frozen=True)
class Label:
    """A label as the format prints it: optional numbering, then the text and its variants."""
    id: str
    numbering: str
    texts: tuple[str, ...]  # first = canonical wording

    @cached_property   # (the names below are asked for per cell and finding: computed once)
    def canonical(self) -> str:
        return self.numbering + self.texts[0]


@dataclass(frozen=True)
class SectionDef:
    """One of the six mandated sections (sections.lark)."""
    index: int        # 1..6
    numeral: str      # 一..六
    label: Label
    table: str | None  # 二/三/四 for the sections that hold a mandated table


@dataclass(frozen=True)
class Column:
    """A column of a mandated table, with the header that spans it, if any."""
    id: str
    label: Label
    group: Label | None = None  # a header spanning several columns (法人或其他组织)

    @cached_property
    def name(self) -> str:
        return self.label.canonical


@dataclass(frozen=True)
class Row:
    """A row of a mandated table and the columns it has cells in."""
    id: str
    label: Label
    columns: tuple[Column | None, ...]  # None: a cell the format leaves empty by design
    group: Label | None = None          # the header row this row sits under, if any
    caption: Label | None = None        # 表二: the 第二十条 item of the row's block

    @cached_property
    def name(self) -> str:
        """The row's name as the format prints it; sub-items carry their group (`（三）不予公开 / 4.…`)."""
        if self.group is not None and self.label.numbering[:1].isdigit():
            return f"{self.group.canonical} / {self.label.canonical}"
        return self.label.canonical

    @cached_property
    def cells(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c is not None)


@dataclass(frozen=True)
class TableLayout:
    """Every row, column and printed label of one table (表二/三/四) in one format (2019/2021)."""
    table: str      # 二/三/四
    template: str   # 2019/2021
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]          # every distinct column, in first-seen order
    groups: tuple[Label, ...]            # header rows without cells
    captions: tuple[Label, ...]          # 表二 block captions
    headers: tuple[Label, ...]           # other printed labels (corner note, 信息内容, 申请人情况 …)
    col_groups: tuple[Label, ...]        # headers spanning columns or rows (法人或其他组织, 行政诉讼)

    @property
    def cell_count(self) -> int:
        return sum(len(r.cells) for r in self.rows)

    def row(self, row_id: str) -> Row:
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(f"表{self.table} ({self.template}) has no row {row_id!r}")

    def column(self, col_id: str) -> Column:
        for c in self.columns:
            if c.id == col_id:
                return c
        raise KeyError(f"表{self.table} ({self.template}) has no column {col_id!r}")

    def labels(self) -> list[tuple[str, Label]]:
        """Every label printed in this table with its kind: row, column, group, caption, header."""
        out: list[tuple[str, Label]] = [("row", r.label) for r in self.rows]
        out += [("column", c.label) for c in self.columns]
        out += [("group", g) for g in self.groups]
        out += [("caption", c) for c in self.captions]
        out += [("header", h) for h in self.headers]
        out += [("colgroup", g) for g in self.col_groups]
        return out


@dataclass(frozen=True)
class Layout:
    """The six sections and the six table layouts, as the grammar files describe them."""
    sections: tuple[SectionDef, ...]
    tables: dict[tuple[str, str], TableLayout] = field(hash=False)
    #: print position of every rule of the grammar files (depth first from each table)
    order: dict[str, int] = field(hash=False, default_factory=dict)

    def section(self, numeral: str) -> SectionDef:
        return self.sections[NUMERALS.index(numeral)]

    def table(self, table: str, template: str) -> TableLayout:
        return self.tables[(table, template)]

    def check_cell(self, table: str, row_id: str, col_id: str) -> None:
        """Raise KeyError unless some format of 表`table` has the row and the column (ids)."""
        layouts = [tl for (t, _), tl in self.tables.items() if t == table]
        if not any(r.id == row_id for tl in layouts for r in tl.rows):
            raise KeyError(f"表{table} has no row {row_id!r} in any format (see grammar/table*.lark)")
        if not any(c.id == col_id for tl in layouts for c in tl.columns):
            raise KeyError(f"表{table} has no column {col_id!r} in any format (see grammar/table*.lark)")


# ---------------------------------------------------------------------------------------------
# Walking the grammar. Lark's grammar of grammars gives, per rule, a tree of `expansions`
# (alternatives) of `expansion`s (sequences) of `literal`s and `name`s (rules). Each rule is
# flattened into a sequence whose elements are a rule name (str) or a tuple of literal
# alternatives; alternatives of rules (`table2_2019 | table2_2021`) are ("|", name, …).

def _parts(tree) -> list:
    kind = tree.data
    if kind == "expansions":
        alts = [_parts(t) for t in tree.children]
        if all(len(a) == 1 and isinstance(a[0], tuple) for a in alts):
            return [tuple(x for a in alts for x in a[0])]
        if len(alts) == 1:
            return alts[0]
        return [("|",) + tuple(a[0] for a in alts)]
    if kind == "expansion":
        out: list = []
        for child in tree.children:
            out += _parts(child)
        return out
    if kind == "literal":
        return [(tree.children[0][1:-1],)]
    if kind == "name":
        return [str(tree.children[0])]
    if kind == "expr" or (kind == "alias" and len(tree.children) == 1):  # `x?`: not used in layouts
        return _parts(tree.children[0])
    raise ValueError(f"unexpected grammar construct {kind!r}")


def _read_rules(text: str) -> dict[str, list]:
    """Every rule of the layout files, flattened (see _parts), read with Lark's public API."""
    from lark import Lark

    meta = Lark.open_from_package("lark", "lark.lark", ("grammars",), parser="lalr",
                                  maybe_placeholders=False)
    defs = {}
    for item in meta.parse(text + "\n").children:
        if item.data != "rule":
            raise ValueError(f"unexpected grammar statement {item.data!r} in the layout files")
        defs[str(item.children[0])] = _parts(item.children[-1])
    return defs


class _Rules:
    def __init__(self, defs: dict[str, list]):
        self.defs = defs

    def label(self, name: str) -> Label:
        parts = self.defs[name]
        lits = [p for p in parts if isinstance(p, tuple)]
        if len(lits) == 1:
            return Label(name, "", lits[0])
        return Label(name, lits[0][0], lits[1])

    def children(self, name: str) -> list[str]:
        return [p for p in self.defs[name] if isinstance(p, str)]

    def own_label(self, name: str) -> Label | None:
        lits = [p for p in self.defs[name] if isinstance(p, tuple) and p[0] != "|"]
        if not lits:
            return None
        if len(lits) == 1:
            return Label(name, "", lits[0])
        return Label(name, lits[0][0], lits[1])

    def order(self) -> dict[str, int]:
        """Print position of every rule reachable from the tables (depth first)."""
        order: dict[str, int] = {}

        def walk(name: str) -> None:
            if name in order or name not in self.defs:
                return
            order[name] = len(order)
            for child in self.children(name):
                walk(child)

        for template in TEMPLATES:
            for t in ("2", "3", "4"):
                walk(f"table{t}_{template}")
        return order


def _table2(r: _Rules, template: str) -> TableLayout:
    rows, columns, captions, headers = [], {}, [], {}
    for block in r.children(f"table2_{template}"):
        caption = r.label(r.children(block)[0])
        captions.append(caption)
        hdr = r.own_label(block)
        if hdr:
            headers[hdr.texts] = Label("header2_content", "", hdr.texts)
        cols: list[Column | None] = []
        for child in r.children(block)[1:]:
            if child.startswith("col2_"):
                col = columns.setdefault(child, Column(child, r.label(child)))
                cols.append(col)
            elif child.startswith("blank2_"):
                cols.append(None)
            elif child.startswith("row2_"):
                rows.append(Row(child, r.label(child), tuple(cols), caption=caption))
    return TableLayout("二", template, tuple(rows), tuple(columns.values()), (), tuple(captions),
                       tuple(headers.values()), ())


def _table3(r: _Rules, template: str) -> TableLayout:
    top = r.children(f"table3_{template}")
    corner = r.label(top[0])
    colrule = top[1]
    columns: list[Column] = []
    col_groups: list[Label] = []
    for c in r.children(colrule):
        if c.startswith("colgroup3_"):
            g = r.own_label(c)
            col_groups.append(g)
            columns += [Column(x, r.label(x), g) for x in r.children(c)]
        else:
            columns.append(Column(c, r.label(c)))
    headers = [corner, Label(colrule, "", r.own_label(colrule).texts)]
    rows: list[Row] = []
    groups: list[Label] = []

    def walk(name: str, group: Label | None) -> None:
        if name.startswith("row3_"):
            rows.append(Row(name, r.label(name), tuple(columns), group=group))
        elif name.startswith("group3_"):
            g = r.own_label(name)
            groups.append(g)
            for child in r.children(name):
                walk(child, g)
        else:  # a sequence such as results3_2021
            inner = group
            for child in r.children(name):
                if child.startswith("group3_") and not r.children(child):
                    inner = r.own_label(child)  # header row with no rows of its own (三、本年度办理结果)
                    groups.append(inner)
                    continue
                walk(child, None if child.startswith("row3_") and inner is not group else group)

    for name in top[2:]:
        walk(name, None)
    return TableLayout("三", template, tuple(rows), tuple(columns), tuple(groups), (), tuple(headers),
                       tuple(col_groups))


def _table4(r: _Rules, template: str) -> TableLayout:
    top = r.children(f"table4_{template}")
    columns = tuple(Column(c, r.label(c)) for c in r.children(top[0]))
    rows: list[Row] = []
    col_groups: list[Label] = []
    for name in top[1:]:
        if name.startswith("row4_"):
            rows.append(Row(name, r.label(name), columns))
        else:
            g = r.own_label(name)
            col_groups.append(g)
            rows += [Row(x, r.label(x), columns, group=g) for x in r.children(name)]
    return TableLayout("四", template, tuple(rows), columns, (), (), (), tuple(col_groups))


@lru_cache(maxsize=1)
def layout() -> Layout:
    """The parsed layout of every section and table (built once per process).

    Reading the grammar files with Lark's grammar of grammars costs ~0.2 s (building that
    parser), far more than linting a report, so the flattened rules are kept as JSON in the
    user's cache directory, keyed by the grammar files' bytes — an edited grammar is never
    served stale, and a cache file is data only (JSON, checked on load; see report_lint.cache)."""
    from report_lint import cache

    text = "\n".join(grammar_text(f) for f in _FILES)
    digest = cache.key(_CACHE_FORMAT, text)
    defs = cache.load("layout", digest)
    if not _well_formed(defs):      # absent, damaged or stale: read the grammar again
        defs = _read_rules(text)
        cache.store("layout", digest, defs)
    return _build_layout(defs)


_CACHE_FORMAT = "rules-1"   # bump when _parts changes what it returns


def _well_formed(defs) -> bool:
    """The cached rules have the shape _read_rules gives: name → [rule name | (literal, …)]."""
    return isinstance(defs, dict) and all(
        isinstance(parts, list) and all(
            isinstance(p, str) or (isinstance(p, tuple) and p and all(isinstance(x, str) for x in p))
            for p in parts)
        for parts in defs.values())


def _build_layout(defs: dict[str, list]) -> Layout:
    r = _Rules(defs)
    sections = []
    for i, name in enumerate(r.children("report"), start=1):
        lbl = r.label(name)
        # `section_2: … table2` — the section holds 表二 (the table's numeral is the section's).
        holds = [c for c in r.children(name) if c.startswith("table")]
        sections.append(SectionDef(i, NUMERALS[i - 1], lbl, NUMERALS[i - 1] if holds else None))
    tables = {}
    for template in TEMPLATES:
        tables[("二", template)] = _table2(r, template)
        tables[("三", template)] = _table3(r, template)
        tables[("四", template)] = _table4(r, template)
    return Layout(tuple(sections), tables, r.order())


def grammar_text(name: str = "report.lark") -> str:
    """A grammar file of this package (installed beside this module as package data; read from
    the file, not through importlib.resources, whose import costs a cold start some 5 ms)."""
    with open(os.path.join(os.path.dirname(__file__), name), encoding="utf-8") as f:
        return f.read()
