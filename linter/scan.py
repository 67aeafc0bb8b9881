"""The scanner: the compact text → a flat list of tokens for the Lark parser.

Tokens come from the shapes of what they stand for, not from line starts, so a scraped report
whose line breaks were lost (`…联系。一、总体情况2019年，…`) yields the same skeleton as a clean
one. What the shapes are is read from the grammar (report_lint.grammar.layout()):

* SECTION — a numeral followed by one of the six section titles (or an accepted variant),
  anywhere; or, at a line start, a short numbered line whose wording is close to a title.
  A numeral inside a sentence (`一是…`, `第一项`) never matches: a title must follow it.
* LABEL / CELL — table labels, and the numbers, placeholders and blanks between them. Labels
  that could be prose (`行政许可`, `总计`) count only inside a run of labels joined by
  table-like gaps (pipes, spaces, numbers); see _table_runs.
* SUBHEADING — a `（一）`-numbered heading at a line start.
* TEXT — everything else, one token per line (or per stretch between other tokens).
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from report_lint.grammar import NUMERALS, Label, layout
from report_lint.model import Span, Token
from report_lint.normalise import Normalised, fold, normalise_label
from report_lint.read import InputError

# A report has a few hundred tokens (lines, labels, cells); a file with more than this many is
# not one — and would cost memory and time in proportion (a 20 MB file of `总计12` is 5 million
# tokens, gigabytes). It gets a clean input error instead (exit 2).
MAX_TOKENS = 100_000


def check_budget(n: int) -> None:
    if n > MAX_TOKENS:
        raise InputError(f"文件过于复杂：段落、表格标签、单元格或正文中的数字超过 {MAX_TOKENS} 个，不像是一份年度报告 "
                         f"(too many lines, table cells or numbers for a report; limit {MAX_TOKENS})")

_CN = "一二三四五六七八九十"


LABEL_WRAP_AFTER = 6     # characters of a table label before a line break may split it


def trie_regex(words: list[str], gap_after: str = "", wrap_after: int = 0) -> str:
    """An alternation of literal words as a prefix trie: linear-time matching, longest first.
    After a character in `gap_after`, spaces are allowed (`只计这一情形, 不计其他情形`). With
    `wrap_after`, a line break may come before any character past that many (a long label
    wrapped over two lines of a PDF table cell: `（二）部分公开（区分处理的，只计这一情` /
    `形，不计其他情形）`); short labels never span lines."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict, depth: int) -> str:
        wrap = "\n?" if wrap_after and depth >= wrap_after else ""
        alts = [wrap + re.escape(ch) + ("[ \t]*" if ch in gap_after else "") + build(sub, depth + 1)
                for ch, sub in sorted(node.items()) if ch]
        end = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie, 0)


@dataclass(frozen=True)
class LabelInfo:
    """A table label from the grammar, its kind and the tables and formats it is printed in."""
    label: Label
    kind: str                              # row, column, group, caption, header, colgroup
    owners: frozenset[tuple[str, str]]     # (table, fmt) pairs the label is printed in


class LabelInfos(list):
    """The LabelInfos of one label text (a LABEL token's info["infos"]), with what the scanner
    and the parser's table split ask of them worked out once per process, not once a match."""
    want: str                   # the label's own number (`三` of `（三）`, `2` of `2.`), or ""
    anchor: bool                # too specific to be prose (_is_anchor)
    corner: bool                # a long header: the corner note of 表三
    tables: set[str]            # the tables the text is printed in
    vote_tables: set[str]       # the same, in the order parse._split_tables votes in
    templates: tuple[str, ...]  # one format per info that tells its format (parse._split_tables)

    def settle(self) -> None:
        num = next((i.label.numbering for i in self if i.label.numbering), "")
        self.want = re.sub(r"[^\d一二三四五六七八九十]", "", fold(num))
        self.anchor = _is_anchor(self)
        self.corner = any(i.kind == "header" and len(i.label.texts[0]) >= 10 for i in self)
        self.tables = {t for i in self for t, _ in i.owners}
        self.vote_tables = {t for t, _ in {o for i in self for o in i.owners}}
        # a label printed the same in both formats tells nothing about the format; one whose
        # text is shared but whose role differs (（六）其他处理: a row in 2019, a group header in
        # 2021) does not either
        templates = []
        for i in self:
            formats = {f for _, f in i.owners}
            if len(formats) == 1 and not any(o.label.texts == i.label.texts and o is not i for o in self):
                templates.append(next(iter(formats)))
        self.templates = tuple(templates)


