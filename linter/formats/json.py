"""`--format json`: one document for the whole run (stable key order, UTF-8)."""
from __future__ import annotations

import json


def render(results, summary, out, **_):
    doc = {"files": [r.to_dict() for r in results], "summary": summary}
    out.write(json.dumps(doc, ensure_ascii=False, indent=2))
    out.write("\n")
