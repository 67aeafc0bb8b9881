"""click's own messages in Chinese: usage errors, help headings, did-you-mean.

click marks every message it prints with gettext (`_()` and `ngettext()`, imported into each
of its modules). `install()` puts a lookup in their place that answers from the table below and
falls back to click's English for a message it does not know (a newer click): a clerk reads
Chinese, the English gloss follows in parentheses as in the rest of report-lint's errors.
"""
from __future__ import annotations

import gettext

MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令 (missing command)。",
    "No such command {name!r}.": "没有命令 {name!r} (no such command)。",
    "No such option {name!r}.": "没有选项 {name!r} (no such option)。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受取值 (takes no value)。",
    "Invalid value: {message}": "取值无效 (invalid value)：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效 (invalid value)：{message}",
    "Missing argument": "缺少参数 (missing argument)",
    "Missing option": "缺少选项 (missing option)",
    "Missing parameter": "缺少参数 (missing parameter)",
    "Missing parameter: {param_name}": "缺少参数 (missing parameter)：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "unknown error": "未知错误 (unknown error)",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的首字符无效（{option}）",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内 (out of range)。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数 (not a valid {number_type})。",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} 不是有效的真假值，可用：{states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在 (does not exist)。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是目录 (is a file)。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录，不是文件 (is a directory)。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读 (not readable)。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写 (not writable)。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行 (not executable)。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "env var: {var}": "环境变量：{var}",
    "default: {default}": "默认：{default}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "required": "必填",
    "Value must be an iterable.": "取值必须是一个列表 (must be an iterable)。",
}

PLURALS = {
    "Got unexpected extra argument ({args})": "多余的参数 (unexpected extra argument)：{args}",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要一个取值 (requires an argument)。",
    "{value!r} is not {choice}.": "{value!r} 不是可用的取值，可用：{choice}",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，只给了 {len_value} 个。",
}
PLURALS_MANY = {
    "Got unexpected extra argument ({args})": "多余的参数 (unexpected extra arguments)：{args}",
    "Did you mean {possibility}?": "（是不是以下之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要 {nargs} 个取值 (requires {nargs} arguments)。",
    "{value!r} is not {choice}.": "{value!r} 不是可用的取值，可用：{choices}",
    "{value!r} does not match the format {format}.": "{value!r} 不符合以下任一格式：{formats}。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，给了 {len_value} 个。",
}


def zh_gettext(message: str) -> str:
    return MESSAGES.get(message) or gettext.gettext(message)


def zh_ngettext(singular: str, plural: str, n: int) -> str:
    table = PLURALS if n == 1 else PLURALS_MANY
    return table.get(singular) or gettext.ngettext(singular, plural, n)


def display_len(text: str) -> int:
    """Terminal cells of a help-table entry: a hanzi takes two (click counts characters, and
    `--year 年度` pushed its help text out of line)."""
    import unicodedata

    from click._compat import strip_ansi

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in strip_ansi(text))


def install() -> None:
    """Answer click's gettext calls in Chinese, and align help tables by display width
    (idempotent)."""
    import sys

    import click  # noqa: F401  (its submodules are loaded by the package)
    import click.formatting

    click.formatting.term_len = display_len

    for name in ("core", "parser", "exceptions", "types", "formatting", "decorators", "termui", "utils"):
        mod = sys.modules.get(f"click.{name}")
        if mod is None:
            continue
        if hasattr(mod, "_"):
            mod._ = zh_gettext
        if hasattr(mod, "ngettext"):
            mod.ngettext = zh_ngettext
