"""The PDF reader: a real WPS-made report, LibreOffice exports of filled templates, the layout
rules on hand-built pages, and the PDFs that must be refused."""
import io
import json
import sys
import zlib

import pytest

from conftest import ROOT
from report_lint.extract import extract
from report_lint.read import InputError
from report_lint.readers import pdf as reader
from report_lint.readers.pdf_layout import Glyph, Page, Rule, layout

DATA = ROOT / "tests" / "data"
PDF_002 = DATA / "pdf-002.pdf"
DOCUMENTS = sorted((DATA / "documents").glob("*.pdf"))


def _cells(path) -> dict:
    recs, errors = extract([str(path)])
    assert not errors
    out: dict = {}
    for r in recs:
        out.setdefault((r["table"], r["row"]), []).append(r["value"] if r["kind"] == "number" else r["kind"])
    return out


# ------------------------------------------------------------------------------------------
# pdf-002.pdf: 淮安市洪泽区 2024, WPS, 表三 over pages 3–4

ZEROS = [0] * 7
T3_002 = {
    "一、本年新收政府信息公开申请数量": [95, 0, 0, 0, 0, 0, 95],
    "二、上年结转政府信息公开申请数量": ZEROS,
    "（一）予以公开": [50, 0, 0, 0, 0, 0, 50],
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [9, 0, 0, 0, 0, 0, 9],
    "（三）不予公开 / 1.属于国家秘密": ZEROS,
    # printed `2.其他法律行政止公开` in the PDF itself: no label matches, but the row of numbers
    # between 1. and 3. is the one row the format has there (report_lint.markdown_rows)
    "（三）不予公开 / 2.其他法律行政法规禁止公开": ZEROS,
    "（三）不予公开 / 3.危及“三安全一稳定”": [1, 0, 0, 0, 0, 0, 1],
    "（三）不予公开 / 4.保护第三方合法权益": ZEROS,
    "（三）不予公开 / 5.属于三类内部事务信息": ZEROS,
    "（三）不予公开 / 6.属于四类过程性信息": [1, 0, 0, 0, 0, 0, 1],
    "（三）不予公开 / 7.属于行政执法案卷": [1, 0, 0, 0, 0, 0, 1],
    "（三）不予公开 / 8.属于行政查询事项": ZEROS,
    "（四）无法提供 / 1.本机关不掌握相关政府信息": [31, 0, 0, 0, 0, 0, 31],
    "（四）无法提供 / 2.没有现成信息需要另行制作": [1, 0, 0, 0, 0, 0, 1],      # page 4
    "（四）无法提供 / 3.补正后申请内容仍不明确": ZEROS,
    "（五）不予处理 / 1.信访举报投诉类申请": [1, 0, 0, 0, 0, 0, 1],
    "（五）不予处理 / 2.重复申请": ZEROS,
    "（五）不予处理 / 3.要求提供公开出版物": ZEROS,
    "（五）不予处理 / 4.无正当理由大量反复申请": ZEROS,
    "（五）不予处理 / 5.要求行政机关确认或重新出具已获取信息": ZEROS,
    "（六）其他处理": ZEROS,
    "（七）总计": [95, 0, 0, 0, 0, 0, 95],
    "四、结转下年度继续办理": ZEROS,
}


def test_pdf_002_every_cell():
    cells = _cells(PDF_002)
    assert {row: v for (t, row), v in cells.items() if t == "二"} == {
        "规章": [0, 0, 0], "行政规范性文件": [3, 0, 8], "行政许可": [9487], "行政处罚": [2776],
        "行政强制": [84], "行政事业性收费": [7545]}
    assert {row: v for (t, row), v in cells.items() if t == "三"} == T3_002
    assert {row: v for (t, row), v in cells.items() if t == "四"} == {
        "行政复议": [1, 1, 0, 0, 2], "未经复议直接起诉": [1, 0, 0, 0, 1], "复议后起诉": [2, 0, 1, 0, 3]}


