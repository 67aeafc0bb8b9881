"""Prose extraction (report_lint.prose): blocks, breakdowns, shares, statements, scope."""
from report_lint import prose
from report_lint.lint import build_report
from report_lint.read import Source


def report(text):
    return build_report(Source("t.txt", text, "utf-8"))


def test_sentence_bounds():
    t = "甲。乙丙！丁"
    assert prose.sentence_bounds(t, 3) == (2, 5)
    assert prose.sentence_bounds(t, 5) == (5, 6)


def test_block_spans_point_into_the_original_text():
    # full-width digits and a pinyin gloss before the number: positions still map back
    text = "一、总体情况\n國(guó)家共收到申请３３９２宗。\n"
    r = report(text)
    b = next(b for b in prose.blocks(r) if b.numbers)
    n = b.numbers[0]
    sp = prose.span(r, b, n.start, n.end)
    assert text[sp.start:sp.end] == "３３９２"


def test_breakdown_total_parts_and_percents():
    r = report("一、总体情况\n共收到申请3392宗（含上年结转2宗）。其中自然人提交2936宗，占86.56%；法人或其他组织提交456宗，占13.44%。\n")
    (bd,) = prose.breakdowns(r)
    assert bd.total.int_value == 3392
    assert [p.int_value for p in bd.parts] == [2936, 456]
    assert [p.text for p in bd.percents] == ["86.56", "13.44"]
    assert not bd.open_ended


def test_breakdown_stops_at_the_next_total():
    r = report("一、总体情况\n收到申请10件，其中自然人8件，法人2件，办理10件，其中公开6件，不予公开4件。\n")
    bds = prose.breakdowns(r)
    assert [(b.total.int_value, [p.int_value for p in b.parts]) for b in bds][1] == (10, [6, 4])


def test_open_ended_breakdowns():
    r = report("一、总体情况\n发布信息500条，其中包括文件100条、动态200条。发布信息500条，其中文件100条、动态200条等。\n")
    assert [b.open_ended for b in prose.breakdowns(r)] == [True, True]


def test_extraction_is_computed_once():
    r = report("一、总体情况\n共收到申请10件，其中自然人8件，法人2件。\n")
    assert prose.blocks(r) is prose.blocks(r)
    assert prose.breakdowns(r) is prose.breakdowns(r)


def test_scope_depends_on_the_reporter():
    city = report("XX市2021年政府信息公开工作年度报告\n一、总体情况\n")
    dept = report("XX市财政局2021年政府信息公开工作年度报告\n一、总体情况\n")
    assert prose.in_own_scope(city, "全市共收到申请10件")
    assert not prose.in_own_scope(city, "市直部门共收到申请10件")
    assert not prose.in_own_scope(dept, "全市共收到申请10件")
    assert prose.in_own_scope(dept, "我局共收到申请10件")


def test_statements():
    r = report("XX市2021年政府信息公开工作年度报告\n一、总体情况\n"
               "全市共受理依申请公开554件（含上一年结转1件），其中自然人531件，办理完成543件（结转下一年11件）。"
               "本年度未发生政府信息公开行政复议、行政诉讼。2020年共收到政府信息公开申请300件。\n")
    got = sorted((s.kind, s.number.int_value if s.number else None) for s in prose.statements(r))
    assert got == sorted([("received", 554), ("carried_over", 1), ("applicant", 531), ("handled", 543),
                          ("carried_forward", 11), ("no_review", None), ("no_lawsuit", None)])
