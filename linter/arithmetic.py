"""The arithmetic of the format (勾稽关系): the relations a table's cells must satisfy, and the
localisation of a broken relation to the cell (or pair of cells) most likely wrong.

表三: every row's 总计 is the sum of the six applicant columns ("row"), in every column （七）总计
is the sum of the rows between 二 and （七） ("sum"), and 一 + 二 = （七）总计 + 四 ("balance");
表四: each group's 总计 is the sum of its outcomes ("group"). 表二 has no hard sums.

Cells are addressed by grammar rule ids (row id, column id), never by labels.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

from report_lint.grammar import TableLayout
from report_lint.model import Table

# grammar rule ids the relations and value kinds refer to (tests/test_conventions.py checks that
# every id spelt in the code exists in grammar/)
T3_NEW, T3_CARRIED, T3_TOTAL, T3_FORWARD = "row3_new", "row3_carried_over", "row3_total", "row3_carried_forward"
T3_COL_TOTAL, T4_COL_TOTAL = "col3_total", "col4_total"
TOTAL_COLUMNS = (T3_COL_TOTAL, T4_COL_TOTAL)
SIGNED_COLUMNS = ("col2_change",)                            # 本年增/减 (2019 表二) may be negative
DECIMAL_COLUMNS = ("col2_fee_amount", "col2_purchase_amount")  # amounts in 万元 may have decimals


def slot_kind(col_id: str) -> str:
    """The kind of number a column holds: signed, decimal or a count (int)."""
    if col_id in SIGNED_COLUMNS:
        return "signed"
    if col_id in DECIMAL_COLUMNS:
        return "decimal"
    return "int"


def total_relation(ids: list[str], total: str, base: int = 0) -> tuple[int, tuple[int, ...]]:
    """(index of the total, indices of its parts) over a row's column ids, offset by `base`."""
    t = ids.index(total)
    return (base + t, tuple(base + i for i in range(len(ids)) if i != t))



@dataclass(frozen=True)
class Equation:
    """Σ lhs = Σ rhs over cells (row id, column id)."""
    kind: str                  # row | sum | balance | group
    key: str                   # the row (row, group) or column (sum, balance) it is about
    lhs: tuple[tuple[str, str], ...]
    rhs: tuple[tuple[str, str], ...]

    @cached_property
    def cells(self) -> tuple[tuple[str, str], ...]:
        return self.lhs + self.rhs

    def coef(self, key) -> int:
        return (1 if key in self.lhs else 0) - (1 if key in self.rhs else 0)

    def residual(self, vals: dict):
        """Σ lhs − Σ rhs, or None if a cell is not a number."""
        try:
            return sum([vals[k] for k in self.lhs]) - sum([vals[k] for k in self.rhs])
        except (KeyError, TypeError):
            return None

    def holds(self, vals: dict):
        r = self.residual(vals)
        return None if r is None else abs(r) < 1e-9


def equations(tl: TableLayout) -> tuple[Equation, ...]:
    """The relations of a table's layout (built once per layout)."""
    key = (tl.table, tl.template)
    if key not in _EQUATIONS:
        _EQUATIONS[key] = tuple(_equations(tl))
    return _EQUATIONS[key]


_EQUATIONS: dict[tuple[str, str], tuple[Equation, ...]] = {}


def _equations(tl: TableLayout) -> list[Equation]:
    if tl.table == "三":
        rows = [r.id for r in tl.rows]
        cols = [c.id for c in tl.columns]
        items = rows[rows.index(T3_CARRIED) + 1:rows.index(T3_TOTAL)]
        parts = [c for c in cols if c != T3_COL_TOTAL]
        out = [Equation("row", r, tuple((r, c) for c in parts), ((r, T3_COL_TOTAL),)) for r in rows]
        out += [Equation("sum", c, tuple((r, c) for r in items), ((T3_TOTAL, c),)) for c in cols]
        out += [Equation("balance", c, ((T3_NEW, c), (T3_CARRIED, c)), ((T3_TOTAL, c), (T3_FORWARD, c))) for c in cols]
        return out
    if tl.table == "四":
        out = []
        for row in tl.rows:
            parts = tuple((row.id, c.id) for c in row.cells if c.id != T4_COL_TOTAL)
            out.append(Equation("group", row.id, parts, ((row.id, T4_COL_TOTAL),)))
        return out
    return []


