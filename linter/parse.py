"""Parsing: tokens → Lark LALR parse over grammar/report.lark → the Report model.

The grammar accepts any token sequence, so parsing never fails on a malformed report; the
Transformer turns the tree into Sections, Paragraphs and Tables (report_lint.model).
"""
from __future__ import annotations

from functools import lru_cache

from lark import Lark, Transformer
from lark.lexer import Lexer, Token as LarkToken

from report_lint.grammar import grammar_text
from report_lint.model import Paragraph, Report, Section, Span, Subheading, Table, Token
from report_lint.normalise import Normalised


class _Run(tuple):
    """The scanner's tokens of one run, the value of one TABLE or TEXT token."""

    def __str__(self) -> str:   # what Lark's Token (a str) holds; repr() would cost per token
        return "RUN"


# the scanner's tokens that are fed to Lark as runs, and the token a run is fed as
_RUNS = {"LABEL": "TABLE", "CELL": "TABLE", "TEXT": "TEXT"}


class _TokenLexer(Lexer):
    """Feeds the scanner's tokens to Lark, each as the value of a Lark token (as in Lark's
    custom-lexer example), so the transformer receives the scanner's Token itself. A run of
    LABEL and CELL tokens is one TABLE token (its value: the run): the grammar reads any such
    run as one table, and a report's hundreds of cells then cost the parser one step, not one
    each. Likewise a run of TEXT tokens (lines of prose) is one TEXT token, read as the run's
    paragraphs."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, data):
        run: list[Token] = []
        kind = None
        for tok in data:
            k = _RUNS.get(tok.type)
            if run and k != kind:
                yield LarkToken(kind, _Run(run))
                run = []
            if k is None:
                yield LarkToken(tok.type, tok)
            else:
                kind = k
                run.append(tok)
        if run:
            yield LarkToken(kind, _Run(run))


@lru_cache(maxsize=1)
def parser() -> Lark:
    # The transformer is embedded: LALR applies it as it reduces, so no tree is built and walked
    # afterwards (~0.1 ms a report); parse() hands it each document's tokens. Building the LALR
    # tables costs ~12 ms, so Lark's serialised form is kept in the user's cache as JSON
    # (report_lint.cache); our lexer and transformer are put back by us, never read from it.
    import lark
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    from report_lint import cache

    text = grammar_text()
    digest = cache.key(lark.__version__, text)
    saved = cache.load("parser", digest)
    if saved is not None:
        try:
            saved["data"]["options"].update(lexer=_TokenLexer, transformer=_BUILD)
            saved["data"]["parser"]["lexer_conf"]["lexer_type"] = _TokenLexer
            return Lark.load(saved)
        except Exception:  # a cache from another lark, or damaged: rebuild it
            pass
    parser = Lark(text, parser="lalr", lexer=_TokenLexer, transformer=_BUILD)
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["options"] = {**data["options"], "lexer": None, "transformer": None}
    data["parser"]["lexer_conf"] = {**data["parser"]["lexer_conf"], "lexer_type": None}
    cache.store("parser", digest, {"data": data, "memo": memo})
    return parser


class _Build(Transformer):
    """One instance, embedded in the parser. It keeps no state, so that a library user may lint
    in several threads at once: each Lark token carries the scanner's Token as its value."""

    @staticmethod
    def _tok(t) -> Token:
        return t.value

    def subheading(self, items):
        tok = self._tok(items[0])
        return Subheading(tok.text, tok.span, tok.info.get("cstart"))

    def paragraph(self, items):   # a run of TEXT tokens: a paragraph each
        return [Paragraph(tok.text, tok.span, tok.info.get("cstart")) for tok in items[0].value]

    def table(self, items):
        return _split_tables(list(items[0].value))

    def preamble(self, items):
        return _flatten(items)

    def section(self, items):
        head = self._tok(items[0])
        d = head.info
        sdef = d["def"]
        title = d["title"]
        exact = d["exact"]
        blocks = _flatten(items[1:])
        end = blocks[-1].span.end if blocks else head.span.end
        return Section(sdef, d["numeral"], d["sep"], title, exact, head.span, Span(head.span.start, end), blocks)

    def start(self, items):
        return items


def _flatten(items) -> list:
    out = []
    for it in items:
        if isinstance(it, list):
            out += it
        else:
            out.append(it)
    return out


def _split_tables(toks: list[Token]) -> list[Table]:
    """A run of table tokens may hold several tables (a missing heading between them):
    split it where a label owned by another table appears, and tell each part's format."""
    parts: list[list[Token]] = []
    cur_table = None
    for tok in toks:
        if tok.type == "LABEL":
            tables = tok.info["infos"].tables
            if cur_table is None or (cur_table not in tables and len(tables) == 1):
                cur_table = next(iter(tables)) if len(tables) == 1 else (cur_table or _first(tables))
                parts.append([])
            elif cur_table not in tables:
                cur_table = _first(tables)
                parts.append([])
        if not parts:
            parts.append([])
        parts[-1].append(tok)
    out = []
    for part in parts:
        # (plain dicts, not Counters: a few keys, and Counter's methods are Python code)
        votes: dict[str, float] = {}
        templates: dict[str, int] = {}
        for tok in part:
            if tok.type != "LABEL":
                continue
            infos = tok.info["infos"]     # scan.LabelInfos: its tables and formats worked out once
            tables = infos.vote_tables
            for t in tables:
                votes[t] = votes.get(t, 0) + 1 / len(tables)
            for f in infos.templates:
                templates[f] = templates.get(f, 0) + 1
        if not votes:
            continue
        table = max(votes, key=votes.__getitem__)   # the first most voted for
        template = None
        if templates:
            top = max(templates, key=templates.__getitem__)
            if list(templates.values()).count(templates[top]) == 1:   # a format ahead of the others
                template = top
        out.append(Table(table, template, part, Span(part[0].span.start, part[-1].span.end)))
    return out


_BUILD = _Build()


def _first(tables: set) -> str:
    return sorted(tables, key="二三四".index)[0]


def parse(nt: Normalised, path: str, encoding: str) -> Report:
    from report_lint.scan import scan

    tokens = scan(nt)
    preamble, *sections = parser().parse(tokens)
    report = Report(path, encoding, nt, preamble=preamble, sections=sections)
    for sec in sections:
        for t in sec.tables:
            t.section = sec
    return report
