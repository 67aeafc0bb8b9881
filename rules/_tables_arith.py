"""Shared by RL211 (表三) and RL212 (表四): turning localised verdicts into findings."""
from __future__ import annotations

from report_lint.tables import (EQUATION_NAMES, cell_name, cell_ref, cell_span, check_relations,
                                has_numbers, numeric_values, section_of, show_equation, show_value)


def arithmetic_findings(rule, report, table_name: str):
    for t in report.tables_named(table_name):
        if not has_numbers(t) or t.layout is None:
            continue
        vals = numeric_values(t)
        rows = {r.id: r for r in t.layout.rows}
        cols = {c.id: c for r in t.layout.rows for c in r.cells}
        for v in check_relations(t):
            eqs = "；".join(f"{EQUATION_NAMES[e.kind]}：{show_equation(e, vals)}" for e in v.equations)
            if v.cell is not None:
                row, col = rows[v.cell[0]], cols[v.cell[1]]
                cell = t.cells[v.cell]
                msg = (f"{cell_name(t, row, col)}很可能有误：按表中其他数字应为 {show_value(v.expected)}，"
                       f"实为 {show_value(vals[v.cell])}（{eqs}）")
                for key, exp in v.companions:
                    msg += f"；同时{cell_name(t, rows[key[0]], cols[key[1]])}应为 {show_value(exp)}，实为 {show_value(vals[key])}"
                yield rule.finding(report, cell_span(t, cell, row), msg + "。",
                                   section=section_of(t), table=t.table, cell=cell_ref(row, col),
                                   expected=v.expected, actual=vals[v.cell])
                continue
            (e,) = v.equations
            key = e.rhs[0]
            row, col = rows[key[0]], cols[key[1]]
            where = cell_name(t, row, col) if e.kind in ("row", "group") else f"表{t.table}「{col.name}」列"
            expected = sum(vals[k] for k in e.lhs) - sum(vals[k] for k in e.rhs[1:])
            yield rule.finding(report, cell_span(t, t.cells.get(key), row),
                               f"{where}的数字不符合勾稽关系：{EQUATION_NAMES[e.kind]}，但 {show_equation(e, vals)}。"
                               "无法确定是哪一格填错，请逐项核对。",
                               section=section_of(t), table=t.table, cell=cell_ref(row, col),
                               expected=expected, actual=vals[key])
