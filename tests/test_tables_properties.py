"""Properties of the table reader: the same tables printed in any layout published reports use
(pipe rows, one cell per line, tab- or space-separated, Markdown, collapsed digit runs), in
simplified or traditional characters, give the same cells and the same findings. Collapsed
表二 rows may instead be reported as ambiguous (RL208) — never read as other values."""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings, strategies as st

from test_tables import STYLES, lint, render, report_of, t2_values, t3_values, t4_values

SETTINGS = dict(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _cells(report) -> dict:
    out = {}
    for t in report.tables:
        for k, c in t.cells.items():
            out[(t.table,) + k] = (c.value if c.kind == "number" else None, c.kind)
    return out


def _findings(result, drop_rows=()) -> set:
    out = set()
    for f in result.findings:
        if f.code == "RL208":
            continue
        row = (f.cell or {}).get("row")
        if (f.table, row) in drop_rows:
            continue
        out.add((f.code, f.table, tuple(sorted((f.cell or {}).items())), str(f.expected), str(f.actual)))
    return out


def _tables(fmt: str, seed: int, scale: int, mutate: bool):
    rng = random.Random(seed)
    t2, t3, t4 = t2_values(fmt, rng), t3_values(fmt, rng, scale), t4_values(rng)
    if mutate:  # one wrong cell in 表三: every layout must name the same cell
        key = rng.choice(sorted(t3))
        t3 = {**t3, key: t3[key] + rng.choice([1, 3, 10])}
    return t2, t3, t4


@settings(**SETTINGS)
@given(fmt=st.sampled_from(["2019", "2021"]), style=st.sampled_from([s for s in STYLES if s != "collapsed"]),
       traditional=st.booleans(), seed=st.integers(0, 10 ** 6), scale=st.integers(1, 3), mutate=st.booleans())
def test_separated_layouts_agree(fmt, style, traditional, seed, scale, mutate):
    t2, t3, t4 = _tables(fmt, seed, scale, mutate)
    ref_text = render(fmt, t2, t3, t4, "pipe")
    text = render(fmt, t2, t3, t4, style, traditional)
    ref, got = report_of(ref_text), report_of(text)
    assert _cells(got) == _cells(ref)
    assert all(kind == "number" for _, kind in _cells(got).values())
    assert _findings(lint(text)) == _findings(lint(ref_text))


@settings(**SETTINGS)
@given(fmt=st.sampled_from(["2019", "2021"]), traditional=st.booleans(), seed=st.integers(0, 10 ** 6),
       scale=st.integers(1, 2), mutate=st.booleans())
def test_collapsed_layout_agrees_or_reports_ambiguity(fmt, traditional, seed, scale, mutate):
    t2, t3, t4 = _tables(fmt, seed, scale, mutate)
    ref_text = render(fmt, t2, t3, t4, "pipe")
    text = render(fmt, t2, t3, t4, "collapsed", traditional)
    ref_cells, cells = _cells(report_of(ref_text)), _cells(report_of(text))
    assert cells.keys() == ref_cells.keys()
    result = lint(text)
    reported = {(f.code, f.table, (f.cell or {}).get("row")) for f in result.findings if f.code in ("RL208", "RL209")}
    from report_lint.grammar import layout
    names = {(t, r.id): r.name for t in "二三四" for r in layout().table(t, fmt).rows}
    unsettled = set()
    for key, (value, kind) in cells.items():
        if (value, kind) == ref_cells[key]:
            continue
        # never another value: only "could not decide" (several readings, RL208) or "no
        # reading adds up" (a real defect, RL209), and then a finding names the row
        assert value is None and kind in ("ambiguous", "inconsistent"), (key, value, kind, ref_cells[key])
        code = "RL208" if kind == "ambiguous" else "RL209"
        row = names[(key[0], key[1])]
        # 表四's fifteen numbers are one run: its finding names the table, not a row
        assert (code, key[0], row) in reported or (code, key[0], None) in reported, (key, kind, reported)
        unsettled.add(key[0])
    if "三" not in unsettled and "四" not in unsettled:
        # the arithmetic findings are the same in every layout
        drop = {(t, r) for _, t, r in reported}
        assert _findings(result, drop) - {f for f in _findings(result, drop) if f[0] == "RL209"} == \
            _findings(lint(ref_text), drop)
    if not mutate:
        assert not any(code == "RL209" for code, _, _ in reported)