@dataclass
class _Patterns:
    """The scanner's patterns, generated once per process from the grammar."""
    section: re.Pattern
    section_titles: dict[str, tuple]       # normalised title → (SectionDef, exact)
    labels: re.Pattern
    label_info: dict[str, LabelInfos]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    lay = layout()
    titles: dict[str, tuple] = {}
    for s in lay.sections:
        for t in s.label.texts:
            titles[normalise_label(t)] = (s, True)
    section = re.compile(
        # (?:第)?[一…十]{1,2}, written to begin with a class so that the search can skip ahead
        r"(?P<num>[第一二三四五六七八九十](?:(?<=第)[一二三四五六七八九十]{1,2}|(?<!第)[一二三四五六七八九十]?)(?:部分)?)"
        r"[ \t]*(?P<sep>[、.,:：]?)[ \t]*(?P<title>" + trie_regex(list(titles)) + ")")
    info: dict[str, LabelInfos] = {}
    owners: dict[tuple[str, str], set] = {}
    kinds: dict[tuple[str, str], tuple[str, Label]] = {}
    for (table, fmt), tl in lay.tables.items():
        for kind, lbl in tl.labels():
            for text in lbl.texts:
                key = (normalise_label(text), lbl.id)
                owners.setdefault(key, set()).add((table, fmt))
                kinds[key] = (kind, lbl)
    for (text, _id), own in owners.items():
        kind, lbl = kinds[(text, _id)]
        if text:
            info.setdefault(text, LabelInfos()).append(LabelInfo(lbl, kind, frozenset(own)))
    for infos in info.values():
        infos.settle()
    labels = re.compile(trie_regex(sorted(info), gap_after=",;:", wrap_after=LABEL_WRAP_AFTER))
    return _Patterns(section, titles, labels, info)


# A gap between two table labels that keeps them in one table: numbers, placeholders, pipes,
# markdown rules and heading marks, spaces, and the numbering of the next label.
# `件` only as a cell's unit before a separator (`8件 | 0`): `531件、` joins labels in prose
# (written as runs of the class between units, not a choice per character: a run of a single
# class is matched in one step)
_GAP_CHARS = r"[\s|\d.,+\-/:%*_=~无()、一二三四五六七八#>万元]*"
_TABULAR_GAP = re.compile(_GAP_CHARS + r"(?:件(?=[ \t|])" + _GAP_CHARS + r")*|[\s|]*不适用[\s|]*")
_RULE_ITEM = re.compile(r"[-:]{3,}|[-=_*~]+")     # an item of a Markdown rule line
_STRAY_NUMBERING = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.]|\((?:\d{1,2}|[一二三四五六七八九十]{1,3})\)|[、.()]+")
_CELL = re.compile(r"\|[ \t]*(?=\|)|[^\s|]+")
_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
PLACEHOLDERS = frozenset({"-", "--", "---", "/", "无", "不适用", "*", "_"})
_SUBHEADING = re.compile(r"(?m)^[ \t#*]*(\([一二三四五六七八九十]{1,3}\))[^\n]{0,60}?(?=[。:：\n]|$)")
_LOOSE_HEADING_LINE = r"[ \t#*]*(?P<num>[一二三四五六七八九十]{1,2})[ \t]*(?P<sep>[、.,]?)[ \t]*(?P<title>[^\n。；;]{2,30}?)[ \t*]*$"
_LOOSE_HEADING = re.compile(r"(?m)^" + _LOOSE_HEADING_LINE)
# The same after a line break: a pattern that begins with a character lets the search skip to
# the next one, where `^` is tried at every character of the report.
_LOOSE_HEADING_AFTER = re.compile(r"(?m)\n" + _LOOSE_HEADING_LINE)


