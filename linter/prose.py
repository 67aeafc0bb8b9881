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

import bisect
import re
from dataclasses import dataclass, field

from report_lint.model import Paragraph, Report, Section, Span, Subheading
from report_lint.numbers import Number, find_numbers
from report_lint.scan import MAX_TOKENS, check_budget


@dataclass
class Block:
    """A paragraph or sub-heading of the prose, with the numbers found in it."""
    block: Paragraph | Subheading
    section: Section | None          # None: the preamble (title, introduction, page header)
    text: str                        # block.text (an attribute: every rule reads it, often)
    found: list[Number] | None = field(default=None, repr=False)   # `numbers`, once found
    _depths: list[int] | None = field(default=None, repr=False, compare=False)    # `depths`, once computed

    @property
    def numbers(self) -> list[Number]:
        """The numbers in the text (report_lint.numbers), found when first asked for: most
        paragraphs state no figure a rule compares, and finding them is most of the prose's cost."""
        if self.found is None:
            self.found = find_numbers(self.text)
        return self.found

    @property
    def depths(self) -> list[int]:
        """paren_depths(text), computed when first asked for (statements, breakdowns and shares
        all read it)."""
        if self._depths is None:
            self._depths = paren_depths(self.text)
        return self._depths

    @property
    def section_number(self) -> str | None:
        """The canonical numeral 一…六 of the block's section (None: the preamble)."""
        return self.section.number if self.section else None


def _cached(report: Report, key: str, build):
    if key not in report.derived:
        report.derived[key] = build(report)
    return report.derived[key]


def blocks(report: Report) -> list[Block]:
    """Paragraphs and sub-headings of the preamble and of every section, in order."""
    def build(r: Report) -> list[Block]:
        out = [Block(b, s, b.text) for s, b in [(None, b) for b in r.preamble] + [(s, b) for s in r.sections for b in s.blocks]
               if isinstance(b, (Paragraph, Subheading))]
        # numbers count against the scanner's token budget: a 10 MB line of `| 1 ` in prose
        # would be 2.5 million Numbers (a gigabyte) and no report. Numbers do not overlap and
        # none is empty, so a prose of at most MAX_TOKENS characters is within the budget and
        # its numbers can wait until a rule asks; a longer one is counted now.
        if sum(len(b.text) for b in out) > MAX_TOKENS:
            found = 0
            for b in out:
                b.found = find_numbers(b.text, MAX_TOKENS - found)
                found += len(b.found)
                check_budget(found)
        return out
    return _cached(report, "prose.blocks", build)


def span(report: Report, block: Block, start: int, end: int) -> Span:
    """Original span of ``block.text[start:end]``."""
    b = block.block
    if b.offset is None:
        return b.span
    nt = report.normalised
    end = max(end, start + 1)
    return Span(nt.to_orig(b.offset + start), nt.to_orig(b.offset + end - 1) + 1)


_SENTENCE_END = re.compile(r"[。!?！？]")


