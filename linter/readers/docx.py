"""The .docx reader: a Word (or WPS) document's body, as Word shows it, into checked text.

* Body paragraphs and tables in document order (content controls and custom XML unwrapped);
  headers, footers, footnotes and comments are not read (page numbers and remarks are not the
  report's text); hidden text (`w:vanish`) is left out, as is the text of text boxes.
* Tracked changes read as accepted: deleted text (`w:del`, `w:moveFrom`) left out, inserted text
  (`w:ins`, `w:moveTo`) in, a deleted row left out, a deleted paragraph mark joins the paragraph
  to the next.
* Automatic numbering rendered as Word shows it (numbering.xml: `chineseCounting` → `一、`,
  `（一）`, decimal → `1.`; each level's `lvlText`, start, `startOverride` and restart), so a
  heading whose number Word generates is seen like a typed one — also through the paragraph style.
* Tables on their grid: `gridSpan` and `gridBefore` give each cell its grid column, a vertically
  merged cell (`vMerge`) is printed once in its first row (report_lint.readers.pipe). A row one
  of whose cells holds a table (a layout table wrapping the report) is read as the blocks it
  holds, its tables on their own.

The package is bounded before anything is parsed: a corrupt zip, a zip bomb (a part larger than
MAX_PART decompressed, or compressed more than MAX_RATIO to 1), a part of more than MAX_ELEMENTS tags, a part with a DTD or entity
declarations (never expanded, never fetched), a zip that holds no Word document — each an
InputError. XML is parsed by lxml with entities unresolved, no network and no huge trees.
"""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from report_lint.read import InputError, Source
from report_lint.readers.pipe import GridCell, TextWriter, cell_text

MAX_PART = 16 * 1024 * 1024   # decompressed bytes of one XML part (a long report's is < 1 MB)
MAX_RATIO = 100               # decompressed : compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ENTRIES = 10_000
# XML elements of one part: a 60-page report's document.xml has ~50,000; libxml2 and the walk
# cost ~0.5 KB and ~5 µs per element, so this keeps a hostile part within ~150 MB and ~2 s
MAX_ELEMENTS = 300_000
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = ("/officeDocument",)
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# what the fast path of paragraph text cannot see: hidden runs, text boxes, alternate content,
# tracked deletions and moves, field codes, nested paragraphs (their presence anywhere in the part)
_TRICKY = re.compile(rb"vanish|txbxContent|AlternateContent|:del[ >/]|moveFrom|instrText")
NOT_WORD = "不是 Word 文档：zip 压缩包里没有 Word 正文 (a zip archive that is not a Word document)"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          dtd_validation=False, remove_comments=True, remove_pis=True)


