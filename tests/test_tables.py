"""The table reader and the RL2 rules, on the real reports and on rendered tables.

`render()` prints a report whose three tables hold given values, in one of the layouts
published reports use (pipe rows, one cell per line, tab- or space-separated, Markdown,
collapsed digit runs), optionally in traditional characters. The labels come from the grammar
(report_lint.grammar.layout()), never spelled here.
"""
from __future__ import annotations

import random
import time

import pytest

from report_lint import registry
from report_lint.grammar import layout
from report_lint.lint import Options, build_report, lint_source
from report_lint.read import Source, read_source
from report_lint.split import Chunk, split

from conftest import EXAMPLES, REAL, seed

RL2 = registry.select(["RL2"], None)
STYLES = ("pipe", "lines", "tab", "spaces", "markdown", "collapsed")


# ------------------------------------------------------------------------------------------
# values and rendering

def t3_values(fmt: str, rng: random.Random, scale: int = 3) -> dict:
    """A consistent 表三: every row, column and balance relation holds."""
    tl = layout().table("三", fmt)
    rows = [r.id for r in tl.rows]
    cols = [c.id for c in tl.columns]
    parts = cols[:-1]
    items = rows[rows.index("row3_carried_over") + 1:rows.index("row3_total")]
    v = {}
    for r in items:
        for c in parts:
            v[(r, c)] = rng.choice([0, 0, 0, 1, 2, rng.randint(0, 10 ** scale)])
    for c in parts:
        v[("row3_total", c)] = sum(v[(r, c)] for r in items)
        v[("row3_carried_over", c)] = rng.randint(0, v[("row3_total", c)] + 3) if rng.random() < 0.5 else 0
        v[("row3_carried_forward", c)] = rng.choice([0, 0, 1, rng.randint(0, 20)])
        v[("row3_new", c)] = v[("row3_total", c)] + v[("row3_carried_forward", c)] - v[("row3_carried_over", c)]
        if v[("row3_new", c)] < 0:
            v[("row3_carried_over", c)] += v[("row3_new", c)]
            v[("row3_new", c)] = 0
    for r in rows:
        v[(r, "col3_total")] = sum(v[(r, c)] for c in parts)
    return v


def t4_values(rng: random.Random) -> dict:
    tl = layout().table("四", "2021")
    v = {}
    for row in tl.rows:
        ids = [c.id for c in row.cells]
        for c in ids[:-1]:
            v[(row.id, c)] = rng.choice([0, 0, 1, 2, rng.randint(0, 60)])
        v[(row.id, ids[-1])] = sum(v[(row.id, c)] for c in ids[:-1])
    return v


def t2_values(fmt: str, rng: random.Random) -> dict:
    tl = layout().table("二", fmt)
    v = {}
    for row in tl.rows:
        for col in row.cells:
            if col.id == "col2_change":
                v[(row.id, col.id)] = rng.choice([0, 3, -1, 12])
            elif col.id in ("col2_fee_amount", "col2_purchase_amount"):
                v[(row.id, col.id)] = rng.choice([0, 12.5, 3.25])
            else:
                v[(row.id, col.id)] = rng.choice([0, 0, 1, 5, rng.randint(0, 300)])
    # keep the plausibility relations of the format (RL214) true
    for row in tl.rows:
        ids = [c.id for c in row.cells]
        if "col2_in_force" in ids:
            v[(row.id, "col2_in_force")] += v[(row.id, "col2_issued")]
        if "col2_published_total" in ids:
            v[(row.id, "col2_published")] = min(v[(row.id, "col2_published")], v[(row.id, "col2_made")])
            v[(row.id, "col2_published_total")] += v[(row.id, "col2_published")]
        if "col2_prev_items" in ids and v[(row.id, "col2_prev_items")] + v[(row.id, "col2_change")] < 0:
            v[(row.id, "col2_change")] = 0
    return v


def show(x) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, float):
        return f"{x:g}"
    return str(x)


def _line(style: str, cells: list[str]) -> str:
    if style == "pipe":
        return " | ".join(cells) + " |"
    if style == "markdown":
        return "| " + " | ".join(cells) + " |"
    if style == "tab":
        return "\t".join(cells)
    if style == "spaces":
        return "  ".join(cells)
    if style == "lines":
        return "\n\n".join(cells)
    return "".join(cells)  # collapsed


