"""Checks across years: a report against last year's report of the same agency.

The per-file pipeline leaves a Profile on each FileResult (report_lint.profile); this stage
runs after the batch, in the main process, on those profiles alone:

* ``pair(results)`` — in a batch, each report's predecessor: the same agency (normalised name,
  report_lint.agency.agency_key) and the year before. Where two reports would fit, none is
  taken and the report gets a note (RL605).
* ``compare(cur, prev, rules, severity)`` — the findings of the cross-year rules (a
  ``YearRule`` subclass in rules/, RL6xx) for one pair, added to ``cur.findings`` with
  ``extra["previous"]`` naming last year's file, fingerprinted as the others are, sorted as the
  others are; the baseline and the exit code then apply to them as to any finding.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from report_lint.findings import Finding
from report_lint.rule import Rule


@dataclass
class Pair:
    """A report and last year's report (``prev``), or a note on why it has none (``note``)."""
    cur: object                  # FileResult
    prev: object | None          # FileResult
    note: str | None = None      # ambiguous:<paths> | apart | other-agency

    @property
    def prev_name(self) -> str:
        """Last year's report as a message names it."""
        return "标准输入" if self.prev is None or self.prev.path == "-" else self.prev.path


class YearRule(Rule):
    """A rule that compares a report with last year's: it finds nothing in one report alone."""
    applies_to_mandated_only = False

    def check(self, report):
        return ()

    def compare(self, pair: Pair) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def at(self, spot, message: str, pair: Pair, **kw) -> Finding:
        """A finding at a Spot of this year's report that names last year's report."""
        f = self.finding_at(spot, message, **kw)
        if pair.prev is not None:
            f.extra["previous"] = pair.prev.path
        return f

    def finding_at(self, spot, message: str, **kw) -> Finding:
        f = self.finding(None, spot.span, message, **kw)
        f.line, f.column, f.end_line, f.end_column = spot.line, spot.column, spot.end_line, spot.end_column
        f.place = spot.place
        f.extra["_flagged"] = spot.flagged
        return f


def consecutive(pair: Pair) -> bool:
    c, p = pair.cur.profile, pair.prev.profile if pair.prev is not None else None
    return p is not None and c.year is not None and p.year is not None and c.year == p.year + 1


def pair(results) -> list[Pair]:
    """Pairs within a batch: same agency, consecutive years; ambiguous candidates pair none."""
    by_key: dict[tuple[str, int], list] = defaultdict(list)
    for r in results:
        p = r.profile
        if r.error is None and p is not None and p.key and p.year is not None:
            by_key[(p.key, p.year)].append(r)
    out = []
    for r in results:
        p = r.profile
        if r.error is not None or p is None or not p.key or p.year is None:
            continue
        cands = by_key.get((p.key, p.year - 1), [])
        if len(cands) == 1:
            out.append(Pair(r, cands[0]))
        elif len(cands) > 1:
            out.append(Pair(r, None, "ambiguous:" + "\0".join(c.path for c in cands)))
    return out


def with_previous(results, previous) -> list[Pair]:
    """Every checked report against one named last-year report (`--previous FILE`)."""
    out = []
    for r in results:
        if r.error is not None or r.profile is None or r.path == previous.path:
            continue
        out.append(Pair(r, previous, _mismatch(r.profile, previous.profile)))
    return out


def _mismatch(cur, prev) -> str | None:
    """Why a named previous report may not be last year's of the same agency (None: it is)."""
    if cur.year is not None and prev.year is not None and cur.year != prev.year + 1:
        return "apart"
    if cur.key and prev.key and cur.key != prev.key:
        return "other-agency"
    return None


def compare(pairing: Pair, rules, severity: dict | None = None) -> list[Finding]:
    """The cross-year findings for one report (``rules``: that file's selected rules)."""
    out = []
    for rule_cls in rules:
        if not issubclass(rule_cls, YearRule):
            continue
        rule = rule_cls()
        for f in rule.compare(pairing):
            if severity:
                f.severity = severity.get(rule.code, severity.get(rule.name, f.severity))
            out.append(f)
    return out


def add(result, findings: list[Finding]) -> None:
    """Merge cross-year findings into a file's result: fingerprinted, with their source lines,
    sorted with the others."""
    if not findings:
        return
    seen: Counter = Counter()
    for f in findings:            # as baseline.assign: the rule, the flagged text, its occurrence
        text = f.extra.pop("_flagged", "")
        idx = seen[(f.code, text)]
        seen[(f.code, text)] += 1
        f.extra["fingerprint"] = hashlib.sha256(f"{f.code}\0{text}\0{idx}".encode("utf-8")).hexdigest()[:16]
        if f.line not in result.lines and f.line in result.profile.lines:
            result.lines[f.line] = result.profile.lines[f.line]
    result.findings = sorted(result.findings + findings, key=Finding.sort_key)


def cross_check(results, rules_for, previous=None) -> list[Pair]:
    """Pair the results (or each with ``previous``) and add the cross-year findings; return the
    pairs. ``rules_for(result)`` gives (rules, severity) of that file."""
    pairs = with_previous(results, previous) if previous is not None else pair(results)
    for pr in pairs:
        rules, severity = rules_for(pr.cur)
        add(pr.cur, compare(pr, rules, severity))
    return pairs
