"""The .html reader: a report published as a web page, read as the page shows it.

* **Bytes decoded here**: a BOM; else the `<meta>` charset (gb2312 and gbk read as GB18030,
  their superset, which is what such pages really hold); else strict UTF-8; else GB18030.
* **The report body only**: the deepest element holding most of the report's section headings
  and mandated tables (the CMS article `<div>`), so the site's menus, breadcrumbs, share
  buttons and footers are not read — they are not the clerk's defect. The page's report title,
  when it stands outside that element, is read as the first line. A page with no heading of
  the format (fewer than two headings and tables) is read whole, minus `<nav>`, `<header>`,
  `<footer>`, elements whose class or id names a menu, breadcrumb, header, footer or sidebar, and
  scripts.
* **Tables on their grid**: `rowspan`/`colspan` expanded (a merged cell printed once at its
  top-left position, as report_lint.readers.pipe prints Word tables), only a table's own rows
  (a nested table is not its parent's rows); `&nbsp;`, full-width spaces and empty cells are
  blank cells, never 0. A row one of whose cells holds a table (a layout table) is read as the
  blocks it holds.
* **Bounded**: lxml's HTML parser with no huge trees and no network; a page of more than
  MAX_ELEMENTS tags, or nested deeper than MAX_DEPTH (libxml2 silently cuts trees at 256 levels:
  such a page cannot be read faithfully), is an input error.
"""
from __future__ import annotations

import re

from report_lint.read import BOMS, InputError, Source
from report_lint.readers.pipe import GridCell, TextWriter, cell_text

MAX_DEPTH = 200
MAX_ELEMENTS = 100_000   # a report page has ~5,000 tags; this bounds the tree and the walk (~2 s)
MAX_SPAN = 1000          # the HTML standard's limit of colspan; rowspan is cut at the table's end
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WIDE = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
         "cp936": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252",
         "us-ascii": "utf-8", "ascii": "utf-8"}
_WS = re.compile(r"[ \t\n\r\f]+")
_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg",
         "button", "select", "input", "textarea", "map", "canvas", "audio", "video"}
_CHROME = {"nav", "header", "footer", "aside", "menu"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
          "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption",
          "form", "fieldset", "hr", "caption", "body", "html", "table", "tr", "td", "th", "tbody",
          "thead", "tfoot", "header", "footer", "nav", "aside", "details", "summary"}
# class or id of a site's own parts (read whole, a page leaves them out)
_SITE = re.compile(r"(?i)\b[\w-]*(nav|menu|breadcrumb|crumb|footer|header|sidebar|copyright|share)[\w-]*\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml[^>]*>")
_HEADING = re.compile(r"^\s*[一二三四五六][、.．]")
_TABLE_WORDS = ("信息内容", "申请人情况", "本年新收", "行政复议", "行政诉讼", "予以公开", "第二十条")
_TITLE = re.compile(r"\S{0,30}(?:19|20)\d\d\s*年\S{0,30}?报告")   # 某县2024年…年度报告


def decode(data: bytes) -> tuple[str, str]:
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise InputError(f"网页带 {name} 字节序标记但无法解码 (cannot decode the page)") from None
    m = _META.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii").lower()
        name = _WIDE.get(name, name)
        try:
            return data.decode(name), name
        except LookupError:
            pass                          # an unknown charset name: the content decides
        except UnicodeDecodeError:
            pass                          # the page lies about its charset: the content decides
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        raise InputError(f"网页编码无法识别（不是 UTF-8 或 GB18030），第 {e.start} 字节 (cannot decode the page)") from None


def _depth(root) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _tag(el) -> str:
    t = el.tag            # libxml2's HTML parser gives lower-case names; comments give a function
    return t if isinstance(t, str) else ""


def text_content(el) -> str:
    return "".join(el.itertext())


def _block_of(el):
    """The nearest block element holding el (el itself when it is one)."""
    while el is not None and _tag(el) not in _BLOCK:
        el = el.getparent()
    return el


def find_body(root):
    """The deepest element holding three quarters of the report's headings and tables (weighted:
    a mandated table counts three), or None when the page shows no heading or table of a report.

    A heading is a short block whose text starts `一、` … `六、`: found from the text nodes that
    start so (cheap), its block's whole text measured only for those; a table cell is no heading
    (表三's row labels start so). The body is never a table's own part (one mandated table and
    no heading would otherwise be the body, its prose lost), and two markers are needed at least:
    with fewer, the page is read whole."""
    weights: dict = {}
    total = markers = 0
    seen = set()
    for el in root.iter():
        tag = _tag(el)
        w = 0
        if tag == "table":
            if any(word in text_content(el) for word in _TABLE_WORDS):
                marker, w = el, 3
        elif el.text and _HEADING.match(el.text):
            marker = _block_of(el)
            if marker is not None and marker not in seen and _tag(marker) not in ("html", "body", "td", "th"):
                seen.add(marker)
                if len(_WS.sub("", text_content(marker))) < 40:
                    w = 1
        if w:
            el = marker
            total += w
            markers += 1
            for anc in el.iterancestors():
                weights[anc] = weights.get(anc, 0) + w
            weights[el] = weights.get(el, 0) + w
    if total < 3 or markers < 2:
        return None
    best, best_depth = None, -1
    for el, w in weights.items():
        if w * 4 >= total * 3 and _tag(el) not in ("table", "tbody", "thead", "tfoot", "tr"):
            d = sum(1 for _ in el.iterancestors())
            if d > best_depth:
                best, best_depth = el, d
    return best


