"""Readers of documents: .docx, .pdf, .html (and legacy .doc/.wps through LibreOffice).

Each reader turns a document into the text the pipeline checks — body paragraphs as lines,
tables as pipe rows (`| label | 1 | 2 |`) — plus a `Places` map saying where each stretch of
that text stands in the document (page, paragraph, table grid cell). From there on a document
is a report like any other: one normaliser, one parser, one set of rules.

The kind of a file is recognised by its content first (`%PDF-`, a zip holding
`word/document.xml`, an OLE2 header, an HTML start), its extension second: a `.pdf` that is no
PDF, or a zip that is no Word file, is an input error, never read as text. Each reader's
library is imported only when such a file is read, so checking a .txt pays nothing for them.
"""
from __future__ import annotations

import os

from report_lint.read import InputError, Source

# extension → kind; directory walks take these too
EXTENSIONS = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html",
              ".doc": "doc", ".wps": "wps"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str | None:
    """The kind of document the bytes are, by content alone (None: not a document; text)."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\n\r \xef\xbb\xbf")[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(_OLE2):
        return "ole2"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")) or \
            (start.startswith(b"<") and (b"<html" in head.lower() or b"<body" in head.lower())):
        return "html"
    return None


def kind_of(path: str, data: bytes) -> str | None:
    """The reader for a file (None: plain text), or an InputError when content and name disagree."""
    ext = os.path.splitext(path)[1].lower() if path != "-" else ""
    by_name = EXTENSIONS.get(ext)
    by_content = sniff(data)
    if by_content == "pdf":
        return "pdf"
    if by_content == "zip":
        if by_name in ("docx", None, "doc", "wps"):
            return "docx"            # the docx reader says so when the zip holds no Word document
        raise InputError(f"扩展名是 {ext}，内容却是 zip 压缩包 (a zip archive, not {ext})")
    if by_content == "ole2":
        return "doc" if by_name != "wps" else "wps"
    if by_content == "html":
        return "html"
    if by_name == "pdf":
        raise InputError("扩展名是 .pdf，但内容不是 PDF 文件 (not a PDF file)")
    if by_name in ("docx", "doc", "wps"):
        raise InputError(f"扩展名是 {ext}，但内容不是 Word/WPS 文档 (not a Word document)")
    if by_name == "html":
        return "html"                # a fragment of HTML with no <html> start is still a page
    return None


def read_document(path: str, data: bytes, kind: str) -> Source:
    """Read a document of a known kind into a Source (text + places)."""
    try:
        return _read(path, data, kind)
    except ModuleNotFoundError as e:
        if not (e.name or "").startswith("report_lint.readers."):
            raise
        raise InputError(f"这一版本还不能读取 {kind} 文件 (reading {kind} is not supported yet)") from None


def _read(path: str, data: bytes, kind: str) -> Source:
    import importlib

    # each module has read(path, data) -> Source; .doc and .wps share the LibreOffice one
    module = importlib.import_module(f"report_lint.readers.{'legacy' if kind in ('doc', 'wps') else kind}")
    return module.read(path, data, kind) if kind in ("doc", "wps") else module.read(path, data)
