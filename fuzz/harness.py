"""The robustness property shared by tests/test_fuzz.py and the standalone fuzz run (fuzz/run.py).

Property: for ANY input bytes and any combination of the options that change behaviour, the
linter returns findings or a clean one-line input error — never an exception — and every
output format renders; `--format json` output is valid JSON (and encodable as UTF-8); every
position points inside the original text; the same input gives byte-identical JSON.

Strategies build inputs from the real reports in examples/ (so a clone can run them):
arbitrary bytes and text, real reports with lines deleted, duplicated, shuffled, truncated
mid-character, numbers replaced by huge values, labels mangled, tables with thousands of
rows, one very long line, deeply repeated headings, regex-hostile runs, odd encodings.
"""
from __future__ import annotations

import io
import json
import os
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIRS = (ROOT / "examples" / "seeds", ROOT / "examples" / "real")
HUGE = str(10 ** 400)
SEVERITIES = {"error", "warning", "info"}


@lru_cache(maxsize=1)
def corpus() -> tuple[str, ...]:
    texts = []
    for d in CORPUS_DIRS:
        for p in sorted(d.iterdir()):
            if p.suffix in (".txt", ".md"):
                texts.append(p.read_text(encoding="utf-8"))
    texts.append((ROOT / "examples" / "clean-2021.txt").read_text(encoding="utf-8"))
    return tuple(texts)


# ---------------------------------------------------------------------------------------------
# The property

class PropertyFailure(AssertionError):
    pass


@dataclass
class Case:
    data: bytes
    encoding: str | None = None   # --encoding
    year: int | None = None       # --year
    template: str | None = None   # --template

    def argv(self) -> list[str]:
        out = []
        if self.encoding:
            out += ["--encoding", self.encoding]
        if self.year:
            out += ["--year", str(self.year)]
        if self.template:
            out += ["--template", self.template]
        return out


def _rules():
    from report_lint import registry
    return registry.all_rules()


def render(results, fmt: str) -> str:
    from report_lint import formats
    buf = io.StringIO()
    formats.get(fmt).render(results, formats.summarise(results), buf)
    return buf.getvalue()


def check_case(case: Case, workdir: Path, *, determinism: bool = False, all_formats: bool = True):
    """Run the linter on one input as the CLI would and assert the property.
    Returns (result, CPU seconds of linting, CPU seconds of rendering)."""
    from report_lint.lint import Options, lint_path

    path = workdir / "input.txt"
    path.write_bytes(case.data)
    opts = Options(encoding=case.encoding, year=case.year, template=case.template)
    c0 = time.process_time()
    res = lint_path(str(path), opts, _rules())          # an exception here IS the failure
    c1 = time.process_time()
    validate(res)
    doc = render([res], "json")
    try:
        parsed = json.loads(doc)
        doc.encode("utf-8")                              # what the CLI writes to stdout
    except (ValueError, UnicodeEncodeError) as e:
        raise PropertyFailure(f"--format json output is not valid UTF-8 JSON: {e}") from None
    if parsed["files"][0]["path"] != str(path):
        raise PropertyFailure("json output lost the path")
    if all_formats:
        from report_lint import formats
        for fmt in getattr(formats, "FORMATS", ("full", "concise", "json")):
            if fmt != "json":
                render([res], fmt).encode("utf-8")
    c2 = time.process_time()
    if determinism:                                      # (not counted as rendering time)
        again = render([lint_path(str(path), opts, _rules())], "json")
        if again != doc:
            raise PropertyFailure("the same input gave different JSON output")
    return res, c1 - c0, c2 - c1


def validate(res) -> None:
    if res.error is not None:
        if not res.error.strip() or "\n" in res.error or "Traceback" in res.error:
            raise PropertyFailure(f"input error is not one clean line: {res.error!r}")
        if "内部错误" in res.error or "internal error" in res.error:
            raise PropertyFailure(f"internal error: {res.error}")
        return
    text = res.report.normalised.original
    lines = text.split("\n")
    for f in res.findings:
        where = f"{f.code} at {f.line}:{f.column}-{f.end_line}:{f.end_column}"
        if f.severity not in SEVERITIES or not re.fullmatch(r"RL\d{3}", f.code) or not f.message.strip():
            raise PropertyFailure(f"malformed finding {where}: {f!r}")
        for ln, col in ((f.line, f.column), (f.end_line, f.end_column)):
            if not 1 <= ln <= len(lines) or not 1 <= col <= len(lines[ln - 1]) + 1:
                raise PropertyFailure(f"position outside the text: {where} ({len(lines)} lines)")
        if (f.end_line, f.end_column) < (f.line, f.column):
            raise PropertyFailure(f"finding ends before it starts: {where}")
        if not 0 <= f.span.start <= f.span.end <= len(text):
            raise PropertyFailure(f"span outside the text: {where} {f.span}")