def _join(style: str, lines: list[str]) -> str:
    if style == "collapsed":
        return "".join(lines)
    out = []
    for ln in lines:
        out.append(ln)
        if style == "markdown" and ln.startswith("|"):
            n = ln.count("|") - 1
            out.append("|" + "---|" * n)
    return ("\n\n" if style == "lines" else "\n").join(out)


def render_t2(fmt: str, v: dict, style: str) -> str:
    tl = layout().table("二", fmt)
    lines = []
    done = set()
    for row in tl.rows:
        if row.caption.id not in done:
            done.add(row.caption.id)
            lines.append(_line(style, [row.caption.canonical]))
            lines.append(_line(style, [tl.headers[0].canonical] + [c.name for c in row.cells]))
        lines.append(_line(style, [row.label.canonical] + [show(v[(row.id, c.id)]) for c in row.cells]))
    return _join(style, lines)


def render_t3(fmt: str, v: dict, style: str) -> str:
    tl = layout().table("三", fmt)
    corner, colhdr = tl.headers
    legal = tl.col_groups[0]
    cols = list(tl.columns)
    lines = [_line(style, [corner.canonical, colhdr.canonical]),
             _line(style, [cols[0].name, legal.canonical, cols[-1].name]),
             _line(style, [c.name for c in cols[1:-1]])]
    groups = {g.id: g for g in tl.groups}
    shown = None
    for row in tl.rows:
        if row.id == "row3_open":
            lines.append(_line(style, [groups["group3_results"].canonical]))
        if row.group is not None and row.group.id != shown:
            lines.append(_line(style, [row.group.canonical]))
        shown = row.group.id if row.group is not None else None
        lines.append(_line(style, [row.label.canonical] + [show(v[(row.id, c.id)]) for c in row.cells]))
    return _join(style, lines)


def render_t4(v: dict, style: str) -> str:
    tl = layout().table("四", "2021")
    review, direct, after = tl.rows
    outcomes = [c.name for c in review.cells]
    lines = [_line(style, [review.label.canonical, tl.col_groups[0].canonical]),
             _line(style, outcomes + [direct.label.canonical, after.label.canonical]),
             _line(style, outcomes + outcomes),
             _line(style, [show(v[(r.id, c.id)]) for r in tl.rows for c in r.cells])]
    return _join(style, lines)


def render(fmt: str, t2: dict, t3: dict, t4: dict, style: str = "pipe", traditional: bool = False,
           year: int | None = None) -> str:
    year = year or (2021 if fmt == "2021" else 2019)
    secs = layout().sections
    title = lambda i: secs[i].label.canonical  # noqa: E731
    text = "\n".join([
        f"{year}年度政府信息公开工作年度报告",
        title(0), "本机关依法做好政府信息公开工作。",
        title(1), render_t2(fmt, t2, style),
        title(2), render_t3(fmt, t3, style),
        title(3), render_t4(t4, style),
        title(4), "无。",
        title(5), "无。",
    ]) + "\n"
    if traditional:
        import opencc
        text = opencc.OpenCC("s2t").convert(text)
    return text


def lint(text: str, rules=RL2):
    return lint_source(Source("t.txt", text, "utf-8"), Options(), rules)


def values(report, name: str) -> dict:
    (t,) = report.tables_named(name)
    return {k: c.value for k, c in t.cells.items()}


def report_of(text: str):
    return build_report(Source("t.txt", text, "utf-8"))


# ------------------------------------------------------------------------------------------
# the seeds and real reports

def _kinds(t) -> dict:
    out: dict = {}
    for c in t.cells.values():
        out[c.kind] = out.get(c.kind, 0) + 1
    return out


@pytest.mark.parametrize("prefix,counts", [("002", (10, 175, 15)), ("003", (22, 161, 15))])
def test_seed_tables_parse_completely(prefix, counts):
    r = build_report(read_source(str(seed(prefix))))
    for name, n in zip("二三四", counts):
        (t,) = r.tables_named(name)
        assert _kinds(t) == {"number": n}, (name, _kinds(t))
    result = lint(read_source(str(seed(prefix))).text)
    assert [f for f in result.findings if f.severity == "error"] == []


