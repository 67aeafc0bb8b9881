"""Reading a report: bytes from a path or stdin, decoded to text.

Encoding order: ``--encoding`` wins; then a BOM; then strict UTF-8; then UTF-16 without a BOM
(``utf16_without_bom``); then charset-normalizer restricted to the encodings Chinese reports
actually use (GB18030, Big5); then strict GB18030. Anything that fails is an InputError — one line,
naming the file and the problem — never a traceback.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from report_lint.places import Places

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a report is tens of KB; 20 MB is far beyond any real one

BOMS = (  # every reader's byte-order marks (readers.html too)
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


_SURROGATE = re.compile("[\ud800-\udfff]")
# the codecs decode() picks by itself: strict, each rejects a lone surrogate (no text to search)
_NO_SURROGATES = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                            "gb18030", "big5"})
# control characters other than whitespace (\t \n \v \f \r): counted by one findall, not a loop
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
NOT_FOUND = "文件不存在 (file not found)"


class InputError(Exception):
    """A file that cannot be checked at all (exit code 2). The message is one line."""


@dataclass
class Source:
    """A file as read: its decoded text and the encoding it was decoded with."""
    path: str          # as given on the command line ("-" for stdin)
    text: str          # decoded, newlines normalised to \n
    encoding: str
    kind: str = "text"             # text | docx | pdf | html (what the reader read)
    places: "Places | None" = None  # documents: where each stretch of `text` stands in the file


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if path == "-":
        import sys
        if sys.stdin is None:
            raise InputError("标准输入已关闭 (standard input is closed)")
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except OSError as e:
            raise InputError(f"无法读取标准输入 ({e.strerror or e})") from None
    else:
        data = read_regular(path, max_bytes, "; see --max-size")
    if len(data) > max_bytes:
        raise InputError(f"文件过大：超过上限 {max_bytes} 字节 (file too large; see --max-size)")
    return data


def read_regular(path: str, max_bytes: int, hint: str = "") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``. Anything else — a directory, a FIFO,
    a socket, a device — is refused before it is opened (a FIFO would block forever, a device
    may act on being opened), and checked again on the open descriptor, in case it was swapped."""
    def refuse(st) -> None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError("是目录而不是文件 (is a directory)")
        if not stat.S_ISREG(st.st_mode):
            raise InputError("不是普通文件（管道、设备等） (not a regular file)")
        if st.st_size > max_bytes:
            raise InputError(f"文件过大：{st.st_size} 字节，上限 {max_bytes} 字节 (file too large{hint})")

    try:
        refuse(os.stat(path))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(fd)
            refuse(st)
            # as much as fstat tells, and one byte to see the end: a read of max_bytes + 1 would
            # allocate that much (20 MB) for every file. Read on if the file has grown since.
            data = f.read(st.st_size + 1)
            if len(data) > st.st_size:
                data += f.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise InputError(NOT_FOUND) from None
    except PermissionError:
        raise InputError("没有读取权限 (permission denied)") from None
    except (OSError, ValueError) as e:       # ValueError: a NUL in the name
        raise InputError(f"无法读取 ({getattr(e, 'strerror', None) or e})") from None
    if len(data) > max_bytes:
        raise InputError(f"文件过大：超过上限 {max_bytes} 字节 (file too large{hint})")
    return data


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError when no encoding fits."""
    if encoding:
        try:
            import warnings
            with warnings.catch_warnings():      # escape codecs warn about `\O`: not the user's concern
                warnings.simplefilter("ignore", DeprecationWarning)
                return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"未知的编码名 {encoding!r} (unknown encoding)") from None
        except UnicodeDecodeError as e:
            raise InputError(f"按 {encoding} 解码失败，第 {e.start} 字节 (cannot decode as {encoding})") from None
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise InputError(f"带 {name} 字节序标记但内容无法解码，第 {e.start} 字节") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    name = utf16_without_bom(data)     # before charset-normalizer, which takes it for GB18030
    if name:
        return data.decode(name), name
    from charset_normalizer import from_bytes  # only non-UTF-8 input pays this import

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None:
        name = best.encoding
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        raise InputError(
            f"无法识别文件编码（不是 UTF-8、GB18030、Big5 或 UTF-16），第 {e.start} 字节起无法解码；"
            "可用 --encoding 指定 (cannot detect the encoding)") from None


def check_text(text: str) -> None:
    """Reject what is not a report's text at all: empty, binary, control-character soup."""
    if not text or text.isspace():
        raise InputError("文件为空 (empty file)")
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError("看起来是二进制文件而不是文本 (binary file)")


def read_source(path: str, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    data = read_bytes(path, max_bytes)
    if not data:
        raise InputError("文件为空 (empty file)")
    from report_lint.readers import kind_of, read_document   # a Word, PDF or web-page file

    kind = kind_of(path, data)
    if kind is not None:
        return read_document(path, data, kind)
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and encoding is None and utf16_without_bom(data) is None:
        raise InputError("看起来是二进制文件而不是文本 (binary file)")
    text, enc = decode(data, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(text)
    m = None if enc in _NO_SURROGATES else _SURROGATE.search(text)
    if m:  # only a codec such as unicode_escape or utf-7 makes these; OpenCC and UTF-8 output cannot take them
        raise InputError(f"按 {enc} 解码后含有无效的代理字符，第 {m.start()} 个字符 (decodes to lone surrogates)")
    return Source(path, text, enc)


# What a report's characters are: CJK ideographs (and extension A), CJK and general punctuation,
# full-width forms, printable ASCII and whitespace.
_TEXTLIKE = re.compile("[\t\n\r\x20-\x7e\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``data`` decodes strictly as one and reads as Chinese
    text (nearly every character a hanzi, a punctuation mark, ASCII or whitespace), else None.
    Chinese UTF-16 has NULs only where a character is ASCII, so counting NULs misses it; GB18030
    or binary bytes read as UTF-16 fall on surrogates, Hangul, Yi or private-use characters."""
    if len(data) % 2 or len(data) < 4:
        return None
    best, best_share = None, 0.9
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:65536].decode(name)
        except UnicodeDecodeError as e:
            if e.start < 65534:           # a pair cut by the sample's end is no error
                continue
            text = data[:e.start].decode(name)
        share = len(_TEXTLIKE.findall(text)) / max(1, len(text))
        if share > best_share:
            best, best_share = name, share
    if best is not None:
        try:
            data.decode(best)
        except UnicodeDecodeError:
            return None
    return best
