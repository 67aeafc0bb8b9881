"""Reading numbers in Chinese prose: pure functions, no knowledge of the report.

``find_numbers(text)`` returns every quantity written in ``text`` with its position, value, unit
and whether it is exact:

* Arabic numbers, with thousands separators (``1,234件`` is 1234, not 234), full-width digits
  (``３３９２``), decimals and percentages (``86.56%``, ``百分之八十``);
* Chinese numerals (``一百二十三``, ``两千``, ``十五``) — only where a counting unit follows
  (``一百二十三件``), so ``一是``, ``统一``, ``十四五`` are not numbers;
* the multipliers 万 and 亿 (``2.3亿元`` is 230000000 in the unit 元, ``1392万`` is 13920000);
* approximate quantities — ``余``, ``多``, ``近``, ``约``, ``超过`` … — are marked ``approx``:
  a rule never bases an error on them.

Every pattern here is linear: single character classes with a single quantifier, no nesting
over overlapping classes.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

# Full-width digits and number punctuation → ASCII (1:1, positions are kept).
_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                        "，": ",", "．": ".", "％": "%", "﹪": "%"})

_WIDE = re.compile("[０-９，．％﹪]")

# Counting units that may follow a number (longest first where they share a prefix).
COUNT_UNITS = ("人次", "件次", "条次", "件", "宗", "条", "个", "项", "次", "人", "家", "篇", "期",
               "份", "起", "名", "批", "场", "户", "封", "部", "册", "本", "场次", "天", "余件")
_UNIT = re.compile(r"人次|件次|条次|场次|万元|亿元|元|件|宗|条|个|项|次|人|家|篇|期|份|起|名|批|场|户|封|部|册|本"
                   r"|天|日|月|年|个工作日|工作日|%|PV|亩|平方米|公里|米|吨|户次|余|多")
_APPROX_BEFORE = ("超过", "超", "逾", "近", "约", "大约", "将近", "接近", "不足", "不到", "上万",
                  "达到近", "多达", "高达", "最多", "至少", "不少于", "不低于", "不超过", "以上")
_APPROX_AFTER = ("余", "多", "左右", "以上", "以下", "上下", "来", "以内", "几", "许")

# (?<![\d.]) checked after the first digit: a pattern that begins with a digit lets the search
# skip to the next digit; one that begins with an assertion is tried at every character
_ARABIC = re.compile(r"\d(?<![\d.]\d)(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*)(?:\.\d+)?")
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_CHARS = _CN_DIGITS + "十百千万亿"
# Chinese numerals are numbers only before a counting unit (what would `一是` or `统一` be?):
# a whole run of numeral characters (the look-behind after its first: it starts a run), with the
# unit captured in a look-ahead — so that the words (一是, 统一, 十四五) never reach Python
_CN_UNIT = r"人次|件次|件|宗|条|个|项|次|人|家|篇|期|份|起|名|批|场|户|封|部|册"
_CN = re.compile(rf"[{_CN_CHARS}](?<![{_CN_CHARS}]{{2}})[{_CN_CHARS}]*(?=({_CN_UNIT}))")
_CN_VAL = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_PERCENT_CN = re.compile(rf"百分之([{_CN_CHARS}点]+)")


@dataclass(slots=True, unsafe_hash=True)   # (not frozen: see model.Span)
class Number:
    """A number found in prose, with its unit and where it was written."""
    value: float                # in base units: 2.3亿 → 230000000.0
    start: int                  # offsets into the text read
    end: int                    # end of the number and its multiplier, before the unit
    text: str                   # as written, multiplier included (`2.3亿`)
    unit: str = ""              # the unit that follows: 件 宗 条 … % 元 年 月 日 ("" none)
    decimals: int = 0           # digits after the decimal point, as written
    approx: bool = False        # 余 多 近 约 超过 … : not an exact figure
    chinese: bool = False       # written in Chinese numerals

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_count(self) -> bool:
        """A count of things (件, 宗, 条 …), exact and whole."""
        return self.unit in COUNT_UNITS and not self.approx and self.value == int(self.value)

    @property
    def int_value(self) -> int:
        return int(round(self.value))


def fold_width(text: str) -> str:
    """Full-width digits and number punctuation to ASCII, one character for one."""
    # (searched first: translate looks up every character, and the normalised text that prose
    # hands in has been folded already)
    return text.translate(_WIDTH) if _WIDE.search(text) else text


MAX_CN_LEN = 20     # 九千九百九十九万九千九百九十九 is 15


def chinese_to_int(s: str) -> int | None:
    """``一百二十三`` → 123, ``两千`` → 2000, ``十五`` → 15, ``三万五千`` → 35000, ``一〇二`` → 102.

    None when the string is not a well-formed numeral, or longer than any count a report
    states (MAX_CN_LEN): `一亿一亿…` grows an integer by eight digits per 亿 (quadratic, and past
    what a float holds), and 5,000 digits overflow int()'s digit limit."""
    if not s or len(s) > MAX_CN_LEN or any(ch not in _CN_CHARS for ch in s):
        return None
    if all(ch in _CN_DIGITS for ch in s):          # digit by digit: 二〇一九
        return int("".join(str(_CN_VAL[ch]) for ch in s))
    total = section = 0
    digit: int | None = None
    last_small = 10_000
    for ch in s:
        if ch in _CN_VAL:
            if digit is not None and _CN_VAL[ch] != 0:
                return None                        # 二三 inside a positional numeral
            digit = _CN_VAL[ch] if _CN_VAL[ch] != 0 else None
        elif ch in _CN_SMALL:
            mult = _CN_SMALL[ch]
            if mult >= last_small:
                return None                        # 十百, 百百
            section += (1 if digit is None else digit) * mult
            digit = None
            last_small = mult
        else:                                      # 万 亿
            mult = _CN_BIG[ch]
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * mult if mult > 10_000 else total + section * mult
            section, digit, last_small = 0, None, 10_000
    section += digit or 0
    return total + section


