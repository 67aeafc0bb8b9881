"""Finding the rules: the built-in modules in report_lint.rules, plus any module or class
registered by another package under the entry-point group ``report_lint.rules``."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache

from report_lint.rule import Rule

ENTRY_POINT_GROUP = "report_lint.rules"


def _rules_in(module) -> list[type[Rule]]:
    return [obj for _, obj in inspect.getmembers(module, inspect.isclass)
            if issubclass(obj, Rule) and obj is not Rule and obj.code and obj.__module__ == module.__name__]


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    import report_lint.rules as pkg

    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        for r in _rules_in(importlib.import_module(f"{pkg.__name__}.{info.name}")):
            found[r.code] = r
    for r in _plugin_rules():
        found.setdefault(r.code, r)
    return tuple(sorted(found.values(), key=lambda r: r.code))


def _may_have_plugins() -> bool:
    """Whether any installed distribution on sys.path declares the group. A directory scan and
    a substring test cost about a millisecond; importlib.metadata costs some 20 ms of a cold
    run, so it is asked only when the answer may be yes. Whatever can't be scanned (a zip on
    the path, a finder of its own) counts as a possible yes."""
    import os
    import sys
    from importlib.machinery import PathFinder

    if any(f is not PathFinder and hasattr(f, "find_distributions") for f in sys.meta_path):
        return True
    for entry in sys.path:
        try:
            it = os.scandir(entry or ".")
        except NotADirectoryError:
            return True                      # a zip archive: let importlib.metadata look
        except OSError:
            continue                         # a missing directory holds nothing
        with it:
            for e in it:
                if e.name.endswith((".dist-info", ".egg-info")):
                    try:
                        with open(os.path.join(e.path, "entry_points.txt"), "rb") as fh:
                            if ENTRY_POINT_GROUP.encode() in fh.read():
                                return True
                    except OSError:
                        pass
    return False


def _plugin_rules() -> list[type[Rule]]:
    if not _may_have_plugins():
        return []
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        if inspect.ismodule(obj):
            out += _rules_in(obj)
        elif inspect.isclass(obj) and issubclass(obj, Rule):
            out.append(obj)
    return out


SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def title_of(code: str, name: str) -> str:
    """A finding's Chinese rule title (the name for an unknown or untitled rule)."""
    r = lookup(code)
    return r.label() if r is not None else name


def lookup(key: str) -> type[Rule] | None:
    """A rule by code (RL101) or name (section-missing)."""
    for r in all_rules():
        if key.upper() == r.code or key == r.name:
            return r
    return None


def select(select: list[str] | None, ignore: list[str] | None, extend_select: list[str] | None = None) -> list[type[Rule]]:
    """ruff's semantics: `select` replaces the default set (all rules), `extend-select` adds,
    `ignore` removes; a selector is a code, a code prefix or a rule name; where both a select
    and an ignore selector match a rule, the more specific (longer) one wins."""
    rules = all_rules()
    for sel in (select or []) + (ignore or []) + (extend_select or []):
        if not any(selector_matches(sel, r) for r in rules):
            raise ValueError(f"未知的规则或前缀 {sel!r} (unknown rule selector){_did_you_mean(sel, rules)}")

    def spec(sels, r):
        return max((selector_specificity(s, r) for s in sels if selector_matches(s, r)), default=-1)

    chosen = []
    base = select if select else ["RL"]
    for r in rules:
        s = max(spec(base, r), spec(extend_select or [], r))
        i = spec(ignore or [], r)
        if s >= 0 and s > i:  # equal specificity: ignore wins, as in ruff
            chosen.append(r)
    return chosen


def _did_you_mean(sel: str, rules) -> str:
    """`；是不是 `RL107`？` for a misspelt code or name (as the configuration file's keys)."""
    import difflib

    names = [r.code for r in rules] + [r.name for r in rules]
    close = difflib.get_close_matches(sel.upper() if sel[:2].upper() == "RL" else sel.lower(), names, n=1)
    return f"；是不是 `{close[0]}`？(did you mean `{close[0]}`?)" if close else ""


def selector_matches(sel: str, r: type[Rule]) -> bool:
    return r.code.startswith(sel.upper()) or sel == r.name or sel.upper() == "ALL"


def selector_specificity(sel: str, r: type[Rule]) -> int:
    if sel == r.name:
        return 100
    if sel.upper() == "ALL":
        return 0
    return len(sel)
