"""Configuration files: ``[tool.report-lint]`` in pyproject.toml, or ``report-lint.toml`` /
``.report-lint.toml`` (top-level keys, no ``[tool]`` table).

Discovery is ruff's: for each checked file, the closest configuration file in its directory or
an ancestor wins (in one directory: ``.report-lint.toml``, then ``report-lint.toml``, then a
``pyproject.toml`` that has a ``[tool.report-lint]`` table). Standard input uses the current
directory. ``--config PATH`` uses one file for every input; ``--isolated`` uses none.

Keys (all optional)::

    select = ["RL1", "RL2"]          # replaces the default set (every rule)
    extend-select = ["RL5"]          # adds to it
    ignore = ["heading-wording"]     # removes: code, code prefix or rule name
    fail-on = "error"                # error | warning | info | never
    max-warnings = 10                # exit 1 when there are more warnings than this
    year = 2024                      # do not detect the report year
    template = "2021"                # pre2019 | 2019 | 2021: do not derive the format
    baseline = "report-lint-baseline.json"   # relative to the configuration file
    extend = "../report-lint.toml"   # start from another file's settings (ruff's `extend`)
    deadline = "01-31"               # publication deadline (month-day of the next year), or per
                                     # reporter: [deadline] department/government/township/other
    pair = false                     # do not pair reports with last year's (as --no-pair)

    [severity]                       # ([tool.report-lint.severity] in pyproject.toml)
    RL104 = "error"                  # code, prefix or name = error | warning | info

    [per-file-ignores]               # glob (relative to the configuration file) = selectors
    "archive/**" = ["RL1"]
    "2019-*.txt" = ["RL402"]

With ``extend``, the other file's settings come first and this file's are a layer over them:
its ``select`` starts afresh, ``extend-select`` / ``ignore`` / ``severity`` / ``per-file-ignores``
add to the base's (each glob relative to the file that wrote it), other keys replace.

A broken file is an input error (exit 2) in one line naming the file, the key and the problem.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

CONFIG_NAMES = (".report-lint.toml", "report-lint.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")
TEMPLATES = ("pre2019", "2019", "2021")
KEYS = ("select", "extend-select", "ignore", "severity", "per-file-ignores", "year", "template",
        "fail-on", "max-warnings", "baseline", "extend", "deadline", "pair")
DEADLINE_KINDS = ("department", "government", "township", "other")


class ConfigError(Exception):
    """A configuration file that cannot be used (exit code 2). The message is one line."""


@dataclass
class Config:
    """The settings read from `[tool.report-lint]` or a report-lint.toml (README: Configuration)."""
    path: str | None = None                 # the file it was read from (None: defaults)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: list[tuple[str, list[str], str]] = field(default_factory=list)  # (glob, selectors, root)
    year: int | None = None
    template: str | None = None
    fail_on: str | None = None
    max_warnings: int | None = None
    baseline: str | None = None             # absolute, resolved against the file's directory
    deadline: dict[str, str] = field(default_factory=dict)   # reporter kind → "MM-DD"; {} = the statute's
    pair: bool | None = None                # pair reports across years (None: default, yes)
    extends: list[str] = field(default_factory=list)    # the files it builds on, base first
    layers: list["Selection"] = field(default_factory=list)  # rule selections, base first

    @property
    def selection(self) -> "Selection":
        return Selection(tuple(self.select or ()), tuple(self.extend_select), tuple(self.ignore))

    @property
    def root(self) -> str:
        """The directory per-file-ignores globs are relative to."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def to_dict(self) -> dict:
        return {"config-file": self.path, "extend": self.extends, "select": self.select, "extend-select": self.extend_select,
                "ignore": self.ignore, "severity": self.severity,
                "per-file-ignores": {os.path.relpath(os.path.join(root, g), self.root).replace(os.sep, "/"): s
                                     for g, s, root in self.per_file_ignores}, "year": self.year,
                "template": self.template, "fail-on": self.fail_on, "max-warnings": self.max_warnings,
                "baseline": self.baseline, "deadline": self.deadline, "pair": self.pair}

    def ignored_for(self, path: str) -> list[str]:
        """The per-file-ignores selectors that apply to ``path``."""
        if not self.per_file_ignores or path == "-":
            return []
        ap = os.path.abspath(path)
        base = os.path.basename(path)
        out: list[str] = []
        for glob, sels, root in self.per_file_ignores:
            rel = os.path.relpath(ap, root).replace(os.sep, "/")
            if fnmatchcase(rel, glob) or ("/" not in glob and fnmatchcase(base, glob)):
                out += sels
        return out


