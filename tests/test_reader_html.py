"""The .html reader: decoding, the report body without the site around it, table grids, bounds."""
import json
from pathlib import Path

import pytest

from conftest import ROOT
from report_lint.extract import records
from report_lint.lint import Options, build_report, lint_path
from report_lint.read import InputError, read_source
from report_lint.readers.html import read
from report_lint.registry import all_rules

DATA = ROOT / "tests" / "data"
DOCS = DATA / "documents"
STEMS = sorted(p.stem for p in DOCS.glob("*.html"))


def lines(html: str | bytes) -> list[str]:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read("x.html", data).text.splitlines()


def _cells(path):
    return {(r["table"], r["row"], r["column"]): (r["value"], r["kind"])
            for r in records(build_report(read_source(str(path))))}


@pytest.mark.parametrize("stem", STEMS)
def test_exported_page_reads_every_cell_as_its_text_twin(stem):
    assert _cells(DOCS / f"{stem}.html") == _cells(DOCS / f"{stem}.txt")


@pytest.mark.parametrize("stem", STEMS)
def test_same_report_as_text_docx_and_html_same_findings(stem):
    def keys(path):
        return sorted((f.code, f.message) for f in lint_path(str(path), Options(), list(all_rules())).findings)
    assert keys(DOCS / f"{stem}.html") == keys(DOCS / f"{stem}.txt") == keys(DOCS / f"{stem}.docx")


def test_cms_page_every_cell_and_no_structural_finding():
    cells = _cells(DATA / "html-014.html")
    assert len(cells) == 200 and all(kind == "number" for _, kind in cells.values())
    assert cells[("三", "（三）不予公开 / 8.属于行政查询事项", "总计")] == (150, "number")
    assert cells[("四", "复议后起诉", "总计")] == (156, "number")
    findings = lint_path(str(DATA / "html-014.html"), Options(), list(all_rules())).findings
    assert not [f for f in findings if f.code[:3] in ("RL1", "RL2", "RL5")]
    assert all(f.place for f in findings)


PAGE = """<html><head><meta charset="utf-8"><title>某县2024年政府信息公开工作年度报告_某县人民政府</title></head>
<body><div class="nav"><ul><li>首页</li><li>一、机构概况</li><li>政务公开</li></ul></div>
<div class="crumb">您当前所在位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<h1>某县2024年政府信息公开工作年度报告</h1>
<div class="article">
<p>一、总体情况</p><p>正文&nbsp;第一段。</p>
<p>二、主动公开政府信息情况</p>
<table><tbody>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>&nbsp;</td><td>\u3000</td><td></td></tr>
<tr><td>行政规范性文件</td><td>1</td><td>2</td><td>3</td></tr>
</tbody></table>
<p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p>
<p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p>
</div>
<div class="footer">主办单位：某县人民政府办公室 备案号 返回顶部</div></body></html>"""


def test_report_body_without_menus_breadcrumbs_and_footer():
    got = lines(PAGE)
    assert got[0] == "某县2024年政府信息公开工作年度报告"
    assert got[1:3] == ["一、总体情况", "正文 第一段。"]
    text = "\n".join(got)
    for debris in ("首页", "您当前所在位置", "主办单位", "机构概况"):
        assert debris not in text
    assert "| 规章 |  |  |  |" in got              # &nbsp;, full-width space and empty: blank, not 0


def test_rowspan_colspan_on_the_grid_and_only_a_tables_own_rows():
    page = ("<table><tr><td rowspan='3'>甲</td><td colspan='2'>乙</td><td>丙</td></tr>"
            "<tr><td>1</td><td>2</td><td>3</td></tr>"
            "<tr><td colspan='2'>4</td><td>5</td></tr></table>")
    source = read("x.html", page.encode())
    assert source.text.splitlines() == ["| 甲 | 乙 | 丙 |", "| 1 | 2 | 3 |", "| 4 | 5 |"]
    at = {ch: source.places.locate(source.text.index(ch)) for ch in "甲丙1345"}
    assert at["甲"] == {"table_no": 1, "row": 1, "column": 1}
    assert at["丙"]["column"] == 4 and [at[c]["column"] for c in "13"] == [2, 4]
    assert (at["4"]["row"], at["4"]["column"], at["5"]["column"]) == (3, 2, 4)
    nested = "<table><tr><td><p>标题</p><table><tr><td>规章</td><td>7</td></tr></table></td></tr></table>"
    assert lines(nested) == ["标题", "| 规章 | 7 |"]


