"""report-lint: a linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

The pipeline, top to bottom: read (bytes → text) → normalise (t2s, width folding, offset map)
→ scan (tokens) → parse (Lark LALR → Report model) → rules (findings) → output.
"""
__version__ = "0.1.0"

if __name__ != "report_lint":
    # The folder linter/ holds the package report_lint (see pyproject.toml). Imported by the
    # folder's name (the repository root on sys.path), every module would load a second time
    # under another name, with classes distinct from report_lint's.
    raise ImportError(f"the folder {__path__[0]!r} is the package report_lint: `import report_lint` "
                      f"(after `pip install -e .`), not `import {__name__}`")
