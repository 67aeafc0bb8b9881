"""The command line: `report-lint FILE…` checks reports; sub-commands list and explain rules.

Exit codes (as ruff, ESLint, Vale): 0 no error-level finding, 1 error-level findings,
2 usage error, unreadable input or internal error.
"""
from __future__ import annotations

import sys
from typing import NoReturn

import click

from report_lint import __version__
from report_lint.click_zh import install as _chinese_click

_chinese_click()   # before the decorators below: they ask click for their help texts

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130          # 128 + SIGINT, as shells report a Ctrl-C


class _Command(click.Command):
    """A sub-command whose usage line speaks Chinese (`[选项]`)."""

    def __init__(self, *args, **kw):
        kw.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kw)


class _DefaultGroup(click.Group):
    """`report-lint a.txt` means `report-lint check a.txt`; `report-lint` alone shows the
    commands (exit 2, as click's no_args_is_help)."""
    command_class = _Command

    def __init__(self, *args, **kw):
        kw.setdefault("options_metavar", "[选项]")
        kw.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kw)

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-lint")
def cli():
    """report-lint：政府信息公开工作年度报告检查工具 (a linter for government information-disclosure
    annual reports).

    \b
    检查报告：report-lint 年报.txt [更多文件或目录…]（即 report-lint check …）
    各命令的用法：report-lint 命令 --help
    """


def _split(values) -> list[str] | None:
    out = [v.strip() for val in values for v in val.split(",") if v.strip()]
    return out or None


FAIL_LEVELS = {"info": 0, "warning": 1, "error": 2}


def _echo_error(message: str) -> None:
    """One line on stderr (a file name cannot break the line)."""
    from report_lint.formats import shown

    click.echo(f"report-lint: {shown(message)}", err=True)


def _fail(message: str) -> "NoReturn":
    """An input/config error: one line on stderr, exit 2."""
    _echo_error(message)
    sys.exit(EXIT_ERROR)


def _write_output(output: str | None, render) -> None:
    """``render(out)`` into the file ``output``, or standard output (None or "-"). An output that
    cannot be written is one line and exit 2; a reader gone from a pipe (`… | head`) is exit 2
    with nothing more said."""
    from report_lint.outputs import OutputError, open_text, silence_stdout

    to_file = bool(output) and output != "-"
    try:
        out = open_text(output) if to_file else sys.stdout
        try:
            render(out)
            out.flush()
        finally:
            if to_file:
                out.close()
    except OutputError as e:
        _fail(str(e))
    except OSError as e:          # a full disk, /dev/full, a closed pipe
        if not to_file:
            silence_stdout()
            if isinstance(e, BrokenPipeError):
                sys.exit(EXIT_ERROR)
        _fail(f"{output if to_file else '标准输出 (standard output)'}: 无法写入输出 ({e.strerror or e})")


def _output_pairs(fmts, outputs) -> list[tuple[str, str | None]]:
    """`--format A -o FILE_A --format B -o FILE_B --format C`: formats pair with the -o of the
    same position; formats beyond the last -o (or a lone format) go to standard output, and an
    -o without a format gets `concise`. Standard output without --format: `full` on a terminal,
    `github` in GitHub Actions, else `concise`."""
    import os

    pairs = []
    for i in range(max(len(fmts), len(outputs), 1)):
        out = outputs[i] if i < len(outputs) else None
        fmt = fmts[i] if i < len(fmts) else None
        if fmt is None:
            if out is None and sys.stdout.isatty():
                fmt = "full"
            elif out is None and os.environ.get("GITHUB_ACTIONS") == "true":
                fmt = "github"          # annotations in a GitHub Actions log
            else:
                fmt = "concise"
        pairs.append((fmt, out))
    if sum(1 for _, o in pairs if o is None or o == "-") > 1:
        raise click.UsageError("只能有一个格式写到标准输出，其余请用 -o FILE 指定文件 "
                               "(only one format can go to standard output; pair the others with -o FILE)")
    return pairs


def exit_code(summary: dict, fail_on: str = "error", max_warnings: int | None = None,
              exit_zero: bool = False) -> int:
    """2 if some input could not be read; else 1 when a finding at or above `fail_on` exists or
    the warnings exceed `max_warnings` (unless `exit_zero`); else 0."""
    if summary["unreadable"]:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    counts = {"error": summary["errors"], "warning": summary["warnings"], "info": summary["infos"]}
    if fail_on != "never" and any(n and FAIL_LEVELS[sev] >= FAIL_LEVELS[fail_on] for sev, n in counts.items()):
        return EXIT_FINDINGS
    if max_warnings is not None and summary["warnings"] > max_warnings:
        return EXIT_FINDINGS
    return EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, metavar="[路径]...")
