"""`report-lint extract`: the recovered cells of 表二, 表三 and 表四, one record per cell.

A record: file, year, template, section, table (`二`/`三`/`四`), row and column in the format's
own labels (表三's sub-items with their group, `（三）不予公开 / 4.保护第三方合法权益`; 表四's rows
`行政复议`, `未经复议直接起诉`, `复议后起诉` and columns `结果维持` … `总计`), value (a number, or
null), raw (the text as written: "" for a blank cell, `—` for a placeholder, the whole digit run
for a collapsed row that could not be split), kind (number, blank, placeholder, unreadable,
ambiguous, inconsistent, unaligned, missing) and the line/column of the cell in the original
file (null when the cell is absent from the text). Read from a Word file or web page, a record
also carries `place`: the cell's table and grid position in the document (JSON only).

CSV starts with a UTF-8 byte-order mark (Excel needs it to read UTF-8) and has English column
headers, or Chinese ones with `--headers zh` (文件, 年度, 格式版本, 部分, 表格, 行, 列, 数值, 原文,
类型, 行号, 列号).
"""
from __future__ import annotations

import csv
import json
import sys
from typing import IO, Iterable

from report_lint.read import DEFAULT_MAX_BYTES, InputError, read_source

FIELDS = ("file", "year", "template", "section", "table", "row", "column", "value", "raw", "kind",
          "line", "col")
#: `--headers zh`: the CSV's column headers in Chinese, for a clerk's spreadsheet
ZH_HEADERS = {"file": "文件", "year": "年度", "template": "格式版本", "section": "部分", "table": "表格",
              "row": "行", "column": "列", "value": "数值", "raw": "原文", "kind": "类型",
              "line": "行号", "col": "列号"}


def records(report, places=None) -> list[dict]:
    """Every cell of every mandated table the report prints, in print order; read from a
    document (`places`), each cell found also carries `place`, its table and grid cell there."""
    from report_lint.formats import valid_path

    out = []
    nt = report.normalised
    for t in report.tables:
        if t.layout is None:
            continue
        for row in t.layout.rows:
            for col in row.cells:
                c = t.cells.get((row.id, col.id))
                if c is None:
                    continue
                line = column = None
                if c.span is not None:
                    line, column = nt.line_col(c.span.start)
                value = c.value if c.kind == "number" else None
                if isinstance(value, float) and value.is_integer() and "." not in c.raw:
                    value = int(value)
                out.append({"file": valid_path(report.path), "year": report.year, "template": report.template,
                            "section": t.section.number if t.section else None, "table": t.table,
                            "row": row.name, "column": col.name, "value": value, "raw": c.raw,
                            "kind": c.kind, "line": line, "col": column})
                if places is not None and c.span is not None:
                    out[-1]["place"] = places.locate(c.span.start) or None
    return out


def extract(paths: Iterable[str], encoding: str | None = None, year: int | None = None,
            template: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[dict], list[tuple[str, str]]]:
    """Records of every readable file, and (path, message) for those that could not be read."""
    from report_lint.lint import build_report

    recs: list[dict] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        try:
            source = read_source(path, encoding, max_bytes)
            report = build_report(source, year, template)    # may find the text is no report
        except InputError as e:
            errors.append((path, str(e)))
            continue
        recs += records(report, source.places)
    return recs, errors


def write(recs: list[dict], fmt: str, out: IO[str], headers: str = "en") -> None:
    if fmt == "csv":
        # a UTF-8 byte-order mark first: without it Excel on a Chinese Windows reads the file
        # as GBK and shows mojibake; csv readers and pandas skip it with encoding="utf-8-sig"
        out.write("\ufeff")
        w = csv.writer(out, lineterminator="\n")
        w.writerow([ZH_HEADERS[k] for k in FIELDS] if headers == "zh" else FIELDS)
        from report_lint.formats import shown

        for r in recs:   # a carriage return in a file name would end the record: written escaped
            w.writerow(["" if r[k] is None else shown(r[k]) if k == "file" else r[k] for k in FIELDS])
        return
    json.dump(recs, out, ensure_ascii=False, indent=1)
    out.write("\n")


def run(paths, fmt: str = "json", output: str | None = None, encoding: str | None = None,
        year: int | None = None, template: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
        headers: str = "en") -> int:
    """The sub-command: 0 when every file was read, 2 when one could not be (reported on stderr)."""
    from report_lint.files import expand

    from report_lint.formats import shown
    from report_lint.outputs import OutputError, open_text, refuse_inputs

    files, walk_errors = expand(list(paths))
    refuse_inputs([output], files)          # OutputError: the caller's one-line error
    recs, errors = extract(files, encoding, year, template, max_bytes)
    errors = list(walk_errors) + errors
    out = open_text(output) if output else sys.stdout
    try:
        try:
            write(recs, fmt, out, headers)
            out.flush()
        finally:
            if output:
                out.close()
    except BrokenPipeError:
        raise                      # the reader has gone: main() ends quietly
    except OSError as e:
        raise OutputError(f"{output or '标准输出 (standard output)'}: 无法写入输出 ({e.strerror or e})") from None
    for path, msg in errors:
        print(f"report-lint: {shown(path)}: {shown(msg)}", file=sys.stderr)
    return 2 if errors else 0