# ---------------------------------------------------------------------------------------------
# Strategies. `scale` bounds the big inputs: 1 in the test suite, larger in the standalone run.

_CJK_RUNS = ["一、", "（一）", "第一部分", "一是", "表二", "|", " ", "\t", "　", "1,", "1.", "(", "(ā",
             "-", "—", "无", "年", "2019年", "统计期限为", "政府信息公开", "本年", "总计", "12", "\u200b",
             "國(guó)", "行政许可", "---|", ":", "、", "*", "#"]
_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
             "一总体情况", "（一）主动公开", "第一部分 总体情况", "一、一、一、", "六、其他"]
_NUMBER_SUBS = [HUGE, "-" + HUGE, "9" * 60, "1e999", "0.0000000000000001", "1,2,3,,,,4", "١٢٣",
                "𝟏𝟐", "½", "NaN", "inf", "-0", "0x1F", "1_000", "１２３", "1.2.3.4", "99999999999999999999.5",
                # Chinese numerals past float and int() limits (found in review, not by the fuzzer)
                "一亿" * 40, "一" * 5000, "百分之" + "一亿" * 40, "九千九百九十九万九千九百九十九"]
_INSERTS = [" ", "  ", "\t", "|", "\n", "\r", "\u200b", "\u0301", "\ufeff", "\x00", "\x0b", "\x1c",
            "\u2028", "\u3000", "(guó)", "（", "）", "、", "。", "𠮷", "\U000e0001"]
ENCODINGS = ["utf-8"] * 6 + ["utf-8-sig", "gb18030", "gb18030", "utf-16", "utf-16-le", "utf-16-be",
                             "big5", "utf-32", "latin-1"]
OPTION_ENCODINGS = [None] * 12 + ["utf-8", "gb18030", "big5", "utf-16", "latin-1", "ascii",
                                  "unicode_escape", "utf-7", "raw_unicode_escape", "rot13", "nope"]


def _encode(text: str, enc: str) -> bytes:
    return text.encode(enc, errors="replace" if enc in ("big5", "latin-1") else "strict")