@click.option("--format", "--output-format", "fmts", multiple=True,
              type=click.Choice(["full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab",
                                 "html"]),
              metavar="格式",
              help="输出格式，可重复并与 -o 配对（默认：终端上为 full，否则为 concise）：full、concise、json、"
                   "json-lines、sarif、github、junit、gitlab、html（网页）。")
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False), metavar="文件",
              help="把对应的 --format 格式的结果写入文件，可重复。")
@click.option("--select", multiple=True, metavar="规则",
              help="只运行这些规则：代码、前缀或名称，可用逗号分隔（如 RL1、RL107、table-missing）。")
@click.option("--extend-select", multiple=True, metavar="规则", help="在选中的规则之外再加上这些规则。")
@click.option("--ignore", multiple=True, metavar="规则", help="不运行这些规则：代码、前缀或名称。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="使用这个配置文件（不再查找 pyproject.toml / report-lint.toml）。")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件。")
@click.option("--year", type=click.IntRange(1990, 2100), default=None, metavar="年度",
              help="指定报告年度（不自动判断）。")
@click.option("--template", type=click.Choice(["pre2019", "2019", "2021"]), default=None,
              help="指定适用的格式版本（不按年度判断）。")
@click.option("--encoding", default=None, metavar="编码", help="指定文件编码（如 gb18030、big5），不自动识别。")
@click.option("--max-size", "max_size", type=click.IntRange(1), default=None, metavar="字节数",
              help="单个文件的大小上限，单位字节（默认 20 MB）。")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="基线文件：其中记录的已知问题不再报告。")
@click.option("--update-baseline", is_flag=True, help="把本次的全部问题写入基线文件。")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="哪一级及以上的问题使退出码为 1（默认 error）。")
@click.option("--max-warnings", type=click.IntRange(0), default=None, metavar="N", help="警告超过 N 个时退出码为 1。")
@click.option("--exit-zero", is_flag=True, help="即使有问题也以 0 退出（无法读取的文件仍为 2）。")
@click.option("--statistics", is_flag=True, help="按规则统计问题数量，而不逐条列出（full、concise、json 格式）。")
@click.option("-q", "--quiet", is_flag=True, help="只输出问题本身（不输出汇总和进度条）。")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, metavar="N",
              help="并行进程数（默认：本机的 CPU 核数）。")
@click.option("--previous", "previous", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="上一年度的报告：与之比对结转数、现行有效件数和文字重复（同一机关上一年的报告）。")
@click.option("--no-pair", "no_pair", is_flag=True,
              help="不在一批报告中自动配对上一年度报告。")
