"""`--format gitlab`: a GitLab Code Quality report (a JSON array of issues with
``description``, ``check_name``, ``fingerprint``, ``severity`` and ``location.lines``).
The fingerprint is unique per issue: the content fingerprint combined with the path."""
from __future__ import annotations

import hashlib
import json

from report_lint.formats import display_path
from report_lint.places import where

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(results, summary, out, **_):
    issues = []
    for r in results:
        path = display_path(r.path)
        if r.error:
            issues.append({"type": "issue", "description": f"无法检查 (cannot check): {r.error}",
                           "check_name": "input-error", "categories": ["Bug Risk"],
                           "fingerprint": hashlib.md5(f"{path}\0error".encode()).hexdigest(),
                           "severity": "blocker", "location": {"path": path, "lines": {"begin": 1}}})
            continue
        for f in r.findings:
            fp = hashlib.md5(f"{path}\0{f.code}\0{f.extra.get('fingerprint')}\0{f.line}".encode()).hexdigest() \
                if not f.extra.get("fingerprint") else \
                hashlib.md5(f"{path}\0{f.code}\0{f.extra['fingerprint']}".encode()).hexdigest()
            issues.append({"type": "issue", "description": f"{f.code} {f.message}{where(f.place)}",
                           "check_name": f"{f.code} {f.name}", "categories": ["Style"],
                           "fingerprint": fp, "severity": SEVERITY.get(f.severity, "minor"),
                           "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}}})
    out.write(json.dumps(issues, ensure_ascii=False, indent=2))
    out.write("\n")