def _copies(line: str, wanted: int, scale: int) -> int:
    """How many copies of a line to add: at most about 2 MB × scale of new text, so that copying
    an already huge line (a 10 MB line, or a whole report collapsed onto one line) stays an input
    of tens of MB and does not take the fuzzer's own memory (10 MB × 10,000 copies: 100 GB)."""
    return max(1, min(wanted, 2_000_000 * scale // (len(line) + 1)))


@st.composite
def mutated_report(draw, scale: int = 1) -> bytes:
    """A real report, mutated at the line, character and byte level, then encoded."""
    text = draw(st.sampled_from(corpus()))
    rnd = draw(st.randoms(use_true_random=False))
    lines = text.split("\n")
    ops = draw(st.lists(st.sampled_from(
        ["delete", "duplicate", "shuffle", "swap", "numbers", "mangle", "rows", "long_line",
         "headings", "runs", "collapse", "crlf", "controls"]), min_size=1, max_size=4))
    for op in ops:
        n = len(lines)
        if op == "delete" and n > 1:
            for _ in range(rnd.randint(1, max(1, n // 3))):
                if len(lines) > 1:
                    del lines[rnd.randrange(len(lines))]
        elif op == "duplicate":
            i = rnd.randrange(n)
            lines[i:i] = [lines[i]] * _copies(lines[i], rnd.randint(1, 20), scale)
        elif op == "shuffle":
            i = rnd.randrange(n)
            j = min(n, i + rnd.randint(2, 40))
            part = lines[i:j]
            rnd.shuffle(part)
            lines[i:j] = part
        elif op == "swap" and n > 1:
            i, j = rnd.randrange(n), rnd.randrange(n)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "numbers":
            sub = draw(st.sampled_from(_NUMBER_SUBS))
            every = rnd.random() < 0.5
            lines = [re.sub(r"\d+", (lambda m: sub) if every else
                            (lambda m: sub if rnd.random() < 0.1 else m.group()), ln) for ln in lines]
        elif op == "mangle":
            for _ in range(rnd.randint(1, 30)):
                i = rnd.randrange(len(lines))
                ln = lines[i]
                k = rnd.randint(0, len(ln))
                choice = rnd.random()
                if choice < 0.5:
                    ln = ln[:k] + rnd.choice(_INSERTS) + ln[k:]
                elif choice < 0.8:
                    ln = ln[:k] + ln[k + 1:]
                else:
                    ln = ln[:k] + ln[k + 1:k + 2] + ln[k:k + 1] + ln[k + 2:]
                lines[i] = ln
        elif op == "rows":
            rowish = [i for i, ln in enumerate(lines) if re.search(r"\d", ln) and re.search(r"[\u4e00-\u9fff]", ln)]
            if rowish:
                i = rnd.choice(rowish)
                lines[i:i] = [lines[i]] * _copies(lines[i], rnd.randint(100, 1000 * scale), scale)
        elif op == "long_line":
            size = rnd.choice([1000, 10_000, 100_000 * scale]) if scale < 10 else rnd.choice([10_000, 1_000_000, 10_000_000])
            alphabet = rnd.choice(["0123456789", "一二三四五六", "| 1 ", " \t", "总计12", "、一", "(ā", "x"])
            line = (alphabet * (size // len(alphabet) + 1))[:size] if rnd.random() < 0.5 \
                else "".join(rnd.choice(alphabet) for _ in range(min(size, 200_000)))
            lines.insert(rnd.randrange(len(lines) + 1), line)
        elif op == "headings":
            h = draw(st.sampled_from(_HEADINGS))
            reps = rnd.randint(10, 300 * scale)
            sep = rnd.choice(["\n", "", " ", "。", "\n\n"])
            lines.insert(rnd.randrange(len(lines) + 1), sep.join([h] * reps))
        elif op == "runs":
            r = draw(st.sampled_from(_CJK_RUNS))
            lines.insert(rnd.randrange(len(lines) + 1), r * rnd.randint(100, 5000 * scale))
        elif op == "collapse":
            lines = ["".join(lines)]
        elif op == "crlf":
            lines = [ln + "\r" for ln in lines]
        elif op == "controls":
            for _ in range(rnd.randint(1, 5)):
                i = rnd.randrange(len(lines))
                lines[i] += chr(rnd.choice([0, 1, 7, 8, 0x1b, 0x7f, 0x85, 0xad, 0xfffd, 0xd7ff]))
    enc = draw(st.sampled_from(ENCODINGS))
    data = _encode("\n".join(lines), enc)
    if draw(st.booleans()) and len(data) > 2 and rnd.random() < 0.3:
        data = data[:rnd.randrange(1, len(data))]            # truncated, maybe mid-character
    return data


def arbitrary_text_bytes() -> st.SearchStrategy[bytes]:
    alphabet = st.sampled_from(list("一二三四五六七八九十、，。（）()|0123456789 \n\t总体情况主动公开收到处理申请"
                                    "行政复议诉讼存在问题其他事项本年新收结转合计总计自然人规章.-—/无年月日第部分表"))
    return (st.text(alphabet=alphabet, max_size=600) | st.text(max_size=400)).map(lambda t: t.encode("utf-8"))


def cases(scale: int = 1) -> st.SearchStrategy[Case]:
    data = st.one_of(st.binary(max_size=600), arbitrary_text_bytes(), mutated_report(scale), mutated_report(scale))
    return st.builds(Case, data,
                     st.sampled_from(OPTION_ENCODINGS),
                     st.sampled_from([None] * 6 + [1990, 2018, 2019, 2021, 2100]),
                     st.sampled_from([None] * 6 + ["pre2019", "2019", "2021"]))


def env_for_subprocess() -> dict:
    e = dict(os.environ)
    e.pop("GITHUB_ACTIONS", None)
    e.pop("GITHUB_STEP_SUMMARY", None)
    return e
