"""`--format junit`: JUnit XML for CI test reports — one testsuite per file, one failing
testcase per finding (type = severity), one passing testcase for a clean file, an ``<error>``
for a file that could not be read."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from report_lint.formats import shown
from report_lint.places import where

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s) -> str:
    return _BAD_XML.sub("\ufffd", shown(str(s)))


def render(results, summary, out, **_):
    total = sum(max(1, len(r.findings)) for r in results)
    failures = sum(len(r.findings) for r in results)
    errors = sum(1 for r in results if r.error)
    root = ET.Element("testsuites", name="report-lint", tests=str(total), failures=str(failures),
                      errors=str(errors))
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=_x(r.path), tests=str(max(1, len(r.findings))),
                              failures=str(len(r.findings)), errors="1" if r.error else "0")
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=_x(r.path), name="read")
            ET.SubElement(case, "error", message=_x(r.error), type="input-error").text = _x(r.error)
            continue
        if not r.findings:
            ET.SubElement(suite, "testcase", classname=_x(r.path), name="report-lint")
            continue
        for f in r.findings:
            case = ET.SubElement(suite, "testcase", classname=_x(r.path),
                                 name=_x(f"{f.code} {f.name} ({f.line}:{f.column}){where(f.place)}"))
            fail = ET.SubElement(case, "failure", message=_x(f.message), type=f.severity)
            fail.text = _x(f"{r.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}{where(f.place)}")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
