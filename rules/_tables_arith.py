"""Shared by RL211 (表三) and RL212 (表四): turning localised verdicts into findings."""
from __future__ import annotations

from report_lint.arithmetic import TOTAL_COLUMNS, check_relations, numeric_values

from ._messages import EQUATION_NAMES, cell_name, show_equation, show_value


def arithmetic_findings(rule, report, table_name: str):
    for t in report.numbered_tables():
        if t.table != table_name:
            continue
        vals = numeric_values(t)
        verdicts = check_relations(t, vals)
        if not verdicts:
            continue
        rows = {r.id: r for r in t.layout.rows}
        cols = {c.id: c for r in t.layout.rows for c in r.cells}
        for v in verdicts:
            eqs = "；".join(f"{EQUATION_NAMES[e.kind]}：{show_equation(e, vals)}" for e in v.equations)
            if v.cell is not None:
                row, col = rows[v.cell[0]], cols[v.cell[1]]
                msg = (f"{cell_name(t, row, col)}很可能有误：按表中其他数字应为 {show_value(v.expected)}，"
                       f"实为 {show_value(vals[v.cell])}（{eqs}）")
                for key, exp in v.companions:
                    msg += f"；同时{cell_name(t, rows[key[0]], cols[key[1]])}应为 {show_value(exp)}，实为 {show_value(vals[key])}"
                for key, exp in v.alternatives:
                    msg += f"；也可能是{cell_name(t, rows[key[0]], cols[key[1]])}填错（应为 {show_value(exp)}），请核对"
                yield rule.cell_finding(report, t, msg + "。", row, col, t.cells[v.cell],
                                        expected=v.expected, actual=vals[v.cell])
                # each cell of a two-cell fix is a finding of its own, at its own place — but
                # not the 总计 of the named cell's row that only followed it
                for key, exp in v.companions:
                    if key[0] == v.cell[0] and key[1] in TOTAL_COLUMNS:
                        continue
                    other_row, other_col = rows[key[0]], cols[key[1]]
                    yield rule.cell_finding(
                        report, t, f"{cell_name(t, other_row, other_col)}很可能有误：按表中其他数字应为 "
                        f"{show_value(exp)}，实为 {show_value(vals[key])}（与{cell_name(t, row, col)}一起改正后，"
                        "各项关系才都成立）。", other_row, other_col, t.cells[key], expected=exp, actual=vals[key])
                continue
            (e,) = v.equations
            key = e.rhs[0]
            row, col = rows[key[0]], cols[key[1]]
            where = cell_name(t, row, col) if e.kind in ("row", "group") else f"表{t.table}「{col.name}」列"
            expected = sum(vals[k] for k in e.lhs) - sum(vals[k] for k in e.rhs[1:])
            yield rule.cell_finding(report, t, f"{where}的数字不符合勾稽关系：{EQUATION_NAMES[e.kind]}，但 "
                                    f"{show_equation(e, vals)}。无法确定是哪一格填错，请逐项核对。",
                                    row, col, t.cells.get(key), expected=expected, actual=vals[key])