@dataclass
class Verdict:
    """The outcome of checking a table's relations: a cell named as the likely culprit (with
    the value that satisfies every relation), or, when no single explanation exists, a broken
    equation."""
    equations: list[Equation]          # the broken relations this verdict explains
    cell: tuple[str, str] | None = None
    expected: object = None
    companions: list = field(default_factory=list)   # other cells of the same fix: (key, expected)


def numeric_values(table: Table) -> dict:
    return {k: c.value for k, c in table.cells.items() if c.kind == "number" and c.value is not None}


def check_relations(table: Table) -> list[Verdict]:
    """Check every relation of the table; localise the broken ones to the fewest cells whose
    change satisfies all relations (one cell, else two); otherwise report each equation."""
    if table.layout is None:
        return []
    eqs = equations(table.layout)
    vals = numeric_values(table)
    checkable = [e for e in eqs if e.residual(vals) is not None]
    broken = [e for e in checkable if not e.holds(vals)]
    if not broken:
        return []
    suspects = sorted({k for e in broken for k in e.cells}, key=_order(table))
    by_cell: dict = {}
    for e in checkable:
        for k in e.cells:
            by_cell.setdefault(k, []).append(e)
    broken_set = set(map(id, broken))
    singles = []
    for k in suspects:
        touched = by_cell.get(k, [])
        if {id(e) for e in touched if not e.holds(vals)} != broken_set:
            continue
        fix = _solve([k], touched, vals)
        if fix is not None:
            singles.append((k, fix[0]))
    if len(singles) == 1:
        k, v = singles[0]
        return [Verdict(broken, k, v)]
    if not singles and len(suspects) <= 80:
        pairs = []
        for a, b in itertools.combinations(suspects, 2):
            touched = {id(e): e for e in by_cell.get(a, []) + by_cell.get(b, [])}
            if not broken_set <= set(touched):
                continue
            fix = _solve([a, b], list(touched.values()), vals)
            if fix is not None:
                pairs.append(((a, fix[0]), (b, fix[1])))
                if len(pairs) > 1:
                    break
        if len(pairs) == 1:
            (a, va), (b, vb) = pairs[0]
            # a row total that only follows its row is not the origin: name the other cell
            if a[0] == b[0] and a[1] in TOTAL_COLUMNS:
                (a, va), (b, vb) = (b, vb), (a, va)
            return [Verdict(broken, a, va, [(b, vb)])]
    return [Verdict([e]) for e in broken]


def _order(table: Table):
    rows = [r.id for r in table.layout.rows]
    cols = [c.id for c in table.layout.columns]
    return lambda k: (rows.index(k[0]) if k[0] in rows else 99, cols.index(k[1]) if k[1] in cols else 99)


def _solve(keys: list, eqs: list[Equation], vals: dict):
    """Values for `keys` that make every equation in `eqs` hold (the others fixed): unique,
    non-negative integers different from the current values; else None."""
    rows = []
    for e in eqs:
        r = e.residual(vals)
        coefs = [e.coef(k) for k in keys]
        if not any(coefs):
            if abs(r) > 1e-9:
                return None
            continue
        rows.append((coefs, -r))
    if len(keys) == 1:
        ds = {rhs / c[0] for c, rhs in rows if c[0]}
        if len(ds) != 1:
            return None
        d = ds.pop()
        deltas = [d]
    else:
        sol = None
        for (c1, r1), (c2, r2) in itertools.combinations(rows, 2):
            det = c1[0] * c2[1] - c1[1] * c2[0]
            if det:
                sol = ((r1 * c2[1] - r2 * c1[1]) / det, (c1[0] * r2 - c2[0] * r1) / det)
                break
        if sol is None:
            return None
        if any(abs(c[0] * sol[0] + c[1] * sol[1] - r) > 1e-9 for c, r in rows):
            return None
        deltas = list(sol)
    out = []
    for k, d in zip(keys, deltas):
        if abs(d) < 1e-9:
            return None
        v = vals[k] + d
        if v < 0 or abs(v - round(v)) > 1e-9:
            return None
        out.append(int(round(v)))
    return out
