"""Legacy .doc and .wps files: converted by LibreOffice when it is installed, else a clear error."""
import os
import shutil
import sys

import pytest

from conftest import ROOT
from report_lint.extract import records
from report_lint.lint import build_report
from report_lint.read import read_source

DOCS = ROOT / "tests" / "data" / "documents"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed: .doc/.wps are not converted "
                                          "(CI installs it, see .ci/run)")


def _cells(path):
    return {(r["table"], r["row"], r["column"]): (r["value"], r["kind"])
            for r in records(build_report(read_source(str(path))))}


@needs_soffice
def test_doc_reads_every_cell_as_its_text_twin():
    source = read_source(str(DOCS / "052.doc"))
    assert source.kind == "docx" and source.places is not None
    assert _cells(DOCS / "052.doc") == _cells(DOCS / "052.txt")


@needs_soffice
def test_wps_named_file_is_converted_too(tmp_path):
    wps = tmp_path / "年报.wps"                  # WPS Writer's .wps is the Word 97 binary format
    wps.write_bytes((DOCS / "006.doc").read_bytes())
    assert _cells(wps) == _cells(DOCS / "006.txt")
    assert os.listdir(tmp_path) == ["年报.wps"]   # nothing written next to the input


@needs_soffice
def test_damaged_doc_is_one_line_input_error(cli, tmp_path):
    bad = tmp_path / "bad.doc"
    bad.write_bytes((DOCS / "003.doc").read_bytes()[:2048])
    r = cli(bad)
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    assert len(r.stdout.decode().strip().splitlines()) == 2     # the error line and the summary


def test_without_libreoffice_says_what_to_do(cli, tmp_path):
    r = cli(DOCS / "003.doc", DOCS / "003.txt", env={"PATH": str(tmp_path)})
    out = r.stdout.decode()
    assert r.returncode == 2
    line = next(x for x in out.splitlines() if x.startswith(str(DOCS / "003.doc")))
    assert "另存为 .docx" in line and "LibreOffice" in line
    assert "003.txt:" in out                    # the batch went on
