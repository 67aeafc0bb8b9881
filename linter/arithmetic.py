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

    @cached_property
    def _coefs(self) -> dict:
        out = dict.fromkeys(self.lhs, 1)
        for k in set(self.rhs):
            out[k] = out.get(k, 0) - 1
        return out

    def coef(self, key) -> int:
        return self._coefs.get(key, 0)

    def residual(self, vals: dict):
        """Σ lhs − Σ rhs, or None if a cell is not a number."""
        try:
            get = vals.__getitem__        # (map: no Python-level loop per cell)
            return sum(map(get, self.lhs)) - sum(map(get, self.rhs))
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
    alternatives: list = field(default_factory=list)  # a row total that could be the wrong one instead


def residuals(eqs, vals: dict) -> dict[int, object]:
    """id(equation) → its residual under `vals` (None: not checkable), computed once for the
    many solve() calls of one localisation."""
    return {id(e): e.residual(vals) for e in eqs}


def numeric_values(table: Table) -> dict:
    return {k: c.value for k, c in table.cells.items() if c.kind == "number" and c.value is not None}


def check_relations(table: Table, vals: dict | None = None) -> list[Verdict]:
    """Check every relation of the table; localise the broken ones to the fewest cells whose
    change satisfies all relations (one cell, else two); otherwise report each equation.
    `vals`: the table's numeric_values(), when the caller has them."""
    if table.layout is None:
        return []
    eqs = equations(table.layout)
    vals = numeric_values(table) if vals is None else vals
    if _all_hold(eqs, vals):
        return []
    res = residuals(eqs, vals)
    checkable = [e for e in eqs if res[id(e)] is not None]
    broken = [e for e in checkable if not abs(res[id(e)]) < 1e-9]
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
        if {id(e) for e in touched if id(e) in broken_set} != broken_set:
            continue
        fix = solve([k], touched, vals, res)
        if fix is not None:
            singles.append((k, fix[0]))
    if len(singles) == 1:
        k, v = singles[0]
        return [Verdict(broken, k, v)]
    # one row relation broken (表四 has no other): the cell or its row's 总计 may be wrong. When
    # one cell of the row alone can be the culprit besides the 总计, that cell is named and the
    # 总计 given as the alternative (a clerk mistypes an entry more often than the sum).
    parts = [(k, v) for k, v in singles if k[1] not in TOTAL_COLUMNS]
    if len(parts) == 1 and len(singles) == 2:
        (k, v), alt = parts[0], next(x for x in singles if x != parts[0])
        return [Verdict(broken, k, v, alternatives=[alt])]
    if not singles and len(suspects) <= 80:
        pairs = _pairs(suspects, by_cell, broken, vals, res)
        if len(pairs) == 1:
            return [_pair_verdict(broken, pairs[0])]
        if not pairs:
            three = _single_and_pair(table, suspects, by_cell, checkable, broken, vals, res)
            if three is not None:
                return three
    return [Verdict([e]) for e in broken]


def _all_hold(eqs, vals: dict) -> bool:
    """No checkable relation is broken (most tables): told without the residuals' dict."""
    for e in eqs:
        r = e.residual(vals)
        if r is not None and not abs(r) < 1e-9:
            return False
    return True


def _pairs(suspects: list, by_cell: dict, broken: list, vals: dict, res: dict, most: int = 2) -> list:
    """Pairs of cells whose change together satisfies every relation (up to `most`); `res`:
    the residuals under `vals`."""
    broken_set = set(map(id, broken))
    # what solve() would reject, told by set operations: a pair is tried only if together its
    # cells are in every broken relation, and neither is in a relation that holds without the
    # other (that relation would keep the cell's value: no change, no fix)
    hits, held, has = {}, {}, {}
    for k in suspects:
        mine = [e for e in by_cell.get(k, ()) if e.coef(k)]
        hits[k] = {id(e) for e in mine if id(e) in broken_set}
        held[k] = {id(e) for e in mine if id(e) not in broken_set}
        has[k] = {id(e) for e in mine}
    out = []
    for a, b in itertools.combinations(suspects, 2):
        if len(hits[a] | hits[b]) != len(broken_set) or not held[a] <= has[b] or not held[b] <= has[a]:
            continue
        touched = {id(e): e for e in by_cell.get(a, []) + by_cell.get(b, [])}
        fix = solve([a, b], list(touched.values()), vals, res)
        if fix is not None:
            out.append(((a, fix[0]), (b, fix[1])))
            if len(out) >= most:
                break
    return out