def test_seed_002_values():
    r = build_report(read_source(str(seed("002"))))
    t3 = r.tables_named("三")[0]
    assert t3.cell("row3_new", "col3_natural").value == 530
    assert t3.cell("row3_new", "col3_total").value == 553
    assert t3.cell("row3_total", "col3_total").value == 543
    assert t3.cell("row3_carried_forward", "col3_total").value == 11
    assert t3.cell("row3_not_held", "col3_total").value == 157
    t2 = r.tables_named("二")[0]
    assert t2.cell("row2_fees", "col2_fee_amount").value == 616178.201
    assert t2.cell("row2_normative_2021", "col2_in_force").value == 2004
    t4 = r.tables_named("四")[0]
    assert [t4.cell("row4_review", c.id).value for c in t4.layout.rows[0].cells] == [9, 13, 3, 3, 28]
    assert [t4.cell("row4_after_review", c.id).value for c in t4.layout.rows[2].cells] == [2, 0, 0, 0, 2]


def test_seed_000_blank_grid_is_one_table_empty_error():
    result = lint(read_source(str(seed("000"))).text, registry.select(["RL108", "RL2"], None))
    assert [(f.code, f.table) for f in result.findings] == [("RL108", "三")]


COLLAPSED = {  # file → (表三 cells, 表四 cells), 2021 format unless noted
    "003.txt": 175, "006.txt": 175, "039.txt": 175, "052.txt": 175, "058.txt": 161, "060.txt": 161,
}


@pytest.mark.parametrize("name", sorted(COLLAPSED))
def test_collapsed_real_reports_yield_every_t3_t4_cell(name):
    r = build_report(read_source(str(REAL / name)))
    (t3,) = r.tables_named("三")
    (t4,) = r.tables_named("四")
    assert _kinds(t3) == {"number": COLLAPSED[name]}
    assert _kinds(t4) == {"number": 15}


def test_collapsed_003_values():
    r = build_report(read_source(str(REAL / "003.txt")))
    t3, t4 = r.tables_named("三")[0], r.tables_named("四")[0]
    cols = [c.id for c in t3.layout.columns]
    assert [t3.cell("row3_new", c).value for c in cols] == [64, 0, 0, 2, 0, 4, 70]
    assert [t3.cell("row3_not_held", c).value for c in cols] == [22, 0, 0, 0, 0, 3, 25]
    assert [t3.cell("row3_total", c).value for c in cols] == [63, 0, 0, 2, 0, 4, 69]
    flat = [t4.cell(r.id, c.id).value for r in t4.layout.rows for c in r.cells]
    assert flat == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    # 表二's collapsed `693665` has several readings: reported, never guessed
    t2 = r.tables_named("二")[0]
    assert t2.cell("row2_normative_2021", "col2_issued").value is None
    assert t2.cell("row2_normative_2021", "col2_issued").kind == "ambiguous"
    assert t2.cell("row2_rules", "col2_issued").value == 0


def test_058_published_defect_at_the_right_cell():
    result = lint(read_source(str(REAL / "058.txt")).text)
    arith = [f for f in result.findings if f.code == "RL211"]
    assert len(arith) == 1
    f = arith[0]
    assert f.cell == {"row": "（四）无法提供 / 1.本机关不掌握相关政府信息", "column": "法律服务机构"}
    assert (f.expected, f.actual) == (0, 1)
    # the cell's own position in the original text
    text = (REAL / "058.txt").read_text(encoding="utf-8")
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1] == "1" and line[f.column - 6:f.column + 2] == "信息1000102"[-8:]


def test_markdown_fragments_merge_into_one_table():
    r = build_report(read_source(str(REAL / "008.txt")))
    assert [len(r.tables_named(n)) for n in "二三四"] == [1, 1, 1]
    t3 = r.tables_named("三")[0]
    assert _kinds(t3) == {"number": 175}
    assert t3.cell("row3_total", "col3_total").value == 718
    t4 = r.tables_named("四")[0]
    assert t4.cell("row4_after_review", "col4_total").value == 10


