"""The PDF reader: a published report as PDF → the text the pipeline checks, with places.

PDFium (the library the pypdfium2 package ships, Apache-2.0/BSD-3) gives each character with
its box and each drawn path; `report_lint.readers.pdf_layout` turns them into prose lines and
table rows. Only PDFium's C functions are called (`report_lint.readers.pdfium` binds the few
needed): pypdfium2's Python layers cost 25–45 ms of a cold start and add nothing needed here.

What is refused, each with one line and exit 2: a file PDFium cannot open (damaged,
truncated), one that needs a password, one with no text layer (a scan), one past the limits
below (a PDF of thousands of pages or pages stuffed with millions of objects would otherwise
cost minutes and gigabytes).
"""
from __future__ import annotations

import ctypes
import math
import re
import zlib

from report_lint.read import InputError, Source
from report_lint.readers import bounded
from report_lint.readers.pdf_layout import Glyph, Page, Rule, layout

MEMORY_LIMIT = 128 * 1024 * 1024   # PDFium's own, over what report-lint holds (Linux: bounded.py)
TIME_LIMIT = 20                    # seconds; a 200-page report reads in 2–3
MAX_PAGES = 200            # a year's report runs 5–30 pages; 200 is far beyond any real one
MAX_PAGE_CHARS = 30_000    # a dense A4 page holds ~2,000 characters
MAX_CHARS = 300_000 
MAX_PAGE_OBJECTS = 60_000  # text runs, paths, images of one page; a real page has hundreds
MAX_PATH_SEGMENTS = 200_000  # over the whole document (table rules are 2–5 segments a path)
# PDFium builds every object of a page when it loads the page (~300–500 bytes each, from ~15–30
# bytes of drawing commands), before any count can be checked: a 30 KB file inflating to a
# 14 MB stream of a million lines cost 300 MB and 4 s. Streams that may be drawing commands
# are measured inflated first; a report's pages hold tens of KB each.
MAX_STREAM = 3 * 1024 * 1024
MAX_STREAMS = 24 * 1024 * 1024
# dictionaries of streams that are no drawing commands: fonts, images, metadata, xref
_NOT_CONTENT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType|XML)"
                          rb"|/Type\s*/(?:XRef|ObjStm|Metadata|EmbeddedFile|XObject\s*/Subtype\s*/Image)")

_PAGEOBJ_TEXT, _PAGEOBJ_PATH, _PAGEOBJ_FORM = 1, 2, 5
_SEGMENT_LINETO, _SEGMENT_MOVETO = 0, 2
_ERR_PASSWORD, _ERR_SECURITY = 4, 5

_BLANKS = frozenset((0xA0, 0x3000, 0xFFFE, 0xFFFF))
_pdfium = None


def _lib():
    """PDFium's functions, bound and initialised on the first PDF read."""
    global _pdfium
    if _pdfium is None:
        from report_lint.readers import pdfium

        _pdfium = pdfium.load()
    return _pdfium


def read(path: str, data: bytes) -> Source:
    _lib()                     # loaded here, so that a forked child only calls into PDFium
    try:
        compact = bounded.call(_compact_pages, data, MEMORY_LIMIT, TIME_LIMIT)
    except bounded.Exceeded:
        raise InputError(f"PDF 过于复杂，读取时超出内存（{MEMORY_LIMIT >> 20} MB）或时间（{TIME_LIMIT} 秒）上限 "
                         "(PDF too complex to read within the limits)") from None
    pages = [Page(n, [Glyph(*g) for g in glyphs], [Rule(*r) for r in rules]) for n, glyphs, rules in compact]
    text, places = layout(pages)
    if sum(1 for ch in text if not ch.isspace()) < 10:    # a page number or two, no report
        raise InputError("是扫描件或图片 PDF，没有可检查的文字层 (a scanned PDF with no text layer to check)")
    return Source(path, text, "pdf", kind="pdf", places=places)


def _compact_pages(data: bytes) -> list[tuple]:
    """extract() as plain tuples: a twentieth of the time to pickle out of the child."""
    return [(p.number, [(g.ch, g.x0, g.x1, g.yc, g.size) for g in p.glyphs],
             [(r.horizontal, r.pos, r.a, r.b) for r in p.rules]) for p in extract(data)]


