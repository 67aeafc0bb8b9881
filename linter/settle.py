"""Settling the collapsed rows of 表三 together, through the relations of the whole table.

A collapsed row (`（七）总计 823000075`) may be split in several ways. Each row's own relation
(its 总计 is the sum of its six applicant cells) leaves some splits; the column relations
(（七）总计 is the sum of the items, 一 + 二 = （七） + 四) tie the rows together. This module
takes every row's remaining splits and keeps the combinations that satisfy every relation —

1. with no correction: the rows' splits that appear in such a combination are kept (a row
   left with one split is read);
2. failing that, with exactly one cell corrected: a table whose published numbers hold a single
   wrong cell (`823000075` where 72 was meant: 82/3/0/0/0/0/75, 自然人 → 72 fits every
   relation). The rows are read by the splits of those combinations, the wrong cell keeps
   the value written, and the arithmetic (RL211) then names it with the value that fits.

When the （七）总计 row is among the unknowns, its relations are replaced by what they imply
for the other rows: 一 + 二 − 四 = Σ items, column by column.

Pure functions over values: cells are (row id, column id) keys, a row's candidates are lists of
values in the row's cell order.
"""
from __future__ import annotations

import itertools

COMBINE_LIMIT = 20_000      # combinations looked at without correction
CORRECT_LIMIT = 2_000       # … and with one cell corrected (each costs a search for the cell)
ENOUGH = 50                 # more combinations than this hold: nothing is settled


def derived_equations(eqs: list, rows: list[str], new: str, carried: str, total: str, forward: str) -> list:
    """Per column, 一 + 二 = Σ items + 四: the sum and the balance relations without （七）总计."""
    from report_lint.arithmetic import Equation

    items = rows[rows.index(carried) + 1:rows.index(total)]
    out = []
    for e in eqs:
        if e.kind == "sum":
            c = e.key
            out.append(Equation("derived", c, ((new, c), (carried, c)),
                                tuple((r, c) for r in items) + ((forward, c),)))
    return out


def settle(eqs: list, fixed: dict, pending: dict[str, tuple[list[str], list[tuple]]]) -> dict[str, list[int]]:
    """For each pending row (row id → (cell keys, candidate value tuples)), the indices of the
    candidates that some combination satisfying the relations uses — with no correction if any
    combination allows, else with one corrected cell. A row absent from the answer keeps all
    its candidates."""
    rows = [rid for rid, (_, cands) in pending.items() if len(cands) > 1]
    if not rows:
        return {}
    sizes = 1
    for rid in rows:
        sizes *= len(pending[rid][1])
    if sizes > COMBINE_LIMIT:
        return {}
    base = dict(fixed)
    for rid, (keys, cands) in pending.items():
        if rid not in rows:
            base.update(zip(keys, cands[0]))
    relevant = [e for e in eqs if any(k[0] in rows for k in e.cells)]
    exact, corrected = [], []
    for combo in itertools.product(*(range(len(pending[rid][1])) for rid in rows)):
        vals = dict(base)
        for rid, k in zip(rows, combo):
            keys, cands = pending[rid]
            vals.update(zip(keys, cands[k]))
        broken = [e for e in relevant if e.holds(vals) is False]
        if not broken:
            exact.append(combo)
            if len(exact) > ENOUGH:
                return {}
        elif not exact and sizes <= CORRECT_LIMIT and len(corrected) <= ENOUGH and one_fix(eqs, broken, vals):
            corrected.append(combo)
    chosen = exact or corrected
    if not chosen or len(chosen) > ENOUGH:
        return {}
    return {rid: sorted({combo[n] for combo in chosen}) for n, rid in enumerate(rows)}


def one_fix(eqs: list, broken: list, vals: dict) -> bool:
    """Is there one cell whose change makes every relation hold?"""
    from report_lint.arithmetic import solve

    common = set(broken[0].cells)
    for e in broken[1:]:
        common &= set(e.cells)
    for k in common:
        touched = [e for e in eqs if k in e.cells and e.residual(vals) is not None]
        if solve([k], touched, vals) is not None:
            return True
    return False
