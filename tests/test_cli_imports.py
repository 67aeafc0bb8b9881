"""Startup cost: machine formats never import rich; `import report_lint.cli` loads neither lark
nor opencc (they load when a file is linted)."""
import subprocess
import sys

import pytest

from conftest import ROOT, seed


def _imported(*code_or_args, module=False):
    cmd = [sys.executable, "-X", "importtime"] + (["-m", "report_lint", *code_or_args] if module else ["-c", code_or_args[0]])
    p = subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=60)
    return {line.split("|")[-1].strip() for line in p.stderr.decode().splitlines() if line.startswith("import time:")}


def test_import_cli_is_light():
    mods = _imported("import report_lint.cli")
    assert "click" in mods
    assert not {m for m in mods if m.split(".")[0] in ("lark", "opencc", "rich", "charset_normalizer")}


@pytest.mark.parametrize("fmt", ["concise", "sarif"])
def test_machine_formats_do_not_import_rich(fmt):
    mods = _imported("--format", fmt, "--isolated", str(seed("001")), module=True)
    assert "lark" in mods                  # the file was linted
    assert not {m for m in mods if m.split(".")[0] == "rich"}


def test_full_format_does():
    mods = _imported("--format", "full", "--isolated", str(seed("001")), module=True)
    assert "rich.console" in mods


def test_checking_a_text_report_imports_no_document_reader():
    """python-docx, lxml and the readers load only when a .docx/.html is read."""
    mods = _imported("--format", "concise", "--isolated", str(seed("001")), module=True)
    assert "lark" in mods
    assert not {m for m in mods if m.split(".")[0] in ("docx", "lxml", "pypdfium2")
                or m.startswith("report_lint.readers.")}
    doc = _imported("--format", "concise", "--isolated", str(ROOT / "tests" / "data" / "docx-001.docx"), module=True)
    assert "lxml.etree" in doc and "report_lint.readers.pipe" in doc and "docx" not in doc   # python-docx: templates only


def test_pdfium_loads_only_for_a_pdf():
    txt = _imported("--format", "concise", "--isolated", str(seed("001")), module=True)
    assert not {m for m in txt if m.split(".")[0].startswith("pypdfium2")}
    pdf = _imported("--format", "concise", "--isolated", str(ROOT / "tests" / "data" / "pdf-002.pdf"), module=True)
    assert "report_lint.readers.pdfium" in pdf         # its own few bindings to pypdfium2's library
    assert not {m for m in pdf if m.split(".")[0].startswith("pypdfium2")}


def test_the_page_costs_other_formats_nothing():
    """`--format html` builds its view (report_lint.view) without rich; other formats never load
    the page, its view or the server."""
    mods = _imported("--format", "html", "-o", "/dev/null", "--isolated", str(seed("001")), module=True)
    assert "report_lint.view" in mods
    assert not {m for m in mods if m.split(".")[0] in ("rich", "waitress")}
    mods = _imported("--format", "concise", "--isolated", str(seed("001")), module=True)
    assert not {"report_lint.view", "report_lint.formats.html", "report_lint.serve"} & mods