def test_010_broken_table2_is_reported_not_guessed():
    """`| 规章 | 22 | 235 |`: the row is there (not RL202 missing) with two values for three
    cells — reported (RL207), no value guessed."""
    result = lint(read_source(str(REAL / "010.md")).text)
    codes = {f.code for f in result.findings if f.table == "二"}
    assert "RL207" in codes and "RL202" not in codes
    t2 = result.report.table("二")
    assert {t2.cell("row2_rules", c.id).kind for c in t2.layout.row("row2_rules").cells} == {"unaligned"}
    assert not any(f.code in ("RL211", "RL212") for f in result.findings)


def test_010_table4_row_after_a_garbled_header_is_read():
    """010.md: 表四's header is garbled by PDF extraction (`结果结果其他尚未`, a 注 line) and its
    15 numbers come as a Markdown row after it: they are the table's row, not an empty table."""
    report = build_report(read_source(str(REAL / "010.md")))
    t4 = report.table("四")
    values = [c.value for c in t4.cells.values()]
    assert values == [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22]
    result = lint(read_source(str(REAL / "010.md")).text, registry.select(["RL108"], None))
    assert not any(f.code == "RL108" for f in result.findings)


def test_a_number_line_of_the_wrong_count_is_not_adopted():
    text = read_source(str(REAL / "010.md")).text.replace("| 40 | 0 | 10 | 5 | 55 |", "| 40 | 0 | 10 | 5 |")
    result = lint(text, registry.select(["RL108"], None))
    assert any(f.code == "RL108" and f.table == "四" for f in result.findings)


# ------------------------------------------------------------------------------------------
# one changed cell is named exactly

@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_every_t3_cell_changed_is_named(fmt):
    rng = random.Random(7)
    t2, t3, t4 = t2_values(fmt, rng), t3_values(fmt, rng), t4_values(rng)
    tl = layout().table("三", fmt)
    for row in tl.rows:
        for col in row.cells:
            v = dict(t3)
            v[(row.id, col.id)] += rng.choice([1, 2, 7])
            result = lint(render(fmt, t2, v, t4))
            arith = [f for f in result.findings if f.code == "RL211"]
            assert len(arith) == 1, (row.id, col.id, [f.message for f in arith])
            assert arith[0].cell == {"row": row.name, "column": col.name}
            assert arith[0].expected == t3[(row.id, col.id)]


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_t4_changed_cell_names_its_group(fmt):
    rng = random.Random(3)
    t2, t3, t4 = t2_values(fmt, rng), t3_values(fmt, rng), t4_values(rng)
    tl = layout().table("四", fmt)
    for row in tl.rows:
        for col in row.cells:
            v = dict(t4)
            v[(row.id, col.id)] += 1
            arith = [f for f in lint(render(fmt, t2, t3, v)).findings if f.code == "RL212"]
            assert len(arith) == 1 and arith[0].cell["row"] == row.name
            assert "≠" in arith[0].message


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_t2_changed_cell_is_named(fmt):
    rng = random.Random(5)
    t2, t3, t4 = t2_values(fmt, rng), t3_values(fmt, rng), t4_values(rng)
    tl = layout().table("二", fmt)
    for row in tl.rows:
        for col in row.cells:
            for bad, code in (("—", "RL205"), ("", "RL204"), ("-5" if col.id != "col2_change" else "5%", None)):
                v = dict(t2)
                v[(row.id, col.id)] = bad
                found = [f for f in lint(render(fmt, v, t3, t4)).findings if f.table == "二"]
                want = code or ("RL210" if col.id != "col2_change" else "RL206")
                assert [f.code for f in found if f.code in ("RL204", "RL205", "RL206", "RL210")] == [want], \
                    (row.id, col.id, bad, [(f.code, f.message) for f in found])
                hit = next(f for f in found if f.code == want)
                assert hit.cell == {"row": row.name, "column": col.name}


def test_swapped_template_is_an_error_naming_both():
    rng = random.Random(1)
    text = render("2019", t2_values("2019", rng), t3_values("2019", rng), t4_values(rng), year=2022)
    found = [f for f in lint(text).findings if f.code == "RL201"]
    assert {f.table for f in found} == {"二", "三"}
    assert all("2019年版" in f.message and "2021年版" in f.message for f in found)


