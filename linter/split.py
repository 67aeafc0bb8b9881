"""Splitting the digit runs of collapsed table rows into the row's cells.

Scraped reports often lose the separators between cells: `640020470` is the seven cells
64, 0, 0, 2, 0, 4, 70 of one 表三 row. A row is given as a list of chunks (what stood between
separators: a digit run, a number, a placeholder, a blank) and a list of slots (the row's cells,
each with the kind of number it may hold). A split assigns every slot one piece of a chunk so
that every chunk is used up, in order; a piece is a number as the format writes it: no leading
zeros (`0` itself is fine), a sign only in a signed column (`本年增/减`), a decimal point only
in an amount column.

The search is a depth-first walk over the pieces, pruned by what the format guarantees:

* the relations of the row (`total = sum of parts`: 表三's 总计 column, 表四's group totals):
  when the walk reaches a total slot, its piece is not searched but computed — the text must
  continue with exactly the digits of the sum — and a part is never longer than the digits
  left for its total;
* the number of slots still to fill must fit the text still to read (at least one character
  per slot, one slot per atomic chunk).

A node budget bounds the walk whatever the input (a row has at most a few dozen digits; the
budget is far above what a real row needs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_INT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"[+-]?(?:0|[1-9]\d*)")
_DECIMAL = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
PIECE = {"int": _INT, "signed": _SIGNED, "decimal": _DECIMAL}
DEFAULT_BUDGET = 20_000


@dataclass(slots=True, unsafe_hash=True)   # (not frozen: see model.Span)
class Chunk:
    """A run of a collapsed table row: a digit run that may hold several cells, or one atomic cell."""
    text: str          # the chunk as written (compact, folded)
    atomic: bool       # a separated cell (pipe, or not a digit run): one slot, never split


@dataclass(slots=True, unsafe_hash=True)
class Piece:
    """One cell's text cut out of a chunk."""
    chunk: int         # index of the chunk
    start: int         # offsets in the chunk's text
    end: int
    text: str
    value: object      # number(text): the search has it at hand, the readers need it


MAX_DIGITS = 100    # longer is no count a report states
MAX_RUN = 300       # a collapsed row of the widest table has some 7 cells of a few digits


_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:\.\d+)?")
_SPLITTABLE = re.compile(r"[+-]?\d[\d+\-]*(?:\.\d+)?")
_SIGNS = re.compile(r"[+-]{2}|[+-]$")


def number(text: str):
    """The value of a number as written (`1,036`, `+3`, `616178.201`), else None."""
    s = text.replace(",", "")
    if len(s) > MAX_DIGITS:
        return None                 # (a 400-digit "number" overflows float and int conversions)
    if s.isdecimal():               # the common case, and exactly `\d+` (Unicode digits too)
        return int(s)
    if not _NUMBER_TEXT.fullmatch(s):
        return None
    return float(s) if "." in s else int(s)


def splittable(text: str) -> bool:
    """A chunk that may hold several cells: digits, with signs or one decimal point inside.
    Not longer than MAX_RUN: the search below costs the square of the run's length."""
    return len(text) <= MAX_RUN and bool(_SPLITTABLE.fullmatch(text)) and not _SIGNS.search(text)


@dataclass
class Result:
    """The ways a collapsed row can be cut into cells that satisfy the format's relations."""
    splits: list[tuple[Piece, ...]]
    complete: bool      # False: the limit or the node budget cut the search short
    nodes: int = 0      # search nodes spent (callers share a budget across rows)