_APPROX_TAIL = ("左右", "以上", "以下", "上下", "余", "多")


def _unit_approx(text: str, start: int, end: int, chinese: bool = False) -> tuple[str, bool]:
    """The unit after ``text[start:end]`` (300余人: the unit after 余) and whether the figure is
    approximate. One match of the unit serves both (this runs for every number of the prose);
    the prefix and suffix tests take bounds rather than slices, which is the same test."""
    m = _UNIT.match(text, end)
    unit = m.group() if m else ""
    if unit in ("余", "多"):                       # 300余人: the unit comes after
        m2 = _UNIT.match(text, m.end())
        unit = m2.group() if m2 and m2.group() not in ("余", "多") else ""
    lo = max(0, start - 4)
    approx = (chinese and text.endswith(("数", "几", "若干"), lo, start)        # 数十件, 几百人
              or text.endswith(_APPROX_BEFORE, lo, start)   # (a tuple: one C call, not a loop per word)
              # the unit may come between the number and 余/多: 300余人, 20多件, 100件左右, 10人以上
              or text.startswith(_APPROX_AFTER, end)
              or m is not None and text.startswith(_APPROX_TAIL, m.end()))
    return unit, approx


def find_numbers(text: str, limit: int | None = None) -> list[Number]:
    """Every quantity in ``text``, in order of position. With ``limit``, the search stops once
    it has found more than ``limit`` (the caller refuses such a text: see prose.blocks)."""
    t = fold_width(text)
    limit = len(t) if limit is None else limit
    out: list[Number] = []
    taken: list[tuple[int, int]] = []            # spans of 百分之…, in order and disjoint
    for m in _PERCENT_CN.finditer(t) if "百分之" in t else ():   # 百分之八十, 百分之九十五点五
        raw = m.group(1)
        whole, _, frac = raw.partition("点")
        v = chinese_to_int(whole)
        if v is None or len(frac) > MAX_CN_LEN or (frac and not all(ch in _CN_DIGITS for ch in frac)):
            continue
        value = float(f"{v}.{''.join(str(_CN_VAL[c]) for c in frac)}") if frac else float(v)
        out.append(Number(value, m.start(), m.end(), m.group(), "%", len(frac),
                          _unit_approx(t, m.start(), m.end())[1], True))
        taken.append(m.span())
        if len(out) > limit:
            return out
    for m in _ARABIC.finditer(t):
        s, e = m.span()
        raw = m.group()
        decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
        if e < len(t) and t[e] in "万亿":            # 2.3亿: scaled exactly, then rounded once
            from decimal import Decimal
            value = float(Decimal(raw.replace(",", "")) * _CN_BIG[t[e]])
            e += 1
        else:
            value = float(raw.replace(",", ""))     # (as float(Decimal(…)): correctly rounded)
        if not math.isfinite(value):               # 10**400: no quantity a report states
            continue
        unit, approx = _unit_approx(t, s, e)
        out.append(Number(value, s, e, t[s:e], unit, decimals, approx, False))
        if len(out) > limit:
            return out
    arabic_end = len(out)
    for m in _CN.finditer(t):              # (only numerals followed by a counting unit)
        s, e = m.span()
        k = bisect.bisect_right(taken, (s, math.inf)) - 1   # the last 百分之… starting at or before s
        if k >= 0 and s < taken[k][1]:               # (not a scan of them all: quadratic)
            continue
        if s and t[s - 1] in "第周星礼初":       # 第一, 星期一: ordinals
            continue
        raw = m.group()
        if len(raw) > 1 and all(ch in _CN_DIGITS for ch in raw):
            continue                               # 二〇一九, 一一: digit strings are not counts
        value = chinese_to_int(raw)
        if value is None or value == 0:
            continue
        if raw in ("一", "两") and s and "\u4e00" <= t[s - 1] <= "\u9fff" and t[s - 1] not in "共计有收到为是达了和及、":
            continue                               # 每一件, 这一项, 同一个: not a count
        out.append(Number(float(value), s, e, raw, m.group(1), 0, _unit_approx(t, s, e, True)[1], True))
        if len(out) > limit:
            break
    if taken or len(out) > arabic_end:     # (the Arabic numbers alone are in order already)
        out.sort(key=lambda n: n.start)
    return out


def rounds_to(computed: float, stated: float, decimals: int) -> bool:
    """Does ``computed`` round to ``stated`` at ``decimals`` places? Half-way cases either way."""
    half = 0.5 * 10 ** -decimals
    return abs(computed - stated) <= half + 1e-9
