"""`--format json-lines`: one JSON object per line — a finding (with its ``path``) or a file
that could not be checked (``path`` and ``error``). No summary line: stream-friendly."""
from __future__ import annotations

import json


def render(results, summary, out, **_):
    for r in results:
        if r.error:
            out.write(json.dumps({"path": r.path, "error": r.error}, ensure_ascii=False) + "\n")
            continue
        for f in r.findings:
            out.write(json.dumps({"path": r.path, **f.to_dict()}, ensure_ascii=False) + "\n")