def _pair_verdict(broken: list, pair) -> Verdict:
    (a, va), (b, vb) = pair
    # a row total that only follows its row is not the origin: name the other cell
    if a[0] == b[0] and a[1] in TOTAL_COLUMNS:
        (a, va), (b, vb) = (b, vb), (a, va)
    return Verdict(broken, a, va, [(b, vb)])


SINGLES_TRIED = 12     # cells whose own correction is tried before looking for the pair


def _single_and_pair(table: Table, suspects: list, by_cell: dict, checkable: list, broken: list,
                     vals: dict, res: dict) -> list[Verdict] | None:
    """Three wrong cells as two independent mistakes: one cell whose change satisfies every
    relation it is in (some broken ones), and a pair that explains the rest — a report that
    published a wrong cell with its row total (examples/real/058.txt) and has one more wrong
    cell. Only when that explanation is the only one. `res`: the residuals under `vals`."""
    found = {}
    tried = 0
    for k in suspects:
        touched = by_cell.get(k, [])
        mine = [e for e in touched if not abs(res[id(e)]) < 1e-9]
        if not mine or len(mine) == len(broken):
            continue
        fix = solve([k], touched, vals, res)
        if fix is None:
            continue
        tried += 1
        if tried > SINGLES_TRIED:
            return None          # a table broken everywhere: no explanation is the only one
        after = dict(vals)
        after[k] = fix[0]
        res_after = residuals(checkable, after)
        rest = [e for e in checkable if not abs(res_after[id(e)]) < 1e-9]
        keys = sorted({c for e in rest for c in e.cells}, key=_order(table))
        pairs = _pairs(keys, by_cell, rest, after, res_after)
        if len(pairs) == 1:
            cells = frozenset([(k, fix[0]), *pairs[0]])
            found[cells] = (Verdict(mine, k, fix[0]), _pair_verdict(rest, pairs[0]))
            if len(found) > 1:
                return None
    return list(next(iter(found.values()))) if found else None


def _order(table: Table):
    rows = [r.id for r in table.layout.rows]
    cols = [c.id for c in table.layout.columns]
    return lambda k: (rows.index(k[0]) if k[0] in rows else 99, cols.index(k[1]) if k[1] in cols else 99)


def solve(keys: list, eqs: list[Equation], vals: dict, res: dict | None = None):
    """Values for `keys` that make every equation in `eqs` hold (the others fixed): unique,
    non-negative integers different from the current values; else None. `res`: the equations'
    residuals under `vals` (report_lint.arithmetic.residuals), when already known."""
    rows = []
    for e in eqs:
        r = e.residual(vals) if res is None else res[id(e)]
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


def determined(table: Table, key: tuple[str, str], vals: dict | None = None):
    """The value the relations give a cell that holds no number (blank, left out): an equation
    whose other cells are all numbers fixes it. None when no equation does, or two disagree."""
    if table.layout is None:
        return None
    vals = numeric_values(table) if vals is None else vals
    found = set()
    for e in equations(table.layout):
        c = e.coef(key)
        if not c or any(k not in vals for k in e.cells if k != key):
            continue
        rest = sum(vals[k] for k in e.lhs if k != key) - sum(vals[k] for k in e.rhs if k != key)
        found.add(-rest / c)
    if len(found) != 1:
        return None
    v = found.pop()
    return int(v) if float(v).is_integer() else v