def test_pdf_002_findings_carry_pages_and_cells(cli):
    r = cli("--format", "json", "--isolated", PDF_002)
    assert r.returncode == 1
    findings = json.loads(r.stdout)["files"][0]["findings"]
    codes = {f["code"] for f in findings}
    assert "RL201" in codes                              # 2019 rows in a 2024 report
    assert not codes & {"RL211", "RL212", "RL302"}       # its sums hold
    assert all(f["place"] and f["place"]["page"] >= 1 for f in findings)
    layout_finding = next(f for f in findings if f["code"] == "RL201")
    assert layout_finding["place"]["page"] == 3 and {"table_no", "row", "column"} <= set(layout_finding["place"])


def test_pdf_002_table_rows_match_pdfplumber():
    """Cross-check of the reader (not the table reader) against pdfplumber's table finder."""
    pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber is an optional cross-check")
    ours = []
    for line in reader.read(str(PDF_002), PDF_002.read_bytes()).text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("|") and len(cells) == 8 and all(c.isdigit() for c in cells[1:]):
            ours.append(tuple(int(c) for c in cells[1:]))
    theirs = []
    with pdfplumber.open(PDF_002) as doc:
        for page in doc.pages[2:4]:
            for table in page.extract_tables():
                for row in table:
                    tail = [(c or "").strip() for c in row[-7:]]
                    if 8 <= len(row) <= 10 and all(c.isdigit() for c in tail):   # 表三, not 表四
                        theirs.append(tuple(int(c) for c in tail))
    assert len(ours) == 23 and ours == theirs


# ------------------------------------------------------------------------------------------
# the filled official template, exported by LibreOffice: the same cells and findings as the text

@pytest.mark.parametrize("pdf", DOCUMENTS, ids=lambda p: p.name)
def test_generated_pdf_reads_as_its_text_twin(pdf, cli):
    twin = pdf.with_suffix(".txt")
    assert _cells(pdf) == _cells(twin)
    ours = json.loads(cli("--format", "json", "--isolated", pdf).stdout)["files"][0]["findings"]
    theirs = json.loads(cli("--format", "json", "--isolated", twin).stdout)["files"][0]["findings"]
    key = lambda f: (f["code"], f.get("table"), f.get("row"), f.get("col"), f["message"])  # noqa: E731
    assert sorted(map(key, ours)) == sorted(map(key, theirs))
    assert all(f["place"]["page"] >= 1 for f in ours)
    for f in ours:
        if f.get("table") and f.get("row"):
            assert {"table_no", "row", "column"} <= set(f["place"]), f


# ------------------------------------------------------------------------------------------
# layout rules on hand-built pages

def _text(s: str, x: float, y: float, size: float = 10.0) -> list[Glyph]:
    return [Glyph(ch, x + i * size, x + (i + 1) * size, y, size) for i, ch in enumerate(s)]


def _box(x0, x1, y0, y1) -> list[Rule]:
    return [Rule(True, y0, x0, x1), Rule(True, y1, x0, x1), Rule(False, x0, y0, y1), Rule(False, x1, y0, y1)]


def _grid(xs, ys, merged=()) -> list[Rule]:
    """Rules of a grid; `merged`: (row, column) cells whose bottom rule is left out."""
    rules = [Rule(False, x, ys[0], ys[-1]) for x in xs]
    for r, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if (r - 1, c) not in merged:
                rules.append(Rule(True, y, xs[c], xs[c + 1]))
    return rules


def test_table_over_a_page_break_with_a_cut_group_label():
    xs, ys = [0, 80, 200, 240], [100, 120, 140]
    page1 = Page(1, [*_text("正文第一行", 0, 50),
                     *_text("（三）甲", 2, 110), *_text("1.其一", 82, 110), *_text("5", 220, 110),
                     *_text("（四）无", 2, 130), *_text("1.其二", 82, 130), *_text("6", 220, 130),
                     *_text("-1-", 100, 400)], _grid(xs, ys))
    page2 = Page(2, [*_text("- 2 -", 100, 1),
                     *_text("法提供", 2, 120), *_text("2.其三", 82, 110), *_text("7", 220, 110),
                     *_text("3.其四", 82, 130), *_text("8", 220, 130),
                     *_text("正文另起", 20, 200)], _grid(xs, ys, merged={(0, 0)}))
    text, places = layout([page1, page2])
    assert text.splitlines() == ["正文第一行", "（三）甲", "| 1.其一 | 5 |", "（四）无法提供", "| 1.其二 | 6 |",
                                 "| 2.其三 | 7 |", "| 3.其四 | 8 |", "正文另起"]
    assert places.locate(text.index("| 7 |") + 2) == {"page": 2, "table_no": 1, "row": 3, "column": 3}
    assert places.locate(text.index("（四）")) == {"page": 1, "table_no": 1, "row": 2, "column": 1}
    assert places.locate(text.index("另起")) == {"page": 2}


