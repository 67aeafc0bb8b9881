"""The pipeline for one file, top to bottom: read → normalise → parse → model → rules."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from report_lint.findings import Finding
from report_lint.model import Report
from report_lint.read import DEFAULT_MAX_BYTES, InputError, Source, read_source


@dataclass
class Options:
    """What the command line says about how to read and judge a file."""
    encoding: str | None = None
    year: int | None = None
    template: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = None
    severity: dict[str, str] = field(default_factory=dict)   # per-rule overrides
    deadline: dict[str, str] = field(default_factory=dict)   # reporter kind → "MM-DD" (config `deadline`)
    view: bool = False      # keep what a page needs (report_lint.view): only --format html, serve
    profile: bool = True    # keep what a comparison across years needs (report_lint.profile);
                            # a lone file checked with no --previous and no page needs none


@dataclass
class FileResult:
    """The outcome of checking one file: its findings, or the input error that stopped it."""
    path: str
    encoding: str | None = None
    script: str | None = None
    year: int | None = None
    template: str = "unknown"
    kind: str = "text"                # text | docx | pdf | html: what the file was read as
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    report: Report | None = None      # the parsed model (dropped before crossing a process boundary)
    lines: dict[int, str] = field(default_factory=dict)  # source lines of the findings (for `full`)
    profile: object = None            # report_lint.profile.Profile: what a comparison across years needs
    view: dict | None = None          # report_lint.view.snapshot when Options.view (for `html`)

    def detach(self) -> "FileResult":
        """Drop the parsed model, keeping what the formatters need: picklable and small."""
        self.report = None
        return self

    def to_dict(self) -> dict:
        return {"path": self.path, "encoding": self.encoding, "script": self.script, "year": self.year,
                "template": self.template, "kind": self.kind, "error": self.error,
                "findings": [f.to_dict() for f in self.findings]}


def build_report(source: Source, year: int | None = None, template: str | None = None) -> Report:
    from report_lint import metadata
    from report_lint.normalise import normalise
    from report_lint.parse import parse
    from report_lint.tables import read_tables

    nt = normalise(source.text)
    report = parse(nt, source.path, source.encoding)
    _check_is_report(report)
    metadata.detect(report, year, template)
    read_tables(report)
    return report


def _check_is_report(report: Report) -> None:
    """A text with no heading of the format, no table label and no word of the subject is no
    draft of a report but some other file (a wrong path in a batch): an input error, exit 2,
    rather than a clean pass — nothing in it could be checked."""
    if report.sections or report.tables:
        return
    if any(w in report.normalised.compact for w in ("信息公开", "政务公开", "年度报告")):
        return
    raise InputError(f"{NOT_A_REPORT}：没有找到规定的部分标题、表格栏目或“信息公开”字样 "
                     "(not an annual report on government information disclosure)")


MAX_PER_RULE = 100    # findings listed per rule and file; the rest are one finding that counts them
#: how the input error of a text that is no report begins (the summary counts such files apart)
NOT_A_REPORT = "不是政府信息公开工作年度报告"


def run_rules(report: Report, rules, severity: dict[str, str] | None = None,
              places=None) -> list[Finding]:
    findings: list[Finding] = []
    for rule_cls in rules:
        rule = rule_cls()
        found = list(rule.run(report))
        if severity:
            for f in found:
                f.severity = severity.get(rule.code, severity.get(rule.name, f.severity))
        if len(found) > MAX_PER_RULE:
            found = _capped(found)
        findings += found
    nt = report.normalised
    for f in findings:
        f.line, f.column = nt.line_col(f.span.start)
        f.end_line, f.end_column = nt.line_col(max(f.span.end, f.span.start))
        if places is not None:
            f.place = places.locate(f.span.start) or None
    findings.sort(key=Finding.sort_key)
    return findings


def _capped(found: list[Finding]) -> list[Finding]:
    """The first MAX_PER_RULE findings of one rule in file order, then one finding where the
    next would be that says how many more there are (a damaged copy can repeat one fault
    100,000 times: listing each would take minutes and gigabytes of output, and help nobody)."""
    from report_lint.findings import SEVERITIES

    found.sort(key=Finding.sort_key)
    rest = found[MAX_PER_RULE:]
    first = rest[0]
    worst = min((f.severity for f in rest), key=SEVERITIES.index)
    more = Finding(first.code, first.name, worst,
                   f"另有 {len(rest)} 处同类问题未逐条列出（每条规则每个文件只列出前 {MAX_PER_RULE} 处），"
                   f"请按上面列出的问题一并检查全文 ({len(rest)} more findings of this rule are not listed)",
                   first.span, first.section, first.table)
    more.extra["omitted"] = len(rest)
    return found[:MAX_PER_RULE] + [more]


def lint_source(source: Source, opts: Options, rules) -> FileResult:
    report = build_report(source, opts.year, opts.template)
    report.settings["deadline"] = opts.deadline
    findings = run_rules(report, rules, opts.severity, source.places)
    from report_lint.baseline import assign

    assign(findings, report.normalised.norm)
    lines = {n: report.normalised.line_text(n) for n in sorted({f.line for f in findings})}
    profile = None
    if opts.profile:
        from report_lint.profile import build

        profile = build(report, source.kind, source.places)
    view = None
    if opts.view:
        from report_lint.view import snapshot

        view = snapshot(report)
    return FileResult(source.path, source.encoding, report.script, report.year, report.template,
                      source.kind, None, findings, report=report, lines=lines,
                      profile=profile, view=view)


def lint_path(path: str, opts: Options, rules) -> FileResult:
    """Lint one file. Input problems become ``error``; an internal failure is re-raised."""
    t0 = time.perf_counter()
    try:
        source = read_source(path, opts.encoding, opts.max_bytes)
        result = lint_source(source, opts, rules)   # may find the input is no report (scan.MAX_TOKENS)
    except InputError as e:
        return FileResult(path, error=str(e), seconds=time.perf_counter() - t0)
    result.seconds = time.perf_counter() - t0
    return result
