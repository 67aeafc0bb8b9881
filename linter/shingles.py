"""Copied text, measured in linear time: a text's hashed shingles and the share of them another
text also has.

A text is masked first — every run of digits becomes `#` and whitespace goes — so that last
year's report with its years and figures moved on is the same text. Its shingles are the
overlapping runs of K characters; each is hashed with CRC-32 (deterministic in every process,
unlike Python's salted ``hash``; a worker and the parent agree) and kept as an ``array('I')``,
4 bytes a shingle. The share of a section repeated from another report is the fraction of its
shingles found in the set of the other report's shingles: one pass over each text, a set
lookup per shingle — no sequence alignment (difflib is quadratic).
"""
from __future__ import annotations

import re
import zlib
from array import array

K = 8                     # characters per shingle: about a short phrase of Chinese prose
_MASK = re.compile(r"\d+(?:[.,]\d+)*|\s+")


def mask(text: str) -> str:
    """Years and figures as `#`, whitespace removed."""
    return _MASK.sub(lambda m: "" if m.group()[0].isspace() else "#", text)


def shingles(text: str) -> tuple[array, int]:
    """The CRC-32 of every K-character run of the masked text, and the masked length."""
    masked = mask(text)
    n = len(masked)
    out = array("I")
    if n < K:
        return out, n
    data = masked.encode("utf-32-le")
    crc = zlib.crc32
    step, width = 4, 4 * K
    out.extend(crc(data[i:i + width]) for i in range(0, len(data) - width + step, step))
    return out, n


def share(hashes: array, other: set | frozenset) -> float:
    """The fraction of ``hashes`` found in ``other`` (0.0 for an empty text)."""
    if not hashes:
        return 0.0
    return sum(1 for h in hashes if h in other) / len(hashes)
