"""How the rules name cells and show numbers in their messages, the way a clerk reads the table."""
from __future__ import annotations

from report_lint.arithmetic import Equation

EQUATION_NAMES = {
    "row": "本行「总计」等于各类申请人之和",
    "sum": "「（七）总计」等于（一）至（六）各项之和",
    "balance": "第一项加第二项之和等于第三项加第四项之和",
    "group": "「总计」等于结果维持、结果纠正、其他结果、尚未审结之和",
}


def cell_name(table, row=None, col=None) -> str:
    """`表三「（七）总计」×「自然人」` — the cell as the format prints its labels."""
    out = f"表{table.table}"
    if row is not None and row.id:
        out += f"「{row.name}」"
    if col is not None:
        out += f"×「{col.name}」"
    return out


def show_value(v) -> str:
    """A number as a clerk writes it: 3, not 3.0."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def show_equation(eq: Equation, vals: dict) -> str:
    """The equation with its numbers; long sums leave out their zero terms."""
    def side(keys):
        terms = [vals[k] for k in keys]
        if len(terms) > 4:
            nz = [t for t in terms if t]
            terms = nz or [0]
        return " + ".join(show_value(t) for t in terms)
    return f"{side(eq.lhs)} ≠ {side(eq.rhs)}"


def show_candidates(cands: list, complete: bool = True, most: int = 5) -> str:
    """`6 / 93 / 665；69 / 36 / 65 …` — the readings of a collapsed row."""
    shown = "；".join(" / ".join("—" if v is None else show_value(v) for v in c) for c in cands[:most])
    more = len(cands) - most
    if more > 0 or not complete:
        shown += f"；……（共 {len(cands)}{'' if complete else ' 种以上'} 种）" if complete else f"；……（{len(cands)} 种以上）"
    return shown
