"""The .docx reader: the official template, filled reports, numbering, tracked changes, merged
and nested tables, and documents that must be refused."""
import io
import json
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from docmaker import document, p, tbl, tc, tr
from report_lint.extract import records
from report_lint.lint import Options, build_report, lint_path
from report_lint.read import InputError, read_source
from report_lint.readers.docx import number_text, read
from report_lint.registry import all_rules

DATA = ROOT / "tests" / "data"
DOCS = DATA / "documents"
STEMS = sorted(p.stem for p in DOCS.glob("*.docx"))


def text_of(data: bytes) -> str:
    return read("x.docx", data).text


def lint(path) -> list:
    return lint_path(str(path), Options(), list(all_rules())).findings


def test_official_template_one_empty_table_finding_per_table_and_no_structural_error():
    findings = lint(DATA / "docx-001.docx")
    codes = [f.code for f in findings]
    assert codes.count("RL108") == 3
    assert {f.message[:2] for f in findings if f.code == "RL108"} == {"表二", "表三", "表四"}
    structural = [f for f in findings if f.code[:3] in ("RL1", "RL2") and f.code != "RL108"]
    assert structural == []


def test_official_template_table3_every_row_and_cell_found():
    source = read_source(str(DATA / "docx-001.docx"))
    report = build_report(source)
    t3 = next(t for t in report.tables if t.table == "三")
    assert t3.layout is not None and t3.notes == []
    cells = [c for c in t3.cells.values() if c.span is not None]
    assert len(cells) == 25 * 7 and {c.kind for c in cells} == {"blank"}
    # the grid: 表三 is 28 rows × 10 columns; a data cell of 本年新收 is row 4, columns 4–10
    places = {(source.places.locate(c.span.start)["row"], source.places.locate(c.span.start)["column"])
              for c in cells}
    assert (4, 4) in places and (4, 10) in places and (28, 10) in places
    assert {r for r, _ in places} == set(range(4, 29)) and {c for _, c in places} == set(range(4, 11))


def _cells(path):
    return {(r["table"], r["row"], r["column"]): (r["value"], r["kind"])
            for r in records(build_report(read_source(str(path))))}


@pytest.mark.parametrize("stem", STEMS)
def test_filled_template_reads_every_cell_as_its_text_twin(stem):
    want = _cells(DOCS / f"{stem}.txt")
    assert len(want) == 200 and sum(k == "number" for _, k in want.values()) >= 197
    assert _cells(DOCS / f"{stem}.docx") == want


def _finding_keys(path):
    return sorted((f.code, f.message) for f in lint(path))


@pytest.mark.parametrize("stem", STEMS)
def test_same_report_as_text_and_docx_same_findings(stem):
    assert _finding_keys(DOCS / f"{stem}.docx") == _finding_keys(DOCS / f"{stem}.txt")


def test_every_finding_on_a_document_has_a_place():
    findings = lint(DATA / "docx-001.docx")
    assert findings and all(f.place for f in findings)
    t3 = next(f for f in findings if f.code == "RL108" and f.message.startswith("表三"))
    assert t3.place["table_no"] == 2 and "row" in t3.place


# ---- numbering -------------------------------------------------------------------------------

NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"""


def num(n, lvl=0):
    return f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{n}"/></w:numPr>'


def test_automatic_numbering_as_word_shows_it():
    body = (p("总体情况", num(1)) + p("主动公开", num(1, 1)) + p("依申请公开", num(1, 1))
            + p("第一点", num(1, 2)) + p("主动公开政府信息情况", num(1)) + p("再一项", num(1, 1))
            + p("甲", num(2)) + p("乙", num(2)) + p("重新开始", num(3)) + p("不编号"))
    lines = text_of(document(body, NUMBERING)).splitlines()
    assert lines == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "1.第一点", "二、主动公开政府信息情况",
                     "（一）再一项", "3.甲", "4.乙", "1.重新开始", "不编号"]


def test_numbering_through_the_paragraph_style():
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:pPr>' + num(1) + '</w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>')
    body = p("总体情况", '<w:pStyle w:val="H1"/>') + p("主动公开政府信息情况", '<w:pStyle w:val="H1b"/>')
    assert text_of(document(body, NUMBERING, styles)).splitlines() == ["一、总体情况", "二、主动公开政府信息情况"]


@pytest.mark.parametrize("n, fmt, want", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (105, "chineseCountingThousand", "一百零五"),
    (3, "decimalEnclosedCircle", "③"), (2, "ideographTraditional", "乙"), (4, "lowerRoman", "iv"),
    (28, "upperLetter", "BB"), (12, "decimal", "12"), (2, "chineseLegalSimplified", "贰"),
])
def test_number_formats(n, fmt, want):
    assert number_text(n, fmt) == want


# ---- tracked changes, hidden text, fields ----------------------------------------------------

def test_tracked_changes_read_as_accepted():
    body = ('<w:p><w:r><w:t>本年共收到</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t>15</w:t></w:r></w:ins><w:r><w:t>件申请。</w:t></w:r></w:p>'
            # a deleted paragraph mark joins the paragraph to the next one
            '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr><w:r><w:t>上半段</w:t></w:r></w:p>'
            + p("下半段")
            + '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>'
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            + tbl(tr(tc("规章"), tc("1")),
                  '<w:tr><w:trPr><w:del w:id="4" w:author="a"/></w:trPr>' + tc("删掉的行") + tc("9") + '</w:tr>',
                  tr(tc("行政规范性文件"), tc("2"))))
    assert text_of(document(body)).splitlines() == [
        "本年共收到15件申请。", "上半段下半段", "可见", "7", "| 规章 | 1 |", "| 行政规范性文件 | 2 |"]


# ---- tables ----------------------------------------------------------------------------------

def test_merged_cells_on_their_grid_positions():
    span2 = '<w:gridSpan w:val="2"/>'
    body = tbl(tr(tc("甲", '<w:vMerge w:val="restart"/>'), tc("横跨两栏", span2), tc("丙")),
               tr(tc("", "<w:vMerge/>"), tc("1"), tc("2"), tc("3")),
               '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("4") + tc("5") + "</w:tr>")
    source = read("x.docx", document(body))
    assert source.text.splitlines() == ["| 甲 | 横跨两栏 | 丙 |", "| 1 | 2 | 3 |", "| 4 | 5 |"]
    at = {source.text[o:o + 1]: source.places.locate(o) for o in range(len(source.text))
          if source.text[o] in "甲横丙12345"}
    assert at["甲"] == {"table_no": 1, "row": 1, "column": 1}
    assert (at["横"]["column"], at["丙"]["column"]) == (2, 4)
    assert [at[d]["column"] for d in "123"] == [2, 3, 4] and at["1"]["row"] == 2
    assert (at["4"]["row"], at["4"]["column"], at["5"]["column"]) == (3, 2, 3)


def test_cell_text_on_one_line_wrapped_labels_joined():
    body = tbl(tr(tc(inner=p("商业") + p("企业")), tc(inner=p("12") + p("34")), tc("a|b")))
    assert text_of(document(body)).splitlines() == ["| 商业企业 | 12 34 | a／b |"]


def test_layout_table_wrapping_the_report_is_read_as_its_content():
    inner = tbl(tr(tc("规章"), tc("1"), tc("2"), tc("3")))
    body = p("标题") + tbl(tr(tc(inner=p("一、总体情况") + p("正文。") + inner + p("二、主动公开政府信息情况"))))
    source = read("x.docx", document(body))
    assert source.text.splitlines() == ["标题", "一、总体情况", "正文。", "| 规章 | 1 | 2 | 3 |", "二、主动公开政府信息情况"]
    o = source.text.index("规章")
    assert source.places.locate(o) == {"table_no": 2, "row": 1, "column": 1}     # the inner table is the 2nd
    assert source.places.locate(source.text.index("正文"))["paragraph"] == 3


def test_paragraph_numbers_count_visible_paragraphs():
    source = read("x.docx", document(p("标题") + p("") + p("正文")))
    assert source.places.locate(source.text.index("正文")) == {"paragraph": 2}


# ---- documents refused -----------------------------------------------------------------------

def _zip(**parts) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name.replace("__", "/"), data)
    return buf.getvalue()


def _refused(data: bytes) -> str:
    with pytest.raises(InputError) as e:
        read("x.docx", data)
    msg = str(e.value)
    assert "\n" not in msg
    return msg


def test_corrupt_zip():
    good = document(p("正文"))
    assert "损坏" in _refused(good[:len(good) // 2])
    broken = bytearray(good)
    i = broken.find(b"word/document.xml") + 40      # inside the compressed data of the part
    broken[i:i + 30] = b"\x00" * 30
    _refused(bytes(broken))


def test_zip_bomb_declared_size_and_ratio():
    xml = b'<w:document xmlns:w="x"><w:body>' + b" " * (40 * 1024 * 1024) + b"</w:body></w:document>"
    assert "zip 炸弹" in _refused(_zip(**{"word__document.xml": xml}))
    ratio = b'<w:document xmlns:w="x"><w:body>' + b" " * (3 * 1024 * 1024) + b"</w:body></w:document>"
    assert "zip 炸弹" in _refused(_zip(**{"word__document.xml": ratio}))


def test_dtd_and_entities_refused_never_expanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b'<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    assert "DTD" in _refused(_zip(**{"word__document.xml": laughs}))
    external = laughs.replace(b'<!ENTITY a "aaaaaaaaaa">', b'<!ENTITY a SYSTEM "file:///etc/passwd">')
    assert "DTD" in _refused(_zip(**{"word__document.xml": external}))
    utf16 = laughs.replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16")
    assert "DTD" in _refused(_zip(**{"word__document.xml": utf16}))


def test_zip_that_is_no_word_document():
    assert "不是 Word" in _refused(_zip(**{"xl__workbook.xml": "<workbook/>"}))
    other = '<?xml version="1.0"?><office:document xmlns:office="o"/>'
    assert "不是 Word" in _refused(_zip(**{"word__document.xml": other}))


def test_bad_documents_each_one_line_exit_2_and_the_batch_goes_on(cli, tmp_path):
    bad = {
        "corrupt.docx": document(p("正文"))[:300],
        "bomb.docx": _zip(**{"word__document.xml": b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>"}),
        "dtd.docx": _zip(**{"word__document.xml": b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'}),
        "text.docx": "一、总体情况\n这是文本文件。\n".encode(),
        "sheet.docx": _zip(**{"xl__workbook.xml": "<workbook/>"}),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.docx"
    good.write_bytes((DATA / "docx-001.docx").read_bytes())
    r = cli("--format", "json", *sorted(tmp_path.iterdir()))
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    files = {Path(f["path"]).name: f for f in json.loads(r.stdout)["files"]}
    for name in bad:
        assert files[name]["error"] and "\n" not in files[name]["error"], name
    assert files["good.docx"]["error"] is None and files["good.docx"]["kind"] == "docx"
    assert any(f["code"] == "RL108" and f["place"] for f in files["good.docx"]["findings"])


def test_too_many_elements_refused_before_parsing():
    from report_lint.readers.docx import MAX_ELEMENTS
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:     # stored: no ratio to give it away
        z.writestr("word/document.xml", "<w:document><w:body>" + "<w:p/>" * MAX_ELEMENTS + "</w:body></w:document>")
    assert "元素超过" in _refused(buf.getvalue())


def test_mangled_documents_give_text_or_one_line_errors():
    """Random damage to a real .docx, to its bytes and to its XML: a reading or an InputError."""
    import random
    rng = random.Random(13)
    original = (DOCS / "003.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    junk = [b"<", b">", b"</w:tc>", b"<w:tbl>", b'<w:gridSpan w:val="999"/>', b"<w:vMerge/>", b"&",
            b'<w:gridBefore w:val="-3"/>', "一、".encode()]

    def damage(b: bytes) -> bytes:
        b = bytearray(b)
        for _ in range(rng.randint(1, 15)):
            i = rng.randrange(len(b))
            r = rng.random()
            if r < 0.3:
                b[i] = rng.randrange(256)
            elif r < 0.6:
                del b[i:i + rng.randint(1, 200)]
            else:
                b[i:i] = rng.choice(junk)
        return bytes(b)

    for k in range(120):
        if k % 2:
            data = damage(original)
        else:
            data = _zip(**{n.replace("/", "__"): (damage(d) if n == "word/document.xml" else d)
                           for n, d in parts.items()})
        try:
            read("x.docx", data)
        except InputError as e:
            assert "\n" not in str(e)


@pytest.mark.skipif(__import__("shutil").which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: no second opinion on numbering")
def test_numbering_agrees_with_libreoffice(tmp_path):
    """LibreOffice's own text export of the document prints the same list numbers."""
    import subprocess
    body = (p("总体情况", num(1)) + p("主动公开", num(1, 1)) + p("依申请公开", num(1, 1))
            + p("第一点", num(1, 2)) + p("主动公开政府信息情况", num(1)) + p("甲", num(2))
            + p("重新开始", num(3)) + "".join(p(f"第{i}项", num(1)) for i in range(3, 13)))
    src = tmp_path / "n.docx"
    src.write_bytes(document(body, NUMBERING))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(src)],
                   check=True, timeout=120, capture_output=True)
    theirs = [line.replace("\t", "").replace(" ", "") for line in
              (tmp_path / "n.txt").read_text(encoding="utf-8-sig").splitlines()]
    assert [x for x in theirs if x] == text_of(src.read_bytes()).splitlines()