def extract(data: bytes) -> list[Page]:
    """Every page's characters and straight rules, or an InputError naming what is wrong."""
    if b"%%EOF" not in data[-2048:]:
        # PDFium rebuilds a truncated file as far as it goes and reads a report with its last
        # pages missing: a download cut short must be said, not checked as a short report
        raise InputError("PDF 文件不完整，可能下载或复制时被截断 (truncated PDF: no %%EOF at its end)")
    _measure_streams(data)
    pdfium = _lib()
    buf = (ctypes.c_char * len(data)).from_buffer_copy(data)
    doc = pdfium.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        err = pdfium.FPDF_GetLastError()
        if err in (_ERR_PASSWORD, _ERR_SECURITY):
            raise InputError("PDF 已加密，需要密码才能打开 (encrypted PDF: a password is needed)")
        raise InputError("PDF 文件已损坏，无法打开 (damaged PDF: it cannot be opened)")
    try:
        count = pdfium.FPDF_GetPageCount(doc)
        if count > MAX_PAGES:
            raise InputError(f"PDF 有 {count} 页，超过上限 {MAX_PAGES} 页 (too many pages for a report)")
        budget = _Budget()
        return [_page(pdfium, doc, i, budget) for i in range(count)]
    finally:
        pdfium.FPDF_CloseDocument(doc)
        del buf


def _measure_streams(data: bytes) -> None:
    """Refuse a PDF whose drawing commands inflate past the limits (see MAX_STREAM)."""
    total, at = 0, 0
    while (at := data.find(b"stream", at)) >= 0:
        start, at = at, at + 6
        if data[start - 3:start] == b"end" or data[at:at + 1] not in (b"\r", b"\n"):
            continue
        at += 2 if data[at:at + 2] == b"\r\n" else 1
        head = data[max(0, start - 400):start]
        head = head[head.rfind(b"obj") + 1:]
        if _NOT_CONTENT.search(head):
            continue
        end = data.find(b"endstream", at)
        body = data[at:end if end >= 0 else len(data)]
        if b"/FlateDecode" in head:
            try:
                size = len(zlib.decompressobj().decompress(body, MAX_STREAM + 1))
            except zlib.error:
                continue              # not inflatable here: PDFium will say what it makes of it
        else:
            size = len(body)
        total += size
        if size > MAX_STREAM or total > MAX_STREAMS:
            raise InputError(f"PDF 的页面内容过于庞大（超过 {MAX_STREAM // 1048576} MB），不像年度报告 "
                             "(page content too large to read)")


class _Budget:
    """Characters and path segments read so far, against the document-wide limits."""
    def __init__(self):
        self.chars = 0
        self.segments = 0


def _page(pdfium, doc, index: int, budget: _Budget) -> Page:
    page = pdfium.FPDF_LoadPage(doc, index)
    if not page:
        raise InputError(f"PDF 第 {index + 1} 页已损坏，无法读取 (damaged PDF: page {index + 1} cannot be read)")
    try:
        n_objects = pdfium.FPDFPage_CountObjects(page)
        if n_objects > MAX_PAGE_OBJECTS:
            raise InputError(f"PDF 第 {index + 1} 页有 {n_objects} 个页面对象，超过上限 {MAX_PAGE_OBJECTS} "
                             f"(page {index + 1} is too complex to read)")
        glyphs = _glyphs(pdfium, page, index, budget)
        rules: list[Rule] = []
        identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        get_object, get_type = pdfium.FPDFPage_GetObject, pdfium.FPDFPageObj_GetType
        for k in range(n_objects):
            obj = get_object(page, k)
            if get_type(obj) in (_PAGEOBJ_PATH, _PAGEOBJ_FORM):     # (most objects are text)
                _rules(pdfium, obj, identity, rules, budget, index, 0)
        return Page(index + 1, glyphs, rules)
    finally:
        pdfium.FPDF_ClosePage(page)


