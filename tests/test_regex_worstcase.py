"""No superlinear path (issue #6): every regular expression in linter/, rules/ and grammar/,
and the whole pipeline, stay linear on the worst inputs we can construct.

Regexes are found, not listed by hand, so a pattern added later is audited too: every
module-level (or class-level) compiled pattern, every constant pattern passed to `re.*` in the
source, and the scanner's generated patterns. For each, adversarial inputs are built from the
pattern's own parse tree — long runs of what each quantifier accepts, the pattern's own match
repeated, near-misses (a match minus its last character, a run followed by a character that
fails) — and matched with finditer and fullmatch at size n and 10 n.

Linearity is judged by the RATIO of CPU times at n and 10 n (best of several runs), not by
absolute times: a quadratic path multiplies by ~100, a linear one by ~10; the bound is 30.
Times too small to measure (10 n under 20 ms) pass: nothing that fast blocks anyone.
Every pattern must be linear under finditer, match AND fullmatch, whichever the code uses today:
a pattern that is fine under fullmatch but quadratic under search is one refactoring away from
a hang, and the fix (an anchor or a lookbehind) is cheap.
"""
from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import re
import time
from pathlib import Path

import pytest

from conftest import ROOT

try:
    from re import _constants as C, _parser as P
except ImportError:                                  # Python < 3.11
    import sre_constants as C
    import sre_parse as P

RATIO = 30
FLOOR = 0.02           # seconds at 10 n below which the ratio is noise
N = 2000


# --- finding every regex ---------------------------------------------------------------------

def _modules():
    import report_lint
    import report_lint.formats
    import report_lint.grammar
    import report_lint.rules

    mods = []
    for pkg in (report_lint, report_lint.rules, report_lint.grammar, report_lint.formats):
        mods.append(pkg)
        for info in pkgutil.iter_modules(pkg.__path__):
            name = f"{pkg.__name__}.{info.name}"
            if name.endswith("__main__"):
                continue
            mods.append(importlib.import_module(name))
    return mods


def _collect(obj, where, out, depth=0):
    if isinstance(obj, re.Pattern):
        out.setdefault((obj.pattern, obj.flags), where)
    elif depth < 2 and isinstance(obj, (list, tuple, set, frozenset)):
        for i, x in enumerate(obj):
            _collect(x, f"{where}[{i}]", out, depth + 1)
    elif depth < 2 and isinstance(obj, dict):
        for k, x in obj.items():
            _collect(x, f"{where}[{k!r}]", out, depth + 1)


_RE_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def all_patterns() -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for mod in _modules():
        for name, obj in vars(mod).items():
            _collect(obj, f"{mod.__name__}.{name}", out)
            # a pattern compiled on first need: `@cache def _remnant() -> re.Pattern`
            if isinstance(obj, functools._lru_cache_wrapper) and obj.__module__ == mod.__name__ \
                    and not inspect.signature(obj).parameters \
                    and inspect.signature(obj).return_annotation in (re.Pattern, "re.Pattern"):
                _collect(obj(), f"{mod.__name__}.{name}()", out)
            if inspect.isclass(obj) and obj.__module__ == mod.__name__:
                for attr, val in vars(obj).items():
                    _collect(val, f"{mod.__name__}.{name}.{attr}", out)
        # constant patterns passed to re.* inside functions
        try:
            src = inspect.getsource(mod)
        except (OSError, TypeError):
            continue
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in _RE_FUNCS and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == "re" and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                try:
                    p = re.compile(node.args[0].value)
                except re.error:
                    continue
                out.setdefault((p.pattern, p.flags), f"{mod.__name__}:{node.lineno}")
    # generated at run time from the grammar
    from report_lint import scan
    pats = scan.patterns()
    for name in dir(pats):
        val = getattr(pats, name)
        if isinstance(val, re.Pattern):
            out.setdefault((val.pattern, val.flags), f"scan.patterns().{name}")
    return out


PATTERNS = all_patterns()


def test_the_audit_finds_the_regexes():
    """Guard against a silently empty audit: the scanner, reader and metadata patterns are in."""
    where = set(PATTERNS.values())
    assert len(PATTERNS) >= 25, len(PATTERNS)
    for must in ("report_lint.scan._TABULAR_GAP", "report_lint.normalise._DROP", "report_lint.metadata._TITLE",
                 "scan.patterns().section", "scan.patterns().labels",
                 "report_lint.rules.rl503_html_remnant._remnant()"):
        assert any(w == must or w.startswith(must) for w in where), must


