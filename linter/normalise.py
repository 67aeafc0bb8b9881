"""Normalisation for matching, with every position mapped back to the original text.

Two views of the text:
* ``norm`` — OpenCC t2s plus folding of full-width forms, brackets, quotes and dashes. Every
  step maps one character to one character, so ``norm[i]`` IS ``original[i]`` (asserted).
* ``compact`` — ``norm`` with what breaks labels removed: horizontal spaces between two
  non-alphanumeric characters (`本年新 制作数量`) and the pinyin glosses of mirror sites
  (`国(guó)`). ``compact_to_orig`` maps a compact offset back to the original offset.

Labels from the grammar go through the same ``fold`` so both sides meet in one spelling.
"""
from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add

# Full-width ASCII block → ASCII, ideographic space → space; 1:1 by construction.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20,
              0xFEFF: 0x20,
              ord("【"): ord("["), ord("】"): ord("]"), ord("［"): ord("["), ord("］"): ord("]"),
              ord("“"): ord('"'), ord("”"): ord('"'), ord("‘"): ord("'"), ord("’"): ord("'"),
              ord("「"): ord('"'), ord("」"): ord('"'),
              ord("—"): ord("-"), ord("–"): ord("-"), ord("－"): ord("-"), ord("―"): ord("-"),
              ord("．"): ord("."), ord("·"): ord("."), ord("〔"): ord("〔"), ord("〕"): ord("〕")})
# str.translate looks every character up (~55 ns each); finding which of the few that fold are
# there and replacing each (a dozen kinds in a report: ，：（）“”…) is several times faster
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items() if k != v}
_FOLD_RE = re.compile("[" + "".join(map(re.escape, sorted(_FOLD_CHARS))) + "]")


@lru_cache(maxsize=1)
def converter():
    import opencc
    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    out = converter().convert(text)
    # The offset map relies on this (every offset maps 1:1 onto the original). If a dictionary ever
    # changes a length, fall back to converting character by character.
    if len(out) != len(text):
        out = "".join(ch if len(c := converter().convert(ch)) != 1 else c for ch in text)
    assert len(out) == len(text)
    return out


def fold(text: str) -> str:
    """Width/bracket/quote folding only (1:1)."""
    for ch in set(_FOLD_RE.findall(text)):
        text = text.replace(ch, _FOLD_CHARS[ch])
    return text


@lru_cache(maxsize=4096)
def normalise_label(text: str) -> str:
    """A label from the grammar, in the spelling it is matched in (fold, no spaces).
    Cached: the scanner asks for the same few hundred labels once per match."""
    return re.sub(r"\s+", "", fold(t2s(text)))


# Horizontal spaces between two characters that are not ASCII alphanumerics, pipes or number
# punctuation are label breaks (`本年新 制作数量`, `社会 公益组织`); between numbers they separate cells.
_KEEP_SPACE = r"[0-9A-Za-z|+\-.,%/]"
# Both alternatives begin with the character they consume ([ \t(]) and check what stands before
# it afterwards: a pattern that begins with a class lets the search skip ahead, one that begins
# with a lookbehind is tried at every character of the report.
_DROP = re.compile(
    rf"[ \t(](?:(?<=[ \t])(?<![\s0-9A-Za-z|+\-.,%/][ \t])[ \t]*(?!{_KEEP_SPACE}|\s)"   # spaces inside labels
    r"|(?<=[\u4e00-\u9fff]\()[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\))"          # pinyin glosses
)
# Some mirror sites insert `(tone-less pinyin)` too; only tone-marked glosses are certain. The
# glosses dropped are kept in Normalised.glosses for RL505 (no second pattern to compile).


@dataclass
class Normalised:
    """The original text and its normalised copies, with the offset maps between them."""
    original: str
    norm: str
    compact: str
    _seg_compact: list[int]
    _seg_orig: list[int]
    script: str  # simplified | traditional
    line_starts: list[int]
    glosses: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each `(guó)`

    def to_orig(self, compact_offset: int) -> int:
        """Original offset of a compact offset."""
        i = bisect.bisect_right(self._seg_compact, compact_offset) - 1
        return self._seg_orig[i] + (compact_offset - self._seg_compact[i])

    def segment(self, compact_offset: int) -> tuple[int, int]:
        """(shift, limit): every compact offset from this one up to `limit` (exclusive) stands
        at original offset compact offset + `shift` (nothing is dropped between them)."""
        i = bisect.bisect_right(self._seg_compact, compact_offset) - 1
        limit = self._seg_compact[i + 1] if i + 1 < len(self._seg_compact) else sys.maxsize
        return self._seg_orig[i] - self._seg_compact[i], limit

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an original offset."""
        offset = max(0, min(offset, len(self.original)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.original.find("\n", start)
        return self.original[start:] if end < 0 else self.original[start:end]


def _converted(text: str, simplified: str, chunk: int = 256, enough: int = sys.maxsize) -> int:
    """How many ideographs of `text` t2s changed, counted up to `enough` (past it, a count no
    smaller is returned: a traditional text need not be counted to its end). Compared a chunk at
    a time: the characters of the few chunks that differ are looked at, not every character."""
    n = 0
    for i in range(0, len(text), chunk):
        a, b = text[i:i + chunk], simplified[i:i + chunk]
        if a != b:
            n += sum(1 for x, y in zip(a, b) if x != y and "\u4e00" <= x <= "\u9fff")
            if n > enough:
                break
    return n


_TRADITIONAL = 20   # more changed ideographs than this: a traditional text, whatever its length


def normalise(text: str) -> Normalised:
    simplified = t2s(text)
    norm = fold(simplified)
    assert len(norm) == len(text)
    head = text[:20000]
    changed = _converted(head, simplified[:20000], enough=_TRADITIONAL)
    script = "traditional" if changed > _TRADITIONAL or (changed and changed * 50 > len(head)) else "simplified"
    # compact view: drop label-breaking spaces and pinyin glosses, keeping an offset map
    parts: list[str] = []
    seg_c, seg_o = [0], [0]
    pos = clen = 0
    glosses = []
    for m in _DROP.finditer(norm):
        if norm[m.start()] == "(":
            glosses.append((m.start(), m.end()))
        parts.append(norm[pos:m.start()])
        clen += m.start() - pos
        pos = m.end()
        seg_c.append(clen)
        seg_o.append(pos)
    parts.append(norm[pos:])
    compact = "".join(parts)
    # each line's length and its "\n", summed (in C: no match object per line)
    line_starts = [0, *accumulate(map(add, map(len, text.split("\n")[:-1]), repeat(1)))]
    return Normalised(text, norm, compact, seg_c, seg_o, script, line_starts, glosses)