def test_a_new_row_label_after_a_page_break_stays_a_row():
    xs = [0, 80, 240]         # 表二's 第二十条第（五）项 cut between its header and its row
    page1 = Page(1, [*_text("信息内容", 2, 110), *_text("本年处理决定数量", 82, 110)], _grid(xs, [100, 120]))
    page2 = Page(2, [*_text("行政许可", 2, 110), *_text("12", 210, 110)], _grid(xs, [100, 120]))
    text, _ = layout([page1, page2])
    assert text.splitlines() == ["| 信息内容 | 本年处理决定数量 |", "| 行政许可 | 12 |"]


def test_merged_cells_wrapped_vertical_and_centred():
    xs, ys = [0, 20, 200, 240, 280], [0, 20, 60, 80]
    glyphs = [*_text("项目", 22, 10), *_text("甲", 202, 10), *_text("乙", 242, 10),
              # a label printed one glyph per line down a merged cell (vertical writing)
              *[Glyph(ch, 5, 15, 25 + 10 * i, 10) for i, ch in enumerate("三、本年")],
              # a label wrapped over two lines, its numbers centred in the tall cell
              *_text("（二）部分公开（区分处理", 22, 35), *_text("的）", 22, 47),
              *_text("9", 215, 41), *_text("0", 255, 41),
              *_text("（三）其他", 22, 70), *_text("1", 215, 70), *_text("2", 255, 70)]
    rules = _grid(xs, ys, merged={(1, 0)})
    text, places = layout([Page(1, glyphs, rules)])
    assert text.splitlines() == ["| 项目 | 甲 | 乙 |", "三、本年", "| （二）部分公开（区分处理的） | 9 | 0 |",
                                 "| （三）其他 | 1 | 2 |"]
    assert places.locate(text.index("9")) == {"page": 1, "table_no": 1, "row": 2, "column": 3}


def test_lines_by_running_mean_and_paragraphs_rejoined():
    low_comma = Glyph("，", 40, 50, 103.5, 10)        # punctuation sits lower than the characters
    glyphs = [*_text("甲乙丙", 10, 100), low_comma, *_text("丁戊己庚辛", 50, 100),
              *_text("壬癸", 0, 112),                  # wrapped: starts at the left margin
              *_text("二、标题", 20, 140), *_text("2024 95", 20, 160)]
    text, _ = layout([Page(1, glyphs, [])])
    assert text.splitlines() == ["甲乙丙，丁戊己庚辛壬癸", "二、标题", "2024 95"]


def test_a_box_around_a_paragraph_is_no_table():
    glyphs = _text("注：本表数据截至年底", 10, 110)
    text, places = layout([Page(1, glyphs, _box(0, 300, 100, 120))])
    assert text == "注：本表数据截至年底\n" and places.locate(0) == {"page": 1}


def test_doubled_bold_glyphs_are_one_but_double_letters_stay():
    glyphs = [*_text("总体", 0, 10), Glyph("体", 10.4, 20.4, 10, 10),
              Glyph("l", 40, 42.7, 10, 12), Glyph("l", 42.7, 45.4, 10, 12)]
    assert layout([Page(1, glyphs, [])])[0] == "总体ll\n"


# ------------------------------------------------------------------------------------------
# PDFs that are refused: one line, exit 2, the batch goes on