def _numbering_start(compact: str, start: int, want: str) -> int:
    """Extend a label match leftwards over its numbering (`（三）`, `(三)`, `三、`, `2.`), if it
    is there. The label's own number (`want`, LabelInfos.want) decides: in a collapsed row
    `2200003252.没有…` the `2.` before the label is the numbering and `220000325` the cells of
    the row before."""
    if not want or not start or compact[start - 1] not in ").、,\n \t":
        return start    # (the common case, told from the character before: no numbering there)
    window = compact[max(0, start - 8):start]
    # `(三)`, `（三）` or `三、`/`2.` ending the window (spaces and a line break may follow). By
    # hand rather than a pattern per numeral: each of those cost ~0.4 ms to compile at start-up.
    w = (window[:-1] if window.endswith("\n") else window).rstrip(" \t")
    at = -1
    if w.endswith(")"):
        inner = w[:-1].rstrip(" \t")
        head = inner[:-len(want)].rstrip(" \t")
        if inner.endswith(want) and head.endswith("("):
            at = len(head) - 1
    elif w[-1:] and w[-1] in (".、" if want.isdigit() else ".、,"):
        inner = w[:-1].rstrip(" \t")
        at = len(inner) - len(want) if inner.endswith(want) else -1
        if at > 0 and not want.isdigit() and inner[at - 1] in "一二三四五六七八九十":
            at = -1                    # `十三、`, not `三、`
    return start if at < 0 else start - (len(window) - at)


def _sections(nt: Normalised) -> list[tuple[int, int, dict]]:
    """Exact headings: a numeral, then a mandated title (or accepted variant)."""
    pat = patterns()
    c = nt.compact
    found = []
    for m in pat.section.finditer(c):
        num, sep = m.group("num"), m.group("sep")
        prev = c[m.start() - 1] if m.start() else "\n"
        ideograph = "\u4e00" <= prev <= "\u9fff"
        if prev in _CN or prev in "表第" or (ideograph and sep != "、"):
            continue  # `表二：…` is a table caption; `统一总体情况` a word, not a heading
        if not sep and prev not in "\n \t。；;：:!！?？)」\"'|#*>" and not prev.isdigit():
            continue
        sdef, _ = pat.section_titles[m.group("title")]
        found.append((m.start(), m.end(), {"def": sdef, "numeral": num.strip("第部分"), "sep": sep,
                                          "exact": True,
                                          "title": m.group("title")}))
    # A table of contents (`一、总体情况；二、主动公开…`) is prose: drop a heading that is
    # followed on the same line by another heading with only punctuation between.
    keep = []
    for i, (s, e, d) in enumerate(found):
        nxt = found[i + 1][0] if i + 1 < len(found) else None
        prv = found[i - 1][1] if i else None
        gap_after = c[e:nxt] if nxt is not None else None
        gap_before = c[prv:s] if prv is not None else None
        toc = (gap_after is not None and len(gap_after) <= 3 and "\n" not in gap_after and gap_after.strip() != "") \
            or (gap_before is not None and len(gap_before) <= 3 and "\n" not in gap_before and gap_before.strip() != "")
        if not toc:
            keep.append((s, e, d))
    return keep


def _overlap_test(taken: list[tuple[int, int]]):
    """`overlaps(start, end)`: does [start, end) overlap one of the `taken` spans? By bisection
    (a linear scan per candidate was quadratic on a report with thousands of table rows and
    numbered lines)."""
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    reach, top = [], -1
    for _, e in spans:
        top = max(top, e)
        reach.append(top)

    def overlaps(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end)
        return bool(i) and reach[i - 1] > start

    return overlaps