MAX_SENTENCE = 500     # a longer stretch without 。 is not one sentence (scraped pages)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``text[pos]`` (ends at 。！？), looking at most
    MAX_SENTENCE characters either way — so that many calls on a huge paragraph stay linear."""
    lo = max(0, pos - MAX_SENTENCE)
    start = max([text.rfind(ch, lo, pos) + 1 for ch in "。!?！？"] + [lo])
    m = _SENTENCE_END.search(text, pos, pos + MAX_SENTENCE)
    return start, (m.end() if m else min(len(text), pos + MAX_SENTENCE))


def paren_depths(text: str) -> list[int]:
    """Bracket depth at every position: numbers inside `(含上一年结转1件)` are asides."""
    out = [0] * len(text)
    depth, prev = 0, 0
    for m in _PAREN.finditer(text):            # a jump from bracket to bracket, not a loop per character
        i = m.start()
        if depth:
            out[prev:i] = [depth] * (i - prev)
        if text[i] in "(（":
            depth += 1
            out[i] = depth
        else:
            out[i] = depth
            depth = max(depth - 1, 0)
        prev = i + 1
    if depth:
        out[prev:] = [depth] * (len(text) - prev)
    return out


_PAREN = re.compile(r"[(（)）]")


# ---------------------------------------------------------------------------------------------
# Totals and their breakdowns

@dataclass
class Breakdown:
    """A total followed by its parts in one sentence (`共收到申请30件，其中自然人25件、法人5件`)."""
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
    if "其中" not in text:
        return []
    nums = block.numbers
    if not nums:
        return []
    depth = block.depths
    markers = [m.start() for m in re.finditer("其中", text)]
    starts = [n.start for n in nums]
    out = []
    for i, mk in enumerate(markers):
        if depth[mk]:
            continue
        s_start, s_end = sentence_bounds(text, mk)
        # the total: the last number before 其中, joined to it by punctuation only (asides
        # such as `(含上一年结转1件)` skipped); in the same sentence or closing the previous one
        total = None
        for j in range(bisect.bisect_left(starts, mk) - 1, -1, -1):
            n = nums[j]
            if n.start < s_start - MAX_SENTENCE:
                break
            if n.end <= mk and not depth[n.start] and n.unit != "%":
                total = n
                break
        if total is None:
            continue
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
        for n in nums[bisect.bisect_right(starts, mk):bisect.bisect_left(starts, stop)]:
            if depth[n.start]:
                continue
            if n.unit == "%":
                if parts and percents[-1] is None and _SHARE_BEFORE.search(text[max(0, n.start - 6):n.start]) \
                        and bisect.bisect_left(starts, n.start) - bisect.bisect_left(starts, parts[-1].start) == 1:
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


def breakdowns(report: Report) -> list[Breakdown]:
    return _cached(report, "prose.breakdowns",
                   lambda r: [bd for b in blocks(r) for bd in _breakdowns_in(b)])


def search_blocks(report: Report, pattern: re.Pattern, needs: tuple[str, ...] = ("",)):
    """(block, match) for every match of ``pattern`` in every paragraph and sub-heading. With
    ``needs``, words one of which every match holds: a block with none is passed over (a
    substring test, where a pattern with no literal first character is tried at each one)."""
    finditer = pattern.finditer
    for b in blocks(report):
        text = b.text
        for w in needs:          # (a loop, not any(): no generator made per block)
            if w in text:
                for m in finditer(text):
                    yield b, m
                break


# ---------------------------------------------------------------------------------------------
# Statements about the agency's own application and case figures (compared with 表三/表四)

@dataclass
class Statement:
    """A sentence of the prose that states a figure the tables also hold (received, handled, reviews …)."""
    block: Block
    kind: str                 # received carried_over handled carried_forward applicant review lawsuit
                              # no_review no_lawsuit
    number: Number | None     # None for the negative statements
    start: int                # the stretch of block text the statement covers
    end: int
    column: str | None = None  # applicant statements: the 表三 column id


_G = r"[^\d,;。:()，；：（）]"     # a gap inside one clause
_RECEIVE = "收到|受理|接收|新收|收悉|接到"
# (kind, pattern, a word each match holds or "": the pattern is tried only where it is — the
# optional words before 行政复议/行政诉讼 leave the search no first character to skip to)
_STMT = [
    ("received", "", re.compile(rf"(?:收到|受理|接收|新收|收悉|接到){_G}{{0,20}}?(?=[\d一二两三四五六七八九十])")),
    # (`(?:共|累计)?(?:收到|…)` spelt out as alternatives that each begin with a character: the
    # search skips to those characters; an optional group first is tried at every character)
    ("received_after", "", re.compile(rf"(?:共(?:{_RECEIVE})|累计(?:{_RECEIVE})|{_RECEIVE})(?:共)?(?=[\d一二两三四五六七八九十百千]+件(?:政府信息公开|依申请公开|信息公开)?申请)")),
    ("carried_over", "结转", re.compile(r"(?:上年|上一年|上年度|去年)度?结转(?:的)?(?:申请)?(?:共)?(?=[\d一二两三四五六七八九十])")),
    ("handled", "办", re.compile(r"(?:办理完成|办理完毕|完成办理|已办结|办结|共办理|办理了)(?:依申请|政府信息公开申请|申请|依申请公开|公开申请)?(?:件)?(?:共)?(?=[\d一二两三四五六七八九十])")),
    ("carried_forward", "结转", re.compile(r"结转(?:至|到)?(?:下一年|下年度|下年|次年|20\d\d年)度?(?:继续办理)?(?:的)?(?:申请)?(?:共)?(?=[\d一二两三四五六七八九十])")),
    ("applicant", "", re.compile(r"(?P<who>自然人|法人或其他组织|法人和其他组织|商业企业|科研机构|社会公益组织|法律服务机构)"
                             r"(?:提出|提交)?(?:的)?(?:申请)?(?:为|共)?(?=[\d一二两三四五六七八九十])")),
    ("review", "行政复议", re.compile(r"(?:被申请|申请|引起的|引发的|发生)?行政复议(?:案件|案)?(?:共)?(?=[\d一二两三四五六七八九十])")),
    ("lawsuit", "行政诉讼", re.compile(r"(?:被提起|提起|引起的|引发的|发生)?行政诉讼(?:案件|案)?(?:共)?(?=[\d一二两三四五六七八九十])")),
]
_WHO = {"自然人": "col3_natural", "商业企业": "col3_business", "科研机构": "col3_research",
        "社会公益组织": "col3_welfare", "法律服务机构": "col3_legal_service",
        "法人或其他组织": "legal", "法人和其他组织": "legal"}
_NEGATED = re.compile(r"(?:未发生|没有发生|未出现|没有出现|未收到|没有收到|未有|没有|无|不存在)"
                      r"[^。;；\d]{0,40}?(?P<what>行政复议|行政诉讼)")
_OUTCOME = re.compile(r"(?:案件|案)?(?:被|予以|结果)?(?:纠错|纠正|败诉|撤销|确认违法)")
_WIDER = re.compile(r"全(?P<lv>省|自治区|市|州|盟|县|旗|区|镇|乡)|各部门|各地|各单位|各县|各区|各乡镇|各镇|各街道|"
                    r"[市县区省]直|各级|系统内|全系统|下属|所属")
# In a government's report, a figure for its general office (`区政府办代表区政府受理…17件`,
# `市政府办公室受理…`) is one office's count, not the government's 表三 (which covers its
# departments too): a narrower scope.
_OFFICE = re.compile(r"政府办(?!理)|政府办公(?:室|厅)|代表[^，,。；;]{0,12}?政府")
_YEAR = re.compile(r"(?<!\d)(20\d\d)年")


def in_own_scope(report: Report, sentence: str) -> bool:
    """Is a sentence about the reporting agency's own figures? `全市` in a city government's
    report is; `全市`, `各部门`, `市直` … in a department's report, or any wider scope when the
    reporter is unknown, is not; nor, in a government's report, its general office's count."""
    from report_lint.metadata import reporter

    kind, level = reporter(report)
    if kind == "government" and _OFFICE.search(sentence):
        return False
    for m in _WIDER.finditer(sentence):
        if not (kind == "government" and m.group("lv") and m.group("lv") == level):
            return False
    return True


def _statements_in(report: Report, block: Block) -> list[Statement]:
    text = block.text
    if "申请" not in text and "行政复议" not in text and "行政诉讼" not in text:
        return []
    by_start = depth = None    # the numbers by position and the bracket depths: found when first needed
    out = []
    for kind, word, pat in _STMT:
        if word not in text:
            continue
        for m in pat.finditer(text):
            if by_start is None:
                by_start = {n.start: n for n in block.numbers}
            n = by_start.get(m.end())
            if n is None or not n.is_count:
                continue
            s, e = sentence_bounds(text, m.start())
            sentence = text[s:e]
            if kind in ("review", "lawsuit"):
                if "信息公开" not in sentence and block.section_number != "四":
                    continue
            elif "申请" not in sentence:
                continue
            if kind == "received" and "申请" not in m.group():
                continue
            if kind == "received_after":
                kind = "received"
            if kind not in ("carried_over", "carried_forward"):
                if depth is None:
                    depth = block.depths
                if depth[m.start()]:
                    continue
            column = _WHO.get(m.group("who")) if kind == "applicant" else None
            out.append(Statement(block, kind, n, m.start(), _unit_end(text, n), column))
    if "行政复议" not in text and "行政诉讼" not in text:
        return out
    starts = None
    for m in _NEGATED.finditer(text):
        if starts is None:
            starts = [n.start for n in block.numbers]
        s, e = sentence_bounds(text, m.start())
        clause = text[m.start():e]
        lo, hi = bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, e)
        if any(n.is_count and n.value > 0 for n in block.numbers[lo:hi]):
            continue
        rest = clause[m.end() - m.start():]
        if _OUTCOME.match(rest):
            continue      # `未发生…被行政复议纠错或行政诉讼败诉`: no case LOST, not no case at all
        kinds = {"行政复议": "no_review", "行政诉讼": "no_lawsuit"}
        found = {kinds[m.group("what")]}
        # `未发生…被申请行政复议或被提起行政诉讼的情形`: the negation covers both
        other = "诉讼" if m.group("what") == "行政复议" else "复议"
        if re.match(rf"[^。;；,，]{{0,6}}?(?:或|和|及|、|或者|或被|以及){_G}{{0,6}}?{other}", rest):
            found.add(kinds["行政" + other])
        end = m.end() + (len(rest) - len(rest.lstrip()))
        for k in sorted(found):
            out.append(Statement(block, k, None, m.start(), end))
    return out


def statements(report: Report) -> list[Statement]:
    """Statements of the agency's own figures for the report year: scope and year checked."""
    def build(r: Report) -> list[Statement]:
        out = []
        for b in blocks(r):
            for st in _statements_in(r, b):
                s, e = sentence_bounds(b.text, st.start)
                sentence = b.text[s:e]
                if not in_own_scope(r, sentence):
                    continue
                years = {int(y) for y in _YEAR.findall(sentence)}
                if r.year is not None and years - {r.year} and not (years - {r.year} <= {r.year - 1, r.year + 1}
                                                                    and st.kind in ("carried_over", "carried_forward")):
                    continue      # a statement about another year
                out.append(st)
        out.sort(key=lambda st: (id(st.block), st.start))
        return out
    return _cached(report, "prose.statements", build)