def _tiny_pdf(content: bytes, count: int | None = None, form: bytes | None = None) -> bytes:
    """A one-page PDF around a content stream (Helvetica as /F1, `form` as the XObject /X1),
    /Count as claimed."""
    body = zlib.compress(content)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % (count or 1),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    inner = zlib.compress(form or b"")
    objs.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length %d /Filter /FlateDecode >>\n"
                b"stream\n" % len(inner) + inner + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _scanned() -> bytes:
    """pdf-002's first two pages as pictures: what a scanner makes."""
    import pypdfium2 as pdfium

    src, scan = pdfium.PdfDocument(str(PDF_002)), pdfium.PdfDocument.new()
    for i in range(2):
        width, height = src[i].get_size()
        image = pdfium.PdfImage.new(scan)
        image.set_bitmap(src[i].render(scale=0.4))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page = scan.new_page(width, height)
        page.insert_obj(image)
        page.gen_content()
    buf = io.BytesIO()
    scan.save(buf)
    return buf.getvalue()


def _encrypted() -> bytes:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (a test dependency) encrypts the PDF")
    writer = pypdf.PdfWriter(clone_from=str(DOCUMENTS[0]))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


BAD = {
    "scanned": (_scanned, "扫描件"),
    "encrypted": (_encrypted, "已加密"),
    "truncated": (lambda: PDF_002.read_bytes()[:150_000], "不完整"),
    "damaged": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "已损坏"),
    "many pages": (lambda: _tiny_pdf(b"BT /F1 12 Tf 72 720 Td (Report) Tj ET", count=100_000), "超过上限 200 页"),
    "inflating content": (lambda: _tiny_pdf(b"0 0 m 1 1 l S\n" * 1_000_000), "过于庞大"),
    "many objects": (lambda: _tiny_pdf(b"0 0 m 1 1 l S\n" * 70_000), "页面对象"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_pdf_is_one_line_and_the_batch_goes_on(name, tmp_path, cli):
    make, words = BAD[name]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(make())
    r = cli("--format", "concise", "--isolated", bad, DOCUMENTS[0])
    assert r.returncode == 2
    err = [line for line in (r.stdout + r.stderr).decode().splitlines() if "bad.pdf" in line]
    assert len(err) == 1 and words in err[0] and "Traceback" not in r.stderr.decode()
    assert DOCUMENTS[0].name in r.stdout.decode()          # the next file was checked


def test_bad_pdf_bounded_in_process():
    with pytest.raises(InputError, match="过于庞大"):
        reader.read("x.pdf", _tiny_pdf(b"BT /F1 1 Tf 10 10 Td (A) Tj ET\n" * 1_000_000))


def test_a_pdf_with_only_an_owner_password_is_read():
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(DOCUMENTS[0]))
    writer.encrypt("", "owner", algorithm="RC4-128")    # opens without a password in any viewer
    buf = io.BytesIO()
    writer.write(buf)
    assert "一、总体情况" in reader.read("x.pdf", buf.getvalue()).text


def test_running_header_and_footer_are_left_out():
    pages = [Page(n, [*_text("某某市人民政府办公室", 0, 10), *_text(f"第{n}页的段落开头，写满一整行", 20, 100),
                      *_text("段落结尾。", 0, 112), *_text("第 %d 页 共 3 页" % n, 50, 800),
                      *_text("某某市人民政府办公室印发", 0, 790)], []) for n in (1, 2, 3)]
    text, _ = layout(pages)
    assert text.splitlines() == [f"第{n}页的段落开头，写满一整行段落结尾。" for n in (1, 2, 3)]


def test_latin_words_keep_their_spaces_and_absurd_coordinates_raise_nothing():
    assert reader.read("x.pdf", _tiny_pdf(b"BT /F1 12 Tf 72 720 Td (Report 2024 and 95) Tj ET")).text \
        == "Report 2024 and 95\n"
    for content in (b"BT /F1 12 Tf 1e38 1e38 Td (Report 2024 and 95) Tj ET",
                    b"1e38 0 0 1e38 0 0 cm 0 0 m 1 0 l S BT /F1 12 Tf 9 9 Td (Report 2024 and 95) Tj ET"):
        try:
            reader.read("x.pdf", _tiny_pdf(content))
        except InputError:
            pass