def _loose_sections(nt: Normalised, taken: list[tuple[int, int]]) -> list[tuple[int, int, dict]]:
    """Headings whose wording deviates: a short numbered line at a line start whose text is
    close to a mandated title, outside the exact headings and the tables (`taken`)."""
    c = nt.compact
    keep = []
    overlaps = None
    first = _LOOSE_HEADING.match(c)
    for m in ([first] if first else []) + list(_LOOSE_HEADING_AFTER.finditer(c)):
        if m.group("num") not in NUMERALS:
            continue
        if overlaps is None:
            overlaps = _overlap_test(taken)
        if overlaps(m.start("num"), m.end()):
            continue
        title = m.group("title")
        best, score = None, 0.0
        for sdef in layout().sections:
            for t in sdef.label.texts:
                label = normalise_label(t)
                # the bound of _common, and first the bound of that (no more in common than the
                # shorter has): a title of a very different length is passed over uncounted
                if 2.0 * min(len(title), len(label)) / (len(title) + len(label)) < LOOSE_RESEMBLANCE:
                    continue    # this title cannot be the one kept
                bound = 2.0 * _common(title, label) / (len(title) + len(label))
                if bound < LOOSE_RESEMBLANCE or bound <= score:
                    continue    # nor can it beat the best so far (ratio() <= bound)
                r = difflib.SequenceMatcher(None, title, label).ratio()
                if r > score:
                    best, score = sdef, r
        if best is not None and score >= LOOSE_RESEMBLANCE:
            keep.append((m.start("num"), m.end("title"), {"def": best, "numeral": m.group("num"),
                                                           "sep": m.group("sep"), "exact": False,
                                                           "title": title}))
    return keep


@lru_cache(maxsize=64)
def _char_counts(title: str) -> tuple[tuple[str, int], ...]:
    return tuple(Counter(title).items())


def _common(text: str, title: str) -> int:
    """How many characters `text` and `title` have in common (as multisets). 2 × that / (the
    sum of their lengths) bounds SequenceMatcher(None, text, title).ratio() from above (it is
    the quick_ratio()): a comparison whose bound is below the resemblance asked for is not made,
    as it could not be kept."""
    return sum(min(text.count(ch), n) for ch, n in _char_counts(title))


LOOSE_RESEMBLANCE = 0.7    # a numbered line of its own
_INLINE_NUMERAL = re.compile(r"[一二三四五六]、")
INLINE_RESEMBLANCE = 0.8   # stricter than a line of its own (0.7): the title's end is a guess


def _inline_sections(nt: Normalised, taken: list[tuple[int, int]],
                     found: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """Headings whose wording deviates inside a collapsed line (`…0000000四、政府信息公开行政法
    复议、行政诉讼情况行政复议…`): a numeral and `、` after no ideograph, outside the headings and
    tables found, followed by text close to that section's title. The title's end is unknown,
    so stretches a few characters shorter and longer than the title are compared. Only a gap
    in the skeleton is filled: the section has no heading of its own, and the headings found
    before it and after it are of the sections before and after it (`二、主动公开政府信息工作有待
    加强` in section 五 is no heading)."""
    c = nt.compact
    heads = sorted((s, NUMERALS.index(d["def"].numeral)) for s, _, d in found if d.get("def"))
    have = {k for _, k in heads}
    if len(have) == len(NUMERALS):
        return []       # every section has its heading: no gap to fill
    overlaps = _overlap_test(taken)
    keep = []
    for m in _INLINE_NUMERAL.finditer(c):
        s = m.start()
        k = NUMERALS.index(m.group()[0])
        if k in have or any(pos < s and n > k for pos, n in heads) or any(pos > s and n < k for pos, n in heads):
            continue
        prev = c[s - 1] if s else "\n"
        if "\u4e00" <= prev <= "\u9fff" or prev in "表第" or patterns().section.match(c, s):
            continue    # an exact title not taken is one _sections dropped (a table of contents)
        if overlaps(s, s + 1):
            continue
        sdef = layout().section(m.group()[0])
        best, score = 0, 0.0
        for t in sdef.label.texts:
            title = normalise_label(t)
            # in common with the longest stretch: at least as many as with any shorter one
            common = _common(c[m.end():m.end() + len(title) + 3], title)
            for n in range(max(2, len(title) - 3), len(title) + 4):
                stretch = c[m.end():m.end() + n]
                if 2.0 * common / (len(stretch) + len(title)) < INLINE_RESEMBLANCE:
                    continue
                # this stretch's own bound: a stretch that cannot beat the best so far is not
                # compared (ratio() is never above it, and only a higher ratio is kept)
                if 2.0 * _common(stretch, title) / (len(stretch) + len(title)) <= score:
                    continue
                r = difflib.SequenceMatcher(None, stretch, title).ratio()
                if r > score:
                    best, score = n, r
        e = m.end() + best
        if score >= INLINE_RESEMBLANCE and not _listed(c, s, e):
            keep.append((s, e, {"def": sdef, "numeral": m.group()[0], "sep": "、", "exact": False,
                                "title": c[m.end():e]}))
    return keep


def _listed(c: str, s: int, e: int) -> bool:
    """Is [s, e) an item of a list of headings (a table of contents: `…；四、政府信息公开行政法
    复议、行政诉讼情况；五、…`)? Another heading within three characters on the same line."""
    before = c[max(0, s - 5):s].split("\n")[-1]
    after = c[e:e + 4].split("\n")[0]
    return bool(_NEXT_ITEM.match(after) or _PREVIOUS_ITEM.search(before))


# every mandated title ends in 情况 or 事项: the end of a list item before, or a numeral after
_NEXT_ITEM = re.compile(r"[^一二三四五六\n]{0,3}[一二三四五六]、")
_PREVIOUS_ITEM = re.compile(r"(?:情况|事项)[^\n]{0,3}$")


def _table_runs(nt: Normalised, blocked: list[tuple[int, int]]) -> list[list[tuple[int, int, list]]]:
    """Runs of label matches joined by table-like gaps; lone prose-like labels are dropped."""
    pat = patterns()
    c = nt.compact
    matches = []
    bi = 0
    for m in pat.labels.finditer(c):
        s, e = m.span()
        while bi < len(blocked) and blocked[bi][1] <= s:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] < e:
            continue  # inside a section heading
        text = m.group()
        infos = pat.label_info.get(text)
        if infos is None:     # a label with spaces or a line break inside
            infos = pat.label_info[text.replace(" ", "").replace("\t", "").replace("\n", "")]
        s = _numbering_start(c, s, infos.want)
        if matches and s < matches[-1][1]:
            s = matches[-1][1]
        matches.append((s, e, infos))
        if len(matches) > MAX_TOKENS:
            check_budget(len(matches))
    runs: list[list] = []
    cur: list = []
    for mt in matches:
        if cur and cur[-1][1] < mt[0] and not _TABULAR_GAP.fullmatch(c, cur[-1][1], mt[0]):  # (no gap: joined)
            runs.append(cur)
            cur = []
        cur.append(mt)
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        if any(infos.anchor for _, _, infos in run) and (len(run) >= 2 or any(infos.corner for _, _, infos in run)):
            out.append(run)
    return out