def _title(root, body) -> str | None:
    """The report's title when the page prints it outside the body (an <h1> above the article),
    else the page's own <title> when it names a year's report."""
    inside = set(body.iter())
    for tags in (("h1", "h2", "h3"), ("div", "p", "td", "span", "strong")):
        for el in root.iter(*tags):
            if el in inside or any(a in inside for a in el.iterancestors()):
                continue
            text = _WS.sub(" ", text_content(el)).strip()
            if len(text) <= 60 and _TITLE.search(text):
                return text
    head = root.find("head/title")
    text = _WS.sub(" ", text_content(head)).strip() if head is not None else ""
    m = _TITLE.search(text)
    return text[:m.end()] if m and len(text) <= 80 else None


class Walker:
    """Walks the body element into a TextWriter: blocks into paragraphs, tables into grids."""

    def __init__(self, out: TextWriter, chrome: bool) -> None:
        self.out = out
        self.skip_chrome = chrome       # reading a whole page: leave nav/header/footer out
        self.line: list[str] = []

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.line)).replace("\xa0", " ").strip()
        self.line = []
        if text:
            self.out.paragraph(text)

    def walk(self, el) -> None:
        tag = _tag(el)
        if tag in _SKIP or (self.skip_chrome and (tag in _CHROME or _SITE.search(
                f"{el.get('class', '')} {el.get('id', '')}"))):
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if el.text and tag:
            self.line.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.line.append(child.tail)
        if block:
            self.flush()

    def _rows(self, table) -> list:
        rows = []
        for child in table:
            tag = _tag(child)
            if tag == "tr":
                rows.append(child)
            elif tag in ("thead", "tbody", "tfoot"):
                rows += [r for r in child if _tag(r) == "tr"]
        return rows

    def table(self, table) -> None:
        for cap in table.iterchildren("caption"):       # a table's title, printed above it
            self.walk_children(cap)
        no = self.out.new_table()
        rows = self._rows(table)
        taken: dict[int, set[int]] = {}
        has_nested = next(table.iterdescendants("table"), None) is not None
        for r, tr in enumerate(rows, 1):
            cells = [c for c in tr if _tag(c) in ("td", "th")]
            if has_nested and any(next(c.iterdescendants("table"), None) is not None for c in cells):
                for c in cells:             # a layout row: what its cells hold
                    self.walk_children(c)
                self.flush()
                continue
            printed: list[GridCell] = []
            col = 1
            busy = taken.get(r, set())
            for c in cells:
                while col in busy:
                    col += 1
                cspan = _span(c.get("colspan"), MAX_SPAN)
                rspan = _span(c.get("rowspan"), len(rows) - r + 1, zero=len(rows) - r + 1)
                printed.append(GridCell(self._cell_text(c), r, col))
                for dr in range(rspan):
                    if dr:
                        taken.setdefault(r + dr, set()).update(range(col, col + cspan))
                col += cspan
            taken.pop(r, None)
            self.out.row(no, printed)

    def walk_children(self, el) -> None:
        if el.text:
            self.line.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.line.append(child.tail)
        self.flush()

    def _cell_text(self, cell) -> str:
        lines: list[str] = []
        cur: list[str] = []

        def visit(el) -> None:
            tag = _tag(el)
            if tag in _SKIP:
                return
            if tag in _BLOCK or tag == "br":
                lines.append("".join(cur))
                cur.clear()
            if el.text and tag != "br":
                cur.append(el.text)
            for child in el:
                visit(child)
                if child.tail:
                    cur.append(child.tail)
            if tag in _BLOCK:
                lines.append("".join(cur))
                cur.clear()

        visit(cell)
        lines.append("".join(cur))
        return cell_text([_WS.sub(" ", x) for x in lines])


def _span(value, limit: int, zero: int = 1) -> int:
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    if n == 0:
        return max(zero, 1)
    return max(1, min(n, limit))


def read(path: str, data: bytes) -> Source:
    from lxml import etree

    text, encoding = decode(data)
    # invisible in a browser, refused by libxml2 in a str: control characters and an XHTML
    # page's XML declaration (its encoding is decided above)
    text = _XML_DECL.sub("", _CONTROL.sub("", text), count=1)
    if not text.strip():
        raise InputError("网页为空 (empty page)")
    if text.count("<") - text.count("</") > MAX_ELEMENTS:     # counted before parsing: they bound the tree
        raise InputError(f"网页的标签超过 {MAX_ELEMENTS} 个，不像一份年度报告 (too many HTML tags)")
    parser = etree.HTMLParser(huge_tree=False, no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as e:
        raise InputError(f"无法解析网页：{str(e).splitlines()[0][:100] if str(e) else '空文档'} (cannot parse the page)") from None
    if root is None:
        raise InputError("网页没有内容 (the page has no content)")
    if _depth(root) > MAX_DEPTH:
        raise InputError(f"网页元素嵌套超过 {MAX_DEPTH} 层，无法可靠读取 (HTML nested too deep)")
    out = TextWriter()
    body = find_body(root)
    if body is not None:
        title = _title(root, body)
        if title:
            out.paragraph(title)
        walker = Walker(out, chrome=False)
    else:
        body = root.find("body") if root.find("body") is not None else root
        walker = Walker(out, chrome=True)
    walker.walk(body)
    walker.flush()
    result = out.text()
    if not result.strip():
        raise InputError("网页没有正文文字 (the page has no text)")
    return Source(path, result, encoding, kind="html", places=out.places)