def _glyphs(pdfium, page, index: int, budget: _Budget) -> list[Glyph]:
    textpage = pdfium.FPDFText_LoadPage(page)
    if not textpage:
        raise InputError(f"PDF 第 {index + 1} 页的文字无法读取 (damaged PDF: page {index + 1})")
    try:
        n = pdfium.FPDFText_CountChars(textpage)
        budget.chars += max(n, 0)
        if n > MAX_PAGE_CHARS or budget.chars > MAX_CHARS:
            raise InputError(f"PDF 文字过多（第 {index + 1} 页起超过上限）(too much text for a report)")
        loose = pdfium.FS_RECTF()
        get_unicode, get_loose, ploose = pdfium.FPDFText_GetUnicode, pdfium.FPDFText_GetLooseCharBox, ctypes.byref(loose)
        boxes = []
        for i in range(n):
            code = get_unicode(textpage, i)
            # PDFium's own spaces and line breaks (FPDFText_IsGenerated) are whitespace too: the
            # layout makes its own from the boxes
            if code <= 32 or code in _BLANKS or 0xD800 <= code <= 0xDFFF or not get_loose(textpage, i, ploose):
                continue
            box = (loose.left, loose.right, -loose.top, -loose.bottom)                   # y grows downward
            if all(map(math.isfinite, box)):
                boxes.append((i, code, *box))
        if not boxes:
            return []
        heights = sorted(b[5] - b[4] for b in boxes)
        usual = heights[len(heights) // 2]
        out = []
        for i, code, x0, x1, y0, y1 in boxes:
            if not (0 < y1 - y0 <= 3 * usual and 0 < x1 - x0 <= 3 * usual):
                # the loose box (advance × font height) of a vertical (Identity-V) font is
                # nonsense: its glyph's ink box it is
                x0, x1, y0, y1 = _ink_box(pdfium, textpage, i)
                if not all(map(math.isfinite, (x0, x1, y0, y1))):
                    continue
            out.append(Glyph(chr(code), x0, x1, (y0 + y1) / 2, max(y1 - y0, x1 - x0, 1.0)))
        return out
    finally:
        pdfium.FPDFText_ClosePage(textpage)


def _ink_box(pdfium, textpage, i: int) -> tuple[float, float, float, float]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium.FPDFText_GetCharBox(textpage, i, *(ctypes.byref(v) for v in (left, right, bottom, top)))
    return left.value, right.value, -top.value, -bottom.value


def _rules(pdfium, obj, m, out: list[Rule], budget: _Budget, index: int, depth: int) -> None:
    """The straight horizontal and vertical strokes of a path (and of paths inside a form)."""
    kind = pdfium.FPDFPageObj_GetType(obj)
    if kind not in (_PAGEOBJ_PATH, _PAGEOBJ_FORM):
        return
    own = pdfium.FS_MATRIX()
    if not pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(own)):
        return
    a, b, c, d, e, f = m
    # this object's matrix, then its container's
    m = (own.a * a + own.b * c, own.a * b + own.b * d, own.c * a + own.d * c, own.c * b + own.d * d,
         own.e * a + own.f * c + e, own.e * b + own.f * d + f)
    if kind == _PAGEOBJ_FORM:
        if depth < 4:
            for k in range(pdfium.FPDFFormObj_CountObjects(obj)):
                _rules(pdfium, pdfium.FPDFFormObj_GetObject(obj, k), m, out, budget, index, depth + 1)
        return
    n = pdfium.FPDFPath_CountSegments(obj)
    budget.segments += max(n, 0)
    if budget.segments > MAX_PATH_SEGMENTS:
        raise InputError(f"PDF 图形过多（第 {index + 1} 页起超过上限）(too many drawn paths for a report)")
    if n < 2 or n > 4096 or not _visible(pdfium, obj):   # rules, boxes (Word: a table in one path)
        return
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    start = prev = None
    for k in range(n):
        seg = pdfium.FPDFPath_GetPathSegment(obj, k)
        if not seg or not pdfium.FPDFPathSegment_GetPoint(seg, px, py):
            return
        point = (a * x.value + c * y.value + e, -(b * x.value + d * y.value + f))
        if not (math.isfinite(point[0]) and math.isfinite(point[1])):
            return
        kind = pdfium.FPDFPathSegment_GetType(seg)
        if kind == _SEGMENT_MOVETO:
            start = point
        elif kind == _SEGMENT_LINETO and prev is not None:
            _straight(prev, point, out)
        if pdfium.FPDFPathSegment_GetClose(seg) and start is not None:
            _straight(point, start, out)
        prev = point


def _visible(pdfium, obj) -> bool:
    """Stroked, or filled in a colour: WPS lays a white box behind every line of text, which
    draws nothing and must not be taken for a table."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    if stroke.value:
        return True
    if not fill.value:
        return False
    rgba = [ctypes.c_uint() for _ in range(4)]
    if not pdfium.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(v) for v in rgba)):
        return True
    r, g, b, a = (v.value for v in rgba)
    return a > 0 and min(r, g, b) < 245


def _straight(p, q, out: list[Rule]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= 2:
        out.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= 2:
        out.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