# --- adversarial inputs from a pattern's parse tree ------------------------------------------

_POOL = ["x", "一", "1", " ", "|", "\n", "、", "(", "年", ".", "-", "a", "总", "。", "%", "\t", "0", "二", ":"]


def _in_set(items, ch: str) -> bool:
    o = ord(ch)
    neg = False
    hit = False
    for op, av in items:
        if op is C.NEGATE:
            neg = True
        elif op is C.LITERAL:
            hit |= av == o
        elif op is C.RANGE:
            hit |= av[0] <= o <= av[1]
        elif op is C.CATEGORY:
            hit |= bool(re.fullmatch({C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D",
                                      C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
                                      C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}.get(av, r"(?!)"), ch))
    return hit != neg


def _set_chars(items) -> list[str]:
    """A few characters the set accepts (endpoints and middle of ranges, literals)."""
    chars = []
    for op, av in items:
        if op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE:
            chars += [chr(av[0]), chr((av[0] + av[1]) // 2), chr(av[1])]
    chars += _POOL
    return [c for c in dict.fromkeys(chars) if _in_set(items, c)][:6]


def _sample(tree) -> str:
    """One string the (sub)pattern roughly matches; lookarounds and anchors contribute nothing."""
    out = []
    for op, av in tree:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.NOT_LITERAL:
            out.append("x" if av != ord("x") else "y")
        elif op is C.ANY:
            out.append("x")
        elif op is C.IN:
            cs = _set_chars(av)
            out.append(cs[0] if cs else "x")
        elif op is C.BRANCH:
            out.append(_sample(av[1][0]))
        elif op is C.SUBPATTERN:
            out.append(_sample(av[-1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            out.append(_sample(sub) * max(lo, 1))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            out.append(_sample(av))
    return "".join(out)


def _repeat_bodies(tree, acc):
    """(body sample, characters the body accepts) for every quantifier, nested ones too."""
    for op, av in tree:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            chars = []
            for sop, sav in sub:
                if sop is C.IN:
                    chars += _set_chars(sav)
                elif sop is C.LITERAL:
                    chars.append(chr(sav))
            acc.append((_sample(sub), chars))
            _repeat_bodies(sub, acc)
        elif op is C.SUBPATTERN:
            _repeat_bodies(av[-1], acc)
        elif op is C.BRANCH:
            for alt in av[1]:
                _repeat_bodies(alt, acc)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _repeat_bodies(av[1], acc)
    return acc


def worst_inputs(pattern: re.Pattern, n: int) -> dict[str, str]:
    tree = P.parse(pattern.pattern, pattern.flags)
    full = _sample(tree) or "x"
    fail = "Ω"
    cands: dict[str, str] = {}

    def rep(s: str, k: int = n) -> str:
        return (s * (k // max(len(s), 1) + 1))[:k] if s else ""

    cands["match repeated"] = rep(full)
    if len(full) > 1:
        cands["near-miss repeated"] = rep(full[:-1])
    cands["prefix + long run + miss"] = full[: max(1, len(full) // 2)] + rep(full[len(full) // 2:] or full) + fail
    for i, (body, chars) in enumerate(_repeat_bodies(tree, [])[:6]):
        if body:
            cands[f"quantifier {i} run"] = rep(body)
            cands[f"quantifier {i} run + miss"] = rep(body, n - 1) + fail
            cands[f"head + quantifier {i} run + miss"] = full[:1] + rep(body, n - 2) + fail
        for c in chars[:3]:
            cands[f"quantifier {i} char {c!r} run"] = rep(c)
    return {k: v for k, v in cands.items() if v}


def _cpu(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def _ops(p: re.Pattern, s: str):
    for _ in p.finditer(s):
        pass
    p.fullmatch(s)
    p.match(s)


def _grows_linearly(p: re.Pattern, make) -> str | None:
    """None if matching `make(n)` stays linear from n = N/16 to 10 N; else what went wrong.
    The size doubles up to N first, so a catastrophic pattern is caught while it is still
    fast (an exponential one would never finish at 10 N)."""
    # Small steps first: an exponential pattern doubles per character and must be caught at
    # a few dozen characters, before one match runs for hours inside the C engine.
    small = {}
    for n in (8, 12, 16, 20, 24, 32):
        s = make(n)
        small[n] = _cpu(lambda: _ops(p, s), repeat=1)
        if small[n] > 0.2 or (n > 8 and small[n] > 0.005 and small[n] > 4 * small[max(k for k in small if k < n)]):
            return "catastrophic: " + ", ".join(f"{k} chars {v * 1e3:.1f} ms" for k, v in small.items())
    times = {}
    for n in (N // 16, N // 8, N // 4, N // 2, N):
        s = make(n)
        times[n] = _cpu(lambda: _ops(p, s), repeat=2)
        if times[n] > 0.5:
            return "catastrophic: " + ", ".join(f"{k} chars {v * 1e3:.0f} ms" for k, v in times.items())
        if n > N // 16 and times[n] > 0.03 and times[n] > 3.5 * times[n // 2]:   # quadratic: x4 per doubling
            return "superlinear: " + ", ".join(f"{k} chars {v * 1e3:.1f} ms" for k, v in times.items())
    big = make(10 * N)
    t10 = _cpu(lambda: _ops(p, big), repeat=2)
    t1 = _cpu(lambda: _ops(p, make(N)))
    if t10 > FLOOR and t10 > RATIO * max(t1, 1e-4):
        return f"superlinear: {t1 * 1e3:.2f} ms at {N} chars -> {t10 * 1e3:.1f} ms at {10 * N}"
    return None


@pytest.mark.parametrize("key", sorted(PATTERNS), ids=lambda k: PATTERNS[k][-60:])
def test_regex_is_linear_on_its_worst_inputs(key):
    p = re.compile(*key)
    bad = []
    for name in worst_inputs(p, N):
        why = _grows_linearly(p, lambda n, name=name: worst_inputs(p, n)[name])
        if why:
            bad.append(f"{name}: {why}")
    assert not bad, f"{PATTERNS[key]} /{key[0][:80]}/ is not linear:\n" + "\n".join(bad)


# --- hand-made worst cases for the patterns that carry the most text ---------------------------

HANDMADE = {
    # spaces between non-alphanumerics are dropped: long space runs, alternating with hanzi
    "report_lint.normalise._DROP": ["一" + " " * N + "二", ("一 " * N), "国(" + "ā" * N, "国(" + "a" * N + "ā"],
    "report_lint.scan._TABULAR_GAP": ["1 " * N + "x", "|" * N + "不适" + "|" * N, " " * N + "不适用" + "x"],
    "report_lint.metadata._TITLE": ["2019" + " " * N + "年", ("2019年" + "政" * 39) * (N // 40), "2019年度" * (N // 6)],
    "report_lint.metadata._YEAR": ["2019" + " " * N, "2019 " * (N // 5), "2019年" * (N // 5)],
    "report_lint.scan._LOOSE_HEADING": ["一、" + "总" * N, ("一、" + "总" * 29 + " ") * (N // 32), "一" * N],
    "report_lint.scan._LOOSE_HEADING_AFTER": ["\n一、" + "总" * N, ("\n一、" + "总" * 29 + " ") * (N // 32), "\n一" * N],
    "report_lint.scan._SUBHEADING": ["(一)" + "x" * N, "(一)" * N, "(" * N],
}


@pytest.mark.parametrize("where", sorted(HANDMADE))
def test_handmade_worst_cases(where):
    mod, name = where.rsplit(".", 1)
    p = getattr(importlib.import_module(mod), name, None)
    if not isinstance(p, re.Pattern):
        pytest.skip(f"{where} is gone")
    for s in HANDMADE[where]:
        why = _grows_linearly(p, lambda n, s=s: (s * (n // len(s) + 1))[:n])
        assert why is None, f"{where} on {s[:20]!r}…: {why}"


# --- the whole pipeline: parsing, table recovery and prose scanning ---------------------------

def _corpus():
    from conftest import fuzz_harness
    return fuzz_harness().corpus()


def _documents(k: int) -> dict[str, str]:
    texts = _corpus()
    report = max(texts, key=len)
    lines = report.split("\n")
    row = next(ln for ln in lines if "|" in ln and any(ch.isdigit() for ch in ln))
    i = lines.index(row)
    return {
        "report concatenated": "\n".join([report] * k),
        "table rows": "\n".join(lines[:i] + [row] * (300 * k) + lines[i:]),
        "repeated headings": report + "\n" + "一、总体情况\n二、主动公开政府信息情况\n" * (100 * k),
        "inline headings": report.replace("\n", "") * k,
        "numbered lines": report + "\n" + "".join(f"{'一二三四五六'[j % 6]}、存在的问题{j}\n" for j in range(200 * k)),
        "numbers in prose": report + "\n" + "本年共收到申请12件，其中办结10件，占83.3%；" * (100 * k),
        # each Chinese numeral was checked against every 百分之… span before it: quadratic
        "chinese percentages in prose": report + "\n" + "占百分之八十，共八十件，" * (400 * k),
        "long collapsed line": report + "\n" + ("总计12 | 3 | 4 |" * (200 * k)),
        "table on one line": report + "\n" + " ".join([ln for ln in lines if "|" in ln] * (5 * k)),
        # a long Markdown rule line inside a table: every `---` cell once re-read its whole line
        # to test it — quadratic (found by the fuzz run: a 40 KB line took 11 s)
        "long markdown rule line": "\n".join(lines[:i + 1] + ["| | | | | | | | |"] * 3 + ["---|" * (500 * k)]
                                             + ["| | | | | | | | |"] * 3 + lines[i + 1:]),
    }


@pytest.fixture(scope="module")
def lint():
    from report_lint import registry
    from report_lint.lint import Options, lint_source
    from report_lint.read import Source
    rules = registry.all_rules()

    def run(text):
        return lint_source(Source("x.txt", text, "utf-8"), Options(), rules)
    run(_corpus()[0])          # warm: imports, grammar, OpenCC
    return run


@pytest.mark.parametrize("kind", sorted(_documents(1)))
def test_pipeline_is_linear(lint, kind):
    small, large = _documents(2)[kind], _documents(20)[kind]
    t1 = _cpu(lambda: lint(small), repeat=2)
    t10 = _cpu(lambda: lint(large), repeat=1)
    ratio = t10 / max(t1, 1e-3)
    assert ratio < RATIO, f"{kind}: {t1 * 1e3:.0f} ms at {len(small)} chars -> {t10 * 1e3:.0f} ms at {len(large)} chars (x{ratio:.0f})"


# --- pure-Python loops found by review (not regexes, not reachable cheaply through the pipeline
# at test sizes: the 100,000-token limit comes first) ----------------------------------------

def test_merging_table_fragments_is_linear():
    """`head.tokens = head.tokens + block.tokens` per fragment copied the growing list each time:
    48,000 alternating 表二/表三 labels on one line spent 6 s merging (found in review)."""
    from types import SimpleNamespace

    from report_lint.model import Span, Table, Token
    from report_lint.tables import merge_fragments

    tok = Token("LABEL", "x", Span(0, 1), {})

    def fragments(n):
        return SimpleNamespace(preamble=[Table("二三"[i % 2], None, [tok, tok], Span(i, i + 1)) for i in range(n)],
                               sections=[])

    small = fragments(10)
    merge_fragments(small)
    assert len(small.preamble) == 2 and len(small.preamble[0].tokens) == 10   # all in the first
    # only the merge is timed (each on fresh fragments: it merges in place), with the garbage
    # collector off: 40,000 new Tables in a big test process otherwise set off full collections
    import gc
    gc.disable()
    try:
        t1 = min(_cpu(lambda d=fragments(4000): merge_fragments(d), repeat=1) for _ in range(3))
        t10 = _cpu(lambda d=fragments(40000): merge_fragments(d), repeat=1)
    finally:
        gc.enable()
    assert t10 / max(t1, 1e-3) < RATIO, f"{t1 * 1e3:.0f} ms -> {t10 * 1e3:.0f} ms"


def test_long_chinese_numerals_are_no_numbers():
    """`一亿一亿…` grew an integer by eight digits per 亿 (quadratic) and overflowed float();
    5,000 Chinese digits exceeded int()'s digit limit: both raised out of the linter (found in
    review). A numeral longer than any count a report states is no number."""
    from report_lint.numbers import chinese_to_int, find_numbers

    assert chinese_to_int("九千九百九十九万九千九百九十九") == 99_999_999
    for text in ("共" + "一亿" * 40 + "件。", "占百分之" + "一亿" * 40, "占百分之" + "一" * 5000 + "。",
                 "百分之五点" + "五" * 5000):
        assert find_numbers(text) == []
    t1 = _cpu(lambda: find_numbers("共" + "一亿" * 4000 + "二三件。"))
    t10 = _cpu(lambda: find_numbers("共" + "一亿" * 40000 + "二三件。"), repeat=1)
    assert t10 / max(t1, 1e-3) < RATIO, f"{t1 * 1e3:.0f} ms -> {t10 * 1e3:.0f} ms"