def test_rules_drawn_as_thin_filled_boxes_in_one_path():
    """Word draws a table's borders as 0.5 pt filled rectangles, often many in one path."""
    borders = b"".join(b"50 %d 200 0.5 re " % y for y in (700, 680, 660)) + \
        b"".join(b"%d 660 0.5 40.5 re " % x for x in (50, 150, 250)) + b"f "
    cells = b"".join(b"BT /F1 10 Tf %d %d Td (%s) Tj ET " % (x, y, t) for x, y, t in
                     ((55, 686, b"Item"), (155, 686, b"Count"), (55, 666, b"Permits"), (155, 666, b"42")))
    source = reader.read("x.pdf", _tiny_pdf(b"0 0 0 rg " + borders + cells))
    assert source.text == "| Item | Count |\n| Permits | 42 |\n"
    assert source.places.locate(source.text.index("42")) == {"page": 1, "table_no": 1, "row": 2, "column": 2}


def _cells_without_rules(path) -> dict:
    """The cells read from a PDF as if its tables had been printed without rules."""
    from report_lint.lint import build_report
    from report_lint.extract import records
    from report_lint.read import Source

    pages = reader.extract(path.read_bytes())
    for page in pages:
        page.rules = []
    text, places = layout(pages)
    out: dict = {}
    for r in records(build_report(Source(str(path), text, "pdf", kind="pdf", places=places))):
        out.setdefault((r["table"], r["row"]), []).append(r["value"] if r["kind"] == "number" else r["kind"])
    return out


def test_tables_without_rules_are_read_by_their_number_columns():
    """pdf-002 with its rules taken away: 表三's vertical group label, the labels wrapped around
    their numbers and the page break are still read into every cell."""
    assert _cells_without_rules(PDF_002) == _cells(PDF_002)


@pytest.mark.parametrize("pdf", DOCUMENTS[:2], ids=lambda p: p.name)
def test_libreoffice_tables_without_rules_mostly_read(pdf):
    ruled, bare = _cells(pdf), _cells_without_rules(pdf)
    same = sum(1 for k, v in ruled.items() for a, b in zip(v, bare.get(k, [])) if a == b)
    assert same >= 0.8 * sum(len(v) for v in ruled.values())   # 85–93 % today: see the README


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory limit of the reading child is Linux's")
def test_a_form_drawn_a_hundred_times_is_bounded(tmp_path, cli):
    """3 KB of PDF: a form of 100,000 lines drawn 100 times — 2.5 GB and 31 s for PDFium."""
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(_tiny_pdf(b"/X1 Do\n" * 100, form=b"0 0 m 1 1 l S\n" * 100_000))
    r = cli("--format", "concise", "--isolated", bad, DOCUMENTS[0])
    assert r.returncode == 2 and "过于复杂" in r.stderr.decode() + r.stdout.decode()
    assert DOCUMENTS[0].name in r.stdout.decode()


def test_mangled_pdfs_give_text_or_one_line_errors():
    """Random damage to real PDFs — to their bytes, and to the numbers of an uncompressed page
    (huge, negative, not a number): a reading or an InputError, never anything else."""
    import random
    rng = random.Random(13)
    originals = [PDF_002.read_bytes(), DOCUMENTS[0].read_bytes()]
    plain = b"BT /F1 12 Tf 72 720 Td (Report 2024) Tj ET 0 0 m 500 0 l S 72 700 m 72 600 l S"
    for k in range(40):
        if k % 4 == 3:
            content = plain.replace(b" 0 ", b" %s " % rng.choice([b"1e38", b"-99999999999", b"nan", b"3.4e39"]))
            data = _tiny_pdf(content)
        else:
            b = bytearray(rng.choice(originals))
            for _ in range(rng.randint(1, 30)):
                i = rng.randrange(len(b) - 2048)             # keep the end: truncation is tested apart
                if rng.random() < 0.5:
                    b[i] = rng.randrange(256)
                else:
                    del b[i:i + rng.randint(1, 500)]
            data = bytes(b)
        try:
            reader.read("x.pdf", data)
        except InputError as e:
            assert "\n" not in str(e)