@pytest.mark.parametrize("data, want", [
    ('<meta charset="gb2312"><p>一、总体情况 \u9555</p>'.encode("gb18030"), "gb18030"),   # 镕 is not in GB2312
    ('<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>一、总体情况</p>'.encode("gbk"), "gb18030"),
    (b"\xef\xbb\xbf<p>\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5</p>", "utf-8-sig"),
    ('<p>一、总体情况</p>'.encode("gb18030"), "gb18030"),                 # no charset, not UTF-8
    ('<meta charset="utf-8"><p>一、总体情况</p>'.encode("gb18030"), "gb18030"),   # a page lying about it
])
def test_decoding(data, want):
    source = read("x.html", data)
    assert source.encoding == want and "一、总体情况" in source.text


def test_deep_page_is_one_line_input_error(cli, tmp_path):
    with pytest.raises(InputError, match="嵌套超过"):
        read("x.html", ("<div>" * 300 + "一、总体情况" + "</div>" * 300).encode())
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + "一、总体情况" + "</div>" * 100_000, encoding="utf-8")
    ok = tmp_path / "ok.html"
    ok.write_bytes((DATA / "html-014.html").read_bytes())
    r = cli("--format", "json", deep, ok)
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    files = {Path(f["path"]).name: f for f in json.loads(r.stdout)["files"]}
    assert "\n" not in files["deep.html"]["error"] and files["ok.html"]["kind"] == "html"


def test_too_many_tags_refused_before_parsing():
    from report_lint.readers.html import MAX_ELEMENTS
    with pytest.raises(InputError, match="标签超过"):
        read("x.html", ("<table>" + "<tr><td>1</td></tr>" * (MAX_ELEMENTS // 2 + 1) + "</table>").encode())


def test_xhtml_declaration_and_control_characters():
    page = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html><body><p>一、总\x0b体情况\x01</p></body></html>'
    assert lines(page) == ["一、总体情况"]


def test_mangled_pages_give_text_or_one_line_errors():
    """Random damage to real pages: a reading or an InputError, never another exception."""
    import random
    rng = random.Random(13)
    pages = [(DATA / "html-014.html").read_bytes(), (DOCS / "003.html").read_bytes()]
    junk = [b"<", b">", b"</td>", b"<table>", b"<td rowspan='0'>", b"<td colspan='99999'>", b"</tr>",
            b"\x00", b"&", b"<?xml version='1.0' encoding='utf-8'?>", "一、".encode()]
    for _ in range(150):
        b = bytearray(rng.choice(pages))
        for _ in range(rng.randint(1, 15)):
            i = rng.randrange(len(b))
            if rng.random() < 0.5:
                del b[i:i + rng.randint(1, 300)]
            else:
                b[i:i] = rng.choice(junk)
        try:
            read("x.html", bytes(b))
        except InputError as e:
            assert "\n" not in str(e)


def test_table_caption_is_a_line_above_the_table():
    assert lines("<table><caption>表三 收到和处理政府信息公开申请情况</caption><tr><td>规章</td><td>1</td></tr></table>") \
        == ["表三 收到和处理政府信息公开申请情况", "| 规章 | 1 |"]


def test_one_table_and_no_heading_is_not_the_whole_body():
    page = ("<html><body><div class='menu'>首页</div><div><p>本机关2024年度政府信息公开工作情况如下。</p>"
            "<div><table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>1</td></tr></table></div>"
            "<p>以上为本年度数据。</p></div><footer>版权所有</footer></body></html>")
    got = lines(page)
    assert "本机关2024年度政府信息公开工作情况如下。" in got and "以上为本年度数据。" in got
    assert "版权所有" not in got and "首页" not in got   # read whole, the site's own parts left out