def _is_anchor(infos: list[LabelInfo]) -> bool:
    """A label too specific to be prose: long row labels, captions, the corner note."""
    for i in infos:
        if i.kind in ("caption", "header") and len(i.label.texts[0]) >= 4:
            return True
        if len(normalise_label(i.label.texts[0])) >= 6:
            return True
    return False


def cells_between(nt: Normalised, start: int, end: int) -> list[Token]:
    """CELL tokens in a table gap: numbers, placeholders, blank pipe cells, unreadable items."""
    out: list[Token] = []
    _cells(nt, start, end, out)
    check_budget(len(out))
    return out


def _cells(nt: Normalised, start: int, end: int, out: list[Token],
           segment: tuple[int, int] | None = None) -> None:
    """Append the CELL tokens of the gap [start, end) to `out` (see cells_between). `segment`:
    nt.segment(start) or the segment of an offset before it whose limit is past `start`."""
    c = nt.compact
    # Original offsets: compact offset + shift up to `limit`, past which nt.to_orig bisects (in a
    # table gap the compact view seldom drops anything: one addition per offset, not a call)
    shift, limit = segment or nt.segment(start)
    for m in _CELL.finditer(c, start, end):
        raw = m.group()
        mstart, mend = m.span()
        if raw.isdecimal() and len(out) <= MAX_TOKENS:    # most cells: digits only (see below)
            span = Span(mstart + shift, mend + shift) if mend <= limit else _span(nt, mstart, mend)
            out.append(Token("CELL", raw, span, {"kind": "number"}))
            continue
        if raw[0] in "#>":  # a Markdown heading or quote mark before the item
            stripped = raw.lstrip("#>")
            mstart += len(raw) - len(stripped)
            raw = stripped
            if not raw:
                continue
        if len(out) > MAX_TOKENS:
            check_budget(len(out))
        if raw[0] == "|":
            s = e = (mstart + shift if mstart < limit else nt.to_orig(mstart)) + 1
            out.append(Token("CELL", "", Span(s, e), {"kind": "blank"}))
            continue
        if raw.isdecimal() or _NUMBER.fullmatch(raw):   # (isdecimal: the common case, exactly \d+)
            kind = "number"
        elif raw[0] in "-:=_*~" and _RULE_ITEM.fullmatch(raw) and raw not in PLACEHOLDERS:
            continue  # markdown rule line
        elif raw in PLACEHOLDERS:
            kind = "placeholder"
        elif _STRAY_NUMBERING.fullmatch(raw):
            continue  # stray numbering (a label's number whose label was lost)
        else:
            kind = "unreadable"
        span = Span(mstart + shift, mend + shift) if mend <= limit else _span(nt, mstart, mend)
        out.append(Token("CELL", raw, span, {"kind": kind}))


