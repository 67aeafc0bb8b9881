"""The report's prose as data, extracted once per report and shared by the rules.

* ``blocks(report)`` — every paragraph and sub-heading, in order, with its section and the
  numbers it contains (report_lint.numbers);
* ``breakdowns(report)`` — totals followed by a breakdown (`共…N件，其中…a件、…b件…`) with the
  percentages stated for the parts;
* ``span(report, block, start, end)`` — the ORIGINAL span of a stretch of a block's text.

Results are cached in ``report.derived`` so that several rules reading the same extraction do
not compute it twice. Block texts are the compact normalised text (report_lint.normalise):
traditional characters converted, full-width forms folded, pinyin glosses removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from report_lint.model import Paragraph, Report, Section, Span, Subheading
from report_lint.numbers import Number, find_numbers


@dataclass
class Block:
    block: Paragraph | Subheading
    section: Section | None          # None: the preamble (title, introduction, page header)
    numbers: list[Number] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def numeral(self) -> str | None:
        return self.section.number if self.section else None


def _cached(report: Report, key: str, build):
    if key not in report.derived:
        report.derived[key] = build(report)
    return report.derived[key]


def blocks(report: Report) -> list[Block]:
    """Paragraphs and sub-headings of the preamble and of every section, in order."""
    def build(r: Report) -> list[Block]:
        out = []
        for b in r.preamble:
            if isinstance(b, (Paragraph, Subheading)):
                out.append(Block(b, None, find_numbers(b.text)))
        for s in r.sections:
            for b in s.blocks:
                if isinstance(b, (Paragraph, Subheading)):
                    out.append(Block(b, s, find_numbers(b.text)))
        return out
    return _cached(report, "prose.blocks", build)


def span(report: Report, block: Block, start: int, end: int) -> Span:
    """Original span of ``block.text[start:end]``."""
    b = block.block
    if b.offset is None:
        return b.span
    nt = report.text
    end = max(end, start + 1)
    return Span(nt.to_orig(b.offset + start), nt.to_orig(b.offset + end - 1) + 1)


_SENTENCE_END = re.compile(r"[。!?！？]")


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``text[pos]`` (ends at 。！？)."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    return start, (m.end() if m else len(text))


def paren_depths(text: str) -> list[int]:
    """Bracket depth at every position: numbers inside `(含上一年结转1件)` are asides."""
    depth, out = 0, []
    for ch in text:
        if ch in "(（":
            depth += 1
        out.append(depth)
        if ch in ")）" and depth:
            depth -= 1
    return out


# ---------------------------------------------------------------------------------------------
# Totals and their breakdowns

@dataclass
class Breakdown:
    block: Block
    total: Number
    parts: list[Number]
    percents: list[Number | None]     # the share stated for each part (`，占86.56%`), or None
    open_ended: bool                  # 其中包括 / 主要 / a trailing 等: may not be exhaustive
    marker: int                       # position of 其中 in the block text
    end: int                          # end of the breakdown in the block text

    @property
    def parts_sum(self) -> int:
        return sum(p.int_value for p in self.parts)


_OPEN_AFTER_MARKER = ("包括", "主要", "包含", "有")
_SHARE_BEFORE = re.compile(r"占(?:比|总数|总量|全部|总)?的?(?:为|达|是)?$")
_ASIDE_GAP = re.compile(r"[\s,，、:：;；。]*")


def _unit_end(text: str, n: Number) -> int:
    return n.end + len(n.unit) if text.startswith(n.unit, n.end) else n.end


def _gap_without_asides(text: str, start: int, end: int) -> str:
    """The text between two positions with bracketed asides removed."""
    out, depth = [], 0
    for ch in text[start:end]:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _breakdowns_in(block: Block) -> list[Breakdown]:
    text = block.text
    nums = block.numbers
    if not nums or "其中" not in text:
        return []
    depth = paren_depths(text)
    markers = [m.start() for m in re.finditer("其中", text)]
    out = []
    for i, mk in enumerate(markers):
        if depth[mk]:
            continue
        s_start, s_end = sentence_bounds(text, mk)
        # the total: the last number before 其中, joined to it by punctuation only (asides
        # such as `(含上一年结转1件)` skipped); in the same sentence or closing the previous one
        before = [n for n in nums if n.end <= mk and not depth[n.start] and n.unit != "%"]
        if not before:
            continue
        total = before[-1]
        if not total.is_count:
            continue
        gap = _gap_without_asides(text, _unit_end(text, total), mk)
        if not _ASIDE_GAP.fullmatch(gap) or len(gap) > 2:
            continue
        if total.start < s_start and text[s_start - 1:s_start] != "。":
            continue
        # the parts: counts in the same unit up to the end of the sentence or the next 其中
        stop = s_end
        nxt = markers[i + 1] if i + 1 < len(markers) else None
        if nxt is not None and nxt < stop:
            stop = nxt
        parts: list[Number] = []
        percents: list[Number | None] = []
        for n in nums:
            if n.start <= mk or n.start >= stop or depth[n.start]:
                continue
            if n.unit == "%":
                if parts and percents[-1] is None and _SHARE_BEFORE.search(text[max(0, n.start - 6):n.start]) \
                        and not _between_numbers(nums, parts[-1], n):
                    percents[-1] = n
                continue
            if n.unit != total.unit:
                continue
            if nxt is not None and nxt == stop and _gap_without_asides(text, _unit_end(text, n), nxt).strip(",，。;；:： ") == "":
                continue            # the total of the next breakdown
            parts.append(n)
            percents.append(None)
        if not parts:
            continue
        head = text[mk + 2:mk + 6].lstrip(",，:：")
        last_end = _unit_end(text, parts[-1])
        open_ended = head.startswith(_OPEN_AFTER_MARKER) or "等" in text[last_end:stop]
        out.append(Breakdown(block, total, parts, percents, open_ended, mk, stop))
    return out


def _between_numbers(nums: list[Number], a: Number, b: Number) -> bool:
    return any(a.start < n.start < b.start for n in nums)


def breakdowns(report: Report) -> list[Breakdown]:
    return _cached(report, "prose.breakdowns",
                   lambda r: [bd for b in blocks(r) for bd in _breakdowns_in(b)])


def search_blocks(report: Report, pattern: re.Pattern):
    """(block, match) for every match of ``pattern`` in every paragraph and sub-heading."""
    for b in blocks(report):
        for m in pattern.finditer(b.text):
            yield b, m