# --- discovery ------------------------------------------------------------------------------

def _has_section(pyproject: str) -> bool:
    from report_lint.read import InputError, read_regular

    try:
        if b"report-lint" not in read_regular(pyproject, MAX_BYTES):   # most: skip the TOML parse
            return False
    except InputError:
        return False
    data = _read_toml(pyproject)
    return isinstance(data.get("tool"), dict) and "report-lint" in data["tool"]


def find_config(start: str) -> str | None:
    """The closest configuration file in ``start`` or one of its ancestors."""
    d = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            p = os.path.join(d, name)
            if os.path.isfile(p) and (name != "pyproject.toml" or _has_section(p)):
                return p
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


class Resolver:
    """Configuration per input file, cached per directory and per configuration file."""

    def __init__(self, explicit: str | None = None, isolated: bool = False):
        self.isolated = isolated
        self._dirs: dict[str, str | None] = {}
        self._loaded: dict[str | None, Config] = {}
        self.explicit = load(explicit) if explicit else None

    def for_path(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        if self.isolated:
            return self._get(None)
        d = os.getcwd() if path == "-" else os.path.dirname(os.path.abspath(path))
        if d not in self._dirs:
            self._dirs[d] = find_config(d)
        return self._get(self._dirs[d])

    def files(self) -> list[str]:
        """Every configuration file read so far, with the files they extend."""
        cfgs = list(self._loaded.values()) + ([self.explicit] if self.explicit else [])
        return [p for c in cfgs for p in [*c.extends, c.path] if p]

    def _get(self, p: str | None) -> Config:
        if p not in self._loaded:
            self._loaded[p] = load(p) if p else Config()
        return self._loaded[p]


# --- reading and validating -----------------------------------------------------------------

MAX_BYTES = 1024 * 1024      # a configuration is a few hundred bytes
MAX_DOTS = 32                # dotted key parts on one line: tomllib is quadratic in them


def _read_toml(path: str) -> dict:
    import tomllib

    from report_lint.read import NOT_FOUND, InputError, read_regular

    try:
        data = read_regular(path, MAX_BYTES)
    except InputError as e:
        if str(e) == NOT_FOUND:
            raise ConfigError(f"{path}: 配置文件不存在 (config file not found)") from None
        raise ConfigError(f"{path}: 无法读取配置文件：{e}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: 配置文件不是 UTF-8 编码 (not UTF-8)") from None
    _check_depth(path, text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML 语法错误 (invalid TOML): {e}") from None
    except RecursionError:
        raise ConfigError(f"{path}: 配置文件嵌套过深 (nested too deeply)") from None


_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')   # strings, comments


def _check_depth(path: str, text: str) -> None:
    """Refuse a key nested more than MAX_DOTS deep before tomllib spends minutes on it (a
    100,000-part dotted key takes it 25 s); arrays and inline tables nested too deeply end in
    tomllib's RecursionError, caught above."""
    if text.count(".") <= MAX_DOTS:
        return
    for n, line in enumerate(_STRINGS.sub("", text).split("\n"), start=1):
        if line.count(".") > MAX_DOTS:
            raise ConfigError(f"{path}: 第 {n} 行的键嵌套超过 {MAX_DOTS} 层 (key nested too deeply)")


def load(path: str, _chain: tuple[str, ...] = ()) -> Config:
    if os.path.abspath(path) in _chain:
        raise ConfigError(f"{_chain[-1]}: 配置项 `extend` 形成循环：{' → '.join(_chain + (os.path.abspath(path),))} "
                          "(extend cycle)")
    data = _read_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("report-lint", {}) if isinstance(tool, dict) else {}
        where = "[tool.report-lint]"
    else:
        where = ""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {where} 必须是一个表 (must be a table)")
    cfg = parse(data, path, where)
    base_ref = data.get("extend")
    if base_ref is None:
        cfg.layers = [cfg.selection]
        return cfg
    base = load(os.path.join(cfg.root, base_ref), _chain + (cfg.path,))
    return _merge(base, cfg, data)


def _merge(base: Config, cfg: Config, data: dict) -> Config:
    """This file's settings as a layer over the base's."""
    out = Config(path=cfg.path)
    out.extends = base.extends + [base.path]
    out.select, out.extend_select, out.ignore = cfg.select, cfg.extend_select, cfg.ignore
    out.layers = base.layers + [cfg.selection]
    out.severity = {**base.severity, **cfg.severity}
    out.per_file_ignores = base.per_file_ignores + cfg.per_file_ignores
    for attr, key in (("year", "year"), ("template", "template"), ("fail_on", "fail-on"),
                      ("max_warnings", "max-warnings"), ("baseline", "baseline"), ("deadline", "deadline"),
                      ("pair", "pair")):
        setattr(out, attr, getattr(cfg, attr) if key in data else getattr(base, attr))
    return out


def parse(data: dict, path: str, where: str = "") -> Config:
    def bad(key: str, problem: str):
        shown = f"{where}.{key}" if where else key
        return ConfigError(f"{path}: 配置项 `{shown}` {problem}")

    from report_lint import registry

    rules = registry.all_rules()

    def selectors(key: str, value) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(key, f"应为规则代码、前缀或名称的列表，而不是 {value!r} (expected a list of rule selectors)")
        for v in value:
            if not any(registry.selector_matches(v, r) for r in rules):
                raise bad(key, f"中的 {v!r} 不是已知的规则、前缀或名称 (unknown rule selector; see `report-lint rules`)")
        return list(value)

    cfg = Config(path=os.path.abspath(path))
    for key, value in data.items():
        if key not in KEYS:
            import difflib
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"；是不是 `{close[0]}`？(did you mean `{close[0]}`?)" if close else ""
            raise bad(key, f"不是已知的配置项 (unknown key){hint}")
        if key == "select":
            cfg.select = selectors(key, value)
        elif key == "extend-select":
            cfg.extend_select = selectors(key, value)
        elif key == "ignore":
            cfg.ignore = selectors(key, value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise bad(key, "应为一个表：规则 = \"error\" | \"warning\" | \"info\" (expected a table)")
            for sel, sev in value.items():
                selectors(f"{key}.{sel}", [sel])
                if sev not in SEVERITIES:
                    raise bad(f"{key}.{sel}", f"的值 {sev!r} 无效，应为 error、warning 或 info")
            cfg.severity = dict(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise bad(key, "应为一个表：\"glob\" = [规则…] (expected a table of glob = [selectors])")
            cfg.per_file_ignores = [(g, selectors(f"{key}.\"{g}\"", v), cfg.root) for g, v in value.items()]
        elif key == "year":
            if not isinstance(value, int) or isinstance(value, bool) or not 1990 <= value <= 2100:
                raise bad(key, f"的值 {value!r} 无效，应为 1990–2100 之间的年份 (expected a year)")
            cfg.year = value
        elif key == "template":
            value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
            if value not in TEMPLATES:
                raise bad(key, f"的值 {value!r} 无效，应为 pre2019、2019 或 2021")
            cfg.template = value
        elif key == "fail-on":
            if value not in FAIL_ON:
                raise bad(key, f"的值 {value!r} 无效，应为 error、warning、info 或 never")
            cfg.fail_on = value
        elif key == "max-warnings":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise bad(key, f"的值 {value!r} 无效，应为非负整数 (expected an integer ≥ 0)")
            cfg.max_warnings = value
        elif key == "baseline":
            if not isinstance(value, str) or not value:
                raise bad(key, f"的值 {value!r} 无效，应为文件路径 (expected a path)")
            cfg.baseline = os.path.join(cfg.root, value)
        elif key == "deadline":
            cfg.deadline = _deadline(value, bad)
        elif key == "pair":
            if not isinstance(value, bool):
                raise bad(key, f"的值 {value!r} 无效，应为 true 或 false")
            cfg.pair = value
        elif key == "extend":
            if not isinstance(value, str) or not value:
                raise bad(key, f"的值 {value!r} 无效，应为另一个配置文件的路径 (expected a path)")
            if not os.path.isfile(os.path.join(cfg.root, value)):
                raise bad(key, f"指向的文件 {value!r} 不存在 (file not found)")
    return cfg


def _deadline(value, bad) -> dict[str, str]:
    """`"01-31"` for every reporter, or a table per kind of reporter (department, government,
    township, other): month-day of the year after the report year."""
    import datetime

    def day(key: str, v) -> str:
        try:
            if not isinstance(v, str) or len(v) != 5 or v[2] != "-":
                raise ValueError
            datetime.date(2024, int(v[:2]), int(v[3:]))   # a leap year: 02-29 is a valid setting
        except ValueError:
            raise bad(key, f"的值 {v!r} 无效，应为次年的“月-日”，如 \"01-31\" (expected MM-DD)") from None
        return v

    if isinstance(value, str):
        return {k: day("deadline", value) for k in DEADLINE_KINDS}
    if not isinstance(value, dict):
        raise bad("deadline", f"的值 {value!r} 无效，应为 \"MM-DD\" 或按报告机关分类的表 (expected MM-DD or a table)")
    out = {}
    for k, v in value.items():
        if k not in DEADLINE_KINDS:
            raise bad(f"deadline.{k}", f"不是已知的机关类别，应为 {'、'.join(DEADLINE_KINDS)} 之一")
        out[k] = day(f"deadline.{k}", v)
    return out


# --- rules for one file ---------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """Rule selectors given on the command line: a later layer over the configuration's."""
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def _spec(sels, r) -> int:
    from report_lint import registry
    return max((registry.selector_specificity(s, r) for s in sels if registry.selector_matches(s, r)), default=-1)


def _apply(chosen: list, layer: Selection) -> list:
    """One layer of selectors over the rules chosen so far (ruff: a layer's select starts afresh;
    otherwise extend-select adds and ignore removes, the more specific selector winning)."""
    from report_lint import registry

    if layer.select:
        return registry.select(list(layer.select), list(layer.ignore), list(layer.extend_select))
    if not layer.extend_select and not layer.ignore:
        return chosen
    have = set(chosen)
    out = []
    for r in registry.all_rules():
        s, i = _spec(layer.extend_select, r), _spec(layer.ignore, r)
        if (r in have and i < 0) or (s >= 0 and s > i):
            out.append(r)
    return out


def resolve_rules(cfg: Config, cli: Selection, path: str | None = None) -> list:
    """ruff's layering: every rule, then each configuration layer (a base file's, then the file's
    own), then the command line's — a layer's ``select`` starts afresh — then the file's
    per-file-ignores."""
    from report_lint import registry

    chosen = registry.select(None, None)       # the default set
    for layer in (cfg.layers or [cfg.selection]) + [cli]:
        chosen = _apply(chosen, layer)
    if path is not None:
        pfi = cfg.ignored_for(path)
        if pfi:
            chosen = [r for r in chosen if not any(registry.selector_matches(s, r) for s in pfi)]
    return chosen


def severity_map(cfg: Config) -> dict[str, str]:
    """rule code → severity from the configuration (the most specific selector wins)."""
    if not cfg.severity:
        return {}
    from report_lint import registry

    out = {}
    for r in registry.all_rules():
        best = max(((registry.selector_specificity(s, r), v) for s, v in cfg.severity.items()
                    if registry.selector_matches(s, r)), default=None, key=lambda x: x[0])
        if best is not None:
            out[r.code] = best[1]
    return out
