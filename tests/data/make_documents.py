"""Build the test documents in tests/data/documents/ the way a drafting office makes them.

Real .docx reports are scarce in public, so this fills the official blank 2021 template
(`tests/data/docx-001.docx`) with the numbers and prose of real published text reports
(`examples/real/`), read by report-lint's own reader (`report_lint.lint.build_report`):

* `NNN.docx` — the template with its table cells' text replaced (merges, widths and styles
  untouched), the title set, and the report's prose in place of the template's `（文字描述）`;
* `NNN.txt`  — the same report as text: the same title, headings and prose, the tables as pipe
  rows (`report_lint.template.table_lines`), so a test can compare what each format yields;
* `NNN.pdf`, `NNN.doc`, `NNN.html` — the .docx exported by LibreOffice (`soffice`), as an office
  would publish it.

A cell report-lint could not read as a number (an ambiguous digit run of the source) is left
blank in every format. Run from the repository root:

    .venv/bin/python tests/data/make_documents.py [NNN ...]

It needs python-docx and LibreOffice; the tests need neither (the outputs are committed).
"""
from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TEMPLATE = os.path.join(HERE, "docx-001.docx")
OUT = os.path.join(HERE, "documents")
REAL = os.path.join(ROOT, "examples", "real")
# complete reports in the 2021 format (the template's): see examples/real/MANIFEST.tsv
REPORTS = ("003.txt", "006.txt", "039.txt", "052.txt", "008.txt")
PLACEHOLDER = re.compile(r"^（文字描述")
_BLANK = re.compile(r"^[\s\u3000]*$")


def _plain(s: str) -> str:
    """A label compared loosely: no spaces, ASCII brackets as the template's full-width ones."""
    return re.sub(r"[\s\u3000]", "", s).replace("(", "（").replace(")", "）")


def report_of(name: str):
    from report_lint.lint import build_report
    from report_lint.read import read_source

    source = read_source(os.path.join(REAL, name))
    return source, build_report(source, None, None)


def agency_of(name: str) -> str:
    with open(os.path.join(REAL, "MANIFEST.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["file"] == name:
                return re.sub(r"\s*[(（].*$", "", row["agency"])
    raise KeyError(name)


def values_of(report) -> dict[str, dict]:
    """{表: {(row id, column id): text}} — numbers as written, anything else blank."""
    out: dict[str, dict] = {}
    for t in report.tables:
        if t.layout is None:
            continue
        vals = out.setdefault(t.table, {})
        for key, cell in t.cells.items():
            vals[key] = cell.raw.strip() if cell.kind == "number" else ""
    return out


def prose_of(source, report) -> dict[str, list[str]]:
    """{section numeral: its paragraphs as written} for the sections without a table."""
    out: dict[str, list[str]] = {}
    for sec in report.sections:
        if sec.definition is None or sec.definition.table:
            continue
        paras = []
        for b in sec.blocks:
            if type(b).__name__ in ("Paragraph", "Subheading"):
                text = source.text[b.span.start:b.span.end].strip().lstrip("#").strip()
                if text:
                    paras.append(text)
        out[sec.definition.numeral] = paras
    return out


def _set_text(paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping its first run's formatting."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)


def _set_cell(cell, text: str) -> None:
    _set_text(cell.paragraphs[0], text)
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)


def _data_cells(row) -> list:
    """The row's blank cells (the ones to fill), each once, in grid order."""
    seen, out = set(), []
    for c in row.cells:
        if c._tc in seen:
            continue
        seen.add(c._tc)
        if _BLANK.match(c.text):
            out.append(c)
    return out


def _row_of(tl, row):
    """The layout row a template row holds (by its last label cell), or None."""
    labels = [_plain(c.text) for c in row.cells if not _BLANK.match(c.text)]
    for r in tl.rows:
        names = {_plain(r.label.numbering + t) for t in r.label.texts}
        if labels and labels[-1] in names:
            return r
    return None


def fill_docx(report_values: dict, prose: dict, title: str, dest: str) -> None:
    import docx

    from report_lint.grammar import layout

    doc = docx.Document(TEMPLATE)
    lay = layout()
    tables = dict(zip("二三四", doc.tables))
    for name, table in tables.items():
        tl = lay.table(name, "2021")
        vals = report_values.get(name, {})
        if name == "四":    # one row of fifteen cells: the three rows' five outcomes in turn
            cells = [c for row in table.rows for c in _data_cells(row)]
            keys = [(r.id, c.id) for r in tl.rows for c in r.cells]
            assert len(cells) == len(keys), (len(cells), len(keys))
            for cell, key in zip(cells, keys):
                _set_cell(cell, vals.get(key, ""))
            continue
        for row in table.rows:
            r = _row_of(tl, row)
            if r is None:
                continue
            cells = _data_cells(row)
            assert len(cells) == len(r.cells), (r.id, len(cells), len(r.cells))
            for cell, col in zip(cells, r.cells):
                _set_cell(cell, vals.get((r.id, col.id), ""))
    paras = doc.paragraphs
    _set_text(next(p for p in paras if "模板" in p.text), title)
    current = None
    for p in list(paras):
        sec = next((s for s in lay.sections if p.text.strip() == s.label.canonical), None)
        if sec is not None:
            current = sec.numeral
            continue
        if PLACEHOLDER.match(p.text.strip()) and current is not None:
            texts = prose.get(current) or [""]
            _set_text(p, texts[0])
            anchor = p._p
            for text in texts[1:]:
                new = copy.deepcopy(p._p)
                anchor.addnext(new)
                anchor = new
                _set_text(docx.text.paragraph.Paragraph(new, p._parent), text)
    doc.save(dest)


def text_report(report_values: dict, prose: dict, title: str) -> str:
    """The same report as a text file: title, headings, prose, tables as pipe rows."""
    from report_lint.grammar import layout
    from report_lint.template import table_lines

    lines = ["", title, ""]
    for sec in layout().sections:
        lines.append(sec.label.canonical)
        if sec.table:
            # pipes at both ends, as the docx reader prints rows: a blank last cell stays a cell
            lines += [f"| {line} |" for line in table_lines(sec.table, "2021", report_values.get(sec.table, {}))]
        else:
            lines += prose.get(sec.numeral) or [""]
    return "\n".join(lines) + "\n"


def export(src: str, fmt: str, outdir: str) -> None:
    """LibreOffice export with a private profile (no user settings, no interference)."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", outdir, src],
                       check=True, timeout=120, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main(names: list[str]) -> None:
    os.makedirs(OUT, exist_ok=True)
    for name in names or REPORTS:
        source, report = report_of(name)
        stem = os.path.splitext(name)[0]
        title = f"{agency_of(name)}{report.year}年度政府信息公开工作年度报告"
        vals, prose = values_of(report), prose_of(source, report)
        with open(os.path.join(OUT, stem + ".txt"), "w", encoding="utf-8") as f:
            f.write(text_report(vals, prose, title))
        dest = os.path.join(OUT, stem + ".docx")
        fill_docx(vals, prose, title, dest)
        for fmt in ("pdf", "doc", "html"):
            export(dest, fmt, OUT)
        print(stem, "done")


if __name__ == "__main__":
    main(sys.argv[1:])