def split(chunks: list[Chunk], slots: list[str], relations=(), limit: int = 50,
          budget: int = DEFAULT_BUDGET) -> Result:
    """Every split of `chunks` into `slots` (kinds int/signed/decimal) that satisfies the
    `relations` (total slot, part slots: total = sum of parts, parts before the total),
    up to `limit` splits.

    When the last slot is a total and the last chunk a digit run, the total is read first from
    the end of the run (one try per length): then every part is bounded by what is left of the
    total and the last part of the relation is computed, not searched."""
    n = len(slots)
    rels = {t: tuple(parts) for t, parts in relations}
    state = _Search(chunks, slots, rels, limit, budget)
    last = n - 1
    if n and last in rels and chunks and not chunks[-1].atomic and slots[last] == "int":
        text = chunks[-1].text
        parts = len(rels[last])
        plain = text.isascii() and text.isdigit()
        for length in range(1, len(text) + 1):
            # the total has at least as many digits as its widest part, and the parts at
            # least one digit each: with everything in one run, that bounds its length
            if len(chunks) == 1 and n == parts + 1:
                rest = len(text) - length
                if rest < parts or length < -(-rest // parts) or length > rest - parts + 2:
                    continue
                # casting out nines: however the head is split, its parts add up to the sum
                # of its digits modulo 9 (a run of plain digits only: `99.5`, `3-1` are not)
                if plain and sum(map(int, text[:rest])) % 9 != int(text[rest:]) % 9:
                    continue
            tail = text[len(text) - length:]
            if not _INT.fullmatch(tail):
                continue
            head = text[:len(text) - length]
            if head and not head[-1].isdigit():
                continue
            sub = list(chunks[:-1]) + ([Chunk(head, False)] if head else [])
            piece = Piece(len(chunks) - 1, len(head), len(text), tail, number(tail))
            if not state.run(sub, {last: int(tail)}, piece):
                break
    else:
        state.run(list(chunks), {}, None)
    return Result(state.out, state.complete, state.nodes)


class _Search:
    def __init__(self, chunks, slots, rels, limit, budget):
        self.slots = slots
        self.rels = rels
        self.part_of = {p: t for t, parts in rels.items() for p in parts}
        # a part's fellow parts before it (whose values bound it)
        self.before = {p: tuple(k for k in rels[t] if k < p) for p, t in self.part_of.items()}
        self.last_part = {t: max(parts) for t, parts in rels.items() if parts}
        self.limit = limit
        self.budget = budget
        self.nodes = 0
        self.complete = True
        self.out: list[tuple[Piece, ...]] = []
        # slots where no relation is open: what follows depends only on where the text is read
        # from, so a dead end there is remembered (表四: a group's split does not depend on
        # how the group before it was split, only on where it ended)
        inside = set()      # slots after a relation's first part, up to its total
        for t, parts in rels.items():
            if parts:
                inside.update(range(min(parts) + 1, t + 1))
        self.cuts = set(range(len(slots))) - inside

    def run(self, chunks: list[Chunk], fixed: dict[int, int], fixed_piece: Piece | None) -> bool:
        """Search with the slots in `fixed` already read (they follow every chunk)."""
        self.chunks = chunks
        self.texts = [c.text for c in chunks]
        # plain ASCII digit runs (the usual chunk): an `int` piece of one is valid unless it has a
        # leading zero, and its value is int() — no pattern to match per candidate length
        self.plain = [t.isascii() and t.isdigit() for t in self.texts]
        self.fixed = fixed
        self.fixed_piece = fixed_piece
        self.n = n = len(self.slots) - len(fixed)
        # tail_of[j]: the total whose parts are every slot from j on to the last searched, if any
        self.tail_of = [None] * (n + 1)
        for j in range(n - 1, -1, -1):
            t = self.part_of.get(j)
            self.tail_of[j] = t if t is not None and (j == n - 1 or self.tail_of[j + 1] == t) else None
        k = len(chunks)
        self.need_after = [0] * (k + 1)
        self.cap_after = [0] * (k + 1)
        self.chars_after = [0] * (k + 1)
        for i in range(k - 1, -1, -1):
            self.need_after[i] = self.need_after[i + 1] + 1
            self.cap_after[i] = self.cap_after[i + 1] + (1 if chunks[i].atomic else len(self.texts[i]))
            self.chars_after[i] = self.chars_after[i + 1] + len(self.texts[i])
        self.dead: set = set()
        self.pieces: list = [None] * len(self.slots)
        self.values: list = [None] * len(self.slots)
        for j, v in fixed.items():
            self.values[j] = v
        return self.walk(0, 0, 0)

    def fits(self, j: int, i: int, p: int) -> bool:
        left = self.n - j
        if i == len(self.chunks):
            return left == 0
        if self.chunks[i].atomic:
            lo, hi = self.need_after[i], self.cap_after[i]
        else:
            lo, hi = 1 + self.need_after[i + 1], len(self.texts[i]) - p + self.cap_after[i + 1]
        return lo <= left <= hi

    def walk(self, j: int, i: int, p: int) -> bool:
        self.nodes += 1
        if self.nodes > self.budget:
            self.complete = False
            return False
        if j == self.n:
            if i == len(self.chunks):
                pieces = self.pieces[:self.n] + ([self.fixed_piece] if self.fixed_piece else [])
                if self.fixed_piece is not None:
                    last = self.n
                    if not _total_ok(self.values, last, self.rels[last]):
                        return True
                self.out.append(tuple(pieces))
                if len(self.out) >= self.limit:
                    self.complete = False
                    return False
            return True
        if not self.fits(j, i, p):
            return True
        bound = self.bound(j)
        if j in self.cuts or j in self.part_of and self.part_of[j] in self.fixed:
            key = (j, i, p, bound)
            if key in self.dead:
                return True
            before = len(self.out)
            ok = self.step(j, i, p, bound)
            if ok and len(self.out) == before:
                self.dead.add(key)
            return ok
        return self.step(j, i, p, bound)

    def step(self, j: int, i: int, p: int, bound) -> bool:
        """Every piece slot j may take at chunk i, offset p; `bound`: self.bound(j)."""
        chunk = self.chunks[i]
        if chunk.atomic:
            return self.take(j, i, 0, len(chunk.text), chunk.text)
        text = self.texts[i]
        kind = self.slots[j]
        want = self.forced(j)
        if want is not None:
            if want < 0:
                return True
            w = str(want)
            if not text.startswith(w, p):
                if kind == "signed" and text.startswith("+" + w, p):
                    w = "+" + w
                else:
                    return True
            q = p + len(w)
            if q < len(text) and text[q] == ".":
                return True
            return self.take(j, i, p, q, text)
        pat = PIECE[kind]
        max_len = len(text) - p
        if bound is not None:
            if bound < 0:
                return True
            t = self.part_of[j]
            if self.tail_of[j] == t:
                # every slot left is a part of this total: each holds at most len(bound) digits
                left = len(text) - p + self.chars_after[i + 1]
                k = self.n - j
                if left > k * (len(str(bound)) + (1 if kind == "signed" else 0)):
                    return True
                # some part has at least ceil(left / k) digits, so the rest of the total is at
                # least 10^(that - 1); and no part has more than left - (k - 1) digits
                widest = -(-left // k)
                if widest > 1 and bound < 10 ** (widest - 1):
                    return True
                if len(str(bound)) > left - k + 2:
                    return True
            max_len = min(max_len, len(str(bound)) + (1 if kind == "signed" else 0))
        elif j in self.part_of:
            t = self.part_of[j]
            room = len(text) - p + self.chars_after[i + 1] - (t - j - 1) - (self.n - t - 1)
            max_len = min(max_len, max(1, room // 2))
        if kind == "int" and self.plain[i]:
            for q in range(p + 1, p + max_len + 1):
                if q > p + 1 and text[p] == "0":
                    break                   # a leading zero: no longer piece is a number
                value = int(text[p:q]) if q - p <= MAX_DIGITS else None   # (as number() does)
                if bound is not None and (value or 0) > bound:
                    break
                if not self.take(j, i, p, q, text, value):
                    return False
            return True
        for q in range(p + 1, p + max_len + 1):
            piece = text[p:q]
            if not pat.fullmatch(piece):
                if len(piece) > 1 and piece.lstrip("+-").startswith("0") and piece.lstrip("+-")[1:2].isdigit():
                    break
                continue
            if q < len(text) and text[q] == "." and kind != "decimal":
                continue
            if bound is not None and (number(piece) or 0) > bound:
                break
            if not self.take(j, i, p, q, text):
                return False
        return True

    def forced(self, j: int):
        """The value slot j must hold, when the relations fix it: a total whose parts are all
        read, or the last part of a relation whose total is already known."""
        if j in self.rels:
            parts = [self.values[k] for k in self.rels[j]]
            if all(isinstance(v, int) for v in parts):
                return sum(parts)
            return None
        t = self.part_of.get(j)
        if t is not None and t in self.fixed and self.last_part[t] == j:
            others = [self.values[k] for k in self.rels[t] if k != j]
            if all(isinstance(v, int) for v in others):
                return self.fixed[t] - sum(others)
        return None

    def bound(self, j: int):
        """The largest value slot j may hold: what is left of a known total."""
        t = self.part_of.get(j)
        if t is None or t not in self.fixed:
            return None
        left = self.fixed[t]
        for k in self.before[j]:
            v = self.values[k]
            if not isinstance(v, int):
                return None
            left -= v
        return left

    def take(self, j: int, i: int, p: int, q: int, text: str, value=None) -> bool:
        piece = text[p:q]
        if value is None:
            value = number(piece)       # (None: not given, or too long)
        self.pieces[j] = Piece(i, p, q, piece, value)
        self.values[j] = value
        if j in self.rels and not _total_ok(self.values, j, self.rels[j]):
            return True
        ok = self.walk(j + 1, i + 1, 0) if q == len(text) else self.walk(j + 1, i, q)
        self.values[j] = None
        return ok


def _total_ok(values: list, j: int, parts: tuple[int, ...]) -> bool:
    vals = [values[k] for k in parts]
    if values[j] is None or any(v is None for v in vals):
        return True  # not checkable (a placeholder or blank): any piece will do
    return abs(values[j] - sum(vals)) < 1e-9