def test_balance_message_shows_the_equation():
    rng = random.Random(2)
    fmt = "2021"
    t2, t3, t4 = t2_values(fmt, rng), t3_values(fmt, rng), t4_values(rng)
    v = dict(t3)
    v[("row3_total", "col3_natural")] += 1
    (f,) = [f for f in lint(render(fmt, t2, v, t4)).findings if f.code == "RL211"]
    a, b = t3[("row3_new", "col3_natural")], t3[("row3_carried_over", "col3_natural")]
    c, d = v[("row3_total", "col3_natural")], t3[("row3_carried_forward", "col3_natural")]
    assert f"{a} + {b} ≠ {c} + {d}" in f.message
    assert f.cell == {"row": "（七）总计", "column": "自然人"}
    assert (f.expected, f.actual) == (c - 1, c)


def test_unexplained_breaks_are_reported_per_equation():
    """结转下年度 one higher in a column and its total: 一, 二 or 四 could be wrong — no single
    verdict, so each broken balance is reported with its numbers."""
    rng = random.Random(2)
    fmt = "2021"
    t2, t3, t4 = t2_values(fmt, rng), t3_values(fmt, rng), t4_values(rng)
    v = dict(t3)
    v[("row3_carried_forward", "col3_natural")] += 1
    v[("row3_carried_forward", "col3_total")] += 1
    found = [f for f in lint(render(fmt, t2, v, t4)).findings if f.code == "RL211"]
    assert sorted(f.cell["column"] for f in found) == ["总计", "自然人"]
    assert all("≠" in f.message and f.severity == "error" for f in found)


# ------------------------------------------------------------------------------------------
# the splitter

def test_split_unique_and_pruned():
    t3 = ["int"] * 7
    r3 = [(6, (0, 1, 2, 3, 4, 5))]
    res = split([Chunk("640020470", False)], t3, r3)
    assert [[p.value for p in s] for s in res.splits] == [[64, 0, 0, 2, 0, 4, 70]]
    t4 = ["int"] * 15
    r4 = [(4, (0, 1, 2, 3)), (9, (5, 6, 7, 8)), (14, (10, 11, 12, 13))]
    res = split([Chunk("10203120001200000", False)], t4, r4)
    assert [[p.value for p in s] for s in res.splits] == [[1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]]
    # no leading zeros, and the sum decides
    assert [[p.value for p in s] for s in split([Chunk("0123", False)], ["int"] * 2, []).splits] == [[0, 123]]
    # a pathological run stays bounded
    t0 = time.perf_counter()
    res = split([Chunk("1234567891234567890123456789012345", False)], t3, r3)
    assert time.perf_counter() - t0 < 1.0


def test_extraction_is_linear_in_size():
    rng = random.Random(4)
    text = render("2021", t2_values("2021", rng), t3_values("2021", rng), t4_values(rng), style="collapsed")
    filler = "本机关依法做好政府信息公开工作，主动公开各类信息。\n" * 50

    def timed(n):
        body = text.replace("无。", filler * n, 1)
        best = 1e9
        for _ in range(2):
            t0 = time.perf_counter()
            report_of(body)
            best = min(best, time.perf_counter() - t0)
        return best, len(body)

    (t1, n1), (t8, n8) = timed(1), timed(8)
    assert t8 / t1 < 3 * (n8 / n1)


def test_report_table_view():
    r = build_report(read_source(str(seed("002"))))
    assert r.table("三") is r.tables_named("三")[0]
    assert r.table("三").cell("row3_total", "col3_natural").value == 520
    assert build_report(read_source(str(seed("001")))).table("三") is None


# ------------------------------------------------------------------------------------------
# report-lint extract