@click.option("--debug", is_flag=True, help="内部错误时显示完整的 Python 回溯。")
def check(paths, fmts, outputs, select, extend_select, ignore, config_path, isolated, year, template,
          encoding, max_size, baseline_path, update_baseline, fail_on, max_warnings, exit_zero,
          statistics, quiet, jobs, previous, no_pair, debug):
    """检查年度报告 (check reports)。

    \b
    路径：文件、目录（其下所有 .txt、.md、.docx、.doc、.wps、.pdf、.html、.htm 文件）或 -（标准输入）。
    退出码：0 没有问题，1 有问题，2 用法错误或文件无法读取。
    """
    from report_lint import batch, formats
    from report_lint.config import Selection
    from report_lint.lint import FileResult
    from report_lint.outputs import OutputError, refuse_duplicates, refuse_inputs

    if not paths:
        raise click.UsageError("请指定要检查的文件或目录（用 - 表示标准输入）。 (no files given)")
    pairs = _output_pairs(fmts, outputs)
    cli_sel = Selection(tuple(_split(select) or ()), tuple(_split(extend_select) or ()),
                        tuple(_split(ignore) or ()))
    try:
        from report_lint import registry
        registry.select(list(cli_sel.select) or None, list(cli_sel.ignore), list(cli_sel.extend_select))
    except ValueError as e:
        raise click.UsageError(str(e))
    run_cfg, entries, files, tasks, inputs = _plan(paths, config_path, isolated, cli_sel, encoding, year,
                                                   template, max_size,
                                                   view=any(f == "html" for f, _ in pairs),
                                                   profile=bool(previous) or any(f == "html" for f, _ in pairs))
    baseline_file = baseline_path or run_cfg.baseline
    if update_baseline and not baseline_file:
        raise click.UsageError("--update-baseline 需要 --baseline FILE（或配置项 baseline） (no baseline file given)")
    inputs += [previous] if previous else []
    try:   # never write what is read: a checked file, a configuration file, the baseline
        refuse_inputs([baseline_file] if update_baseline else [], inputs)
        refuse_inputs([o for _, o in pairs], inputs + ([baseline_file] if baseline_file else []))
        refuse_duplicates([o for _, o in pairs] + ([baseline_file] if update_baseline else []))
    except OutputError as e:
        _fail(str(e))
    if not entries and not quiet:
        click.echo("report-lint: 警告：没有找到要检查的报告文件（.txt、.md、.docx、.doc、.wps、.pdf、.html、.htm） (no files found)", err=True)
    show_progress = not quiet and sys.stderr.isatty()
    checked = iter(batch.run(tasks, jobs, debug=debug, progress=show_progress))
    results = [FileResult(p, error=err) if err else next(checked) for p, err in entries]   # input order
    year_pairs = _across_years(results, tasks, previous, no_pair or run_cfg.pair is False, debug)
    for r in results:      # a name whose bytes are no UTF-8 is shown with those bytes escaped
        r.path = formats.valid_path(r.path)

    baselined = 0
    if baseline_file:
        from report_lint import baseline

        try:
            if update_baseline:
                n = baseline.write(results, baseline_file)
                if not quiet:
                    click.echo(f"已把 {n} 个问题写入基线 {formats.shown(baseline_file)} (baseline written)", err=True)
            baselined = baseline.apply(results, baseline_file)
        except (baseline.BaselineError, OutputError) as e:
            _fail(str(e))

    summary = formats.summarise(results, baselined)
    fail_on = fail_on or run_cfg.fail_on or "error"
    max_warnings = max_warnings if max_warnings is not None else run_cfg.max_warnings
    # the summary line says so when the warnings alone fail the run (not with --exit-zero)
    warn_limit = None if exit_zero else max_warnings
    for fmt, output in pairs:
        def render(out, fmt=fmt):
            if statistics and fmt in formats.TEXT_FORMATS:
                _render_statistics(results, summary, out, quiet, warn_limit)
            elif statistics and fmt == "json":
                import json
                out.write(json.dumps(formats.statistics(results), ensure_ascii=False, indent=2) + "\n")
            else:
                formats.get(fmt).render(results, summary, out, quiet=quiet, pairs=year_pairs,
                                        max_warnings=warn_limit)
        _write_output(output, render)
    if not quiet and all(o and o != "-" for _, o in pairs):   # every output went to a file
        from report_lint.formats.concise import summary_line
        click.echo(summary_line(summary, results, warn_limit), err=True)
    sys.exit(exit_code(summary, fail_on, max_warnings, exit_zero))


def _plan(paths, config_path, isolated, cli_sel, encoding, year, template, max_size, view=False,
          profile=True):
    """The run's own settings, the input entries (path, error) in order, the readable files, a
    task (path, Options, rules) per file, each with the settings of its closest configuration
    (``view``: keep what the html page needs, report_lint.view; ``profile``: what a comparison
    across years needs, report_lint.profile, always kept in a batch of several files), and every
    file the run reads
    (the readable files and the configuration files): never an output."""
    from report_lint.config import ConfigError, Resolver, resolve_rules, severity_map
    from report_lint.files import expand_ordered
    from report_lint.lint import Options
    from report_lint.read import DEFAULT_MAX_BYTES

    try:
        resolver = Resolver(config_path, isolated)
        run_cfg = resolver.for_path("-")          # the run's own settings: the cwd's config
        entries = expand_ordered(list(paths))
        files = [p for p, err in entries if err is None]
        opts_cache: dict = {}
        rules_cache: dict = {}
        tasks = []
        for path in files:
            cfg = resolver.for_path(path)
            key = (id(cfg), tuple(cfg.ignored_for(path)))
            if key not in rules_cache:
                rules_cache[key] = resolve_rules(cfg, cli_sel, path)
            if id(cfg) not in opts_cache:
                opts_cache[id(cfg)] = Options(encoding=encoding, year=year or cfg.year,
                                              template=template or cfg.template,
                                              max_bytes=max_size or DEFAULT_MAX_BYTES,
                                              severity=severity_map(cfg), deadline=cfg.deadline,
                                              view=view, profile=profile or len(files) > 1)
            tasks.append((path, opts_cache[id(cfg)], rules_cache[key]))
    except ConfigError as e:
        _fail(f"配置错误 (config error): {e}")
    return run_cfg, entries, files, tasks, files + resolver.files()


