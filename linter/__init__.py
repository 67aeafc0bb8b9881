"""report-lint: a linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

The pipeline, top to bottom: read (bytes → text) → normalise (t2s, width folding, offset map)
→ scan (tokens) → parse (Lark LALR → Report model) → rules (findings) → output.
"""
__version__ = "0.1.0"