def _span(nt: Normalised, start: int, end: int) -> Span:
    """The original span of the compact stretch [start, end)."""
    return Span(nt.to_orig(start), nt.to_orig(end - 1) + 1)


def scan(nt: Normalised) -> list[Token]:
    c = nt.compact
    heads = _sections(nt)
    runs = _table_runs(nt, [(s, e) for s, e, _ in heads])
    taken = [(s, e) for s, e, _ in heads] + [(r[0][0], r[-1][1]) for r in runs]
    loose = _loose_sections(nt, taken)
    loose += _inline_sections(nt, taken + [(s, e) for s, e, _ in loose], heads + loose)
    heads = sorted(heads + loose, key=lambda h: h[0])
    tokens: list[tuple[int, int, Token | None, list | None]] = []  # (cstart, cend, token, run)
    for s, e, d in heads:
        tokens.append((s, e, Token("SECTION", c[s:e], _span(nt, s, e), d), None))
    for run in runs:
        rs = run[0][0]
        # trailing numbers after the last label belong to the table (`…总计10203120001200000`)
        tail = _TABULAR_GAP.match(c, run[-1][1])
        re_ = tail.end() if tail else run[-1][1]
        while re_ > run[-1][1] and c[re_ - 1] in "一二三四五六七八、.(":  # the next heading's numeral
            re_ -= 1
        tokens.append((rs, re_, None, run))
    tokens.sort(key=lambda t: t[0])
    # drop runs overlapping a heading (cannot happen by construction, but be safe)
    out: list[Token] = []
    pos = 0
    for s, e, tok, run in tokens:
        if s < pos:
            continue
        out += _text_tokens(nt, pos, s)
        if tok is not None:
            out.append(tok)
        else:
            shift, limit = nt.segment(s)     # (as in _cells)
            for i, (ls, le, infos) in enumerate(run):
                if le > limit:
                    shift, limit = nt.segment(ls)
                span = Span(ls + shift, le + shift) if le <= limit else _span(nt, ls, le)
                out.append(Token("LABEL", c[ls:le], span, {"infos": infos}))
                gap_end = run[i + 1][0] if i + 1 < len(run) else e
                if le < gap_end:
                    _cells(nt, le, gap_end, out, (shift, limit) if le < limit else None)
        pos = e
    out += _text_tokens(nt, pos, len(c))
    check_budget(len(out))
    return out


# a line's text without the spaces around it: from its first to its last non-space character
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def _text_tokens(nt: Normalised, start: int, end: int) -> list[Token]:
    """TEXT and SUBHEADING tokens, one per non-blank line of the stretch."""
    c = nt.compact
    out = []
    for line in _LINE.finditer(c, start, end):
        s, e = line.span()
        # a subheading begins a line (_SUBHEADING's `^`): not after spaces, nor mid-line
        m = _SUBHEADING.match(c, s, e) if s == 0 or c[s - 1] == "\n" else None
        if m:
            out.append(Token("SUBHEADING", c[s:m.end()], _span(nt, s, m.end()), {"cstart": s}))
            s = m.end()
        if c[s:e].strip():
            out.append(Token("TEXT", c[s:e], _span(nt, s, e), {"cstart": s}))
            if len(out) > MAX_TOKENS:
                check_budget(len(out))
    return out