class Package:
    """The zip of a .docx, each part read with its size and compression bounded."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except Exception:           # zipfile fails on a mangled archive in many ways (struct, versions…)
            raise InputError("文件已损坏，不是完整的 zip/docx 文件 (corrupt .docx: not a readable zip archive)") from None
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"zip 压缩包内文件过多（{len(infos)} 个） (too many entries in the archive)")
        self.infos = {i.filename: i for i in infos}
        self._raw: dict[str, bytes] = {}

    def has(self, name: str) -> bool:
        return name in self.infos

    def raw(self, name: str) -> bytes:
        if name not in self._raw:
            self._raw[name] = self._inflate(name)
        return self._raw[name]

    def _inflate(self, name: str) -> bytes:
        info = self.infos[name]
        if info.file_size > MAX_PART or (info.file_size > RATIO_FLOOR
                                         and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise InputError(f"{name} 解压后过大或压缩比异常（{info.file_size} 字节），疑似 zip 炸弹 "
                        "(zip bomb: a part decompresses too large)")
        try:
            with self.zip.open(info) as f:
                data = f.read(MAX_PART + 1)     # the declared size may lie: bound what is inflated
        except RuntimeError as e:          # zipfile's word for a password-protected member
            if "encrypted" not in str(e) and "password" not in str(e):
                raise
            raise InputError(f"{name} 已加密，无法读取 (encrypted archive)") from None
        except NotImplementedError:
            raise InputError(f"{name} 使用了不支持的压缩方法 (unsupported compression)") from None
        except Exception:           # zlib.error, BadZipFile (CRC), struct.error, EOFError …
            raise InputError(f"{name} 已损坏，无法解压 (corrupt .docx: cannot decompress {name})") from None
        if len(data) > MAX_PART:
            raise InputError(f"{name} 解压后超过 {MAX_PART} 字节，疑似 zip 炸弹 (zip bomb)")
        return data

    def xml(self, name: str):
        data = self.raw(name)
        if _DTD.search(data[:4096]) or b"<!ENTITY" in data or b"<!DOCTYPE" in data:
            raise InputError(f"{name} 含有 DTD 或实体声明，拒绝读取 (XML with a DTD or entities is refused)")
        if data.count(b"<") > MAX_ELEMENTS:       # counted before parsing: tags bound the tree
            raise InputError(f"{name} 的 XML 元素超过 {MAX_ELEMENTS} 个，不像一份年度报告 "
                             "(too many XML elements)")
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as e:
            raise InputError(f"{name} 不是格式正确的 XML：{str(e).splitlines()[0][:120]} (malformed XML)") from None
        if root.getroottree().docinfo.internalDTD is not None:
            raise InputError(f"{name} 含有 DTD，拒绝读取 (XML with a DTD is refused)")
        return root

    def main_part(self) -> str:
        """The main document part, as the package relationships name it (word/document.xml)."""
        if self.has("_rels/.rels"):
            rels = self.xml("_rels/.rels")
            for rel in rels.iter(f"{{{_REL}}}Relationship"):
                if rel.get("Type", "").endswith(_OFFICE_DOC) and rel.get("TargetMode") != "External":
                    target = rel.get("Target", "").lstrip("/")
                    if self.has(target):
                        return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise InputError(NOT_WORD)

    def related(self, main: str, kind: str) -> str | None:
        """The part a relationship of the main part of this type points to (numbering, styles)."""
        folder, _, base = main.rpartition("/")
        rels = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        if not self.has(rels):
            return None
        for rel in self.xml(rels).iter(f"{{{_REL}}}Relationship"):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                name = target.lstrip("/") if target.startswith("/") else _join(folder, target)
                return name if self.has(name) else None
        return None


def _child(el, tag: str):
    """The first child of that tag, or None (iterchildren runs in C; find() goes through
    ElementPath in Python — it was a third of the reading time)."""
    return next(el.iterchildren(tag), None)


def _join(folder: str, target: str) -> str:
    parts = (folder.split("/") if folder else []) + target.split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


# ---- automatic numbering ---------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_ZODIAC = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting up to 9999)."""
    if n <= 0 or n >= 10000:
        return str(n)
    if 10 <= n < 20:
        return ten + (digits[n - 10] if n > 10 else "")
    units = ((1000, "千"), (100, "百"), (10, ten), (1, ""))
    out, zero = "", False
    for value, name in units:
        d = n // value % 10
        if d:
            if zero and out:
                out += digits[0]
            out += digits[d] + name
            zero = False
        else:
            zero = True
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def number_text(n: int, fmt: str) -> str:
    """A list number in a numbering format (ST_NumberFormat) as Word prints it."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital", "japaneseCounting"):
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, _LEGAL, "拾")
    if fmt in ("ideographTraditional", "ideographZodiac"):
        return _ZODIAC[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """numbering.xml and the styles' numbering, with the running counters of the document."""

    def __init__(self, w: str, numbering, styles) -> None:
        self.w = w
        self.levels: dict[str, dict[int, dict]] = {}     # abstractNumId → ilvl → level
        self.nums: dict[str, tuple[str, dict[int, dict]]] = {}  # numId → (counter key, overrides)
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: dict[str, set] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _q(self, tag: str) -> str:
        return f"{{{self.w}}}{tag}"

    def _val(self, el, tag: str):
        child = _child(el, self._q(tag)) if el is not None else None
        return None if child is None else child.get(self._q("val"))

    def _level(self, lvl) -> dict:
        start = self._val(lvl, "start")
        return {"start": int(start) if start and start.lstrip("-").isdigit() else 1,
                "fmt": self._val(lvl, "numFmt") or "decimal",
                "text": self._val(lvl, "lvlText"),
                "legal": _child(lvl, self._q("isLgl")) is not None}

    def _read_numbering(self, root) -> None:
        q = self._q
        for a in root.iter(q("abstractNum")):
            aid = a.get(q("abstractNumId"))
            self.levels[aid] = {int(lvl.get(q("ilvl"), "0")): self._level(lvl)
                                for lvl in a.iter(q("lvl")) if (lvl.get(q("ilvl")) or "0").isdigit()}
        for num in root.iter(q("num")):
            nid, aid = num.get(q("numId")), self._val(num, "abstractNumId")
            overrides: dict[int, dict] = {}
            for o in num.iter(q("lvlOverride")):
                ilvl = int(o.get(q("ilvl"), "0")) if (o.get(q("ilvl")) or "0").isdigit() else 0
                lvl = _child(o, q("lvl"))
                over = self._level(lvl) if lvl is not None else {}
                start = self._val(o, "startOverride")
                if start and start.lstrip("-").isdigit():
                    over["start"] = int(start)
                    over["restart"] = True
                overrides[ilvl] = over
            # numbers run on across the numIds of one list, unless a num restarts them
            key = f"n{nid}" if any(o.get("restart") for o in overrides.values()) else f"a{aid}"
            self.nums[nid] = (key if aid is not None else f"n{nid}", overrides, aid)

    def _read_styles(self, root) -> None:
        q = self._q
        based: dict[str, str] = {}
        own: dict[str, tuple] = {}
        for st in root.iter(q("style")):
            sid = st.get(q("styleId"))
            b = self._val(st, "basedOn")
            if b:
                based[sid] = b
            numpr = st.find(f"{q('pPr')}/{q('numPr')}")
            if numpr is not None:
                ilvl = self._val(numpr, "ilvl")
                own[sid] = (self._val(numpr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else None)
        for sid in set(own) | set(based):
            s, seen = sid, 0
            while s is not None and s not in own and seen < 20:
                s, seen = based.get(s), seen + 1
            if s in own:
                self.style_num[sid] = own[s]

    def prefix(self, ppr) -> str:
        """The list number a paragraph shows ("" when it has none); advances the counters."""
        num_id, ilvl = None, None
        if ppr is not None:
            style = self._val(ppr, "pStyle")
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
            numpr = _child(ppr, self._q("numPr"))
            if numpr is not None:
                nid = self._val(numpr, "numId")
                lv = self._val(numpr, "ilvl")
                num_id = nid if nid is not None else num_id
                ilvl = int(lv) if lv and lv.isdigit() else ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(ilvl or 0, 8)
        key, overrides, aid = self.nums[num_id]
        levels = self.levels.get(aid, {})

        def level(i: int) -> dict:
            lv = dict(levels.get(i, {"start": 1, "fmt": "decimal", "text": f"%{i + 1}.", "legal": False}))
            lv.update({k: v for k, v in overrides.get(i, {}).items() if k != "restart"})
            return lv

        counts = self.counters.setdefault(key, [0] * 9)
        started = self.started.setdefault(key, set())
        if ilvl not in started:
            counts[ilvl] = level(ilvl)["start"]
            started.add(ilvl)
        else:
            counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):       # a deeper list starts again under a new item
            started.discard(deeper)
        cur = level(ilvl)
        text = cur["text"]
        if text is None:
            return ""

        def sub(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if i > ilvl or not 0 <= i < 9:
                return ""
            lv = level(i)
            n = counts[i] if i in started else lv["start"]
            return number_text(n, "decimal" if cur["legal"] and i < ilvl else lv["fmt"])

        return re.sub(r"%([1-9])", sub, text)


# ---- the body --------------------------------------------------------------------------------

class Body:
    """Walks w:body into a TextWriter."""

    def __init__(self, w: str, numbering: Numbering, out: TextWriter, simple: bool = False) -> None:
        self.w = w
        self.simple = simple    # the part has nothing _runs must skip: text taken straight
        self.q = {t: f"{{{w}}}{t}" for t in (
            "p", "tbl", "tr", "tc", "r", "t", "tab", "br", "cr", "pPr", "rPr", "tcPr", "trPr", "gridSpan",
            "vMerge", "gridBefore", "del", "ins", "moveFrom", "moveTo", "vanish", "val", "sdt",
            "sdtContent", "customXml", "noBreakHyphen", "txbxContent", "instrText", "delText",
            "body", "sectPr", "hMerge", "smartTag", "hyperlink", "fldSimple")}
        self.numbering = numbering
        self.out = out
        # subtrees whose text Word does not show in the body
        self.skip = {self.q["del"], self.q["moveFrom"], self.q["pPr"], self.q["rPr"], self.q["instrText"],
                     self.q["delText"], self.q["txbxContent"], f"{{{_MC}}}Fallback", self.q["sectPr"],
                     self.q["tcPr"], self.q["trPr"]}
        self.pending = ""      # text of a paragraph whose mark was deleted (joins the next)

    # -- paragraphs --
    def _hidden(self, run) -> bool:
        rpr = _child(run, self.q["rPr"])
        if rpr is None:
            return False
        v = _child(rpr, self.q["vanish"])
        return v is not None and v.get(self.q["val"], "true") not in ("0", "false", "off")

    def _runs(self, el, parts: list[str], in_cell: bool) -> None:
        q = self.q
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in self.skip:
                continue
            if tag == q["t"]:
                parts.append(child.text or "")
            elif tag == q["r"]:
                if not self._hidden(child):
                    self._runs(child, parts, in_cell)
            elif tag == q["tab"]:
                parts.append(" " if in_cell else "\t")
            elif tag in (q["br"], q["cr"]):
                parts.append("\n")
            elif tag == q["noBreakHyphen"]:
                parts.append("-")
            elif tag == q["p"]:           # a paragraph nested in a run container (rare)
                self._runs(child, parts, in_cell)
            else:                          # w:ins, w:moveTo, w:hyperlink, w:sdt, w:smartTag, fields …
                self._runs(child, parts, in_cell)

    def paragraph_text(self, p, in_cell: bool = False) -> tuple[str, bool]:
        """The paragraph as shown (list number first) and whether its mark was deleted."""
        ppr = _child(p, self.q["pPr"])
        parts: list[str] = [self.numbering.prefix(ppr)]
        if self.simple:
            q = self.q
            tab = " " if in_cell else "\t"
            for el in p.iter(q["t"], q["tab"], q["br"], q["cr"], q["noBreakHyphen"]):
                tag = el.tag
                parts.append((el.text or "") if tag == q["t"] else tab if tag == q["tab"] else
                             "-" if tag == q["noBreakHyphen"] else "\n")
        else:
            self._runs(p, parts, in_cell)
        mark_deleted = False
        if ppr is not None:
            rpr = _child(ppr, self.q["rPr"])
            mark_deleted = rpr is not None and _child(rpr, self.q["del"]) is not None
        return "".join(parts), mark_deleted

    # -- blocks --
    def blocks(self, parent) -> None:
        q = self.q
        for child in parent:
            tag = child.tag
            if tag == q["p"]:
                text, joined = self.paragraph_text(child)
                if joined:
                    self.pending += text
                    continue
                self.out.paragraph(self.pending + text)
                self.pending = ""
            elif tag == q["tbl"]:
                self.flush()
                self.table(child)
            elif tag in (q["sdt"], q["sdtContent"], q["customXml"], q["ins"], q["moveTo"]):
                self.blocks(child)
        # a deleted mark at the very end has no next paragraph to join: it stays a paragraph

    def flush(self) -> None:
        if self.pending:
            self.out.paragraph(self.pending)
            self.pending = ""

    def _rows(self, tbl):
        q = self.q
        for child in tbl:
            if child.tag == q["tr"]:
                trpr = _child(child, q["trPr"])
                if trpr is not None and _child(trpr, q["del"]) is not None:
                    continue            # a deleted row: accepted, it is gone
                yield child
            elif child.tag in (q["sdt"], q["sdtContent"], q["customXml"], q["ins"]):
                yield from self._rows(child)

    def _cells(self, tr):
        q = self.q
        for child in tr:
            if child.tag == q["tc"]:
                yield child
            elif child.tag in (q["sdt"], q["sdtContent"], q["customXml"], q["ins"]):
                yield from self._cells(child)

    def _int(self, el, tag: str, default: int) -> int:
        c = _child(el, self.q[tag]) if el is not None else None
        v = c.get(self.q["val"]) if c is not None else None
        return int(v) if v and v.isdigit() and 0 < int(v) < 1000 else default

    def table(self, tbl) -> None:
        q = self.q
        no = self.out.new_table()
        has_nested = next(tbl.iterdescendants(q["tbl"]), None) is not None
        for r, tr in enumerate(self._rows(tbl), 1):
            col = 1 + self._int(_child(tr, q["trPr"]), "gridBefore", 0)
            printed: list[GridCell] = []
            nested = False
            cells = list(self._cells(tr))
            for tc in cells:
                tcpr = _child(tc, q["tcPr"])
                span = self._int(tcpr, "gridSpan", 1)
                vm = _child(tcpr, q["vMerge"]) if tcpr is not None else None
                hm = _child(tcpr, q["hMerge"]) if tcpr is not None else None
                continued = (vm is not None and vm.get(q["val"], "continue") == "continue") or \
                            (hm is not None and hm.get(q["val"], "continue") == "continue")
                if has_nested and next(tc.iterdescendants(q["tbl"]), None) is not None:
                    nested = True
                if not continued:
                    printed.append(GridCell(self._cell_text(tc), r, col))
                col += span
            if nested:                      # a layout table: what its cells hold, in order
                for tc in cells:
                    self.blocks(tc)
                self.flush()
            else:
                self.out.row(no, printed)

    def _cell_text(self, tc) -> str:
        lines = []
        for p in tc.iter(self.q["p"]):
            text, _ = self.paragraph_text(p, in_cell=True)
            lines += text.split("\n")
        return cell_text(lines)


def read(path: str, data: bytes) -> Source:
    pkg = Package(data)
    main = pkg.main_part()
    root = pkg.xml(main)
    w = etree.QName(root).namespace or ""
    body = root.find(f"{{{w}}}body")
    if etree.QName(root).localname != "document" or body is None:
        raise InputError(NOT_WORD)
    numbering = styles = None
    name = pkg.related(main, "numbering")
    if name:                      # styles matter only for the numbering they carry
        numbering = pkg.xml(name)
        name = pkg.related(main, "styles")
        styles = pkg.xml(name) if name else None
    out = TextWriter()
    walker = Body(w, Numbering(w, numbering, styles), out, simple=not _TRICKY.search(pkg.raw(main)))
    walker.blocks(body)
    walker.flush()
    text = out.text()
    if not text.strip():
        raise InputError("Word 文档没有正文文字 (the Word document has no text)")
    return Source(path, text, "docx", kind="docx", places=out.places)