def _across_years(results, tasks, previous: str | None, no_pair: bool, debug: bool) -> list:
    """Checks across years (report_lint.years): each report against ``previous`` (read as the
    checked files are, with the first file's options), else against last year's report found in
    the batch — unless pairing is turned off. An unreadable ``previous`` is an input error."""
    from report_lint import years
    from report_lint.batch import check_one

    if previous is None and (no_pair or len(results) < 2):
        return []
    by_path = {t[0]: t for t in tasks}
    prev = None
    if previous is not None:
        if not tasks:
            return []
        from report_lint.registry import all_rules

        prev = check_one(previous, tasks[0][1], all_rules(), debug, keep_report=False)
        if prev.error:
            _fail(f"{previous}: 上一年度报告无法读取 (--previous): {prev.error}")

    def rules_for(result):
        _, opts, rules = by_path[result.path]
        return rules, opts.severity

    return years.cross_check([r for r in results if r.path in by_path], rules_for, prev)


def _render_statistics(results, summary, out, quiet: bool, max_warnings: int | None = None) -> None:
    from report_lint.formats import shown, statistics
    from report_lint.formats.concise import summary_line

    for row in statistics(results):
        out.write(f"{row['count']:>6}  {row['code']}  {row['name']:<28} [{row['severity']}]\n")
    for r in results:
        if r.error:
            out.write(f"{shown(r.path)}: 错误 (error): {shown(r.error)}\n")
    if not quiet:
        out.write(summary_line(summary, results, max_warnings) + "\n")


@cli.command("extract")
@click.argument("paths", nargs=-1, metavar="[路径]...")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              help="输出格式：json（默认）或 csv（带 UTF-8 BOM，Excel 可直接打开）。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="把结果写入文件。")
@click.option("--year", type=click.IntRange(1990, 2100), default=None, metavar="年度",
              help="指定报告年度（不自动判断）。")
@click.option("--template", type=click.Choice(["pre2019", "2019", "2021"]), default=None,
              help="指定适用的格式版本（不按年度判断）。")
@click.option("--encoding", default=None, metavar="编码", help="指定文件编码（如 gb18030、big5），不自动识别。")
@click.option("--headers", type=click.Choice(["en", "zh"]), default="en",
              help="CSV 的列标题：en（默认，英文，便于脚本）或 zh（中文：文件、年度、表格、行、列、数值……）。")
def extract_cmd(paths, fmt, output, year, template, encoding, headers):
    """导出表二、表三、表四的数据，每个单元格一条记录 (write the recovered table cells, one record per cell)."""
    from report_lint.extract import run
    from report_lint.outputs import OutputError, silence_stdout

    if not paths:
        raise click.UsageError("请指定要导出的文件或目录（用 - 表示标准输入）。 (no files given)")
    output = None if output == "-" else output      # `-o -` is standard output, as for check
    try:
        code = run(paths, fmt, output, encoding, year, template, headers=headers)
    except OutputError as e:
        if not output:
            silence_stdout()
        _fail(str(e))
    sys.exit(code)


@cli.command("summary")
@click.argument("paths", nargs=-1, metavar="[路径]...")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              help="输出格式：csv（默认，带 BOM，Excel 可直接打开）或 json。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="把结果写入文件。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="使用这个配置文件（不再查找 pyproject.toml / report-lint.toml）。")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件。")
@click.option("--previous", "previous", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="上一年度的报告（同一机关上一年的报告）。")
@click.option("--no-pair", "no_pair", is_flag=True, help="不自动配对上一年度报告。")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, metavar="N", help="并行进程数。")
def summary_cmd(paths, fmt, output, config_path, isolated, previous, no_pair, jobs):
    """每份报告一行的汇总表：机关、年度、表三表四合计、问题数、本年新收同比 (one row per report)."""
    from report_lint import batch
    from report_lint.config import Selection
    from report_lint.lint import FileResult
    from report_lint.summary import rows, write

    if not paths:
        raise click.UsageError("请指定要汇总的文件或目录（用 - 表示标准输入）。 (no files given)")
    output = None if output == "-" else output      # `-o -` is standard output, as for check
    from report_lint.outputs import OutputError, refuse_inputs

    run_cfg, entries, files, tasks, inputs = _plan(paths, config_path, isolated, Selection(), None, None, None,
                                                   None)
    try:
        refuse_inputs([output], inputs + ([previous] if previous else []))
    except OutputError as e:
        _fail(str(e))
    checked = iter(batch.run(tasks, jobs))
    results = [FileResult(p, error=err) if err else next(checked) for p, err in entries]
    pairs = _across_years(results, tasks, previous, no_pair or run_cfg.pair is False, False)
    from report_lint.formats import valid_path

    for r in results:      # a name whose bytes are no UTF-8 is shown with those bytes escaped
        r.path = valid_path(r.path)
    _write_output(output, lambda out: write(rows(results, pairs), fmt, out))
    for r in results:
        if r.error:
            _echo_error(f"{r.path}: {r.error}")
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听的地址；只有明确指定时才对本机以外开放 (address to listen on).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, metavar="端口",
              help="端口 (port).")