def test_extract_json_and_csv(cli, tmp_path):
    import csv
    import json

    p = cli("extract", "--format", "json", seed("002"))
    assert p.returncode == 0, p.stderr
    recs = json.loads(p.stdout)
    assert [sum(1 for r in recs if r["table"] == n) for n in "二三四"] == [10, 175, 15]
    rec = next(r for r in recs if r["table"] == "三" and r["row"] == "（七）总计" and r["column"] == "自然人")
    assert (rec["value"], rec["raw"], rec["kind"], rec["year"], rec["template"]) == (520, "520", "number", 2021, "2021")
    assert rec["line"] == 503
    fee = next(r for r in recs if r["table"] == "二" and r["row"] == "行政事业性收费")
    assert fee["value"] == 616178.201
    t4 = next(r for r in recs if r["table"] == "四" and r["row"] == "复议后起诉" and r["column"] == "总计")
    assert t4["value"] == 2
    out = tmp_path / "cells.csv"
    p = cli("extract", "--format", "csv", "-o", out, REAL / "003.txt", seed("000"))
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbffile,year,")     # a BOM for Excel
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    amb = [r for r in rows if r["kind"] == "ambiguous"]
    assert amb and all(r["value"] == "" and r["raw"] == "693665" for r in amb)
    blank = [r for r in rows if r["file"].endswith(seed("000").name) and r["kind"] == "blank"]
    assert blank and all(r["value"] == "" for r in blank)
    p = cli("extract", "--format", "csv", "--headers", "zh", REAL / "003.txt")
    text = p.stdout.decode("utf-8")
    assert text.startswith("\ufeff文件,年度,格式版本,部分,表格,行,列,数值,原文,类型,行号,列号\n")
    zh = list(csv.DictReader(text[1:].splitlines()))
    assert [(r["表格"], r["数值"]) for r in zh] == [(r["table"], r["value"]) for r in rows if r["file"].endswith("003.txt")]
    p = cli("extract", tmp_path / "nope.txt")
    assert p.returncode == 2 and "nope.txt" in p.stderr.decode()


def test_each_line_is_tested_for_a_markdown_rule_once(monkeypatch):
    """Each read of a table row tested its whole line for a Markdown rule line again: a row
    label repeated 16,000 times along one line copied that line 16,000 times (quadratic, 4.4 s
    for 32,000 repeats; found in review). Now once per line and report."""
    from collections import Counter

    from report_lint.normalise import Normalised

    calls: Counter = Counter()
    real = Normalised.line_text

    def counting(self, line):
        calls[line] += 1
        return real(self, line)

    monkeypatch.setattr(Normalised, "line_text", counting)
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8") + "\n" + "本年新收政府信息公开申请数量 12 " * 2000
    lint_source(Source("x.txt", text, "utf-8"), Options(), registry.all_rules())
    line, n = calls.most_common(1)[0]
    assert n <= 2, f"line {line} read {n} times"     # the tables, and a finding's source line


# ------------------------------------------------------------------------------------------
# collapsed rows settled through the whole table (report_lint.settle)

def _template_with(rows: dict, year: int = 2021) -> str:
    """The blank template of `year` with some 表三 rows rewritten: a value starting with `|`
    is a separated row, any other a collapsed digit run right after the label."""
    from report_lint.template import render_template
    out = []
    for line in render_template(year).splitlines():
        label = line.split(" | ")[0]
        if label in rows:
            line = f"{label} {rows[label]}" if rows[label].startswith("|") else label + rows[label]
        out.append(line)
    return "\n".join(out) + "\n"


def test_a_wrong_cell_in_a_collapsed_row_is_named():
    """004.txt prints `（七）总计 723000075`; with 72 changed to 82 no split of the row adds up
    (RL209 named the row only). 82/3/0/0/0/0/75 with 自然人 → 72 satisfies every relation: the
    row is read so, and RL211 names that cell with the value that fits."""
    text = (REAL / "004.txt").read_text(encoding="utf-8")
    assert "（七）总计 723000075" in text
    found = lint(text.replace("（七）总计 723000075", "（七）总计 823000075")).findings
    t3 = [f for f in found if f.table == "三" and f.severity == "error"]
    assert [(f.code, f.cell, f.expected, f.actual) for f in t3] == \
        [("RL211", {"row": "（七）总计", "column": "自然人"}, 72, 82)]


def test_an_unreadable_total_row_does_not_block_the_others():
    """`一、…110000011` (11/0/…/11 or 1/10/…/11) next to an unreadable `（七）总计 20000011`:
    一 + 二 − 四 = Σ items, column by column, says 商业企业 is 0."""
    res = lint(_template_with({"一、本年新收政府信息公开申请数量": "110000011",
                               "（一）予以公开": "| 8 | 0 | 0 | 0 | 0 | 0 | 8",
                               "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "| 2 | 0 | 0 | 0 | 0 | 0 | 2",
                               "（七）总计": "20000011",
                               "四、结转下年度继续办理": "| 1 | 0 | 0 | 0 | 0 | 0 | 1"}))
    t = res.report.table("三")
    assert [t.cell("row3_new", c.id).value for c in t.layout.row("row3_new").cells] == [11, 0, 0, 0, 0, 0, 11]
    assert [f.code for f in res.findings if f.table == "三"] == ["RL209"]      # the 总计 row only


