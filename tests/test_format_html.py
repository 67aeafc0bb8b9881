"""`--format html`: every finding on the page, document text escaped, the tables drawn from the
grammar's layouts with flagged cells marked, a batch indexed, nothing fetched from outside."""
import base64
import hashlib
import html
import re

from click.testing import CliRunner

from conftest import EXAMPLES, ROOT, flawed_report
from report_lint.cli import cli
from report_lint.formats import html as page
from report_lint.grammar import layout
from report_lint.lint import Options, lint_path
from report_lint.registry import all_rules


def render(tmp_path, *paths):
    out = tmp_path / "out.html"
    res = CliRunner().invoke(cli, ["--format", "html", "-o", str(out), "-q", "--isolated",
                                   *map(str, paths)], catch_exceptions=False)
    assert res.exit_code in (0, 1, 2), res.output
    return out.read_text(encoding="utf-8")


def test_every_finding_and_flagged_cell_on_the_page(tmp_path):
    path = flawed_report(tmp_path)
    doc = render(tmp_path, path)
    result = lint_path(str(path), Options(view=True), all_rules())
    assert result.findings
    for f in result.findings:
        assert doc.count(html.escape(f.message)) >= 2       # the list and the note in the text
    assert doc.count('class="finding"') == len(result.findings)
    assert doc.count('role="note"') == len(result.findings)
    # RL211's cell (表三 first row × 自然人, the count changed) is framed as an error and says
    # what it should be
    rl211 = next(f for f in result.findings if f.code == "RL211")
    assert rl211.cell == {"row": "一、本年新收政府信息公开申请数量", "column": "自然人"}
    assert re.search(rf'<td class="f-error">{rl211.actual}<a class="mark sev sev-error"[^>]*>✖〔\d+〕 应为 '
                     + str(rl211.expected), doc)
    assert "需要修改" in doc


def test_document_text_is_escaped(tmp_path):
    doc = render(tmp_path, flawed_report(tmp_path))
    assert len(re.findall(r"<script\b", doc)) == 1            # the page's own script only
    assert "&lt;script&gt;" in doc and "window.pwned=1" in doc
    assert "<b>加强" not in doc


def test_labels_are_the_grammars_and_blank_differs_from_zero(tmp_path):
    doc2019 = render(tmp_path, EXAMPLES / "real" / "060.txt")     # a 2019-format report
    for name in ("二", "三", "四"):
        for kind, label in layout().table(name, "2019").labels():
            assert html.escape(label.canonical) in doc2019, (name, kind, label)
    doc = render(tmp_path, flawed_report(tmp_path))
    for name in ("二", "三", "四"):
        tl = layout().table(name, "2021")
        for row in tl.rows:
            assert html.escape(row.label.canonical) in doc
        for col in tl.columns:
            assert html.escape(col.name) in doc
        for g in tl.groups + tl.col_groups + tl.headers:
            assert html.escape(g.canonical) in doc
    assert "⚠ 无法识别" in doc                               # the row with a 0 typed as the letter O
    assert "（空）" in doc                                     # the blank, not a 0
    assert ">0</td>" in doc


def test_self_contained_with_its_own_policy(tmp_path):
    doc = render(tmp_path, EXAMPLES / "clean-2021.txt")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", doc)
    assert "@import" not in doc and "url(" not in doc
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', doc).group(1)
    policy = html.unescape(meta)
    for text in (page.CSS, page.JS):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "@media print" in doc


def test_outline_names_the_missing_section(tmp_path):
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    start = text.index("五、存在的主要问题")
    end = text.index("六、其他需要报告的事项")
    path = tmp_path / "no-five.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = render(tmp_path, path)
    five = layout().section("五").label.canonical
    assert re.search(r'<span class="st-missing">✖ 缺少</span>　' + re.escape(html.escape(five)), doc)


def test_batch_index_and_excerpts(tmp_path):
    files = 2 * (sorted((EXAMPLES / "real").glob("*.txt")) + sorted((EXAMPLES / "seeds").glob("*.txt")))
    bad = tmp_path / "notes.txt"
    bad.write_text("购物清单：苹果、梨。\n", encoding="utf-8")
    doc = render(tmp_path, *files, bad)
    n = len(files) + 1
    assert n > page.FULL_TEXT_MAX
    index = doc[doc.index('<table id="index">'):doc.index("</table>", doc.index('<table id="index">'))]
    assert index.count("<tr data-v=") == n
    for i in range(1, n + 1):
        assert f'href="#r{i}"' in index and f'id="r{i}"' in doc
    assert 'data-v="unreadable"' in index and "不是政府信息公开工作年度报告" in doc
    assert "省略" in doc and "<details open>" not in doc     # folded and excerpted
    # each folded detail is one inert script whose text cannot close it early
    # (one a report, but not the unreadable one; and the index's chart)
    assert doc.count('<script type="text/html" class="folded">') == (n - 1) + 1
    assert len(re.findall(r"<script\b", doc)) == len(re.findall(r"</script>", doc)) == n + 1


def test_folded_detail_keeps_document_text_escaped(tmp_path):
    flawed = flawed_report(tmp_path)
    doc = render(tmp_path, *([EXAMPLES / "clean-2021.txt"] * page.OPEN_DETAIL_MAX), flawed)
    body = doc[doc.rindex('<script type="text/html" class="folded">'):]
    body = body[:body.index("</script>")]
    assert "&lt;script&gt;" in body and "<script>" not in body.split(">", 1)[1]


def test_other_formats_do_not_build_the_view(tmp_path):
    r = lint_path(str(EXAMPLES / "clean-2021.txt"), Options(), all_rules())
    assert r.view is None
    r = lint_path(str(EXAMPLES / "clean-2021.txt"), Options(view=True), all_rules())
    assert r.view["sections"][0]["status"] == "ok" and r.view["agency"] == "宜春市"
    import pickle
    assert pickle.loads(pickle.dumps(r.detach())).view == r.view