@click.option("--max-upload", type=click.IntRange(1), default=10 * 1024 * 1024, show_default=True,
              metavar="字节数", help="单个上传文件的大小上限，单位字节 (bytes per file).")
@click.option("--max-files", type=click.IntRange(1, 1000), default=20, show_default=True, metavar="N",
              help="一次最多上传的文件数 (files per request).")
def serve_cmd(host, port, max_upload, max_files):
    """在本机打开检查网页：选择报告草稿，查看检查结果 (a local web page to upload drafts and see the HTML report)."""
    from report_lint.serve import run

    sys.exit(run(host, port, max_upload, max_files))


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              help="输出格式：text（默认）、json 或 markdown（README 的规则表）。")
def list_rules(fmt):
    """列出所有规则：代码、名称、级别和说明 (list every rule)。"""
    from report_lint.registry import all_rules

    if fmt == "markdown":
        from report_lint.docs import rules_table
        click.echo(rules_table(), nl=False)
        return
    from report_lint.click_zh import display_len
    from report_lint.registry import SEVERITY_WORDS

    rows = [{"code": r.code, "name": r.name, "title": r.title, "severity": r.severity,
             "summary": r.summary(), "family": r.family()} for r in all_rules()]
    if fmt == "json":
        import json
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        title = r["title"] or r["name"]
        pad = " " * max(1, 22 - display_len(title))
        click.echo(f"{r['code']}  {title}{pad}{SEVERITY_WORDS.get(r['severity'], r['severity'])}  "
                   f"{r['summary']}（{r['name']}）")


@cli.command("rule")
@click.argument("key", metavar="规则")
def explain(key):
    """显示一条规则的完整说明：按代码（RL107）或名称（table-missing）查找 (print a rule's documentation)。"""
    from report_lint.registry import lookup

    r = lookup(key)
    if r is None:
        raise click.UsageError(f"没有这条规则：{key} (unknown rule; see `report-lint rules`)")
    from report_lint.registry import SEVERITY_WORDS

    click.echo(f"{r.code} {r.label()}（{r.name}），级别：{SEVERITY_WORDS.get(r.severity, r.severity)} ({r.severity})\n")
    click.echo(r.doc())