def test_cells_every_split_agrees_on_are_read():
    """With nothing else to decide between 11/0/… and 1/10/…, the five cells both read alike
    are read; 自然人 and 商业企业 stay unknown (RL208 says so)."""
    res = lint(_template_with({"一、本年新收政府信息公开申请数量": "110000011", "（七）总计": "20000011",
                               "四、结转下年度继续办理": "| | | | | | | "}))
    t = res.report.table("三")
    row = [t.cell("row3_new", c.id) for c in t.layout.row("row3_new").cells]
    assert [(c.kind, c.value) for c in row] == [("ambiguous", None)] * 2 + [("number", 0)] * 4 + [("number", 11)]
    assert "RL208" in {f.code for f in res.findings}


@pytest.mark.parametrize("line,rest", [
    ("二、上年结转政府信息公开申请数量", " | 0 | 0 | 0 | 0 | 0 | 0 | "),
    ("二、上年结转政府信息公开申请数量", " | 0 | 0 | 0 | 0 | 0 | 0 | \t"),
    ("（六）其他处理 / 3.其他", None),
])
def test_the_last_cell_left_empty_after_its_separator_is_blank(line, rest):
    """In a table whose rows end with their last value (`label | 0 | … | 0`), a row ending with
    a separator and nothing after it has its last cell blank (RL204), not six values (RL207)
    — with a trailing tab too; a row of empty cells is one RL204 for the row."""
    if rest is None:
        res = lint(_template_with({"3.其他": "|  |  |  |  |  |  | "}))
    else:
        res = lint(_template_with({line: rest.lstrip()}))
    found = [(f.code, f.cell) for f in res.findings if f.table == "三" and f.code in ("RL204", "RL207", "RL209")]
    if rest is None:
        assert found == [("RL204", {"row": line})]
    else:
        assert found == [("RL204", {"row": line, "column": "总计"})]


def test_a_blank_cell_the_relations_fix_is_an_error_giving_the_value():
    res = lint(_template_with({"一、本年新收政府信息公开申请数量": "| 1 | 0 | 0 | 0 | 0 | 0 | 1",
                               "四、结转下年度继续办理": "| 1 | 0 | 0 | 0 | 0 | 0 | "}))
    found = [f for f in res.findings if f.table == "三"]
    assert [(f.code, f.severity, f.cell["column"], f.expected) for f in found] == [("RL204", "error", "总计", 1)]
    assert "应为 1" in found[0].message


def test_a_placeholder_in_every_cell_is_one_finding_for_the_table():
    from report_lint.template import render_template
    lines = render_template(2021).splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("一、本年新收"))
    end = next(i for i, l in enumerate(lines) if l.startswith("四、结转下年度继续办理"))
    for i in range(start, end):
        lines[i] = lines[i].replace(" | 0", " | -")
    lines[end] = lines[end].replace(" | 0", " | /", 6)          # one row of `/` and a 0 at its end
    found = [f for f in lint("\n".join(lines)).findings if f.code == "RL205"]
    assert [(f.table, f.actual) for f in found] == [("三", "-」「/")] and "有 174 格" in found[0].message


def test_every_cell_of_the_pdf_extracted_table_three_is_read():
    """examples/real/010.md: a wrapped label before its row, labels split across cells, rows
    with no label, a page footer inside the table — every one of 表三's 175 cells is read, and
    the relations hold (its sums hold, says examples/real/MANIFEST.tsv)."""
    res = lint((REAL / "010.md").read_text(encoding="utf-8"))
    t = res.report.table("三")
    assert len(t.cells) == 175 and {c.kind for c in t.cells.values()} == {"number"}
    assert t.cell("row3_no_correction", "col3_total").value == 43
    assert not [f for f in res.findings if f.table == "三" and f.code != "RL203"]