def test_place_of_a_document_finding_is_described(tmp_path):
    from report_lint import formats

    r = lint_path(str(flawed_report(tmp_path)), Options(view=True), all_rules())
    r.findings[0].place = {"page": 3, "table_no": 2, "row": 5, "column": 3}
    from io import StringIO
    out = StringIO()
    page.render([r], formats.summarise([r]), out)
    assert "第 3 页，第 2 个表格第 5 行第 3 列" in out.getvalue()


def test_ids_are_unique(tmp_path):
    """Every link target exists once (a cell with two findings once gave its note id twice)."""
    doc = render(tmp_path, flawed_report(tmp_path), *sorted((EXAMPLES / "real").glob("*.txt"))[:5])
    ids = re.findall(r' id="([^"]+)"', doc)
    assert len(ids) == len(set(ids))
    for target in set(re.findall(r' href="#([^"]+)"', doc)):
        assert target in ids, target


def _index_of(doc: str) -> str:
    start = doc.index('<table id="index">')
    return doc[start:doc.index("</table>", start)]


def test_index_carries_the_summary_and_the_chart(tmp_path):
    """The batch index shows report_lint.summary's figures of each report (表三, 表四, with a
    pair the change of 本年新收) and a chart of 本年新收 with one bar per report that has it."""
    from report_lint import years
    from report_lint.summary import rows

    files = [EXAMPLES / "real" / n for n in ("003.txt", "004.txt", "060.txt", "006.txt")]
    bad = tmp_path / "notes.txt"
    bad.write_text("购物清单：苹果、梨。\n", encoding="utf-8")
    doc = render(tmp_path, *files, bad)
    index = _index_of(doc)
    for head in ("本年新收", "上年结转", "予以公开", "部分公开", "办理结果总计", "结转下年度",
                 "行政复议", "直接起诉", "复议后起诉", "增减"):
        assert f'<button type="button">{head}</button>' in index
    results = [lint_path(str(p), Options(), all_rules()) for p in files]
    expected = rows(results, years.pair(results))
    body = index.split("<tbody>")[1].split("</tr>")
    for k, row in enumerate(expected):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", body[k])
        figures = [re.sub(r"<[^>]+>", "", c) for c in cells[9:]]
        assert figures[:6] == ["" if row[key] is None else str(row[key]) for key in
                               ("t3_new", "t3_carried_over", "t3_open", "t3_partial", "t3_total", "t3_carried_forward")]
        assert figures[-3:] == ["" if row[key] is None else str(row[key])
                                for key in ("t4_review", "t4_direct", "t4_after_review")]
    # 004 (平潭 2022) follows 003 (2021): its change is signed, its last year links to 003's report
    assert expected[1]["t3_new_change"] is not None
    change = expected[1]["t3_new_change"]
    assert re.search(r'<a href="#r1" title="上一年度报告：[^"]*003\.txt">%d</a></td><td class="n">%s</td>'
                     % (expected[1]["t3_new_previous"], re.escape(f"+{change}" if change > 0 else str(change))),
                     body[1])
    chart = doc[doc.index('<svg class="chart"'):doc.index("</svg>")]
    with_value = [r for r in expected if r["t3_new"] is not None]
    assert chart.count('<rect class="bar"') == len(with_value) >= 3
    assert '<title id="chart-t">' in chart and '<desc id="chart-d">' in chart
    assert "平潭综合实验区" in chart and "2021年　%d" % expected[0]["t3_new"] in chart
    assert "另有 1 份报告没有读出这一数字" in chart          # the shopping list
    # 003 and 004 are one agency: one group label, two bars in it
    assert chart.count(">平潭综合实验区</text>") == 1


def test_index_without_pairs_has_no_change_columns(tmp_path):
    doc = render(tmp_path, EXAMPLES / "real" / "060.txt", EXAMPLES / "clean-2021.txt")
    index = _index_of(doc)
    assert "本年新收" in index and "增减" not in index
    assert doc.count('<rect class="bar"') == 2


def test_big_batch_folds_the_chart(tmp_path):
    files = sorted((EXAMPLES / "real").glob("*.txt"))
    assert len(files) > page.OPEN_DETAIL_MAX
    doc = render(tmp_path, *files)
    box = doc[doc.index('<details class="chart-box">'):]
    assert box.index('<script type="text/html" class="folded"><svg') < box.index("</details>")


def test_unsplit_row_is_one_cell_with_its_text_once(tmp_path):
    """A collapsed row that cannot be split (RL209) is drawn as one cell across the row's
    columns, ⚠ 无法识别 and the run of digits once — not the run in each of seven cells."""
    import tomllib

    case = tomllib.loads((ROOT / "tests" / "cases" / "rl209_split_inconsistent.toml").read_text("utf-8"))
    path = tmp_path / "rl209.txt"
    path.write_text(case["case"][0]["text"], encoding="utf-8")
    doc = render(tmp_path, path)
    t3 = doc[doc.index('aria-label="表三"'):]
    t3 = t3[:t3.index("</table>")]
    row = t3[t3.index("一、本年新收政府信息公开申请数量"):]
    row = row[:row.index("</tr>")]
    assert row.count("<td") == 1 and 'colspan="7"' in row
    cell = row[row.index("<td"):]
    assert cell.count("64002047") == 1 and "⚠ 无法识别" in cell and "没有一种拆法使合计相符" in cell
    assert "<td>64</td>" not in t3                       # nothing guessed
    # the row's finding (RL209) still marks the row's label
    assert re.search(r'<th scope="row" class="row f-error">一、本年新收政府信息公开申请数量<a class="mark', t3)