@cli.command("config")
@click.argument("path", required=False, default=None, metavar="[路径]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="使用这个配置文件。")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="输出格式：text（默认）或 json。")
def show_config(path, config_path, isolated, fmt):
    """显示对某个路径生效的配置（默认：当前目录）和启用的规则 (show the resolved settings)。"""
    import json
    import os

    from report_lint.config import ConfigError, Resolver, Selection, resolve_rules, severity_map

    try:
        resolver = Resolver(config_path, isolated)
        target = path or "-"
        if path and os.path.isdir(path):
            target = os.path.join(path, "_")   # the directory's own configuration
        cfg = resolver.for_path(target)
        rules = resolve_rules(cfg, Selection(), target if path and not os.path.isdir(path) else None)
        sev = severity_map(cfg)
    except ConfigError as e:
        _fail(f"配置错误 (config error): {e}")
    doc = cfg.to_dict()
    doc["fail-on"] = doc["fail-on"] or "error"
    doc["rules"] = [{"code": r.code, "name": r.name, "severity": sev.get(r.code, r.severity)} for r in rules]
    if fmt == "json":
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for k, v in doc.items():
        if k == "rules":
            click.echo(f"rules ({len(v)}):")
            for r in v:
                click.echo(f"  {r['code']}  {r['name']:<28} {r['severity']}")
        else:
            click.echo(f"{k} = {json.dumps(v, ensure_ascii=False)}")


@cli.command("template")
@click.option("--year", type=click.IntRange(2019, 2100), required=True, metavar="年度",
              help="报告年度（2019–2020 用 2019 年格式，2021 起用 2021 年格式）。")
@click.option("--format", "fmt", type=click.Choice(["text", "docx"]), default="text",
              help="text（默认，纯文本）或 docx（Word 文档，表格按官方模板合并单元格；须用 -o 指定文件）。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None, metavar="文件",
              help="写入文件而不是标准输出。")
def template_cmd(year, fmt, output):
    """输出某一年度规定格式的空白报告，供填写 (print the blank mandated skeleton for a report year)。"""
    if fmt == "docx":
        if not output:
            raise click.UsageError("Word 模板须用 -o 指定输出文件，如 -o 模板.docx (--format docx needs -o FILE)")
        from report_lint.template_docx import write_template

        try:
            write_template(year, output)
        except OSError as e:
            _fail(f"{output}: 无法写入输出 ({e.strerror or e})")
        return
    from report_lint.template import render_template

    text = render_template(year)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            _fail(f"{output}: 无法写入 ({e.strerror})")
    else:
        click.echo(text, nl=False)


@cli.command("text")
@click.argument("path", metavar="路径")
@click.option("-n", "--line-numbers", is_flag=True, help="每行前加行号。")
@click.option("--encoding", default=None, metavar="编码", help="指定文本文件的编码（如 gb18030），不自动识别。")
def text_cmd(path, line_numbers, encoding):
    """输出 report-lint 从文件中读出的文字（Word、PDF、网页的正文和表格），检查结果的行号和列号都指这份文字
    (print the text report-lint read from a file: findings' line and column refer to it)."""
    from report_lint.read import InputError, read_source

    try:
        source = read_source(path, encoding)
    except InputError as e:
        _fail(f"{path}: {e}")
    text = source.text if source.text.endswith("\n") else source.text + "\n"
    if line_numbers:
        lines = text.splitlines()
        w = len(str(len(lines)))
        text = "".join(f"{i:>{w}}  {line}\n" for i, line in enumerate(lines, 1))
    click.echo(text, nl=False)


def main():
    try:
        cli.main(standalone_mode=False)
        _flush_stdout()
    except click.exceptions.Exit as e:
        _flush_stdout()
        sys.exit(e.exit_code)
    except click.exceptions.NoArgsIsHelpError as e:   # `report-lint` alone: the commands, as help
        click.echo(e.ctx.get_help())
        _flush_stdout()
        sys.exit(EXIT_ERROR)
    except click.UsageError as e:     # one line, as every other error (click prints four)
        cmd = e.ctx.command_path if e.ctx else "report-lint"
        _fail(f"用法错误 (usage error): {e.format_message()}；见 `{cmd} --help`")
    except click.ClickException as e:
        _fail(e.format_message())
    except (click.exceptions.Abort, KeyboardInterrupt):   # Ctrl-C (click turns it into Abort)
        import os

        try:
            print("report-lint: 已中断 (interrupted)", file=sys.stderr, flush=True)
            _flush_stdout()
        except OSError:
            pass
        # os._exit, not sys.exit: the process pool's exit hook would join its manager thread,
        # which may write to a wake-up pipe already closed by the interrupted shutdown and print
        # "Exception ignored … Bad file descriptor" after our message; nothing is left to write.
        os._exit(EXIT_INTERRUPTED)
    except SystemExit:
        _flush_stdout()
        raise
    except OSError as e:  # reading or writing failed in a way no command foresaw: not our bug
        from report_lint.outputs import silence_stdout

        silence_stdout()
        if isinstance(e, BrokenPipeError):   # `report-lint … | head`: the reader has gone
            sys.exit(EXIT_ERROR)
        _fail(f"{e.filename}: " * bool(e.filename) + f"输入输出错误 (I/O error: {e.strerror or e})")
    except Exception as e:  # never a traceback: one line, exit 2
        if "--debug" in sys.argv:
            raise
        print(f"report-lint: 内部错误 (internal error): {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(EXIT_ERROR)


def _flush_stdout() -> None:
    """Write out what is buffered for standard output now, so that a full disk or a closed pipe
    is reported as such (main's OSError), not as a traceback at the interpreter's exit."""
    if sys.stdout is not None:
        sys.stdout.flush()