# ---------------------------------------------------------------------------------------------
# Shares: `…N件，占B%` with the total the sentence or paragraph establishes

@dataclass
class Share:
    """A count, the total it is part of and the percentage stated for it (`占86.56%`)."""
    block: Block
    count: Number
    total: Number
    percent: Number


_TOTAL_BEFORE = re.compile(r"共|总计|合计|总数|总量|累计")
_CLAUSE_BREAK = re.compile(r"[,，;；。:：]")


def _is_total(text: str, n: Number) -> bool:
    """Is ``n`` stated as a total (`共收到申请3392宗`, `总数397条`)? The marker must be in the
    same clause, at most 20 characters before the number."""
    before = text[max(0, n.start - 20):n.start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    return bool(_TOTAL_BEFORE.search(before[cut:]))


LOOK_BACK = 3 * MAX_SENTENCE   # how far before a share its base may be stated (same paragraph)


_PERCENT = re.compile("%|％|﹪|百分之")     # a share is stated with one of these (report_lint.numbers)


def _shares_in(block: Block, bds: list[Breakdown]) -> list[Share]:
    if not bds and not _PERCENT.search(block.text):
        return []          # (no percentage: no share, and no need to find the numbers)
    out = []
    used = set()
    for bd in bds:
        for part, pct in zip(bd.parts, bd.percents):
            if pct is not None:
                out.append(Share(block, part, bd.total, pct))
                used.add(pct.start)
    text, nums = block.text, block.numbers
    depth = block.depths
    pending: list[tuple[int, Number, Number]] = []     # shares with no total stated as such
    for i, pct in enumerate(nums):
        if pct.unit != "%" or pct.start in used or pct.approx or depth[pct.start]:
            continue
        if not _SHARE_BEFORE.search(text[max(0, pct.start - 6):pct.start]):
            continue
        if i == 0:
            continue
        count = nums[i - 1]
        gap = text[_unit_end(text, count):pct.start]
        if not count.is_count or len(gap) > 6 or re.search("[。;；]", gap):
            continue
        total = _stated_total(text, nums, depth, i, count, pct)
        if total is None:
            pending.append((i, count, pct))
        elif total.int_value >= count.int_value:
            out.append(Share(block, count, total, pct))
    out += _shares_of_listed_parts(block, depth, pending)
    return out


def _stated_total(text: str, nums: list[Number], depth: list[int], i: int, count: Number,
                  pct: Number) -> Number | None:
    """The total a share is of: an earlier number of the same unit stated as a total (`共…`),
    in this paragraph — the nearest one the share fits, else the nearest one. A base stated
    a sentence or two before counts (`全年共受理申请200件。…予以公开150件，占75%`)."""
    found = []
    for j in range(i - 2, -1, -1):
        n = nums[j]
        if n.start < count.start - LOOK_BACK:
            break
        if n.unit == count.unit and n.is_count and not depth[n.start] and _is_total(text, n) \
                and n.int_value >= count.int_value:
            found.append(n)
    from report_lint.numbers import rounds_to

    fits = [n for n in found if n.int_value and rounds_to(count.int_value / n.int_value * 100, pct.value, pct.decimals)]
    return (fits or found or [None])[0]


def _shares_of_listed_parts(block: Block, depth: list[int], pending) -> list[Share]:
    """Shares listed together with no total stated as such (`收到申请7件，…从申请方式看，网络申请
    3件，占43%；信函申请4件，占57%`): when the parts add up to a count stated earlier in the
    paragraph (3 + 4 = 7), they exhaust it, and that count is every part's base."""
    out = []
    groups: list[list] = []
    for item in pending:
        prev = groups[-1][-1] if groups else None
        if prev is not None and "。" not in block.text[prev[2].end:item[1].start]:
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        if len(group) < 2:
            continue
        first, unit = group[0][1], group[0][1].unit
        if any(c.unit != unit for _, c, _ in group):
            continue
        whole = sum(c.int_value for _, c, _ in group)
        base = next((n for n in reversed(block.numbers[:group[0][0] - 1])
                     if n.start >= first.start - LOOK_BACK and n.unit == unit and n.is_count
                     and not depth[n.start] and n.int_value == whole), None)
        if base is not None:
            out += [Share(block, c, base, p) for _, c, p in group]
    return out


def shares(report: Report) -> list[Share]:
    def build(r: Report) -> list[Share]:
        by_block: dict[int, list[Breakdown]] = {}
        for bd in breakdowns(r):
            by_block.setdefault(id(bd.block), []).append(bd)
        out = []
        for b in blocks(r):
            out += _shares_in(b, by_block.get(id(b), []))
        return out
    return _cached(report, "prose.shares", build)
