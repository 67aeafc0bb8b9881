"""The command line: `report-lint FILE…` checks reports; sub-commands list and explain rules.

Exit codes (as ruff, ESLint, Vale): 0 no error-level finding, 1 error-level findings,
2 usage error, unreadable input or internal error.
"""
from __future__ import annotations

import sys

import click

from report_lint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _DefaultGroup(click.Group):
    """`report-lint a.txt` means `report-lint check a.txt`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-lint")
def cli():
    """report-lint: 政府信息公开工作年度报告检查工具 (a linter for government information-disclosure annual reports)."""


def _split(values) -> list[str] | None:
    out = [v.strip() for val in values for v in val.split(",") if v.strip()]
    return out or None


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["full", "concise", "json"]), default=None,
              help="输出格式 (default: full on a terminal, concise otherwise).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="把结果写入文件 (write the output to FILE).")
@click.option("--select", multiple=True, help="只运行这些规则：代码、前缀或名称，可用逗号分隔 (RL1, RL107, table-missing).")
@click.option("--extend-select", multiple=True, help="在选中的规则之外再加上这些规则。")
@click.option("--ignore", multiple=True, help="不运行这些规则：代码、前缀或名称。")
@click.option("--year", type=click.IntRange(1990, 2100), default=None, help="指定报告年度（不自动判断）。")
@click.option("--template", type=click.Choice(["pre2019", "2019", "2021"]), default=None,
              help="指定适用的格式版本（不按年度判断）。")
@click.option("--encoding", default=None, help="指定文件编码（如 gb18030、big5），不自动识别。")
@click.option("--max-size", "max_size", type=click.IntRange(1), default=None,
              help="单个文件的大小上限，单位字节 (default 20 MB).")
@click.option("--exit-zero", is_flag=True, help="即使有错误也以 0 退出。")
@click.option("--debug", is_flag=True, help="内部错误时显示完整的 Python 回溯。")
def check(paths, fmt, output, select, extend_select, ignore, year, template, encoding, max_size, exit_zero, debug):
    """检查年度报告 (check reports). PATHS: files, directories (.txt/.md, recursively) or - for stdin."""
    from report_lint import formats, registry
    from report_lint.files import expand
    from report_lint.lint import FileResult, Options, lint_path
    from report_lint.read import DEFAULT_MAX_BYTES

    if not paths:
        raise click.UsageError("请指定要检查的文件或目录（用 - 表示标准输入）。 (no files given)")
    try:
        rules = registry.select(_split(select), _split(ignore), _split(extend_select))
    except ValueError as e:
        raise click.UsageError(str(e))
    opts = Options(encoding=encoding, year=year, template=template, max_bytes=max_size or DEFAULT_MAX_BYTES)
    files, walk_errors = expand(list(paths))
    results = [FileResult(p, error=msg) for p, msg in walk_errors]
    for path in files:
        try:
            results.append(lint_path(path, opts, rules))
        except Exception as e:  # an internal error: one line, the batch goes on
            if debug:
                raise
            results.append(FileResult(path, error=f"内部错误 (internal error): {type(e).__name__}: {e}; 用 --debug 查看详情"))
    if fmt is None:
        fmt = "full" if (output is None and sys.stdout.isatty()) else "concise"
    summary = formats.summarise(results)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        formats.get(fmt).render(results, summary, out)
    finally:
        if output:
            out.close()
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if not exit_zero and summary["errors"]:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_rules(fmt):
    """列出所有规则 (list every rule: code, name, severity, summary)."""
    from report_lint.registry import all_rules

    rows = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary(),
             "family": r.family()} for r in all_rules()]
    if fmt == "json":
        import json
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['code']}  {r['name']:<28} {r['severity']:<8} {r['summary']}")


@cli.command("rule")
@click.argument("key")
def explain(key):
    """显示一条规则的说明 (print a rule's documentation, by code or name)."""
    from report_lint.registry import lookup

    r = lookup(key)
    if r is None:
        raise click.UsageError(f"没有这条规则：{key} (unknown rule; see `report-lint rules`)")
    click.echo(f"{r.code} {r.name} ({r.severity})\n")
    click.echo(r.doc())


def main():
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.ClickException as e:
        e.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        sys.exit(EXIT_ERROR)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    except Exception as e:  # never a traceback: one line, exit 2
        if "--debug" in sys.argv:
            raise
        print(f"report-lint: 内部错误 (internal error): {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(EXIT_ERROR)
